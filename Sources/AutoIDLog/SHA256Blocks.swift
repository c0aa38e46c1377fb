internal import AutoIDCPU
internal import AutoIDSystemLibrary
internal import COpenSSLCrypto

#if canImport(Glibc)
internal import Glibc
#endif

#if arch(x86_64)
internal import AutoIDSHA256NI
#endif

/// SHA-256 of messages of one or two 64-byte blocks, padded here and compressed with the CPU's SHA
/// extensions (AutoIDSHA256NI, two messages interleaved where the caller has two) or, on CPUs without
/// them, OpenSSL's block function.
///
/// Why: a Merkle node is 65 bytes and a small leaf under 56, so each hash is one or two compressions,
/// and a general init/update/final call (swift-crypto's, or OpenSSL's EVP) costs several times the
/// compressions themselves. Padding by hand is FIPS 180-4 section 5.1.1: a 0x80 byte, zeros, and the
/// message length in bits as a 64-bit big-endian number at the end of the last block.
enum SHA256Blocks {
    /// The longest message that fits one block with its padding.
    static let oneBlockLimit = 55

    /// Whether the SHA extensions are used: the CPU has them, and `AUTOID_SHA256=openssl` does not ask
    /// for OpenSSL's block function instead (for benchmarks that compare the two).
    static let usesExtensions: Bool = {
        #if arch(x86_64)
        guard CPUFeatures.supports(CPUFeatures.shaRequirements) else { return false }
        if let choice = getenv("AUTOID_SHA256"), String(cString: choice) == "openssl" { return false }
        return true
        #else
        return false
        #endif
    }()

    /// SHA-256 of `prefix || message` for `1 + message.count <= 55`, in one compression.
    @inline(__always)
    static func hashOneBlock(prefix: UInt8, _ message: UnsafeRawBufferPointer) -> TreeHash {
        withUnsafeTemporaryAllocation(byteCount: 64, alignment: 16) { block in
            padOneBlock(prefix: prefix, message, into: block)
            return hashPadded(block, blockCount: 1)
        }
    }

    /// The hashes of `prefix || a` and `prefix || b` (each at most 54 bytes), side by side.
    @inline(__always)
    static func hashOneBlock2(prefix: UInt8, _ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> (TreeHash, TreeHash) {
        withUnsafeTemporaryAllocation(byteCount: 128, alignment: 16) { blocks in
            padOneBlock(prefix: prefix, a, into: UnsafeMutableRawBufferPointer(rebasing: blocks[0..<64]))
            padOneBlock(prefix: prefix, b, into: UnsafeMutableRawBufferPointer(rebasing: blocks[64..<128]))
            return hashPadded2(blocks, blockCount: 1)
        }
    }

    /// SHA-256 of `0x01 || left || right` (65 bytes), in two compressions.
    @inline(__always)
    static func hashNode(_ left: TreeHash, _ right: TreeHash) -> TreeHash {
        withUnsafeTemporaryAllocation(byteCount: 128, alignment: 16) { blocks in
            padNode(left, right, into: blocks)
            return hashPadded(blocks, blockCount: 2)
        }
    }

    /// The node hashes of two independent pairs, side by side.
    @inline(__always)
    static func hashNode2(_ left0: TreeHash, _ right0: TreeHash, _ left1: TreeHash, _ right1: TreeHash) -> (TreeHash, TreeHash) {
        withUnsafeTemporaryAllocation(byteCount: 256, alignment: 16) { blocks in
            padNode(left0, right0, into: UnsafeMutableRawBufferPointer(rebasing: blocks[0..<128]))
            padNode(left1, right1, into: UnsafeMutableRawBufferPointer(rebasing: blocks[128..<256]))
            return hashPadded2(blocks, blockCount: 2)
        }
    }

    // MARK: Padding

    @inline(__always)
    private static func padOneBlock(prefix: UInt8, _ message: UnsafeRawBufferPointer, into block: UnsafeMutableRawBufferPointer) {
        block.initializeMemory(as: UInt8.self, repeating: 0)
        block[0] = prefix
        UnsafeMutableRawBufferPointer(rebasing: block[1..<1 + message.count]).copyMemory(from: message)
        block[1 + message.count] = 0x80
        storeLength(bits: UInt64(1 + message.count) * 8, in: block)
    }

    @inline(__always)
    private static func padNode(_ left: TreeHash, _ right: TreeHash, into blocks: UnsafeMutableRawBufferPointer) {
        blocks[0] = 1
        left.withBytes { UnsafeMutableRawBufferPointer(rebasing: blocks[1..<33]).copyMemory(from: $0) }
        right.withBytes { UnsafeMutableRawBufferPointer(rebasing: blocks[33..<65]).copyMemory(from: $0) }
        blocks[65] = 0x80
        UnsafeMutableRawBufferPointer(rebasing: blocks[66..<120]).initializeMemory(as: UInt8.self, repeating: 0)
        storeLength(bits: 65 * 8, in: UnsafeMutableRawBufferPointer(rebasing: blocks[64..<128]))
    }

    /// Writes the 64-bit big-endian bit length into the last 8 bytes of a 64-byte block.
    @inline(__always)
    private static func storeLength(bits: UInt64, in block: UnsafeMutableRawBufferPointer) {
        UnsafeMutableRawBufferPointer(rebasing: block[56..<64]).storeBytes(of: bits.bigEndian, as: UInt64.self)
    }

    // MARK: Compression

    /// The hash of the padded message in `blocks` (`blockCount` blocks).
    @inline(__always)
    static func hashPadded(_ blocks: UnsafeMutableRawBufferPointer, blockCount: Int, extensions: Bool = usesExtensions) -> TreeHash {
        #if arch(x86_64)
        if extensions {
            var words = SIMD4<UInt64>()
            withUnsafeMutableBytes(of: &words) { SHA256NI.hash(padded: blocks.baseAddress!, blockCount: blockCount, into: $0.baseAddress!) }
            return TreeHash(words: words)
        }
        #endif
        let openSSL = OpenSSLSHA256.functions
        var context = SHA256_CTX()
        _ = openSSL.initialize(&context)
        let base = blocks.baseAddress!.assumingMemoryBound(to: UInt8.self)
        for index in 0..<blockCount { openSSL.transform(&context, base + 64 * index) }
        return digest(context)
    }

    /// The hashes of two padded messages of `blockCount` blocks each, one after the other in `blocks`.
    @inline(__always)
    static func hashPadded2(_ blocks: UnsafeMutableRawBufferPointer, blockCount: Int, extensions: Bool = usesExtensions) -> (TreeHash, TreeHash) {
        let second = UnsafeMutableRawBufferPointer(rebasing: blocks[(64 * blockCount)...])
        #if arch(x86_64)
        if extensions {
            var first = SIMD4<UInt64>()
            var other = SIMD4<UInt64>()
            withUnsafeMutableBytes(of: &first) { a in
                withUnsafeMutableBytes(of: &other) { b in
                    SHA256NI.hash2(padded: blocks.baseAddress!, second.baseAddress!, blockCount: blockCount, into: a.baseAddress!, b.baseAddress!)
                }
            }
            return (TreeHash(words: first), TreeHash(words: other))
        }
        #endif
        return (hashPadded(blocks, blockCount: blockCount, extensions: false), hashPadded(second, blockCount: blockCount, extensions: false))
    }

    /// The digest: the eight state words, each big-endian.
    @inline(__always)
    private static func digest(_ context: SHA256_CTX) -> TreeHash {
        var words = SIMD4<UInt64>()
        withUnsafeMutableBytes(of: &words) { out in
            withUnsafeBytes(of: context.h) { state in
                for index in 0..<8 {
                    out.storeBytes(of: state.load(fromByteOffset: index * 4, as: UInt32.self).bigEndian, toByteOffset: index * 4, as: UInt32.self)
                }
            }
        }
        return TreeHash(words: words)
    }
}

/// OpenSSL's SHA-256 block function, from libcrypto loaded at its first use (the fallback on CPUs
/// without SHA extensions, or with `AUTOID_SHA256=openssl`): no executable links libcrypto, whose
/// loading cost every command about 0.55 ms at start. The module COpenSSLCrypto gives the types only.
/// When libcrypto cannot be loaded, the first use ends the process with one line naming it and the
/// package to install (exit status 4).
enum OpenSSLSHA256 {
    struct Functions: @unchecked Sendable {
        let initialize: @convention(c) (UnsafeMutablePointer<SHA256_CTX>?) -> Int32
        let transform: @convention(c) (UnsafeMutablePointer<SHA256_CTX>?, UnsafePointer<UInt8>?) -> Void
    }

    static let specification = SystemLibrary.Specification(name: "libcrypto (OpenSSL 3)", fileNames: ["libcrypto.so.3"], debianPackage: "libssl3")

    static let loaded = Result { () throws(SystemLibraryError) in
        let library = try SystemLibrary.load(specification)
        return Functions(initialize: try library.function("SHA256_Init"), transform: try library.function("SHA256_Transform"))
    }

    static var functions: Functions {
        switch loaded {
        case .success(let functions): functions
        case .failure(let error): SystemLibrary.exit(with: error)
        }
    }
}
