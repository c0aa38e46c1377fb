import AutoIDFiles
public import AutoIDHashing
public import AutoIDIdentity
import AutoIDJSON
public import AutoIDManifest
public import AutoIDSigning
import FoundationEssentials

/// Makes and co-signs provenance envelopes: content signed as an Auto ID, with the parties, actions and
/// ingredients of autoid-provenance(5).
public enum ProvenanceSigner {
    /// A party as given on a command line: its certificate (with any issuers after it, as in a PEM
    /// bundle), more certificates its issuers may be among, and its role.
    public struct PartyInput: Sendable {
        public var chain: [AutoID]
        /// Issuer certificates from elsewhere (`--chain`), searched by name and signature.
        public var issuers: [AutoID]
        public var role: String
        /// Where the chain came from, for messages.
        public var source: String

        public init(chain: [AutoID], issuers: [AutoID] = [], role: String, source: String) {
            self.chain = chain
            self.issuers = issuers
            self.role = role
            self.source = source
        }
    }

    /// The predicate's entry for a party: the registry identifier (derived through the chain, which must
    /// reach a self-issued root so it can be derived), the certificate's name and kind, and the chain
    /// without its root (the verifier brings its own trusted roots).
    public static func party(_ input: PartyInput) throws -> ProvenanceParty {
        guard ProvenanceVocabulary.roles.contains(input.role) else {
            throw IdentityError(
                .invalidRequest, source: input.source,
                detail: "'\(input.role)' is not a role; use one of \(ProvenanceVocabulary.roles.sorted().joined(separator: ", "))")
        }
        guard let first = input.chain.first else {
            throw IdentityError(.malformed, source: input.source, detail: "holds no certificate")
        }
        let path = AutoIDChainVerifier.issuerPath(of: first, among: Array(input.chain.dropFirst()) + input.issuers)
        guard let identifier = AutoIDChainVerifier.resolveIdentifiers(path)[0].identifier else {
            throw IdentityError(
                .invalidRequest, source: input.source,
                detail: "the Auto ID's registry identifier cannot be derived without its issuers up to the root",
                hint: "add the issuers with --chain (e.g. --chain lab.pem), or put them after the certificate in the file")
        }
        guard let kind = first.kind, SubjectKind.known.contains(kind) else {
            throw IdentityError(
                .invalidRequest, source: input.source,
                detail: "the certificate does not state what its subject is (human, AI model, AI agent, organisation)",
                hint: "issue it with 'autoid-sign issue --kind KIND'")
        }
        let withoutRoot = path.filter { !$0.isSelfIssued || $0.derBytes == first.derBytes }
        return ProvenanceParty(
            identifier: identifier.hexDigits, name: first.commonName, kind: kind.name, role: input.role,
            certificates: withoutRoot.map(\.derBytes))
    }

    /// An ingredient made from an earlier envelope file: the SHA-256 of its bytes and its file name as a
    /// hint for finding it.
    public static func ingredient(envelopeBytes: [UInt8], path: String, relationship: String) -> ProvenanceIngredient {
        let name = PathName.lastComponent(of: path).map(String.init)
        return ProvenanceIngredient(
            relationship: relationship, envelopeSHA256: Hex.encode(SHA256Hasher.hash(envelopeBytes)), name: name)
    }

    /// Hashes `inputs`, builds the statement with `predicate` and signs it with `key`, which must be the
    /// key of the predicate's first party (the signer, whose actions the statement records), and whose
    /// certificate must be valid when the statement says it was made. `signerCertificate` is that party's
    /// certificate as the caller parsed it, if it did (it is parsed again otherwise).
    public static func sign(
        _ inputs: [ContentSigner.Input], algorithms: [HashAlgorithm], predicate: ProvenancePredicate, key: Ed25519PrivateKey,
        signerCertificate: AutoID? = nil, autoDriveCIDs: Bool = false
    ) throws -> Envelope {
        let signer: AutoID
        if let signerCertificate, signerCertificate.derBytes == predicate.parties[0].certificates[0] {
            signer = signerCertificate
        } else {
            signer = try AutoID(derEncoded: predicate.parties[0].certificates[0], source: "the signer's certificate")
        }
        guard signer.subjectPublicKeyInfo == KeyEncoding.subjectPublicKeyInfo(for: key.publicKey) else {
            throw IdentityError(.keyMismatch, source: "signing key", detail: "the signing key is not the key of the --id certificate '\(signer.shownName)'")
        }
        if let created = RFC3339.date(predicate.created), !signer.isValid(at: created) {
            throw IdentityError(
                .invalidRequest, source: signer.label,
                detail:
                    "is valid from \(RFC3339.format(signer.notValidBefore)) to \(RFC3339.format(signer.notValidAfter)), not at the signing time \(predicate.created)",
                hint: "no verifier would accept it; check SOURCE_DATE_EPOCH or renew the certificate")
        }
        let statement = try ContentSigner.statement(
            for: inputs, algorithms: algorithms, predicate: predicate.json, predicateType: ProvenancePredicate.type, autoDriveCIDs: autoDriveCIDs)
        return ContentSigner.envelope(for: statement, signedBy: key)
    }

    /// Adds `key`'s signature to a provenance envelope, without touching its payload. The key must be a
    /// party the statement names (with `certificate`, that very party's certificate), and must not have
    /// signed already.
    public static func cosign(_ envelope: Envelope, source: String, key: Ed25519PrivateKey, certificate: AutoID? = nil) throws -> Envelope {
        guard envelope.payloadType == Statement.payloadType else {
            throw ManifestError(source: source, location: "$.payloadType", detail: "not an in-toto statement; only provenance envelopes are co-signed")
        }
        let statement = try Statement(jsonBytes: envelope.payload, source: source)
        guard statement.predicateType == ProvenancePredicate.type else {
            throw ManifestError(
                source: source, location: "payload.predicateType",
                detail: "'\(statement.predicateType)' names no parties; only \(ProvenancePredicate.type) envelopes are co-signed")
        }
        let predicate = try ProvenancePredicate(json: statement.predicate, source: source, path: "payload.predicate")
        let ownSPKI = KeyEncoding.subjectPublicKeyInfo(for: key.publicKey)
        guard let party = predicate.parties.first(where: { (try? AutoID(derEncoded: $0.certificates[0]))?.subjectPublicKeyInfo == ownSPKI }) else {
            let names = predicate.parties.map { "'\($0.name)' (\($0.role))" }.joined(separator: ", ")
            throw IdentityError(
                .keyMismatch, source: source, detail: "the key is not the key of a party the statement names (\(names))",
                hint: "only named parties co-sign; name a new party with 'autoid-sign --party CERT:ROLE' when signing")
        }
        if let certificate, certificate.derBytes != party.certificates[0] {
            throw IdentityError(
                .keyMismatch, source: certificate.label,
                detail: "is not the certificate the statement names for the party with this key ('\(party.name)', \(party.role))")
        }
        if envelope.signatures.contains(where: { key.publicKey.isValidSignature($0.signature, for: envelope.signedBytes) }) {
            throw IdentityError(.invalidRequest, source: source, detail: "'\(party.name)' has signed this envelope already")
        }
        var signed = envelope
        signed.sign(with: key)
        return signed
    }
}
