// Throughput of the RFC 9162 tree code: the root of 2^20 leaves on one core, and inclusion-proof
// verification on all cores. Build in release: swift run -c release log-bench [log2-leaves=20] [proofs=1000000]
// Benchmarks/log-vs-hashlib.sh runs it beside Python's hashlib over the same leaves.
//
// Leaf i is the 32-byte entry made of i as a little-endian UInt64, four times (the Python side builds
// the same bytes); both print the root, so the two runs are seen to hash the same tree.
import AutoIDLog
import AutoIDThreads
import Foundation

#if canImport(Glibc)
import Glibc
#endif

func seconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

/// CPU time of this thread: on a shared machine, the rate per core actually given to us.
func threadSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let log2Leaves = arguments.first ?? 20
let proofCount = arguments.count > 1 ? arguments[1] : 1_000_000
let leafCount = 1 << log2Leaves

func entry(_ index: Int) -> [UInt64] { [UInt64](repeating: UInt64(index), count: 4) }

// 1. Root from entries, one core, streaming: leaf hash + node hashes per leaf.
var best = Double.infinity
var bestCPU = Double.infinity
var root = MerkleTree.emptyRoot
for _ in 0..<3 {
    let start = seconds()
    let startCPU = threadSeconds()
    var builder = MerkleRootBuilder()
    var words = [UInt64](repeating: 0, count: 4)
    for index in 0..<leafCount {
        for lane in 0..<4 { words[lane] = UInt64(index).littleEndian }
        words.withUnsafeBytes { builder.append(entryBytes: $0) }
    }
    root = builder.root
    best = min(best, seconds() - start)
    bestCPU = min(bestCPU, threadSeconds() - startCPU)
}
print("swift root of 2^\(log2Leaves) entries, 1 core: \(root.hex)")
print(
    String(
        format: "swift entries -> root:      %6.2f M leaves/s (%.3f s; per thread CPU second: %.2f M)", Double(leafCount) / best / 1e6, best,
        Double(leafCount) / bestCPU / 1e6))

// 2. Root from precomputed leaf hashes (node hashing only).
let leafHashes: [TreeHash] = (0..<leafCount).map { index in
    entry(index).map(\.littleEndian).withUnsafeBytes { MerkleTree.leafHash($0) }
}
best = .infinity
bestCPU = .infinity
for _ in 0..<3 {
    let start = seconds()
    let startCPU = threadSeconds()
    let fromHashes = MerkleTree.root(leafHashes: leafHashes)
    best = min(best, seconds() - start)
    bestCPU = min(bestCPU, threadSeconds() - startCPU)
    precondition(fromHashes == root)
}
print(
    String(
        format: "swift leaf hashes -> root:  %6.2f M leaves/s (%.3f s; per thread CPU second: %.2f M)", Double(leafCount) / best / 1e6, best,
        Double(leafCount) / bestCPU / 1e6))

// 3. Inclusion proofs: all levels of the (perfect) tree, so each proof is the sibling at every level.
var levels: [[TreeHash]] = [leafHashes]
while levels.last!.count > 1 {
    let below = levels.last!
    levels.append((0..<below.count / 2).map { MerkleTree.nodeHash(below[2 * $0], below[2 * $0 + 1]) })
}
precondition(levels.last![0] == root)
let proofs: [InclusionProof] = (0..<min(proofCount, 65_536)).map { n in
    let index = (n &* 2_654_435_761) % leafCount
    let path = (0..<log2Leaves).map { level in levels[level][(index >> level) ^ 1] }
    return InclusionProof(leafIndex: UInt64(index), treeSize: UInt64(leafCount), hashes: path)
}
let tree = root
let sample = proofs
let hashes = leafHashes
for threads in [1, Threads.available] {
    let chunks = 64
    let perChunk = proofCount / chunks
    let start = seconds()
    let failures = Threads.map(count: chunks, threads: threads) { chunk -> Int in
        var bad = 0
        var n = 0
        while n + 1 < perChunk {  // two at a time: InclusionProof.verify(_:leafHash:_:leafHash:root:)
            let a = sample[(chunk &* perChunk &+ n) % sample.count]
            let b = sample[(chunk &* perChunk &+ n &+ 1) % sample.count]
            let (okA, okB) = InclusionProof.verify(a, leafHash: hashes[Int(a.leafIndex)], b, leafHash: hashes[Int(b.leafIndex)], root: tree)
            bad += (okA ? 0 : 1) + (okB ? 0 : 1)
            n += 2
        }
        if n < perChunk {
            let proof = sample[(chunk &* perChunk &+ n) % sample.count]
            if !proof.verify(leafHash: hashes[Int(proof.leafIndex)], root: tree) { bad += 1 }
        }
        return bad
    }.reduce(0, +)
    let elapsed = seconds() - start
    precondition(failures == 0, "a proof failed")
    print(String(format: "inclusion proofs (%d hashes each), %d thread(s): %6.2f M proofs/s", log2Leaves, threads, Double(perChunk * chunks) / elapsed / 1e6))
}
