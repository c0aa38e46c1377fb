import AutoIDHashing
public import AutoIDIdentity
public import AutoIDJSON
public import AutoIDManifest
public import AutoIDSigning
import AutoIDState

/// A signed mint/burn journal: what the issuer of a token says happened to its ledger between two
/// snapshots. Every mint, burn and transfer is listed with its account(s) and exact amount, between the
/// total issuance the journal starts from and the one it ends at.
///
/// Carried as a DSSE envelope with payload type ``payloadType`` whose payload is the predicate itself
/// (`_type` ``type``); the issuer's Auto ID certificate (and its chain) travel inside the signed payload,
/// so a verifier needs only trust roots. Specified in autoid-ledger-journal(5).
public struct LedgerJournal: StatementPredicate, Equatable {
    public static let payloadType = "application/vnd.autoid.ledger-journal+json"
    public static let type = "urn:autoid:predicate:ledger-journal:v0.1"
    /// The most entries one journal may list.
    public static let maxEntries = 1_000_000

    /// One movement of the token.
    public enum Entry: Sendable, Hashable {
        /// New tokens credited to `account`; issuance grows by `amount`.
        case mint(account: [UInt8], amount: UInt128)
        /// Tokens taken from `account` and destroyed; issuance shrinks by `amount`.
        case burn(account: [UInt8], amount: UInt128)
        /// Tokens moved from one account to another (fees paid to an account are transfers too).
        case transfer(from: [UInt8], to: [UInt8], amount: UInt128)
    }

    /// `TotalIssuance` when the journal starts (the earlier snapshot's, for the first journal).
    public var previousIssuance: UInt128
    /// `TotalIssuance` when it ends.
    public var issuance: UInt128
    public var entries: [Entry]
    /// The issuer's certificate first, then its chain, DER.
    public var issuerCertificates: [[UInt8]]

    public init(previousIssuance: UInt128, issuance: UInt128, entries: [Entry], issuerCertificates: [[UInt8]]) {
        self.previousIssuance = previousIssuance
        self.issuance = issuance
        self.entries = entries
        self.issuerCertificates = issuerCertificates
    }

    /// Minted and burned amounts, exactly.
    public var minted: Amount {
        entries.reduce(into: Amount.zero) { if case .mint(_, let amount) = $1 { $0.add(amount) } }
    }
    public var burned: Amount {
        entries.reduce(into: Amount.zero) { if case .burn(_, let amount) = $1 { $0.add(amount) } }
    }

    // MARK: Making

    /// Signs a journal with the issuer's key; `issuer` is the issuer's certificate first, then its chain.
    public static func make(
        previousIssuance: UInt128, issuance: UInt128, entries: [Entry], issuer: [AutoID], key: Ed25519PrivateKey
    ) throws -> Envelope {
        guard let first = issuer.first, first.subjectPublicKeyInfo == KeyEncoding.subjectPublicKeyInfo(for: key.publicKey) else {
            throw IdentityError(.keyMismatch, source: "issuer", detail: "the signing key is not the issuer certificate's key")
        }
        let journal = LedgerJournal(
            previousIssuance: previousIssuance, issuance: issuance, entries: entries, issuerCertificates: issuer.map(\.derBytes))
        var envelope = Envelope(payloadType: payloadType, payload: journal.json.jsonBytes())
        envelope.sign(with: key)
        return envelope
    }

    public var json: JSONValue {
        func account(_ id: [UInt8]) -> JSONValue { .string("0x" + Hex.encode(id)) }
        return .object([
            "_type": .string(Self.type),
            "previousIssuance": .string(String(previousIssuance)),
            "issuance": .string(String(issuance)),
            "entries": .array(
                entries.map { entry in
                    switch entry {
                    case .mint(let id, let amount):
                        .object(["op": .string("mint"), "account": account(id), "amount": .string(String(amount))])
                    case .burn(let id, let amount):
                        .object(["op": .string("burn"), "account": account(id), "amount": .string(String(amount))])
                    case .transfer(let from, let to, let amount):
                        .object(["op": .string("transfer"), "from": account(from), "to": account(to), "amount": .string(String(amount))])
                    }
                }),
            "issuer": .object(["certificates": .array(issuerCertificates.map { .string(Base64.encode($0)) })]),
        ])
    }

    /// Reads an unsigned journal, as `autoid-sign journal` takes it: the predicate's `previousIssuance`,
    /// `issuance` and `entries` (with or without `_type`; no `issuer`, which signing adds), read as strictly.
    public static func draft(json: JSONValue, source: String) throws(ManifestError) -> (previousIssuance: UInt128, issuance: UInt128, entries: [Entry]) {
        guard var members = json.objectValue else { throw ManifestError(source: source, location: "$", detail: "not a JSON object") }
        guard members["issuer"] == nil else {
            throw ManifestError(source: source, location: "$.issuer", detail: "an unsigned journal has no issuer; signing adds the --id certificates")
        }
        members["_type"] = members["_type"] ?? .string(type)
        members["issuer"] = .object(["certificates": .array([.string("AA==")])])
        let journal = try LedgerJournal(json: .object(members), source: source, path: "$")
        return (journal.previousIssuance, journal.issuance, journal.entries)
    }

    // MARK: Reading

    /// Parses the payload of a journal envelope (its signature is checked by ``verify(_:source:trustRoots:at:)``).
    public init(envelope: Envelope, source: String) throws(ManifestError) {
        try self.init(json: envelope.jsonPayload(expecting: Self.payloadType, what: "a ledger journal", source: source), source: source, path: "payload")
    }

    /// Reads a journal strictly: every member known, every account an AccountId32 (hex or SS58), every amount a
    /// decimal integer up to `u128::MAX`, at most ``maxEntries`` entries.
    public init(json root: JSONValue, source: String, path: String) throws(ManifestError) {
        func fail(_ location: String, _ detail: String) -> ManifestError {
            ManifestError(source: source, location: "\(path)\(location)", detail: detail)
        }
        func amount(_ value: JSONValue?, _ location: String) throws(ManifestError) -> UInt128 {
            guard let text = value?.stringValue, let amount = Amount(decimal: text)?.u128 else {
                throw fail(location, "missing, or not a decimal integer string from 0 to 2^128 - 1")
            }
            return amount
        }
        func account(_ value: JSONValue?, _ location: String) throws(ManifestError) -> [UInt8] {
            guard let text = value?.stringValue else { throw fail(location, "missing, or not an AccountId32 (0x and 64 hex digits, or SS58)") }
            do {
                return try AccountID.parse(text)
            } catch {
                throw fail(location, "not an AccountId32: \(error)")
            }
        }
        func only(_ object: [String: JSONValue], _ allowed: Set<String>, _ location: String) throws(ManifestError) {
            if let stranger = object.keys.sorted().first(where: { !allowed.contains($0) }) {
                throw fail("\(location).\(stranger.prefix(40))", "not a member of a ledger journal (a newer version?)")
            }
        }
        guard let members = root.objectValue else { throw fail("", "not a JSON object") }
        try only(members, ["_type", "previousIssuance", "issuance", "entries", "issuer"], "")
        guard members["_type"]?.stringValue == Self.type else { throw fail("._type", "expected \(Self.type)") }
        previousIssuance = try amount(members["previousIssuance"], ".previousIssuance")
        issuance = try amount(members["issuance"], ".issuance")
        guard let list = members["entries"]?.arrayValue else { throw fail(".entries", "missing or not an array") }
        guard list.count <= Self.maxEntries else { throw fail(".entries", "\(list.count) entries; at most \(Self.maxEntries) in one journal") }
        var entries: [Entry] = []
        entries.reserveCapacity(list.count)
        for (index, value) in list.enumerated() {
            let location = ".entries[\(index)]"
            guard let entry = value.objectValue else { throw fail(location, "not an object") }
            switch entry["op"]?.stringValue {
            case "mint":
                try only(entry, ["op", "account", "amount"], location)
                entries.append(.mint(account: try account(entry["account"], location + ".account"), amount: try amount(entry["amount"], location + ".amount")))
            case "burn":
                try only(entry, ["op", "account", "amount"], location)
                entries.append(.burn(account: try account(entry["account"], location + ".account"), amount: try amount(entry["amount"], location + ".amount")))
            case "transfer":
                try only(entry, ["op", "from", "to", "amount"], location)
                entries.append(
                    .transfer(
                        from: try account(entry["from"], location + ".from"), to: try account(entry["to"], location + ".to"),
                        amount: try amount(entry["amount"], location + ".amount")))
            default:
                throw fail(location + ".op", "missing, or not one of mint, burn, transfer")
            }
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
