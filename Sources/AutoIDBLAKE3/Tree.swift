// The BLAKE3 tree (spec section 2.1 and 5.1), on top of the many-chunk kernels.
//
// Chunks are the leaves; each parent hashes the concatenated CVs of its two children; the left
// subtree of any node holds the largest power of two number of chunks that leaves the right one
// non-empty. The root node is compressed with the ROOT flag (and can produce any output length),
// so it is only known once the input has ended.
//
// Input is consumed as aligned power-of-two subtrees: a subtree of 2^k chunks starting at a
// chunk counter divisible by 2^k is a complete subtree of the final tree whatever follows it.
// Such a subtree is hashed level by level: all its chunks through the many-chunk kernel, then
// each level of parents through the same kernels (N parents per call), down to one CV. These CVs
// go on a stack and are merged lazily, as in the spec's incremental algorithm: a merge happens
// only once later input proves the merged node is not the root.

import AutoIDBLAKE3Kernel

typealias ChainingValue = SIMD8<UInt32>

/// The inputs of a not-yet-compressed node: enough to produce either its chaining value or, as
/// the root, any number of output bytes.
struct NodeOutput: Sendable {
    var inputCV: ChainingValue
    var block: SIMD16<UInt32>
    var counter: UInt64
    var blockLength: UInt32
    var flags: UInt32

    func chainingValue() -> ChainingValue {
        var out = SIMD16<UInt32>()
        compress(counter: counter, flags: flags, into: &out)
        return out.lowHalf
    }

    /// `count` root output bytes (any count ≥ 0) as an array.
    func rootBytes(count: Int) -> [UInt8] {
        precondition(count >= 0, "output length must not be negative")
        // Not through `unsafeUninitializedCapacity: 0`, which writes into the shared empty storage (a
        // data race under ThreadSanitizer when two threads ask for no output at once).
        guard count > 0 else { return [] }
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            rootBytes(into: UnsafeMutableRawBufferPointer(buffer))
            initialized = count
        }
    }

    /// Writes root output bytes (spec 2.6: output block `i` is the root compressed with counter i).
    func rootBytes(into destination: UnsafeMutableRawBufferPointer) {
        var offset = 0
        var blockCounter: UInt64 = 0
        while offset < destination.count {
            var words = SIMD16<UInt32>()
            compress(counter: blockCounter, flags: flags | BLAKE3Flags.root, into: &words)
            let n = min(BLAKE3Size.block, destination.count - offset)
            withUnsafeBytes(of: &words) { bytes in
                // Little-endian words: the in-memory bytes are the output bytes.
                destination.baseAddress!.advanced(by: offset).copyMemory(from: bytes.baseAddress!, byteCount: n)
            }
            offset += n
            blockCounter += 1
        }
    }

    private func compress(counter: UInt64, flags: UInt32, into out: inout SIMD16<UInt32>) {
        withUnsafePointer(to: inputCV) { cv in
            withUnsafeBytes(of: block) { block in
                withUnsafeMutablePointer(to: &out) { out in
                    blake3Compress(
                        cv: UnsafeRawPointer(cv).assumingMemoryBound(to: UInt32.self),
                        block: block.baseAddress!, counter: counter, blockLength: blockLength,
                        flags: flags,
                        out: UnsafeMutableRawPointer(out).assumingMemoryBound(to: UInt32.self))
                }
            }
        }
    }
}

/// Everything of a hash computation except the buffered, not yet hashed input.
struct TreeState: Sendable {
    /// Chunks per subtree of the streaming hasher's pending buffer (64 KiB); its counter stays a
    /// multiple of this.
    static let subtreeChunks = 64
    static let subtreeBytes = subtreeChunks * BLAKE3Size.chunk
    /// Largest subtree hashed level by level in one temporary CV buffer (16 KiB on the stack), and the
    /// most chunks one kernel call takes in `absorbUnalignedChunks`; bigger subtrees are split in
    /// halves recursively.
    static let maxLevelwiseChunks = 512

    let key: ChainingValue
    let flags: UInt32
    let kernel: KernelImpl
    /// CVs of complete subtrees, left to right, not yet merged.
    private(set) var stack: [ChainingValue] = []
    /// Number of chunks consumed (all of them represented on `stack`).
    private(set) var chunkCounter: UInt64 = 0

    init(key: ChainingValue, flags: UInt32, kernel: KernelImpl) {
        self.key = key
        self.flags = flags
        self.kernel = kernel
    }

    // MARK: Subtrees

    /// CV of the complete subtree of `chunks` (a power of two) whole chunks at `input`, whose first
    /// chunk has counter `counter`. Never the root.
    func subtreeCV(_ input: UnsafeRawPointer, chunks: Int, counter: UInt64) -> ChainingValue {
        precondition(chunks > 0 && chunks & (chunks - 1) == 0)
        if chunks > Self.maxLevelwiseChunks {
            let half = chunks / 2
            let left = subtreeCV(input, chunks: half, counter: counter)
            let right = subtreeCV(input + half * BLAKE3Size.chunk, chunks: half, counter: counter + UInt64(half))
            return parentCV(left, right)
        }
        return withUnsafePointer(to: key) { keyPointer in
            let keyWords = UnsafeRawPointer(keyPointer).assumingMemoryBound(to: UInt32.self)
            return withUnsafeTemporaryAllocation(of: ChainingValue.self, capacity: chunks) { cvs in
                let base = UnsafeMutableRawPointer(cvs.baseAddress!)
                kernel.hashChunks(input, count: chunks, key: keyWords, counter: counter, flags: flags, out: base)
                var n = chunks
                while n > 1 {
                    // In place: parent i reads CVs 2i, 2i+1 and writes CV i.
                    kernel.hashParents(base, count: n / 2, key: keyWords, flags: flags, out: base)
                    n /= 2
                }
                return cvs[0]
            }
        }
    }

    func parentCV(_ left: ChainingValue, _ right: ChainingValue) -> ChainingValue {
        parentOutput(left, right).chainingValue()
    }

    func parentOutput(_ left: ChainingValue, _ right: ChainingValue) -> NodeOutput {
        NodeOutput(
            inputCV: key, block: SIMD16(lowHalf: left, highHalf: right), counter: 0,
            blockLength: UInt32(BLAKE3Size.block), flags: flags | BLAKE3Flags.parent)
    }

    // MARK: The CV stack

    /// Merges the top of the stack until it holds `count` CVs.
    private mutating func mergeStack(downTo count: Int) {
        while stack.count > count {
            let right = stack.removeLast()
            let left = stack.removeLast()
            stack.append(parentCV(left, right))
        }
    }

    /// Pushes the CV of the subtree of `chunks` chunks that starts at `chunkCounter`.
    ///
    /// Before pushing, subtrees that are complete *and* known not to be the root are merged: the
    /// stack is reduced to one CV per 1 bit of `chunkCounter` (a complete tree of 2^k chunks
    /// for each power of two in the count so far). This is lazy: the previous subtree is merged
    /// with its sibling only now that more input follows it.
    mutating func pushSubtree(_ cv: ChainingValue, chunks: Int) {
        precondition(chunkCounter % UInt64(chunks) == 0, "subtree must be aligned")
        mergeStack(downTo: chunkCounter.nonzeroBitCount)
        stack.append(cv)
        chunkCounter += UInt64(chunks)
    }

    /// Hashes and pushes the aligned subtree of `chunks` (power of two) whole chunks at `input`.
    mutating func absorbSubtree(_ input: UnsafeRawPointer, chunks: Int) {
        pushSubtree(subtreeCV(input, chunks: chunks, counter: chunkCounter), chunks: chunks)
    }

    /// Hashes and pushes `count` whole chunks at `input`, starting at the current chunk counter whatever
    /// its alignment: each batch of up to `maxLevelwiseChunks` chunks in one kernel call (batches end on
    /// multiples of it, so the groups after the first batch are whole), then the largest aligned
    /// power-of-two groups, reduced level by level. With `keepingLastPairApart` (these chunks end the input,
    /// whose root is a parent): a last group that is the whole input (it starts at chunk 0) is pushed as
    /// its two halves, the root's two children, so that the root itself is never reduced to a chaining
    /// value; any other last group has a CV before it on the stack.
    mutating func absorbUnalignedChunks(_ input: UnsafeRawPointer, count: Int, keepingLastPairApart: Bool = false) {
        var done = 0
        withUnsafePointer(to: key) { keyPointer in
            let keyWords = UnsafeRawPointer(keyPointer).assumingMemoryBound(to: UInt32.self)
            while done < count {
                let batch = min(count - done, Self.maxLevelwiseChunks - Int(chunkCounter % UInt64(Self.maxLevelwiseChunks)))
                let endsInput = keepingLastPairApart && done + batch == count
                withUnsafeTemporaryAllocation(of: ChainingValue.self, capacity: batch) { cvs in
                    let cvBase = UnsafeMutableRawPointer(cvs.baseAddress!)
                    kernel.hashChunks(
                        input + done * BLAKE3Size.chunk, count: batch, key: keyWords, counter: chunkCounter,
                        flags: flags, out: cvBase)
                    var first = 0
                    while first < batch {
                        // The largest power of two that both fits and keeps the subtree aligned.
                        let fits = 1 << (Int.bitWidth - 1 - (batch - first).leadingZeroBitCount)
                        let aligned = chunkCounter == 0 ? fits : Int(truncatingIfNeeded: chunkCounter & (~chunkCounter &+ 1))
                        let size = min(fits, aligned)
                        let group = cvBase + first * BLAKE3Size.chainingValue
                        let apart = endsInput && first + size == batch && chunkCounter == 0
                        var n = size
                        while n > (apart ? 2 : 1) {
                            kernel.hashParents(group, count: n / 2, key: keyWords, flags: flags, out: group)
                            n /= 2
                        }
                        if apart {
                            pushSubtree(cvs[first], chunks: size / 2)
                            pushSubtree(cvs[first + 1], chunks: size / 2)
                        } else {
                            pushSubtree(cvs[first], chunks: size)
                        }
                        first += size
                    }
                }
                done += batch
            }
        }
    }

    // MARK: Finishing

    /// The root node, given the rest of the input (`tail`, of any length; empty only if the whole
    /// input is empty). Its whole chunks go through the many-chunk kernel in batches, pushed as the
    /// aligned subtrees their counters allow. A last chunk is kept out for the scalar path only when it
    /// must be: when it is partial (the many-chunk kernels take whole chunks only) or the whole input
    /// (the root is then that chunk); an input of whole chunks, such as 256 KiB, ends in a parent, and
    /// all of its chunks are hashed side by side.
    func rootOutput(tail: UnsafeRawBufferPointer) -> NodeOutput {
        var state = self
        precondition(tail.count > 0 || chunkCounter == 0)
        let chunks = max(1, (tail.count + BLAKE3Size.chunk - 1) / BLAKE3Size.chunk)
        if tail.count == chunks * BLAKE3Size.chunk && chunkCounter + UInt64(chunks) >= 2 {
            state.absorbUnalignedChunks(tail.baseAddress!, count: chunks, keepingLastPairApart: true)
            // At least two CVs on the stack: the last two are a parent's children, the rest fold onto it.
            let right = state.stack.removeLast()
            let left = state.stack.removeLast()
            return state.folded(onto: state.parentOutput(left, right))
        }
        let wholeChunks = chunks - 1
        if wholeChunks > 0 { state.absorbUnalignedChunks(tail.baseAddress!, count: wholeChunks) }
        let offset = wholeChunks * BLAKE3Size.chunk
        // Everything on the stack is now known to be a left sibling: merge as far as the count allows,
        // then fold the remaining stack onto the last chunk, right to left.
        state.mergeStack(downTo: state.chunkCounter.nonzeroBitCount)
        return state.folded(onto: state.lastChunkOutput(UnsafeRawBufferPointer(rebasing: tail[offset...])))
    }

    /// The stack folded onto `output`, right to left: each CV on it is the left child of the node so far.
    private func folded(onto output: NodeOutput) -> NodeOutput {
        var output = output
        for left in stack.reversed() {
            output = parentOutput(left, output.chainingValue())
        }
        return output
    }

    /// The output node of the last chunk (1...1024 bytes, or 0 for the empty input), which has
    /// counter `chunkCounter`. All but its last block are compressed here (spec 2.4).
    private func lastChunkOutput(_ chunk: UnsafeRawBufferPointer) -> NodeOutput {
        var cv = key
        let blocks = max(1, (chunk.count + BLAKE3Size.block - 1) / BLAKE3Size.block)
        var startFlag = BLAKE3Flags.chunkStart
        withUnsafeMutablePointer(to: &cv) { cvPointer in
            let words = UnsafeMutableRawPointer(cvPointer).assumingMemoryBound(to: UInt32.self)
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 16) { out in
                for b in 0..<(blocks - 1) {
                    blake3Compress(
                        cv: words, block: chunk.baseAddress! + b * BLAKE3Size.block, counter: chunkCounter,
                        blockLength: UInt32(BLAKE3Size.block), flags: flags | startFlag,
                        out: out.baseAddress!)
                    for i in 0..<8 { words[i] = out[i] }
                    startFlag = 0
                }
            }
        }
        let lastStart = (blocks - 1) * BLAKE3Size.block
        var block = SIMD16<UInt32>()  // zero padded
        let lastLength = chunk.count - lastStart
        if lastLength > 0 {
            withUnsafeMutableBytes(of: &block) {
                $0.baseAddress!.copyMemory(from: chunk.baseAddress! + lastStart, byteCount: lastLength)
            }
        }
        return NodeOutput(
            inputCV: cv, block: block, counter: chunkCounter, blockLength: UInt32(lastLength),
            flags: flags | startFlag | BLAKE3Flags.chunkEnd)
    }
}
