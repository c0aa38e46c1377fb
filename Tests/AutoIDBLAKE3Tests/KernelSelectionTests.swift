import AutoIDCPU
import Foundation
import Testing

@testable import AutoIDBLAKE3

@Suite("Kernel selection")
struct KernelSelectionTests {
    @Test func supportedIsConsistent() {
        let supported = BLAKE3Kernel.supported
        #expect(supported.first == .portable)
        #expect(supported.contains(BLAKE3Kernel.selected))
        for kernel in BLAKE3Kernel.allCases {
            #expect(supported.contains(kernel) == kernel.isSupported)
        }
        // Wider kernels imply narrower ones (their modules are compiled with supersets of flags).
        if BLAKE3Kernel.avx512.isSupported { #expect(BLAKE3Kernel.avx2.isSupported) }
        if BLAKE3Kernel.avx2.isSupported { #expect(BLAKE3Kernel.sse41.isSupported) }
    }

    @Test func matchesProcCpuinfo() throws {
        #if os(Linux) && arch(x86_64)
        let flags = CPUFeatures.flags
        #expect(flags.contains("sse2"), "could not parse /proc/cpuinfo flags")
        #expect(
            BLAKE3Kernel.avx2.isSupported
                == (flags.contains("avx2") && flags.contains("avx") && flags.contains("popcnt")))
        #expect(
            BLAKE3Kernel.avx512.isSupported
                == (flags.contains("avx512f") && flags.contains("avx512vl") && flags.contains("avx2")))
        #endif
    }

    /// Each feature has a bit of its own and its /proc/cpuinfo name; requirements nest as the compiler
    /// flags behind them do.
    @Test func featureSets() {
        #expect(Set(CPUFeature.allCases.map(\.name)).count == CPUFeature.allCases.count)
        let all = CPUFeatureSet(CPUFeature.allCases)
        #expect(all.rawValue.nonzeroBitCount == CPUFeature.allCases.count)
        #expect(all.features == CPUFeature.allCases)
        let set = CPUFeatureSet(.sse41, .shaNI)
        #expect(set.names == ["sse4_1", "sha_ni"])
        #expect(set.contains(.sse41) && set.contains(.shaNI) && !set.contains(.sse42))
        #expect(CPUFeatures.shaRequirements.names == ["sse2", "pni", "ssse3", "sha_ni"])
        #expect(CPUFeatures.avx2Requirements.isSuperset(of: CPUFeatures.sse41Requirements))
        #expect(CPUFeatures.avx512Requirements.isSuperset(of: CPUFeatures.avx2Requirements))
        #expect(CPUFeatures.avx512Requirements.names.isSuperset(of: ["avx512f", "avx512vl", "fma", "f16c", "popcnt"]))
        #expect(CPUFeatures.flags == CPUFeatures.usable.names)
        for instructionSet in InstructionSet.allCases {
            #expect(instructionSet.isSupported == CPUFeatures.usable.isSuperset(of: instructionSet.requiredFeatures))
        }
    }

    @Test func kernelsAgree() {
        let input = randomBytes(200_000, seed: 5)
        let results = BLAKE3Kernel.supported.map { kernel in
            input.withUnsafeBytes { BLAKE3.hash($0, kernel: kernel) }
        }
        #expect(Set(results.map(hex)).count == 1)
    }
}

/// `AUTOID_BLAKE3_KERNEL` is read once per process, so it is tested through the benchmark
/// executable (built alongside the tests); skipped if that binary is not found.
@Suite("AUTOID_BLAKE3_KERNEL override")
struct EnvironmentOverrideTests {
    /// Runs blake3-bench with the variable set; returns (kernel it used, stderr).
    static func run(_ value: String) throws -> (kernel: String, stderr: String) {
        let result = try runBLAKE3Bench(pattern(5000), environment: ["AUTOID_BLAKE3_KERNEL": value])
        #expect(result.status == 0)
        #expect(result.digest == hex(BLAKE3.hash(pattern(5000))))
        return (result.kernel, result.stderr)
    }

    @Test("each supported kernel can be forced", arguments: BLAKE3Kernel.allCases)
    func forced(_ kernel: BLAKE3Kernel) throws {
        let best = BLAKE3Kernel.supported.last!.rawValue
        let result = try Self.run(kernel.rawValue)
        if kernel.isSupported {
            #expect(result.kernel == kernel.rawValue)
            #expect(result.stderr.isEmpty)
        } else {
            // Refused with a warning, falls back to the best supported kernel; no SIGILL.
            #expect(result.kernel == best)
            #expect(result.stderr.contains("does not support \(kernel.rawValue)"))
        }
    }

    @Test("unknown value warns and uses the best kernel")
    func unknown() throws {
        let result = try Self.run("neon")
        #expect(result.kernel == BLAKE3Kernel.supported.last!.rawValue)
        #expect(result.stderr.contains("is not one of"))
    }
}
