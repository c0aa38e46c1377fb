import AutoIDBLAKE3AVX512
import AutoIDBLAKE3Kernel
import Testing

@testable import AutoIDBLAKE3

/// The hand-written 16-lane AVX-512 kernel (Sources/AutoIDBLAKE3AVX512/AVX512Kernel16.swift) against the
/// portable kernel, called directly, for what the official vectors cannot reach: chunk counters whose low
/// word carries into the high word (inside a group of 16, exactly at a group boundary and inside a later
/// group: inputs beyond 4 TiB), the 64-bit counter wrapping, several groups per call, keyed flags, every
/// lane holding different data (a transpose that mixed up lanes or words fails), and parents hashed in
/// place.
@Suite("AVX-512 16-lane kernel")
struct AVX512KernelTests {
    static let counters: [UInt64] = [
        0, 5, 0xFFFF_FFFF - 3, 0xFFFF_FFFF - 15, 0xFFFF_FFFF - 16 - 2, 0x1_FFFF_FFF0, 0x7_0000_0000, UInt64.max - 40,
    ]

    func requireAVX512() throws {
        guard BLAKE3Kernel.avx512.isSupported else {
            print("SKIPPED: kernel avx512 is not supported by this CPU (compiled, never executed)")
            try Test.cancel("kernel avx512 is not supported by this CPU; skipped")
        }
    }

    func randomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed ^ 0x9E37_79B9_7F4A_7C15
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
    }

    func randomKey(seed: UInt64) -> [UInt32] {
        let bytes = randomBytes(32, seed: seed)
        return (0..<8).map { i in (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[4 * i + $1]) << (8 * $1) } }
    }

    /// Groups go through the kernel two at a time (`avx512Pairs16`), an odd last one alone: 2 groups are
    /// one pair, 3 a pair and an odd group, 5 two pairs and an odd group (a carry inside the second pair
    /// from the counters near 2^32).
    @Test("chunks: counters across 2^32 and 2^64, 2, 3 and 5 groups per call, plain and keyed", arguments: counters)
    func chunks(counter: UInt64) throws {
        try requireAVX512()
        for groups in [2, 3, 5] {
            try chunks(counter: counter, groups: groups)
        }
    }

    func chunks(counter: UInt64, groups: Int) throws {
        let input = randomBytes(groups * 16 * 1024, seed: counter)
        for (flags, key) in [(UInt32(0), blake3IVWords), (BLAKE3Flags.keyedHash, randomKey(seed: counter ^ 0x55))] {
            var expected = [UInt8](repeating: 0, count: groups * 16 * 32)
            var actual = [UInt8](repeating: 1, count: groups * 16 * 32)
            input.withUnsafeBytes { inp in
                key.withUnsafeBufferPointer { k in
                    expected.withUnsafeMutableBytes { out in
                        BLAKE3Portable.hashChunks(
                            inp.baseAddress!, count: groups * 16, key: k.baseAddress!, counter: counter, flags: flags,
                            out: out.baseAddress!)
                    }
                    actual.withUnsafeMutableBytes { out in
                        BLAKE3AVX512.hashChunks16(
                            inp.baseAddress!, groups: groups, key: k.baseAddress!, counter: counter, flags: flags,
                            out: out.baseAddress!)
                    }
                }
            }
            #expect(actual == expected, "counter \(counter), \(groups) groups, flags \(flags)")
        }
    }

    @Test("chunks: one group, each output only where it belongs (no write past 16 CVs)")
    func oneGroupBounds() throws {
        try requireAVX512()
        let input = randomBytes(16 * 1024, seed: 3)
        let key = blake3IVWords
        var expected = [UInt8](repeating: 0, count: 16 * 32)
        var actual = [UInt8](repeating: 0xA5, count: 16 * 32 + 64)
        input.withUnsafeBytes { inp in
            key.withUnsafeBufferPointer { k in
                expected.withUnsafeMutableBytes { out in
                    BLAKE3Portable.hashChunks(inp.baseAddress!, count: 16, key: k.baseAddress!, counter: 1, flags: 0, out: out.baseAddress!)
                }
                actual.withUnsafeMutableBytes { out in
                    BLAKE3AVX512.hashChunks16(inp.baseAddress!, groups: 1, key: k.baseAddress!, counter: 1, flags: 0, out: out.baseAddress!)
                }
            }
        }
        #expect(Array(actual.prefix(16 * 32)) == expected)
        #expect(actual.suffix(64).allSatisfy { $0 == 0xA5 })
    }

    @Test("parents: 1, 2, 3 and 5 groups per call, into a separate buffer and in place", arguments: [1, 2, 3, 5])
    func parents(groups: Int) throws {
        try requireAVX512()
        let input = randomBytes(groups * 16 * 64, seed: 7 &+ UInt64(groups))
        let key = randomKey(seed: 9)
        for flags in [UInt32(0), BLAKE3Flags.keyedHash] {
            var expected = [UInt8](repeating: 0, count: groups * 16 * 32)
            var separate = [UInt8](repeating: 1, count: groups * 16 * 32)
            var inPlace = input
            input.withUnsafeBytes { inp in
                key.withUnsafeBufferPointer { k in
                    expected.withUnsafeMutableBytes { out in
                        BLAKE3Portable.hashParents(inp.baseAddress!, count: groups * 16, key: k.baseAddress!, flags: flags, out: out.baseAddress!)
                    }
                    separate.withUnsafeMutableBytes { out in
                        BLAKE3AVX512.hashParents16(inp.baseAddress!, groups: groups, key: k.baseAddress!, flags: flags, out: out.baseAddress!)
                    }
                }
            }
            key.withUnsafeBufferPointer { k in
                inPlace.withUnsafeMutableBytes { buffer in
                    BLAKE3AVX512.hashParents16(
                        UnsafeRawPointer(buffer.baseAddress!), groups: groups, key: k.baseAddress!, flags: flags,
                        out: buffer.baseAddress!)
                }
            }
            #expect(separate == expected, "flags \(flags)")
            #expect(Array(inPlace.prefix(groups * 16 * 32)) == expected, "flags \(flags)")
            // The second half of an in-place buffer is input the kernel must not have written.
            #expect(Array(inPlace.suffix(groups * 16 * 32)) == Array(input.suffix(groups * 16 * 32)), "flags \(flags)")
        }
    }

    /// The IV as the key of unkeyed hashing.
    var blake3IVWords: [UInt32] {
        [blake3IV.0, blake3IV.1, blake3IV.2, blake3IV.3, blake3IV.4, blake3IV.5, blake3IV.6, blake3IV.7]
    }
}
