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
        // Controls, direction characters and look-alike words (DisplayName); printable ASCII (most fields:
        // identifiers, roles, times, names) is passed over without decoding.
        if let problem = DisplayName.deceptionProblem(in: text) { throw fail(path, problem) }
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
}
