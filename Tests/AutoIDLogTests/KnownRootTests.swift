import AutoIDHashing
import AutoIDLog
import AutoIDTestSupport
import Foundation
import Testing

/// The RFC 6962 test leaves and their published roots (certificate-transparency's merkle tree tests),
/// typed in; scripts/rfc6962-roots.py recomputes them with Python's hashlib.
enum KnownRoots {
    static let leaves: [[UInt8]] = [
        [], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
        [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
        Array(0x60...0x6f), Array(0x70...0x7f),
    ]

    /// Root of the first `n` leaves, for n = 0...8.
    static let roots = [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ]
}

/// MTH straight from RFC 9162 section 2.1.1, recursive: an independent reference for the streaming builder.
func referenceRoot(_ leaves: ArraySlice<TreeHash>) -> TreeHash {
    if leaves.isEmpty { return MerkleTree.emptyRoot }
    if leaves.count == 1 { return leaves.first! }
    var k = 1
    while k * 2 < leaves.count { k *= 2 }
    return MerkleTree.nodeHash(referenceRoot(leaves.prefix(k)), referenceRoot(leaves.dropFirst(k)))
}

@Suite("RFC 9162 trees")
struct KnownRootTests {
    @Test("RFC 6962 roots of sizes 0 to 8", arguments: 0...8)
    func knownRoot(size: Int) {
        #expect(MerkleTree.root(entries: KnownRoots.leaves.prefix(size)).hex == KnownRoots.roots[size])
        #expect(MerkleTree.root(leafHashes: KnownRoots.leaves.prefix(size).map { MerkleTree.leafHash($0) }).hex == KnownRoots.roots[size])
    }

    @Test("the streaming builder agrees with the recursive definition for every size up to 300")
    func streamingMatchesRecursive() {
        var leaves: [TreeHash] = []
        var builder = MerkleRootBuilder()
        for index in 0..<300 {
            #expect(builder.root == referenceRoot(leaves[...]), "size \(index)")
            let leaf = MerkleTree.leafHash(Array("entry \(index)".utf8))
            leaves.append(leaf)
            builder.append(leafHash: leaf)
            #expect(builder.size == UInt64(index + 1))
        }
    }

    @Test("every inclusion proof of trees up to 40 leaves verifies, and fails for another leaf or index")
    func inclusionRoundTrip() throws {
        for size in 1...40 {
            let leaves = (0..<size).map { MerkleTree.leafHash(Array("leaf \($0)".utf8)) }
            let root = referenceRoot(leaves[...])
            for index in 0..<size {
                let proof = try #require(InclusionProof.generate(leafIndex: UInt64(index), leaves: leaves))
                #expect(proof.verify(leafHash: leaves[index], root: root))
                #expect(!proof.verify(leafHash: MerkleTree.leafHash([0xff]), root: root))
                if size > 1 {
                    var moved = proof
                    moved.leafIndex = UInt64((index + 1) % size)
                    #expect(!moved.verify(leafHash: leaves[index], root: root), "size \(size) index \(index)")
                }
            }
            #expect(InclusionProof.generate(leafIndex: UInt64(size), leaves: leaves) == nil)
        }
    }

    @Test("every consistency proof between trees up to 40 leaves verifies, and fails against another root")
    func consistencyRoundTrip() throws {
        let leaves = (0..<40).map { MerkleTree.leafHash(Array("leaf \($0)".utf8)) }
        for newSize in 1...40 {
            let newRoot = referenceRoot(leaves.prefix(newSize))
            for oldSize in 1...newSize {
                let oldRoot = referenceRoot(leaves.prefix(oldSize))
                let proof = try #require(ConsistencyProof.generate(oldSize: UInt64(oldSize), leaves: Array(leaves.prefix(newSize))))
                #expect(proof.verify(oldRoot: oldRoot, newRoot: newRoot), "\(oldSize) -> \(newSize)")
                if oldSize < newSize {
                    let forked = referenceRoot(leaves.prefix(oldSize - 1) + [MerkleTree.leafHash([0xee])])
                    #expect(!proof.verify(oldRoot: forked, newRoot: newRoot), "\(oldSize) -> \(newSize) forked")
                }
            }
        }
    }

    @Test("block-level leaf and node hashes equal swift-crypto's SHA-256 at every length around the block edges")
    func blockHashingMatchesSwiftCrypto() {
        var random = TestRandom(seed: 3)
        for length in 0...200 {
            let entry = random.bytes(length)
            var streamed = LeafHasher()
            entry.withUnsafeBytes { streamed.update($0) }
            #expect(MerkleTree.leafHash(entry) == streamed.finalize(), "length \(length)")
        }
        for _ in 0..<100 {
            let left = TreeHash(bytes: random.bytes(32))!
            let right = TreeHash(bytes: random.bytes(32))!
            #expect(MerkleTree.nodeHash(left, right).bytes == SHA256Hasher.hash([1] + left.bytes + right.bytes))
        }
    }

    @Test("hashes parse from canonical standard base64 only")
    func strictBase64() {
        var random = TestRandom(seed: 5)
        for _ in 0..<200 {
            let hash = TreeHash(bytes: random.bytes(32))!
            #expect(TreeHash(base64: hash.base64) == hash)
            #expect(TreeHash(hex: hash.hex) == hash)
        }
        let text = MerkleTree.emptyRoot.base64  // 47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=
        #expect(TreeHash(base64: text) == MerkleTree.emptyRoot)
        #expect(TreeHash(base64: String(text.dropLast())) == nil)  // no padding
        #expect(TreeHash(base64: text.replacingOccurrences(of: "+", with: "-")) == nil)  // URL-safe alphabet
        #expect(TreeHash(base64: text.replacingOccurrences(of: "FU=", with: "FV=")) == nil)  // spare bits set
        #expect(TreeHash(base64: " " + text.dropFirst()) == nil)
        #expect(TreeHash(base64: String(text.dropLast(4)) + "====") == nil)
    }

    @Test("proofs longer than any tree allows are refused before hashing")
    func overlongProofs() {
        let hash = MerkleTree.leafHash([1])
        let long = [[UInt8]](repeating: hash.bytes, count: InclusionProof.maximumLength + 1)
        #expect(!InclusionProof.verify(leafIndex: 0, treeSize: UInt64.max, leafHash: hash.bytes, root: hash.bytes, proof: long))
        let longer = [[UInt8]](repeating: hash.bytes, count: ConsistencyProof.maximumLength + 1)
        #expect(!ConsistencyProof.verify(oldSize: 1, newSize: UInt64.max, oldRoot: hash.bytes, newRoot: hash.bytes, proof: longer))
    }
}
