import AutoIDFiles
import AutoIDTestSupport
import Foundation
import Testing

@testable import AutoIDHashing

@Suite("Hashing")
struct HashingTests {
    // Published known answers: FIPS 180-2 appendix B.1 ("abc"), RFC 7693 appendix A ("abc"), and
    // BLAKE2b-256 of the empty string.
    @Test func knownAnswers() {
        let abc = Array("abc".utf8)
        #expect(Hex.encode(SHA256Hasher.hash(abc)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Hex.encode(SHA256Hasher.hash(AnySequence(abc))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")  // not contiguous
        #expect(
            Hex.encode(BLAKE2b.hash(abc, outputByteCount: 64))
                == "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923")
        #expect(Hex.encode(BLAKE2b.hash([])) == "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8")
    }

    /// The Auto ID registry derives a root identifier as blake2b_256 of the subject CN (DESIGN.md 4).
    @Test func autoIDRootIdentifierKnownAnswer() {
        #expect(
            Hex.encode(BLAKE2b.hash(Array("Vedhavyas Sinhareddi".utf8)))
                == "8d66f57e35d26fb7a81de8eb274ebd9e672288dcbf3f7313335e8feeec3e3bf9")
    }

    @Test(arguments: HashAlgorithm.allCases)
    func streamingEqualsOneShotAtAnySplit(algorithm: HashAlgorithm) {
        var random = TestRandom(seed: 7)
        let data = random.bytes(10_000)
        var whole = algorithm.makeHasher()
        whole.update(data)
        let expected = whole.finalize()
        for _ in 0..<20 {
            var hasher = algorithm.makeHasher()
            var offset = 0
            while offset < data.count {
                let step = min(Int.random(in: 0...700, using: &random), data.count - offset)
                hasher.update(Array(data[offset..<offset + step]))
                offset += step
            }
            #expect(hasher.finalize() == expected)
        }
        #expect(expected.count == algorithm.digestByteCount)
    }

    /// SHA-256 with the SHA extensions (padding ours) against swift-crypto's: every length from 0 to
    /// 300 bytes (each padding case: 55, 56, 63, 64 bytes in the last block), longer random messages fed
    /// in random pieces (pieces that fill a pending block, whole blocks, empty pieces), and finalize in
    /// the middle of a message; then FIPS 180-2's published answers through both.
    @Test func sha256WithTheExtensionsEqualsTheLibrary() throws {
        try #require(SHA256Hasher.usesExtensions, "this CPU has no SHA extensions: only swift-crypto's SHA-256 is used here")
        var random = TestRandom(seed: 0x5a256)
        func digests(_ pieces: [[UInt8]]) -> ([UInt8], [UInt8]) {
            var ours = SHA256Hasher(extensions: true)
            var library = SHA256Hasher(extensions: false)
            for piece in pieces {
                ours.update(piece)
                library.update(piece)
            }
            return (ours.finalize(), library.finalize())
        }
        for length in 0...300 {
            let message = random.bytes(length)
            let (ours, library) = digests([message])
            #expect(ours == library, "\(length) bytes")
        }
        for round in 0..<200 {
            let message = random.bytes(Int.random(in: 0...5_000, using: &random))
            var pieces: [[UInt8]] = []
            var offset = 0
            while offset < message.count {
                let step = min([0, 1, 63, 64, 65, 128, Int.random(in: 0...300, using: &random)].randomElement(using: &random)!, message.count - offset)
                pieces.append(Array(message[offset..<offset + step]))
                offset += step
            }
            let (ours, library) = digests(pieces)
            #expect(ours == library, "round \(round): \(message.count) bytes in \(pieces.count) pieces")
            #expect(ours == digests([message]).1)
        }
        var hasher = SHA256Hasher(extensions: true)
        hasher.update(Array("ab".utf8))
        let early = hasher.finalize()
        hasher.update(Array("c".utf8))
        #expect(early == SHA256Hasher(extensions: false).finalizing(Array("ab".utf8)))
        #expect(Hex.encode(hasher.finalize()) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let published: [(String, String)] = [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ]
        for extensions in [true, false] {
            for (message, digest) in published {
                #expect(Hex.encode(SHA256Hasher(extensions: extensions).finalizing(Array(message.utf8))) == digest, "\(extensions)")
            }
            // A million 'a's, in pieces of 1,000 (FIPS 180-2 appendix B.3).
            var million = SHA256Hasher(extensions: extensions)
            let thousand = [UInt8](repeating: 0x61, count: 1_000)
            for _ in 0..<1_000 { million.update(thousand) }
            #expect(Hex.encode(million.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", "\(extensions)")
        }
    }

    /// Hex from contiguous storage (arrays, slices) and from any other sequence reads alike, and
    /// decodes back; every byte value is written as two lowercase digits.
    @Test func hexEncodesEverySequenceAlike() {
        var random = TestRandom(seed: 0x4e8)
        let all = (0...255).map { UInt8($0) }
        let expected = all.map { String(format: "%02x", $0) }.joined()
        #expect(Hex.encode(all) == expected)
        #expect(Hex.encode(all.lazy.map { $0 }) == expected)  // not contiguous
        #expect(Hex.encode(all[16..<32]) == String(expected.dropFirst(32).prefix(32)))
        #expect(Hex.encode([UInt8]()) == "" && Hex.encode(EmptyCollection<UInt8>()) == "")
        for length in [1, 31, 32, 33, 1000] {
            let bytes = random.bytes(length)
            #expect(Hex.decode(Hex.encode(bytes)) == bytes)
            #expect(Hex.encode(bytes) == Hex.encode(AnySequence(bytes)))
        }
    }

    @Test func finalizeLeavesTheHasherUsable() {
        var hasher = BLAKE2b(outputByteCount: 32)
        hasher.update(Array("ab".utf8))
        let copy = hasher
        _ = hasher.finalize()
        hasher.update(Array("c".utf8))
        #expect(hasher.finalize() == BLAKE2b.hash(Array("abc".utf8)))
        #expect(copy.finalize() == BLAKE2b.hash(Array("ab".utf8)))
    }

    /// Our digests of random files equal those of coreutils' sha256sum and b2sum, independent tools.
    @Test(arguments: [0, 1, 63, 64, 65, 1023, 1024, 1025, 1 << 20, (1 << 20) + 1, 3_000_001])
    func matchesCoreutils(size: Int) throws {
        let directory = try TemporaryDirectory()
        var random = TestRandom(seed: UInt64(size))
        let path = try directory.write("data", random.bytes(size))
        let digest = try ContentDigester.digest(.file(.init(path)), algorithms: HashAlgorithm.allCases, bufferSize: 4096 + 3)
        #expect(digest.byteCount == UInt64(size))
        var peers = [("sha256sum", HashAlgorithm.sha256), ("b2sum", .blake2b)]
        if ToolRunner.isAvailable("b3sum") { peers.append(("b3sum", .blake3)) }
        for (tool, algorithm) in peers {
            let result = try ToolRunner.run(tool, [path])
            let expected = String(result.stdoutText.prefix { $0 != " " })
            #expect(Hex.encode(digest.digests[algorithm]!) == expected, "\(tool) on \(size) bytes")
        }
    }

    /// Chunks of 1 MiB and more are hashed by every algorithm side by side (one thread each, BLAKE3
    /// also over subtrees): the digests must equal one algorithm at a time on one thread.
    @Test(arguments: [1, 2, 3])
    func algorithmsSideBySideMatchOneAtATime(threads: Int) throws {
        let directory = try TemporaryDirectory()
        var random = TestRandom(seed: 21)
        let size = TestLoad.pick(full: 5, sanitized: 3) * (1 << 20) + 12_345  // 3 or 2 buffers of 2 MiB
        let path = try directory.write("data", random.bytes(size))
        let together = try ContentDigester.digest(
            .file(.init(path)), algorithms: HashAlgorithm.allCases, bufferSize: 2 << 20, threads: threads)
        #expect(together.byteCount == UInt64(size))
        for algorithm in HashAlgorithm.allCases {
            let alone = try ContentDigester.digest(.file(.init(path)), algorithms: [algorithm], bufferSize: 4096, threads: 1)
            #expect(together.digests[algorithm] == alone.digests[algorithm], "\(algorithm), \(threads) threads")
        }
    }

    @Test func hexRoundTripAndStrictness() {
        var random = TestRandom(seed: 3)
        let bytes = random.bytes(100)
        #expect(Hex.decode(Hex.encode(bytes)) == bytes)
        #expect(Hex.decode("0xABcd") == [0xab, 0xcd])
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
        #expect(Hex.decode("") == [])
        #expect(Hex.decode("0x") == [])
        #expect(Hex.decode("0X0aF9") == [0x0a, 0xf9])
        // The bytes around each digit range, and non-ASCII, are refused.
        for bad in ["/0", "0:", "@0", "0G", "`0", "0g", "0\u{00e9}", "x0", " 00"] {
            #expect(Hex.decode(bad) == nil, "\(bad)")
        }
        #expect(Hex.decode("00ff"[...].dropFirst(2)) == [0xff])  // a substring
        let all = (0...255).map { UInt8($0) }
        #expect(Hex.decode(Hex.encode(all).uppercased()) == all)
    }

    @Test func unreadableInputsNameThePath() throws {
        let directory = try TemporaryDirectory()
        #expect(throws: FileError(code: .notFound, operation: "open", path: directory.file("missing"))) {
            try ContentDigester.digest(.file(.init(directory.file("missing"))), algorithms: [.sha256])
        }
        #expect(throws: FileError(code: .isDirectory, operation: "read", path: directory.path)) {
            try ContentDigester.digest(.file(.init(directory.path)), algorithms: [.sha256])
        }
    }
}

extension SHA256Hasher {
    /// The digest of what this hasher has absorbed, then `bytes`.
    func finalizing(_ bytes: [UInt8]) -> [UInt8] {
        var copy = self
        copy.update(bytes)
        return copy.finalize()
    }
}
