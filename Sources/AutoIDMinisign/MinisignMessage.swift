import AutoIDFiles
import AutoIDHashing

/// What an Ed25519 signature of minisign or signify covers for some content: the BLAKE2b-512 of the
/// content (`ED`, streamed: memory stays bounded), or the content itself (`Ed`, whole in memory, so capped
/// at 1 GiB as minisign caps it).
enum MinisignMessage {
    /// minisign's limit for content signed without prehashing.
    static let legacyLimit = 1 << 30
    /// Reads in pieces of this size, minisign's own: a small file is one read with no read-ahead thread,
    /// and the buffers stay below malloc's mmap threshold, so 10,000 small files cost no page faults.
    static let bufferSize = 64 * 1024

    /// The message to sign or verify for the content at `path` (`-` for standard input).
    static func read(path: String, algorithm: MinisignSignature.Algorithm) throws -> [UInt8] {
        let input = InputSource(argument: path)
        switch algorithm {
        case .prehashed:
            var hasher = BLAKE2b(outputByteCount: 64)
            try input.forEachChunk(bufferSize: bufferSize) { hasher.update($0) }
            return hasher.finalize()
        case .legacy:
            do {
                return try SmallFile.read(input, limit: legacyLimit)
            } catch let error as FileError {
                if case .tooLarge = error.code {
                    throw MinisignError(
                        .tooLarge, source: path,
                        detail:
                            "larger than 1 GiB, too large for a legacy (Ed) signature, which holds the whole file in memory; sign it prehashed (the default)")
                }
                throw error
            }
        }
    }
}
