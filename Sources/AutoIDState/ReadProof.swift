import AutoIDHashing

// Read proofs: the set of trie nodes (and LayoutV1 hashed values) needed to look up keys
// from a trusted state root, as served by Substrate's `state_getReadProof`.

protocol TrieNodeSource {
    /// The node (or hashed value) with this hash, and an id for use tracking.
    func lookup(_ hash: H256) -> (id: Int, bytes: [UInt8])?
}

struct ProofNodeTable: TrieNodeSource {
    let nodes: [[UInt8]]
    let hashes: [H256]
    let index: [H256: Int]?

    init(_ nodes: [[UInt8]]) {
        self.nodes = nodes
        // All nodes in one batch: with AVX2, BLAKE2b hashes four of them side by side. No nodes, no
        // array made: `unsafeUninitializedCapacity: 0` writes its count into the shared empty storage,
        // which two threads doing it at once make a data race (ThreadSanitizer).
        hashes =
            nodes.isEmpty
            ? []
            : [H256](unsafeUninitializedCapacity: nodes.count) { buffer, initialized in
                BLAKE2b.hash256(nodes, into: UnsafeMutableRawBufferPointer(buffer))
                initialized = nodes.count
            }
        if nodes.count > 16 {
            var d = [H256: Int](minimumCapacity: nodes.count)
            for (i, h) in hashes.enumerated() where d[h] == nil { d[h] = i }
            index = d
        } else {
            index = nil
        }
    }

    func lookup(_ hash: H256) -> (id: Int, bytes: [UInt8])? {
        if let index {
            guard let i = index[hash] else { return nil }
            return (i, nodes[i])
        }
        for i in 0..<hashes.count where hashes[i] == hash { return (i, nodes[i]) }
        return nil
    }
}

extension TrieNodeStore: TrieNodeSource {
    func lookup(_ hash: H256) -> (id: Int, bytes: [UInt8])? {
        guard let b = nodes[hash] else { return nil }
        return (0, b)
    }
}

public enum ReadProof {
    /// Outcome of looking up one key.
    public enum Lookup: Equatable, Hashable, Sendable {
        case present([UInt8])
        /// The proof shows that the key has no value in the trie.
        case absent

        public var value: [UInt8]? {
            if case .present(let v) = self { return v }
            return nil
        }
    }

    public struct Verification: Equatable, Sendable {
        /// One result per requested key, in the order the keys were given.
        public let results: [Lookup]
        /// Indices (into the proof's node list) of entries no lookup needed, including
        /// duplicates. Not an error, but a well-formed minimal proof has none.
        public let unusedNodeIndices: [Int]

        public var isMinimal: Bool { unusedNodeIndices.isEmpty }
    }

    /// Verifies `nodes` against `root` and looks up every key.
    ///
    /// Throws `missingNode` when a needed node or hashed value is not in the proof,
    /// `malformedNode` when a needed node does not decode, and `invalidProof` when a
    /// LayoutV1 hashed-value node appears while verifying with `.v0`. (With `.v1`, nodes of
    /// both encodings are accepted: a trie being migrated from V0 mixes them.)
    public static func verify(root: H256, nodes: [[UInt8]], keys: [[UInt8]], version: StateVersion) throws(StateError) -> Verification {
        let table = ProofNodeTable(nodes)
        var used = [Bool](repeating: false, count: nodes.count)
        var results: [Lookup] = []
        results.reserveCapacity(keys.count)
        for (ki, key) in keys.enumerated() {
            let v = try walk(table, root: root, key: key, keyIndex: ki, version: version) { id, _ in used[id] = true }
            results.append(v.map { .present($0) } ?? .absent)
        }
        var unused: [Int] = []
        for i in 0..<used.count where !used[i] { unused.append(i) }
        return Verification(results: results, unusedNodeIndices: unused)
    }

    /// Builds a minimal proof for `keys` from a node store (nodes in first-visit order, no duplicates).
    public static func generate(root: H256, store: TrieNodeStore, keys: [[UInt8]], version: StateVersion) throws(StateError) -> [[UInt8]] {
        var seen = Set<H256>()
        var out: [[UInt8]] = []
        for (ki, key) in keys.enumerated() {
            _ = try walk(store, root: root, key: key, keyIndex: ki, version: version) { _, h in
                if seen.insert(h).inserted { out.append(store.nodes[h]!) }
            }
        }
        return out
    }

    /// Looks up `key` directly in a node store (nil when absent).
    public static func get(root: H256, store: TrieNodeStore, key: [UInt8], version: StateVersion) throws(StateError) -> [UInt8]? {
        try walk(store, root: root, key: key, keyIndex: 0, version: version) { _, _ in }
    }

    /// Whether the node's `n`-nibble partial key (at byte `at` of `raw`, first nibble padded
    /// when `odd` is 1) equals the key's nibbles starting at `pos`. Caller checked the length.
    @inline(__always)
    static func partialMatches(
        _ raw: UnsafeRawBufferPointer, _ at: Int, _ n: Int, _ odd: Int,
        _ key: [UInt8], _ pos: Int
    ) -> Bool {
        key.withUnsafeBufferPointer { k in
            if pos & 1 == odd {
                // Same nibble alignment: compare a possible lone first nibble, then whole bytes.
                var nodeByte = at
                var keyByte = pos >> 1
                var left = n
                if odd == 1 {
                    if raw[nodeByte] & 0x0F != k[keyByte] & 0x0F { return false }
                    nodeByte += 1
                    keyByte += 1
                    left -= 1
                }
                for i in 0..<(left >> 1) where raw[nodeByte + i] != k[keyByte + i] { return false }
                return true
            }
            for i in 0..<n {
                let j = i + odd
                let b = raw[at + (j >> 1)]
                let nib = j & 1 == 0 ? b >> 4 : b & 0x0F
                let kb = k[(pos + i) >> 1]
                let knib = (pos + i) & 1 == 0 ? kb >> 4 : kb & 0x0F
                if nib != knib { return false }
            }
            return true
        }
    }

    private enum Step {
        case absent
        case inlineValue(Int, Int)
        case hashedValue(H256)
        case child(H256)
        case inlineChild(Int, Int)
    }

    static func walk<S: TrieNodeSource>(
        _ src: S, root: H256, key: [UInt8], keyIndex: Int, version: StateVersion,
        visit: (Int, H256) -> Void
    ) throws(StateError) -> [UInt8]? {
        func keyDesc() -> String { "key #\(keyIndex) (0x\(Hex.encode(key.prefix(48)))\(key.count > 48 ? "…" : ""))" }
        guard let (rootId, rootBytes) = src.lookup(root) else {
            if root == TrieConstants.emptyRoot { return nil }
            throw StateError(
                .missingNode, "the root node \(root) is not in the proof (looking up \(keyDesc()))",
                hint: "Request the proof for the same state root, or supply the complete proof")
        }
        visit(rootId, root)
        var bytes = rootBytes
        var nodeHash = root
        var start = 0
        var length = rootBytes.count
        var pos = 0
        let keyNibbles = key.count * 2
        var depth = 0
        while true {
            let curHash = nodeHash
            let curDepth = depth
            let isWhole = start == 0 && length == bytes.count
            func what() -> String {
                curDepth == 0
                    ? "root node \(curHash)"
                    : (isWhole ? "node \(curHash) at depth \(curDepth)" : "inline node inside \(curHash) at depth \(curDepth)")
            }
            let curStart = start
            let step = try bytes.withUnsafeBytes { (all: UnsafeRawBufferPointer) -> Result<Step, StateError> in
                Result { () throws(StateError) -> Step in
                    let raw = UnsafeRawBufferPointer(rebasing: all[curStart..<(curStart + length)])
                    let p = try parseTrieNode(raw, allowEmpty: depth == 0, what: what(), base: curStart)
                    if p.kind == .empty { return .absent }
                    if p.hashedValue && version == .v0 {
                        throw StateError(
                            .invalidProof, "\(what()) has a hashed value, which a LayoutV0 trie never contains",
                            offset: curStart,
                            hint: "Verify with StateVersion.v1 if the state uses LayoutV1")
                    }
                    // Compare the partial key.
                    let n = p.nibbleCount
                    if pos + n > keyNibbles { return .absent }
                    let odd = n & 1
                    if n > 0 && !partialMatches(raw, p.partialOffset, n, odd, key, pos) { return .absent }
                    pos += n
                    if pos == keyNibbles {
                        guard p.hasValue else { return .absent }
                        if p.hashedValue { return .hashedValue(H256(rawPointer: raw.baseAddress! + p.valueStart)) }
                        return .inlineValue(curStart + p.valueStart, p.valueCount)
                    }
                    if p.kind == .leaf { return .absent }
                    let kb = key[pos >> 1]
                    let idx = Int(pos & 1 == 0 ? kb >> 4 : kb & 0x0F)
                    pos += 1
                    if p.bitmap & (1 << UInt16(idx)) == 0 { return .absent }
                    var off = p.childrenStart
                    for c in 0..<idx where p.bitmap & (1 << UInt16(c)) != 0 {
                        let (len, hdr) = readChildLength(raw, off)
                        off += hdr + len
                    }
                    let (len, hdr) = readChildLength(raw, off)
                    if len == 32 { return .child(H256(rawPointer: raw.baseAddress! + off + hdr)) }
                    return .inlineChild(curStart + off + hdr, len)
                }
            }.get()
            depth += 1
            switch step {
            case .absent:
                return nil
            case .inlineValue(let s, let c):
                return Array(bytes[s..<(s + c)])
            case .hashedValue(let h):
                guard let (id, v) = src.lookup(h) else {
                    throw StateError(
                        .missingNode, "the hashed value \(h) of \(keyDesc()) is not in the proof",
                        hint: "LayoutV1 proofs must include the value node of every key read; supply the complete proof")
                }
                visit(id, h)
                return v
            case .child(let h):
                guard let (id, b) = src.lookup(h) else {
                    throw StateError(
                        .missingNode, "node \(h) at depth \(depth) on the path of \(keyDesc()) is not in the proof",
                        hint: "The proof is incomplete or was made for another root; supply the complete proof")
                }
                visit(id, h)
                bytes = b
                nodeHash = h
                start = 0
                length = b.count
            case .inlineChild(let s, let c):
                start = s
                length = c
            }
        }
    }
}
