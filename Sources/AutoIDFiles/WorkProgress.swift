import AutoIDThreads
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How far long work has got, for a progress line on a terminal: bytes read through
/// ``InputSource/forEachChunk(bufferSize:_:)`` and items finished by batch work, counted process-wide
/// (relaxed atomics: a counter costs one add per chunk or item, and only a display reads them).
public enum WorkProgress {
    private static let bytes = Atomic<Int>(0)
    private static let items = Atomic<Int>(0)

    /// Bytes read so far.
    public static var bytesRead: Int { bytes.load(ordering: .relaxed) }
    /// Items finished so far.
    public static var itemsDone: Int { items.load(ordering: .relaxed) }

    /// Counts `count` more bytes read.
    public static func addBytes(_ count: Int) { bytes.add(count, ordering: .relaxed) }
    /// Counts `count` more items finished.
    public static func addItems(_ count: Int = 1) { items.add(count, ordering: .relaxed) }

    /// What wraps every write to standard output or error while a progress display shows: it clears the
    /// display's line, runs the write and keeps the display from drawing meanwhile.
    public typealias OutputGuard = @Sendable (_ write: () -> Void) -> Void

    /// Behind ``Locked`` (a pthread mutex), which ThreadSanitizer sees: output is written from any thread.
    private static let outputGuard = Locked<OutputGuard?>(nil)

    /// Sets (or with nil removes) the guard around output; the progress display sets it while it shows.
    public static func setOutputGuard(_ body: OutputGuard?) { outputGuard.withLock { $0 = body } }

    /// Runs `write` inside the guard set by ``setOutputGuard(_:)``, or directly when there is none.
    public static func writingOutput(_ write: () -> Void) {
        if let body = outputGuard.withLock({ $0 }) { body(write) } else { write() }
    }
}
