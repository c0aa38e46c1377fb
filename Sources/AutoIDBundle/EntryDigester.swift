import AutoIDHashing
import AutoIDThreads

/// Hashes one entry's data with every bundle algorithm as it streams past: chunks are gathered into a
/// 1 MiB buffer, and each full buffer is hashed by BLAKE3 and SHA-256 side by side on two threads
/// (SHA-256 is sequential, so on two cores side by side beats one after the other).
///
/// Memory is the one buffer, whatever the entry's size.
final class EntryDigester {
    static let bufferSize = 1 << 20

    private let algorithms: [HashAlgorithm]
    private var hashers: [any StreamingHasher]
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: EntryDigester.bufferSize, alignment: 64)
    private var filled = 0
    private(set) var byteCount: UInt64 = 0

    init(algorithms: [HashAlgorithm] = BundleManifest.algorithms) {
        self.algorithms = algorithms
        hashers = algorithms.map { $0.makeHasher() }
    }

    deinit { buffer.deallocate() }

    /// Absorbs `chunk` (any size).
    func update(_ chunk: UnsafeRawBufferPointer) {
        byteCount += UInt64(chunk.count)
        var offset = 0
        while offset < chunk.count {
            let count = min(chunk.count - offset, Self.bufferSize - filled)
            (buffer.baseAddress! + filled).copyMemory(from: chunk.baseAddress! + offset, byteCount: count)
            filled += count
            offset += count
            if filled == Self.bufferSize { flush() }
        }
    }

    /// The digests of everything absorbed.
    func finalize() -> ContentDigest {
        flush()
        var digests: [HashAlgorithm: [UInt8]] = [:]
        for (algorithm, hasher) in zip(algorithms, hashers) { digests[algorithm] = hasher.finalize() }
        return ContentDigest(digests: digests, byteCount: byteCount)
    }

    private func flush() {
        guard filled > 0 else { return }
        let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<filled])
        if hashers.count > 1, filled >= Self.bufferSize / 2, Threads.available > 1 {
            hashers.withUnsafeMutableBufferPointer { hashers in
                let work = SideBySide(hashers: hashers, chunk: chunk)
                Threads.run(hashers.count) { index in work.hashers[index].update(work.chunk, threads: 1) }
            }
        } else {
            for index in hashers.indices { hashers[index].update(chunk, threads: 1) }
        }
        filled = 0
    }

    /// One buffer and the hashers that absorb it at the same time, each touching only its own element.
    private struct SideBySide: @unchecked Sendable {
        let hashers: UnsafeMutableBufferPointer<any StreamingHasher>
        let chunk: UnsafeRawBufferPointer
    }
}
