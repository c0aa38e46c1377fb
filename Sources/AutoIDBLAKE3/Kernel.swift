// Kernel selection and dispatch.

import AutoIDBLAKE3AVX2
import AutoIDBLAKE3AVX512
import AutoIDBLAKE3Kernel
import AutoIDBLAKE3SSE41
import AutoIDCPU

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The SIMD implementations of the many-chunk kernel.
public enum BLAKE3Kernel: String, CaseIterable, Sendable {
    /// Scalar Swift, runs anywhere.
    case portable
    /// 4 chunks at a time in 128-bit SSE4.1 registers.
    case sse41
    /// 8 chunks at a time in 256-bit AVX2 registers.
    case avx2
    /// 16 chunks at a time in 512-bit AVX-512 (F + VL) registers.
    case avx512

    /// The kernels this CPU (and OS) can run, slowest first. Always contains `.portable`.
    public static var supported: [BLAKE3Kernel] { supportedKernels }

    /// The kernel used by default: the fastest supported one, unless the environment variable
    /// `AUTOID_BLAKE3_KERNEL` (portable|sse41|avx2|avx512) names another. Naming a kernel the CPU
    /// cannot run, or an unknown name, prints a warning to stderr once and uses the fastest
    /// supported kernel instead: an unsupported instruction is never executed.
    public static var selected: BLAKE3Kernel { selectedKernel }

    /// Whether this CPU can run the kernel.
    public var isSupported: Bool { supportedKernels.contains(self) }

    static let environmentVariable = "AUTOID_BLAKE3_KERNEL"
}

extension BLAKE3Kernel {
    /// The instruction set this kernel's module is built for; `nil` for the portable kernel.
    var instructionSet: InstructionSet? {
        switch self {
        case .portable: nil
        case .sse41: .sse41
        case .avx2: .avx2
        case .avx512: .avx512
        }
    }
}

private let supportedKernels: [BLAKE3Kernel] = BLAKE3Kernel.allCases.filter { $0.instructionSet?.isSupported ?? true }

private let selectedKernel: BLAKE3Kernel = {
    let best = supportedKernels.last ?? .portable
    guard let raw = getenv(BLAKE3Kernel.environmentVariable) else { return best }
    let value = String(cString: raw).lowercased().filter { !$0.isWhitespace }
    if value.isEmpty { return best }
    guard let requested = BLAKE3Kernel(rawValue: value) else {
        warn(
            "\(BLAKE3Kernel.environmentVariable)=\(value) is not one of "
                + BLAKE3Kernel.allCases.map(\.rawValue).joined(separator: "|") + "; using \(best.rawValue)")
        return best
    }
    guard requested.isSupported else {
        warn(
            "\(BLAKE3Kernel.environmentVariable)=\(value): this CPU does not support \(value); "
                + "using \(best.rawValue) instead (supported: "
                + supportedKernels.map(\.rawValue).joined(separator: ", ") + ")")
        return best
    }
    return requested
}()

private func warn(_ message: String) {
    let line = "warning: AutoIDBLAKE3: \(message)\n"
    _ = line.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
}

/// An implementation the tree code can run: one of the public kernels, or (for tests) the
/// generic 16/8/4-lane kernel compiled for the baseline CPU, which exercises the exact source the
/// AVX-512 kernel is specialised from on machines without AVX-512.
enum KernelImpl: Sendable, Equatable {
    case portable, sse41, avx2, avx512
    case genericBaseline

    init(_ kernel: BLAKE3Kernel) {
        precondition(
            kernel.isSupported,
            "AutoIDBLAKE3: kernel \(kernel.rawValue) is not supported by this CPU")
        switch kernel {
        case .portable: self = .portable
        case .sse41: self = .sse41
        case .avx2: self = .avx2
        case .avx512: self = .avx512
        }
    }

    /// Hashes `count` whole consecutive chunks (counters `counter...`) into `count` CVs at `out`.
    func hashChunks(
        _ input: UnsafeRawPointer, count: Int, key: UnsafePointer<UInt32>, counter: UInt64,
        flags: UInt32, out: UnsafeMutableRawPointer
    ) {
        var i = 0
        // One call per width for all the whole groups of `width` chunks (the kernels loop over
        // the groups themselves, so their set-up is paid once).
        @inline(__always) func run(_ width: Int, _ body: (UnsafeRawPointer, Int, UInt64, UnsafeMutableRawPointer) -> Void) {
            let groups = (count - i) / width
            if groups > 0 {
                body(input + i * BLAKE3Size.chunk, groups, counter &+ UInt64(i), out + i * BLAKE3Size.chainingValue)
                i += groups * width
            }
        }
        switch self {
        case .portable:
            break
        case .sse41:
            run(4) { BLAKE3SSE41.hashChunks4($0, groups: $1, key: key, counter: $2, flags: flags, out: $3) }
        case .avx2:
            run(8) { BLAKE3AVX2.hashChunks8($0, groups: $1, key: key, counter: $2, flags: flags, out: $3) }
            run(4) { BLAKE3AVX2.hashChunks4($0, groups: $1, key: key, counter: $2, flags: flags, out: $3) }
        case .avx512:
            run(16) { BLAKE3AVX512.hashChunks16($0, groups: $1, key: key, counter: $2, flags: flags, out: $3) }
            run(8) { BLAKE3AVX512.hashChunks8($0, groups: $1, key: key, counter: $2, flags: flags, out: $3) }
            run(4) { BLAKE3AVX512.hashChunks4($0, groups: $1, key: key, counter: $2, flags: flags, out: $3) }
        case .genericBaseline:
            run(16) { BLAKE3GenericBaseline.hashChunks16($0, groups: $1, key: key, counter: $2, flags: flags, out: $3) }
            run(8) { BLAKE3GenericBaseline.hashChunks8($0, groups: $1, key: key, counter: $2, flags: flags, out: $3) }
            run(4) { BLAKE3GenericBaseline.hashChunks4($0, groups: $1, key: key, counter: $2, flags: flags, out: $3) }
        }
        if count - i >= 2, let narrowest = narrowestChunkKernel {
            // 2...width-1 chunks left: copy them into a zero-padded buffer and run one call of
            // the narrowest SIMD kernel rather than 2+ scalar chunk hashes.
            let width = narrowest.width
            let left = count - i
            withUnsafeTemporaryAllocation(
                byteCount: width * (BLAKE3Size.chunk + BLAKE3Size.chainingValue),
                alignment: 64
            ) { buffer in
                let chunks = buffer.baseAddress!
                let cvs = chunks + width * BLAKE3Size.chunk
                chunks.copyMemory(from: input + i * BLAKE3Size.chunk, byteCount: left * BLAKE3Size.chunk)
                chunks.advanced(by: left * BLAKE3Size.chunk)
                    .initializeMemory(as: UInt8.self, repeating: 0, count: (width - left) * BLAKE3Size.chunk)
                narrowest.run(chunks, key, counter &+ UInt64(i), flags, cvs)
                (out + i * BLAKE3Size.chainingValue).copyMemory(from: cvs, byteCount: left * BLAKE3Size.chainingValue)
            }
            i = count
        }
        run(1) { BLAKE3Portable.hashChunks($0, count: $1, key: key, counter: $2, flags: flags, out: $3) }
    }

    /// The narrowest SIMD chunk kernel of this implementation, for padded remainders.
    private var narrowestChunkKernel:
        (
            width: Int, run: (UnsafeRawPointer, UnsafePointer<UInt32>, UInt64, UInt32, UnsafeMutableRawPointer) -> Void
        )?
    {
        switch self {
        case .portable: nil
        case .sse41: (4, { BLAKE3SSE41.hashChunks4($0, groups: 1, key: $1, counter: $2, flags: $3, out: $4) })
        case .avx2: (4, { BLAKE3AVX2.hashChunks4($0, groups: 1, key: $1, counter: $2, flags: $3, out: $4) })
        case .avx512: (4, { BLAKE3AVX512.hashChunks4($0, groups: 1, key: $1, counter: $2, flags: $3, out: $4) })
        case .genericBaseline: (4, { BLAKE3GenericBaseline.hashChunks4($0, groups: 1, key: $1, counter: $2, flags: $3, out: $4) })
        }
    }

    /// The most chunks a kernel call of this implementation hashes side by side (1 for portable).
    var laneWidth: Int {
        switch self {
        case .portable: 1
        case .sse41: 4
        case .avx2: 8
        case .avx512, .genericBaseline: 16
        }
    }

    /// Hashes chunk number `counter` of `count` messages: input `i` is `blockCount` blocks (1...16) at
    /// `input + i * stride`, its last block `lastBlockLength` bytes (1...64) zero padded to 64 in memory.
    /// Writes the `count` CVs one after the other at `out`. `count` must be a multiple of 4 unless
    /// this is the portable implementation (lanes are never padded: a padded lane would read past
    /// the caller's memory).
    func hashChunksStrided(
        _ input: UnsafeRawPointer, stride: Int, count: Int, blockCount: Int, lastBlockLength: UInt32,
        key: UnsafePointer<UInt32>, counter: UInt64, flags: UInt32, out: UnsafeMutableRawPointer
    ) {
        precondition(self == .portable || count % 4 == 0, "hashChunksStrided: \(count) inputs is not a multiple of 4")
        precondition((1...BLAKE3Size.blocksPerChunk).contains(blockCount) && (1...64).contains(lastBlockLength))
        var i = 0
        @inline(__always) func run(_ width: Int, _ body: (UnsafeRawPointer, Int, UnsafeMutableRawPointer) -> Void) {
            let groups = (count - i) / width
            if groups > 0 {
                body(input + i * stride, groups, out + i * BLAKE3Size.chainingValue)
                i += groups * width
            }
        }
        let b = blockCount
        let last = lastBlockLength
        switch self {
        case .portable:
            run(1) {
                BLAKE3Portable.hashChunksStrided(
                    $0, stride: stride, count: $1, blockCount: b, lastBlockLength: last, key: key, counter: counter, flags: flags, out: $2)
            }
        case .sse41:
            run(4) {
                BLAKE3SSE41.hashChunksStrided4(
                    $0, stride: stride, groups: $1, blockCount: b, lastBlockLength: last, key: key, counter: counter, flags: flags, out: $2)
            }
        case .avx2:
            run(8) {
                BLAKE3AVX2.hashChunksStrided8(
                    $0, stride: stride, groups: $1, blockCount: b, lastBlockLength: last, key: key, counter: counter, flags: flags, out: $2)
            }
            run(4) {
                BLAKE3AVX2.hashChunksStrided4(
                    $0, stride: stride, groups: $1, blockCount: b, lastBlockLength: last, key: key, counter: counter, flags: flags, out: $2)
            }
        case .avx512:
            run(16) {
                BLAKE3AVX512.hashChunksStrided16(
                    $0, stride: stride, groups: $1, blockCount: b, lastBlockLength: last, key: key, counter: counter, flags: flags, out: $2)
            }
            run(8) {
                BLAKE3AVX512.hashChunksStrided8(
                    $0, stride: stride, groups: $1, blockCount: b, lastBlockLength: last, key: key, counter: counter, flags: flags, out: $2)
            }
            run(4) {
                BLAKE3AVX512.hashChunksStrided4(
                    $0, stride: stride, groups: $1, blockCount: b, lastBlockLength: last, key: key, counter: counter, flags: flags, out: $2)
            }
        case .genericBaseline:
            run(16) {
                BLAKE3GenericBaseline.hashChunksStrided16(
                    $0, stride: stride, groups: $1, blockCount: b, lastBlockLength: last, key: key, counter: counter, flags: flags, out: $2)
            }
            run(8) {
                BLAKE3GenericBaseline.hashChunksStrided8(
                    $0, stride: stride, groups: $1, blockCount: b, lastBlockLength: last, key: key, counter: counter, flags: flags, out: $2)
            }
            run(4) {
                BLAKE3GenericBaseline.hashChunksStrided4(
                    $0, stride: stride, groups: $1, blockCount: b, lastBlockLength: last, key: key, counter: counter, flags: flags, out: $2)
            }
        }
        precondition(i == count)
    }

    /// Hashes `count` parent nodes (64-byte blocks at `input + 64 i`) into `count` CVs at `out`.
    /// `out` may equal `input` (parents are processed in increasing order, each batch reading
    /// its inputs before writing outputs that lie at or before them).
    func hashParents(
        _ input: UnsafeRawPointer, count: Int, key: UnsafePointer<UInt32>, flags: UInt32,
        out: UnsafeMutableRawPointer
    ) {
        var i = 0
        @inline(__always) func run(_ width: Int, _ body: (UnsafeRawPointer, Int, UnsafeMutableRawPointer) -> Void) {
            let groups = (count - i) / width
            if groups > 0 {
                body(input + i * BLAKE3Size.block, groups, out + i * BLAKE3Size.chainingValue)
                i += groups * width
            }
        }
        switch self {
        case .portable:
            break
        case .sse41:
            run(4) { BLAKE3SSE41.hashParents4($0, groups: $1, key: key, flags: flags, out: $2) }
        case .avx2:
            run(8) { BLAKE3AVX2.hashParents8($0, groups: $1, key: key, flags: flags, out: $2) }
            run(4) { BLAKE3AVX2.hashParents4($0, groups: $1, key: key, flags: flags, out: $2) }
        case .avx512:
            run(16) { BLAKE3AVX512.hashParents16($0, groups: $1, key: key, flags: flags, out: $2) }
            run(8) { BLAKE3AVX512.hashParents8($0, groups: $1, key: key, flags: flags, out: $2) }
            run(4) { BLAKE3AVX512.hashParents4($0, groups: $1, key: key, flags: flags, out: $2) }
        case .genericBaseline:
            run(16) { BLAKE3GenericBaseline.hashParents16($0, groups: $1, key: key, flags: flags, out: $2) }
            run(8) { BLAKE3GenericBaseline.hashParents8($0, groups: $1, key: key, flags: flags, out: $2) }
            run(4) { BLAKE3GenericBaseline.hashParents4($0, groups: $1, key: key, flags: flags, out: $2) }
        }
        run(1) { BLAKE3Portable.hashParents($0, count: $1, key: key, flags: flags, out: $2) }
    }
}
