import AutoIDHashing
public import AutoIDIdentity
public import AutoIDJSON
public import AutoIDManifest
public import AutoIDSigning
public import FoundationEssentials

/// A personhood factor: one Auto ID (the attester: an e-mail verifier, a web-of-trust peer) states,
/// with a signature, that the subject of another Auto ID controls a linked identity or passed a check.
///
/// Carried as a DSSE envelope with payload type ``payloadType``; the attester's certificate (and its
/// chain) travel inside the signed payload so that a verifier needs only trust roots. Specified in
/// autoid-identity(5).
public struct PersonhoodAttestation: StatementPredicate, Equatable {
    public static let payloadType = "application/vnd.autoid.attestation+json"
    public static let type = "urn:autoid:attestation:personhood:v0.1"

    /// What was checked.
    public struct Factor: Sendable, Hashable, CustomStringConvertible {
        /// `email`, `uri`, or a check with no linked identity such as `in-person` or `peer`.
        public var type: String
        public var value: String

        public init(type: String, value: String) {
            self.type = type
            self.value = value
        }

        /// Parses `TYPE:VALUE` (for example `email:alice@example.org`, `uri:https://...`, `peer:met at ...`).
        public init?(argument: String) {
            guard let colon = argument.firstIndex(of: ":"), colon != argument.startIndex else { return nil }
            type = String(argument[..<colon]).lowercased()
            value = String(argument[argument.index(after: colon)...])
            guard !value.isEmpty, type.allSatisfy({ $0.isLetter || $0 == "-" }) else { return nil }
        }

        public var description: String { "\(type):\(value)" }
    }

    public var subjectIdentifier: String
    /// Lowercase hex SHA-256 of the subject's SubjectPublicKeyInfo DER: binds the attestation to one key.
    public var subjectKeyDigest: String
    public var subjectName: String
    public var factor: Factor
    public var issued: Date
    public var expires: Date
    /// The attester's certificate first, then its chain, DER.
    public var attesterCertificates: [[UInt8]]

    init(
        subjectIdentifier: String, subjectKeyDigest: String, subjectName: String, factor: Factor,
        issued: Date, expires: Date, attesterCertificates: [[UInt8]]
    ) {
        self.subjectIdentifier = subjectIdentifier
        self.subjectKeyDigest = subjectKeyDigest
        self.subjectName = subjectName
        self.factor = factor
        self.issued = issued
        self.expires = expires
        self.attesterCertificates = attesterCertificates
    }

    // MARK: Making

    /// Signs an attestation about `subject` (whose identifier must be resolved) with the attester's key.
    public static func make(
        subject: AutoID, factor: Factor, attester: [AutoID], attesterKey: Ed25519PrivateKey,
        issued: Date, expires: Date
    ) throws -> Envelope {
        guard let identifier = subject.identifier else {
            throw IdentityError(
                .invalidRequest, source: subject.label, detail: "the subject's identifier is unknown",
                hint: "give the subject certificate with its issuer chain up to its root")
        }
        guard let first = attester.first, first.subjectPublicKeyInfo == KeyEncoding.subjectPublicKeyInfo(for: attesterKey.publicKey) else {
            throw IdentityError(.keyMismatch, source: "attester", detail: "the signing key is not the attester certificate's key")
        }
        guard first.subjectPublicKeyInfo != subject.subjectPublicKeyInfo else {
            throw IdentityError(.invalidRequest, source: subject.label, detail: "an Auto ID cannot attest to itself")
        }
        let attestation = PersonhoodAttestation(
            subjectIdentifier: identifier.hexDigits, subjectKeyDigest: Hex.encode(SHA256Hasher.hash(subject.subjectPublicKeyInfo)),
            subjectName: subject.commonName, factor: factor, issued: issued, expires: expires,
            attesterCertificates: attester.map(\.derBytes))
        var envelope = Envelope(payloadType: payloadType, payload: attestation.json.jsonBytes())
        envelope.sign(with: attesterKey)
        return envelope
    }

    public var json: JSONValue {
        .object([
            "_type": .string(Self.type),
            "subject": .object([
                "identifier": .string(subjectIdentifier), "spkiSha256": .string(subjectKeyDigest), "name": .string(subjectName),
            ]),
            "factor": .object(["type": .string(factor.type), "value": .string(factor.value)]),
            "issued": .string(RFC3339.format(issued)),
            "expires": .string(RFC3339.format(expires)),
            "attester": .object(["certificates": .array(attesterCertificates.map { .string(Base64.encode($0)) })]),
        ])
    }

    // MARK: Reading

    /// Parses the payload of an attestation envelope (the signature is checked by ``PersonhoodPolicy``).
    public init(envelope: Envelope, source: String) throws(ManifestError) {
        try self.init(
            json: envelope.jsonPayload(expecting: Self.payloadType, what: "a personhood attestation", source: source), source: source, path: "payload")
    }

    /// Reads an attestation from the JSON of an attestation envelope's payload (a payload that is itself
    /// the predicate: its `_type` is ``type``).
    public init(json root: JSONValue, source: String, path: String) throws(ManifestError) {
        func string(_ value: JSONValue?, _ field: String) throws(ManifestError) -> String {
            guard let text = value?.stringValue else { throw ManifestError(source: source, location: "\(path).\(field)", detail: "missing or not a string") }
            return text
        }
        func date(_ value: JSONValue?, _ field: String) throws(ManifestError) -> Date {
            guard let date = RFC3339.date(try string(value, field)) else {
                throw ManifestError(source: source, location: "\(path).\(field)", detail: "not an RFC 3339 time")
            }
            return date
        }
        guard root["_type"]?.stringValue == Self.type else {
            throw ManifestError(source: source, location: "\(path)._type", detail: "expected \(Self.type)")
        }
        subjectIdentifier = try string(root["subject"]?["identifier"], "subject.identifier").lowercased()
        subjectKeyDigest = try string(root["subject"]?["spkiSha256"], "subject.spkiSha256").lowercased()
        subjectName = try string(root["subject"]?["name"], "subject.name")
        factor = Factor(type: try string(root["factor"]?["type"], "factor.type").lowercased(), value: try string(root["factor"]?["value"], "factor.value"))
        issued = try date(root["issued"], "issued")
        expires = try date(root["expires"], "expires")
        guard let list = root["attester"]?["certificates"]?.arrayValue, !list.isEmpty else {
            throw ManifestError(source: source, location: "\(path).attester.certificates", detail: "missing or empty")
        }
        attesterCertificates = try list.enumerated().map { (index, value) throws(ManifestError) in
            guard let text = value.stringValue, let der = Base64.decode(text) else {
                throw ManifestError(source: source, location: "\(path).attester.certificates[\(index)]", detail: "not base64")
            }
            return der
        }
    }
}
