public import AutoIDHashing

/// A ``FileCIDBuilder`` in the streaming shape every digest in autoid has, so that an Auto Drive CID is
/// computed in the same read as a file's digests (``ContentDigester/digest(_:algorithms:alongside:bufferSize:threads:)``):
/// a signed subject names its CID, and a verifier checks both from one pass over the bytes.
///
/// ``finalize()`` gives the 32-byte BLAKE3 digest of the root node, which is all a CID varies in;
/// ``cid`` gives the CID itself.
public struct CIDHasher: StreamingHasher {
    /// The builder, fed so far.
    public private(set) var builder: FileCIDBuilder

    public init(_ builder: FileCIDBuilder) {
        self.builder = builder
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        builder.update(bytes)
    }

    /// Chunks are independent, so they are hashed on up to `threads` cores.
    public mutating func update(_ bytes: UnsafeRawBufferPointer, threads: Int) {
        builder.threads = max(1, threads)
        builder.update(bytes)
    }

    public func finalize() -> [UInt8] {
        builder.finalize().digest
    }

    /// The CID of the content fed so far.
    public var cid: AutoDriveCID { builder.finalize() }
}
