// Many messages of one shape hashed together, so that the SIMD lanes are always full.
//
// A message of a few dozen chunks hashed alone leaves lanes empty: 63 chunks are 3 groups of 16
// and then narrower kernels; its first chunk (copied, because a prefix shares it) and its partial
// last chunk go through the scalar code; and most of its parents are hashed a few at a time. An
// Auto Drive chunk node is such a message (a 12-byte protobuf prefix and 65,066 bytes of content:
// 63 whole chunks and a 566-byte tail), and a file has thousands of them.
//
// Hashed side by side instead, lane `i` of a kernel call takes *the same chunk of message `i`*:
// the messages lie `bodyStride` bytes apart, so chunk `j` of every message is at
// `body + j * 1024 - prefixLength + i * bodyStride`, and all have the same counter `j`. That is
// the strided shape the kernels already have (input stride, one counter for every lane), so no new
// kernel code is needed: the hand-written 16- and 8-lane kernels take columns of whole blocks, the
// generic kernel a zero-padded last block (it sets the block's length). Chunk 0 (prefix and
// the body's first bytes) and the last chunk (zero padded, with its own block count and last block
// length) of every message are copied into two staging areas and hashed as columns of their own.
// Body chunks that fill whole groups of lanes within a message (48 of an Auto Drive node's 62 with 16
// lanes) are hashed message by message instead, consecutive chunks side by side, which reads memory
// in a friendlier order; only the leftover chunks go by column.
// Then the parents: every message has the same tree, so each level is one call of the parent
// kernel over all messages' chaining values at once, and the roots (ROOT flag) are one more call
// whose outputs are the 32-byte hashes.

import AutoIDBLAKE3Kernel

extension BLAKE3 {
    /// The hashes (hash mode, 32 bytes) of `count` messages of one shape: message `i` is the
    /// `prefixLength` bytes at `prefixes + i * prefixStride` followed by the `bodyLength` bytes at
    /// `bodies + i * bodyStride`. A stride may be 0 (one prefix, or one body, for all). Writes the
    /// digests one after the other, message 0 first, to `out` (at least `32 * count` bytes).
    ///
    /// Each digest equals `hash(prefix + body)`. Fastest when `count` is a multiple of 16 and the
    /// prefix is shorter than a chunk (1024 bytes); messages that do not fit the batched path (a
    /// remainder of fewer than 4, messages of one chunk or less) are hashed one by one.
    public static func hashMany(
        prefixes: UnsafeRawPointer?, prefixLength: Int, prefixStride: Int,
        bodies: UnsafeRawPointer?, bodyLength: Int, bodyStride: Int,
        count: Int, into out: UnsafeMutableRawBufferPointer, kernel: BLAKE3Kernel = .selected
    ) {
        precondition(count >= 0 && prefixLength >= 0 && bodyLength >= 0 && prefixStride >= 0 && bodyStride >= 0)
        precondition(out.count >= count * outputByteCount, "hashMany: output buffer of \(out.count) bytes for \(count) digests")
        precondition(count == 0 || ((prefixLength == 0 || prefixes != nil) && (bodyLength == 0 || bodies != nil)))
        guard count > 0 else { return }
        hashMany(
            prefixes: prefixes, prefixLength: prefixLength, prefixStride: prefixStride, bodies: bodies,
            bodyLength: bodyLength, bodyStride: bodyStride, count: count, impl: KernelImpl(kernel), out: out.baseAddress!)
    }

    static func hashMany(
        prefixes: UnsafeRawPointer?, prefixLength: Int, prefixStride: Int,
        bodies: UnsafeRawPointer?, bodyLength: Int, bodyStride: Int,
        count: Int, impl: KernelImpl, out: UnsafeMutableRawPointer
    ) {
        let chunk = BLAKE3Size.chunk
        let cvBytes = BLAKE3Size.chainingValue
        func one(_ m: Int) {
            let prefix = UnsafeRawBufferPointer(start: prefixLength > 0 ? prefixes! + m * prefixStride : nil, count: prefixLength)
            let body = UnsafeRawBufferPointer(start: bodyLength > 0 ? bodies! + m * bodyStride : nil, count: bodyLength)
            let digest = hash(prefix: prefix, body: body, impl: impl)
            (out + m * outputByteCount).copyMemory(from: digest, byteCount: outputByteCount)
        }
        // The SIMD kernels take whole groups of 4 lanes and never pad one (it would read past the
        // caller's memory): a remainder of 1-3 messages goes one by one.
        let batched = impl == .portable ? count : count - count % 4
        let total = prefixLength + bodyLength
        guard prefixLength < chunk, total > chunk, batched > 0, let bodies else {
            for m in 0..<count { one(m) }
            return
        }
        for m in batched..<count { one(m) }

        let messages = batched
        let chunks = (total + chunk - 1) / chunk  // at least 2
        let fromBody = chunk - prefixLength  // body bytes in chunk 0: 1...1024, and fewer than bodyLength
        let tailStart = (chunks - 1) * chunk - prefixLength  // body offset of the last chunk
        let tailLength = bodyLength - tailStart  // 1...1024
        let tailBlocks = (tailLength + BLAKE3Size.block - 1) / BLAKE3Size.block
        let lastBlockLength = UInt32(tailLength - (tailBlocks - 1) * BLAKE3Size.block)

        // Staging: every chunk 0, every last chunk, all chaining values (message by message), one column.
        let firstsBytes = messages * chunk
        let cvsBytes = messages * chunks * cvBytes
        let scratch = UnsafeMutableRawPointer.allocate(
            byteCount: 2 * firstsBytes + cvsBytes + messages * cvBytes, alignment: 64)
        defer { scratch.deallocate() }
        let firsts = scratch
        let tails = firsts + firstsBytes
        let cvs = tails + firstsBytes
        let column = cvs + cvsBytes
        for m in 0..<messages {
            let body = bodies + m * bodyStride
            let first = firsts + m * chunk
            if prefixLength > 0 { first.copyMemory(from: prefixes! + m * prefixStride, byteCount: prefixLength) }
            (first + prefixLength).copyMemory(from: body, byteCount: fromBody)
            let tail = tails + m * chunk
            tail.copyMemory(from: body + tailStart, byteCount: tailLength)
            (tail + tailLength).initializeMemory(as: UInt8.self, repeating: 0, count: tailBlocks * BLAKE3Size.block - tailLength)
        }

        var key = blake3IV
        withUnsafeBytes(of: &key) { keyBytes in
            let keyWords = keyBytes.baseAddress!.assumingMemoryBound(to: UInt32.self)
            // Chunk `j` of every message: one column of CVs, then spread to the messages' rows.
            func hashColumn(_ j: Int, _ input: UnsafeRawPointer, stride: Int, blocks: Int, last: UInt32) {
                impl.hashChunksStrided(
                    input, stride: stride, count: messages, blockCount: blocks, lastBlockLength: last, key: keyWords,
                    counter: UInt64(j), flags: 0, out: column)
                for m in 0..<messages {
                    (cvs + (m * chunks + j) * cvBytes).copyMemory(from: column + m * cvBytes, byteCount: cvBytes)
                }
            }
            hashColumn(0, firsts, stride: chunk, blocks: BLAKE3Size.blocksPerChunk, last: UInt32(BLAKE3Size.block))
            // The body chunks that fill whole groups of lanes within one message are hashed message by
            // message, consecutive chunks side by side, the CVs straight into the message's row: 16
            // neighbouring chunks share pages, where a column touches one page per message (measured:
            // the strided kernel's loads cost twice the consecutive one's). Only the rest go by column.
            let inRows = (chunks - 2) / impl.laneWidth * impl.laneWidth
            if inRows > 0 {
                for m in 0..<messages {
                    impl.hashChunks(
                        bodies + m * bodyStride + fromBody, count: inRows, key: keyWords, counter: 1, flags: 0,
                        out: cvs + (m * chunks + 1) * cvBytes)
                }
            }
            for j in (1 + inRows)..<(chunks - 1) {
                hashColumn(
                    j, bodies + (j * chunk - prefixLength), stride: bodyStride, blocks: BLAKE3Size.blocksPerChunk,
                    last: UInt32(BLAKE3Size.block))
            }
            hashColumn(chunks - 1, tails, stride: chunk, blocks: tailBlocks, last: lastBlockLength)

            // The parents, level by level (spec 5.1: pair neighbours, carry an odd last one up),
            // every message's level in one kernel call; `k` CVs per message, message by message.
            var k = chunks
            while k > 2 {
                if k % 2 == 0 {
                    // Pairs never straddle two messages: hash them all in place.
                    impl.hashParents(cvs, count: messages * k / 2, key: keyWords, flags: 0, out: cvs)
                    k /= 2
                    continue
                }
                // Odd: set every message's last CV aside, close the gaps, hash, then reopen them.
                let paired = k - 1
                let half = paired / 2
                for m in 0..<messages {
                    (column + m * cvBytes).copyMemory(from: cvs + (m * k + paired) * cvBytes, byteCount: cvBytes)
                }
                for m in 1..<messages {
                    (cvs + m * paired * cvBytes).copyMemory(from: cvs + m * k * cvBytes, byteCount: paired * cvBytes)
                }
                impl.hashParents(cvs, count: messages * half, key: keyWords, flags: 0, out: cvs)
                let next = half + 1
                for m in (0..<messages).reversed() {
                    if m > 0 { (cvs + m * next * cvBytes).copyMemory(from: cvs + m * half * cvBytes, byteCount: half * cvBytes) }
                    (cvs + (m * next + half) * cvBytes).copyMemory(from: column + m * cvBytes, byteCount: cvBytes)
                }
                k = next
            }
            // Two CVs left in every message: its root, whose chaining value is its 32-byte hash.
            impl.hashParents(cvs, count: messages, key: keyWords, flags: BLAKE3Flags.root, out: out)
        }
    }
}
