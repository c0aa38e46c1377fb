import AutoIDHashing
import AutoIDState
import AutoIDTestSupport

func hex(_ s: String) -> [UInt8] {
    guard let b = Hex.decode(s.replacingOccurrences(of: " ", with: "")) else {
        fatalError("bad hex in test: \(s)")
    }
    return b
}

func toHex(_ b: [UInt8]) -> String { Hex.encode(b) }

/// Small deterministic PRNG (SplitMix64) so random tests are reproducible.
typealias SplitMix64 = TestRandom  // the shared deterministic generator (AutoIDTestSupport)

extension String {
    func replacingOccurrences(of a: String, with b: String) -> String {
        split(separator: Character(a), omittingEmptySubsequences: false).joined(separator: b)
    }
}

/// Independent, deliberately simple recursive trie root (no streaming), used to cross-check
/// the streaming builder. Keys are given as nibble arrays.
enum ReferenceTrie {
    static func root(_ pairs: [([UInt8], [UInt8])], version: StateVersion) -> H256 {
        var map: [[UInt8]: [UInt8]] = [:]
        for (k, v) in pairs { map[k] = v }
        let sorted = map.sorted { $0.key.lexicographicallyPrecedes($1.key) }
        if sorted.isEmpty { return H256(BLAKE2b.hash([0]))! }
        let nib = sorted.map { (k, v) in (k.flatMap { [$0 >> 4, $0 & 15] }, v) }
        return H256(BLAKE2b.hash(encode(nib[...], from: 0, version: version)))!
    }

    static func value(_ v: [UInt8], _ version: StateVersion) -> TrieNodeValue {
        if version == .v1 && v.count >= 33 { return .hashed(H256(BLAKE2b.hash(v))!) }
        return .inline(v)
    }

    static func encode(_ pairs: ArraySlice<([UInt8], [UInt8])>, from start: Int, version: StateVersion) -> [UInt8] {
        if pairs.count == 1 {
            let (k, v) = pairs.first!
            return TrieNode.leaf(partialKey: Array(k[start...]), value: value(v, version)).encoded()
        }
        // Longest common prefix of all keys from `start`.
        let first = pairs.first!.0
        var d = start
        outer: while true {
            for (k, _) in pairs where k.count <= d || first.count <= d || k[d] != first[d] { break outer }
            d += 1
        }
        var nodeValue: TrieNodeValue? = nil
        var rest = pairs
        if let (k, v) = rest.first, k.count == d {
            nodeValue = value(v, version)
            rest = rest.dropFirst()
        }
        var children = [TrieChildReference?](repeating: nil, count: 16)
        for n in 0..<16 {
            let group = rest.filter { $0.0[d] == UInt8(n) }
            if group.isEmpty { continue }
            let enc = encode(ArraySlice(group), from: d + 1, version: version)
            children[n] = enc.count >= 32 ? .hash(H256(BLAKE2b.hash(enc))!) : .inline(enc)
        }
        return TrieNode.branch(partialKey: Array(first[start..<d]), value: nodeValue, children: children).encoded()
    }
}
