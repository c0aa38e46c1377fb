// blake3-bench: throughput of AutoIDBLAKE3, to compare with `b3sum`.
//
//   blake3-bench FILE [--threads N] [--kernel K|all] [--repeat R]
//       mmap FILE and hash it with BLAKE3.hashParallel (threads N, default 1); best of R runs.
//   blake3-bench FILE --pread [--threads N] [--repeat R]
//       no mapping: every thread preads 256 KiB units and hashes them (BLAKE3.hash(length:threads:read:),
//       what `autoid-sign hash FILE` does for large files), with the selected kernel; best of R runs.
//   blake3-bench FILE --same-unit [--threads N] [--repeat R]
//       BLAKE3.hash(length:threads:bytes:) over FILE's length, every 256 KiB unit being FILE's first
//       256 KiB (mapped once; the digest is not FILE's): the kernel and the tree as `autoid-sign hash`
//       runs them, with the data in the core's L2 cache, to set beside the reference engine hashing
//       one 256 KiB buffer again and again (no reads, no page faults, no memory traffic).
//   blake3-bench --stdin [--kernel K] [--read-size BYTES]
//       stream standard input through BLAKE3.update in reads of BYTES (default 65536).
//   blake3-bench FILE --messages L [--kernel K|all] [--repeat R]
//       cut FILE into messages of L bytes (whole ones; the rest is left out), each behind the
//       12-byte prefix "blake3-bench" (as an Auto Drive chunk node is 12 bytes of protobuf and
//       65,066 of content): hash them side by side with BLAKE3.hashMany, B at a time (--batch B,
//       default 64, as hash --cid does), and one by one with BLAKE3.hash(prefix:body:), one thread;
//       the printed hash is BLAKE3 of all the digests.
//
// Prints the hash (b3sum format) and GB/s (10^9 bytes per second) to stdout.

import AutoIDBLAKE3

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func fail(_ message: String) -> Never {
    let line = "blake3-bench: \(message)\n"
    _ = line.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
    exit(2)
}

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// CPU time of the whole process (all threads): less disturbed than wall time on a busy machine.
func cpuTime() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

func hex(_ bytes: [UInt8]) -> String {
    bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
}

var arguments = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String) -> String? {
    guard let i = arguments.firstIndex(of: name) else { return nil }
    guard i + 1 < arguments.count else { fail("\(name) needs a value") }
    let value = arguments[i + 1]
    arguments.removeSubrange(i...(i + 1))
    return value
}
@MainActor func flag(_ name: String) -> Bool {
    guard let i = arguments.firstIndex(of: name) else { return false }
    arguments.remove(at: i)
    return true
}

let threads = Int(option("--threads") ?? "1") ?? 1
let repeats = Int(option("--repeat") ?? "3") ?? 3
let readSize = Int(option("--read-size") ?? "65536") ?? 65536
let kernelName = option("--kernel")
let messageLength = option("--messages").map { Int($0) ?? 0 }
let batch = max(1, Int(option("--batch") ?? "64") ?? 64)
let useStdin = flag("--stdin")
let usePread = flag("--pread")
let verbose = flag("--verbose")
let sameUnit = flag("--same-unit")

let kernels: [BLAKE3Kernel]
switch kernelName {
case nil: kernels = [BLAKE3Kernel.selected]
case "all": kernels = BLAKE3Kernel.supported
case let name?:
    guard let kernel = BLAKE3Kernel(rawValue: name) else { fail("unknown kernel \(name)") }
    guard kernel.isSupported else { fail("kernel \(name) is not supported by this CPU") }
    kernels = [kernel]
}

if useStdin {
    let kernel = kernels.last!
    var hasher = BLAKE3(kernel: kernel)
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: readSize, alignment: 64)
    var total = 0
    let start = now()
    while true {
        let n = read(0, buffer.baseAddress, readSize)
        if n < 0 {
            if errno == EINTR { continue }
            fail("read error \(errno)")
        }
        if n == 0 { break }
        hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        total += n
    }
    let digest = hasher.finalize()
    let seconds = now() - start
    print("\(hex(digest))  -")
    print(
        "stdin kernel=\(kernel.rawValue) read-size=\(readSize) bytes=\(total) "
            + "time=\(format6(seconds))s \(format3(Double(total) / seconds / 1e9)) GB/s")
    exit(0)
}

func format3(_ x: Double) -> String {
    let scaled = (x * 1000).rounded() / 1000
    return String(scaled)
}
func format6(_ x: Double) -> String {
    let scaled = (x * 1_000_000).rounded() / 1_000_000
    return String(scaled)
}

guard let path = arguments.first else {
    fail("usage: blake3-bench FILE [--threads N] [--kernel K|all] [--repeat R] | --stdin [--kernel K]")
}
let fd = open(path, O_RDONLY)
guard fd >= 0 else { fail("cannot open \(path)") }
var info = stat()
guard fstat(fd, &info) == 0 else { fail("cannot stat \(path)") }
let size = Int(info.st_size)
/// Runs `hash` `repeats` times (at least once): the digest and the best wall and CPU times.
func bestOf(_ hash: () -> [UInt8]) -> (digest: [UInt8], wall: Double, cpu: Double) {
    var best = Double.infinity
    var bestCPU = Double.infinity
    var digest: [UInt8] = []
    for _ in 0..<max(1, repeats) {
        let start = now()
        let startCPU = cpuTime()
        digest = hash()
        best = min(best, now() - start)
        bestCPU = min(bestCPU, cpuTime() - startCPU)
        if verbose { print("run: \(format6(now() - start))s wall, \(format6(cpuTime() - startCPU))s cpu") }
    }
    return (digest, best, bestCPU)
}

/// The digest line and the `MODE kernel=... GB/s` line for a file hashed `bestOf` way.
func report(_ mode: String, kernel: BLAKE3Kernel, _ result: (digest: [UInt8], wall: Double, cpu: Double)) {
    print("\(hex(result.digest))  \(path)")
    print(
        "\(mode) kernel=\(kernel.rawValue) threads=\(threads) bytes=\(size) best=\(format6(result.wall))s "
            + "\(format3(Double(size) / result.wall / 1e9)) GB/s  (cpu \(format6(result.cpu))s = "
            + "\(format3(Double(size) / result.cpu / 1e9)) GB/s per cpu-second)")
}

if sameUnit {
    guard size >= BLAKE3.positionedUnitBytes else { fail("--same-unit needs a file of at least 256 KiB") }
    guard kernelName == nil else { fail("--same-unit runs the selected kernel (AUTOID_BLAKE3_KERNEL picks another); --kernel is not read") }
    guard let p = mmap(nil, BLAKE3.positionedUnitBytes, PROT_READ, MAP_SHARED, fd, 0), p != MAP_FAILED else { fail("mmap failed") }
    nonisolated(unsafe) let unit = UnsafeRawBufferPointer(start: p, count: BLAKE3.positionedUnitBytes)
    let result = bestOf {
        // Every unit (and the tail, at most a unit long) is the start of the first unit.
        BLAKE3.hash(length: size, threads: threads, bytes: { (_, scratch) in UnsafeRawBufferPointer(rebasing: unit[..<scratch.count]) })
    }
    print("(the digest of \(size) bytes made of FILE's first 256 KiB again and again, not FILE's)")
    report("same-unit", kernel: BLAKE3Kernel.selected, result)
    exit(0)
}
if usePread {
    let result = bestOf {
        struct ReadFailed: Error {}
        do {
            return try BLAKE3.hash(
                length: size, threads: threads,
                read: { (offset, buffer) throws(ReadFailed) in
                    var done = 0
                    while done < buffer.count {
                        let n = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
                        guard n > 0 else { throw ReadFailed() }
                        done += n
                    }
                })
        } catch {
            fail("read failed")
        }
    }
    report("pread", kernel: BLAKE3Kernel.selected, result)
    exit(0)
}
var mapped: UnsafeRawBufferPointer
if size > 0 {
    guard let p = mmap(nil, size, PROT_READ, MAP_SHARED, fd, 0), p != MAP_FAILED else { fail("mmap failed") }
    mapped = UnsafeRawBufferPointer(start: p, count: size)
} else {
    mapped = UnsafeRawBufferPointer(start: nil, count: 0)
}

if let messageLength {
    guard messageLength > 0 else { fail("--messages needs a positive length") }
    let prefix = Array("blake3-bench".utf8)
    let count = size / messageLength
    let bytes = count * messageLength
    var digests = [UInt8](repeating: 0, count: 32 * count)
    for kernel in kernels {
        var bestMany = Double.infinity
        var bestOne = Double.infinity
        var oneByOne: [UInt8] = []
        for _ in 0..<max(1, repeats) {
            var start = now()
            prefix.withUnsafeBytes { p in
                digests.withUnsafeMutableBytes { out in
                    var first = 0
                    while first < count {
                        let n = min(batch, count - first)
                        BLAKE3.hashMany(
                            prefixes: p.baseAddress, prefixLength: p.count, prefixStride: 0,
                            bodies: mapped.baseAddress! + first * messageLength, bodyLength: messageLength,
                            bodyStride: messageLength, count: n,
                            into: UnsafeMutableRawBufferPointer(rebasing: out[(32 * first)..<(32 * (first + n))]), kernel: kernel)
                        first += n
                    }
                }
            }
            bestMany = min(bestMany, now() - start)
            start = now()
            oneByOne = []
            oneByOne.reserveCapacity(32 * count)
            prefix.withUnsafeBytes { p in
                for m in 0..<count {
                    let body = UnsafeRawBufferPointer(rebasing: mapped[(m * messageLength)..<((m + 1) * messageLength)])
                    oneByOne += BLAKE3.hash(prefix: p, body: body, kernel: kernel)
                }
            }
            bestOne = min(bestOne, now() - start)
        }
        guard oneByOne == digests else { fail("hashMany and hash(prefix:body:) disagree (kernel \(kernel.rawValue))") }
        print("\(hex(BLAKE3.hash(digests)))  \(path)")
        print(
            "messages kernel=\(kernel.rawValue) length=\(messageLength) count=\(count) batch=\(batch) "
                + "side-by-side=\(format3(Double(bytes) / bestMany / 1e9)) GB/s one-by-one=\(format3(Double(bytes) / bestOne / 1e9)) GB/s "
                + "(\(format3(bestOne / bestMany))x)")
    }
    exit(0)
}

for kernel in kernels {
    report("mmap", kernel: kernel, bestOf { BLAKE3.hashParallel(mapped, threads: threads, kernel: kernel) })
}
