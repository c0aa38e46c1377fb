import AutoIDCPU
import Foundation
import Testing

@testable import AutoIDBLAKE3

/// The binary built here, run on older processors: qemu-user (apt package qemu-user) emulates a CPU
/// model's CPUID *and* refuses the instructions that model lacks, so choosing a kernel the emulated
/// CPU cannot run ends in SIGILL. /proc/cpuinfo still shows the host's flags under qemu-user, which is
/// how a kernel choice based on it alone used the AVX2 kernel on an emulated Nehalem (fixed: CPUID too).
/// qemu's TCG has no AVX-512, so the AVX-512 kernel cannot be run here either way.
@Suite("Kernels on emulated older CPUs")
struct EmulatedCPUTests {
    @Test(
        "each CPU generation gets the widest kernel it can run, and the right digest",
        arguments: [("qemu64", "portable"), ("Penryn", "sse41"), ("Nehalem", "sse41"), ("Haswell", "avx2")])
    func widestKernelPerGeneration(cpu: String, expected: String) throws {
        // Several subtrees and a ragged end: chunk kernels, parent kernels and the tail all run.
        let input = randomBytes(300_017, seed: 41)
        let result = try runBLAKE3Bench(input, emulatedCPU: cpu, threads: 2)
        #expect(result.status == 0, "\(cpu): \(result.stderr)")
        #expect(result.kernel == expected, "\(cpu)")
        #expect(result.digest == hex(BLAKE3.hash(input)), "\(cpu)")
        #expect(result.stderr.isEmpty, "\(cpu): \(result.stderr)")
    }

    @Test(
        "many messages side by side (hashMany) on each CPU generation equal each message hashed alone",
        arguments: [("qemu64", "portable"), ("Nehalem", "sse41"), ("Haswell", "avx2")])
    func manyMessagesPerGeneration(cpu: String, expected: String) throws {
        // 37 messages of 5,000 bytes behind a 12-byte prefix: whole and partial chunks, an odd tree
        // level, a remainder of 1 (hashed alone); blake3-bench itself compares with one by one.
        let input = randomBytes(37 * 5000 + 17, seed: 43)
        let result = try runBLAKE3Bench(input, emulatedCPU: cpu, arguments: ["--messages", "5000"])
        #expect(result.status == 0, "\(cpu): \(result.stderr)")
        #expect(result.kernel == expected, "\(cpu)")
        let prefix = Array("blake3-bench".utf8)
        let digests = (0..<37).flatMap { BLAKE3.hash(prefix + Array(input[($0 * 5000)..<($0 * 5000 + 5000)])) }
        #expect(result.digest == hex(BLAKE3.hash(digests)), "\(cpu)")
        #expect(result.stderr.isEmpty, "\(cpu): \(result.stderr)")
    }

    @Test("forcing a kernel the emulated CPU lacks warns and falls back instead of faulting")
    func forcingAMissingKernelFallsBack() throws {
        let input = randomBytes(70_000, seed: 42)
        let result = try runBLAKE3Bench(input, environment: ["AUTOID_BLAKE3_KERNEL": "avx2"], emulatedCPU: "Nehalem")
        #expect(result.status == 0)
        #expect(result.kernel == "sse41")
        #expect(result.digest == hex(BLAKE3.hash(input)))
        #expect(result.stderr.contains("does not support avx2"))
    }

    /// Our CPUID bit table, checked against the kernel's own decoding: outside an emulator /proc/cpuinfo
    /// lists exactly the CPUID features (for these names), so each name we decode must agree with it.
    @Test func cpuidBitsMatchTheKernelsFlagNames() throws {
        #if os(Linux) && arch(x86_64)
        let text = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("flags") })
        let kernel = Set(line.split(separator: ":")[1].split(separator: " ").map(String.init))
        let processor = CPUFeatures.cpuidFlags()
        for feature in CPUFeatures.avx512Requirements.union(CPUFeatures.shaRequirements).names.sorted() {
            #expect(processor.contains(feature) == kernel.contains(feature), "\(feature): CPUID and /proc/cpuinfo disagree")
        }
        #endif
    }

    /// The usable features (CPUID, then the register state XCR0 says the OS saves) are the ones the kernel
    /// lists as usable: reading XCR0 replaced reading /proc/cpuinfo at every start, and must decide alike.
    @Test func usableFeaturesMatchTheKernelsFlags() throws {
        #if os(Linux) && arch(x86_64)
        let text = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("flags") })
        let kernel = Set(line.split(separator: ":")[1].split(separator: " ").map(String.init))
        for feature in CPUFeatures.avx512Requirements.union(CPUFeatures.shaRequirements).names.sorted() {
            #expect(CPUFeatures.flags.contains(feature) == kernel.contains(feature), "\(feature): usable here, but not listed by the kernel, or the reverse")
        }
        #endif
    }
}
