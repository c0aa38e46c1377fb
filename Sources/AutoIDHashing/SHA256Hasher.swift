internal import AutoIDCPU
import Crypto

#if arch(x86_64)
internal import AutoIDSHA256NI
#endif

/// SHA-256, with the CPU's SHA extensions where it has them (our compression function,
/// AutoIDSHA256NI, with the message padded here), and through swift-crypto otherwise.
///
/// Why not swift-crypto everywhere: it is as fast for long input (both use the same instructions), but
/// its first use in a process cost a one-file verification about 0.1 ms: the generic types behind its
/// `SHA256` looked up at run time (each lookup scans every protocol conformance the tool holds) and
/// BoringSSL's own CPU feature probe (CPUID traps to the hypervisor, ~7 µs each on this machine class).
/// The key ID of every public key and every envelope digest goes through here.
public struct SHA256Hasher: StreamingHasher {
    private var engine: Engine

    enum Engine {
        case extensions(SHA256NIStream)
        case library(Crypto.SHA256)
    }

    /// Whether the SHA extensions are used: the CPU has them (and SSSE3, which the compression
    /// function's byte shuffles need).
    static let usesExtensions: Bool = {
        #if arch(x86_64)
        CPUFeatures.supports(CPUFeatures.shaRequirements)
        #else
        false
        #endif
    }()

    public init() {
        self.init(extensions: Self.usesExtensions)
    }

    /// A hasher that uses the SHA extensions or not, as asked (tests hold the two equal; only ask for
    /// the extensions where ``usesExtensions`` is true).
    init(extensions: Bool) {
        engine = extensions ? .extensions(SHA256NIStream()) : .library(Crypto.SHA256())
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        switch engine {
        case .extensions(var blocks):
            blocks.update(bytes)
            engine = .extensions(blocks)
        case .library(var state):
            state.update(bufferPointer: bytes)
            engine = .library(state)
        }
    }

    public func finalize() -> [UInt8] {
        switch engine {
        case .extensions(let blocks): blocks.finalize()
        case .library(let state): state.finalize().withUnsafeBytes { Array($0) }
        }
    }

    /// The SHA-256 of `bytes` in one call.
    public static func hash(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        var hasher = SHA256Hasher()
        if bytes.withContiguousStorageIfAvailable({ hasher.update(UnsafeRawBufferPointer($0)) }) == nil { hasher.update(Array(bytes)) }
        return hasher.finalize()
    }
}

/// SHA-256 as FIPS 180-4 defines it, over our compression function with the SHA extensions: whole
/// 64-byte blocks are compressed where they lie, the rest waits in `pending` for the next call, and
/// ``finalize()`` pads the last block or two (a 0x80 byte, zeros, the length in bits as a 64-bit
/// big-endian number). Only on x86-64 CPUs with the SHA extensions (``SHA256Hasher/usesExtensions``).
struct SHA256NIStream {
    /// The eight working words, as AutoIDSHA256NI lays them out (32 bytes).
    private var state: (SIMD4<UInt32>, SIMD4<UInt32>) = (.zero, .zero)
    /// Bytes of an unfinished block, `pendingCount` of them used.
    private var pending: (SIMD16<UInt8>, SIMD16<UInt8>, SIMD16<UInt8>, SIMD16<UInt8>) = (.zero, .zero, .zero, .zero)
    private var pendingCount = 0
    /// Bytes absorbed so far.
    private var length: UInt64 = 0

    init() {
        #if arch(x86_64)
        withUnsafeMutableBytes(of: &state) { SHA256NI.initialize(state: $0.baseAddress!) }
        #else
        preconditionFailure("the SHA extensions exist only on x86-64")
        #endif
    }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        #if arch(x86_64)
        guard var rest = bytes.baseAddress, !bytes.isEmpty else { return }
        var count = bytes.count
        length &+= UInt64(count)
        withUnsafeMutableBytes(of: &state) { state in
            withUnsafeMutableBytes(of: &pending) { pending in
                if pendingCount > 0 {
                    let taken = min(64 - pendingCount, count)
                    (pending.baseAddress! + pendingCount).copyMemory(from: rest, byteCount: taken)
                    pendingCount += taken
                    rest += taken
                    count -= taken
                    guard pendingCount == 64 else { return }
                    SHA256NI.compress(pending.baseAddress!, blockCount: 1, state: state.baseAddress!)
                    pendingCount = 0
                }
                let whole = count / 64
                if whole > 0 { SHA256NI.compress(rest, blockCount: whole, state: state.baseAddress!) }
                let left = count - 64 * whole
                pending.baseAddress!.copyMemory(from: rest + 64 * whole, byteCount: left)
                pendingCount = left
            }
        }
        #endif
    }

    /// The digest of everything absorbed so far; the hasher stays usable.
    func finalize() -> [UInt8] {
        #if arch(x86_64)
        var state = state
        return withUnsafeTemporaryAllocation(byteCount: 128, alignment: 16) { last in
            last.initializeMemory(as: UInt8.self, repeating: 0)
            withUnsafeBytes(of: pending) { last.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: pendingCount) }
            last[pendingCount] = 0x80
            // The length goes in the last 8 bytes of the block the 0x80 byte is in, or of the next one
            // when fewer than 8 bytes are left after it.
            let blocks = pendingCount < 56 ? 1 : 2
            last.storeBytes(of: (length &* 8).bigEndian, toByteOffset: 64 * blocks - 8, as: UInt64.self)
            return withUnsafeMutableBytes(of: &state) { state in
                SHA256NI.compress(last.baseAddress!, blockCount: blocks, state: state.baseAddress!)
                return [UInt8](unsafeUninitializedCapacity: 32) { digest, initialized in
                    SHA256NI.digest(state: state.baseAddress!, into: digest.baseAddress!)
                    initialized = 32
                }
            }
        }
        #else
        preconditionFailure("the SHA extensions exist only on x86-64")
        #endif
    }
}
