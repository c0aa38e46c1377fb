import AutoIDHashing
import AutoIDState
import Testing

/// Random states with shared prefixes, prefix keys (branch values), empty values and values
/// around the LayoutV1 threshold.
func randomState(seed: UInt64, count: Int) -> [([UInt8], [UInt8])] {
    var rng = SplitMix64(seed: seed)
    var map: [[UInt8]: [UInt8]] = [:]
    let prefixes: [[UInt8]] = [[], [0x26, 0xaa], [0x26, 0xab], [0x3a], [0x3a, 0x63, 0x6f]]
    while map.count < count {
        let p = prefixes[Int.random(in: 0..<prefixes.count, using: &rng)]
        let k = p + rng.bytes(Int.random(in: 0...5, using: &rng))
        let vlen = [0, 1, 5, 31, 32, 33, 34, 70][Int.random(in: 0..<8, using: &rng)]
        map[k] = rng.bytes(vlen)
    }
    return map.map { ($0.key, $0.value) }
}

@Suite("Streaming trie builder")
struct TrieBuilderTests {
    @Test("matches the recursive reference on random states", arguments: [1, 2, 3, 5, 17, 64, 300])
    func matchesReference(count: Int) {
        for seed in UInt64(0)..<8 {
            let pairs = randomState(seed: seed &* 1000 &+ UInt64(count), count: count)
            for v in StateVersion.allCases {
                #expect(
                    Trie.root(of: pairs, version: v) == ReferenceTrie.root(pairs, version: v),
                    "seed \(seed) count \(count) \(v)")
            }
        }
    }

    @Test("prefix chains and long keys")
    func prefixChains() {
        var pairs: [([UInt8], [UInt8])] = []
        var key: [UInt8] = []
        for i in 0..<40 {  // keys that are prefixes of one another, down to 80 nibbles
            key.append(UInt8(truncatingIfNeeded: i &* 37))
            pairs.append((key, [UInt8](repeating: UInt8(i), count: i)))
        }
        pairs.append(([UInt8](repeating: 0xfe, count: 200), [1]))  // partial key > 63 nibbles
        pairs.append(([], [42]))  // the empty key
        for v in StateVersion.allCases {
            #expect(Trie.root(of: pairs, version: v) == ReferenceTrie.root(pairs, version: v))
        }
    }

    @Test("unsorted and duplicate keys are rejected with the key index")
    func unsorted() throws {
        var b = TrieRootBuilder(version: .v1)
        try b.add(key: [1, 2], value: [1])
        do {
            try b.add(key: [1, 1], value: [1])
            Issue.record("accepted unsorted key")
        } catch {
            #expect(error.kind == .unsortedKeys)
            #expect(error.description.contains("key #1"))
        }
        var c = TrieRootBuilder(version: .v1)
        try c.add(key: [1, 2], value: [1])
        #expect(throws: StateError.self) { try c.add(key: [1, 2], value: [2]) }
        var d = TrieRootBuilder(version: .v1)
        try d.add(key: [1, 2], value: [1])
        #expect(throws: StateError.self) { try d.add(key: [1], value: [2]) }  // prefix after extension
        _ = d.finish()
        #expect(throws: StateError.self) { try d.add(key: [9], value: [2]) }  // after finish
    }

    @Test("convenience root sorts and lets the last duplicate win")
    func convenience() {
        let a = Trie.root(of: [([2], [1]), ([1], [1]), ([2], [5])], version: .v0)
        let b = Trie.root(of: [([1], [1]), ([2], [5])], version: .v0)
        #expect(a == b)
    }

    /// Nodes wait for their hash in batches (``TrieRootBuilder`` copies each encoding aside and hashes a
    /// batch side by side): values of several KiB (inline under LayoutV0, so leaves that big) make the
    /// waiting area grow while a batch is half full, and wide branches fill whole batches.
    @Test("large inline values and wide branches: the same root and nodes as the reference")
    func largeNodesInBatches() throws {
        var rng = SplitMix64(seed: 0xb16_b10c)
        var map: [[UInt8]: [UInt8]] = [:]
        while map.count < 120 {
            let key = [UInt8(Int.random(in: 0..<3, using: &rng))] + rng.bytes(Int.random(in: 1...3, using: &rng))
            map[key] = rng.bytes([3, 40, 700, 5_000, 9_000, 20_000][Int.random(in: 0..<6, using: &rng)])
        }
        let pairs = map.map { ($0.key, $0.value) }
        for v in StateVersion.allCases {
            #expect(Trie.root(of: pairs, version: v) == ReferenceTrie.root(pairs, version: v), "\(v)")
            let (root, store) = Trie.buildWithNodes(pairs, version: v)
            #expect(root == ReferenceTrie.root(pairs, version: v))
            for (h, bytes) in store.nodes { #expect(H256(BLAKE2b.hash(bytes))! == h) }
            for (k, val) in pairs { #expect(try ReadProof.get(root: root, store: store, key: k, version: v) == val) }
        }
    }

    @Test("emitted nodes hash to their keys and resolve every key")
    func emittedNodes() throws {
        let pairs = randomState(seed: 4242, count: 200)
        for v in StateVersion.allCases {
            let (root, store) = Trie.buildWithNodes(pairs, version: v)
            for (h, bytes) in store.nodes { #expect(H256(BLAKE2b.hash(bytes))! == h) }
            for (k, val) in pairs { #expect(try ReadProof.get(root: root, store: store, key: k, version: v) == val) }
        }
    }
}
