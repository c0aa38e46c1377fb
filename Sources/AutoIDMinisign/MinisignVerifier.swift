import AutoIDFiles
import AutoIDHashing
public import AutoIDSigning
public import AutoIDThreads
import AutoIDVerdict

/// Verifies files against minisign `.minisig` or signify `.sig` signatures with one public key, as
/// `minisign -Vm FILE -p KEY` and `signify -V -p KEY -m FILE` do, many files at a time on every core.
public enum MinisignVerifier {
    /// Which signature format to expect.
    public enum Format: String, Sendable {
        /// `.minisig`: a signature and a signed trusted comment.
        case minisign
        /// `.sig`: a signature only (always `Ed`).
        case signify

        /// The default signature path for `file`: `FILE.minisig` or `FILE.sig`.
        public func signaturePath(for file: String) -> String {
            file + (self == .minisign ? ".minisig" : ".sig")
        }
    }

    /// One file to check and the signature to check it against.
    public struct Item: Sendable, Equatable {
        public var file: String
        public var signature: String

        public init(file: String, signature: String) {
            self.file = file
            self.signature = signature
        }
    }

    /// Verifies every item, spread over `threads` threads; results in the order of `items`.
    ///
    /// Many files under one key share one prepared key (see ``Ed25519SignatureChecker``).
    public static func verify(
        _ items: [Item], key: MinisignPublicKey, format: Format, threads: Int = Threads.available
    ) -> [MinisignResult] {
        let checker = Ed25519SignatureChecker(key.key, expected: items.count * (format == .minisign ? 2 : 1))
        return Threads.map(count: items.count, threads: threads) { index in
            verifyKeepingMessage(items[index], key: key, checker: checker, format: format).result
        }
    }

    /// Verifies one file: the signature file is read and parsed, its key id compared with the key's,
    /// the content's signature checked, then (minisign) the trusted comment's signature.
    public static func verify(_ item: Item, key: MinisignPublicKey, format: Format) -> MinisignResult {
        verifyKeepingMessage(item, key: key, checker: .direct(key.key), format: format).result
    }

    /// Verifies one file as ``verify(_:key:format:)`` does and, only when it verified, hands its content
    /// to `write` in pieces: `minisign -V -o`.
    ///
    /// A legacy (`Ed`) signature covers the content itself, held in memory, so exactly the verified
    /// bytes are written. A prehashed (`ED`) one covers the content's BLAKE2b-512, computed while
    /// streaming, so the file is read a second time to write it, and hashed again on the way: when that
    /// hash is not the verified one the file changed in between, and ``FileError/Code/changedWhileReading``
    /// is thrown (exit 4) once the pieces are out, so a caller's exit status tells the output is not
    /// the verified content. (minisign itself writes the second read unchecked.) Standard input cannot
    /// be read twice: `item.file` must name a file. Throws what `write` throws.
    public static func verify(
        _ item: Item, key: MinisignPublicKey, format: Format, writingContent write: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> MinisignResult {
        precondition(item.file != "-", "standard input cannot be read twice")
        let (result, message) = verifyKeepingMessage(item, key: key, checker: .direct(key.key), format: format)
        guard case .verified = result.outcome, let signature = result.signature, let message else { return result }
        switch signature.algorithm {
        case .legacy:
            try message.withUnsafeBytes { try write($0) }
        case .prehashed:
            var hasher = BLAKE2b(outputByteCount: 64)
            try InputSource(argument: item.file).forEachChunk(bufferSize: MinisignMessage.bufferSize) { piece in
                hasher.update(piece)
                try write(piece)
            }
            guard hasher.finalize() == message else {
                throw FileError(
                    code: .changedWhileReading, operation: "write", path: item.file,
                    hint: "it changed after it was verified, so what was written is NOT the verified content; verify it again")
            }
        }
        return result
    }

    /// The verdict, and the message that was checked (`nil` when it could not be read).
    /// `checker` checks the signatures under `key` (which picks the key by its id).
    private static func verifyKeepingMessage(
        _ item: Item, key: MinisignPublicKey, checker: Ed25519SignatureChecker, format: Format
    ) -> (result: MinisignResult, message: [UInt8]?) {
        func result(_ outcome: MinisignResult.Outcome, _ signature: MinisignSignature? = nil) -> MinisignResult {
            MinisignResult(file: item.file, signaturePath: item.signature, format: format, signature: signature, outcome: outcome)
        }
        let signature: MinisignSignature
        do {
            let bytes = try SmallFile.read(
                path: item.signature, limit: format == .minisign ? MinisignSignature.sizeLimit : MinisignSignature.embeddedSizeLimit)
            switch format {
            case .minisign: signature = try MinisignSignature(minisign: bytes, source: item.signature)
            case .signify: signature = try MinisignSignature.signify(bytes, source: item.signature).signature
            }
        } catch {
            return (result(.failed(error as? any ReportableError ?? MinisignError(.malformed, source: item.signature, detail: "\(error)"))), nil)
        }
        guard key.accepts(keyID: signature.keyID) else { return (result(.keyMismatch, signature), nil) }
        let message: [UInt8]
        do {
            message = try MinisignMessage.read(path: item.file, algorithm: signature.algorithm)
        } catch {
            return (result(.failed(error as? any ReportableError ?? MinisignError(.malformed, source: item.file, detail: "\(error)")), signature), nil)
        }
        return (result(check(signature, message: message, checker: checker), signature), message)
    }

    /// The verdict for `signature` over `message` (the content, or its BLAKE2b-512 for `ED`).
    static func check(_ signature: MinisignSignature, message: [UInt8], checker: Ed25519SignatureChecker) -> MinisignResult.Outcome {
        guard checker.isValidSignature(signature.signature, for: message) else { return .signatureMismatch }
        if let globalSignature = signature.globalSignature {
            guard checker.isValidSignature(globalSignature, for: signature.globalMessage) else { return .trustedCommentMismatch }
        }
        return .verified
    }
}
