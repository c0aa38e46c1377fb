import AutoIDHashing
internal import CSodium

/// Owns secret key material in memory that libsodium guards: locked against swapping, fenced by
/// guard pages, and wiped when the last reference goes away.
///
/// The one place in autoid that allocates secret memory; nothing else copies secrets into plain arrays
/// except at the moment of encoding a key file.
final class SecretBytes: @unchecked Sendable {
    let count: Int
    private let pointer: UnsafeMutableRawPointer

    /// Allocates `count` bytes and lets `initialize` fill them.
    init(count: Int, initialize: (UnsafeMutableRawBufferPointer) throws -> Void) rethrows {
        Sodium.initialize()
        guard let memory = sodium_malloc(count) else {
            fatalError("sodium_malloc could not allocate \(count) bytes of guarded memory")
        }
        self.count = count
        self.pointer = memory
        do {
            try initialize(UnsafeMutableRawBufferPointer(start: memory, count: count))
        } catch {
            sodium_free(memory)
            throw error
        }
    }

    /// Reads the secret; the buffer is valid only inside `body`.
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    deinit {
        sodium_free(pointer)  // zeroes before freeing
    }
}
