import AutoIDHashing
import AutoIDState
import Testing

@Suite("Block header and child tries")
struct HeaderAndChildTrieTests {
    @Test("Polkadot genesis header hash (published state root and genesis hash)")
    func polkadotGenesis() {
        let h = BlockHeader.genesis(stateRoot: H256(hex: "0x29d0d972cd27cbc511e9589fcb7a4506d5eb6a9e8df205f00472e5ab354a4e17")!)
        #expect(h.encoded.count == 32 + 1 + 32 + 32 + 1)
        #expect(h.hash.hex == "0x91b171bb158e2d3848fa23a9f1c25182fb8e20313b2c1eb49219da7a70ce90c3")
    }

    @Test("genesis layout: zero parent, number 0, empty-trie extrinsics root, empty digest")
    func genesisLayout() throws {
        let state = H256(BLAKE2b.hash([1, 2, 3]))!
        let h = BlockHeader.genesis(stateRoot: state)
        let e = h.encoded
        #expect(Array(e[0..<32]) == [UInt8](repeating: 0, count: 32))
        #expect(e[32] == 0)
        #expect(Array(e[33..<65]) == state.bytes)
        #expect(Array(e[65..<97]) == TrieConstants.emptyRoot.bytes)
        #expect(e[97] == 0)
        #expect(try BlockHeader.decode(e) == h)
        #expect(h.hash == H256(BLAKE2b.hash(e))!)
    }

    @Test("digest items round trip and unknown tags fail")
    func digests() throws {
        let babe = ConsensusEngineID("BABE")!
        let h = BlockHeader(
            parentHash: H256(BLAKE2b.hash([9]))!, number: 1_234_567, stateRoot: .zero,
            extrinsicsRoot: TrieConstants.emptyRoot,
            digest: [
                .preRuntime(babe, [1, 2, 3]), .consensus(ConsensusEngineID("FRNK")!, []),
                .seal(babe, [UInt8](repeating: 7, count: 64)), .other([0xde, 0xad]),
                .runtimeEnvironmentUpdated,
            ])
        let e = h.encoded
        #expect(try BlockHeader.decode(e) == h)
        // Number is compact: 1234567 = 4-byte mode.
        #expect(Array(e[32..<36]) == SCALEEncoder.encode(Compact(UInt32(1_234_567))))
        // PreRuntime item: tag 6, engine, Vec<u8>.
        var d = SCALEEncoder()
        DigestItem.preRuntime(babe, [1, 2, 3]).encode(to: &d)
        #expect(d.bytes == hex("06 42414245 0c 010203"))
        // Unknown digest tag 7 (retired ChangesTrieSignal) is rejected with its offset.
        // Header fields before the digest: 32 (parent) + 4 (compact number) + 32 + 32 = 100 bytes.
        var bad = Array(e[0..<100])
        bad += [0x04, 0x07]
        do {
            _ = try BlockHeader.decode(bad)
            Issue.record("accepted unknown digest tag")
        } catch {
            #expect(error.kind == .invalidValue)
            #expect(error.offset == 101)
        }
        #expect(throws: StateError.self) { try BlockHeader.decode(e + [0]) }
        #expect(throws: StateError.self) { try BlockHeader.decode(Array(e.dropLast())) }
    }

    @Test("child tries are folded in under :child_storage:default: with their root as value")
    func childTries() throws {
        let top: [([UInt8], [UInt8])] = [(Array(":code".utf8), [0, 1, 2]), ([0x26, 0xaa], [1])]
        let childPairs: [([UInt8], [UInt8])] = [([1], [2]), ([1, 2], [3]), ([9], [UInt8](repeating: 1, count: 50))]
        for v in StateVersion.allCases {
            let childRoot = Trie.root(of: childPairs, version: v)
            let expected = Trie.root(of: top + [(Array(":child_storage:default:".utf8) + Array("kid".utf8), childRoot.bytes)], version: v)
            let got = try StateRoot.compute(top: top, children: [.init(storageKey: Array("kid".utf8), pairs: childPairs)], version: v)
            #expect(got == expected)
            // An empty child trie is not inserted.
            let withEmpty = try StateRoot.compute(top: top, children: [.init(storageKey: Array("nothing".utf8), pairs: [])], version: v)
            #expect(withEmpty == Trie.root(of: top, version: v))
        }
        #expect(throws: StateError.self) {
            try StateRoot.compute(top: [(Array(":child_storage:default:x".utf8), [1])], children: [], version: .v1)
        }
        #expect(throws: StateError.self) {
            try StateRoot.compute(top: [], children: [.init(storageKey: [1], pairs: [([1], [1])]), .init(storageKey: [1], pairs: [])], version: .v1)
        }
    }
}

@Suite("State differences")
struct StateDiffTests {
    @Test func findsFirstAndCountsEachKind() {
        let a: [([UInt8], [UInt8])] = [([1], [1]), ([2], [2]), ([4], [4]), ([9], [9])]
        let b: [([UInt8], [UInt8])] = [([9], [9]), ([1], [1]), ([2], [7]), ([3], [3])]
        let diff = StateDiff(a, b)
        #expect(diff.first?.key == [2])
        #expect(diff.first?.change == .valueDiffers)
        #expect(diff.lastKey == [4])
        #expect(diff.onlyInFirst == 1)
        #expect(diff.onlyInSecond == 1)
        #expect(diff.valueDiffers == 1)
        #expect(StateDiff(a, a).count == 0)
        #expect(StateDiff([], a).onlyInSecond == 4)
    }

    @Test func duplicateKeysKeepTheLastValueLikeTheTrie() {
        let a: [([UInt8], [UInt8])] = [([1], [1]), ([1], [2])]
        #expect(StateDiff(a, [([1], [2])]).count == 0)
    }
}
