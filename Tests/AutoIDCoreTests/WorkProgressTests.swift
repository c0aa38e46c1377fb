import AutoIDThreads
import Testing

@testable import AutoIDFiles

/// The process-wide progress counters and the guard around output (which a progress display sets),
/// used from every thread at once. Part of the ThreadSanitizer stage of scripts/test.
@Suite("Work progress across threads")
struct WorkProgressTests {
    /// Counters shared with every other test running meanwhile: only what this test adds is known.
    @Test func countersKeepEveryThreadsAdditions() {
        let bytes = WorkProgress.bytesRead
        let items = WorkProgress.itemsDone
        Threads.run(4) { _ in
            for _ in 0..<1_000 {
                WorkProgress.addBytes(3)
                WorkProgress.addItems()
            }
        }
        #expect(WorkProgress.bytesRead - bytes >= 4 * 3_000)
        #expect(WorkProgress.itemsDone - items >= 4 * 1_000)
    }

    /// Every write runs exactly once, inside the guard while one is set, also while another thread sets
    /// and removes the guard. (Only a progress display sets a guard; none runs in the test process. Any
    /// other test's output written meanwhile only counts as more guarded writes.)
    @Test func everyWriteRunsOnceWhileTheGuardIsSetAndRemoved() {
        let written = Locked(0)
        let guarded = Locked(0)
        let outputGuard: WorkProgress.OutputGuard = { write in
            guarded.withLock { $0 += 1 }
            write()
        }
        WorkProgress.setOutputGuard(outputGuard)
        defer { WorkProgress.setOutputGuard(nil) }
        Threads.run(4) { _ in
            for _ in 0..<500 { WorkProgress.writingOutput { written.withLock { $0 += 1 } } }
        }
        #expect(written.withLock { $0 } == 2_000)
        #expect(guarded.withLock { $0 } >= 2_000)

        Threads.run(4) { thread in
            for round in 0..<500 {
                if thread == 0 {
                    WorkProgress.setOutputGuard(round % 2 == 0 ? nil : outputGuard)
                } else {
                    WorkProgress.writingOutput { written.withLock { $0 += 1 } }
                }
            }
        }
        #expect(written.withLock { $0 } == 2_000 + 3 * 500)

        WorkProgress.setOutputGuard(nil)
        let before = guarded.withLock { $0 }
        WorkProgress.writingOutput { written.withLock { $0 += 1 } }
        #expect(written.withLock { $0 } == 2_000 + 3 * 500 + 1)
        #expect(guarded.withLock { $0 } == before)  // no guard: written directly
    }
}
