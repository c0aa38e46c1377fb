#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs an `async` operation from synchronous code on the calling thread, without the concurrency
/// runtime's worker threads.
///
/// The operation runs as a task that prefers this executor (SE-0417 task executors): its jobs, and
/// those of the tasks it awaits that inherit the preference (child tasks, default actors), are run here,
/// one at a time, by ``run(_:)``. A one-envelope `autoid-verify --trust` run used to hand its task to
/// the global executor and sleep until a Dispatch worker thread (started for it) was done; here it
/// stays on one thread. Work that wants every core asks for it: a task group's children can be added
/// with `executorPreference: globalConcurrentExecutor` (see `ProvenanceVerifier.verifyAll`). A job
/// another thread enqueues (a child finishing on a worker) wakes the calling thread.
///
/// On a `pthread_mutex_t` and a `pthread_cond_t` this object owns, as ``Locked`` is, so that
/// ThreadSanitizer sees what orders the enqueuing threads with the running one.
public final class CallingThreadExecutor: TaskExecutor, @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// Guarded by `mutex`: the jobs not yet run, oldest first from `next`.
    private var jobs: [UnownedJob] = []
    private var next = 0
    /// Guarded by `mutex`: whether the operation has finished.
    private var finished = false

    private init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(changed, nil)
    }

    deinit {
        pthread_cond_destroy(changed)
        pthread_mutex_destroy(mutex)
        changed.deallocate()
        mutex.deallocate()
    }

    /// Runs `operation` as a task whose jobs run on the calling thread, and returns what it returns or
    /// throws what it throws. Call it from plain threads only, never from a task: the calling thread
    /// is busy until `operation` is done (it runs the jobs), and nothing here serves the main actor.
    public static func run<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) throws -> T {
        let executor = CallingThreadExecutor()
        let outcome = Outcome<T>()
        Task(executorPreference: executor) {
            do {
                outcome.result = .success(try await operation())
            } catch {
                outcome.result = .failure(error)
            }
            executor.finish()
        }
        executor.runJobsUntilFinished()
        guard let result = outcome.result else { preconditionFailure("CallingThreadExecutor: the operation finished without a result") }
        return try result.get()
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        pthread_mutex_lock(mutex)
        jobs.append(job)
        pthread_cond_signal(changed)
        pthread_mutex_unlock(mutex)
    }

    private func finish() {
        pthread_mutex_lock(mutex)
        finished = true
        pthread_cond_signal(changed)
        pthread_mutex_unlock(mutex)
    }

    /// Runs the jobs as they come, until the operation has finished and no job is left.
    private func runJobsUntilFinished() {
        let executor = asUnownedTaskExecutor()
        while true {
            pthread_mutex_lock(mutex)
            while next == jobs.count && !finished {
                pthread_cond_wait(changed, mutex)  // wakes spuriously at times: the loop looks again
            }
            guard next < jobs.count else {
                pthread_mutex_unlock(mutex)
                return
            }
            let job = jobs[next]
            next += 1
            if next == jobs.count {
                jobs.removeAll(keepingCapacity: true)
                next = 0
            }
            pthread_mutex_unlock(mutex)
            job.runSynchronously(on: executor)
        }
    }

    /// The operation's result, written by the task before it calls `finish()` and read by the calling
    /// thread after `runJobsUntilFinished()` returns (ordered by the executor's mutex).
    private final class Outcome<T>: @unchecked Sendable {
        var result: Result<T, any Error>?
    }
}
