import AutoIDHashing
public import AutoIDIdentity
public import AutoIDJSON
public import AutoIDManifest
public import AutoIDSigning
public import Foundation

/// A forum post on a DAO proposal: what a member wrote in the discussion, linked to the proposal by its
/// digest and signed by its author, so that an audit can tell members' posts from anyone else's and
/// posts on this proposal from posts moved over from another.
///
/// A DSSE envelope whose payload is this predicate; the author's Auto ID and chain travel in the payload.
/// Specified in autoid-dao(5).
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

    public init(proposal: String, posted: Date, text: String, authorCertificates: [[UInt8]]) {
        self.proposal = proposal
        self.posted = posted
        self.text = text
        self.authorCertificates = authorCertificates
    }

    /// Makes and signs a post by `author` (its Auto ID, then its chain) with `key`.
    public static func make(proposal: DAOProposal, text: String, posted: Date, author: [AutoID], key: Ed25519PrivateKey) throws -> Envelope {
        guard let first = author.first, first.subjectPublicKeyInfo == KeyEncoding.subjectPublicKeyInfo(for: key.publicKey) else {
            throw IdentityError(.keyMismatch, source: "author", detail: "the signing key is not the author certificate's key")
        }
        let post = DAOPost(proposal: proposal.digest, posted: posted, text: text, authorCertificates: author.map(\.derBytes))
        var envelope = Envelope(payloadType: payloadType, payload: post.json.jsonBytes())
        envelope.sign(with: key)
        return envelope
    }

    public var json: JSONValue {
        .object([
            "_type": .string(Self.type), "proposal": .string(proposal), "posted": .string(posted.ISO8601Format()), "text": .string(text),
            "author": .object(["certificates": .array(authorCertificates.map { .string(Base64.encode($0)) })]),
        ])
    }

    public init(envelope: Envelope, source: String) throws(ManifestError) {
        try self.init(json: envelope.jsonPayload(expecting: Self.payloadType, what: "a forum post", source: source), source: source, path: "payload")
    }

    /// Reads a post strictly: every member known and required, the text at most ``maxTextBytes``.
    public init(json root: JSONValue, source: String, path: String) throws(ManifestError) {
        func fail(_ location: String, _ detail: String) -> ManifestError { ManifestError(source: source, location: path + location, detail: detail) }
        guard let members = root.objectValue else { throw fail("", "not a JSON object") }
        if let stranger = members.keys.sorted().first(where: { !["_type", "proposal", "posted", "text", "author"].contains($0) }) {
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
        guard let list = members["author"]?["certificates"]?.arrayValue, (1...16).contains(list.count) else {
            throw fail(".author", "missing, or not 1 to 16 certificates")
        }
        if let author = members["author"]?.objectValue, author.count != 1 { throw fail(".author", "only a member 'certificates'") }
        authorCertificates = try list.map { (value) throws(ManifestError) in
            guard let text = value.stringValue, let der = Base64.decode(text) else { throw fail(".author", "a certificate is not base64") }
            return der
        }
        self.proposal = proposal.lowercased()
        self.posted = posted
        self.text = text
    }
}
