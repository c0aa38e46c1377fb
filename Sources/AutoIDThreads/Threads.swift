// AutoIDThreads: the one place that starts threads. Hashing splits one input over cores
// (`Threads.run`), batch verification spreads many inputs over cores (`Threads.map`), and reading
// overlaps I/O with hashing (`Threads.detach`).
//
// Plain pthreads on Linux rather than Dispatch: measured on a busy 2-core machine,
// `DispatchQueue.concurrentPerform` often ran every iteration on the calling thread (the pool did not
// grow), so asking for two threads was no faster than one.

import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum Threads {
    /// The number of cores this process may use (its CPU affinity, capped by a cgroup CPU quota), at
    /// least 1; read once (``CoreCount``).
    public static var available: Int { CoreCount.available }

    /// Runs `body(0)`, ..., `body(count - 1)` at the same time: `count - 1` new threads plus the
    /// calling one, and returns when all have finished. A thread that cannot be started has its share
    /// run on the calling thread, so the work is always done.
    public static func run(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        var started: [Joinable] = []
        for index in 1..<max(count, 1) {
            if let thread = Joinable.start({ body(index) }) {
                started.append(thread)
            } else {
                body(index)
            }
        }
        body(0)
        for thread in started { thread.join() }
    }

    /// `body(0..<count)` on up to `threads` threads (the calling thread is one of them), each thread
    /// taking the next index when it is done with one; results in index order.
    public static func map<T: Sendable>(count: Int, threads: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let results = ResultSlots<T>(count: count)
        forEach(count: count, threads: threads) { results.store(body($0), at: $0) }
        return results.values()
    }

    /// Calls `body` once for every index in `0..<count` on up to `threads` threads (the calling thread
    /// is one of them). Indices are handed out one at a time as threads become free, so a thread slowed
    /// down by other work on its core simply takes fewer of them.
    public static func forEach(count: Int, threads: Int, _ body: @escaping @Sendable (Int) -> Void) {
        guard count > 0 else { return }
        let queue = IndexQueue(count: count)
        run(max(1, min(threads, count))) { _ in
            while let index = queue.claim() { body(index) }
        }
    }

    /// Calls `body(index, scratch)` once for every index in `0..<count` on up to `threads` threads (the
    /// calling thread is one of them), indices handed out one at a time as threads become free; each
    /// thread passes `body` the same scratch buffer of `scratchBytes` bytes (64-byte aligned) of its own,
    /// every time. After the first error no further index is started (calls already running finish), and
    /// that error is thrown once every thread has finished. For work that reads each piece into a buffer
    /// and works on it there (hashing a file by positioned reads).
    public static func forEach<Failure: Error>(
        count: Int, threads: Int, scratchBytes: Int,
        _ body: @escaping @Sendable (_ index: Int, _ scratch: UnsafeMutableRawBufferPointer) throws(Failure) -> Void
    ) throws(Failure) {
        guard count > 0 else { return }
        let claims = FailingClaims(count: count)
        run(max(1, min(threads, count))) { _ in
            let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: max(scratchBytes, 1), alignment: 64)
            defer { scratch.deallocate() }
            while let index = claims.next() {
                do throws(Failure) {
                    try body(index, UnsafeMutableRawBufferPointer(rebasing: scratch[..<scratchBytes]))
                } catch {
                    claims.fail(error)
                    return
                }
            }
        }
        if let failure = claims.failure { throw failure as! Failure }
    }

    /// Starts `body` on a new thread nobody waits for. Returns false if no thread could be started.
    @discardableResult
    public static func detach(_ body: @escaping @Sendable () -> Void) -> Bool {
        guard let thread = Joinable.start(body) else { return false }
        thread.detach()
        return true
    }
}

/// One started pthread; joined or detached exactly once.
private struct Joinable {
    let handle: pthread_t

    /// The closure, retained for the new thread, which releases it.
    private final class Work {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    static func start(_ body: @escaping @Sendable () -> Void) -> Joinable? {
        let context = Unmanaged.passRetained(Work(body)).toOpaque()
        #if os(Linux)
        var handle = pthread_t()
        #else
        var handle: pthread_t?
        #endif
        let status = pthread_create(
            &handle, nil,
            { context in
                #if os(Linux)
                let work = Unmanaged<Work>.fromOpaque(context!).takeRetainedValue()
                #else
                let work = Unmanaged<Work>.fromOpaque(context).takeRetainedValue()
                #endif
                work.body()
                return nil
            }, context)
        guard status == 0 else {
            Unmanaged<Work>.fromOpaque(context).release()
            return nil
        }
        #if os(Linux)
        return Joinable(handle: handle)
        #else
        return Joinable(handle: handle!)
        #endif
    }

    func join() { pthread_join(handle, nil) }
    func detach() { pthread_detach(handle) }
}

/// The next index to hand out, shared by the workers of `Threads.forEach`.
private final class IndexQueue: Sendable {
    private let next = Locked(0)
    private let count: Int

    init(count: Int) { self.count = count }

    func claim() -> Int? {
        next.withLock { next in
            guard next < count else { return nil }
            next += 1
            return next - 1
        }
    }
}

/// One result slot per index, each written by exactly one worker before `values()` reads them all.
private final class ResultSlots<T>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<T?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    /// Different indices never share a slot, so workers need no lock; `Threads.run` joining the workers
    /// orders these writes before `values()`.
    func store(_ value: T, at index: Int) { slots[index] = value }

    func values() -> [T] { slots.map { $0! } }
}

/// The indices of ``Threads/forEach(count:threads:scratchBytes:_:)``, handed out until the first error
/// (internal for its tests: when the failure lands among other threads' claims depends on scheduling).
final class FailingClaims: @unchecked Sendable {
    private let count: Int
    private let nextIndex = Atomic<Int>(0)
    /// Set once, by the first thread that fails; the others then claim nothing more.
    private let stopped = Atomic<Bool>(false)
    /// Written only by the thread that set `stopped`, read only after every thread has been joined: the
    /// exchange and the joins order it, no lock is needed.
    private var firstFailure: (any Error)?

    init(count: Int) { self.count = count }

    /// The next index, or nil when none is left or a thread has failed.
    func next() -> Int? {
        guard !stopped.load(ordering: .relaxed) else { return nil }
        let index = nextIndex.wrappingAdd(1, ordering: .relaxed).oldValue
        return index < count ? index : nil
    }

    func fail(_ error: any Error) {
        if stopped.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged { firstFailure = error }
    }

    /// The first error; read it after the threads are joined.
    var failure: (any Error)? { firstFailure }
}
