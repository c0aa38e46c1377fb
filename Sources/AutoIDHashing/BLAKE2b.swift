internal import CSodium

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// BLAKE2b (RFC 7693) through libsodium's `crypto_generichash`, with any output size from 16 to 64 bytes
/// and an optional key.
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
    /// `output` must hold at least 32 bytes.
    public static func hash256(_ bytes: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) {
        precondition(output.count >= 32, "BLAKE2b-256 needs 32 bytes of output space")
        Sodium.initialize()
        _ = crypto_generichash(
            output.baseAddress!.assumingMemoryBound(to: UInt8.self), 32,
            bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(bytes.count), nil, 0)
    }

    /// The BLAKE2b of `bytes` in one call; 32 bytes (`blake2b_256`) unless told otherwise.
    public static func hash(_ bytes: [UInt8], outputByteCount: Int = 32) -> [UInt8] {
        Sodium.initialize()
        var digest = [UInt8](repeating: 0, count: outputByteCount)
        let result = digest.withUnsafeMutableBufferPointer { out in
            bytes.withUnsafeBufferPointer { input in
                crypto_generichash(out.baseAddress!, outputByteCount, input.baseAddress, UInt64(input.count), nil, 0)
            }
        }
        precondition(result == 0, "BLAKE2b output must be 16 to 64 bytes")
        return digest
    }
}
