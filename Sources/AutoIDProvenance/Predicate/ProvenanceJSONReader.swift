import AutoIDFiles
import AutoIDJSON
import AutoIDManifest
import FoundationEssentials

/// Strict readers for the provenance predicate's fields: each error names the source and JSON path.
/// Text fields are capped and refused when they hold control characters or bidirectional overrides,
/// which could make a name print as another one.
struct ProvenanceJSONReader {
    let source: String

    func fail(_ path: String, _ detail: String) -> ManifestError {
        ManifestError(source: source, location: path, detail: detail)
    }

    func object(_ value: JSONValue?, _ path: String) throws(ManifestError) -> [String: JSONValue] {
        guard case .object(let members)? = value else { throw fail(path, value == nil ? "missing" : "not a JSON object") }
        return members
    }

    func array(_ value: JSONValue?, _ path: String, limit: Int) throws(ManifestError) -> [JSONValue] {
        guard case .array(let items)? = value else { throw fail(path, value == nil ? "missing" : "not a list") }
        guard items.count <= limit else { throw fail(path, "\(items.count) entries; at most \(limit) are accepted") }
        return items
    }

    func text(_ value: JSONValue?, _ path: String) throws(ManifestError) -> String {
        guard let text = value?.stringValue else { throw fail(path, value == nil ? "missing" : "not a string") }
        guard !text.isEmpty else { throw fail(path, "empty") }
        guard text.utf8.count <= ProvenancePredicate.Limits.text else {
            throw fail(path, "longer than \(ProvenancePredicate.Limits.text) bytes")
        }
        // Printable ASCII (most fields: identifiers, roles, times, names) holds neither a control or
        // direction character nor letters of two scripts; only other text needs the Unicode checks.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7f }) { return text }
        if let problem = DisplayName.deceptionProblem(in: text) { throw fail(path, problem) }
        if let word = Self.mixedScriptWord(text) {
            throw fail(path, "the word '\(word)' mixes letters of different scripts (a look-alike of another name)")
        }
        return text
    }

    func word(_ value: JSONValue?, _ path: String, from allowed: Set<String>) throws(ManifestError) -> String {
        let text = try text(value, path)
        guard allowed.contains(text) else { throw fail(path, "'\(text)' is not one of \(allowed.sorted().joined(separator: ", "))") }
        return text
    }

    func hex(_ value: JSONValue?, _ path: String, bytes: Int?) throws(ManifestError) -> String {
        let text = try text(value, path)
        let isHexDigit: (UInt8) -> Bool = { (0x30...0x39).contains($0) || (0x41...0x46).contains($0) || (0x61...0x66).contains($0) }
        let digits = text.utf8.count  // every byte is checked to be an ASCII hex digit below
        guard digits % 2 == 0, digits > 0, text.utf8.allSatisfy(isHexDigit) else { throw fail(path, "not hex digits") }
        if let bytes, digits != bytes * 2 { throw fail(path, "\(digits / 2) bytes where \(bytes) are expected") }
        return text.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x46 }) ? text.lowercased() : text
    }

    func time(_ value: JSONValue?, _ path: String) throws(ManifestError) -> String {
        let text = try text(value, path)
        guard RFC3339.date(text) != nil else { throw fail(path, "'\(text)' is not an RFC 3339 time such as 2026-01-01T00:00:00Z") }
        return text
    }

    /// The scripts whose letters pass for one another (Latin "a", Cyrillic "а", Greek "α"...), and
    /// fullwidth forms that pass for ASCII. A word mixing two of them is a look-alike: "Аlice" with a
    /// Cyrillic A prints as "Alice".
    enum Script { case latin, greek, cyrillic, armenian, cherokee, fullwidth }

    static func script(of scalar: Unicode.Scalar) -> Script? {
        switch scalar.value {
        case 0x41...0x5a, 0x61...0x7a, 0xc0...0x24f, 0x1e00...0x1eff: .latin
        case 0x370...0x3ff, 0x1f00...0x1fff: .greek
        case 0x400...0x52f, 0x1c80...0x1c8f, 0x2de0...0x2dff, 0xa640...0xa69f: .cyrillic
        case 0x530...0x58f: .armenian
        case 0x13a0...0x13ff, 0xab70...0xabbf: .cherokee
        case 0xff01...0xff5e: .fullwidth
        default: nil
        }
    }

    /// The first word (split at spaces and punctuation) whose letters come from two of those scripts, or
    /// that uses fullwidth forms at all.
    static func mixedScriptWord(_ text: String) -> String? {
        for word in text.split(whereSeparator: { $0.isWhitespace || $0.isPunctuation }) {
            let scripts = Set(word.unicodeScalars.compactMap(script(of:)))
            if scripts.count > 1 || scripts.contains(.fullwidth) { return String(word) }
        }
        return nil
    }
}
