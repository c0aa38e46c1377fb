import AutoIDHashing

// State root of a top trie with default child tries folded in.

public enum StateRoot {
    /// `:child_storage:default:` — prefix of the top-trie keys that hold child trie roots.
    public static let defaultChildStoragePrefix: [UInt8] = Array(":child_storage:default:".utf8)
    /// `:child_storage:` — all keys with this prefix are reserved for child tries.
    public static let childStoragePrefix: [UInt8] = Array(":child_storage:".utf8)

    /// A default child trie: its storage key (without prefix) and its pairs.
    public struct ChildTrie: Sendable {
        public let storageKey: [UInt8]
        public let pairs: [([UInt8], [UInt8])]
        public init(storageKey: [UInt8], pairs: [([UInt8], [UInt8])]) {
            self.storageKey = storageKey
            self.pairs = pairs
        }
    }

    /// Computes the state root the way Substrate does it (`full_storage_root`): every child
    /// trie's root is computed with the same layout version and inserted into the top trie under
    /// `:child_storage:default:` ++ storageKey with the 32 root bytes as value; a child trie with
    /// no pairs is not inserted. For duplicate keys inside one trie the last value wins.
    ///
    /// Throws if a top-level key lies in the reserved `:child_storage:` space or if two child
    /// tries share a storage key.
    public static func compute(top: [([UInt8], [UInt8])], children: [ChildTrie], version: StateVersion) throws(StateError) -> H256 {
        var all = top
        for (i, (k, _)) in top.enumerated() where k.starts(with: childStoragePrefix) {
            throw StateError(
                .invalidInput, "top-level pair #\(i) has key 0x\(Hex.encode(k)) in the reserved :child_storage: space",
                hint: "Pass child trie contents through `children`; the builder inserts their roots itself")
        }
        var seen = Set<[UInt8]>()
        for (i, child) in children.enumerated() {
            guard seen.insert(child.storageKey).inserted else {
                throw StateError(
                    .invalidInput, "child trie #\(i) repeats storage key 0x\(Hex.encode(child.storageKey))",
                    hint: "Merge the pairs of child tries with the same storage key")
            }
            if child.pairs.isEmpty { continue }
            try Trie.checkKeyLengths(child.pairs, what: "child trie 0x\(Hex.encode(child.storageKey.prefix(32)))")
            let root = Trie.root(of: child.pairs, version: version)
            all.append((defaultChildStoragePrefix + child.storageKey, root.bytes))
        }
        try Trie.checkKeyLengths(all, what: "the top trie")
        return Trie.root(of: all, version: version)
    }

    /// Genesis header for a state given as top pairs plus child tries.
    public static func genesisHeader(top: [([UInt8], [UInt8])], children: [ChildTrie] = [], version: StateVersion) throws(StateError) -> BlockHeader {
        BlockHeader.genesis(stateRoot: try compute(top: top, children: children, version: version))
    }
}
