internal import AutoIDBLAKE2bAVX2
internal import AutoIDBLAKE2bKernel
internal import AutoIDCPU
internal import CSodium

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// BLAKE2b (RFC 7693), with any output size from 16 to 64 bytes and an optional key.
///
/// One-shot hashing of short inputs (`hash256`, batches, `hash` up to 1 KiB) uses our Swift
/// implementation (AutoIDBLAKE2bKernel, plus an AVX2 batch kernel); the streaming hasher and long
/// one-shot inputs use libsodium's `crypto_generichash`, whose SIMD compression is slightly faster
/// than the scalar Swift one on long inputs (~860 vs ~810 MB/s here).
///
/// Substrate and the Auto ID registry use the 32-byte output (`blake2b_256`); `b2sum` and in-toto's
/// `blake2b` use 64 bytes.
public struct BLAKE2b: StreamingHasher {
    /// Owns libsodium's hashing state, which must be 64-byte aligned, so it lives in its own allocation.
    private final class State: @unchecked Sendable {
        // Swift cannot import the 64-byte-aligned C struct, so the state is opaque bytes of the size
        // libsodium reports.
        static let byteCount = crypto_generichash_statebytes()
        let raw: UnsafeMutableRawPointer
        var pointer: OpaquePointer { OpaquePointer(raw) }

        init() {
            raw = UnsafeMutableRawPointer.allocate(byteCount: Self.byteCount, alignment: 64)
        }

        func copy() -> State {
            let other = State()
            other.raw.copyMemory(from: raw, byteCount: Self.byteCount)
            return other
        }

        deinit {
            sodium_memzero(raw, Self.byteCount)
            raw.deallocate()
        }
    }

    private var state: State
    /// The digest length in bytes.
    public let outputByteCount: Int

    /// Starts a hash with `outputByteCount` bytes of output (16...64) and an optional key (16...64 bytes).
    public init(outputByteCount: Int = 32, key: [UInt8] = []) {
        precondition((16...64).contains(outputByteCount), "BLAKE2b output must be 16 to 64 bytes")
        precondition(key.isEmpty || (16...64).contains(key.count), "BLAKE2b key must be 16 to 64 bytes")
        Sodium.initialize()
        self.outputByteCount = outputByteCount
        state = State()
        let result = key.withUnsafeBufferPointer { key in
            crypto_generichash_init(state.pointer, key.baseAddress, key.count, outputByteCount)
        }
        precondition(result == 0, "crypto_generichash_init rejected valid parameters")
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        if !isKnownUniquelyReferenced(&state) { state = state.copy() }
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        _ = crypto_generichash_update(state.pointer, base.assumingMemoryBound(to: UInt8.self), UInt64(bytes.count))
    }

    public func finalize() -> [UInt8] {
        let scratch = state.copy()  // finalizing consumes libsodium's state; keep ours reusable
        var digest = [UInt8](repeating: 0, count: outputByteCount)
        _ = digest.withUnsafeMutableBufferPointer { out in
            crypto_generichash_final(scratch.pointer, out.baseAddress!, outputByteCount)
        }
        return digest
    }

    /// BLAKE2b-256 of raw memory into raw memory, with no allocation: for hot loops such as trie hashing.
    ///
    /// `output` must hold at least 32 bytes. Pure Swift (`BLAKE2bCompress.swift`): on the trie's
    /// 30–600-byte nodes it is faster than libsodium, whose per-call setup dominates at these sizes.
    public static func hash256(_ bytes: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) {
        precondition(output.count >= 32, "BLAKE2b-256 needs 32 bytes of output space")
        blake2bOneShot(bytes.baseAddress, bytes.count, output.baseAddress!, 32)
    }

    /// BLAKE2b-256 of each of `messages`; digest `i` goes to `output[32 i ..< 32 i + 32]`, with no
    /// allocation. On CPUs with AVX2 four messages are hashed side by side (one per 64-bit lane),
    /// which is 2–3 times the throughput of hashing them one by one: for batches such as the nodes
    /// of a read proof. `output` must hold at least `32 * messages.count` bytes.
    public static func hash256(_ messages: UnsafeBufferPointer<UnsafeRawBufferPointer>, into output: UnsafeMutableRawBufferPointer) {
        hash256(messages, into: output, kernel: .selected)
    }

    /// BLAKE2b-256 of each array in `messages`, as `hash256(_:into:)` above.
    public static func hash256(_ messages: [[UInt8]], into output: UnsafeMutableRawBufferPointer) {
        hash256(messages, into: output, kernel: .selected)
    }

    /// Which code hashes batches of messages: `avx2` (4 lanes) where the CPU has it, else `scalar`.
    package enum ManyKernel: CaseIterable, Sendable {
        case scalar, avx2

        package static let selected: ManyKernel = InstructionSet.avx2.isSupported ? .avx2 : .scalar

        package var isSupported: Bool { self == .scalar || InstructionSet.avx2.isSupported }
    }

    package static func hash256(_ messages: UnsafeBufferPointer<UnsafeRawBufferPointer>, into output: UnsafeMutableRawBufferPointer, kernel: ManyKernel) {
        precondition(output.count >= 32 * messages.count, "BLAKE2b-256 needs 32 bytes of output space per message")
        guard let first = messages.baseAddress, let out = output.baseAddress else { return }
        if messages.count == 1 || kernel == .scalar {
            for i in 0..<messages.count {
                blake2bOneShot(messages[i].baseAddress, messages[i].count, out + 32 * i, 32)
            }
            return
        }
        precondition(kernel.isSupported, "this CPU has no AVX2")
        BLAKE2bAVX2.hash256Many(first, count: messages.count, out: out)
    }

    /// Messages are passed to the kernel in windows of this many (their buffers are borrowed by
    /// nested `withUnsafeBytes` calls, one level per message).
    private static let window = 32

    package static func hash256(_ messages: [[UInt8]], into output: UnsafeMutableRawBufferPointer, kernel: ManyKernel) {
        precondition(output.count >= 32 * messages.count, "BLAKE2b-256 needs 32 bytes of output space per message")
        if messages.count <= 1 {
            if let m = messages.first { m.withUnsafeBytes { hash256($0, into: output) } }
            return
        }
        withUnsafeTemporaryAllocation(of: UnsafeRawBufferPointer.self, capacity: window) { buffers in
            var start = 0
            while start < messages.count {
                let end = min(start + window, messages.count)
                borrow(messages, start, start, end, buffers.baseAddress!, output, kernel)
                start = end
            }
        }
    }

    /// Puts the buffers of `messages[i..<end]` into `buffers[(i - start)...]`, then hashes the window.
    private static func borrow(
        _ messages: [[UInt8]], _ i: Int, _ start: Int, _ end: Int, _ buffers: UnsafeMutablePointer<UnsafeRawBufferPointer>,
        _ output: UnsafeMutableRawBufferPointer, _ kernel: ManyKernel
    ) {
        if i == end {
            hash256(
                UnsafeBufferPointer(start: buffers, count: end - start),
                into: UnsafeMutableRawBufferPointer(rebasing: output[(32 * start)..<(32 * end)]), kernel: kernel)
            return
        }
        messages[i].withUnsafeBytes { bytes in
            buffers[i - start] = bytes
            borrow(messages, i + 1, start, end, buffers, output, kernel)
        }
    }

    /// Inputs above this many bytes go to libsodium: its SIMD compression is 5–8% faster than the
    /// Swift scalar one on long inputs (trie-bench blake2b), while below ~1 KiB the Swift one-shot
    /// wins by skipping libsodium's per-call setup.
    static let sodiumThreshold = 1024

    /// The BLAKE2b of `bytes` in one call; 32 bytes (`blake2b_256`) unless told otherwise.
    public static func hash(_ bytes: [UInt8], outputByteCount: Int = 32) -> [UInt8] {
        precondition((16...64).contains(outputByteCount), "BLAKE2b output must be 16 to 64 bytes")
        return [UInt8](unsafeUninitializedCapacity: outputByteCount) { out, initialized in
            bytes.withUnsafeBytes { input in
                if input.count > sodiumThreshold {
                    sodiumHash(input, into: UnsafeMutableRawBufferPointer(out), outputByteCount: outputByteCount)
                } else {
                    blake2bOneShot(input.baseAddress, input.count, UnsafeMutableRawPointer(out.baseAddress!), outputByteCount)
                }
            }
            initialized = outputByteCount
        }
    }

    /// libsodium's `crypto_generichash` (unkeyed, one shot), kept as the reference the tests and
    /// benchmarks compare the Swift implementation with.
    package static func sodiumHash(_ bytes: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, outputByteCount: Int = 32) {
        precondition((16...64).contains(outputByteCount) && output.count >= outputByteCount)
        Sodium.initialize()
        _ = crypto_generichash(
            output.baseAddress!.assumingMemoryBound(to: UInt8.self), outputByteCount,
            bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(bytes.count), nil, 0)
    }
}
