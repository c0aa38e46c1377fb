import AutoIDHashing
public import AutoIDIdentity
public import AutoIDJSON
public import AutoIDManifest
public import AutoIDSigning
public import FoundationEssentials

/// A forum post on a DAO proposal: what a member wrote in the discussion, linked to the proposal by its
/// digest and signed by its author, so that an audit can tell members' posts from anyone else's and
/// posts on this proposal from posts moved over from another.
///
/// A DSSE envelope whose payload is this predicate; the author's Auto ID and chain travel in the payload.
/// As with ballots, an AI assistant may draft a post for its human: the payload then names the assistant
/// too, and both sign (a joint human/AI provenance); without the human's signature it is not the
/// member's post. Specified in autoid-dao(5).
public struct DAOPost: StatementPredicate, Equatable {
    public static let payloadType = "application/vnd.autoid.dao-post+json"
    public static let type = "urn:autoid:predicate:dao-post:v0.1"
    /// The longest post text, in UTF-8 bytes.
    public static let maxTextBytes = 65_536

    /// Lowercase hex SHA-256 of the proposal file the post discusses.
    public var proposal: String
    /// When it was posted.
    public var posted: Date
    /// The post itself (UTF-8 text, at most ``maxTextBytes``).
    public var text: String
    /// The author's certificate first, then its chain, DER.
    public var authorCertificates: [[UInt8]]
    /// The AI assistant's certificate and chain, when one drafted the post for the author.
    public var assistantCertificates: [[UInt8]]?

    public init(proposal: String, posted: Date, text: String, authorCertificates: [[UInt8]], assistantCertificates: [[UInt8]]? = nil) {
        self.proposal = proposal
        self.posted = posted
        self.text = text
        self.authorCertificates = authorCertificates
        self.assistantCertificates = assistantCertificates
    }

    /// Makes and signs a post by `author` (its Auto ID, then its chain) with `key`: the author's key or,
    /// with `assistant` (the AI assistant's Auto ID and chain), the assistant's; the author co-signs it then.
    public static func make(
        proposal: DAOProposal, text: String, posted: Date, author: [AutoID], assistant: [AutoID]? = nil, key: Ed25519PrivateKey
    ) throws -> Envelope {
        guard let first = (assistant ?? author).first, first.subjectPublicKeyInfo == KeyEncoding.subjectPublicKeyInfo(for: key.publicKey) else {
            throw IdentityError(
                .keyMismatch, source: assistant == nil ? "author" : "assistant",
                detail: "the signing key is not the \(assistant == nil ? "author" : "assistant") certificate's key")
        }
        let post = DAOPost(
            proposal: proposal.digest, posted: posted, text: text, authorCertificates: author.map(\.derBytes),
            assistantCertificates: assistant.map { $0.map(\.derBytes) })
        var envelope = Envelope(payloadType: payloadType, payload: post.json.jsonBytes())
        envelope.sign(with: key)
        return envelope
    }

    public var json: JSONValue {
        var object: [String: JSONValue] = [
            "_type": .string(Self.type), "proposal": .string(proposal), "posted": .string(RFC3339.format(posted)), "text": .string(text),
            "author": .object(["certificates": .array(authorCertificates.map { .string(Base64.encode($0)) })]),
        ]
        if let assistantCertificates {
            object["assistant"] = .object(["certificates": .array(assistantCertificates.map { .string(Base64.encode($0)) })])
        }
        return .object(object)
    }

    public init(envelope: Envelope, source: String) throws(ManifestError) {
        try self.init(json: envelope.jsonPayload(expecting: Self.payloadType, what: "a forum post", source: source), source: source, path: "payload")
    }

    /// Reads a post strictly: every member known and required, the text at most ``maxTextBytes``.
    public init(json root: JSONValue, source: String, path: String) throws(ManifestError) {
        func fail(_ location: String, _ detail: String) -> ManifestError { ManifestError(source: source, location: path + location, detail: detail) }
        guard let members = root.objectValue else { throw fail("", "not a JSON object") }
        if let stranger = members.keys.sorted().first(where: { !["_type", "proposal", "posted", "text", "author", "assistant"].contains($0) }) {
            throw fail(".\(stranger.prefix(40))", "not a member of a forum post")
        }
        guard members["_type"]?.stringValue == Self.type else { throw fail("._type", "expected \(Self.type)") }
        guard let proposal = members["proposal"]?.stringValue, proposal.utf8.count == 64, Hex.decode(proposal) != nil else {
            throw fail(".proposal", "missing, or not a SHA-256 in hex")
        }
        guard let postedText = members["posted"]?.stringValue, postedText.utf8.count <= 64, let posted = try? Date(postedText, strategy: .iso8601) else {
            throw fail(".posted", "missing or not an RFC 3339 time")
        }
        guard let text = members["text"]?.stringValue, text.utf8.count <= Self.maxTextBytes else {
            throw fail(".text", "missing, not a string or over \(Self.maxTextBytes) bytes")
        }
        func chain(_ value: JSONValue?, _ location: String) throws(ManifestError) -> [[UInt8]] {
            guard let object = value?.objectValue, object.count == 1, let list = object["certificates"]?.arrayValue, (1...16).contains(list.count) else {
                throw fail(location, "missing, or not {\"certificates\": [1 to 16 certificates]}")
            }
            return try list.map { (value) throws(ManifestError) in
                guard let text = value.stringValue, let der = Base64.decode(text) else { throw fail(location, "a certificate is not base64") }
                return der
            }
        }
        authorCertificates = try chain(members["author"], ".author")
        assistantCertificates = members["assistant"] == nil ? nil : try chain(members["assistant"], ".assistant")
        self.proposal = proposal.lowercased()
        self.posted = posted
        self.text = text
    }
}
