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
        try hash(length: length, threads: threads, windowUnits: positionedWindowUnits) { (offset, scratch) throws(Failure) in
            try read(offset, scratch)
            return UnsafeRawBufferPointer(scratch)
        }
    }

    /// The hash of `length` bytes that `bytes` provides by position, on up to `threads` threads (at least
    /// one): `bytes(offset, scratch)` returns the `scratch.count` bytes at `offset`, either read into
    /// `scratch` (a buffer of the calling thread's own) or found elsewhere (a mapping of the file); they
    /// must stay valid until the next call on the same thread. Calls come from several threads at once,
    /// each for its own range, units in increasing order of offset. After an error no new unit is
    /// started, and the first error is thrown.
    public static func hash<Failure: Error>(
        length: Int, threads: Int,
        bytes: @escaping @Sendable (_ offset: Int, _ scratch: UnsafeMutableRawBufferPointer) throws(Failure) -> UnsafeRawBufferPointer
    ) throws(Failure) -> [UInt8] {
        try hash(length: length, threads: threads, windowUnits: positionedWindowUnits, bytes: bytes)
    }

    /// ``hash(length:threads:bytes:)`` holding `windowUnits` CVs at once (tests make windows small).
    static func hash<Failure: Error>(
        length: Int, threads: Int, windowUnits: Int,
        bytes: @escaping @Sendable (_ offset: Int, _ scratch: UnsafeMutableRawBufferPointer) throws(Failure) -> UnsafeRawBufferPointer
    ) throws(Failure) -> [UInt8] {
        let hasher = BLAKE3()
        var tree = hasher.treeForParallel
        let unitBytes = positionedUnitBytes
        let unitChunks = unitBytes / BLAKE3Size.chunk
        let units = length > 0 ? (length - 1) / unitBytes : 0  // keeps ≥ 1 byte for the tail
        let cvs = UnsafeMutableBufferPointer<ChainingValue>.allocate(capacity: max(1, min(units, windowUnits)))
        defer { cvs.deallocate() }
        var done = 0
        while done < units {
            let count = min(units - done, windowUnits)
            let window = PositionedWindow(tree: tree, firstUnit: done, unitBytes: unitBytes, unitChunks: unitChunks, cvs: cvs)
            try Threads.forEach(count: count, threads: threads, scratchBytes: unitBytes) { (unit, scratch) throws(Failure) in
                let unitData = try bytes((window.firstUnit + unit) * window.unitBytes, scratch)
                precondition(unitData.count == window.unitBytes, "positioned bytes: a unit of the wrong length")
                window.hash(unit, unitData)
            }
            for cv in cvs.prefix(count) { tree.pushSubtree(cv, chunks: unitChunks) }
            done += count
        }
        let tailBytes = length - units * unitBytes
        return try withUnsafeTemporaryAllocation(byteCount: max(tailBytes, 1), alignment: 64) { (tail) throws(Failure) -> [UInt8] in
            let scratch = UnsafeMutableRawBufferPointer(rebasing: tail[..<tailBytes])
            let tailData = tailBytes > 0 ? try bytes(units * unitBytes, scratch) : UnsafeRawBufferPointer(scratch)
            precondition(tailData.count == tailBytes, "positioned bytes: a tail of the wrong length")
            return tree.rootOutput(tail: tailData).rootBytes(count: outputByteCount)
        }
    }
}

/// One window of units: where its units start, and a CV slot for each (written only by the thread that
/// hashed that unit).
private struct PositionedWindow: @unchecked Sendable {
    let tree: TreeState
    let firstUnit: Int
    let unitBytes: Int
    let unitChunks: Int
    let cvs: UnsafeMutableBufferPointer<ChainingValue>

    /// Hashes unit `unit` of the window, whose bytes are `bytes`, into its CV slot.
    func hash(_ unit: Int, _ bytes: UnsafeRawBufferPointer) {
        cvs[unit] = tree.subtreeCV(bytes.baseAddress!, chunks: unitChunks, counter: tree.chunkCounter + UInt64(unit * unitChunks))
    }
}
