import AutoIDThreads
import Foundation
import Testing

@Suite("Threads")
struct ThreadsTests {
    @Test(arguments: [1, 2, 3, 8])
    func forEachVisitsEveryIndexOnce(threads: Int) {
        for count in [0, 1, 2, 7, 1000] {
            let seen = Counter(count: count)
            Threads.forEach(count: count, threads: threads) { seen.add($0) }
            #expect(seen.values == [Int](repeating: 1, count: count), "\(count) indices on \(threads) threads")
        }
    }

    @Test func mapKeepsIndexOrderAndUsesSeveralThreads() {
        let ids = Threads.map(count: 400, threads: 4) { index -> (Int, UInt) in
            usleep(200)  // long enough that one thread cannot take every index first
            return (index * index, UInt(bitPattern: Int(bitPattern: pthread_self())))
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
