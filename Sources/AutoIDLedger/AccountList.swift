import AutoIDHashing
public import AutoIDIdentity
public import AutoIDJSON
public import AutoIDManifest
public import AutoIDSigning
public import FoundationEssentials

/// A signed account list: which Auto IDs control which accounts, as an Auto ID the auditor trusts states it.
///
/// The key binding of ``AccountAutoIDs`` covers only Ed25519 accounts (the account is the certificate's
/// key); sr25519 accounts, the usual kind on Substrate chains, no certificate can hold. A list maps any
/// `AccountId32` to the identifiers of the Auto IDs that control it. pallet-auto-id keeps no such mapping
/// in state (its storage is `AutoIds` and `CertificateRevocationList` only), so the list is signed off
/// chain, by its issuer's Auto ID, whose certificate and chain travel in the payload.
///
/// Carried as a DSSE envelope with payload type ``payloadType``; specified in autoid-account-list(5).
public struct AccountList: StatementPredicate, Equatable {
    public static let payloadType = "application/vnd.autoid.account-list+json"
    public static let type = "urn:autoid:predicate:account-list:v0.1"
    /// The most entries one list may hold.
    public static let maxEntries = 1_000_000

    /// One account and one Auto ID that controls it (an account controlled by a human and an AI agent has two).
    public struct Entry: Sendable, Hashable {
        /// The `AccountId32`.
        public var account: [UInt8]
        /// The Auto ID's identifier (``AutoIDIdentifier``).
        public var autoID: AutoIDIdentifier

        public init(account: [UInt8], autoID: AutoIDIdentifier) {
            self.account = account
            self.autoID = autoID
        }
    }

    public var entries: [Entry]
    /// The issuer's certificate first, then its chain, DER.
    public var issuerCertificates: [[UInt8]]

    public init(entries: [Entry], issuerCertificates: [[UInt8]]) {
        self.entries = entries
        self.issuerCertificates = issuerCertificates
    }

    // MARK: Making

    /// Signs a list with the issuer's key; `issuer` is the issuer's certificate first, then its chain.
    public static func make(entries: [Entry], issuer: [AutoID], key: Ed25519PrivateKey) throws -> Envelope {
        guard let first = issuer.first, first.subjectPublicKeyInfo == KeyEncoding.subjectPublicKeyInfo(for: key.publicKey) else {
            throw IdentityError(.keyMismatch, source: "issuer", detail: "the signing key is not the issuer certificate's key")
        }
        var envelope = Envelope(
            payloadType: payloadType, payload: AccountList(entries: entries, issuerCertificates: issuer.map(\.derBytes)).json.jsonBytes())
        envelope.sign(with: key)
        return envelope
    }

    /// The predicate; accounts are written in hex, whatever form the draft used.
    public var json: JSONValue {
        .object([
            "_type": .string(Self.type),
            "entries": .array(
                entries.map { .object(["account": .string("0x" + Hex.encode($0.account)), "autoId": .string($0.autoID.hexDigits)]) }),
            "issuer": .object(["certificates": .array(issuerCertificates.map { .string(Base64.encode($0)) })]),
        ])
    }

    /// Reads an unsigned list, as `autoid-sign account-list` takes it: `entries` (with or without `_type`; no
    /// `issuer`, which signing adds), read as strictly as a signed one.
    public static func draft(json: JSONValue, source: String) throws(ManifestError) -> [Entry] {
        guard var members = json.objectValue else { throw ManifestError(source: source, location: "$", detail: "not a JSON object") }
        guard members["issuer"] == nil else {
            throw ManifestError(source: source, location: "$.issuer", detail: "an unsigned list has no issuer; signing adds the --id certificates")
        }
        members["_type"] = members["_type"] ?? .string(type)
        members["issuer"] = .object(["certificates": .array([.string("AA==")])])
        return try AccountList(json: .object(members), source: source, path: "$").entries
    }

    // MARK: Reading

    /// Parses the payload of a list envelope (its signature is checked by ``verify(_:source:trustRoots:revocationLists:at:)``).
    public init(envelope: Envelope, source: String) throws(ManifestError) {
        try self.init(json: envelope.jsonPayload(expecting: Self.payloadType, what: "an account list", source: source), source: source, path: "payload")
    }

    /// Reads a list strictly: every member known, every account an `AccountId32` (hex or SS58), every Auto
    /// ID 64 hex digits, at most ``maxEntries`` entries.
    public init(json root: JSONValue, source: String, path: String) throws(ManifestError) {
        func fail(_ location: String, _ detail: String) -> ManifestError {
            ManifestError(source: source, location: "\(path)\(location)", detail: detail)
        }
        func only(_ object: [String: JSONValue], _ allowed: Set<String>, _ location: String) throws(ManifestError) {
            if let stranger = object.keys.sorted().first(where: { !allowed.contains($0) }) {
                throw fail("\(location).\(stranger.prefix(40))", "not a member of an account list (a newer version?)")
            }
        }
        guard let members = root.objectValue else { throw fail("", "not a JSON object") }
        try only(members, ["_type", "entries", "issuer"], "")
        guard members["_type"]?.stringValue == Self.type else { throw fail("._type", "expected \(Self.type)") }
        guard let list = members["entries"]?.arrayValue else { throw fail(".entries", "missing or not an array") }
        guard list.count <= Self.maxEntries else { throw fail(".entries", "\(list.count) entries; at most \(Self.maxEntries) in one list") }
        var entries: [Entry] = []
        entries.reserveCapacity(list.count)
        for (index, value) in list.enumerated() {
            let location = ".entries[\(index)]"
            guard let entry = value.objectValue else { throw fail(location, "not an object") }
            try only(entry, ["account", "autoId"], location)
            guard let accountText = entry["account"]?.stringValue else { throw fail(location + ".account", "missing or not a string") }
            let account: [UInt8]
            do {
                account = try AccountID.parse(accountText)
            } catch {
                throw fail(location + ".account", "not an AccountId32: \(error)")
            }
            guard let idText = entry["autoId"]?.stringValue, idText.utf8.count == 64, let idBytes = Hex.decode(idText),
                let identifier = AutoIDIdentifier(bytes: idBytes)
            else {
                throw fail(location + ".autoId", "missing, or not an Auto ID identifier (64 hex digits)")
            }
            entries.append(Entry(account: account, autoID: identifier))
        }
        self.entries = entries
        guard let issuer = members["issuer"]?.objectValue, let certificates = issuer["certificates"]?.arrayValue, !certificates.isEmpty,
            certificates.count <= 16
        else {
            throw fail(".issuer.certificates", "missing, empty or longer than 16 certificates")
        }
        try only(issuer, ["certificates"], ".issuer")
        issuerCertificates = try certificates.enumerated().map { (index, value) throws(ManifestError) in
            guard let text = value.stringValue, let der = Base64.decode(text) else {
                throw fail(".issuer.certificates[\(index)]", "not base64")
            }
            return der
        }
    }
}

extension AccountList {
    /// A list whose signature and issuer were checked.
    public struct Verified: Sendable {
        public let list: AccountList
        /// The file it came from, as given.
        public let source: String
        /// The issuer's Auto ID (common name) and identifier.
        public let issuerName: String
        public let issuerIdentifier: String?
    }

    /// Reads and checks the list in `envelope`: the payload is a list; a signature verifies with the Ed25519
    /// key of the issuer certificate it carries; that certificate chains to `trustRoots` at `time` and, with
    /// `revocationLists`, is not revoked.
    ///
    /// - Throws: ``LedgerError``: ``LedgerError/Code/malformedAccountList`` (3), ``LedgerError/Code/badSignature``
    ///   (1) or ``LedgerError/Code/untrustedIssuer`` (2).
    public static func verify(
        _ envelope: Envelope, source: String, trustRoots: [AutoID], revocationLists: [(list: RevocationList, source: String)] = [],
        at time: Date = Date()
    ) async throws(LedgerError) -> Verified {
        let list: AccountList
        do {
            list = try AccountList(envelope: envelope, source: source)
        } catch {
            throw LedgerError(.malformedAccountList, source: source, detail: "\(error)", hint: "an account list is specified in autoid-account-list(5)")
        }
        let issuer = try await IssuerSignature.verify(
            envelope, certificates: list.issuerCertificates, source: source, what: "account lists", malformed: .malformedAccountList,
            trustRoots: trustRoots, revocationLists: revocationLists, at: time)
        return Verified(list: list, source: source, issuerName: issuer.name, issuerIdentifier: issuer.identifier)
    }
}
