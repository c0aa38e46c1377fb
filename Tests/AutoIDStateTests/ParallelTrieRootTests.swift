import AutoIDHashing
import AutoIDTestSupport
import Testing

@testable import AutoIDState

/// The multi-threaded root (subtries per nibble on worker threads, top branch on the caller) must give
/// the same root as the single-threaded builder and the recursive reference, on every shape of top node.
@Suite("Trie root on several threads")
struct ParallelTrieRootTests {
    /// Parallel root of `pairs` (any order), forced onto threads however few pairs there are.
    func parallelRoot(_ pairs: [([UInt8], [UInt8])], _ version: StateVersion, threads: Int = 2) -> H256 {
        Trie.root(sortedUnique: Trie.sortedUnique(pairs), version: version, threads: threads, minimumPairs: 2)
    }

    func expectSameRoots(_ pairs: [([UInt8], [UInt8])], _ comment: Comment) {
        for version in StateVersion.allCases {
            let reference = ReferenceTrie.root(pairs, version: version)
            for threads in [2, 3, 16] {
                #expect(parallelRoot(pairs, version, threads: threads) == reference, "\(comment), \(version), \(threads) threads")
            }
            #expect(Trie.root(of: pairs, version: version, threads: 1) == reference, "\(comment), \(version), 1 thread")
        }
    }

    @Test("random states with shared prefixes, branch values and V1-sized values", arguments: [2, 3, 17, 300, 2000])
    func randomStates(count: Int) {
        for seed in UInt64(0)..<TestLoad.pick(full: 6, sanitized: 2) {
            expectSameRoots(randomState(seed: seed &* 7919 &+ UInt64(count), count: count), "seed \(seed), \(count) pairs")
        }
    }

    @Test("every key shares a long prefix, ending on an odd nibble or a whole byte")
    func longSharedPrefix() {
        var random = SplitMix64(seed: 5)
        let prefix = random.bytes(20)
        for oddNibble in [false, true] {
            var pairs: [([UInt8], [UInt8])] = []
            for _ in 0..<500 {
                var key = prefix
                // Same high nibble in the next byte: the shared prefix ends mid-byte.
                if oddNibble { key.append(0x70 | UInt8(random.next() & 0x0F)) }
                key += random.bytes(Int(random.next() % 4))
                pairs.append((key, random.bytes(Int(random.next() % 40))))
            }
            expectSameRoots(pairs, "shared prefix, odd nibble \(oddNibble)")
        }
    }

    @Test("the smallest key is the shared prefix: its value moves into the top branch")
    func prefixKeyWithValue() {
        var random = SplitMix64(seed: 6)
        for valueSize in [0, 1, 32, 33, 100] {  // around the V1 value-hashing threshold
            let top = random.bytes(3)
            // Every other key continues with the same nibble: one child only.
            var oneChild: [([UInt8], [UInt8])] = [(top, random.bytes(valueSize))]
            for _ in 0..<50 { oneChild.append((top + [0x40 | UInt8(random.next() & 0x0F)] + random.bytes(2), random.bytes(5))) }
            expectSameRoots(oneChild, "prefix key, one child, \(valueSize)-byte value")
            var manyChildren: [([UInt8], [UInt8])] = [(top, random.bytes(valueSize))]
            for _ in 0..<50 { manyChildren.append((top + random.bytes(2), random.bytes(5))) }
            expectSameRoots(manyChildren, "prefix key, many children, \(valueSize)-byte value")
        }
        // The empty key is the prefix of everything.
        expectSameRoots([([], [1, 2, 3]), ([0x10], [4]), ([0x20, 0x01], [5])], "empty key")
    }

    @Test("tiny subtries are inlined in the top branch, not hashed")
    func inlineChildren() {
        // One-byte keys and values: every child node is under 32 bytes.
        let pairs = (0..<16).map { ([UInt8($0 << 4)], [UInt8($0)]) }
        expectSameRoots(pairs, "16 inline leaves")
        expectSameRoots(Array(pairs.prefix(2)), "2 inline leaves")
    }

    @Test("above the threshold the default path is parallel and agrees with one thread")
    func defaultPathAgrees() {
        var random = SplitMix64(seed: 8)
        let pairs = (0..<(Trie.parallelMinimumPairs + 123)).map { _ in (random.bytes(32), random.bytes(Int(random.next() % 48))) }
        for version in StateVersion.allCases {
            #expect(Trie.root(of: pairs, version: version, threads: 2) == Trie.root(of: pairs, version: version, threads: 1))
        }
    }

    @Test("unsorted or repeated keys are refused, whichever subtrie they land in")
    func unsortedInputIsRefused() throws {
        var random = SplitMix64(seed: 9)
        let sorted = Trie.sortedUnique((0..<400).map { _ in (random.bytes(Int(random.next() % 3) + 1), random.bytes(4)) })
        var cases: [[([UInt8], [UInt8])]] = []
        for _ in 0..<30 {
            var swapped = sorted
            let i = Int(random.next() % UInt64(sorted.count))
            let j = Int(random.next() % UInt64(sorted.count))
            if i == j { continue }
            swapped.swapAt(i, j)
            cases.append(swapped)
        }
        var repeated = sorted
        repeated.insert(sorted[200], at: 201)
        cases.append(repeated)
        cases.append(sorted.reversed())
        // Three runs whose nibbles go up, down, up: each run sorted inside.
        cases.append([([0x30], [1]), ([0x50], [2]), ([0x31], [3])])
        for (n, pairs) in cases.enumerated() {
            for threads in [1, 2] {
                #expect(throws: StateError.self, "case \(n), \(threads) threads") {
                    try Trie.root(checkedSortedPairs: pairs, version: .v1, threads: threads, minimumPairs: 2)
                }
            }
        }
        for threads in [1, 2] {
            #expect(try Trie.root(checkedSortedPairs: sorted, version: .v1, threads: threads, minimumPairs: 2) == ReferenceTrie.root(sorted, version: .v1))
        }
    }

    @Test("sorting on two threads keeps the last of equal keys, as one thread does")
    func sortingOnTwoThreads() {
        var random = SplitMix64(seed: 10)
        // Short keys: many duplicates, across both halves.
        let pairs = (0..<40_000).map { i in (random.bytes(Int(random.next() % 3)), [UInt8(truncatingIfNeeded: i), UInt8(truncatingIfNeeded: i >> 8)]) }
        let one = Trie.sortedUnique(pairs, threads: 1)
        let two = Trie.sortedUnique(pairs, threads: 2)
        #expect(one.map(\.0) == two.map(\.0))
        #expect(one.map(\.1) == two.map(\.1))
        var last: [[UInt8]: [UInt8]] = [:]
        for (k, v) in pairs { last[k] = v }
        #expect(two.count == last.count)
        #expect(two.allSatisfy { last[$0.0] == $0.1 })
        #expect(zip(two, two.dropFirst()).allSatisfy { $0.0.lexicographicallyPrecedes($1.0) })
    }
}
