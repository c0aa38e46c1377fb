// Public API.

import AutoIDBLAKE3Kernel

/// BLAKE3 (hash, keyed_hash and derive_key modes, extendable output), streaming or one-shot.
///
/// Value type: copying a hasher forks the computation. `finalize` does not consume the hasher,
/// so more input may be added afterwards.
///
/// Chunks are hashed by the fastest SIMD kernel this CPU supports (`BLAKE3Kernel.selected`),
/// including when input arrives in small, uneven pieces: `update` buffers up to 64 KiB and hashes
/// whole runs of chunks at once, so memory stays bounded and the SIMD kernel stays busy.
public struct BLAKE3: Sendable {
    /// The default output length in bytes.
    public static let outputByteCount = 32

    var tree: TreeState  // internal: StreamingParallel.swift extends the streaming path
    /// For `parallelOneShot` (Parallel.swift), which is only called on fresh hashers.
    var treeForParallel: TreeState { tree }
    /// Input not yet hashed: less than or equal to `TreeState.subtreeBytes`, starting at chunk
    /// `tree.chunkCounter`. Kept back (even when full) until more input proves it is not the end.
    var pending: [UInt8] = []

    // MARK: Initialisers

    /// Hash mode, with the default kernel (`BLAKE3Kernel.selected`).
    public init() {
        self.init(impl: KernelImpl(BLAKE3Kernel.selected))
    }

    /// keyed_hash mode. `key` must be exactly 32 bytes (precondition: trapping, not throwing —
    /// a wrong key length is a programming error).
    public init(key: [UInt8]) {
        self.init(key: key, impl: KernelImpl(BLAKE3Kernel.selected))
    }

    /// derive_key mode, with the given (hard-coded, globally unique) context string.
    public init(deriveKeyContext: String) {
        self.init(deriveKeyContext: deriveKeyContext, impl: KernelImpl(BLAKE3Kernel.selected))
    }

    /// Hash mode using a specific kernel. Precondition: `kernel.isSupported`.
    public init(kernel: BLAKE3Kernel) {
        self.init(impl: KernelImpl(kernel))
    }

    /// keyed_hash mode using a specific kernel. Preconditions: 32-byte key, `kernel.isSupported`.
    public init(key: [UInt8], kernel: BLAKE3Kernel) {
        self.init(key: key, impl: KernelImpl(kernel))
    }

    /// derive_key mode using a specific kernel. Precondition: `kernel.isSupported`.
    public init(deriveKeyContext: String, kernel: BLAKE3Kernel) {
        self.init(deriveKeyContext: deriveKeyContext, impl: KernelImpl(kernel))
    }

    init(impl: KernelImpl) {
        tree = TreeState(key: Self.ivKey, flags: 0, kernel: impl)
    }

    init(key: [UInt8], impl: KernelImpl) {
        precondition(key.count == BLAKE3Size.key, "BLAKE3 key must be 32 bytes, got \(key.count)")
        tree = TreeState(key: Self.words(key), flags: BLAKE3Flags.keyedHash, kernel: impl)
    }

    init(deriveKeyContext context: String, impl: KernelImpl) {
        // Spec 2.3: hash the context string with flag DERIVE_KEY_CONTEXT; its 32-byte output is
        // the key for hashing the key material with flag DERIVE_KEY_MATERIAL.
        var contextHasher = BLAKE3(impl: impl)
        contextHasher.tree = TreeState(key: Self.ivKey, flags: BLAKE3Flags.deriveKeyContext, kernel: impl)
        contextHasher.update(Array(context.utf8))
        let contextKey = contextHasher.finalize()
        tree = TreeState(key: Self.words(contextKey), flags: BLAKE3Flags.deriveKeyMaterial, kernel: impl)
    }

    private static let ivKey = ChainingValue(
        blake3IV.0, blake3IV.1, blake3IV.2, blake3IV.3,
        blake3IV.4, blake3IV.5, blake3IV.6, blake3IV.7)

    private static func words(_ key: [UInt8]) -> ChainingValue {
        var cv = ChainingValue()
        for i in 0..<8 {
            cv[i] =
                UInt32(key[4 * i]) | UInt32(key[4 * i + 1]) << 8
                | UInt32(key[4 * i + 2]) << 16 | UInt32(key[4 * i + 3]) << 24
        }
        return cv
    }

    // MARK: Streaming

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard var input = bytes.baseAddress, bytes.count > 0 else { return }
        var remaining = bytes.count
        let subtreeBytes = TreeState.subtreeBytes
        if !pending.isEmpty {
            // Top the buffer up; hash it only if input remains (else it may hold the last chunk).
            let take = min(subtreeBytes - pending.count, remaining)
            pending.append(contentsOf: UnsafeRawBufferPointer(start: input, count: take))
            input += take
            remaining -= take
            guard remaining > 0 else { return }
            pending.withUnsafeBytes { tree.absorbSubtree($0.baseAddress!, chunks: TreeState.subtreeChunks) }
            pending.removeAll(keepingCapacity: true)
        }
        // Hash whole subtrees straight from the caller's buffer, keeping at least one byte back (and
        // the counter a multiple of the subtree, for the buffer): batches of up to 512 chunks.
        if remaining > subtreeBytes {
            let subtrees = (remaining - 1) / subtreeBytes
            tree.absorbUnalignedChunks(input, count: subtrees * TreeState.subtreeChunks)
            input += subtrees * subtreeBytes
            remaining -= subtrees * subtreeBytes
        }
        if pending.capacity < subtreeBytes && pending.count + remaining > 4096 {
            pending.reserveCapacity(subtreeBytes)
        }
        pending.append(contentsOf: UnsafeRawBufferPointer(start: input, count: remaining))
    }

    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The 32-byte hash of everything passed to `update` so far.
    public func finalize() -> [UInt8] {
        finalize(outputByteCount: Self.outputByteCount)
    }

    /// Extendable output: `outputByteCount` bytes (any length ≥ 0). Shorter outputs are prefixes
    /// of longer ones.
    public func finalize(outputByteCount: Int) -> [UInt8] {
        pending.withUnsafeBytes { tree.rootOutput(tail: $0) }.rootBytes(count: outputByteCount)
    }

    // MARK: One-shot

    /// The 32-byte hash of `bytes` (hash mode, default kernel).
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        hash(bytes, kernel: BLAKE3Kernel.selected)
    }

    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBytes { hash($0) }
    }

    /// The 32-byte hash of `bytes` using `kernel` (precondition: supported).
    public static func hash(_ bytes: UnsafeRawBufferPointer, kernel: BLAKE3Kernel) -> [UInt8] {
        BLAKE3(kernel: kernel).oneShot(bytes, outputByteCount: outputByteCount)
    }

    /// Finishes a fresh hasher (no `update` yet) over a whole buffer, without copying it.
    func oneShot(_ bytes: UnsafeRawBufferPointer, outputByteCount: Int) -> [UInt8] {
        precondition(pending.isEmpty && tree.chunkCounter == 0)
        return tree.rootOutput(tail: bytes).rootBytes(count: outputByteCount)
    }

    // MARK: Multi-threaded

    /// Hash a whole in-memory buffer (e.g. an mmap'd file) using SIMD and `threads` threads
    /// (subtrees split across threads). Same result as `hash(_:)`. `threads <= 1` hashes on the
    /// calling thread; small inputs are hashed on the calling thread too.
    public static func hashParallel(_ bytes: UnsafeRawBufferPointer, threads: Int) -> [UInt8] {
        hashParallel(bytes, threads: threads, kernel: BLAKE3Kernel.selected)
    }

    /// `hashParallel` using `kernel` (precondition: supported).
    public static func hashParallel(_ bytes: UnsafeRawBufferPointer, threads: Int, kernel: BLAKE3Kernel) -> [UInt8] {
        BLAKE3(kernel: kernel).parallelOneShot(bytes, threads: threads, outputByteCount: outputByteCount)
    }
}
