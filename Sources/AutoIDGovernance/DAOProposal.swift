import AutoIDHashing
import AutoIDJSON
public import AutoIDManifest

/// A DAO proposal as `state-audit votes` reads it: what is voted on, the choices, which ballot of a member
/// counts, and the quorum. Ballots name it by the SHA-256 of its file's exact bytes (its digest), so a
/// ballot cast on one proposal cannot be counted for another. Specified in autoid-dao(5).
public struct DAOProposal: Sendable, Equatable {
    public static let type = "urn:autoid:dao-proposal:v0.1"
    /// Proposal files up to 1 MiB.
    public static let sizeLimit = 1 << 20

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
    /// Lowercase hex SHA-256 of the proposal file.
    public var digest: String

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
        if let stranger = members.keys.sorted().first(where: { !["_type", "dao", "title", "choices", "counting", "quorum"].contains($0) }) {
            throw fail(".\(stranger.prefix(40))", "not a member of a proposal")
        }
        guard members["_type"]?.stringValue == Self.type else { throw fail("._type", "expected \(Self.type)") }
        guard let dao = members["dao"]?.stringValue, !dao.isEmpty, dao.count <= 256 else { throw fail(".dao", "missing, empty or over 256 characters") }
        guard let title = members["title"]?.stringValue, title.count <= 1024 else { throw fail(".title", "missing or over 1024 characters") }
        guard let list = members["choices"]?.arrayValue, (2...64).contains(list.count) else { throw fail(".choices", "missing, or not 2 to 64 choices") }
        let choices = list.compactMap(\.stringValue)
        guard choices.count == list.count, Set(choices).count == choices.count, choices.allSatisfy({ !$0.isEmpty && $0.count <= 64 }) else {
            throw fail(".choices", "choices are distinct non-empty strings of at most 64 characters")
        }
        guard let countingText = members["counting"]?.stringValue, let counting = Counting(rawValue: countingText) else {
            throw fail(".counting", "missing, or not \"first\" or \"latest\"")
        }
        guard let quorum = members["quorum"]?.intValue, quorum >= 0 else { throw fail(".quorum", "missing, or not a whole number of ballots") }
        self.dao = dao
        self.title = title
        self.choices = choices
        self.counting = counting
        self.quorum = quorum
        digest = Hex.encode(SHA256Hasher.hash(bytes))
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
