import Foundation
import Testing

@testable import AutoIDThreads

@Suite("Threads")
struct ThreadsTests {
    #if os(Linux)
    /// Our own count: the CPUs the affinity mask allows (as the kernel lists them in /proc/self/status,
    /// so `taskset -c 0` gives 1, where Foundation's count said 2 here), never more than Foundation's.
    @Test func coreCountFollowsTheAffinityMask() throws {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("Cpus_allowed:") })
        let mask = line.dropFirst("Cpus_allowed:".count).filter { $0.isHexDigit }
        let allowed = mask.reduce(0) { $0 + (Int(String($1), radix: 16) ?? 0).nonzeroBitCount }
        #expect(CoreCount.affinityCount() == allowed)
        #expect(Threads.available >= 1 && Threads.available <= allowed)
        #expect(Threads.available <= max(1, ProcessInfo.processInfo.activeProcessorCount))
    }

    @Test func cgroupQuotasRoundUpToWholeCores() {
        #expect(CoreCount.quotaCores(v2: "max 100000") == nil)
        #expect(CoreCount.quotaCores(v2: "150000 100000") == 2)
        #expect(CoreCount.quotaCores(v2: "100000 100000") == 1)
        #expect(CoreCount.quotaCores(v2: "50000 100000") == 1)
        #expect(CoreCount.quotaCores(v2: "400000 100000") == 4)
        #expect(CoreCount.quotaCores(v2: "garbage") == nil)
        #expect(CoreCount.quotaCores(quota: "-1", period: "100000") == nil)
        #expect(CoreCount.quotaCores(quota: "250000", period: "100000") == 3)
        #expect(CoreCount.quotaCores(quota: "100000", period: "0") == nil)
    }
    #endif

    @Test(arguments: [1, 2, 3, 8])
    func forEachVisitsEveryIndexOnce(threads: Int) {
        for count in [0, 1, 2, 7, 1000] {
            let seen = Counter(count: count)
            Threads.forEach(count: count, threads: threads) { seen.add($0) }
            #expect(seen.values == [Int](repeating: 1, count: count), "\(count) indices on \(threads) threads")
        }
    }

    @Test func mapKeepsIndexOrderAndUsesSeveralThreads() {
        let threadsSeen = Locked(Set<UInt>())
        let ids = Threads.map(count: 400, threads: 4) { index -> (Int, UInt) in
            let me = UInt(bitPattern: Int(bitPattern: pthread_self()))
            threadsSeen.withLock { _ = $0.insert(me) }
            // Index 0 waits (up to 10 s) until another thread has taken an index, so that one thread
            // cannot take them all first, however the threads are scheduled.
            var waited = 0
            while index == 0 && threadsSeen.withLock({ $0.count }) < 2 && waited < 100_000 {
                usleep(100)
                waited += 1
            }
            return (index * index, me)
        }
        #expect(ids.map(\.0) == (0..<400).map { $0 * $0 })
        #expect(Set(ids.map(\.1)).count > 1)
        #expect(Threads.map(count: 0, threads: 4) { $0 }.isEmpty)
    }

    @Test func runStartsEveryShare() {
        let seen = Counter(count: 5)
        Threads.run(5) { seen.add($0) }
        #expect(seen.values == [1, 1, 1, 1, 1])
    }

    /// Counts calls per index from several threads.
    struct Stop: Error, Equatable { let index: Int }

    @Test(arguments: [1, 2, 3])
    func forEachWithScratchVisitsEveryIndexOnceInAThreadsOwnBuffer(threads: Int) {
        let seen = Counter(count: 500)
        Threads.forEach(count: 500, threads: threads, scratchBytes: 100) { (index, scratch) throws(Never) in
            #expect(scratch.count == 100 && Int(bitPattern: scratch.baseAddress) % 64 == 0)
            // The buffer is this thread's alone: what is written stays until the next call.
            scratch.storeBytes(of: index, as: Int.self)
            usleep(20)
            #expect(scratch.load(as: Int.self) == index)
            seen.add(index)
        }
        #expect(seen.values == [Int](repeating: 1, count: 500))
    }

    /// The first error is thrown; every index claimed before the failing one ran, none twice. On one
    /// thread nothing after it starts; on two, how many the other thread claims before the failure is
    /// recorded depends on scheduling (a bound on it failed once under ASan), so that the claims stop is
    /// tested on the claims themselves below.
    @Test(arguments: [1, 2])
    func forEachWithScratchStopsAtTheFirstErrorAndThrowsIt(threads: Int) {
        let seen = Counter(count: 1000)
        #expect(throws: Stop(index: 10)) {
            try Threads.forEach(count: 1000, threads: threads, scratchBytes: 8) { (index, _) throws(Stop) in
                seen.add(index)
                if index == 10 { throw Stop(index: 10) }
            }
        }
        let values = seen.values
        #expect(values.prefix(11).allSatisfy { $0 == 1 } && values.allSatisfy { $0 <= 1 })
        if threads == 1 { #expect(values.reduce(0, +) == 11) }
    }

    @Test func noIndexIsClaimedAfterAFailureAndTheFirstFailureIsKept() {
        let claims = FailingClaims(count: 10)
        #expect(claims.next() == 0 && claims.next() == 1 && claims.next() == 2)
        claims.fail(Stop(index: 1))
        #expect(claims.next() == nil)
        claims.fail(Stop(index: 2))
        #expect(claims.next() == nil)
        #expect(claims.failure as? Stop == Stop(index: 1))
        let finished = FailingClaims(count: 2)
        #expect(finished.next() == 0 && finished.next() == 1 && finished.next() == nil && finished.failure == nil)
    }

    /// Every thread's changes under the lock are kept (a lost update would show as a short count or
    /// a missing element), and the lock is held across the whole body (the two halves of a pair
    /// written in one call are never seen apart).
    @Test(arguments: [2, 4])
    func lockedValuesLoseNoUpdateFromAnyThread(threads: Int) {
        let count = Locked(0)
        let pair = Locked((0, 0))
        let seen = Locked<[Int]>([])
        let torn = Locked(0)
        Threads.run(threads) { thread in
            for round in 0..<2_000 {
                count.withLock { $0 += 1 }
                pair.withLock { value in
                    value.0 += 1
                    if round % 64 == 0 { sched_yield() }  // another thread may run, but not in here
                    value.1 += 1
                }
                let (first, second) = pair.withLock { $0 }
                if first != second { torn.withLock { $0 += 1 } }
            }
            seen.withLock { $0.append(thread) }
        }
        #expect(count.withLock { $0 } == threads * 2_000)
        #expect(pair.withLock { $0.0 } == threads * 2_000)
        #expect(torn.withLock { $0 } == 0)
        #expect(seen.withLock { $0.sorted() } == Array(0..<threads))
    }

    @Test func lockedPassesResultsAndErrorsThrough() {
        let value = Locked([1, 2, 3])
        #expect(value.withLock { $0.reduce(0, +) } == 6)
        #expect(throws: Stop(index: 3)) {
            try value.withLock { (numbers) throws(Stop) in
                numbers.append(4)
                throw Stop(index: 3)
            }
        }
        // A throwing body keeps what it changed before it threw, and releases the lock.
        #expect(value.withLock { $0 } == [1, 2, 3, 4])
    }

    // MARK: CallingThreadExecutor

    /// Whether this code runs on the thread `caller` names.
    static func on(_ caller: pthread_t) -> Bool { pthread_equal(pthread_self(), caller) != 0 }

    struct NoThread: Error {}

    /// Runs `body` on a new plain thread, as the tools call `CallingThreadExecutor.run` (from `main`,
    /// never from a task), and awaits it without holding one of the concurrency runtime's threads:
    /// the tests run on those, and blocking them (two on a 2-core machine) while an operation waits for
    /// work sent to them waits forever. The result comes back through a `Locked`, which ThreadSanitizer
    /// sees, rather than through the continuation.
    static func onPlainThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        let outcome = Locked<Result<T, any Error>?>(nil)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let started = Threads.detach {
                let result = Result { try body() }
                outcome.withLock { $0 = result }
                continuation.resume()
            }
            if !started {
                outcome.withLock { $0 = .failure(NoThread()) }
                continuation.resume()
            }
        }
        return try outcome.withLock { $0 }!.get()
    }

    @Test func callingThreadExecutorReturnsWhatTheOperationReturnsOrThrows() async throws {
        #expect(try await Self.onPlainThread { try CallingThreadExecutor.run { 42 } } == 42)
        await #expect(throws: Stop(index: 3)) {
            try await Self.onPlainThread { try CallingThreadExecutor.run { () async throws -> Int in throw Stop(index: 3) } }
        }
    }

    /// The operation, what it awaits, its `async let` and task-group children (which inherit its
    /// executor) all run on the calling thread.
    @Test func callingThreadExecutorRunsEveryJobOnTheCallingThread() async throws {
        let checks = try await Self.onPlainThread {
            let caller = pthread_self()
            @Sendable func nested(_ depth: Int) async -> Bool {
                await Task.yield()
                guard Self.on(caller) else { return false }
                return depth == 0 ? true : await nested(depth - 1)
            }
            return try CallingThreadExecutor.run { () async -> [Bool] in
                var checks = [Self.on(caller), await nested(5)]
                async let child = nested(2)
                checks.append(await child)
                let grouped = await withTaskGroup(of: Bool.self) { group in
                    for _ in 0..<4 { group.addTask { await nested(1) } }
                    return await group.reduce(into: [Bool]()) { $0.append($1) }
                }
                return checks + grouped + [Self.on(caller)]
            }
        }
        #expect(checks == Array(repeating: true, count: 8))
    }

    /// Children sent to the global executor run there (on other threads) and the operation resumes on
    /// the calling thread as each finishes; a continuation resumed from another thread wakes it too.
    @Test func callingThreadExecutorResumesAfterWorkOnOtherThreads() async throws {
        let (sum, resumedHere, elsewhere) = try await Self.onPlainThread {
            let caller = pthread_self()
            return try CallingThreadExecutor.run { () async -> (Int, Bool, Int) in
                var resumedHere = true
                var elsewhere = 0
                let sum = await withTaskGroup(of: (Int, Bool).self) { group in
                    for index in 1...8 {
                        group.addTask(executorPreference: globalConcurrentExecutor) {
                            usleep(200)
                            return (index, Self.on(caller))
                        }
                    }
                    var sum = 0
                    for await (index, onCaller) in group {
                        sum += index
                        if !onCaller { elsewhere += 1 }
                        resumedHere = resumedHere && Self.on(caller)
                    }
                    return sum
                }
                let value = await withCheckedContinuation { continuation in
                    _ = Threads.detach {
                        usleep(2_000)
                        continuation.resume(returning: 5)
                    }
                }
                return (sum + value, resumedHere && Self.on(caller), elsewhere)
            }
        }
        #expect(sum == 36 + 5)
        #expect(resumedHere)
        #expect(elsewhere == 8, "children preferring the global executor run on its threads")
    }

    /// What the operation wrote on another thread (here in a stretch it runs on the global executor) is
    /// seen by the caller after `run` returns: ThreadSanitizer, which runs this suite, reports a race if
    /// the hops do not order the two. (A continuation resumed by a plain thread before its task has
    /// suspended is ordered only by the concurrency runtime's own atomics, which ThreadSanitizer does
    /// not see: that case is left out.)
    @Test func callingThreadExecutorOrdersWritesOnOtherThreadsBeforeItsReturn() async throws {
        final class Scratch: @unchecked Sendable { var bytes = [UInt8](repeating: 0, count: 64) }
        let failures = try await Self.onPlainThread {
            let caller = pthread_self()
            var failures: [Int] = []
            for round in 0..<100 {
                let scratch = Scratch()
                let (value, wroteElsewhere) = try CallingThreadExecutor.run { () async -> (Int, Bool) in
                    let elsewhere = await withTaskExecutorPreference(globalConcurrentExecutor) { () async -> Bool in
                        for index in scratch.bytes.indices { scratch.bytes[index] = UInt8(truncatingIfNeeded: round &+ index) }
                        return !Self.on(caller)
                    }
                    return (round, elsewhere && Self.on(caller))
                }
                if value != round || !wroteElsewhere || scratch.bytes != (0..<64).map({ UInt8(truncatingIfNeeded: round &+ $0) }) {
                    failures.append(round)
                }
            }
            return failures
        }
        #expect(failures == [])
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var counts: [Int]
        init(count: Int) { counts = Array(repeating: 0, count: count) }
        func add(_ index: Int) {
            lock.lock()
            counts[index] += 1
            lock.unlock()
        }
        var values: [Int] {
            lock.lock()
            defer { lock.unlock() }
            return counts
        }
    }
}
