// Storage key hashers used by Substrate (FRAME storage maps) and xxHash64.
import AutoIDHashing

/// xxHash64 (XXH64), written from the published algorithm description.
public enum XXHash64 {
    @usableFromInline static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
    @usableFromInline static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    @usableFromInline static let p3: UInt64 = 0x1656_67B1_9E37_79F9
    @usableFromInline static let p4: UInt64 = 0x85EB_CA77_C2B2_AE63
    @usableFromInline static let p5: UInt64 = 0x27D4_EB2F_1656_67C5

    @inline(__always) static func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }

    @inline(__always) static func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
        rotl(acc &+ input &* p2, 31) &* p1
    }

    @inline(__always) static func merge(_ acc: UInt64, _ val: UInt64) -> UInt64 {
        (acc ^ round(0, val)) &* p1 &+ p4
    }

    public static func hash(_ bytes: [UInt8], seed: UInt64 = 0) -> UInt64 {
        bytes.withUnsafeBytes { hash(UnsafeRawBufferPointer($0), seed: seed) }
    }

    public static func hash(_ buf: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        let len = buf.count
        var i = 0
        var h: UInt64
        guard let base = buf.baseAddress else {
            return avalanche(seed &+ p5)
        }
        @inline(__always) func u64(_ at: Int) -> UInt64 { UInt64(littleEndian: base.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
        @inline(__always) func u32(_ at: Int) -> UInt64 { UInt64(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: at, as: UInt32.self))) }
        if len >= 32 {
            var v1 = seed &+ p1 &+ p2
            var v2 = seed &+ p2
            var v3 = seed
            var v4 = seed &- p1
            while i + 32 <= len {
                v1 = round(v1, u64(i))
                v2 = round(v2, u64(i + 8))
                v3 = round(v3, u64(i + 16))
                v4 = round(v4, u64(i + 24))
                i += 32
            }
            h = rotl(v1, 1) &+ rotl(v2, 7) &+ rotl(v3, 12) &+ rotl(v4, 18)
            h = merge(h, v1)
            h = merge(h, v2)
            h = merge(h, v3)
            h = merge(h, v4)
        } else {
            h = seed &+ p5
        }
        h = h &+ UInt64(len)
        while i + 8 <= len {
            h ^= round(0, u64(i))
            h = rotl(h, 27) &* p1 &+ p4
            i += 8
        }
        if i + 4 <= len {
            h ^= u32(i) &* p1
            h = rotl(h, 23) &* p2 &+ p3
            i += 4
        }
        while i < len {
            h ^= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) &* p5
            h = rotl(h, 11) &* p1
            i += 1
        }
        return avalanche(h)
    }

    @inline(__always) static func avalanche(_ x: UInt64) -> UInt64 {
        var h = x
        h ^= h >> 33
        h = h &* p2
        h ^= h >> 29
        h = h &* p3
        h ^= h >> 32
        return h
    }
}

/// Substrate's storage hashers (`frame_support::Blake2_128Concat` etc.).
public enum StorageHasher: String, CaseIterable, Sendable {
    case blake2_128, blake2_256, blake2_128Concat, twox128, twox256, twox64Concat, identity

    public func hash(_ data: [UInt8]) -> [UInt8] {
        switch self {
        case .blake2_128: return StorageHashing.blake2_128(data)
        case .blake2_256: return StorageHashing.blake2_256(data)
        case .blake2_128Concat: return StorageHashing.blake2_128Concat(data)
        case .twox128: return StorageHashing.twox128(data)
        case .twox256: return StorageHashing.twox256(data)
        case .twox64Concat: return StorageHashing.twox64Concat(data)
        case .identity: return data
        }
    }

    /// Whether the hash output ends with the original key (so the key can be recovered).
    public var isTransparent: Bool {
        switch self {
        case .blake2_128Concat, .twox64Concat, .identity: return true
        default: return false
        }
    }
}

public enum StorageHashing {
    /// xxHash64 with seeds 0..<(bytes/8), each result little-endian, concatenated.
    static func twox(_ data: [UInt8], words: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(words * 8)
        for seed in 0..<words {
            let h = XXHash64.hash(data, seed: UInt64(seed))
            for k in 0..<8 { out.append(UInt8(truncatingIfNeeded: h >> (8 * UInt64(k)))) }
        }
        return out
    }

    public static func twox64(_ data: [UInt8]) -> [UInt8] { twox(data, words: 1) }
    public static func twox128(_ data: [UInt8]) -> [UInt8] { twox(data, words: 2) }
    public static func twox256(_ data: [UInt8]) -> [UInt8] { twox(data, words: 4) }
    public static func twox64Concat(_ data: [UInt8]) -> [UInt8] { twox64(data) + data }
    public static func blake2_128(_ data: [UInt8]) -> [UInt8] { BLAKE2b.hash(data, outputByteCount: 16) }
    public static func blake2_256(_ data: [UInt8]) -> [UInt8] { BLAKE2b.hash(data, outputByteCount: 32) }
    public static func blake2_128Concat(_ data: [UInt8]) -> [UInt8] { blake2_128(data) + data }
    public static func identity(_ data: [UInt8]) -> [UInt8] { data }

    public static func twox128(_ s: String) -> [UInt8] { twox128(Array(s.utf8)) }

    /// `twox128(pallet) ++ twox128(item)`: the prefix of every key of a FRAME storage item.
    public static func storagePrefix(pallet: String, item: String) -> [UInt8] {
        twox128(pallet) + twox128(item)
    }

    /// Full key of a storage map entry: `storagePrefix ++ hasher(encodedKey)`.
    public static func mapKey(pallet: String, item: String, hasher: StorageHasher, encodedKey: [UInt8]) -> [UInt8] {
        storagePrefix(pallet: pallet, item: item) + hasher.hash(encodedKey)
    }

    /// Well-known raw keys.
    public static let codeKey: [UInt8] = Array(":code".utf8)
    public static let heapPagesKey: [UInt8] = Array(":heappages".utf8)
    public static let childStorageDefaultPrefix: [UInt8] = Array(":child_storage:default:".utf8)
}
