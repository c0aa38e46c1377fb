import AutoIDTestSupport
import Foundation
import Testing

@testable import AutoIDHashing

/// The Swift BLAKE2b (AutoIDBLAKE2bKernel, AVX2 batch kernel) against published answers and
/// against libsodium's crypto_generichash, which it replaced on the one-shot paths.
@Suite("BLAKE2b in Swift")
struct BLAKE2bTests {
    static func sodium(_ bytes: [UInt8], _ outputByteCount: Int = 32) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: outputByteCount)
        bytes.withUnsafeBytes { b in out.withUnsafeMutableBytes { BLAKE2b.sodiumHash(b, into: $0, outputByteCount: outputByteCount) } }
        return out
    }

    static func swift256(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        out.withUnsafeMutableBytes { BLAKE2b.hash256(bytes, into: $0) }
        return out
    }

    @Test("RFC 7693 appendix A and typed-in BLAKE2b-256 answers")
    func knownAnswers() {
        #expect(
            Hex.encode(BLAKE2b.hash(Array("abc".utf8), outputByteCount: 64))
                == "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923")
        // Substrate's empty-trie root: blake2b-256(0x00).
        #expect(Hex.encode(BLAKE2b.hash([0])) == "03170a2e7597b7b7e3d84c05391d139a62b157e78786d8c082f29dcf4c111314")
        #expect(Hex.encode(BLAKE2b.hash([])) == "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8")
        [UInt8]([0]).withUnsafeBytes {
            #expect(Hex.encode(Self.swift256($0)) == "03170a2e7597b7b7e3d84c05391d139a62b157e78786d8c082f29dcf4c111314")
        }
        #expect(
            Hex.encode(Self.swift256(UnsafeRawBufferPointer(start: nil, count: 0)))
                == "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8")
        // The batch API agrees on the same inputs.
        var out = [UInt8](repeating: 0, count: 96)
        for kernel in BLAKE2b.ManyKernel.allCases where kernel.isSupported {
            out.withUnsafeMutableBytes { BLAKE2b.hash256([[0], [], Array("abc".utf8)], into: $0, kernel: kernel) }
            #expect(Hex.encode(Array(out[0..<32])) == "03170a2e7597b7b7e3d84c05391d139a62b157e78786d8c082f29dcf4c111314")
            #expect(Hex.encode(Array(out[32..<64])) == "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8")
            #expect(Array(out[64..<96]) == Self.sodium(Array("abc".utf8)))
        }
    }

    @Test("equals libsodium for every length 0...1100, at every input alignment mod 8")
    func everyLengthMatchesSodium() {
        var random = TestRandom(seed: 2024)
        let data = random.bytes(1100 + 8)
        for length in 0...1100 {
            let misalign = length % 8
            let message = Array(data[misalign..<(misalign + length)])
            let expected = Self.sodium(message)
            data.withUnsafeBytes { all in
                let slice = UnsafeRawBufferPointer(rebasing: all[misalign..<(misalign + length)])
                #expect(Self.swift256(slice) == expected, "length \(length)")
            }
            #expect(BLAKE2b.hash(message) == expected, "length \(length)")
        }
    }

    @Test("every output size 16...64 equals libsodium")
    func everyOutputSize() {
        var random = TestRandom(seed: 5)
        for size in 16...64 {
            for length in [0, 1, 127, 128, 129, 255, 256, 257, 1000, 1024] {
                let message = random.bytes(length)
                #expect(BLAKE2b.hash(message, outputByteCount: size) == Self.sodium(message, size), "size \(size), length \(length)")
            }
        }
    }

    @Test("random lengths up to 4 MiB equal libsodium")
    func largeInputs() {
        var random = TestRandom(seed: 77)
        var lengths = [1 << 16, (1 << 20) + 1, 4 << 20]
        for _ in 0..<8 { lengths.append(Int.random(in: 1101...(3 << 20), using: &random)) }
        // 1 MiB of random bytes, tiled, with a random byte every 4 KiB so no two blocks repeat
        // (byte-at-a-time random generation of 20 MiB is slow in debug builds).
        let tile = random.bytes(1 << 20)
        for length in lengths {
            var message = [UInt8](repeating: 0, count: length)
            for i in 0..<length { message[i] = tile[i & ((1 << 20) - 1)] }
            for i in stride(from: 0, to: length, by: 4096) { message[i] = UInt8.random(in: 0...255, using: &random) }
            // hash(_:) hands long inputs to libsodium; hash256(_:into:) and batches are always Swift.
            let expected = Self.sodium(message)
            #expect(message.withUnsafeBytes { Self.swift256($0) } == expected, "length \(length)")
            for kernel in BLAKE2b.ManyKernel.allCases where kernel.isSupported {
                var out = [UInt8](repeating: 0, count: 64)
                out.withUnsafeMutableBytes { BLAKE2b.hash256([message, Array(message.prefix(1000))], into: $0, kernel: kernel) }
                #expect(Array(out[0..<32]) == expected, "\(kernel), length \(length)")
            }
            #expect(BLAKE2b.hash(message, outputByteCount: 64) == Self.sodium(message, 64), "length \(length)")
        }
    }

    /// Batches exercise lane refill: messages of mixed lengths end at different steps.
    @Test(
        "batch hashing equals one-by-one hashing, for every kernel this CPU has",
        arguments: BLAKE2b.ManyKernel.allCases)
    func batches(kernel: BLAKE2b.ManyKernel) {
        guard kernel.isSupported else {
            print("SKIPPED: BLAKE2b \(kernel) batch kernel: this CPU lacks the instructions")
            return
        }
        var random = TestRandom(seed: 11)
        // Counts around the lane count (4) and the 32-message window.
        for count in [0, 1, 2, 3, 4, 5, 7, 8, 9, 31, 32, 33, 64, 65, 200] {
            var messages: [[UInt8]] = []
            for _ in 0..<count {
                let length =
                    Int.random(in: 0...4, using: &random) == 0
                    ? Int.random(in: 1101...5000, using: &random) : Int.random(in: 0...700, using: &random)
                messages.append(random.bytes(length))
            }
            var out = [UInt8](repeating: 0xEE, count: 32 * count + 32)
            out.withUnsafeMutableBytes { BLAKE2b.hash256(messages, into: $0, kernel: kernel) }
            for (i, m) in messages.enumerated() {
                #expect(Array(out[(32 * i)..<(32 * i + 32)]) == Self.sodium(m), "count \(count), message \(i) (\(m.count) bytes)")
            }
            #expect(out[(32 * count)...].allSatisfy { $0 == 0xEE }, "wrote past the digests")
        }
        // Every length 0...300 in one batch, all lanes finishing at different blocks.
        let all = (0...300).map { random.bytes($0) }
        var out = [UInt8](repeating: 0, count: 32 * all.count)
        out.withUnsafeMutableBytes { BLAKE2b.hash256(all, into: $0, kernel: kernel) }
        for (i, m) in all.enumerated() {
            #expect(Array(out[(32 * i)..<(32 * i + 32)]) == Self.sodium(m), "length \(m.count)")
        }
        // Messages of one length: every lane ends its message at the same block (trie leaves, say),
        // which the four-lane kernel finishes with one transpose of the digests.
        for length in [0, 1, 10, 62, 127, 128, 129, 300] {
            for count in [4, 5, 8, 9, 12, 33] {
                let same = (0..<count).map { _ in random.bytes(length) }
                var digests = [UInt8](repeating: 0xEE, count: 32 * count + 32)
                digests.withUnsafeMutableBytes { BLAKE2b.hash256(same, into: $0, kernel: kernel) }
                for (i, m) in same.enumerated() {
                    #expect(Array(digests[(32 * i)..<(32 * i + 32)]) == Self.sodium(m), "\(count) messages of \(length) bytes, message \(i)")
                }
                #expect(digests[(32 * count)...].allSatisfy { $0 == 0xEE }, "wrote past the digests")
            }
        }
        // Raw-pointer form, messages at odd addresses inside one buffer.
        let pool = random.bytes(10_000)
        pool.withUnsafeBytes { p in
            var spans: [UnsafeRawBufferPointer] = []
            var at = 1
            for length in [0, 33, 128, 129, 512, 1, 7000 - 1000] where at + length <= p.count {
                spans.append(UnsafeRawBufferPointer(rebasing: p[at..<(at + length)]))
                at += length + 3
            }
            var digests = [UInt8](repeating: 0, count: 32 * spans.count)
            spans.withUnsafeBufferPointer { s in
                digests.withUnsafeMutableBytes { BLAKE2b.hash256(s, into: $0, kernel: kernel) }
            }
            for (i, s) in spans.enumerated() {
                #expect(Array(digests[(32 * i)..<(32 * i + 32)]) == Self.sodium(Array(s)))
            }
        }
    }

    @Test("the selected batch kernel is AVX2 exactly when /proc/cpuinfo lists avx2")
    func kernelSelection() throws {
        #if os(Linux) && arch(x86_64)
        let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let hasAVX2 =
            cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") }?
            .split(separator: " ").contains("avx2") ?? false
        #expect((BLAKE2b.ManyKernel.selected == .avx2) == hasAVX2)
        #endif
    }
}
