import AutoIDFiles
import AutoIDHashing
public import AutoIDSigning

/// Signs content into minisign `.minisig` or signify `.sig` signatures, as `minisign -S` and
/// `signify -S` write them.
public enum MinisignSigner {
    /// minisign's untrusted comment when none is given.
    public static let defaultUntrustedComment = "signature from minisign secret key"

    /// The trusted comment minisign writes by default: `timestamp:SECONDS<TAB>file:BASENAME`, with
    /// `<TAB>hashed` for a prehashed signature (minisign 0.11).
    public static func defaultTrustedComment(file: String, algorithm: MinisignSignature.Algorithm, now: Int) -> String {
        let base = file == "-" ? "-" : String(PathName.lastComponent(of: file) ?? Substring(file))
        return "timestamp:\(now)\tfile:\(base)" + (algorithm == .prehashed ? "\thashed" : "")
    }

    /// Checks a comment given on the command line: one line, under minisign's limit.
    public static func validateComment(_ comment: String, trusted: Bool) throws {
        let limit =
            trusted
            ? MinisignText.trustedCommentLimit - MinisignText.trustedPrefix.utf8.count - 1
            : MinisignText.commentLimit - MinisignText.untrustedPrefix.utf8.count - 1
        let name = trusted ? "trusted comment" : "untrusted comment"
        if comment.utf8.contains(0x0a) || comment.utf8.contains(0x0d) {  // bytes: "\r\n" is one Character
            throw MinisignError(.malformed, source: name, detail: "a comment is one line; it cannot hold a line break")
        }
        if comment.utf8.count > limit {
            throw MinisignError(.malformed, source: name, detail: "longer than \(limit) bytes, the most minisign reads")
        }
    }

    /// Signs the content at `path` (`-`: standard input).
    ///
    /// - Parameters:
    ///   - signify: write a signify signature (two lines, `Ed`, no trusted comment).
    ///   - trustedComment: the trusted comment; `nil` for minisign's default.
    public static func sign(
        path: String, key: MinisignSecretKey, algorithm: MinisignSignature.Algorithm, signify: Bool = false,
        trustedComment: String? = nil, untrustedComment: String? = nil, now: Int
    ) throws -> MinisignSignature {
        let algorithm = signify ? .legacy : algorithm
        let message = try MinisignMessage.read(path: path, algorithm: algorithm)
        return sign(
            message: message, key: key, algorithm: algorithm, signify: signify,
            trustedComment: trustedComment ?? defaultTrustedComment(file: path, algorithm: algorithm, now: now),
            untrustedComment: untrustedComment ?? (signify ? "verify with \(key.keyIDText).pub" : defaultUntrustedComment))
    }

    /// Signs `message` (the content, or its BLAKE2b-512 for `ED`).
    static func sign(
        message: [UInt8], key: MinisignSecretKey, algorithm: MinisignSignature.Algorithm, signify: Bool,
        trustedComment: String, untrustedComment: String
    ) -> MinisignSignature {
        var signature = MinisignSignature(
            algorithm: algorithm, keyID: key.keyID, signature: key.privateKey.signature(for: message),
            untrustedComment: untrustedComment, trustedComment: nil, globalSignature: nil)
        if !signify {
            signature.trustedComment = trustedComment
            signature.globalSignature = key.privateKey.signature(for: signature.globalMessage)
        }
        return signature
    }
}

extension MinisignSecretKey {
    /// The key id as minisign prints it.
    var keyIDText: String { MinisignText.keyIDText(keyID) }
}
