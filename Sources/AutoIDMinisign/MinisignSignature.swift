import AutoIDHashing
import AutoIDSigning

/// A minisign `.minisig` or signify `.sig` signature file.
///
/// minisign: `untrusted comment: ...`, base64(`alg[2] keyid[8] sig[64]`), `trusted comment: TEXT`,
/// base64(`global_sig[64]`), where `alg` is `Ed` (the signature covers the file) or `ED` (it covers the
/// file's BLAKE2b-512, minisign's default since 0.10) and `global_sig` signs `sig || TEXT`, so the
/// trusted comment cannot be changed without the key. signify writes the first two lines only (always
/// `Ed`), and with `-e` the signed message follows them.
public struct MinisignSignature: Sendable, Equatable {
    public enum Algorithm: String, Sendable {
        /// `Ed`: Ed25519 over the whole content (minisign -l, signify).
        case legacy = "Ed"
        /// `ED`: Ed25519 over BLAKE2b-512 of the content.
        case prehashed = "ED"

        /// The name reports use for what was checked.
        public var reportName: String { self == .legacy ? "ed25519" : "ed25519-blake2b512" }
    }

    public var algorithm: Algorithm
    public var keyID: [UInt8]
    /// The 64-byte Ed25519 signature of the content (or of its BLAKE2b-512).
    public var signature: [UInt8]
    public var untrustedComment: String
    /// The trusted comment and its signature (minisign); `nil` for signify.
    public var trustedComment: String?
    public var globalSignature: [UInt8]?

    public init(
        algorithm: Algorithm, keyID: [UInt8], signature: [UInt8], untrustedComment: String, trustedComment: String?,
        globalSignature: [UInt8]?
    ) {
        self.algorithm = algorithm
        self.keyID = keyID
        self.signature = signature
        self.untrustedComment = untrustedComment
        self.trustedComment = trustedComment
        self.globalSignature = globalSignature
    }

    /// A signature file is a few lines: two comments (up to 1 KiB and 8 KiB) and two base64 lines.
    public static let sizeLimit = 16 * 1024
    /// The largest signify file with an embedded message (`-e`) autoid reads: a checksum list.
    public static let embeddedSizeLimit = 16 << 20

    /// The key id as minisign prints it.
    public var keyIDText: String { MinisignText.keyIDText(keyID) }

    // MARK: Parsing

    /// Parses a minisign signature file (four lines).
    public init(minisign bytes: [UInt8], source: String) throws {
        guard bytes.count <= Self.sizeLimit else {
            throw MinisignError(.malformed, source: source, detail: "larger than \(Self.sizeLimit) bytes: not a minisign signature")
        }
        guard let (lines, rest) = MinisignText.lines(bytes[...], count: 4), lines.count == 4 else {
            throw MinisignError(
                .malformed, source: source,
                detail:
                    "not a minisign signature: it needs four lines (untrusted comment, signature, trusted comment, comment signature); is it truncated or a signify .sig?"
            )
        }
        guard rest.allSatisfy({ $0 == 0x0a || $0 == 0x0d || $0 == 0x20 }) else {
            throw MinisignError(.malformed, source: source, detail: "unexpected text after the fourth line")
        }
        try self.init(firstTwo: lines[0], lines[1], source: source)
        guard lines[2].hasPrefix(MinisignText.trustedPrefix), lines[2].utf8.count < MinisignText.trustedCommentLimit else {
            throw MinisignError(
                .malformed, source: source,
                detail: "the third line must be 'trusted comment: ...' (under \(MinisignText.trustedCommentLimit) bytes)")
        }
        trustedComment = String(lines[2].dropFirst(MinisignText.trustedPrefix.count))
        guard let global = MinisignText.decode(lines[3], count: 64) else {
            throw MinisignError(.malformed, source: source, detail: "the fourth line is not a 64-byte comment signature in base64")
        }
        globalSignature = global
    }

    /// Parses a signify signature: two lines, then (for `signify -S -e`) the embedded message, returned
    /// as `message`.
    public static func signify(_ bytes: [UInt8], source: String) throws -> (signature: MinisignSignature, message: ArraySlice<UInt8>) {
        guard bytes.count <= Self.embeddedSizeLimit else {
            throw MinisignError(.malformed, source: source, detail: "larger than \(Self.embeddedSizeLimit) bytes: not a signify signature")
        }
        guard let (lines, rest) = MinisignText.lines(bytes[...], count: 2), lines.count == 2 else {
            throw MinisignError(.malformed, source: source, detail: "not a signify signature: it needs an untrusted comment line and a signature line")
        }
        let signature = try MinisignSignature(firstTwo: lines[0], lines[1], source: source)
        guard signature.algorithm == .legacy else {
            throw MinisignError(
                .unsupported, source: source, detail: "a prehashed (ED) signature is minisign's, not signify's; verify it with 'autoid-verify minisign'")
        }
        return (signature, rest)
    }

    private init(firstTwo comment: String, _ line: String, source: String) throws {
        guard comment.hasPrefix(MinisignText.untrustedPrefix), comment.utf8.count <= MinisignText.commentLimit else {
            throw MinisignError(
                .malformed, source: source,
                detail: "the first line must be 'untrusted comment: ...' (up to \(MinisignText.commentLimit) bytes)")
        }
        guard let raw = MinisignText.decode(line, count: 74) else {
            throw MinisignError(.malformed, source: source, detail: "the second line is not a signature in base64 (74 bytes: algorithm, key id, signature)")
        }
        guard let algorithm = Algorithm(rawValue: String(decoding: raw[0..<2], as: UTF8.self)), raw[0..<2].allSatisfy({ $0 < 0x80 }) else {
            let shown = raw[0..<2].allSatisfy { (0x21...0x7e).contains($0) } ? String(decoding: raw[0..<2], as: UTF8.self) : "0x" + Hex.encode(raw[0..<2])
            throw MinisignError(.unsupported, source: source, detail: "signature algorithm '\(shown)' is neither Ed nor ED")
        }
        self.init(
            algorithm: algorithm, keyID: Array(raw[2..<10]), signature: Array(raw[10..<74]),
            untrustedComment: String(comment.dropFirst(MinisignText.untrustedPrefix.count)), trustedComment: nil, globalSignature: nil)
    }

    // MARK: Writing

    /// The 74 bytes `alg || keyid || sig`.
    var signatureBytes: [UInt8] { Array(algorithm.rawValue.utf8) + keyID + signature }

    /// The file text: four lines for minisign, two for signify (no trusted comment).
    public var fileText: String {
        var text = "\(MinisignText.untrustedPrefix)\(untrustedComment)\n\(Base64.encode(signatureBytes))\n"
        if let trustedComment, let globalSignature {
            text += "\(MinisignText.trustedPrefix)\(trustedComment)\n\(Base64.encode(globalSignature))\n"
        }
        return text
    }

    // MARK: Checking

    /// What the trusted comment's signature covers: `sig || comment`.
    var globalMessage: [UInt8] { signature + Array((trustedComment ?? "").utf8) }
}
