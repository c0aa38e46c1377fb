import AutoIDHashing
import AutoIDManifest

/// A 32-byte SHA-256 value in an RFC 9162 Merkle tree: a leaf hash, a node hash or a root.
///
/// Held inline (four words, no heap), so millions of them stream through ``MerkleRootBuilder`` and proof
/// verification without allocating.
public struct TreeHash: Sendable, Hashable, CustomStringConvertible {
    /// The number of bytes in a hash.
    public static let byteCount = 32

    var words: SIMD4<UInt64>

    init(words: SIMD4<UInt64>) { self.words = words }

    /// Wraps exactly 32 bytes; `nil` for any other length.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == Self.byteCount else { return nil }
        var words = SIMD4<UInt64>()
        withUnsafeMutableBytes(of: &words) { target in
            for (index, byte) in bytes.enumerated() { target[index] = byte }
        }
        self.words = words
    }

    /// Reads 32 bytes from `buffer` (which must hold at least that many).
    init(loading buffer: UnsafeRawBufferPointer) {
        precondition(buffer.count >= Self.byteCount)
        var words = SIMD4<UInt64>()
        withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[0..<Self.byteCount])) }
        self.words = words
    }

    /// Parses standard base64 (RFC 4648 section 4, padded) of exactly 32 bytes, the form checkpoints and
    /// proof files use; `nil` for anything else.
    public init?(base64 text: some StringProtocol) {
        guard let bytes = StrictBase64.decode(text), let hash = TreeHash(bytes: bytes) else { return nil }
        self = hash
    }

    /// Parses 64 hex digits, with or without `0x`; `nil` for anything else.
    public init?(hex text: some StringProtocol) {
        let digits = text.hasPrefix("0x") ? String(text.dropFirst(2)) : String(text)
        guard digits.utf8.count == 64, let bytes = Hex.decode(digits), let hash = TreeHash(bytes: bytes) else { return nil }
        self = hash
    }

    /// The 32 bytes.
    public var bytes: [UInt8] { withUnsafeBytes(of: words) { Array($0) } }

    /// Standard padded base64, as in checkpoints.
    public var base64: String { Base64.encode(bytes) }

    /// Lowercase hex without a prefix.
    public var hex: String { Hex.encode(bytes) }

    public var description: String { base64 }

    /// Calls `body` with the 32 bytes.
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withUnsafeBytes(of: words, body)
    }
}
