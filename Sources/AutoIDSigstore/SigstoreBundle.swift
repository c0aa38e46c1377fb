/// A Sigstore bundle (`.sigstore.json`): a signature over an artifact, what verifies it (a certificate
/// chain or a public key hint), Rekor entries that logged it, and timestamps.
///
/// Media types v0.1, v0.2 and v0.3 are read (their JSON shapes differ only in where the certificate
/// is); see sigstore/protobuf-specs `sigstore_bundle.proto`. Parsing checks the form and caps every
/// length and count; nothing is trusted until ``SigstoreVerification`` has checked it.
public struct SigstoreBundle: Sendable, Equatable {
    /// The largest bundle read, in bytes: a DSSE bundle carries its payload, so this is generous.
    public static let maximumSize = 16 << 20
    /// The most certificates in a chain (Fulcio's leaf, intermediate and root are three).
    public static let maximumCertificates = 10
    /// The largest certificate, in bytes.
    public static let maximumCertificateSize = 64 * 1024
    /// The most transparency log entries.
    public static let maximumLogEntries = 16
    /// The most DSSE signatures, and the most RFC 3161 timestamps.
    public static let maximumSignatures = 16
    /// The largest DSSE payload, in bytes.
    public static let maximumPayloadSize = 8 << 20

    /// The media types read, and the bundle versions they name.
    public static let mediaTypes: [String: String] = [
        "application/vnd.dev.sigstore.bundle+json;version=0.1": "0.1",
        "application/vnd.dev.sigstore.bundle+json;version=0.2": "0.2",
        "application/vnd.dev.sigstore.bundle+json;version=0.3": "0.3",
        "application/vnd.dev.sigstore.bundle.v0.3+json": "0.3",
    ]

    /// What verifies the signature.
    public enum VerificationKey: Sendable, Equatable {
        /// DER certificates, the signer's (leaf) first.
        case certificates([[UInt8]])
        /// A key the verifier must supply; the hint (often empty) names it.
        case publicKey(hint: String)
    }

    /// A signature over the artifact's digest (hashedrekord).
    public struct MessageSignature: Sendable, Equatable {
        /// The digest algorithm: `SHA2_256`, `SHA2_384` or `SHA2_512`; `nil` when the bundle does not say.
        public var digestAlgorithm: String?
        /// The artifact's digest as the signer computed it; `nil` when the bundle does not say.
        public var digest: [UInt8]?
        /// The signature (ASN.1 DER for ECDSA).
        public var signature: [UInt8]
    }

    /// A DSSE envelope, usually holding an in-toto statement about the artifact.
    public struct DSSEEnvelope: Sendable, Equatable {
        /// The payload's media type.
        public var payloadType: String
        /// The payload bytes (what PAE wraps).
        public var payload: [UInt8]
        /// The signatures over PAE(payloadType, payload).
        public var signatures: [[UInt8]]
    }

    /// What the bundle signs.
    public enum Content: Sendable, Equatable {
        case messageSignature(MessageSignature)
        case dsseEnvelope(DSSEEnvelope)
    }

    /// The media type as the bundle gives it.
    public var mediaType: String
    /// The bundle version it names (`0.1`, `0.2`, `0.3`).
    public var version: String
    /// What verifies the signature.
    public var verificationKey: VerificationKey
    /// The Rekor entries.
    public var logEntries: [TransparencyLogEntry]
    /// RFC 3161 signed timestamps (DER `TimeStampResponse` or token), in order.
    public var timestamps: [[UInt8]]
    /// The signed content.
    public var content: Content
}

extension SigstoreBundle {
    static let hint = "give a Sigstore bundle (.sigstore.json), as cosign sign-blob --bundle or sigstore sign writes"

    /// Parses a bundle's JSON; `source` names it in errors.
    public init(jsonBytes bytes: [UInt8], source: String) throws {
        let root = try JSONReader.parse(bytes, source: source, limit: Self.maximumSize, what: "a Sigstore bundle", hint: Self.hint)
        mediaType = try root.string("mediaType", limit: 200)
        guard let version = Self.mediaTypes[mediaType] else {
            throw SigstoreError(
                .unsupported, input: source, detail: "media type '\(mediaType)' is not a Sigstore bundle v0.1, v0.2 or v0.3",
                hint: "autoid reads application/vnd.dev.sigstore.bundle.v0.3+json and the older versions")
        }
        self.version = version
        let material = try root.object("verificationMaterial")
        verificationKey = try Self.key(material)
        logEntries = try material.optionalObjects("tlogEntries", limit: Self.maximumLogEntries).map(TransparencyLogEntry.init)
        timestamps =
            try material.optionalObject("timestampVerificationData").map { data in
                try data.optionalObjects("rfc3161Timestamps", limit: Self.maximumSignatures).map { try $0.bytes("signedTimestamp", limit: 64 * 1024) }
            } ?? []
        switch (root.has("messageSignature"), root.has("dsseEnvelope")) {
        case (true, false):
            let signature = try root.object("messageSignature")
            let digest = try signature.optionalObject("messageDigest")
            content = .messageSignature(
                MessageSignature(
                    digestAlgorithm: try digest?.string("algorithm", limit: 64),
                    digest: try digest?.bytes("digest", limit: 64),
                    signature: try signature.bytes("signature", limit: 16 * 1024)))
        case (false, true):
            let envelope = try root.object("dsseEnvelope")
            let signatures = try envelope.objects("signatures", limit: Self.maximumSignatures).map { try $0.bytes("sig", limit: 16 * 1024) }
            guard !signatures.isEmpty else { throw envelope.error("signatures", "is empty") }
            content = .dsseEnvelope(
                DSSEEnvelope(
                    payloadType: try envelope.string("payloadType", limit: 1024),
                    payload: try envelope.bytes("payload", limit: Self.maximumPayloadSize),
                    signatures: signatures))
        case (true, true):
            throw SigstoreError(.malformedInput, input: source, detail: "the bundle has both a messageSignature and a dsseEnvelope", hint: Self.hint)
        case (false, false):
            throw SigstoreError(.malformedInput, input: source, detail: "the bundle has neither a messageSignature nor a dsseEnvelope", hint: Self.hint)
        }
    }

    /// `certificate` (v0.3), `x509CertificateChain` (all versions) or `publicKey`, exactly one.
    private static func key(_ material: JSONReader) throws -> VerificationKey {
        let present = ["certificate", "x509CertificateChain", "publicKey"].filter(material.has)
        guard present.count == 1 else {
            throw SigstoreError(
                .malformedInput, input: material.source,
                detail: "verificationMaterial has \(present.isEmpty ? "no" : "more than one") key (certificate, x509CertificateChain or publicKey)",
                hint: hint)
        }
        switch present[0] {
        case "certificate":
            return .certificates([try material.object("certificate").bytes("rawBytes", limit: maximumCertificateSize)])
        case "x509CertificateChain":
            let list = try material.object("x509CertificateChain").objects("certificates", limit: maximumCertificates)
            guard !list.isEmpty else { throw material.error("x509CertificateChain.certificates", "is empty") }
            return .certificates(try list.map { try $0.bytes("rawBytes", limit: maximumCertificateSize) })
        default:
            return .publicKey(hint: try material.object("publicKey").optionalString("hint", limit: 1024) ?? "")
        }
    }
}
