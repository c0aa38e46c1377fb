import AutoIDBLAKE3
import AutoIDCompression
import AutoIDFiles
import AutoIDTestSupport
import AutoIDVerdict
import Testing

@testable import AutoIDDrive

@Suite("Auto Drive CIDs: streaming, hostile CIDs and names, stored-compressed verification")
struct CIDBehaviourTests {
    static let chunk = FileCIDBuilder.chunkBytes

    /// A deterministic pseudo-random generator (xorshift), so failures reproduce.
    struct Random: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    }

    @Test(
        "streaming equals one-shot for random split points, one thread or several",
        arguments: [0, 1, 100, chunk - 1, chunk, chunk + 1, 2 * chunk, 3 * chunk + 7, 40 * chunk + 3])
    func streamingEqualsOneShot(length: Int) throws {
        var random = Random(state: 0x9e37_79b9_7f4a_7c15 ^ UInt64(length + 1))
        let content = random.bytes(length)
        let oneShot = try FileCIDBuilder.cid(of: content, name: "f", threads: 1)
        for round in 0..<4 {
            var builder = try FileCIDBuilder(name: "f", threads: round % 2 == 0 ? 1 : 3)
            var offset = 0
            while offset < length {
                // Sometimes tiny pieces, sometimes many chunks at once, sometimes empty ones.
                let limit = [1, 17, Self.chunk, 5 * Self.chunk][random.below(4)]
                let count = min(random.below(limit + 1), length - offset)
                content[offset..<(offset + count)].withUnsafeBytes { builder.update($0) }
                offset += count
            }
            #expect(builder.finalize() == oneShot, "length \(length), round \(round)")
            #expect(builder.byteCount == UInt64(length))
        }
    }

    /// Fed one chunk at a time, every chunk node is hashed alone (``BLAKE3/hash(prefix:body:)``); fed many
    /// chunks at once, they are hashed side by side in tasks of up to 64 (``BLAKE3/hashMany``) on several
    /// threads. Both must give the same CID, whatever the split points and the number of threads.
    @Test("chunks hashed side by side in tasks equal chunks hashed one at a time, at random split points", arguments: [1, 2, 3])
    func batchedEqualsOneByOne(threads: Int) throws {
        var random = Random(state: 0x5eed_0000 ^ UInt64(threads))
        // Under a sanitizer (TestLoad) 140 chunks still make several tasks of up to 64 on every thread.
        let chunks = TestLoad.pick(full: 300, sanitized: 140)
        let length = chunks * Self.chunk + 4321
        let content = random.bytes(length)
        var reference = try FileCIDBuilder(name: "f", threads: 1)
        var offset = 0
        while offset < length {
            let count = min(Self.chunk, length - offset)
            content[offset..<(offset + count)].withUnsafeBytes { reference.update($0) }
            offset += count
        }
        let expected = reference.finalize()
        #expect(try FileCIDBuilder.cid(of: content, name: "f", threads: threads) == expected)
        for round in 0..<TestLoad.pick(full: 3, sanitized: 1) {
            var builder = try FileCIDBuilder(name: "f", threads: threads)
            offset = 0
            while offset < length {
                // Large pieces that cut chunks anywhere: 0 to half the chunks and some bytes.
                let count = min(random.below(chunks / 2) * Self.chunk + random.below(Self.chunk), length - offset)
                content[offset..<(offset + count)].withUnsafeBytes { builder.update($0) }
                offset += count
            }
            #expect(builder.finalize() == expected, "threads \(threads), round \(round)")
        }
    }

    /// Positioned reads (every thread takes its own tasks of 16 chunks, a window of tasks at a time, read
    /// into its buffer or found in place as in a mapping, or both by turns) give the streamed CID, for
    /// lengths at the single-chunk edge and across task and window edges.
    @Test(
        "positioned reads on every thread equal streaming",
        arguments: [0, 1, chunk - 1, chunk, chunk + 1, 2 * chunk, 16 * chunk, 16 * chunk + 1, 33 * chunk + 99, 70 * chunk])
    func positionedEqualsStreaming(length: Int) throws {
        var random = Random(state: 0xfeed ^ UInt64(length + 1))
        let content = random.bytes(length)
        let expected = try FileCIDBuilder.cid(of: content, name: "f", threads: 1)
        let source = PositionedSource(content)
        for (threads, windowTasks) in [(1, 1024), (2, 1), (3, 2), (2, 1024)] {
            for way in PositionedSource.Way.allCases {
                var builder = try FileCIDBuilder(name: "f", threads: threads)
                try builder.absorb(length: length, windowTasks: windowTasks, bytes: source.provider(way, turnBytes: 16 * Self.chunk))
                #expect(builder.finalize() == expected, "length \(length), threads \(threads), window \(windowTasks) tasks, \(way)")
                #expect(builder.byteCount == UInt64(length))
            }
        }
    }

    @Test("positioned reads: a read that fails fails the CID with its error")
    func positionedReadFailure() throws {
        var builder = try FileCIDBuilder(name: "f", threads: 2)
        #expect(throws: FileError.self) {
            try builder.absorb(length: 40 * Self.chunk, windowTasks: 1) { (offset, scratch) throws(FileError) in
                if offset >= 20 * Self.chunk { throw FileError(code: .changedWhileReading, operation: "read", path: "f") }
                return UnsafeRawBufferPointer(scratch)
            }
        }
    }

    @Test("tasks: one per thread at least, at most 64 chunks, multiples of 16 or 4 where no thread is left idle")
    func taskSizes() {
        for threads in 1...8 {
            for count in [1, 2, 4, 15, 16, 17, 31, 32, 63, 64, 65, 128, 129, 1000] {
                let size = FileCIDBuilder.chunksPerTask(count: count, threads: threads)
                #expect(size >= 1 && size <= 64, "count \(count), threads \(threads): \(size)")
                // Rounding the size up to whole SIMD groups never costs a task: as many as equal shares give.
                let wanted = min(count, max(threads, (count + 63) / 64))
                let share = (count + wanted - 1) / wanted
                let tasks = (count + size - 1) / size
                #expect(tasks == (count + share - 1) / share, "count \(count), threads \(threads): \(tasks) tasks of \(size)")
            }
        }
        #expect(FileCIDBuilder.chunksPerTask(count: 128, threads: 2) == 64)
        #expect(FileCIDBuilder.chunksPerTask(count: 129, threads: 2) == 48)
        #expect(FileCIDBuilder.chunksPerTask(count: 32, threads: 2) == 16)
    }

    @Test("names: part of the CID; 255 bytes accepted, 256 refused (usage)")
    func names() throws {
        let content = Array("x".utf8)
        let named = try FileCIDBuilder.cid(of: content, name: "a")
        #expect(named != (try FileCIDBuilder.cid(of: content, name: nil)))
        #expect(named != (try FileCIDBuilder.cid(of: content, name: "b")))
        #expect(try FileCIDBuilder.cid(of: content, name: "") != (try FileCIDBuilder.cid(of: content, name: nil)))
        _ = try FileCIDBuilder(name: String(repeating: "n", count: 255))
        _ = try FileCIDBuilder(name: String(repeating: "\u{e9}", count: 127))  // 254 bytes
        let error = #expect(throws: DriveError.self) { try FileCIDBuilder(name: String(repeating: "\u{e9}", count: 128)) }
        #expect(error?.code == .nameTooLong)
        #expect(error?.exitStatus == .usage)
    }

    @Test("a CID round-trips through its text form")
    func parseRoundTrip() throws {
        let cid = try FileCIDBuilder.cid(of: [1, 2, 3], name: nil)
        #expect(cid.description.hasPrefix("bafkr6i"))
        #expect(cid.description.utf8.count == AutoDriveCID.textLength)
        #expect(try AutoDriveCID(parsing: cid.description) == cid)
    }

    @Test(
        "hostile CIDs are refused with what is wrong (malformed input, 3)",
        arguments: [
            ("", "empty"),
            ("Bafkr6ih74lvviprpgp6afhxbbzlee2y2qa7vgzu3uo32xd7xe4aekv2phy", "upper-case"),
            ("BAFKR6IH74LVVIPRPGP6AFHXBBZLEE2Y2QA7VGZU3UO32XD7XE4AEKV2PHY", "upper-case"),
            ("QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG", "CIDv0"),
            ("zb2rhe5P4gXftAwvA4eXQ5HJwsER2owDyS9sKaQRRVQPn93bA", "multibase 'z'"),
            ("bafkr6ih74lvviprpgp6afhxbbzlee2y2qa7vgzu3uo32xd7xe4aekv2ph", "not canonical"),  // 58 chars: bits left over
            ("bafkr6ih74lvviprpgp6afhxbbzlee2y2qa7vgzu3uo32xd7xe4aekv2phz", "not canonical"),  // trailing bits set
            ("bafkr6ih74lvviprpgp6afhxbbzlee2y2qa7vgzu3uo32xd7xe4aekv2phy=", "not canonical"),
            ("bafkr6ih74lvviprpgp6afhxbbzlee2y2qa7vgzu3uo32xd7xe4aekv2p1y", "not canonical"),
            ("bafkr6ih74lvviprpgp6afhxbbzlee2y2qa7vgzu3uo32xd7xe4aek", "declares"),  // truncated
            ("bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi", "codec"),  // dag-pb sha2-256 CIDv1
            ("bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy", "multihash"),  // raw sha2-256
            ("b", "too short"),
            ("b\u{0}afkr6i", "not canonical"),
        ])
    func hostileCIDs(text: String, expected: String) {
        let error = #expect(throws: DriveError.self) { try AutoDriveCID(parsing: text) }
        #expect(error?.code == .malformedCID)
        #expect(error?.exitStatus == .malformedInput)
        #expect(error.map { "\($0)".contains(expected) } == true, "\(String(describing: error))")
        #expect(error.map { !"\($0)".contains("\u{0}") } == true)
    }

    @Test("random and oversized text never parses as a CID nor crashes")
    func randomCIDs() {
        var random = Random(state: 42)
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567ABZ019=-_ \n".utf8)
        for _ in 0..<2000 {
            let length = random.below(80)
            let text = "b" + String(decoding: (0..<length).map { _ in alphabet[random.below(alphabet.count)] }, as: UTF8.self)
            _ = try? AutoDriveCID(parsing: text)
        }
        let huge = "b" + String(repeating: "a", count: 1 << 20)
        let error = #expect(throws: DriveError.self) { try AutoDriveCID(parsing: huge) }
        #expect(error.map { "\($0)".utf8.count < 300 } == true)
    }

    // MARK: zlib

    static let helloStored: [UInt8] = [
        0x78, 0xda, 0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0x57, 0x28, 0xcf, 0x2f, 0xca, 0x49, 0xe1, 0x02, 0x00, 0x1e, 0x72, 0x04, 0x67,
    ]

    func inflate(_ pieces: [[UInt8]], limit: UInt64 = 1 << 20) throws -> [UInt8] {
        let inflater = try ZlibInflater(limit: limit)
        var out: [UInt8] = []
        for piece in pieces { try piece.withUnsafeBytes { try inflater.feed($0) { out += $0 } } }
        try inflater.finish()
        return out
    }

    @Test("zlib: byte by byte equals whole; truncated, trailing, damaged and random input fail")
    func zlibHostile() throws {
        #expect(try inflate([Self.helloStored]) == Array("hello world\n".utf8))
        #expect(try inflate(Self.helloStored.map { [$0] }) == Array("hello world\n".utf8))
        for cut in 0..<Self.helloStored.count {
            #expect(throws: CompressionError.self) { try inflate([Array(Self.helloStored[..<cut])]) }
        }
        #expect(throws: CompressionError.self) { try inflate([Self.helloStored + [0]]) }
        #expect(throws: CompressionError.self) { try inflate([Self.helloStored, [0]]) }
        var damaged = Self.helloStored
        damaged[damaged.count - 1] ^= 1  // Adler-32
        #expect(throws: CompressionError.self) { try inflate([damaged]) }
        var random = Random(state: 7)
        for _ in 0..<500 {
            _ = try? inflate([random.bytes(random.below(200))])
        }
    }

    @Test("zlib: output beyond the limit fails (decompression bombs)")
    func zlibLimit() throws {
        let stored = try #require(KnownCIDTests.bytes(hex: KnownCIDTests.storedHex))
        let error = #expect(throws: CompressionError.self) { try inflate([stored], limit: 100_000) }
        #expect(error?.code == .tooLarge(limit: 100_000))
        #expect(try inflate([stored], limit: 306_000).count == 306_000)
    }

    // MARK: Verification

    @Test("verify: match, mismatch; stored-compressed writes the output only on a match")
    func verification() throws {
        let directory = try TemporaryDirectory()
        let stored = try #require(KnownCIDTests.bytes(hex: KnownCIDTests.storedHex))
        let input = try directory.write("notes.txt", stored)
        let expected = try AutoDriveCID(parsing: "bafkr6ifx6m6hcevywfxwp3o3kwhggiknu6epgdsofjnpslbiazfzmugq6m")

        let plain = try CIDVerification.verify(expected: expected, input: .init(argument: input), name: "notes.txt")
        #expect(plain.status == .verificationFailed)  // the options are part of the CID

        let wrongName = try CIDVerification.verify(
            expected: expected, input: .init(argument: input), name: "other.txt", storedCompressed: true,
            output: try AtomicOutput(path: directory.file("out"), existing: .refuse))
        #expect(wrongName.status == .verificationFailed)
        #expect(!AtomicFile.exists(directory.file("out")))
        #expect(try directory.contents() == ["notes.txt"])

        let report = try CIDVerification.verify(
            expected: expected, input: .init(argument: input), name: "notes.txt", storedCompressed: true,
            output: try AtomicOutput(path: directory.file("out"), existing: .refuse))
        #expect(report.status == .ok)
        #expect(try directory.read("out") == KnownCIDTests.compressibleText)
        #expect(report.json.objectValue?["decompressedSize"]?.intValue == 306_000)
    }

    @Test("verify: a matching CID over bytes that do not inflate is malformed input, and writes nothing")
    func matchingButBroken() throws {
        let directory = try TemporaryDirectory()
        let broken = Array(Self.helloStored.dropLast(3))
        let input = try directory.write("b", broken)
        let cid = try FileCIDBuilder.cid(of: broken, name: "b", options: .zlibLevel9)
        let error = #expect(throws: CompressionError.self) {
            try CIDVerification.verify(
                expected: cid, input: .init(argument: input), name: "b", storedCompressed: true,
                output: try AtomicOutput(path: directory.file("out"), existing: .refuse))
        }
        #expect(error?.exitStatus == .malformedInput)
        #expect(try directory.contents() == ["b"])
    }

    @Test("BLAKE3 of a prefix and a body equals BLAKE3 of the two joined", arguments: [0, 1, 13, 1023])
    func prefixedHash(prefixLength: Int) {
        var random = Random(state: UInt64(prefixLength) &+ 99)
        for bodyLength in [0, 1, 1010, 1011, 1024, 2048 - prefixLength, 65_066, 65_536, 200_000 + prefixLength, 1 << 20] {
            let prefix = random.bytes(prefixLength)
            let body = random.bytes(bodyLength)
            let joined = BLAKE3.hash(prefix + body)
            let prefixed = prefix.withUnsafeBytes { p in body.withUnsafeBytes { BLAKE3.hash(prefix: p, body: $0) } }
            #expect(prefixed == joined, "prefix \(prefixLength), body \(bodyLength)")
        }
    }
}
