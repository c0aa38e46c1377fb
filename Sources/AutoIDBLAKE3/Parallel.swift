// Multi-threaded hashing of an in-memory buffer.
//
// The buffer is cut into `units`: aligned complete subtrees of U chunks (U a power of two, so
// each is a subtree of the final tree whatever the buffer length). Threads take units one at a
// time as they become free and hash them to CVs independently; the calling thread then pushes
// those CVs onto the CV stack in order and finishes the short rest of the buffer (always at least
// one byte, so that the root is never hashed as a non-root) like the single-threaded path.

import AutoIDBLAKE3Kernel
import AutoIDThreads

extension BLAKE3 {
    /// Units per thread to aim for; more units balance better (the rest after the last whole
    /// unit is done by one thread after the others) at the cost of one parent per unit.
    private static let unitsPerThread = 32
    /// Below this many chunks per thread, threads are not worth starting.
    private static let minChunksPerThread = 256

    func parallelOneShot(_ bytes: UnsafeRawBufferPointer, threads: Int, outputByteCount: Int) -> [UInt8] {
        let chunks = (bytes.count + BLAKE3Size.chunk - 1) / BLAKE3Size.chunk
        guard threads > 1, chunks >= threads * Self.minChunksPerThread else {
            return oneShot(bytes, outputByteCount: outputByteCount)
        }
        var unitChunks = TreeState.subtreeChunks
        while unitChunks * 2 <= chunks / (threads * Self.unitsPerThread) { unitChunks *= 2 }
        let unitBytes = unitChunks * BLAKE3Size.chunk
        let units = (bytes.count - 1) / unitBytes  // keeps ≥ 1 byte for the tail

        var tree = treeForParallel
        let cvs = UnsafeMutableBufferPointer<ChainingValue>.allocate(capacity: max(units, 1))
        defer { cvs.deallocate() }
        let job = SubtreeJob(
            tree: tree, base: bytes.baseAddress!, cvs: cvs, units: units,
            unitChunks: unitChunks, threads: threads)
        job.run()

        for cv in cvs.prefix(units) { tree.pushSubtree(cv, chunks: unitChunks) }
        return tree.rootOutput(tail: UnsafeRawBufferPointer(rebasing: bytes[(units * unitBytes)...])).rootBytes(count: outputByteCount)
    }
}

/// Shared, read-only description of one parallel step: `units` aligned subtrees of `unitChunks`
/// chunks starting at `base`, the first at chunk `tree.chunkCounter`; each thread writes only its own
/// CV slots. Used by one-shot (`parallelOneShot`) and streaming (`update(_:threads:)`) hashing.
struct SubtreeJob: @unchecked Sendable {
    let tree: TreeState
    let base: UnsafeRawPointer
    let cvs: UnsafeMutableBufferPointer<ChainingValue>
    let units: Int
    let unitChunks: Int
    let threads: Int

    /// Hashes every unit on up to `threads` threads, each taking the next unit when it is free (a
    /// thread whose core is busy with other work takes fewer; a fixed split made the other wait).
    func run() {
        Threads.forEach(count: units, threads: threads) { unit in
            cvs[unit] = tree.subtreeCV(
                base + unit * unitChunks * BLAKE3Size.chunk, chunks: unitChunks,
                counter: tree.chunkCounter + UInt64(unit * unitChunks))
        }
    }
}
