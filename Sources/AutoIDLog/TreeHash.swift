import AutoIDHashing

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
        // 32 bytes are exactly 43 base64 digits and one '='; decoded here without allocating, because leaf
        // lists hold millions of these. The 43rd digit carries 2 spare bits, which must be zero (canonical).
        let utf8 = text.utf8
        guard utf8.count == 44, utf8.dropFirst(43).first == UInt8(ascii: "=") else { return nil }
        var words = SIMD4<UInt64>()
        let valid = withUnsafeMutableBytes(of: &words) { out -> Bool in
            var accumulator: UInt32 = 0
            var bits = 0
            var index = 0
            for char in utf8.prefix(43) {
                let value = Self.base64Values[Int(char)]
                if value == 0xff { return false }
                accumulator = accumulator << 6 | UInt32(value)
                bits += 6
                if bits >= 8 {
                    bits -= 8
                    out[index] = UInt8(truncatingIfNeeded: accumulator >> UInt32(bits))
                    index += 1
                }
            }
            return accumulator & 0b11 == 0
        }
        guard valid else { return nil }
        self.words = words
    }

    /// The value of each standard base64 digit; 0xff for every other byte.
    private static let base64Values: [UInt8] = {
        var table = [UInt8](repeating: 0xff, count: 256)
        for (index, char) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(char)] = UInt8(index)
        }
        return table
    }()

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
