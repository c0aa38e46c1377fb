import AutoIDHashing
// Throughput benchmark for the streaming trie root builder and the read-proof verifier.
// Build in release: swift run -c release trie-bench
// Arguments (optional): [pairs=1000000] [proofs=100000] [proofStatePairs=1000000] [version=v1]
// `trie-bench blake2b` instead compares the Swift BLAKE2b-256 with libsodium's over message sizes.
import AutoIDState
import AutoIDThreads

#if canImport(Glibc)
import Glibc
#endif

struct Rng: RandomNumberGenerator {
    var s: UInt64
    mutating func next() -> UInt64 {
        s &+= 0x9E37_79B9_7F4A_7C15
        var z = s
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func bytes32() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        out.withUnsafeMutableBytes { p in
            for i in 0..<4 { p.storeBytes(of: next(), toByteOffset: i * 8, as: UInt64.self) }
        }
        return out
    }
}

/// CPU time consumed by this thread (immune to other processes competing for the cores).
func threadCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// Runs `body` `times` times; returns the best wall-clock and best thread-CPU seconds.
func bench(_ times: Int, _ body: () -> Void) -> (wall: Double, cpu: Double) {
    var bestWall = Double.infinity
    var bestCPU = Double.infinity
    let clock = ContinuousClock()
    for _ in 0..<times {
        let c0 = threadCPUSeconds()
        let t = clock.measure(body)
        let c1 = threadCPUSeconds()
        bestWall = min(bestWall, seconds(t))
        bestCPU = min(bestCPU, c1 - c0)
    }
    return (bestWall, bestCPU)
}

func rate(_ n: Int, _ t: (wall: Double, cpu: Double)) -> String {
    "wall \(f(t.wall)) s = \(f(Double(n) / t.wall, 0))/s; thread CPU \(f(t.cpu)) s = \(f(Double(n) / t.cpu, 0))/s"
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

func getenvValue(_ name: String) -> String? {
    guard let p = getenv(name) else { return nil }
    return String(cString: p)
}

/// Fixed-point formatting without Foundation.
func f(_ x: Double, _ digits: Int = 3) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let v = Double(Int(x * scale + 0.5))
    let whole = Int(v / scale)
    if digits == 0 { return String(whole) }
    let frac = Int(v) - whole * Int(scale)
    let fs = String(frac)
    return "\(whole)." + String(repeating: "0", count: digits - fs.count) + fs
}

/// Sorts 32-byte-key pairs quickly (big-endian words compare like bytes; no refcounting in the comparator).
struct SortKey: Comparable {
    let a: UInt64, b: UInt64, c: UInt64, d: UInt64, index: Int
    static func < (x: SortKey, y: SortKey) -> Bool {
        (x.a, x.b, x.c, x.d, x.index) < (y.a, y.b, y.c, y.d, y.index)
    }
}

func sortPairs(_ pairs: [([UInt8], [UInt8])]) -> [([UInt8], [UInt8])] {
    var keys: [SortKey] = []
    keys.reserveCapacity(pairs.count)
    for (i, (k, _)) in pairs.enumerated() {
        precondition(k.count == 32)
        keys.append(
            k.withUnsafeBytes { p in
                SortKey(
                    a: UInt64(bigEndian: p.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                    b: UInt64(bigEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
                    c: UInt64(bigEndian: p.loadUnaligned(fromByteOffset: 16, as: UInt64.self)),
                    d: UInt64(bigEndian: p.loadUnaligned(fromByteOffset: 24, as: UInt64.self)), index: i)
            })
    }
    keys.sort()
    return keys.map { pairs[$0.index] }
}

func lessBytes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            let n = min(pa.count, pb.count)
            for i in 0..<n where pa[i] != pb[i] { return pa[i] < pb[i] }
            return pa.count < pb.count
        }
    }
}

func run() {
    let args = CommandLine.arguments
    let pairCount = args.count > 1 ? Int(args[1])! : 1_000_000
    let proofCount = args.count > 2 ? Int(args[2])! : 100_000
    let proofStatePairs = args.count > 3 ? Int(args[3])! : 1_000_000
    let version: StateVersion = (args.count > 4 && args[4] == "v0") ? .v0 : .v1
    let repeats = Int(getenvValue("BENCH_REPEAT") ?? "3") ?? 3
    let clock = ContinuousClock()

    func makePairs(_ n: Int, seed: UInt64) -> [([UInt8], [UInt8])] {
        var rng = Rng(s: seed)
        var pairs: [([UInt8], [UInt8])] = []
        pairs.reserveCapacity(n)
        for _ in 0..<n { pairs.append((rng.bytes32(), rng.bytes32())) }
        return pairs
    }

    // --- Root computation ---
    if pairCount > 0 {
        var pairs = makePairs(pairCount, seed: 1)
        let sortTime = clock.measure { pairs = sortPairs(pairs) }
        var root = H256.zero
        print("root of \(pairCount) random pairs, 32-byte keys and values, \(version), best of \(repeats):")
        print("  sort first: \(f(seconds(sortTime))) s (not counted)")
        // (a) Pairs allocated afresh in sorted order, as when streamed from a database or an
        //     iterator: consecutive pairs sit next to each other in memory.
        var fresh: [([UInt8], [UInt8])] = []
        fresh.reserveCapacity(pairs.count)
        func copy(_ a: [UInt8]) -> [UInt8] {
            var c: [UInt8] = []
            c.reserveCapacity(a.count)
            c.append(contentsOf: a)
            return c
        }
        for (k, v) in pairs { fresh.append((copy(k), copy(v))) }
        let tFresh = bench(repeats) {
            var b = TrieRootBuilder(version: version)
            for (k, v) in fresh { try! b.add(key: k, value: v) }
            root = b.finish()
        }
        print("  (a) pairs laid out in sorted order, add(key:value:):      \(rate(pairCount, tFresh))")
        fresh = []
        // (b) The generated pairs sorted in place: 2M heap buffers in random memory order, so
        //     every pair costs cache misses.
        let tScattered = bench(repeats) {
            var b = TrieRootBuilder(version: version)
            for (k, v) in pairs { try! b.add(key: k, value: v) }
            root = b.finish()
        }
        print("  (b) pairs scattered in memory, add(key:value:):           \(rate(pairCount, tScattered))")
        let tAhead = bench(repeats) {
            var b = TrieRootBuilder(version: version)
            try! b.add(sortedPairs: pairs)
            root = b.finish()
        }
        print("  (c) pairs scattered in memory, add(sortedPairs:) prefetching: \(rate(pairCount, tAhead))")
        let cores = Threads.available
        let tParallel = bench(repeats) { root = try! Trie.root(sortedPairs: pairs, version: version, threads: cores) }
        print(
            "  (d) pairs scattered in memory, Trie.root(sortedPairs:) on \(cores) threads: wall \(f(tParallel.wall)) s = \(f(Double(pairCount) / tParallel.wall, 0))/s"
        )
        print("  root: \(root)")
        // (e) Item 4 of issue 16: from pairs in random order, scattered in memory, to the root on one
        //     core, sort included: Trie.root(of:threads: 1) copies them into one arena, sorts its small
        //     index entries and walks it. Against: sorting the array of pairs (the "sort first" above)
        //     plus (c).
        var shuffled = pairs
        var shuffler = Rng(s: 3)
        shuffled.shuffle(using: &shuffler)
        var unsortedRoot = H256.zero
        let tUnsorted = bench(repeats) { unsortedRoot = Trie.root(of: shuffled, version: version, threads: 1) }
        print("  (e) pairs in random order, scattered, Trie.root(of:threads: 1), sort included: \(rate(pairCount, tUnsorted))")
        print(
            "      before (array sort + (c)): \(f(Double(pairCount) / (seconds(sortTime) + tAhead.cpu), 0))/s; "
                + "same root: \(unsortedRoot == root)")
        shuffled = []
    }

    // --- Proof verification ---
    if proofCount > 0 {
        let pairs = makePairs(proofStatePairs, seed: 2)
        var built: (root: H256, store: TrieNodeStore)! = nil
        let buildTime = clock.measure { built = Trie.buildWithNodes(pairs, version: version) }
        let (root, store) = built!
        var keys: [[UInt8]] = []
        var proofs: [[[UInt8]]] = []
        var rng = Rng(s: 3)
        var proofNodes = 0
        var proofBytes = 0
        for i in 0..<proofCount {
            // Mostly present keys; every 10th an absent one.
            let key = i % 10 == 9 ? rng.bytes32() : pairs[Int(rng.next() % UInt64(pairs.count))].0
            let p = try! ReadProof.generate(root: root, store: store, keys: [key], version: version)
            proofNodes += p.count
            proofBytes += p.reduce(0) { $0 + $1.count }
            keys.append(key)
            proofs.append(p)
        }
        let avgNodes = Double(proofNodes) / Double(proofCount)
        let avgBytes = Double(proofBytes) / Double(proofCount)
        print("\(proofCount) single-key read proofs over a \(proofStatePairs)-pair state (\(version)), best of \(repeats):")
        print("  state + node store build \(f(seconds(buildTime), 2)) s (not counted); avg proof \(f(avgNodes, 2)) nodes, \(f(avgBytes, 0)) bytes")
        // Baseline: only BLAKE2b-256 of every proof node (the unavoidable part of verification).
        var sink: UInt8 = 0
        var out = [UInt8](repeating: 0, count: 32)
        let tHash = bench(repeats) {
            for p in proofs {
                for n in p {
                    n.withUnsafeBytes { b in
                        out.withUnsafeMutableBytes { BLAKE2b.hash256(b, into: $0) }
                    }
                    sink ^= out[0]
                }
            }
        }
        print("  baseline, BLAKE2b-256 of every proof node only: \(rate(proofCount, tHash)) [\(sink)]")
        var outs = [UInt8](repeating: 0, count: 32 * 64)
        let tMany = bench(repeats) {
            for p in proofs {
                if p.count > 64 { continue }
                outs.withUnsafeMutableBytes { BLAKE2b.hash256(p, into: $0) }
                sink ^= outs[0]
            }
        }
        print("  BLAKE2b-256 of every proof node, one batch per proof: \(rate(proofCount, tMany)) [\(sink)]")
        var present = 0
        let tVerify = bench(repeats) {
            present = 0
            for i in 0..<proofCount {
                let r = try! ReadProof.verify(root: root, nodes: proofs[i], keys: [keys[i]], version: version)
                if case .present = r.results[0] { present += 1 }
            }
        }
        print("  ReadProof.verify (\(present) present):          \(rate(proofCount, tVerify))")
        // Many independent proofs (a CI job checking a batch) spread over the cores.
        let cores = Threads.available
        let (allProofs, allKeys) = (proofs, keys)
        let tVerifyParallel = bench(repeats) {
            let found = Threads.map(count: proofCount, threads: cores) { i -> Bool in
                let r = try! ReadProof.verify(root: root, nodes: allProofs[i], keys: [allKeys[i]], version: version)
                if case .present = r.results[0] { return true }
                return false
            }
            present = found.filter { $0 }.count
        }
        print(
            "  ReadProof.verify on \(cores) threads (\(present) present): wall \(f(tVerifyParallel.wall)) s = \(f(Double(proofCount) / tVerifyParallel.wall, 0))/s"
        )
    }
}

/// Swift BLAKE2b-256 vs libsodium's crypto_generichash on one buffer size (MB/s by thread CPU time).
func blake2bSizes() {
    let repeats = Int(getenvValue("BENCH_REPEAT") ?? "5") ?? 5
    var rng = Rng(s: 9)
    // Sanity check before timing: Swift == libsodium for lengths 0...1100, batches == one by one.
    var all: [[UInt8]] = []
    for len in 0...1100 {
        var m: [UInt8] = []
        while m.count < len { m += rng.bytes32() }
        m = Array(m.prefix(len))
        var a = [UInt8](repeating: 0, count: 32)
        var b = a
        m.withUnsafeBytes { mb in
            a.withUnsafeMutableBytes { BLAKE2b.hash256(mb, into: $0) }
            b.withUnsafeMutableBytes { BLAKE2b.sodiumHash(mb, into: $0) }
        }
        precondition(a == b, "BLAKE2b mismatch at length \(len)")
        all.append(m)
    }
    all.shuffle(using: &rng)
    var batch = [UInt8](repeating: 0, count: 32 * all.count)
    batch.withUnsafeMutableBytes { BLAKE2b.hash256(all, into: $0) }
    for (i, m) in all.enumerated() {
        precondition(Array(batch[(32 * i)..<(32 * i + 32)]) == BLAKE2b.hash(m), "batch mismatch at \(i)")
    }
    print("checked: Swift == libsodium for lengths 0...1100; batch == one by one")
    let sizes = [0, 32, 64, 100, 128, 129, 200, 256, 393, 600, 1024, 4096, 16384, 65536, 1 << 20]
    print("BLAKE2b-256 one-shot, best of \(repeats) (thread CPU time), about 64 MiB per run:")
    print("  bytes   swift MB/s   sodium MB/s   swift ns/call   sodium ns/call   sodium/swift   batched ns/msg")
    for size in sizes {
        var data: [UInt8] = []
        while data.count < size { data += rng.bytes32() }
        data = Array(data.prefix(size))
        let calls = max(1000, (64 << 20) / max(size, 64))
        var out = [UInt8](repeating: 0, count: 32)
        var sink: UInt8 = 0
        func time(_ sodium: Bool) -> Double {
            bench(repeats) {
                data.withUnsafeBytes { b in
                    out.withUnsafeMutableBytes { o in
                        for _ in 0..<calls {
                            if sodium { BLAKE2b.sodiumHash(b, into: o) } else { BLAKE2b.hash256(b, into: o) }
                            sink ^= o[0]
                        }
                    }
                }
            }.cpu
        }
        // Batches of 64 messages of this size through hash256(_ messages:into:) (4 lanes with AVX2).
        let batch = [[UInt8]](repeating: data, count: 64)
        var batchOut = [UInt8](repeating: 0, count: 32 * 64)
        let tBatch =
            bench(repeats) {
                batchOut.withUnsafeMutableBytes { o in
                    for _ in 0..<(calls / 64) {
                        BLAKE2b.hash256(batch, into: o)
                        sink ^= o[0]
                    }
                }
            }.cpu / Double(calls / 64 * 64)
        var tSwift = Double.infinity
        var tSodium = Double.infinity
        for _ in 0..<2 {
            tSwift = min(tSwift, time(false))
            tSodium = min(tSodium, time(true))
        }
        let mb = Double(size * calls) / 1e6
        print(
            "  \(size)\t\(f(mb / tSwift, 0))\t\(f(mb / tSodium, 0))\t\(f(tSwift / Double(calls) * 1e9, 1))\t\(f(tSodium / Double(calls) * 1e9, 1))\t\(f(tSodium / tSwift, 2))\t\(f(tBatch * 1e9, 1)) [\(sink)]"
        )
    }
}

if CommandLine.arguments.count > 1 && CommandLine.arguments[1] == "blake2b" {
    blake2bSizes()
} else {
    run()
}
