import AutoIDFiles
import AutoIDJSON
import AutoIDManifest

/// What the content was made from: an earlier envelope (by the SHA-256 of its bytes) and/or content (by
/// its digests), and how it relates (C2PA: parentOf, componentOf, inputTo).
public struct ProvenanceIngredient: Sendable, Equatable {
    public var relationship: String
    /// Lowercase hex SHA-256 of the ingredient envelope file's bytes.
    public var envelopeSHA256: String?
    /// Digests of the ingredient content by algorithm (lowercase hex).
    public var contentDigests: [String: String]
    /// A hint where to find it (a file name), never trusted.
    public var name: String?

    public init(relationship: String, envelopeSHA256: String?, contentDigests: [String: String] = [:], name: String? = nil) {
        self.relationship = relationship
        self.envelopeSHA256 = envelopeSHA256
        self.contentDigests = contentDigests
        self.name = name
    }

    var json: JSONValue {
        var object: [String: JSONValue] = ["relationship": .string(relationship)]
        if let envelopeSHA256 { object["envelope"] = .object(["sha256": .string(envelopeSHA256)]) }
        if !contentDigests.isEmpty { object["content"] = .object(contentDigests.mapValues(JSONValue.string)) }
        if let name { object["name"] = .string(name) }
        return .object(object)
    }

    init(json: JSONValue, reader: ProvenanceJSONReader, path: String) throws(ManifestError) {
        let object = try reader.object(json, path)
        relationship = try reader.word(object["relationship"], "\(path).relationship", from: ProvenanceVocabulary.relationships)
        if let envelope = object["envelope"] {
            let digests = try reader.object(envelope, "\(path).envelope")
            envelopeSHA256 = try reader.hex(digests["sha256"], "\(path).envelope.sha256", bytes: 32)
        }
        var content: [String: String] = [:]
        if let value = object["content"] {
            let digests = try reader.object(value, "\(path).content")
            guard digests.count <= 16 else { throw reader.fail("\(path).content", "\(digests.count) digests; at most 16 are accepted") }
            for (algorithm, digest) in digests {
                let name = try reader.text(.string(algorithm), "\(path).content")
                guard name.utf8.count <= 32, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
                    throw reader.fail("\(path).content", "'\(DisplayName.escape(name))' is not a digest algorithm name")
                }
                content[name] = try reader.hex(digest, "\(path).content.\(name)", bytes: nil)
            }
        }
        contentDigests = content
        guard envelopeSHA256 != nil || !contentDigests.isEmpty else {
            throw ManifestError(source: reader.source, location: path, detail: "names neither an envelope nor content digests")
        }
        name = try object["name"].map { (value) throws(ManifestError) in try reader.text(value, "\(path).name") }
    }
}
