import AutoIDHashing
import AutoIDJSON
import AutoIDManifest

/// One party to a provenance statement: an Auto ID (its registry identifier, name and kind, and its
/// certificate chain up to but not including a root) and the role it plays.
public struct ProvenanceParty: Sendable, Equatable {
    /// The registry identifier (64 lowercase hex digits), as derived from the chain.
    public var identifier: String
    /// The certificate's common name.
    public var name: String
    /// `human`, `ai-model`, `ai-agent` or `organisation`.
    public var kind: String
    /// A role from ``ProvenanceVocabulary/roles``.
    public var role: String
    /// DER certificates: the party's own first, then its issuers, without the root.
    public var certificates: [[UInt8]]

    public init(identifier: String, name: String, kind: String, role: String, certificates: [[UInt8]]) {
        self.identifier = identifier
        self.name = name
        self.kind = kind
        self.role = role
        self.certificates = certificates
    }

    /// True for AI models and agents.
    public var isAI: Bool { kind == "ai-model" || kind == "ai-agent" }

    var json: JSONValue {
        .object([
            "id": .string(identifier), "name": .string(name), "kind": .string(kind), "role": .string(role),
            "certificates": .array(certificates.map { .string(Base64.encode($0)) }),
        ])
    }

    init(json: JSONValue, reader: ProvenanceJSONReader, path: String) throws(ManifestError) {
        let object = try reader.object(json, path)
        identifier = try reader.hex(object["id"], "\(path).id", bytes: 32)
        name = try reader.text(object["name"], "\(path).name")
        kind = try reader.text(object["kind"], "\(path).kind")
        guard ["human", "ai-model", "ai-agent", "organisation"].contains(kind) else {
            throw ManifestError(source: reader.source, location: "\(path).kind", detail: "'\(kind)' is not human, ai-model, ai-agent or organisation")
        }
        role = try reader.word(object["role"], "\(path).role", from: ProvenanceVocabulary.roles)
        let list = try reader.array(object["certificates"], "\(path).certificates", limit: ProvenancePredicate.Limits.certificatesPerParty)
        guard !list.isEmpty else {
            throw ManifestError(source: reader.source, location: "\(path).certificates", detail: "empty; a party needs its certificate")
        }
        certificates = try list.enumerated().map { (index, value) throws(ManifestError) in
            guard let text = value.stringValue, let der = Base64.decode(text), !der.isEmpty else {
                throw ManifestError(source: reader.source, location: "\(path).certificates[\(index)]", detail: "not base64 DER")
            }
            return der
        }
    }
}
