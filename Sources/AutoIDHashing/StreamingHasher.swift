/// The one shape every digest in autoid has: feed bytes in any split, then finalize.
///
/// Feeding the same bytes in different chunkings gives the same digest. A hasher is a value: copying it
/// forks the computation.
public protocol StreamingHasher: Sendable {
    /// Absorbs `bytes`.
    mutating func update(_ bytes: UnsafeRawBufferPointer)
    /// Absorbs `bytes`, using up to `threads` threads where the algorithm can (BLAKE3's tree can;
    /// sequential hashes ignore the hint).
    mutating func update(_ bytes: UnsafeRawBufferPointer, threads: Int)
    /// Returns the digest of everything absorbed so far; the hasher stays usable.
    func finalize() -> [UInt8]
}

extension StreamingHasher {
    public mutating func update(_ bytes: UnsafeRawBufferPointer, threads: Int) {
        update(bytes)
    }

    /// Absorbs the bytes of an array.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }
}
