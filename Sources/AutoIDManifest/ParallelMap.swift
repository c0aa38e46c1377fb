import Foundation

/// Runs independent jobs on several threads (work queue: each thread takes the next index), for
/// verifying many envelopes at once. libsodium has no batch verification, so "batch" means all cores.
enum ParallelMap {
    /// `body(0..<count)` on `threads` threads (the calling thread is one of them); results in index order.
    static func map<T: Sendable>(count: Int, threads: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let workers = max(1, min(threads, count))
        let state = SharedState<T>(count: count)
        let work: @Sendable () -> Void = {
            while let index = state.claim() { state.store(body(index), at: index) }
        }
        let done = DispatchGroup()
        for _ in 1..<workers {
            done.enter()
            let thread = Thread {
                work()
                done.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        work()
        done.wait()
        return state.results()
    }

    /// The queue position and the result slots, shared by the workers under one lock.
    private final class SharedState<T>: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private var slots: [T?]

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func claim() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard next < slots.count else { return nil }
            next += 1
            return next - 1
        }

        func store(_ value: T, at index: Int) {
            lock.lock()
            slots[index] = value
            lock.unlock()
        }

        func results() -> [T] { slots.map { $0! } }
    }
}
