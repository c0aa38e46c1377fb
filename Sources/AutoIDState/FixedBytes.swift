import AutoIDHashing

// 32-byte hash (H256) and 256-bit unsigned integer (U256) value types.

/// A 32-byte hash. Stored as four 64-bit words holding the bytes in memory order,
/// so equality and hashing are cheap. SCALE: the 32 raw bytes.
public struct H256: Hashable, Sendable, SCALECodable, CustomStringConvertible {
    @usableFromInline let w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64

    public static let zero = H256(w0: 0, w1: 0, w2: 0, w3: 0)

    @inlinable init(w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64) {
        self.w0 = w0
        self.w1 = w1
        self.w2 = w2
        self.w3 = w3
    }

    /// Creates a hash from exactly 32 bytes; returns nil for any other length.
    public init?(_ bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        self = bytes.withUnsafeBytes { H256(rawPointer: $0.baseAddress!) }
    }

    /// Reads 32 bytes at `rawPointer` (no alignment needed).
    @inlinable public init(rawPointer p: UnsafeRawPointer) {
        w0 = p.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
        w1 = p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        w2 = p.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
        w3 = p.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
    }

    /// Parses 64 hex digits, with or without a `0x` prefix.
    public init?(hex: String) {
        guard let b = Hex.decode(hex), let h = H256(b) else { return nil }
        self = h
    }

    public var bytes: [UInt8] {
        withUnsafeBytes(of: self) { Array($0) }
    }

    /// Writes the 32 bytes to `p`.
    @inlinable public func store(to p: UnsafeMutableRawPointer) {
        p.storeBytes(of: w0, toByteOffset: 0, as: UInt64.self)
        p.storeBytes(of: w1, toByteOffset: 8, as: UInt64.self)
        p.storeBytes(of: w2, toByteOffset: 16, as: UInt64.self)
        p.storeBytes(of: w3, toByteOffset: 24, as: UInt64.self)
    }

    /// `0x`-prefixed lowercase hex, as Substrate's JSON writes hashes (across the package, `hex` always
    /// means this form; bare digits are `hexDigits`).
    public var hex: String { "0x" + Hex.encode(bytes) }

    /// Lowercase hex digits without the prefix.
    public var hexDigits: String { Hex.encode(bytes) }
    public var description: String { hex }

    public func encode(to encoder: inout SCALEEncoder) { encoder.appendRaw(bytes) }
    public init(from decoder: inout SCALEDecoder) throws(StateError) {
        self = H256(try decoder.readBytes(32, "H256"))!
    }
}

/// An unsigned 256-bit integer as four little-endian 64-bit limbs. SCALE: 32 bytes little-endian.
public struct U256: Hashable, Sendable, SCALECodable, Comparable {
    /// Limbs, least significant first.
    public let limbs: (UInt64, UInt64, UInt64, UInt64)

    public init(limbs: (UInt64, UInt64, UInt64, UInt64)) { self.limbs = limbs }
    public init(_ value: UInt64) { limbs = (value, 0, 0, 0) }

    /// From exactly 32 little-endian bytes.
    public init?(littleEndianBytes b: [UInt8]) {
        guard b.count == 32 else { return nil }
        func limb(_ i: Int) -> UInt64 {
            var v: UInt64 = 0
            for k in 0..<8 { v |= UInt64(b[i * 8 + k]) << (8 * UInt64(k)) }
            return v
        }
        limbs = (limb(0), limb(1), limb(2), limb(3))
    }

    public var littleEndianBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(32)
        for l in [limbs.0, limbs.1, limbs.2, limbs.3] {
            for k in 0..<8 { out.append(UInt8(truncatingIfNeeded: l >> (8 * UInt64(k)))) }
        }
        return out
    }

    public static func == (a: U256, b: U256) -> Bool {
        a.limbs.0 == b.limbs.0 && a.limbs.1 == b.limbs.1 && a.limbs.2 == b.limbs.2 && a.limbs.3 == b.limbs.3
    }
    public func hash(into h: inout Hasher) {
        h.combine(limbs.0)
        h.combine(limbs.1)
        h.combine(limbs.2)
        h.combine(limbs.3)
    }
    public static func < (a: U256, b: U256) -> Bool {
        if a.limbs.3 != b.limbs.3 { return a.limbs.3 < b.limbs.3 }
        if a.limbs.2 != b.limbs.2 { return a.limbs.2 < b.limbs.2 }
        if a.limbs.1 != b.limbs.1 { return a.limbs.1 < b.limbs.1 }
        return a.limbs.0 < b.limbs.0
    }

    public func encode(to encoder: inout SCALEEncoder) { encoder.appendRaw(littleEndianBytes) }
    public init(from decoder: inout SCALEDecoder) throws(StateError) {
        self = U256(littleEndianBytes: try decoder.readBytes(32, "U256"))!
    }
}
