// Multi-threaded hashing of input that can be read at any position (a regular file): every thread
// reads its own units into its own small buffer and hashes them there.
//
// Why not one reading thread feeding the others (what streams need, `update(_:threads:)`): copying out
// of the page cache is about as much work as hashing, so a single reader on a 2-core machine left the
// cores unevenly loaded (1.57 of 2 busy, measured), and its 8 MiB buffers went through memory between
// the copy and the hash. Here the copy is spread over the cores like the hashing, and a unit (256 KiB)
// is hashed while it is still in the core's L2 cache.
//
// Units are aligned complete subtrees (a power of two chunks), so each is a subtree of the final tree
// whatever the length; their CVs are pushed in order a window at a time (memory: one buffer per thread
// and one CV per unit of the window), and the rest after the last whole unit (always at least one byte,
// so that the root is never hashed as a non-root) is read and finished on the calling thread.

import AutoIDBLAKE3Kernel
import AutoIDThreads
import Synchronization

extension BLAKE3 {
    /// Bytes per unit of positioned work: small enough to stay in a core's L2 cache between the copy
    /// and the hash, large enough that a read call costs little beside its copy.
    public static let positionedUnitBytes = 256 * BLAKE3Size.chunk
    /// Units whose CVs are held at once (2 GiB of input; 256 KiB of CVs).
    static let positionedWindowUnits = 8192

    /// The hash of `length` bytes that `read` provides by position, on up to `threads` threads (at least
    /// one): `read(offset, buffer)` must fill `buffer` with the bytes at `offset` or throw. Calls to
    /// `read` come from several threads at once, each for its own range. After an error no new unit is
    /// started, and the first error is thrown.
    public static func hash<Failure: Error>(
        length: Int, threads: Int, read: @escaping @Sendable (_ offset: Int, _ buffer: UnsafeMutableRawBufferPointer) throws(Failure) -> Void
    ) throws(Failure) -> [UInt8] {
        try hash(length: length, threads: threads, windowUnits: positionedWindowUnits, read: read)
    }

    /// ``hash(length:threads:read:)`` holding `windowUnits` CVs at once (tests make windows small).
    static func hash<Failure: Error>(
        length: Int, threads: Int, windowUnits: Int,
        read: @escaping @Sendable (_ offset: Int, _ buffer: UnsafeMutableRawBufferPointer) throws(Failure) -> Void
    ) throws(Failure) -> [UInt8] {
        let hasher = BLAKE3()
        var tree = hasher.treeForParallel
        let unitBytes = positionedUnitBytes
        let unitChunks = unitBytes / BLAKE3Size.chunk
        let units = length > 0 ? (length - 1) / unitBytes : 0  // keeps ≥ 1 byte for the tail
        var done = 0
        while done < units {
            let count = min(units - done, windowUnits)
            let window = PositionedWindow(tree: tree, firstUnit: done, units: count, unitBytes: unitBytes, unitChunks: unitChunks)
            defer { window.deallocate() }
            Threads.run(max(1, min(threads, count))) { _ in window.work(read) }
            if let failure = window.failure { throw failure as! Failure }
            for cv in window.cvs { tree.pushSubtree(cv, chunks: unitChunks) }
            done += count
        }
        let tailBytes = length - units * unitBytes
        return try withUnsafeTemporaryAllocation(byteCount: max(tailBytes, 1), alignment: 64) { (tail) throws(Failure) -> [UInt8] in
            let bytes = UnsafeMutableRawBufferPointer(rebasing: tail[..<tailBytes])
            if tailBytes > 0 { try read(units * unitBytes, bytes) }
            var offset = 0
            while tailBytes - offset > TreeState.subtreeBytes {
                tree.absorbSubtree(bytes.baseAddress! + offset, chunks: TreeState.subtreeChunks)
                offset += TreeState.subtreeBytes
            }
            let root = tree.rootOutput(tail: UnsafeRawBufferPointer(rebasing: bytes[offset...]))
            return [UInt8](unsafeUninitializedCapacity: outputByteCount) { buffer, initialized in
                root.rootBytes(into: UnsafeMutableRawBufferPointer(buffer))
                initialized = outputByteCount
            }
        }
    }
}

/// One window of units shared by the threads: the next unit to claim, each unit's CV slot (written by
/// the thread that hashed it only), and the first error.
private final class PositionedWindow: @unchecked Sendable {
    let tree: TreeState
    let firstUnit: Int
    let units: Int
    let unitBytes: Int
    let unitChunks: Int
    let cvs: UnsafeMutableBufferPointer<ChainingValue>
    private let next = Atomic<Int>(0)
    /// Set once, by the first thread whose read fails; the others stop claiming units.
    private let stopped = Atomic<Bool>(false)
    /// Written only by the thread that set `stopped`, read only after every thread has been joined
    /// (no lock: Synchronization's Mutex waits on a futex, which ThreadSanitizer cannot see).
    private var firstFailure: (any Error)?

    init(tree: TreeState, firstUnit: Int, units: Int, unitBytes: Int, unitChunks: Int) {
        self.tree = tree
        self.firstUnit = firstUnit
        self.units = units
        self.unitBytes = unitBytes
        self.unitChunks = unitChunks
        cvs = .allocate(capacity: units)
    }

    func deallocate() { cvs.deallocate() }

    /// The first read error; read it after the threads are joined.
    var failure: (any Error)? { firstFailure }

    /// One thread's share: claim units until none is left (or another thread failed), each read into
    /// this thread's own buffer and hashed there.
    func work<Failure: Error>(_ read: (Int, UnsafeMutableRawBufferPointer) throws(Failure) -> Void) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: unitBytes, alignment: 64)
        defer { buffer.deallocate() }
        while !stopped.load(ordering: .relaxed) {
            let unit = next.wrappingAdd(1, ordering: .relaxed).oldValue
            guard unit < units else { return }
            let index = firstUnit + unit
            do {
                try read(index * unitBytes, buffer)
            } catch {
                if stopped.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged {
                    firstFailure = error
                }
                return
            }
            cvs[unit] = tree.subtreeCV(buffer.baseAddress!, chunks: unitChunks, counter: tree.chunkCounter + UInt64(unit * unitChunks))
        }
    }
}
