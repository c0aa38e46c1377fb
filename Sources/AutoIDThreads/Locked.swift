#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A value that threads share, behind a lock: the one lock type of the code base, on a
/// `pthread_mutex_t` that this object owns.
///
/// Why not `Synchronization.Mutex`: on Linux it waits on a futex itself, which ThreadSanitizer does
/// not see, so the sanitizer stage of `scripts/test` can neither check the code under such a lock nor
/// order what happens inside it (it reports races that the lock prevents, or misses real ones).
/// ThreadSanitizer intercepts `pthread_mutex_lock`. For a counter or a flag that orders nothing else,
/// an `Atomic` is enough (the sanitizer sees atomics too); this is for anything larger.
public final class Locked<Value> {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private var value: Value

    /// A lock around `value`.
    public init(_ value: Value) {
        self.value = value
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` on the value while holding the lock, and returns what it returns. Keep `body`
    /// short, and never call `withLock` of the same object inside it: the mutex is not recursive, so
    /// that would wait forever.
    public func withLock<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}

/// Sendable when what it guards is: every access goes through the lock.
extension Locked: @unchecked Sendable where Value: Sendable {}
