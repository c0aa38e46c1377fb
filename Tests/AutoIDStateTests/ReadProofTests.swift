import AutoIDHashing
import AutoIDState
import Testing

@Suite("Read proofs")
struct ReadProofTests {
    static func absentKeys(_ pairs: [([UInt8], [UInt8])], seed: UInt64) -> [[UInt8]] {
        var rng = SplitMix64(seed: seed)
        let present = Set(pairs.map(\.0))
        var out: [[UInt8]] = []
        for (k, _) in pairs.prefix(30) {
            for cand in [k + [0], Array(k.dropLast()), k + rng.bytes(3), rng.bytes(k.count)] where !present.contains(cand) {
                out.append(cand)
            }
        }
        return out
    }

    @Test("proofs for present keys, absent keys and keys at branch values verify", arguments: [1, 2, 10, 150])
    func roundTrip(count: Int) throws {
        for seed in UInt64(1)...4 {
            let pairs = randomState(seed: seed &* 77 &+ UInt64(count), count: count)
            for v in StateVersion.allCases {
                let (root, store) = Trie.buildWithNodes(pairs, version: v)
                let lookup = Dictionary(pairs, uniquingKeysWith: { $1 })
                // One key at a time: minimal proofs, no unused nodes.
                for (k, val) in pairs.prefix(40) {
                    let proof = try ReadProof.generate(root: root, store: store, keys: [k], version: v)
                    let r = try ReadProof.verify(root: root, nodes: proof, keys: [k], version: v)
                    #expect(r.results == [.present(val)])
                    #expect(r.isMinimal)
                }
                for k in Self.absentKeys(pairs, seed: seed) {
                    let proof = try ReadProof.generate(root: root, store: store, keys: [k], version: v)
                    let r = try ReadProof.verify(root: root, nodes: proof, keys: [k], version: v)
                    #expect(r.results == [lookup[k].map { .present($0) } ?? .absent])
                    #expect(r.isMinimal)
                }
                // Many keys in one proof.
                let keys = pairs.map(\.0) + Self.absentKeys(pairs, seed: seed + 9)
                let proof = try ReadProof.generate(root: root, store: store, keys: keys, version: v)
                let r = try ReadProof.verify(root: root, nodes: proof, keys: keys, version: v)
                #expect(r.results == keys.map { k in lookup[k].map { .present($0) } ?? .absent })
                #expect(r.isMinimal)
            }
        }
    }

    @Test("key whose node is a branch with a value")
    func branchValue() throws {
        let pairs: [([UInt8], [UInt8])] = [([0x12], [1]), ([0x12, 0x34], [2]), ([0x12, 0x56], [UInt8](repeating: 3, count: 40))]
        for v in StateVersion.allCases {
            let (root, store) = Trie.buildWithNodes(pairs, version: v)
            let rootNode = try TrieNode.decode(store[root]!)
            #expect(rootNode.kind == .branch && rootNode.value == .inline([1]))
            for k in [[0x12], [0x12, 0x34], [0x12, 0x56], [0x12, 0x35], [0x1], [0x12, 0x56, 0]] as [[UInt8]] {
                let proof = try ReadProof.generate(root: root, store: store, keys: [k], version: v)
                let r = try ReadProof.verify(root: root, nodes: proof, keys: [k], version: v)
                #expect(r.results[0].value == pairs.first { $0.0 == k }?.1)
            }
        }
    }

    @Test("empty trie proves absence with no nodes")
    func emptyTrie() throws {
        let r = try ReadProof.verify(root: TrieConstants.emptyRoot, nodes: [], keys: [[1]], version: .v1)
        #expect(r.results == [.absent])
        let r2 = try ReadProof.verify(root: TrieConstants.emptyRoot, nodes: [[0]], keys: [[1]], version: .v1)
        #expect(r2.results == [.absent] && r2.isMinimal)
    }

    @Test("mutated proofs: dropped node, flipped byte, extra node, wrong root, wrong layout")
    func mutations() throws {
        let pairs = randomState(seed: 31337, count: 120)
        for v in StateVersion.allCases {
            let (root, store) = Trie.buildWithNodes(pairs, version: v)
            var checked = 0
            for (k, _) in pairs.prefix(25) {
                let proof = try ReadProof.generate(root: root, store: store, keys: [k], version: v)
                // Dropping any node makes verification fail with missingNode.
                for i in proof.indices {
                    var p = proof
                    p.remove(at: i)
                    #expect(throws: StateError.self) { try ReadProof.verify(root: root, nodes: p, keys: [k], version: v) }
                    do { _ = try ReadProof.verify(root: root, nodes: p, keys: [k], version: v) } catch {
                        #expect(error.kind == .missingNode, "\(error)")
                    }
                }
                // Flipping any byte of any node: the node no longer matches its hash, so the
                // path breaks (missingNode), or at worst it fails to decode.
                for i in proof.indices {
                    for j in stride(from: 0, to: proof[i].count, by: max(1, proof[i].count / 7)) {
                        var p = proof
                        p[i][j] ^= 0x01
                        do {
                            _ = try ReadProof.verify(root: root, nodes: p, keys: [k], version: v)
                            Issue.record("flipped byte \(j) of node \(i) accepted")
                        } catch {
                            #expect(error.kind == .missingNode || error.kind == .malformedNode)
                        }
                        checked += 1
                    }
                }
                // An extra node is reported as unused (a warning, not an error); so is a duplicate.
                let extra = proof + [[0x42, 0xaa, 0x04, 0xbb], proof[0]]
                let r = try ReadProof.verify(root: root, nodes: extra, keys: [k], version: v)
                #expect(r.unusedNodeIndices == [proof.count, proof.count + 1])
                #expect(!r.isMinimal)
                // Another root: its node is not in the proof.
                do {
                    _ = try ReadProof.verify(root: H256(BLAKE2b.hash([1]))!, nodes: proof, keys: [k], version: v)
                    Issue.record("wrong root accepted")
                } catch {
                    #expect(error.kind == .missingNode)
                    #expect(error.description.contains("root"))
                }
            }
            #expect(checked > 50)
        }
        // LayoutV1 hashed-value nodes are rejected when verifying as LayoutV0.
        let big = [UInt8](repeating: 9, count: 40)
        let (root, store) = Trie.buildWithNodes([([1], big), ([2], [1])], version: .v1)
        let proof = try ReadProof.generate(root: root, store: store, keys: [[1]], version: .v1)
        #expect(try ReadProof.verify(root: root, nodes: proof, keys: [[1]], version: .v1).results == [.present(big)])
        do {
            _ = try ReadProof.verify(root: root, nodes: proof, keys: [[1]], version: .v0)
            Issue.record("hashed value accepted under v0")
        } catch {
            #expect(error.kind == .invalidProof)
        }
        // Missing hashed value node.
        let withoutValue = proof.filter { $0 != big }
        do {
            _ = try ReadProof.verify(root: root, nodes: withoutValue, keys: [[1]], version: .v1)
            Issue.record("missing value node accepted")
        } catch {
            #expect(error.kind == .missingNode)
            #expect(error.description.contains("hashed value"))
        }
    }

    @Test("a malformed node that hashes correctly is rejected with its offset")
    func malformedNodeInProof() throws {
        // Root whose child reference points at a node that is garbage (but present).
        let garbage: [UInt8] = [0x80, 0x00, 0x00] + [UInt8](repeating: 0, count: 40)
        let gh = H256(BLAKE2b.hash(garbage))!
        var children = [TrieChildReference?](repeating: nil, count: 16)
        children[1] = .hash(gh)
        let rootNode = TrieNode.branch(partialKey: [], value: nil, children: children).encoded()
        let root = H256(BLAKE2b.hash(rootNode))!
        do {
            _ = try ReadProof.verify(root: root, nodes: [rootNode, garbage], keys: [[0x12]], version: .v1)
            Issue.record("garbage node accepted")
        } catch {
            #expect(error.kind == .malformedNode)
            #expect(error.offset == 1)
            #expect(error.description.contains("empty child bitmap"))
        }
    }

    @Test("random and truncated nodes under a matching root never crash the verifier")
    func fuzz() throws {
        var rng = SplitMix64(seed: 2024)
        let (root, store) = Trie.buildWithNodes(randomState(seed: 5, count: 60), version: .v1)
        let real = Array(store.nodes.values)
        for i in 0..<3000 {
            var node: [UInt8]
            if i % 2 == 0 {
                node = rng.bytes(Int.random(in: 0...80, using: &rng))
            } else {
                node = real[Int.random(in: 0..<real.count, using: &rng)]
                let cut = Int.random(in: 0...node.count, using: &rng)
                node = Array(node[0..<cut])
                if !node.isEmpty && Bool.random(using: &rng) { node[Int.random(in: 0..<node.count, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng) }
            }
            let r = H256(BLAKE2b.hash(node))!
            let key = rng.bytes(Int.random(in: 0...6, using: &rng))
            _ = try? ReadProof.verify(root: r, nodes: [node] + real.prefix(3), keys: [key, []], version: .v1)
            _ = try? ReadProof.verify(root: r, nodes: [node], keys: [key], version: .v0)
        }
        _ = root
    }
}
