import Testing

@testable import AutoIDBLAKE3

@Suite("Streaming and parallel equal one-shot")
struct StreamingTests {
    static let sizes = [
        0, 1, 63, 64, 65, 1023, 1024, 1025, 2048, 2049, 4096, 16 * 1024 - 1, 16 * 1024, 16 * 1024 + 1,
        31 * 1024, 64 * 1024 - 1, 64 * 1024, 64 * 1024 + 1, 65 * 1024 + 100, 128 * 1024 + 1,
        300 * 1024 + 7, 1024 * 1024 + 1,
    ]

    @Test("random split points", arguments: TestKernel.allCases)
    func randomSplits(_ kernel: TestKernel) throws {
        let impl = try kernel.impl()
        var rng = SplitMix64(seed: 42)
        for size in Self.sizes {
            let input = randomBytes(size, seed: UInt64(size))
            let expected = input.withUnsafeBytes { BLAKE3(impl: impl).oneShot($0, outputByteCount: 32) }
            for round in 0..<3 {
                var hasher = BLAKE3(impl: impl)
                var offset = 0
                // Mix of tiny, medium and large (multi-subtree) pieces.
                let maxPiece = [17, 5000, 200_000][round]
                while offset < size {
                    let piece = min(size - offset, Int.random(in: 0...maxPiece, using: &rng))
                    input[offset..<(offset + piece)].withUnsafeBytes { hasher.update($0) }
                    offset += piece
                }
                #expect(hasher.finalize() == expected, "size \(size) round \(round)")
            }
        }
    }

    @Test("one byte at a time", arguments: [TestKernel.portable, .avx2, .genericBaseline])
    func oneByteFeeds(_ kernel: TestKernel) throws {
        let impl = try kernel.impl()
        let input = randomBytes(70 * 1024 + 3, seed: 7)  // crosses the 64 KiB buffer
        var hasher = BLAKE3(impl: impl)
        var checkpoints: [Int: [UInt8]] = [:]
        for (i, byte) in input.enumerated() {
            hasher.update([byte])
            if [0, 63, 1023, 1024, 65535, 65536, 65537].contains(i) { checkpoints[i + 1] = hasher.finalize() }
        }
        #expect(hasher.finalize() == input.withUnsafeBytes { BLAKE3(impl: impl).oneShot($0, outputByteCount: 32) })
        for (length, value) in checkpoints {
            let prefix = Array(input.prefix(length))
            #expect(
                value == prefix.withUnsafeBytes { BLAKE3(impl: impl).oneShot($0, outputByteCount: 32) },
                "finalize after \(length) bytes")
        }
    }

    @Test("hashParallel equals one-shot", arguments: TestKernel.allCases)
    func parallel(_ kernel: TestKernel) throws {
        let impl = try kernel.impl()
        var sizes = Self.sizes
        sizes += [256 * 1024, 512 * 1024 - 1, 512 * 1024 + 1, 2 * 1024 * 1024 + 5, 3 * 1024 * 1024 + 1024]
        for size in sizes {
            let input = randomBytes(size, seed: UInt64(size) &* 31)
            let expected = input.withUnsafeBytes { BLAKE3(impl: impl).oneShot($0, outputByteCount: 32) }
            for threads in [1, 2, 3, 8] {
                let result = input.withUnsafeBytes {
                    BLAKE3(impl: impl).parallelOneShot($0, threads: threads, outputByteCount: 32)
                }
                #expect(result == expected, "size \(size) threads \(threads)")
            }
        }
    }

    @Test("public hashParallel equals hash")
    func publicParallel() {
        for size in [0, 1, 1025, 1024 * 1024 + 1, 5 * 1024 * 1024 + 3] {
            let input = randomBytes(size, seed: 99)
            let parallel = input.withUnsafeBytes { BLAKE3.hashParallel($0, threads: 2) }
            #expect(parallel == BLAKE3.hash(input), "size \(size)")
        }
    }

    @Test("finalize does not consume; copies fork")
    func valueSemantics() {
        var a = BLAKE3()
        a.update(pattern(5000))
        let b = a
        a.update(pattern(100_000))
        #expect(b.finalize() == BLAKE3.hash(pattern(5000)))
        #expect(a.finalize() == BLAKE3.hash(pattern(5000) + pattern(100_000)))
    }

    /// No output is an empty array made without writing to the standard library's shared empty storage
    /// (`unsafeUninitializedCapacity: 0` writes its count there): under ThreadSanitizer (scripts/test)
    /// two threads asking at once were a reported data race.
    @Test("no output bytes, on two threads at once")
    func noOutputOnTwoThreads() async {
        let hasher = BLAKE3()
        await withTaskGroup(of: [UInt8].self) { group in
            for _ in 0..<2 { group.addTask { (0..<200).flatMap { _ in hasher.finalize(outputByteCount: 0) } } }
            for await output in group { #expect(output.isEmpty) }
        }
    }
}
