import AutoIDHashing
public import AutoIDIdentity
public import AutoIDJSON
public import AutoIDManifest
public import AutoIDSigning
public import FoundationEssentials

/// An attestation about deployed contract code: a reviewer's approval (`review`) or a security auditor's
/// (`security-audit`) of one EVM code hash (Keccak-256 of the code), as a DSSE envelope whose payload is
/// this predicate; the attester's Auto ID chain travels inside. Specified in autoid-contract-review(5).
public struct ContractReview: StatementPredicate, Equatable {
    public static let payloadType = "application/vnd.autoid.contract-review+json"
    public static let type = "urn:autoid:predicate:contract-review:v0.1"

    public enum Kind: String, Sendable {
        case review
        case securityAudit = "security-audit"
    }

    /// Lowercase hex Keccak-256 of the deployed code, without `0x`.
    public var codeHash: String
    public var kind: Kind
    /// The attester approves the code (`true`) or rejects it (`false`; never counted).
    public var approved: Bool
    public var issued: Date
    /// The attester's certificate first, then its chain, DER.
    public var attesterCertificates: [[UInt8]]

    public init(codeHash: String, kind: Kind, approved: Bool, issued: Date, attesterCertificates: [[UInt8]]) {
        self.codeHash = codeHash
        self.kind = kind
        self.approved = approved
        self.issued = issued
        self.attesterCertificates = attesterCertificates
    }

    /// Signs an attestation with the attester's key.
    public static func make(codeHash: [UInt8], kind: Kind, approved: Bool = true, issued: Date, attester: [AutoID], key: Ed25519PrivateKey) -> Envelope {
        let review = ContractReview(
            codeHash: Hex.encode(codeHash), kind: kind, approved: approved, issued: issued, attesterCertificates: attester.map(\.derBytes))
        var envelope = Envelope(payloadType: payloadType, payload: review.json.jsonBytes())
        envelope.sign(with: key)
        return envelope
    }

    public var json: JSONValue {
        .object([
            "_type": .string(Self.type), "codeHash": .string("0x" + codeHash), "kind": .string(kind.rawValue),
            "verdict": .string(approved ? "approved" : "rejected"), "issued": .string(RFC3339.format(issued)),
            "attester": .object(["certificates": .array(attesterCertificates.map { .string(Base64.encode($0)) })]),
        ])
    }

    public init(envelope: Envelope, source: String) throws(ManifestError) {
        try self.init(json: envelope.jsonPayload(expecting: Self.payloadType, what: "a contract review", source: source), source: source, path: "payload")
    }

    public init(json root: JSONValue, source: String, path: String) throws(ManifestError) {
        func fail(_ location: String, _ detail: String) -> ManifestError { ManifestError(source: source, location: path + location, detail: detail) }
        guard let members = root.objectValue else { throw fail("", "not a JSON object") }
        if let stranger = members.keys.sorted().first(where: { !["_type", "codeHash", "kind", "verdict", "issued", "attester"].contains($0) }) {
            throw fail(".\(stranger.prefix(40))", "not a member of a contract review")
        }
        guard members["_type"]?.stringValue == Self.type else { throw fail("._type", "expected \(Self.type)") }
        guard let hash = members["codeHash"]?.stringValue, hash.hasPrefix("0x"), hash.count == 66, Hex.decode(hash) != nil else {
            throw fail(".codeHash", "missing, or not 0x and the 64 hex digits of a Keccak-256")
        }
        guard let kindText = members["kind"]?.stringValue, let kind = Kind(rawValue: kindText) else {
            throw fail(".kind", "missing, or not \"review\" or \"security-audit\"")
        }
        guard let verdict = members["verdict"]?.stringValue, verdict == "approved" || verdict == "rejected" else {
            throw fail(".verdict", "missing, or not \"approved\" or \"rejected\"")
        }
        guard let issuedText = members["issued"]?.stringValue, let issued = try? Date(issuedText, strategy: .iso8601) else {
            throw fail(".issued", "missing or not an RFC 3339 time")
        }
        guard let list = members["attester"]?["certificates"]?.arrayValue, (1...16).contains(list.count) else {
            throw fail(".attester.certificates", "missing, or not 1 to 16 certificates")
        }
        attesterCertificates = try list.map { (value) throws(ManifestError) in
            guard let text = value.stringValue, let der = Base64.decode(text) else { throw fail(".attester.certificates", "a certificate is not base64") }
            return der
        }
        codeHash = String(hash.dropFirst(2)).lowercased()
        self.kind = kind
        approved = verdict == "approved"
        self.issued = issued
    }
}
