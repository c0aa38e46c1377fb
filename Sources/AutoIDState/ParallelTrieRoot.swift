import AutoIDHashing
import AutoIDThreads

// The trie root on several cores.
//
// Below the top node the trie splits into up to 16 independent subtries, one per nibble after the
// prefix every key shares. Each subtrie's top node is built by its own TrieRootBuilder on a worker
// thread (`init(version:nibbleOffset:)` + `finishNode()`); the calling thread then encodes the top
// branch from the 16 child references. Same bytes, same root as the single-threaded builder: the
// tests compare the two on random and adversarial key sets.

extension Trie {
    /// Below this many pairs one thread is faster than starting several.
    static let parallelMinimumPairs = 1 << 14

    /// The root of `pairs`, which must be sorted by key in strictly increasing order, hashing subtries
    /// on up to `threads` threads (`nil`, the default: every core this process may use). Throws
    /// ``StateError`` (`.unsortedKeys`) if the keys are out of order or repeated, like ``TrieRootBuilder``.
    public static func root(
        sortedPairs pairs: [([UInt8], [UInt8])], version: StateVersion, threads: Int? = nil
    ) throws(StateError) -> H256 {
        try root(
            checkedSortedPairs: pairs, version: version, threads: threads ?? Threads.available,
            minimumPairs: parallelMinimumPairs)
    }

    /// ``root(sortedPairs:version:threads:)`` for pairs known to be sorted and unique.
    static func root(
        sortedUnique pairs: [([UInt8], [UInt8])], version: StateVersion, threads: Int,
        minimumPairs: Int = Trie.parallelMinimumPairs
    ) -> H256 {
        do {
            return try root(checkedSortedPairs: pairs, version: version, threads: threads, minimumPairs: minimumPairs)
        } catch {
            preconditionFailure("sorted input rejected: \(error)")
        }
    }

    static func root(
        checkedSortedPairs pairs: [([UInt8], [UInt8])], version: StateVersion, threads: Int, minimumPairs: Int
    ) throws(StateError) -> H256 {
        guard threads > 1, pairs.count >= max(minimumPairs, 2) else {
            var builder = TrieRootBuilder(version: version)
            try builder.add(sortedPairs: pairs)
            return builder.finish()
        }
        // Sorted keys: whatever the first and the last share, every key shares.
        let first = pairs[0].0
        let shared = first.withUnsafeBufferPointer { a in pairs[pairs.count - 1].0.withUnsafeBufferPointer { commonPrefixNibbles(a, $0) } }
        // Only the smallest key can end exactly there; its value then sits in the top branch.
        let topValue: [UInt8]? = shared == 2 * first.count ? pairs[0].1 : nil
        let groups = nibbleGroups(pairs, from: topValue == nil ? 0 : 1, at: shared)
        let children = Threads.map(count: groups.count, threads: threads) { index -> Result<[UInt8], StateError> in
            let group = groups[index]
            var builder = TrieRootBuilder(version: version, nibbleOffset: shared + 1)
            do throws(StateError) {
                for pair in group.range {
                    let key = pairs[pair].0
                    // The grouping assumed sorted input: check that this key belongs here (the
                    // builder itself checks the order inside the group).
                    guard nibble(key, shared) == group.nibble, key.starts(with: first.prefix(shared / 2)),
                        shared & 1 == 0 || nibble(key, shared - 1) == nibble(first, shared - 1)
                    else {
                        throw StateError(
                            .unsortedKeys, "key #\(pair) (0x\(Hex.encode(key.prefix(64)))) is out of order",
                            hint: "Feed keys in strictly increasing bytewise order without duplicates, or use Trie.root(of:version:), which sorts")
                    }
                    try builder.add(key: key, value: pairs[pair].1)
                }
            } catch {
                return .failure(error)
            }
            return .success(builder.finishNode())
        }
        var nodes: [(Int, [UInt8])] = []
        for (group, child) in zip(groups, children) {
            if group.nibble < 0 || group.nibble <= (nodes.last?.0 ?? -1) {
                throw StateError(
                    .unsortedKeys, "key #\(group.range.lowerBound) (0x\(Hex.encode(pairs[group.range.lowerBound].0.prefix(64)))) is out of order",
                    hint: "Feed keys in strictly increasing bytewise order without duplicates, or use Trie.root(of:version:), which sorts")
            }
            switch child {
            case .success(let node): nodes.append((group.nibble, node))
            case .failure(let error): throw error
            }
        }
        return Blake256.hash(encodeBranch(key: first, nibbles: shared, value: topValue, version: version, children: nodes))
    }

    /// Nibble `index` of `key`, or -1 past its end.
    private static func nibble(_ key: [UInt8], _ index: Int) -> Int {
        guard index >> 1 < key.count else { return -1 }
        let byte = key[index >> 1]
        return Int(index & 1 == 0 ? byte >> 4 : byte & 0x0F)
    }

    /// Consecutive runs of `pairs[start...]` with the same nibble at position `nibble` (binary search
    /// per run: the keys are sorted, and scanning a million scattered keys would cost cache misses).
    private static func nibbleGroups(_ pairs: [([UInt8], [UInt8])], from start: Int, at nibble: Int) -> [(nibble: Int, range: Range<Int>)] {
        func value(_ index: Int) -> Int { Self.nibble(pairs[index].0, nibble) }
        var groups: [(nibble: Int, range: Range<Int>)] = []
        var low = start
        while low < pairs.count {
            let current = value(low)
            var a = low + 1
            var b = pairs.count
            while a < b {
                let middle = (a + b) / 2
                if value(middle) > current { b = middle } else { a = middle + 1 }
            }
            groups.append((current, low..<a))
            low = a
        }
        return groups
    }

    /// A branch node: partial key = the first `nibbles` nibbles of `key`, optional value, and children
    /// given as (nibble, encoded node) in nibble order, each inlined under 32 bytes, else hashed.
    private static func encodeBranch(
        key: [UInt8], nibbles: Int, value: [UInt8]?, version: StateVersion, children: [(Int, [UInt8])]
    ) -> [UInt8] {
        let capacity = 16 + key.count + (value?.count ?? 0) + children.count * 33
        var mutableKey = key
        return [UInt8](unsafeUninitializedCapacity: capacity) { out, count in
            let out = out.baseAddress!
            let hashedValue = value.map { $0.count >= (version.valueHashingThreshold ?? Int.max) } ?? false
            var at: Int
            switch (value, hashedValue) {
            case (nil, _): at = putNodeHeader(out, 0, prefix: TrieConstants.branchNoValuePrefix, maskBits: 2, nibbleCount: nibbles)
            case (_, false): at = putNodeHeader(out, 0, prefix: TrieConstants.branchWithValuePrefix, maskBits: 2, nibbleCount: nibbles)
            case (_, true): at = putNodeHeader(out, 0, prefix: TrieConstants.hashedBranchPrefix, maskBits: 4, nibbleCount: nibbles)
            }
            at = mutableKey.withUnsafeMutableBufferPointer { putPartialKey(out, at, $0.baseAddress!, from: 0, to: nibbles) }
            let bitmap = children.reduce(UInt16(0)) { $0 | 1 << UInt16($1.0) }
            out[at] = UInt8(truncatingIfNeeded: bitmap)
            out[at + 1] = UInt8(truncatingIfNeeded: bitmap >> 8)
            at += 2
            if let value {
                if hashedValue {
                    Blake256.hash(value).store(to: UnsafeMutableRawPointer(out + at))
                    at += 32
                } else {
                    at = putCompactLength(out, at, value.count)
                    value.withUnsafeBufferPointer { (out + at).update(from: $0.baseAddress!, count: $0.count) }
                    at += value.count
                }
            }
            for (_, node) in children {
                if node.count >= 32 {
                    out[at] = 32 << 2
                    Blake256.hash(node).store(to: UnsafeMutableRawPointer(out + at + 1))
                    at += 33
                } else {
                    at = putCompactLength(out, at, node.count)
                    node.withUnsafeBufferPointer { (out + at).update(from: $0.baseAddress!, count: $0.count) }
                    at += node.count
                }
            }
            count = at
        }
    }
}
