import AutoIDHashing
import AutoIDState
import Testing

/// ReadProof.verify hashes all proof nodes in one batch (four at a time with AVX2); these check the
/// parts of that which the other proof tests reach only by chance.
@Suite("Proof node hashing")
struct ProofHashingTests {
    @Test("empty-trie root is blake2b-256(0x00)")
    func emptyRoot() {
        #expect(TrieConstants.emptyRoot.hex == "0x03170a2e7597b7b7e3d84c05391d139a62b157e78786d8c082f29dcf4c111314")
        #expect(Trie.root(of: [], version: .v1) == TrieConstants.emptyRoot)
    }

    @Test("proofs of 1 to 100+ nodes, shuffled and with duplicates, verify; unused indices are exact")
    func batchSizes() throws {
        let pairs = randomState(seed: 4242, count: 400)
        for v in StateVersion.allCases {
            let (root, store) = Trie.buildWithNodes(pairs, version: v)
            var rng = SplitMix64(seed: 9)
            for keyCount in [1, 2, 5, 20, 60] {
                let keys = (0..<keyCount).map { _ in pairs[Int(rng.next() % UInt64(pairs.count))].0 }
                let proof = try ReadProof.generate(root: root, store: store, keys: keys, version: v)
                var nodes = proof
                // Shuffle, then append two duplicates: their indices (the later copies) are unused.
                for i in stride(from: nodes.count - 1, to: 0, by: -1) {
                    nodes.swapAt(i, Int(rng.next() % UInt64(i + 1)))
                }
                nodes.append(nodes[0])
                nodes.append(nodes[nodes.count / 2])
                let r = try ReadProof.verify(root: root, nodes: nodes, keys: keys, version: v)
                let lookup = Dictionary(pairs, uniquingKeysWith: { $1 })
                #expect(r.results == keys.map { .present(lookup[$0]!) })
                #expect(r.unusedNodeIndices == [nodes.count - 2, nodes.count - 1], "\(keyCount) keys, \(nodes.count) nodes")
            }
        }
    }
}
