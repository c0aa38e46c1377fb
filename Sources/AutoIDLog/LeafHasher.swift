import Crypto

/// Hashes one log entry as an RFC 9162 leaf, `SHA-256(0x00 || entry)`, from chunks: for entries that
/// are whole files of any size.
public struct LeafHasher: Sendable {
    private var state = SHA256()

    /// A hasher that has taken the leaf prefix byte.
    public init() {
        withUnsafeBytes(of: UInt8(0)) { state.update(bufferPointer: $0) }
    }

    /// Adds the next bytes of the entry.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        state.update(bufferPointer: bytes)
    }

    /// The leaf hash.
    public func finalize() -> TreeHash {
        state.finalize().withUnsafeBytes { TreeHash(loading: $0) }
    }
}
