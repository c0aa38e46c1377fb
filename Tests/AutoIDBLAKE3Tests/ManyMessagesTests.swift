import Testing

@testable import AutoIDBLAKE3

@Suite("Many messages of one shape hashed side by side")
struct ManyMessagesTests {
    /// `hashMany` on `count` messages laid out as given, against the hash of each message alone.
    private func check(
        impl: KernelImpl, count: Int, prefixLength: Int, prefixGap: Int, sharedPrefix: Bool, bodyLength: Int, bodyGap: Int,
        seed: UInt64
    ) {
        let prefixStride = sharedPrefix ? 0 : prefixLength + prefixGap
        let bodyStride = bodyLength + bodyGap
        // Exactly as long as the last message needs: a read past the end would be a bug (ASan finds it).
        let prefixes = randomBytes(sharedPrefix ? prefixLength : max(0, (count - 1) * prefixStride + prefixLength), seed: seed)
        let bodies = randomBytes(max(0, (count - 1) * bodyStride + bodyLength), seed: seed &+ 1)
        var digests = [UInt8](repeating: 0, count: count * 32)
        prefixes.withUnsafeBytes { p in
            bodies.withUnsafeBytes { b in
                digests.withUnsafeMutableBytes { out in
                    BLAKE3.hashMany(
                        prefixes: p.baseAddress, prefixLength: prefixLength, prefixStride: prefixStride,
                        bodies: b.baseAddress, bodyLength: bodyLength, bodyStride: bodyStride, count: count,
                        impl: impl, out: out.baseAddress!)
                }
            }
        }
        for m in 0..<count {
            let prefix = prefixes[(m * prefixStride)..<(m * prefixStride + prefixLength)]
            let body = bodies[(m * bodyStride)..<(m * bodyStride + bodyLength)]
            let expected = BLAKE3.hash(Array(prefix) + Array(body))
            #expect(
                Array(digests[(32 * m)..<(32 * m + 32)]) == expected,
                "message \(m) of \(count): prefix \(prefixLength) (stride \(prefixStride)), body \(bodyLength) (stride \(bodyStride))")
        }
    }

    @Test("auto drive chunk nodes: 12-byte prefix, 65,066-byte bodies back to back", arguments: TestKernel.allCases)
    func chunkNodes(_ kernel: TestKernel) throws {
        let impl = try kernel.impl()
        // 24, 40 (AVX2: 3 and 5 groups of 8) and 48, 80 (AVX-512: 3 and 5 of 16): pairs of groups and an
        // odd last group in one strided call.
        for count in [1, 3, 4, 15, 16, 17, 24, 32, 35, 40, 48, 64, 80] {
            check(impl: impl, count: count, prefixLength: 12, prefixGap: 0, sharedPrefix: true, bodyLength: 65_066, bodyGap: 0, seed: UInt64(count))
        }
    }

    /// A last chunk of whole blocks goes by column through the hand-written 16- and 8-lane kernels (a padded
    /// one through the generic kernel): 1, 2, 15 and 16 blocks, 32 messages an odd stride apart, so both
    /// widths fill whole groups.
    @Test("last chunks of whole blocks, by column", arguments: TestKernel.allCases)
    func wholeBlockTails(_ kernel: TestKernel) throws {
        let impl = try kernel.impl()
        for blocks in [1, 2, 15, 16] {
            check(
                impl: impl, count: 32, prefixLength: 12, prefixGap: 5, sharedPrefix: false, bodyLength: 2048 + 64 * blocks - 12,
                bodyGap: 13, seed: UInt64(100 + blocks))
        }
    }

    @Test("random counts, prefixes of 0..<1024 bytes, bodies of many lengths, gaps between", arguments: TestKernel.allCases)
    func randomShapes(_ kernel: TestKernel) throws {
        let impl = try kernel.impl()
        var rng = SplitMix64(seed: 0x6d61_6e79)
        // Lengths where the chunk count, the last chunk or the tree change shape (whole-block tails:
        // wholeBlockTails).
        let edges = [
            0, 1, 63, 64, 65, 959, 960, 1023, 1024, 1025, 1024 + 64, 1024 + 128, 2047, 2048, 2049, 2048 + 960, 3072, 3073,
            5 * 1024 + 1, 7 * 1024, 64 * 1024, 65 * 1024 + 7,
        ]
        for round in 0..<40 {
            let count = Int.random(in: 1...40, using: &rng)
            let prefixLength = round < 4 ? [0, 1, 1023, 512][round] : Int.random(in: 0..<1024, using: &rng)
            let bodyLength =
                round % 2 == 0 ? max(0, edges.randomElement(using: &rng)! - prefixLength) : Int.random(in: 0...40_000, using: &rng)
            check(
                impl: impl, count: count, prefixLength: prefixLength, prefixGap: Int.random(in: 0...3, using: &rng) * 7,
                sharedPrefix: Bool.random(using: &rng), bodyLength: bodyLength, bodyGap: Int.random(in: 0...2, using: &rng) * 13,
                seed: UInt64(round))
        }
    }

    @Test("prefixes of a chunk or more, and one-chunk messages, take the one-by-one path", arguments: [TestKernel.portable, .genericBaseline])
    func fallbacks(_ kernel: TestKernel) throws {
        let impl = try kernel.impl()
        check(impl: impl, count: 8, prefixLength: 1024, prefixGap: 0, sharedPrefix: false, bodyLength: 5000, bodyGap: 0, seed: 1)
        check(impl: impl, count: 8, prefixLength: 3000, prefixGap: 5, sharedPrefix: false, bodyLength: 9, bodyGap: 0, seed: 2)
        check(impl: impl, count: 9, prefixLength: 100, prefixGap: 0, sharedPrefix: true, bodyLength: 924, bodyGap: 3, seed: 3)
        check(impl: impl, count: 0, prefixLength: 12, prefixGap: 0, sharedPrefix: true, bodyLength: 65_066, bodyGap: 0, seed: 4)
    }

    @Test("the public entry with the selected kernel")
    func publicEntry() {
        let prefix: [UInt8] = Array("chunk node: ".utf8)
        let bodies = randomBytes(20 * 3000, seed: 9)
        var digests = [UInt8](repeating: 0, count: 20 * 32)
        prefix.withUnsafeBytes { p in
            bodies.withUnsafeBytes { b in
                digests.withUnsafeMutableBytes { out in
                    BLAKE3.hashMany(
                        prefixes: p.baseAddress, prefixLength: p.count, prefixStride: 0, bodies: b.baseAddress, bodyLength: 3000,
                        bodyStride: 3000, count: 20, into: out)
                }
            }
        }
        for m in 0..<20 {
            #expect(Array(digests[(32 * m)..<(32 * m + 32)]) == BLAKE3.hash(prefix + Array(bodies[(3000 * m)..<(3000 * m + 3000)])))
        }
    }
}
