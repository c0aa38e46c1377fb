import AutoIDHashing
import AutoIDState
import Testing

@Suite("Trie codec")
struct TrieCodecTests {
    @Test("empty trie: 0x00 and its root")
    func emptyTrie() throws {
        #expect(TrieConstants.emptyRoot.hex == "0x03170a2e7597b7b7e3d84c05391d139a62b157e78786d8c082f29dcf4c111314")
        for v in StateVersion.allCases {
            #expect(Trie.root(of: [], version: v) == TrieConstants.emptyRoot)
            #expect(ReferenceTrie.root([], version: v) == TrieConstants.emptyRoot)
        }
        #expect(TrieNode.empty.encoded() == [0])
        #expect(try TrieNode.decode([0]) == .empty)
    }

    @Test("single leaf aa -> bb encodes as 42 aa 04 bb")
    func singleLeaf() throws {
        var nodes: [TrieEmittedNode] = []
        var b = TrieRootBuilder(version: .v1) { nodes.append($0) }
        try b.add(key: [0xaa], value: [0xbb])
        let root = b.finish()
        #expect(nodes.count == 1 && nodes[0].kind == .root)
        #expect(nodes[0].bytes == hex("42aa04bb"))
        #expect(root == H256(BLAKE2b.hash(hex("42aa04bb")))!)
        #expect(try TrieNode.decode(hex("42aa04bb")) == .leaf(partialKey: [0xa, 0xa], value: .inline([0xbb])))
    }

    @Test("two-leaf branch known encoding")
    func twoLeafBranch() throws {
        // Expected: 80 | 12 00 | 14 43 03 14 04 ff | 14 43 08 19 04 fe
        //  80     branch without value, empty partial key
        //  12 00  bitmap 0x0012: children at nibbles 1 and 4
        //  14 ..  child 1: 5-byte inline leaf 43 03 14 04 ff = 3 nibbles 3,1,4, value ff
        //         -> full key 1,3,1,4 = 0x1314 maps to 0xff
        //  14 ..  child 4: leaf 43 08 19 04 fe = nibbles 8,1,9, value fe -> 0x4819 maps to 0xfe
        // So the pairs are (0x4819 -> 0xfe) and (0x1314 -> 0xff); the children come out in
        // nibble order whatever order the pairs are given in.
        let expected = hex("80 1200 14 43 03 14 04 ff 14 43 08 19 04 fe")
        for v in StateVersion.allCases {
            let (root, store) = Trie.buildWithNodes([(hex("4819"), [0xfe]), (hex("1314"), [0xff])], version: v)
            #expect(store[root] == expected)
            #expect(root == H256(BLAKE2b.hash(expected))!)
        }
        let node = try TrieNode.decode(expected)
        #expect(node.kind == .branch && node.partialKey.isEmpty && node.value == nil)
        #expect(node.children[1] == .inline(hex("43031404ff")))
        #expect(node.children[4] == .inline(hex("43081904fe")))
        #expect(node.encoded() == expected)
    }

    @Test("node headers: nibble-count continuation bytes", arguments: [0, 1, 62, 63, 64, 316, 317, 318, 600, 1000])
    func headerSizes(nibbles: Int) throws {
        let partial = (0..<nibbles).map { UInt8($0 % 16) }
        let leaf = TrieNode.leaf(partialKey: partial, value: .inline([1]))
        let enc = leaf.encoded()
        #expect(try TrieNode.decode(enc) == leaf)
        // Leaf: 6-bit field; 62 fits in the first byte, 63 needs one more byte (value 0).
        if nibbles < 63 { #expect(enc[0] == 0x40 | UInt8(nibbles)) }
        if nibbles == 63 { #expect(Array(enc[0..<2]) == [0x7f, 0x00]) }
        // 62 in the first byte, then n < 255 adds n + 1: 317 = 62 + 254 + 1.
        if nibbles == 317 { #expect(Array(enc[0..<3]) == [0x7f, 0xfe, 0x00]) }
        // 318 = 62 + 255 (continue) + 0 + 1.
        if nibbles == 318 { #expect(Array(enc[0..<3]) == [0x7f, 0xff, 0x00]) }
        let hashedLeaf = TrieNode.leaf(partialKey: partial, value: .hashed(H256(BLAKE2b.hash([1]))!))
        let he = hashedLeaf.encoded()
        #expect(he[0] & 0xE0 == 0x20)
        if nibbles < 31 { #expect(he[0] == 0x20 | UInt8(nibbles)) }
        #expect(try TrieNode.decode(he) == hashedLeaf)
        var children = [TrieChildReference?](repeating: nil, count: 16)
        children[3] = .hash(H256.zero)
        let hb = TrieNode.branch(partialKey: partial, value: .hashed(H256.zero), children: children)
        let hbe = hb.encoded()
        #expect(hbe[0] & 0xF0 == 0x10)
        if nibbles < 15 { #expect(hbe[0] == 0x10 | UInt8(nibbles)) }
        #expect(try TrieNode.decode(hbe) == hb)
        let bv = TrieNode.branch(partialKey: partial, value: .inline([]), children: children)
        #expect(bv.encoded()[0] & 0xC0 == 0xC0)
        #expect(try TrieNode.decode(bv.encoded()) == bv)
    }

    @Test("odd partial keys pad the first nibble")
    func oddPartial() throws {
        let leaf = TrieNode.leaf(partialKey: [0x1, 0x2, 0x3], value: .inline([9]))
        #expect(leaf.encoded() == hex("43 01 23 04 09"))
        // Non-zero padding is rejected.
        #expect(throws: StateError.self) { try TrieNode.decode(hex("43 f1 23 04 09")) }
    }

    @Test(
        "malformed nodes are rejected with offsets",
        arguments: [
            ("", "ended"),
            ("0000", "trailing"),
            ("08", "not a valid node header"),
            ("42aa04", "ended"),
            ("42aa04bbcc", "trailing"),
            ("800000", "empty child bitmap"),
            ("80 0100 00", "empty"),
            ("80 0100 04", "ended"),
            ("80 0100 84" + String(repeating: "00", count: 33), "not a 32-byte hash"),
            ("80 0100 0100" + String(repeating: "00", count: 64), "not a 32-byte hash"),
            ("42aa 0100", "non-canonical"),
            ("7fff", "ended"),
        ])
    func malformed(bytes: String, fragment: String) {
        do {
            let n = try TrieNode.decode(hex(bytes))
            Issue.record("accepted malformed node \(bytes): \(n)")
        } catch {
            #expect(error.kind == .malformedNode)
            #expect(error.offset != nil)
            #expect(error.description.contains(fragment), "\(error.description)")
        }
    }

    @Test("LayoutV1 hashes values of 33+ bytes, LayoutV0 never")
    func valueThreshold() {
        let k = hex("0102")
        for len in [31, 32, 33, 34, 100] {
            let v = [UInt8](repeating: 7, count: len)
            let (r1, s1) = Trie.buildWithNodes([(k, v)], version: .v1)
            let (r0, s0) = Trie.buildWithNodes([(k, v)], version: .v0)
            let n1 = s1[r1]!
            let n0 = s0[r0]!
            #expect(n0[0] == 0x44)
            if len >= 33 {
                #expect(n1[0] == 0x24)
                #expect(n1 == [0x24, 0x01, 0x02] + BLAKE2b.hash(v))
                #expect(s1[H256(BLAKE2b.hash(v))!] == v)
                #expect(r0 != r1)
            } else {
                #expect(n1 == n0)
            }
        }
    }
}
