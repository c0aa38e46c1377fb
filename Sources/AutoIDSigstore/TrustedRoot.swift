import AutoIDJSON
public import FoundationEssentials

/// Sigstore's `TrustedRoot` (`trusted_root.json`, media type
/// `application/vnd.dev.sigstore.trustedroot+json;version=0.1`): the keys and certificate authorities a
/// verifier trusts. Transparency logs (Rekor) and CT logs carry a public key and its log ID; certificate
/// authorities (Fulcio) and timestamp authorities a certificate chain; each has a validity window.
///
/// Read from a file the user chose (usually from Sigstore's TUF repository); autoid never fetches one.
public struct TrustedRoot: Sendable, Equatable {
    /// The largest trusted root read, in bytes.
    public static let maximumSize = 1 << 20
    /// The most logs or authorities of one kind.
    public static let maximumEntries = 64

    /// When a key or authority may be used; `end` is `nil` while it still is.
    public struct ValidityWindow: Sendable, Equatable {
        public var start: Date?
        public var end: Date?

        /// Whether `time` falls in the window.
        public func contains(_ time: Date) -> Bool {
            (start.map { $0 <= time } ?? true) && (end.map { time <= $0 } ?? true)
        }
    }

    /// A transparency log (or CT log) the verifier trusts.
    public struct Log: Sendable, Equatable {
        /// Where the log lives (only a name here: autoid never connects).
        public var baseURL: String
        /// The key's DER SubjectPublicKeyInfo.
        public var publicKey: [UInt8]
        /// The key's type, as Sigstore names it (`PKIX_ED25519`, `PKIX_ECDSA_P256_SHA_256`...).
        public var keyDetails: String
        /// When the key signs.
        public var validity: ValidityWindow
        /// The log's ID (see ``TransparencyLogEntry/logID``).
        public var logID: [UInt8]
    }

    /// A certificate authority (Fulcio) or timestamp authority.
    public struct Authority: Sendable, Equatable {
        /// Its name, from `subject.commonName` or its URI.
        public var name: String
        /// DER certificates, the issuing (lowest) certificate first and the root last.
        public var certificates: [[UInt8]]
        /// When it issues.
        public var validity: ValidityWindow
    }

    /// Rekor logs.
    public var transparencyLogs: [Log]
    /// Fulcio certificate authorities.
    public var certificateAuthorities: [Authority]
    /// Certificate transparency logs (their SCTs are not checked by autoid; kept for reports).
    public var certificateTransparencyLogs: [Log]
    /// RFC 3161 timestamp authorities.
    public var timestampAuthorities: [Authority]
}

extension TrustedRoot {
    static let hint = "give Sigstore's trusted_root.json (from its TUF repository; 'sigstore' and 'cosign' keep a copy)"

    /// Parses a trusted root's JSON; `source` names it in errors.
    public init(jsonBytes bytes: [UInt8], source: String) throws {
        let root = try JSONReader.parse(bytes, source: source, limit: Self.maximumSize, what: "a Sigstore trusted root", hint: Self.hint)
        let mediaType = try root.string("mediaType", limit: 200)
        guard mediaType.hasPrefix("application/vnd.dev.sigstore.trustedroot") else {
            throw SigstoreError(.unsupported, input: source, detail: "media type '\(mediaType)' is not a Sigstore trusted root", hint: Self.hint)
        }
        transparencyLogs = try root.optionalObjects("tlogs", limit: Self.maximumEntries).map(Self.log)
        certificateAuthorities = try root.optionalObjects("certificateAuthorities", limit: Self.maximumEntries).map(Self.authority)
        certificateTransparencyLogs = try root.optionalObjects("ctlogs", limit: Self.maximumEntries).map(Self.log)
        timestampAuthorities = try root.optionalObjects("timestampAuthorities", limit: Self.maximumEntries).map(Self.authority)
    }

    private static func log(_ reader: JSONReader) throws -> Log {
        let key = try reader.object("publicKey")
        return Log(
            baseURL: try reader.optionalString("baseUrl", limit: 1024) ?? "",
            publicKey: try key.bytes("rawBytes", limit: 16 * 1024),
            keyDetails: try key.optionalString("keyDetails", limit: 100) ?? "",
            validity: try window(key.optionalObject("validFor")),
            logID: try reader.object("logId").bytes("keyId", limit: 64))
    }

    private static func authority(_ reader: JSONReader) throws -> Authority {
        let certificates = try reader.object("certChain").objects("certificates", limit: SigstoreBundle.maximumCertificates)
            .map { try $0.bytes("rawBytes", limit: SigstoreBundle.maximumCertificateSize) }
        guard !certificates.isEmpty else { throw reader.error("certChain.certificates", "is empty") }
        let subject = try reader.optionalObject("subject")
        return Authority(
            name: try subject?.optionalString("commonName", limit: 1024) ?? reader.optionalString("uri", limit: 1024) ?? "",
            certificates: certificates,
            validity: try window(reader.optionalObject("validFor")))
    }

    private static func window(_ reader: JSONReader?) throws -> ValidityWindow {
        guard let reader else { return ValidityWindow() }
        func time(_ key: String) throws -> Date? {
            guard let text = try reader.optionalString(key, limit: 64) else { return nil }
            guard let date = RFC3339.date(text) else { throw reader.error(key, "is not an RFC 3339 time") }
            return date
        }
        return ValidityWindow(start: try time("start"), end: try time("end"))
    }
}
