// One-shot hashing of `prefix || body` without copying the body: for messages made of a small
// header and a large payload that already sits in memory (an Auto Drive chunk node is a dozen bytes
// of protobuf before 65,066 bytes of file content). The streaming hasher would buffer the first
// 64 KiB, which for such a message is nearly all of it.
//
// Only the first 1024-byte chunk, which straddles the prefix and the body, is copied. Every later
// chunk lies whole inside the body, so they are hashed straight from the body, batches of chunks in
// one kernel call (`TreeState.rootOutput`); chunk 1 onwards is not aligned to the 64-chunk subtrees
// the streaming path uses, so the chunk CVs are pushed as the aligned power-of-two subtrees the
// counter allows (1, 2, 4... then as large as fits), each reduced with the SIMD parent kernel.

import AutoIDBLAKE3Kernel

extension BLAKE3 {
    /// The 32-byte hash (hash mode) of `prefix` followed by `body`, the same as
    /// `hash(prefix + body)`, reading `body` in place. `prefix` may be any length; one longer than a
    /// chunk (1024 bytes) is hashed through the streaming path.
    public static func hash(prefix: UnsafeRawBufferPointer, body: UnsafeRawBufferPointer) -> [UInt8] {
        hash(prefix: prefix, body: body, kernel: BLAKE3Kernel.selected)
    }

    /// ``hash(prefix:body:)`` using `kernel` (precondition: supported).
    public static func hash(prefix: UnsafeRawBufferPointer, body: UnsafeRawBufferPointer, kernel: BLAKE3Kernel) -> [UInt8] {
        hash(prefix: prefix, body: body, impl: KernelImpl(kernel))
    }

    static func hash(prefix: UnsafeRawBufferPointer, body: UnsafeRawBufferPointer, impl: KernelImpl) -> [UInt8] {
        let chunk = BLAKE3Size.chunk
        let total = prefix.count + body.count
        guard prefix.count < chunk, total > chunk, let bodyBase = body.baseAddress else {
            var hasher = BLAKE3(impl: impl)
            hasher.update(prefix)
            hasher.update(body)
            return hasher.finalize()
        }
        var tree = BLAKE3(impl: impl).tree
        // Chunk 0: the prefix and the body's first bytes, copied together.
        let fromBody = chunk - prefix.count
        withUnsafeTemporaryAllocation(byteCount: chunk, alignment: 64) { first in
            if prefix.count > 0 { first.baseAddress!.copyMemory(from: prefix.baseAddress!, byteCount: prefix.count) }
            (first.baseAddress! + prefix.count).copyMemory(from: bodyBase, byteCount: fromBody)
            tree.absorbSubtree(UnsafeRawPointer(first.baseAddress!), chunks: 1)
        }
        // Every later chunk comes straight from the body (at least one byte is left: total > chunk).
        return tree.rootOutput(tail: UnsafeRawBufferPointer(rebasing: body[fromBody...])).rootBytes(count: outputByteCount)
    }
}
