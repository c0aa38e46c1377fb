import AutoIDBLAKE3
public import AutoIDFiles
import AutoIDThreads

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
    /// `threads` threads (default: every core).
    ///
    /// Two ways to use the cores, combined: BLAKE3 spreads each large chunk's subtrees over threads,
    /// and when several algorithms are asked for, each hashes the chunk on its own thread (SHA-256 is
    /// sequential, so on two cores BLAKE3 and SHA-256 side by side beat one after the other). The next
    /// chunk is read meanwhile (see ``InputSource/forEachChunk(bufferSize:_:)``).
    public static func digest(
        _ source: InputSource,
        algorithms: [HashAlgorithm],
        bufferSize: Int = ContentDigester.defaultBufferSize,
        threads: Int? = nil
    ) throws(FileError) -> ContentDigest {
        var none: [any StreamingHasher] = []
        return try digest(source, algorithms: algorithms, alongside: &none, bufferSize: bufferSize, threads: threads)
    }

    /// Reads `source` once and feeds every chunk both to `algorithms` and to the hashers in `extra`
    /// (an Auto Drive CID builder, say), side by side as ``digest(_:algorithms:bufferSize:threads:)``
    /// does; afterwards `extra` holds the fed hashers, ready to finalize. Hashers in `extra` are handed
    /// several threads, as BLAKE3 is: they are expected to split their own work (a sequential one ignores
    /// the hint).
    public static func digest(
        _ source: InputSource,
        algorithms: [HashAlgorithm],
        alongside extra: inout [any StreamingHasher],
        bufferSize: Int = ContentDigester.defaultBufferSize,
        threads: Int? = nil
    ) throws(FileError) -> ContentDigest {
        let threads = threads ?? Threads.available
        var hashers = algorithms.map { $0.makeHasher() } + extra
        let parallel = algorithms.map(\.isTreeParallel) + extra.map { _ in true }
        let sequentialCount = parallel.filter { !$0 }.count
        let treeThreads = max(1, threads - sequentialCount)
        var count: UInt64 = 0
        // BLAKE3 alone on a large regular file: every thread reads its own parts (see
        // BLAKE3.hash(length:threads:bytes:), in place where mapping is cheap), rather than one thread
        // reading for the others; on one thread too, so that one thread is all it takes (reading ahead
        // took a second core and was slower than b3sum --num-threads 1 where the mapping is cheap: 1 GiB
        // read back, 379 ms against 366; by position 330 ms on one core). The input is opened once either
        // way (many small files pay no second open).
        let positionedFrom = algorithms == [.blake3] && extra.isEmpty ? positionedThreshold : Int.max
        var positionedDigest: [UInt8]?
        do {
            _ = try source.read(
                bufferSize: bufferSize, positionedFrom: positionedFrom,
                positioned: { file in
                    positionedDigest = try BLAKE3.hash(length: file.size, threads: threads) { (offset, scratch) throws(FileError) in
                        try file.bytes(at: offset, scratch: scratch)
                    }
                    count = UInt64(file.size)
                },
                chunks: { chunk in
                    count += UInt64(chunk.count)
                    if hashers.count > 1, threads > 1, chunk.count >= concurrentThreshold {
                        hashers.withUnsafeMutableBufferPointer { hashers in
                            let work = SideBySide(hashers: hashers, chunk: chunk)
                            Threads.run(hashers.count) { index in
                                work.hashers[index].update(work.chunk, threads: parallel[index] ? treeThreads : 1)
                            }
                        }
                    } else {
                        for index in hashers.indices { hashers[index].update(chunk, threads: threads) }
                    }
                })
        } catch let error as FileError {
            throw error
        } catch {
            preconditionFailure("InputSource.read throws FileError only, as these bodies do: \(error)")
        }
        if let positionedDigest { return ContentDigest(digests: [.blake3: positionedDigest], byteCount: count) }
        var digests: [HashAlgorithm: [UInt8]] = [:]
        for (algorithm, hasher) in zip(algorithms, hashers) { digests[algorithm] = hasher.finalize() }
        extra = Array(hashers.dropFirst(algorithms.count))
        return ContentDigest(digests: digests, byteCount: count)
    }

    /// Regular files at least this large are hashed with BLAKE3 by positioned reads on every thread.
    static let positionedThreshold = 4 << 20

    /// Below this chunk size, starting threads costs more than hashing side by side saves.
    static let concurrentThreshold = 1 << 20

    /// One chunk and the hashers that absorb it at the same time, each on its own thread and each
    /// touching only its own element.
    private struct SideBySide: @unchecked Sendable {
        let hashers: UnsafeMutableBufferPointer<any StreamingHasher>
        let chunk: UnsafeRawBufferPointer
    }
}
