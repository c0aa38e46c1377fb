// Multi-threaded streaming: large `update` calls hash whole aligned subtrees ("units") on several
// threads, so a stream (stdin, or a file read in big blocks) uses all cores with memory bounded by
// the caller's buffer. Units are pushed on the CV stack in order; anything unaligned, and the last
// unit of each call (which might hold the final chunk), goes through the ordinary serial path.

import AutoIDBLAKE3Kernel
import AutoIDThreads

extension BLAKE3 {
    /// Chunks per unit of parallel streaming work: 256 KiB, many per thread for a multi-MiB buffer.
    static let streamUnitChunks = 256

    /// Absorbs `bytes` like ``update(_:)-(UnsafeRawBufferPointer)``, hashing whole aligned subtrees on
    /// `threads` threads when the buffer is large enough to be worth it. The result is the same digest.
    public mutating func update(_ bytes: UnsafeRawBufferPointer, threads: Int) {
        guard threads > 1, var input = bytes.baseAddress else {
            update(bytes)
            return
        }
        var remaining = bytes.count
        // A full pending buffer from the previous call is known not to hold the final chunk now.
        if pending.count == TreeState.subtreeBytes && remaining > 0 {
            pending.withUnsafeBytes { tree.absorbSubtree($0.baseAddress!, chunks: TreeState.subtreeChunks) }
            pending.removeAll(keepingCapacity: true)
        }
        let unitChunks = Self.streamUnitChunks
        let unitBytes = unitChunks * BLAKE3Size.chunk
        if pending.isEmpty, tree.chunkCounter % UInt64(unitChunks) == 0, remaining > unitBytes * threads {
            let units = (remaining - 1) / unitBytes  // keep at least one byte for the serial path
            let cvs = UnsafeMutableBufferPointer<ChainingValue>.allocate(capacity: units)
            defer { cvs.deallocate() }
            let job = SubtreeJob(tree: tree, base: input, cvs: cvs, units: units, unitChunks: unitChunks, threads: threads)
            job.run()
            for cv in cvs { tree.pushSubtree(cv, chunks: unitChunks) }
            input += units * unitBytes
            remaining -= units * unitBytes
        }
        update(UnsafeRawBufferPointer(start: input, count: remaining))
    }
}
