internal import COpenSSLCrypto

/// SHA-256 of messages of one or two 64-byte blocks, padded here and compressed with OpenSSL's block
/// function (which uses the CPU's SHA extensions).
///
/// Why: a Merkle node is 65 bytes and a small leaf under 56, so each hash is one or two compressions,
/// and a general init/update/final call (swift-crypto's, or OpenSSL's EVP) costs several times the
/// compressions themselves. Padding by hand is FIPS 180-4 section 5.1.1: a 0x80 byte, zeros, and the
/// message length in bits as a 64-bit big-endian number at the end of the last block.
enum SHA256Blocks {
    /// The longest message that fits one block with its padding.
    static let oneBlockLimit = 55

    /// SHA-256 of `prefix || message` for `1 + message.count <= 55`, in one compression.
    @inline(__always)
    static func hashOneBlock(prefix: UInt8, _ message: UnsafeRawBufferPointer) -> TreeHash {
        withUnsafeTemporaryAllocation(byteCount: 64, alignment: 8) { block in
            block.initializeMemory(as: UInt8.self, repeating: 0)
            block[0] = prefix
            UnsafeMutableRawBufferPointer(rebasing: block[1..<1 + message.count]).copyMemory(from: message)
            block[1 + message.count] = 0x80
            storeLength(bits: UInt64(1 + message.count) * 8, in: block)
            var context = SHA256_CTX()
            SHA256_Init(&context)
            SHA256_Transform(&context, block.baseAddress!.assumingMemoryBound(to: UInt8.self))
            return digest(context)
        }
    }

    /// SHA-256 of `0x01 || left || right` (65 bytes), in two compressions.
    @inline(__always)
    static func hashNode(_ left: TreeHash, _ right: TreeHash) -> TreeHash {
        withUnsafeTemporaryAllocation(byteCount: 128, alignment: 8) { blocks in
            blocks[0] = 1
            left.withBytes { UnsafeMutableRawBufferPointer(rebasing: blocks[1..<33]).copyMemory(from: $0) }
            right.withBytes { UnsafeMutableRawBufferPointer(rebasing: blocks[33..<65]).copyMemory(from: $0) }
            blocks[65] = 0x80
            UnsafeMutableRawBufferPointer(rebasing: blocks[66..<120]).initializeMemory(as: UInt8.self, repeating: 0)
            storeLength(bits: 65 * 8, in: UnsafeMutableRawBufferPointer(rebasing: blocks[64..<128]))
            var context = SHA256_CTX()
            SHA256_Init(&context)
            let base = blocks.baseAddress!.assumingMemoryBound(to: UInt8.self)
            SHA256_Transform(&context, base)
            SHA256_Transform(&context, base + 64)
            return digest(context)
        }
    }

    /// Writes the 64-bit big-endian bit length into the last 8 bytes of a 64-byte block.
    @inline(__always)
    private static func storeLength(bits: UInt64, in block: UnsafeMutableRawBufferPointer) {
        UnsafeMutableRawBufferPointer(rebasing: block[56..<64]).storeBytes(of: bits.bigEndian, as: UInt64.self)
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
