import AutoIDDrive
import AutoIDHashing
import AutoIDTestSupport
import Testing

@testable import AutoIDBundle

/// The bundle digester (two buffers, one long-lived SHA-256 thread) gives the digests the plain
/// hashers give, however the data is split, fed by copy or read straight into its buffers, and
/// entry after entry on the same thread.
@Suite("Entry digester")
struct EntryDigesterTests {
    static let size = EntryDigester.bufferSize

    /// Sizes around the buffer boundaries, where the hand-over between buffers happens.
    static let lengths = [0, 1, 1000, size - 1, size, size + 1, 2 * size, 3 * size + size / 2 + 7]

    static func expected(_ bytes: [UInt8], _ algorithms: [HashAlgorithm] = BundleManifest.algorithms) -> ContentDigest {
        var digests: [HashAlgorithm: [UInt8]] = [:]
        for algorithm in algorithms {
            var hasher = algorithm.makeHasher()
            hasher.update(bytes)
            digests[algorithm] = hasher.finalize()
        }
        return ContentDigest(digests: digests, byteCount: UInt64(bytes.count))
    }

    /// Random split points: chunks of 1 byte up to past a whole buffer.
    static func chunks(_ bytes: [UInt8], random: inout TestRandom) -> [ArraySlice<UInt8>] {
        var out: [ArraySlice<UInt8>] = []
        var offset = 0
        while offset < bytes.count {
            let count = min(bytes.count - offset, Int.random(in: 1...(size + size / 3), using: &random))
            out.append(bytes[offset..<offset + count])
            offset += count
        }
        return out
    }

    @Test("copied in, whole or split at random, entry after entry on one digester", arguments: lengths)
    func update(length: Int) {
        var random = TestRandom(seed: UInt64(length) + 1)
        let bytes = random.bytes(length)
        let digester = EntryDigester()
        bytes.withUnsafeBytes { digester.update($0) }
        #expect(digester.finalize() == Self.expected(bytes))
        for chunk in Self.chunks(bytes, random: &random) {
            chunk.withUnsafeBytes { digester.update($0) }
        }
        #expect(digester.finalize() == Self.expected(bytes), "the second entry on the same digester")
        #expect(digester.finalize() == Self.expected([]), "a third, empty entry")
    }

    @Test("an entry's Auto Drive CID, asked for, is FileCIDBuilder's over the same bytes; the next entry has none", arguments: lengths)
    func autoDriveCID(length: Int) throws {
        var random = TestRandom(seed: UInt64(length) + 7)
        let bytes = random.bytes(length)
        let digester = EntryDigester()
        try digester.computeCID(name: "entry.bin")
        for chunk in Self.chunks(bytes, random: &random) {
            chunk.withUnsafeBytes { digester.update($0) }
        }
        #expect(digester.finalize() == Self.expected(bytes))
        #expect(digester.cid == (try FileCIDBuilder.cid(of: bytes, name: "entry.bin")))
        bytes.withUnsafeBytes { digester.update($0) }
        #expect(digester.finalize() == Self.expected(bytes))
        #expect(digester.cid == nil, "a CID only for the entry that asked")
        #expect(throws: DriveError.self) { try digester.computeCID(name: String(repeating: "n", count: 256)) }
    }

    @Test("read straight into its buffers, in reads of every size, and the bytes handed back are the ones read", arguments: lengths)
    func absorbNext(length: Int) {
        var random = TestRandom(seed: UInt64(length) + 99)
        let bytes = random.bytes(length)
        let digester = EntryDigester()
        for _ in 0..<2 {
            var offset = 0
            var seen: [UInt8] = []
            while let chunk = digester.absorbNext({ buffer in
                let count = min(buffer.count, bytes.count - offset, Int.random(in: 1...70_000, using: &random))
                guard count > 0 else { return 0 }
                buffer.copyBytes(from: bytes[offset..<offset + count])
                offset += count
                return count
            }) {
                seen += chunk
            }
            #expect(seen == bytes)
            #expect(digester.finalize() == Self.expected(bytes))
        }
    }

    @Test("one algorithm: everything on the calling thread")
    func oneAlgorithm() {
        var random = TestRandom(seed: 5)
        let bytes = random.bytes(2 * Self.size + 3)
        let digester = EntryDigester(algorithms: [.sha256])
        bytes.withUnsafeBytes { digester.update($0) }
        #expect(digester.finalize() == Self.expected(bytes, [.sha256]))
    }

    @Test("released with a buffer still being hashed, and many digesters one after another")
    func releasedMidEntry() {
        var random = TestRandom(seed: 8)
        let bytes = random.bytes(Self.size + 10)
        for _ in 0..<50 {
            let digester = EntryDigester()
            bytes.withUnsafeBytes { digester.update($0) }  // one buffer handed to the thread, never finalized
        }
        let digester = EntryDigester()
        bytes.withUnsafeBytes { digester.update($0) }
        #expect(digester.finalize() == Self.expected(bytes))
    }
}
