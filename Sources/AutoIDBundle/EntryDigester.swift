import AutoIDDrive
import AutoIDHashing
import AutoIDThreads
import Dispatch

/// Hashes entry data with every bundle algorithm as it streams past, overlapping the work on two cores
/// with one long-lived helper thread and two buffers (double buffering):
///
/// - chunks are gathered into the buffer being filled;
/// - when it is full it is handed to the helper, which hashes it with the sequential algorithms
///   (SHA-256), while the calling thread hashes the same buffer with the first algorithm (BLAKE3)
///   and then goes back to reading or decompressing into the other buffer;
/// - a buffer is refilled only after the helper is done with it, so at most one buffer is in flight.
///
/// Memory is the two buffers, whatever the entry's size; one thread serves every entry a digester
/// hashes (``finalize()`` starts the next entry), started at the first full buffer and ended when the
/// digester is released. On one core, or with one algorithm, everything runs on the calling thread.
///
/// Measured before this design: a pair of threads started for every 1 MiB buffer, and reading waiting
/// for both hashes, kept verify at 1.5x of `tar` plus `autoid-sign hash`.
final class EntryDigester {
    static let bufferSize = 1 << 20

    private let algorithms: [HashAlgorithm]
    /// The hasher of `algorithms[0]`, run on the calling thread.
    private var first: any StreamingHasher
    private let helper: Helper?
    private let buffers: [UnsafeMutableRawBufferPointer]
    /// The buffer being filled, and how full it is.
    private var current = 0
    private var filled = 0
    /// Whether the helper is hashing the other buffer (it must finish before that one is refilled or
    /// the hashers are read).
    private var inFlight = false
    private(set) var byteCount: UInt64 = 0

    init(algorithms: [HashAlgorithm] = BundleManifest.algorithms) {
        precondition(!algorithms.isEmpty, "EntryDigester needs an algorithm")
        self.algorithms = algorithms
        first = algorithms[0].makeHasher()
        helper = algorithms.count > 1 && Threads.available > 1 ? Helper(algorithms: Array(algorithms.dropFirst())) : nil
        let count = helper == nil ? 1 : 2
        buffers = (0..<count).map { _ in UnsafeMutableRawBufferPointer.allocate(byteCount: EntryDigester.bufferSize, alignment: 64) }
        if helper == nil { rest = algorithms.dropFirst().map { $0.makeHasher() } }
    }

    /// The other hashers when there is no helper thread.
    private var rest: [any StreamingHasher] = []

    /// The entry's Auto Drive CID, when asked for with ``computeCID(name:)``: built on the calling
    /// thread beside the first algorithm (the helper already carries the slower SHA-256).
    private var cidHasher: CIDHasher?
    /// The CID of the entry ``finalize()`` last finished, when one was asked for.
    private(set) var cid: AutoDriveCID?

    /// Computes the current entry's Auto Drive CID too, under `name` (the root node records it), as
    /// auto-dag-data would for that file. Call before the entry's first byte; ``finalize()`` ends it.
    func computeCID(name: String?) throws(DriveError) {
        precondition(byteCount == 0, "computeCID(name:) after the entry's first byte")
        cidHasher = CIDHasher(try FileCIDBuilder(name: name, threads: 1))
    }

    deinit {
        if inFlight { helper?.wait() }
        helper?.stop()
        for buffer in buffers { buffer.deallocate() }
    }

    /// Absorbs `chunk` (any size).
    func update(_ chunk: UnsafeRawBufferPointer) {
        byteCount += UInt64(chunk.count)
        var offset = 0
        while offset < chunk.count {
            let count = min(chunk.count - offset, Self.bufferSize - filled)
            (buffers[current].baseAddress! + filled).copyMemory(from: chunk.baseAddress! + offset, byteCount: count)
            filled += count
            offset += count
            if filled == Self.bufferSize { flush() }
        }
    }

    /// Reads the next bytes with `read` straight into the buffer being filled (no copy), absorbs
    /// them and returns them, or nil when `read` returns 0 (the end). `read` gets the free part of
    /// the buffer and returns how many bytes it wrote there. The bytes returned stay valid until the
    /// next call.
    func absorbNext(_ read: (UnsafeMutableRawBufferPointer) throws -> Int) rethrows -> UnsafeRawBufferPointer? {
        let free = UnsafeMutableRawBufferPointer(rebasing: buffers[current][filled...])
        let count = try read(free)
        precondition(count >= 0 && count <= free.count, "read more than the buffer holds")
        guard count > 0 else { return nil }
        let chunk = UnsafeRawBufferPointer(rebasing: free[..<count])
        byteCount += UInt64(count)
        filled += count
        // A full buffer goes to the hashers; its bytes stay put until the buffer comes round again,
        // after the next call has filled the other one.
        if filled == Self.bufferSize { flush() }
        return chunk
    }

    /// The digests of everything absorbed since the last call; the digester then starts afresh (same
    /// algorithms, same helper thread) for the next entry.
    func finalize() -> ContentDigest {
        flush()
        if inFlight {
            helper!.wait()
            inFlight = false
        }
        var digests: [HashAlgorithm: [UInt8]] = [algorithms[0]: first.finalize()]
        let others = helper?.hashers ?? rest
        for (algorithm, hasher) in zip(algorithms.dropFirst(), others) { digests[algorithm] = hasher.finalize() }
        let digest = ContentDigest(digests: digests, byteCount: byteCount)
        cid = cidHasher?.cid
        cidHasher = nil
        first = algorithms[0].makeHasher()
        if let helper {
            helper.reset()
        } else {
            rest = algorithms.dropFirst().map { $0.makeHasher() }
        }
        byteCount = 0
        return digest
    }

    /// Hashes the current buffer: the other algorithms on the helper thread, the first one here; then
    /// switches to the other buffer once the helper is done with it.
    private func flush() {
        guard filled > 0 else { return }
        let chunk = UnsafeRawBufferPointer(rebasing: buffers[current][0..<filled])
        guard let helper else {
            first.update(chunk, threads: 1)
            cidHasher?.update(chunk, threads: 1)
            for index in rest.indices { rest[index].update(chunk, threads: 1) }
            filled = 0
            return
        }
        // The other buffer may still be with the helper: it takes one buffer at a time.
        if inFlight { helper.wait() }
        helper.start(chunk)
        inFlight = true
        first.update(chunk, threads: 1)
        cidHasher?.update(chunk, threads: 1)
        current ^= 1
        filled = 0
    }

    /// The long-lived thread and the hashers it owns. A buffer goes to it with ``start(_:)``; the
    /// caller touches ``hashers`` only after ``wait()`` (the semaphores order the accesses).
    private final class Helper: @unchecked Sendable {
        private let algorithms: [HashAlgorithm]
        var hashers: [any StreamingHasher]
        private var chunk: UnsafeRawBufferPointer?
        private var stopping = false
        private var running = false
        /// Signalled by the caller: a chunk to hash, or stop.
        private let work = DispatchSemaphore(value: 0)
        /// Signalled by the helper: the chunk is hashed.
        private let done = DispatchSemaphore(value: 0)

        init(algorithms: [HashAlgorithm]) {
            self.algorithms = algorithms
            hashers = algorithms.map { $0.makeHasher() }
        }

        func start(_ chunk: UnsafeRawBufferPointer) {
            self.chunk = chunk
            if !running {
                running = Threads.detach { self.loop() }
                if !running {  // no thread: hash here, as if it had been done elsewhere
                    hashAll(chunk)
                    done.signal()
                    return
                }
            }
            work.signal()
        }

        func wait() { done.wait() }

        func reset() { hashers = algorithms.map { $0.makeHasher() } }

        /// Ends the thread (after ``wait()`` for any chunk in flight). The thread holds a reference
        /// to this object until it returns.
        func stop() {
            guard running else { return }
            stopping = true
            work.signal()
        }

        private func loop() {
            while true {
                work.wait()
                if stopping { return }
                if let chunk { hashAll(chunk) }
                done.signal()
            }
        }

        private func hashAll(_ chunk: UnsafeRawBufferPointer) {
            for index in hashers.indices { hashers[index].update(chunk, threads: 1) }
        }
    }
}
