// Run-time CPU feature detection, for every module that picks an ISA-specific kernel (BLAKE3, BLAKE2b).
//
// Two sources, and a kernel is used only when both agree:
// - CPUID, through the compiler's <cpuid.h> (module CCPUID): what the processor this process runs on
//   reports. This is what counts under an emulator or a hypervisor that masks features: qemu-user
//   with `-cpu Nehalem` reports no AVX here while /proc/cpuinfo still shows the host's AVX2 (reading
//   only /proc/cpuinfo, the AVX2 kernel ran there and died with SIGILL).
// - The operating system: on Linux, XCR0 (read with XGETBV) says which register state the kernel
//   saves and restores, so AVX needs its YMM state there and AVX-512 its opmask and ZMM state (the
//   kernel drops a feature's state when it disables the feature, as it then drops the flag from
//   /proc/cpuinfo). On macOS the `hw.optional.*` sysctls answer (macOS enables AVX-512 state lazily,
//   so XCR0 would not). Without either answer only features that need no OS support (up to SSE4.2)
//   are used.
//
// The ISA modules are built with -Xcc -m<feature> flags (see Package.swift); each `InstructionSet`
// requires every feature those flags let the compiler use.

#if arch(x86_64)
internal import CCPUID
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One x86-64 feature a kernel module may need, named as Linux's /proc/cpuinfo names it.
public enum CPUFeature: Int, CaseIterable, Sendable {
    case sse2, pni, ssse3, fma, sse41, sse42, popcnt, avx, f16c, avx2, avx512f, shaNI, avx512vl

    /// The /proc/cpuinfo name ("pni" is SSE3).
    public var name: String {
        switch self {
        case .sse2: "sse2"
        case .pni: "pni"
        case .ssse3: "ssse3"
        case .fma: "fma"
        case .sse41: "sse4_1"
        case .sse42: "sse4_2"
        case .popcnt: "popcnt"
        case .avx: "avx"
        case .f16c: "f16c"
        case .avx2: "avx2"
        case .avx512f: "avx512f"
        case .shaNI: "sha_ni"
        case .avx512vl: "avx512vl"
        }
    }

    #if arch(x86_64)
    /// Where CPUID reports it: leaf 1 ECX or EDX, or leaf 7 (subleaf 0) EBX, and the bit.
    var cpuidBit: (word: CPUIDLeaves.Word, bit: UInt32) {
        switch self {
        case .sse2: (.leaf1EDX, 26)
        case .pni: (.leaf1ECX, 0)
        case .ssse3: (.leaf1ECX, 9)
        case .fma: (.leaf1ECX, 12)
        case .sse41: (.leaf1ECX, 19)
        case .sse42: (.leaf1ECX, 20)
        case .popcnt: (.leaf1ECX, 23)
        case .avx: (.leaf1ECX, 28)
        case .f16c: (.leaf1ECX, 29)
        case .avx2: (.leaf7EBX, 5)
        case .avx512f: (.leaf7EBX, 16)
        case .shaNI: (.leaf7EBX, 29)
        case .avx512vl: (.leaf7EBX, 31)
        }
    }
    #endif
}

/// A set of ``CPUFeature``s, one bit each: deciding whether a kernel can run is a mask test, not a
/// set of strings built and hashed at every start (about 25 µs of a one-file run, most of it the
/// first use of `Set<String>`).
public struct CPUFeatureSet: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public init(_ features: CPUFeature...) { self.init(features) }

    public init(_ features: [CPUFeature]) {
        self.init(rawValue: features.reduce(0) { $0 | 1 << UInt32($1.rawValue) })
    }

    /// Whether `feature` is in the set.
    public func contains(_ feature: CPUFeature) -> Bool { rawValue >> UInt32(feature.rawValue) & 1 == 1 }

    /// The features in the set, in ``CPUFeature`` order.
    public var features: [CPUFeature] { CPUFeature.allCases.filter { contains($0) } }

    /// The features' /proc/cpuinfo names (for tests and diagnostics).
    public var names: Set<String> { Set(features.map(\.name)) }
}

/// What the processor this process runs on, and its operating system, let us use.
///
/// Read once per process. A feature counts only when CPUID reports it *and* the OS saves its register
/// state (see the top of this file); ask ``InstructionSet/isSupported`` before calling into a module
/// built with that instruction set's flags.
public enum CPUFeatures {
    /// The usable features. Empty on processors other than x86-64.
    public static let usable: CPUFeatureSet = detect()

    /// Usable feature names in Linux /proc/cpuinfo spelling ("sse4_1", "avx2", "avx512f", ...), for
    /// tests and diagnostics; decisions use ``usable``.
    public static var flags: Set<String> { usable.names }

    /// Whether every feature in `required` is usable.
    public static func supports(_ required: CPUFeatureSet) -> Bool { usable.isSuperset(of: required) }

    /// Features a module built with `-Xcc -msse4.1` may use ("pni" = SSE3).
    /// Checked with objdump: clang's -mavx2 implies -msse4.2 and -mpopcnt (the compiler emits
    /// `popcnt` there); -msse4.1 implies neither.
    public static let sse41Requirements = CPUFeatureSet(.sse2, .pni, .ssse3, .sse41)
    /// Features a module built with `-Xcc -msha -Xcc -mssse3` (AutoIDSHA256NI) may use.
    public static let shaRequirements = CPUFeatureSet(.sse2, .pni, .ssse3, .shaNI)
    /// Features a module built with `-Xcc -mavx2` may use.
    public static let avx2Requirements = sse41Requirements.union(CPUFeatureSet(.sse42, .popcnt, .avx, .avx2))
    /// Features a module built with `-Xcc -mavx512f -Xcc -mavx512vl` may use.
    /// -mavx512f also implies -mfma and -mf16c in clang (every AVX-512 CPU has them).
    public static let avx512Requirements = avx2Requirements.union(CPUFeatureSet(.fma, .f16c, .avx512f, .avx512vl))

    private static func detect() -> CPUFeatureSet {
        #if arch(x86_64)
        let leaves = CPUIDLeaves.read()
        let processor = leaves.features
        guard let system = systemFeatures(leaves) else {
            return processor.subtracting(vectorStateFeatures)
        }
        return processor.intersection(system)
        #else
        return []
        #endif
    }

    /// Features whose registers (YMM, ZMM, opmask) exist only when the OS saves their state.
    static let vectorStateFeatures = CPUFeatureSet(.avx, .avx2, .fma, .f16c, .avx512f, .avx512vl)

    #if arch(x86_64)
    /// The features CPUID reports, named as in /proc/cpuinfo, whether or not the OS supports them
    /// (for tests and diagnostics; decisions use ``usable``).
    public static func cpuidFlags() -> Set<String> { CPUIDLeaves.read().features.names }
    #endif

    #if arch(x86_64)
    /// The features the operating system says are usable, or nil if it cannot be asked.
    ///
    /// On Linux: XCR0 (read with XGETBV, what Intel's and AMD's manuals prescribe) says which register
    /// state the kernel saves: SSE and YMM (bits 1, 2) for AVX, AVX2, FMA and F16C, and opmask and ZMM
    /// (bits 5, 6, 7) for AVX-512. The kernel leaves a feature's state out of XCR0 when it disables the
    /// feature (`clearcpuid=`, `noxsave`), so this agrees with the flags it lists in /proc/cpuinfo, at a
    /// fraction of the cost: reading /proc/cpuinfo took ~0.15 ms of every tool's start here, and grows
    /// with the number of CPUs (one block each).
    private static func systemFeatures(_ leaves: CPUIDLeaves) -> CPUFeatureSet? {
        #if os(Linux) && arch(x86_64)
        guard leaves.hasLeaf1 else { return nil }
        var usable = leaves.features.subtracting(vectorStateFeatures)
        guard leaves.leaf1ECX >> 27 & 1 == 1 else { return usable }  // no OSXSAVE: no XGETBV, no AVX state
        let xcr0 = autoid_xgetbv_xcr0()
        let ymm: UInt64 = 0b110
        let zmm: UInt64 = 0b1110_0000
        if xcr0 & ymm == ymm {
            usable.formUnion(CPUFeatureSet(.avx, .avx2, .fma, .f16c))
            if xcr0 & zmm == zmm { usable.formUnion(CPUFeatureSet(.avx512f, .avx512vl)) }
        }
        return usable
        #elseif os(macOS) && arch(x86_64)
        var result = CPUFeatureSet(.sse2)
        let names: [(String, CPUFeature)] = [
            ("hw.optional.sse3", .pni), ("hw.optional.supplementalsse3", .ssse3),
            ("hw.optional.sse4_1", .sse41), ("hw.optional.sse4_2", .sse42),
            ("hw.optional.avx1_0", .avx), ("hw.optional.avx2_0", .avx2),
            ("hw.optional.avx512f", .avx512f), ("hw.optional.avx512vl", .avx512vl),
            ("hw.optional.fma", .fma), ("hw.optional.f16c", .f16c),
        ]
        for (sysctl, feature) in names {
            var value: Int32 = 0
            var size = MemoryLayout<Int32>.size
            if sysctlbyname(sysctl, &value, &size, nil, 0) == 0 && value != 0 { result.insert(CPUFeatureSet(feature)) }
        }
        if result.contains(.sse42) { result.insert(CPUFeatureSet(.popcnt)) }  // every SSE4.2 Mac (Nehalem+) has POPCNT
        return result
        #else
        return nil
        #endif
    }
    #endif
}

#if arch(x86_64)
/// The CPUID words the features come from, read once: under a hypervisor every CPUID instruction traps
/// to it (about 7 µs each on this machine class), and the two sources above used to ask for the same
/// leaves ten times in all (`__get_cpuid_count` also asks for the highest leaf first). Three CPUIDs
/// now: the highest leaf, leaf 1 and leaf 7.
struct CPUIDLeaves {
    /// The words the features are read from.
    enum Word { case leaf1ECX, leaf1EDX, leaf7EBX }

    var leaf1ECX: UInt32 = 0
    var leaf1EDX: UInt32 = 0
    var leaf7EBX: UInt32 = 0
    /// Whether leaf 1 exists (CPUID reports anything at all).
    var hasLeaf1 = false

    static func read() -> Self {
        var leaves = Self()
        var eax: UInt32 = 0
        var ebx: UInt32 = 0
        var ecx: UInt32 = 0
        var edx: UInt32 = 0
        let highest = __get_cpuid_max(0, nil)
        guard highest >= 1 else { return leaves }
        autoid_cpuid(1, 0, &eax, &ebx, &ecx, &edx)
        (leaves.hasLeaf1, leaves.leaf1ECX, leaves.leaf1EDX) = (true, ecx, edx)
        if highest >= 7 {
            autoid_cpuid(7, 0, &eax, &ebx, &ecx, &edx)
            leaves.leaf7EBX = ebx
        }
        return leaves
    }

    /// The features these words report (``CPUFeature/cpuidBit``).
    var features: CPUFeatureSet {
        guard hasLeaf1 else { return [] }
        var features: CPUFeatureSet = []
        for feature in CPUFeature.allCases {
            let (word, bit) = feature.cpuidBit
            let value =
                switch word {
                case .leaf1ECX: leaf1ECX
                case .leaf1EDX: leaf1EDX
                case .leaf7EBX: leaf7EBX
                }
            if value >> bit & 1 == 1 { features.insert(CPUFeatureSet(feature)) }
        }
        return features
    }
}
#endif
