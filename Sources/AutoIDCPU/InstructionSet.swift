/// An x86-64 instruction-set level that a kernel module is compiled for (Package.swift's ISA flags).
///
/// Call into a module built with one of these levels only when ``isSupported`` is true: on a CPU (or
/// OS) without it, the module's code faults with SIGILL. On other processors nothing is supported.
public enum InstructionSet: String, CaseIterable, Sendable {
    /// SSE4.1 (`-Xcc -msse4.1`): 128-bit registers.
    case sse41
    /// AVX2 (`-Xcc -mavx2`): 256-bit registers.
    case avx2
    /// AVX-512 F + VL (`-Xcc -mavx512f -Xcc -mavx512vl`): 512-bit registers.
    case avx512

    /// Every feature the compiler may use under this level's flags.
    public var requiredFeatures: CPUFeatureSet {
        switch self {
        case .sse41: CPUFeatures.sse41Requirements
        case .avx2: CPUFeatures.avx2Requirements
        case .avx512: CPUFeatures.avx512Requirements
        }
    }

    /// Whether this CPU and OS can run code built for this level.
    public var isSupported: Bool {
        #if arch(x86_64)
        CPUFeatures.supports(requiredFeatures)
        #else
        false
        #endif
    }
}
