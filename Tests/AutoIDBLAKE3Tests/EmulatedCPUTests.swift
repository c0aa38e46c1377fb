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
    static let emulator = ["/usr/bin/qemu-x86_64", "/usr/bin/qemu-x86_64-static"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Runs blake3-bench on `input` under `cpu`; returns (exit status, kernel it used, digest line, stderr).
    static func run(cpu: String, input: [UInt8], environment: [String: String] = [:]) throws
        -> (status: Int32, kernel: String, digest: String, stderr: String)
    {
        #if !arch(x86_64)
        try Test.cancel("x86-64 only")
        #endif
        guard let emulator else {
            print("SKIPPED: qemu-x86_64 not found (apt-get install qemu-user); emulated-CPU tests skipped")
            try Test.cancel("qemu-x86_64 not installed")
        }
        guard let binary = EnvironmentOverrideTests.benchBinary() else {
            print("SKIPPED: blake3-bench not built; emulated-CPU tests skipped")
            try Test.cancel("blake3-bench not built")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("autoid-qemu-\(getpid())-\(cpu)")
        _ = FileManager.default.createFile(atPath: file.path, contents: Data(input))
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: emulator)
        process.arguments = ["-cpu", cpu, binary, file.path, "--repeat", "1", "--threads", "2"]
        process.environment = ProcessInfo.processInfo.environment
            .filter { $0.key != "AUTOID_BLAKE3_KERNEL" }
            .merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let kernel = output.split(whereSeparator: { $0 == " " || $0 == "\n" })
            .first { $0.hasPrefix("kernel=") }.map { String($0.dropFirst(7)) } ?? "?"
        let digest = String(output.prefix { $0 != " " })
        // qemu's own notes about CPUID bits TCG lacks are not ours.
        let ours = errors.split(separator: "\n").filter { !$0.hasPrefix("qemu-x86_64: warning") }.joined(separator: "\n")
        return (process.terminationStatus, kernel, digest, ours)
    }

    @Test("each CPU generation gets the widest kernel it can run, and the right digest",
          arguments: [("qemu64", "portable"), ("Penryn", "sse41"), ("Nehalem", "sse41"), ("Haswell", "avx2")])
    func widestKernelPerGeneration(cpu: String, expected: String) throws {
        // Several subtrees and a ragged end: chunk kernels, parent kernels and the tail all run.
        let input = randomBytes(300_017, seed: 41)
        let result = try Self.run(cpu: cpu, input: input)
        #expect(result.status == 0, "\(cpu): \(result.stderr)")
        #expect(result.kernel == expected, "\(cpu)")
        #expect(result.digest == hex(BLAKE3.hash(input)), "\(cpu)")
        #expect(result.stderr.isEmpty, "\(cpu): \(result.stderr)")
    }

    @Test("forcing a kernel the emulated CPU lacks warns and falls back instead of faulting")
    func forcingAMissingKernelFallsBack() throws {
        let input = randomBytes(70_000, seed: 42)
        let result = try Self.run(cpu: "Nehalem", input: input, environment: ["AUTOID_BLAKE3_KERNEL": "avx2"])
        #expect(result.status == 0)
        #expect(result.kernel == "sse41")
        #expect(result.digest == hex(BLAKE3.hash(input)))
        #expect(result.stderr.contains("does not support avx2"))
    }

    @Test func cpuidAndTheSystemAgreeOnRealHardware() throws {
        #if os(Linux) && arch(x86_64)
        // Outside an emulator the processor's CPUID and the kernel's flags agree on what we use.
        let processor = CPUFeatures.cpuidFlags()
        #expect(processor.contains("sse2"))
        #expect(CPUFeatures.flags.isSubset(of: processor))
        for feature in CPUFeatures.avx2Requirements where processor.contains(feature) {
            #expect(CPUFeatures.flags.contains(feature), "\(feature) reported by CPUID but not usable")
        }
        #endif
    }
}
