import AutoIDLog
import AutoIDTestSupport
import Testing

/// SUBTREE_PROOF straight from the Merkle tree certificates draft ("Generating a Subtree Consistency
/// Proof"), recursive over slices of leaf hashes: an independent reference for the iterative walk.
/// `start` and `end` are relative to the slice; `known` is the draft's `b`.
func referenceSubtreeProof(_ start: Int, _ end: Int, _ leaves: ArraySlice<TreeHash>, known: Bool = true) -> [TreeHash] {
    let n = leaves.count
    if start == 0 && end == n { return known ? [] : [referenceRoot(leaves)] }
    var k = 1
    while k * 2 < n { k *= 2 }
    let left = leaves.prefix(k)
    let right = leaves.dropFirst(k)
    if end <= k { return referenceSubtreeProof(start, end, left, known: known) + [referenceRoot(right)] }
    if start >= k { return referenceSubtreeProof(start - k, end - k, right, known: known) + [referenceRoot(left)] }
    return referenceSubtreeProof(0, end - k, right, known: false) + [referenceRoot(left)]
}

/// Every subtree `start..<end` with `end <= size`, by brute force over the draft's definition.
func allSubtrees(upTo size: Int) -> [Subtree] {
    var result: [Subtree] = []
    for start in 0..<size {
        for end in (start + 1)...size {
            var width = 1
            while width < end - start { width *= 2 }
            if start % width == 0 { result.append(Subtree(start: UInt64(start), end: UInt64(end))!) }
        }
    }
    return result
}

@Suite("Subtree proofs (Merkle tree certificates draft)")
struct SubtreeProofTests {
    static let leaves = (0..<40).map { MerkleTree.leafHash(Array("leaf \($0)".utf8)) }

    @Test("a subtree starts at a multiple of the smallest power of two covering its width")
    func alignment() {
        for (start, end) in [(0, 1), (0, 7), (4, 8), (4, 7), (4, 5), (6, 8), (8, 13), (12, 13)] as [(UInt64, UInt64)] {
            #expect(Subtree(start: start, end: end) != nil, "\(start)..<\(end)")
        }
        for (start, end) in [(1, 3), (2, 5), (2, 6), (3, 5), (1, 15), (4, 9), (0, 0), (3, 3), (2, 1)] as [(UInt64, UInt64)] {
            #expect(Subtree(start: start, end: end) == nil, "\(start)..<\(end)")
        }
        // Brute force agrees with "the width is at most the largest power of two dividing start".
        for start in UInt64(1)...64 {
            for end in (start + 1)...130 {
                let divides = start & (~start &+ 1)
                #expect((Subtree(start: start, end: end) != nil) == (end - start <= divides), "\(start)..<\(end)")
            }
        }
        // At the edges of UInt64: widths above 2^63 only from leaf 0.
        #expect(Subtree(start: 0, end: .max) != nil)
        #expect(Subtree(start: 1, end: (1 << 63) + 2) == nil)
        #expect(Subtree(start: 1 << 63, end: .max) != nil)
        #expect(Subtree(start: .max - 1, end: .max) != nil)
        #expect(Subtree(start: 1 << 62, end: (1 << 62) + (1 << 62) + 1) == nil)
    }

    @Test("a range that is not a subtree is refused with a reason and what to do")
    func boundsErrors() {
        func message(_ start: UInt64, _ end: UInt64) -> String {
            do {
                _ = try Subtree.checked(start: start, end: end, input: "--subtree")
                return "accepted"
            } catch let error as LogError {
                #expect(error.code == .malformedInput)
                return error.description
            } catch {
                return "\(error)"
            }
        }
        #expect(
            message(2, 5)
                == "--subtree: subtree 2..<5 is not a node of the tree: its start is not a multiple of 4, the smallest power of two at least its 3 leaves; start it at a multiple of 4, or split it into smaller subtrees"
        )
        #expect(message(5, 5) == "--subtree: subtree 5..<5 holds no leaves; give a range of at least one leaf")
        #expect(message(6, 2) == "--subtree: subtree 6..<2 starts after it ends; give start before end (a subtree is start..<end)")
        #expect(message(1, (1 << 63) + 2).contains("wider than 2^63"))
        #expect(message(4, 8) == "accepted")
    }

    @Test("the draft's examples: 4..<8 and 8..<13 in a tree of 14 leaves")
    func draftExamples() throws {
        let leaves = Array(Self.leaves.prefix(14))
        func mth(_ start: Int, _ end: Int) -> TreeHash { referenceRoot(leaves[start..<end]) }
        let root = mth(0, 14)
        let examples: [(UInt64, UInt64, [TreeHash])] = [
            (4, 8, [mth(0, 4), mth(8, 14)]),
            (8, 13, [mth(12, 13), mth(13, 14), mth(8, 12), mth(0, 8)]),
        ]
        for (start, end, expected) in examples {
            let subtree = try #require(Subtree(start: start, end: end))
            let proof = try #require(SubtreeConsistencyProof.generate(subtree: subtree, leaves: leaves))
            #expect(proof.hashes == expected, "\(subtree)")
            #expect(proof.verify(subtreeHash: mth(Int(start), Int(end)), root: root), "\(subtree)")
        }
    }

    @Test("generated proofs equal the draft's recursive definition for every subtree of trees up to 24 leaves")
    func generatorMatchesDefinition() throws {
        for size in 1...24 {
            let leaves = Array(Self.leaves.prefix(size))
            for subtree in allSubtrees(upTo: size) {
                let proof = try #require(SubtreeConsistencyProof.generate(subtree: subtree, leaves: leaves))
                #expect(proof.hashes == referenceSubtreeProof(Int(subtree.start), Int(subtree.end), leaves[...]), "\(subtree) in \(size)")
                #expect(proof.hashes.count <= SubtreeConsistencyProof.maximumLength)
            }
            #expect(SubtreeConsistencyProof.generate(subtree: Subtree(start: 0, end: UInt64(size + 1))!, leaves: leaves) == nil)
        }
    }

    @Test("from leaf 0 a subtree consistency proof is the RFC 9162 consistency proof")
    func startZeroIsRFC9162() throws {
        for size in 1...40 {
            let leaves = Array(Self.leaves.prefix(size))
            for end in 1...size {
                let subtree = try #require(Subtree(start: 0, end: UInt64(end)))
                let ours = try #require(SubtreeConsistencyProof.generate(subtree: subtree, leaves: leaves))
                let rfc = try #require(ConsistencyProof.generate(oldSize: UInt64(end), leaves: leaves))
                #expect(ours.hashes == rfc.hashes, "\(end) -> \(size)")
                let old = referenceRoot(leaves.prefix(end))
                let new = referenceRoot(leaves[...])
                #expect(
                    ConsistencyProof.verify(
                        oldSize: UInt64(end), newSize: UInt64(size), oldRoot: old.bytes, newRoot: new.bytes, proof: ours.hashes.map(\.bytes)))
            }
        }
    }

    @Test("a proof verifies for its own subtree and tree only: every other hash, range or size fails")
    func roundTripAndTampering() throws {
        for size in 1...16 {
            let leaves = Array(Self.leaves.prefix(size))
            let root = referenceRoot(leaves[...])
            let subtrees = allSubtrees(upTo: size)
            let proofs = try subtrees.map { try #require(SubtreeConsistencyProof.generate(subtree: $0, leaves: leaves)) }
            for (subtree, proof) in zip(subtrees, proofs) {
                let hash = try #require(subtree.hash(leaves: leaves))
                #expect(hash == referenceRoot(leaves[Int(subtree.start)..<Int(subtree.end)]))
                #expect(proof.verify(subtreeHash: hash, root: root), "\(subtree) in \(size)")
                #expect(!proof.verify(subtreeHash: MerkleTree.leafHash([0xee]), root: root), "\(subtree) in \(size): wrong subtree hash")
                #expect(!proof.verify(subtreeHash: hash, root: MerkleTree.leafHash([0xee])), "\(subtree) in \(size): wrong root")
                // Each bit of each proof hash matters.
                for index in proof.hashes.indices {
                    for bit in [0, 77, 255] {
                        var bytes = proof.hashes.map(\.bytes)
                        bytes[index][bit / 8] ^= 1 << (bit % 8)
                        #expect(
                            !SubtreeConsistencyProof.verify(
                                start: subtree.start, end: subtree.end, treeSize: UInt64(size), subtreeHash: hash.bytes, root: root.bytes, proof: bytes),
                            "\(subtree) in \(size): hash \(index) bit \(bit)")
                    }
                }
                // One hash fewer or more.
                let bytes = proof.hashes.map(\.bytes)
                for changed in [bytes.dropLast(), bytes + [hash.bytes], [hash.bytes] + bytes] where changed.count != bytes.count {
                    #expect(
                        !SubtreeConsistencyProof.verify(
                            start: subtree.start, end: subtree.end, treeSize: UInt64(size), subtreeHash: hash.bytes, root: root.bytes, proof: Array(changed)),
                        "\(subtree) in \(size): \(changed.count) hashes")
                }
                // Another subtree's proof, with that subtree's own correct hash, is accepted only if it is the same proof.
                for (other, otherProof) in zip(subtrees, proofs) where other != subtree {
                    let otherHash = try #require(other.hash(leaves: leaves))
                    let accepted = SubtreeConsistencyProof.verify(
                        start: other.start, end: other.end, treeSize: UInt64(size), subtreeHash: otherHash.bytes, root: root.bytes,
                        proof: proof.hashes.map(\.bytes))
                    #expect(accepted == (otherProof.hashes == proof.hashes), "\(subtree)'s proof as \(other)'s in \(size)")
                }
                // The same proof against a larger tree's root.
                if size < Self.leaves.count {
                    let grown = referenceRoot(Self.leaves.prefix(size + 1))
                    #expect(
                        !SubtreeConsistencyProof.verify(
                            start: subtree.start, end: subtree.end, treeSize: UInt64(size + 1), subtreeHash: hash.bytes, root: grown.bytes,
                            proof: proof.hashes.map(\.bytes)),
                        "\(subtree) in \(size) as in \(size + 1)")
                }
            }
        }
    }

    @Test("failures say what failed, as malformed input (exit 3) or a failed verification (exit 1)")
    func checkErrors() throws {
        let leaves = Array(Self.leaves.prefix(14))
        let root = referenceRoot(leaves[...])
        let subtree = Subtree(start: 8, end: 13)!
        let hash = try #require(subtree.hash(leaves: leaves))
        let proof = try #require(SubtreeConsistencyProof.generate(subtree: subtree, leaves: leaves)).hashes.map(\.bytes)
        let hash0 = hash.bytes
        let root0 = root.bytes
        let proof0 = proof
        func failure(start: UInt64 = 8, end: UInt64 = 13, size: UInt64 = 14, hash: [UInt8]? = nil, root: [UInt8]? = nil, proof: [[UInt8]]? = nil) -> LogError? {
            do {
                try SubtreeConsistencyProof.check(
                    start: start, end: end, treeSize: size, subtreeHash: hash ?? hash0, root: root ?? root0, proof: proof ?? proof0, input: "p.json")
                return nil
            } catch {
                return error as? LogError
            }
        }
        #expect(failure() == nil)
        #expect(
            failure(size: 12)?.description == "p.json: the subtree 8..<13 ends past the tree's 12 leaves; a subtree is proven into a tree at least as large")
        #expect(failure(start: 9)?.code == .malformedInput)
        #expect(
            failure(proof: Array(proof.dropFirst()))?.description
                == "p.json: a proof for the subtree 8..<13 in a tree of 14 leaves has 4 hashes, this one has 3")
        #expect(failure(hash: MerkleTree.emptyRoot.bytes)?.description == "p.json: the proof does not lead to the subtree 8..<13's hash")
        #expect(failure(root: MerkleTree.emptyRoot.bytes)?.description == "p.json: the proof does not lead to the root of the tree of 14 leaves")
        #expect(failure(hash: [1, 2, 3])?.code == .malformedInput)
        #expect(failure(proof: proof + [[UInt8]](repeating: hash0, count: 70))?.code == .tooLarge)
        #expect(failure(start: 3, end: 3, size: 2, hash: MerkleTree.emptyRoot.bytes, proof: [])?.code == .malformedInput)
        #expect(failure(start: 3, end: 3, hash: MerkleTree.emptyRoot.bytes, proof: []) == nil)
        #expect(failure(root: [0xee])?.code == .malformedInput)
        #expect(failure(root: MerkleTree.emptyRoot.bytes)?.code == .verificationFailed)
    }

    @Test("subtree proof files round trip, and name the range that is not a subtree")
    func proofFile() throws {
        let leaves = Array(Self.leaves.prefix(14))
        let proof = try #require(SubtreeConsistencyProof.generate(subtree: Subtree(start: 8, end: 13)!, leaves: leaves))
        let file = LogProofFile.subtreeConsistency(proof)
        #expect(try LogProofFile(bytes: file.bytes, source: "p.json") == file)
        func error(_ text: String) -> String {
            do {
                _ = try LogProofFile(bytes: Array(text.utf8), source: "p.json")
                return "accepted"
            } catch {
                return "\(error)"
            }
        }
        let hash = leaves[0].base64
        #expect(
            error(#"{"format": "autoid-log-proof/1", "type": "subtree-consistency", "start": 8, "end": 13, "treeSize": 14, "hashes": ["\#(hash)"]}"#)
                == "accepted")
        #expect(
            error(#"{"format": "autoid-log-proof/1", "type": "subtree-consistency", "start": 1, "end": 3, "treeSize": 14, "hashes": []}"#).hasPrefix(
                "p.json: subtree 1..<3 is not a node of the tree"))
        #expect(
            error(#"{"format": "autoid-log-proof/1", "type": "subtree-consistency", "start": 8, "end": 13, "treeSize": 12, "hashes": []}"#).hasPrefix(
                "p.json: the subtree 8..<13 ends past the tree's 12 leaves"))
        #expect(error(#"{"format": "autoid-log-proof/1", "type": "subtree-consistency", "start": 8, "treeSize": 14, "hashes": []}"#) != "accepted")
    }

    @Test("subtree inclusion proofs round trip for every leaf of every subtree of trees up to 16 leaves")
    func inclusionRoundTrip() throws {
        for size in 1...16 {
            let leaves = Array(Self.leaves.prefix(size))
            for subtree in allSubtrees(upTo: size) {
                let hash = try #require(subtree.hash(leaves: leaves)).bytes
                for index in subtree.start..<subtree.end {
                    let proof = try #require(subtree.inclusionProof(leafIndex: index, leaves: leaves))
                    let path = proof.hashes.map(\.bytes)
                    #expect(subtree.verifyInclusion(leafIndex: index, leafHash: leaves[Int(index)].bytes, root: hash, proof: path), "\(index) in \(subtree)")
                    #expect(!subtree.verifyInclusion(leafIndex: index, leafHash: MerkleTree.leafHash([0xee]).bytes, root: hash, proof: path))
                    if subtree.width > 1 {
                        let other = subtree.start + (index - subtree.start + 1) % subtree.width
                        #expect(
                            !subtree.verifyInclusion(leafIndex: other, leafHash: leaves[Int(index)].bytes, root: hash, proof: path),
                            "\(index) as \(other) in \(subtree)")
                    }
                }
                #expect(subtree.inclusionProof(leafIndex: subtree.end, leaves: leaves) == nil)
                if subtree.start > 0 { #expect(subtree.inclusionProof(leafIndex: subtree.start - 1, leaves: leaves) == nil) }
            }
        }
    }

    @Test("hostile sizes, ranges and proofs never trap and never verify by chance")
    func randomInput() {
        var random = TestRandom(seed: 14)
        let edges: [UInt64] = [0, 1, 2, 3, 7, 8, 9, 1 << 32, (1 << 63) - 1, 1 << 63, (1 << 63) + 1, .max - 1, .max]
        func pick() -> UInt64 {
            Bool.random(using: &random) ? edges.randomElement(using: &random)! : UInt64.random(in: 0..<40, using: &random)
        }
        for _ in 0..<3000 {
            let start = pick()
            let end = pick()
            let size = pick()
            let count = Int.random(in: 0..<8, using: &random)
            let proof = (0..<count).map { _ in random.bytes(Int.random(in: 0..<4, using: &random) == 0 ? 31 : 32) }
            let hash = random.bytes(32)
            let root = random.bytes(32)
            #expect(!SubtreeConsistencyProof.verify(start: start, end: end, treeSize: size, subtreeHash: hash, root: root, proof: proof))
            if let subtree = Subtree(start: start, end: end) {
                #expect(!subtree.verifyInclusion(leafIndex: pick(), leafHash: hash, root: root, proof: proof))
            }
        }
        // The deepest trees: proofs of 64 levels and one more verify only when right.
        let hash = MerkleTree.leafHash([1]).bytes
        let subtree = Subtree(start: 0, end: 1)!
        #expect(!SubtreeConsistencyProof.verify(start: 0, end: 1, treeSize: .max, subtreeHash: hash, root: hash, proof: Array(repeating: hash, count: 64)))
        #expect(
            !SubtreeConsistencyProof.verify(start: .max - 1, end: .max, treeSize: .max, subtreeHash: hash, root: hash, proof: Array(repeating: hash, count: 64))
        )
        #expect(!subtree.verifyInclusion(leafIndex: 0, leafHash: hash, root: hash, proof: Array(repeating: hash, count: 65)))
    }
}
