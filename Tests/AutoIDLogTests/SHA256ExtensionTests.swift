import AutoIDHashing
import AutoIDTestSupport
import Testing

@testable import AutoIDLog

/// The SHA-extension path of the tree hashing (AutoIDSHA256NI, one message or two interleaved) against
/// OpenSSL's block function and swift-crypto, and the batched builder and proof checks against the
/// one-at-a-time definitions.
@Suite("SHA-256 on the SHA extensions, batched trees and proofs")
struct SHA256ExtensionTests {
    @Test("padded messages of one and two blocks hash alike on the SHA extensions and OpenSSL")
    func extensionsMatchOpenSSL() throws {
        try #require(SHA256Blocks.usesExtensions, "this CPU has no SHA extensions (or AUTOID_SHA256=openssl): only the OpenSSL path runs")
        var random = TestRandom(seed: 41)
        for blockCount in [1, 2] {
            for _ in 0..<200 {
                var message = random.bytes(128 * blockCount)
                message.withUnsafeMutableBytes { all in
                    let first = UnsafeMutableRawBufferPointer(rebasing: all[0..<(64 * blockCount)])
                    let expected = SHA256Blocks.hashPadded(first, blockCount: blockCount, extensions: false)
                    #expect(SHA256Blocks.hashPadded(first, blockCount: blockCount, extensions: true) == expected)
                    let pair = SHA256Blocks.hashPadded2(all, blockCount: blockCount, extensions: true)
                    let second = UnsafeMutableRawBufferPointer(rebasing: all[(64 * blockCount)...])
                    #expect(pair.0 == expected)
                    #expect(pair.1 == SHA256Blocks.hashPadded(second, blockCount: blockCount, extensions: false))
                }
            }
        }
        // FIPS 180-2 appendix B.1: SHA-256("abc"), one padded block.
        var abc = [UInt8](repeating: 0, count: 64)
        abc[0...3] = [0x61, 0x62, 0x63, 0x80]
        abc[63] = 24
        let digest = abc.withUnsafeMutableBytes { SHA256Blocks.hashPadded($0, blockCount: 1, extensions: true) }
        #expect(digest.hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test("pairs of leaves and nodes hash as single ones do, at every small entry length")
    func pairsMatchSingles() {
        var random = TestRandom(seed: 42)
        for length in 0..<SHA256Blocks.oneBlockLimit {
            let a = random.bytes(length)
            let b = random.bytes(SHA256Blocks.oneBlockLimit - 1 - length)
            let pair = a.withUnsafeBytes { x in b.withUnsafeBytes { y in SHA256Blocks.hashOneBlock2(prefix: 0, x, y) } }
            #expect(pair.0 == SHA256Hasher.hash([0] + a).withUnsafeBytes { TreeHash(loading: $0) }, "length \(length)")
            #expect(pair.1 == MerkleTree.leafHash(b), "length \(length)")
        }
        for _ in 0..<100 {
            let hashes = (0..<4).map { _ in TreeHash(bytes: random.bytes(32))! }
            let pair = SHA256Blocks.hashNode2(hashes[0], hashes[1], hashes[2], hashes[3])
            #expect(pair.0.bytes == SHA256Hasher.hash([1] + hashes[0].bytes + hashes[1].bytes))
            #expect(pair.1 == MerkleTree.nodeHash(hashes[2], hashes[3]))
        }
    }

    @Test("entries of mixed sizes give the recursive definition's root at every size up to 300, asked at any moment")
    func entriesMatchRecursive() {
        var random = TestRandom(seed: 43)
        var leaves: [TreeHash] = []
        var builder = MerkleRootBuilder()
        for index in 0..<300 {
            // Mostly small entries (paired), some of a block or more (hashed alone, releasing a held one).
            let entry = random.bytes(index % 7 == 3 ? 55 + index % 90 : index % 40)
            leaves.append(MerkleTree.leafHash(entry))
            builder.append(entry: entry)
            #expect(builder.size == UInt64(index + 1))
            if index % 5 == 0 || index > 250 { #expect(builder.root == referenceRoot(leaves[...]), "size \(index + 1)") }
        }
        // Leaf hashes and entries mixed: an entry held for pairing is hashed alone when a leaf hash comes.
        var mixed = MerkleRootBuilder()
        var expected: [TreeHash] = []
        for index in 0..<200 {
            let entry = random.bytes(index % 30)
            if index % 3 == 0 {
                mixed.append(leafHash: MerkleTree.leafHash(entry))
            } else {
                mixed.append(entry: entry)
            }
            expected.append(MerkleTree.leafHash(entry))
        }
        #expect(mixed.root == referenceRoot(expected[...]))
    }

    @Test("proofs checked two at a time get the verdicts of one at a time, for every leaf of trees up to 70")
    func pairedProofsMatchSingles() throws {
        for size in [1, 2, 3, 5, 8, 13, 64, 65, 70] {
            let leaves = (0..<size).map { MerkleTree.leafHash(Array("leaf \($0)".utf8)) }
            let root = referenceRoot(leaves[...])
            var proofs: [InclusionProof] = []
            var hashes: [TreeHash] = []
            for index in 0..<size {
                let proof = try #require(InclusionProof.generate(leafIndex: UInt64(index), leaves: leaves))
                proofs.append(proof)
                hashes.append(leaves[index])
                // And broken ones: another leaf, a moved index, a cut or lengthened path, a bad size.
                proofs.append(proof)
                hashes.append(MerkleTree.leafHash([0xff]))
                var moved = proof
                moved.leafIndex = UInt64((index + 1) % size)
                proofs.append(moved)
                hashes.append(leaves[index])
                var cut = proof
                if !cut.hashes.isEmpty { cut.hashes.removeLast() }
                proofs.append(cut)
                hashes.append(leaves[index])
                var long = proof
                long.hashes.append(root)
                proofs.append(long)
                hashes.append(leaves[index])
                var outside = proof
                outside.treeSize = UInt64(index)
                proofs.append(outside)
                hashes.append(leaves[index])
            }
            let singles = zip(proofs, hashes).map { $0.verify(leafHash: $1, root: root) }
            #expect(singles.filter { $0 }.count >= size)
            #expect(InclusionProof.verify(proofs, leafHashes: hashes, root: root) == singles, "size \(size)")
            #expect(InclusionProof.verify(Array(proofs.dropFirst()), leafHashes: Array(hashes.dropFirst()), root: root) == Array(singles.dropFirst()))
        }
    }
}
