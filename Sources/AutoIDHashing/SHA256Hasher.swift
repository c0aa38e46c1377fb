import Crypto

/// SHA-256 through swift-crypto, which uses the CPU's SHA extensions where present
/// (as fast as `openssl dgst -sha256` on this machine class; libsodium's is 5x slower).
public struct SHA256Hasher: StreamingHasher {
    private var state = SHA256()

    public init() {}

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        state.update(bufferPointer: bytes)
    }

    public func finalize() -> [UInt8] {
        Array(state.finalize())
    }

    /// The SHA-256 of `bytes` in one call.
    public static func hash(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        Array(SHA256.hash(data: Array(bytes)))
    }
}
