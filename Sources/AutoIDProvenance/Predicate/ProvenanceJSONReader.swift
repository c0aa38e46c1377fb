import AutoIDJSON
import AutoIDManifest
import Foundation

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
        if let bad = text.unicodeScalars.first(where: Self.isDeceptive) {
            throw fail(path, "holds the control or direction character U+\(String(bad.value, radix: 16, uppercase: true)), which would change how it prints")
        }
        return text
    }

    func word(_ value: JSONValue?, _ path: String, from allowed: Set<String>) throws(ManifestError) -> String {
        let text = try text(value, path)
        guard allowed.contains(text) else { throw fail(path, "'\(text)' is not one of \(allowed.sorted().joined(separator: ", "))") }
        return text
    }

    func hex(_ value: JSONValue?, _ path: String, bytes: Int?) throws(ManifestError) -> String {
        let text = try text(value, path).lowercased()
        guard text.count % 2 == 0, !text.isEmpty, text.allSatisfy({ $0.isHexDigit && $0.isASCII }) else { throw fail(path, "not hex digits") }
        if let bytes, text.count != bytes * 2 { throw fail(path, "\(text.count / 2) bytes where \(bytes) are expected") }
        return text
    }

    func time(_ value: JSONValue?, _ path: String) throws(ManifestError) -> String {
        let text = try text(value, path)
        guard ISO8601DateFormatter().date(from: text) != nil else { throw fail(path, "'\(text)' is not an RFC 3339 time such as 2026-01-01T00:00:00Z") }
        return text
    }

    /// Controls (C0, DEL, C1), bidirectional overrides and isolates, zero-width characters.
    static func isDeceptive(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1f, 0x7f...0x9f, 0x200b...0x200f, 0x202a...0x202e, 0x2060...0x2069, 0xfeff: true
        default: false
        }
    }
}
