import AutoIDFiles
import AutoIDHashing
public import AutoIDIdentity
import AutoIDJSON
public import AutoIDManifest
public import AutoIDSigning

/// A DAO proposal as `state-audit votes` reads it: what is voted on, the choices, which ballot of a member
/// counts, and the quorum. Ballots name it by the SHA-256 of its file's exact bytes (its digest), so a
/// ballot cast on one proposal cannot be counted for another. Specified in autoid-dao(5).
///
/// A proposal may be signed: a DSSE envelope (``payloadType``) whose payload is the proposal, carrying
/// its issuer's certificates (`issuer`); the digest is then that of the payload. It may give members
/// weights (`weights`, by Auto ID identifier): a ballot then carries its voter's weight, and the tally
/// sums weights.
public struct DAOProposal: Sendable, Equatable {
    public static let type = "urn:autoid:dao-proposal:v0.1"
    public static let payloadType = "application/vnd.autoid.dao-proposal+json"
    /// Proposal files up to 1 MiB (signed ones: the envelope, whose payload is then smaller still).
    public static let sizeLimit = 1 << 20
    /// At most this many weights, each from 1 to ``maxWeight``: sums of weights stay far below `Int.max`.
    public static let maxWeights = 100_000
    public static let maxWeight = 1_000_000_000_000

    /// Which of a member's ballots counts when it cast several.
    public enum Counting: String, Sendable {
        case first, latest
    }

    public var dao: String
    public var title: String
    public var choices: [String]
    public var counting: Counting
    /// The fewest counted ballots for the vote to be valid.
    public var quorum: Int
    /// Lowercase hex SHA-256 of the proposal file (of the payload, for a signed one).
    public var digest: String
    /// The issuer's certificate first, then its chain, DER: present in a signed proposal.
    public var issuerCertificates: [[UInt8]]?
    /// Members' weights by Auto ID identifier (64 lowercase hex digits); `nil`: one member, one vote.
    public var weights: [String: Int]?
    /// The envelope the proposal came in, when it is signed.
    public var envelope: Envelope?

    /// The weight a ballot of the member with `identifier` must carry: 1 without weights; `nil` when the
    /// proposal gives weights and none to that member.
    public func weight(for identifier: String?) -> Int? {
        guard let weights else { return 1 }
        return identifier.flatMap { weights[$0.lowercased()] }
    }

    /// Reads a proposal file: the proposal's JSON itself, or a DSSE envelope of a signed proposal (whose
    /// signature ``VoteAudit`` checks).
    public init(fileBytes: [UInt8], source: String) throws(ManifestError) {
        guard fileBytes.count <= Self.sizeLimit else {
            throw ManifestError(source: source, detail: "larger than the \(Self.sizeLimit)-byte limit for a proposal")
        }
        let json: JSONValue
        do {
            json = try JSONParser.parse(fileBytes)
        } catch {
            throw ManifestError(source: source, detail: "\(error)")
        }
        guard json["payloadType"] != nil || json["signatures"] != nil else {
            try self.init(bytes: fileBytes, source: source)
            return
        }
        let envelope: Envelope
        do {
            envelope = try Envelope(jsonBytes: fileBytes, source: source)
        } catch let error as ManifestError {
            throw error
        } catch {
            throw ManifestError(source: source, detail: "\(error)")
        }
        guard envelope.payloadType == Self.payloadType else {
            throw ManifestError(
                source: source, location: "$.payloadType", detail: "'\(envelope.payloadType.prefix(80))' is not a signed proposal (\(Self.payloadType))")
        }
        try self.init(bytes: envelope.payload, source: source)
        guard issuerCertificates != nil else {
            throw ManifestError(source: source, location: "payload.issuer", detail: "a signed proposal carries its issuer's certificates")
        }
        self.envelope = envelope
    }

    /// Reads the proposal file's `bytes`, naming `source` in errors.
    public init(bytes: [UInt8], source: String) throws(ManifestError) {
        guard bytes.count <= Self.sizeLimit else { throw ManifestError(source: source, detail: "larger than the \(Self.sizeLimit)-byte limit for a proposal") }
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            throw ManifestError(source: source, detail: "\(error)")
        }
        func fail(_ location: String, _ detail: String) -> ManifestError { ManifestError(source: source, location: "$\(location)", detail: detail) }
        guard let members = json.objectValue else { throw fail("", "not a JSON object") }
        if let stranger = members.keys.sorted().first(where: {
            !["_type", "dao", "title", "choices", "counting", "quorum", "issuer", "weights"].contains($0)
        }) {
            throw fail(".\(stranger.prefix(40))", "not a member of a proposal")
        }
        guard members["_type"]?.stringValue == Self.type else { throw fail("._type", "expected \(Self.type)") }
        // Lengths are counted in code points: one Character may hold any number of combining marks.
        guard let dao = members["dao"]?.stringValue, !dao.isEmpty, dao.unicodeScalars.count <= 256 else {
            throw fail(".dao", "missing, empty or over 256 characters")
        }
        try Self.refuseDeceptive(dao, at: ".dao", fail)
        guard let title = members["title"]?.stringValue, title.unicodeScalars.count <= 1024 else { throw fail(".title", "missing or over 1024 characters") }
        try Self.refuseDeceptive(title, at: ".title", fail)
        guard let list = members["choices"]?.arrayValue, (2...64).contains(list.count) else { throw fail(".choices", "missing, or not 2 to 64 choices") }
        let choices = list.compactMap(\.stringValue)
        guard choices.count == list.count, Set(choices).count == choices.count, choices.allSatisfy({ !$0.isEmpty && $0.unicodeScalars.count <= 64 }) else {
            throw fail(".choices", "choices are distinct non-empty strings of at most 64 characters")
        }
        for (index, choice) in choices.enumerated() { try Self.refuseDeceptive(choice, at: ".choices[\(index)]", fail) }
        guard let countingText = members["counting"]?.stringValue, let counting = Counting(rawValue: countingText) else {
            throw fail(".counting", "missing, or not \"first\" or \"latest\"")
        }
        guard let quorum = members["quorum"]?.intValue, quorum >= 0 else { throw fail(".quorum", "missing, or not a whole number of ballots") }
        if let issuer = members["issuer"] {
            guard let object = issuer.objectValue, object.count == 1, let list = object["certificates"]?.arrayValue, (1...16).contains(list.count) else {
                throw fail(".issuer", "not {\"certificates\": [1 to 16 certificates]}")
            }
            issuerCertificates = try list.map { (value) throws(ManifestError) in
                guard let text = value.stringValue, let der = Base64.decode(text) else { throw fail(".issuer.certificates", "a certificate is not base64") }
                return der
            }
        }
        if let value = members["weights"] {
            guard let object = value.objectValue, (1...Self.maxWeights).contains(object.count) else {
                throw fail(".weights", "not an object of 1 to \(Self.maxWeights) members' weights")
            }
            var weights: [String: Int] = [:]
            for (identifier, weight) in object {
                guard identifier.utf8.count == 64, Hex.decode(identifier) != nil, identifier == identifier.lowercased() else {
                    throw fail(".weights.\(identifier.prefix(64))", "not an Auto ID identifier (64 lowercase hex digits)")
                }
                guard let weight = weight.intValue, (1...Self.maxWeight).contains(weight) else {
                    throw fail(".weights.\(identifier)", "not a whole number from 1 to \(Self.maxWeight)")
                }
                weights[identifier] = weight
            }
            self.weights = weights
        }
        self.dao = dao
        self.title = title
        self.choices = choices
        self.counting = counting
        self.quorum = quorum
        digest = Hex.encode(SHA256Hasher.hash(bytes))
    }

    /// Refuses a text the audit report shows (the DAO, the title, a choice) when it holds a character that
    /// changes how it prints (``DisplayName/isDeceptive(_:)``), or a word that mixes look-alike scripts
    /// (``DisplayName/lookAlikeWord(in:)``): a newline in a title would forge a line of the report, a
    /// direction override or a Cyrillic "а" in "yes" would make one choice print as another.
    static func refuseDeceptive(
        _ text: String, at location: String, _ fail: (String, String) -> ManifestError
    ) throws(ManifestError) {
        if let problem = DisplayName.deceptionProblem(in: text) { throw fail(location, problem) }
    }
}

/// The result a DAO published for a proposal: the proposal's digest and the count of each choice.
public struct DAOResult: Sendable, Equatable {
    public var proposal: String
    public var tally: [String: Int]

    public init(bytes: [UInt8], source: String) throws(ManifestError) {
        guard bytes.count <= DAOProposal.sizeLimit else { throw ManifestError(source: source, detail: "larger than the 1 MiB limit for a result") }
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            throw ManifestError(source: source, detail: "\(error)")
        }
        guard let proposal = json["proposal"]?.stringValue, proposal.count == 64, Hex.decode(proposal) != nil else {
            throw ManifestError(source: source, location: "$.proposal", detail: "missing, or not the proposal's SHA-256 in hex")
        }
        guard let counts = json["tally"]?.objectValue else { throw ManifestError(source: source, location: "$.tally", detail: "missing or not an object") }
        var tally: [String: Int] = [:]
        for (choice, value) in counts {
            guard let count = value.intValue, count >= 0 else {
                throw ManifestError(source: source, location: "$.tally.\(choice.prefix(40))", detail: "not a whole number of ballots")
            }
            tally[choice] = count
        }
        self.proposal = proposal.lowercased()
        self.tally = tally
    }
}

extension DAOProposal {
    /// Signs the unsigned proposal `bytes` as the DAO's issuer: the payload is the proposal with
    /// `issuer` (the issuer's certificate, then its chain) added, signed with `key`.
    ///
    /// - Throws: ``ManifestError`` for a proposal that does not read; an `IdentityError` when `key` is not
    ///   the issuer certificate's.
    public static func sign(_ bytes: [UInt8], source: String, issuer: [AutoID], key: Ed25519PrivateKey) throws -> Envelope {
        guard let first = issuer.first, first.subjectPublicKeyInfo == KeyEncoding.subjectPublicKeyInfo(for: key.publicKey) else {
            throw IdentityError(.keyMismatch, source: "issuer", detail: "the signing key is not the issuer certificate's key")
        }
        _ = try DAOProposal(bytes: bytes, source: source)
        guard case .object(var members) = try JSONParser.parse(bytes) else { throw ManifestError(source: source, detail: "not a JSON object") }
        members["issuer"] = .object(["certificates": .array(issuer.map { .string(Base64.encode($0.derBytes)) })])
        let payload = JSONValue.object(members).jsonBytes()
        _ = try DAOProposal(bytes: payload, source: source)
        var envelope = Envelope(payloadType: payloadType, payload: payload)
        envelope.sign(with: key)
        return envelope
    }
}
