public import AutoIDFiles
import Foundation

/// The digests of one input under several algorithms, computed in a single streaming pass.
public struct ContentDigest: Sendable, Equatable {
    /// Digest bytes by algorithm.
    public var digests: [HashAlgorithm: [UInt8]]
    /// How many bytes were read.
    public var byteCount: UInt64

    public init(digests: [HashAlgorithm: [UInt8]], byteCount: UInt64) {
        self.digests = digests
        self.byteCount = byteCount
    }

    /// Digests as lowercase hex, the form in-toto digest sets use.
    public var hexDigests: [String: String] {
        var out: [String: String] = [:]
        for (algorithm, bytes) in digests { out[algorithm.rawValue] = Hex.encode(bytes) }
        return out
    }
}

/// Hashes files and streams with several algorithms at once, reading each input exactly once with one
/// reused buffer (memory is bounded by the buffer size, not the input size).
public enum ContentDigester {
    /// How much is read at a time: large enough that BLAKE3 can spread whole subtrees over every core,
    /// small enough that memory stays bounded whatever the input size.
    public static let defaultBufferSize = 8 << 20

    /// Reads `source` to the end and returns its digests under `algorithms`, hashing with up to
    /// `threads` threads where the algorithm allows (default: every core).
    public static func digest(
        _ source: InputSource,
        algorithms: [HashAlgorithm],
        bufferSize: Int = ContentDigester.defaultBufferSize,
        threads: Int? = nil
    ) throws -> ContentDigest {
        let threads = threads ?? ProcessInfo.processInfo.activeProcessorCount
        var hashers = algorithms.map { $0.makeHasher() }
        var count: UInt64 = 0
        try source.forEachChunk(bufferSize: bufferSize) { chunk in
            count += UInt64(chunk.count)
            for index in hashers.indices { hashers[index].update(chunk, threads: threads) }
        }
        var digests: [HashAlgorithm: [UInt8]] = [:]
        for (algorithm, hasher) in zip(algorithms, hashers) { digests[algorithm] = hasher.finalize() }
        return ContentDigest(digests: digests, byteCount: count)
    }
}
