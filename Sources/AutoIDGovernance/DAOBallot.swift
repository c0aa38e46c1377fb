import AutoIDHashing
public import AutoIDIdentity
public import AutoIDJSON
public import AutoIDManifest
public import AutoIDSigning
public import FoundationEssentials

/// A ballot: a member's vote on one proposal, as a DSSE envelope whose payload is this predicate.
///
/// The voter is a human member (its Auto ID and chain travel in the payload) and always signs. An AI
/// assistant may cast the ballot on the voter's behalf: then the payload names the assistant too
/// (`assistant`), and the envelope carries both signatures, a joint human/AI provenance. A ballot that
/// names an assistant but lacks the human's signature is never counted. Specified in autoid-dao(5).
public struct DAOBallot: StatementPredicate, Equatable {
    public static let payloadType = "application/vnd.autoid.dao-ballot+json"
    public static let type = "urn:autoid:predicate:dao-ballot:v0.1"

    /// Lowercase hex SHA-256 of the proposal file.
    public var proposal: String
    public var choice: String
    /// The ballot's weight: 1, or the voter's weight when the proposal gives weights.
    public var weight: Int
    /// When it was cast (orders a member's ballots for first/latest counting).
    public var cast: Date
    /// The voter's certificate first, then its chain, DER.
    public var voterCertificates: [[UInt8]]
    /// The AI assistant's certificate and chain, when one cast the ballot for the voter.
    public var assistantCertificates: [[UInt8]]?

    public init(proposal: String, choice: String, weight: Int = 1, cast: Date, voterCertificates: [[UInt8]], assistantCertificates: [[UInt8]]? = nil) {
        self.proposal = proposal
        self.choice = choice
        self.weight = weight
        self.cast = cast
        self.voterCertificates = voterCertificates
        self.assistantCertificates = assistantCertificates
    }

    /// Makes and signs a ballot: by the voter's key, and by the assistant's too when one is given.
    public static func make(
        proposal: DAOProposal, choice: String, weight: Int = 1, cast: Date, voter: [AutoID], voterKey: Ed25519PrivateKey?,
        assistant: (chain: [AutoID], key: Ed25519PrivateKey)? = nil
    ) -> Envelope {
        let ballot = DAOBallot(
            proposal: proposal.digest, choice: choice, weight: weight, cast: cast, voterCertificates: voter.map(\.derBytes),
            assistantCertificates: assistant.map { $0.chain.map(\.derBytes) })
        var envelope = Envelope(payloadType: payloadType, payload: ballot.json.jsonBytes())
        if let voterKey { envelope.sign(with: voterKey) }
        if let assistant { envelope.sign(with: assistant.key) }
        return envelope
    }

    public var json: JSONValue {
        var object: [String: JSONValue] = [
            "_type": .string(Self.type), "proposal": .string(proposal), "choice": .string(choice), "weight": .integer(weight),
            "cast": .string(RFC3339.format(cast)),
            "voter": .object(["certificates": .array(voterCertificates.map { .string(Base64.encode($0)) })]),
        ]
        if let assistantCertificates {
            object["assistant"] = .object(["certificates": .array(assistantCertificates.map { .string(Base64.encode($0)) })])
        }
        return .object(object)
    }

    public init(envelope: Envelope, source: String) throws(ManifestError) {
        try self.init(json: envelope.jsonPayload(expecting: Self.payloadType, what: "a ballot", source: source), source: source, path: "payload")
    }

    public init(json root: JSONValue, source: String, path: String) throws(ManifestError) {
        func fail(_ location: String, _ detail: String) -> ManifestError { ManifestError(source: source, location: path + location, detail: detail) }
        func chain(_ value: JSONValue?, _ location: String) throws(ManifestError) -> [[UInt8]] {
            guard let list = value?["certificates"]?.arrayValue, (1...16).contains(list.count) else {
                throw fail(location, "missing, or not 1 to 16 certificates")
            }
            return try list.map { (value) throws(ManifestError) in
                guard let text = value.stringValue, let der = Base64.decode(text) else { throw fail(location, "a certificate is not base64") }
                return der
            }
        }
        guard let members = root.objectValue else { throw fail("", "not a JSON object") }
        if let stranger = members.keys.sorted().first(where: { !["_type", "proposal", "choice", "weight", "cast", "voter", "assistant"].contains($0) }) {
            throw fail(".\(stranger.prefix(40))", "not a member of a ballot")
        }
        guard members["_type"]?.stringValue == Self.type else { throw fail("._type", "expected \(Self.type)") }
        guard let proposal = members["proposal"]?.stringValue, proposal.count == 64, Hex.decode(proposal) != nil else {
            throw fail(".proposal", "missing, or not a SHA-256 in hex")
        }
        guard let choice = members["choice"]?.stringValue, !choice.isEmpty, choice.unicodeScalars.count <= 64 else {
            throw fail(".choice", "missing or over 64 characters")
        }
        try DAOProposal.refuseDeceptive(choice, at: ".choice", fail)
        guard let weight = members["weight"]?.intValue else { throw fail(".weight", "missing or not an integer") }
        guard let castText = members["cast"]?.stringValue, let cast = try? Date(castText, strategy: .iso8601) else {
            throw fail(".cast", "missing or not an RFC 3339 time")
        }
        self.proposal = proposal.lowercased()
        self.choice = choice
        self.weight = weight
        self.cast = cast
        voterCertificates = try chain(members["voter"], ".voter")
        assistantCertificates = members["assistant"] == nil ? nil : try chain(members["assistant"], ".assistant")
    }
}
