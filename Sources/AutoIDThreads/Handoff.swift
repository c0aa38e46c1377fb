#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A value that one thread hands to another: one thread calls ``put(_:)`` once, another waits in
/// ``take()`` until the value is there.
///
/// On a `pthread_mutex_t` and a `pthread_cond_t` this object owns, for the reason ``Locked`` gives:
/// ThreadSanitizer sees both, so it orders what the putting thread did before `put` with what the
/// taking thread does after `take`.
public final class Handoff<Value: Sendable>: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let filled = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// Guarded by `mutex`: the value once put, until it is taken.
    private var value: Value?
    /// Guarded by `mutex`: whether `put` was called (a second call is a programming error).
    private var wasPut = false

    /// An empty handoff.
    public init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(filled, nil)
    }

    deinit {
        pthread_cond_destroy(filled)
        pthread_mutex_destroy(mutex)
        filled.deallocate()
        mutex.deallocate()
    }

    /// Hands `newValue` over and wakes the thread waiting in ``take()``. Call it once.
    public func put(_ newValue: Value) {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        precondition(!wasPut, "Handoff.put called twice")
        wasPut = true
        value = newValue
        pthread_cond_signal(filled)
    }

    /// Waits until the value is put, and returns it. Call it once, from one thread.
    public func take() -> Value {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while true {
            if let taken = value {
                value = nil
                return taken
            }
            pthread_cond_wait(filled, mutex)  // wakes spuriously at times: the loop looks again
        }
    }
}
