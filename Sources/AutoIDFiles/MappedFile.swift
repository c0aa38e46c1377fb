import AutoIDThreads
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file mapped read-only into memory, so hashing reads the page cache in place instead of
/// copying it out with `read` (what b3sum does too).
///
/// A mapping has one danger a read does not: when another process truncates the file under it, touching
/// a page past the new end raises `SIGBUS`, which kills the process. ``MappedFile`` registers its range
/// with a process-wide `SIGBUS` handler (``TruncationGuard``) that maps zero pages over the rest of the
/// range and flags the mapping, so the access completes, reads zeros, and ``wasTruncated`` tells the
/// reader that its result describes no version of the file (callers report "changed while reading").
/// Faults anywhere else go to the handler that was installed before ours (or the default action), as
/// if ours did not exist.
///
/// One owner: the mapping is removed from the guard and unmapped when the value is deinitialised.
final class MappedFile {
    /// The mapped bytes; valid until this object goes away.
    let bytes: UnsafeRawBufferPointer
    private let slot: TruncationGuard.Slot

    /// Maps `size` bytes of `descriptor` from offset 0, or returns `nil` when the system refuses (a file
    /// system without mappings, address space exhausted, or no free guard slot): the caller reads instead.
    init?(descriptor: Int32, size: Int) {
        guard size > 0, let slot = TruncationGuard.reserve() else { return nil }
        guard let base = mmap(nil, size, PROT_READ, MAP_SHARED, descriptor, 0), base != MAP_FAILED else {
            TruncationGuard.release(slot)
            return nil
        }
        #if os(Linux)
        // The pages are read once, in order: read ahead aggressively from disk (no effect on cached pages).
        _ = madvise(base, size, MADV_SEQUENTIAL)
        #endif
        bytes = UnsafeRawBufferPointer(start: base, count: size)
        self.slot = slot
        TruncationGuard.activate(slot, start: UInt(bitPattern: base), end: UInt(bitPattern: base) + UInt(size))
    }

    /// Drops this process's page-table entries for the bytes before `offset` (rounded down to a page):
    /// read once, they are not needed again. The page cache keeps the data; only the mapping lets go, so
    /// resident memory stays at one chunk whatever the file's size (mapped file pages count as resident
    /// while mapped), and unmapping at the end has little left to tear down.
    func release(before offset: Int) {
        let end = offset & ~(Self.pageSize - 1)
        guard end > released else { return }
        release(offset: released, count: end - released)
        released = end
    }

    /// Drops this process's page-table entries for `count` bytes at `offset` (both page-aligned), as
    /// ``release(before:)`` does; touching them again maps them again, from the page cache.
    func release(offset: Int, count: Int) {
        #if os(Linux)
        _ = madvise(UnsafeMutableRawPointer(mutating: bytes.baseAddress! + offset), count, MADV_DONTNEED)
        #endif
    }

    private var released = 0
    /// The system's page size.
    static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// True when a touched page could not be had: past the file's end (it shrank while mapped), or a
    /// page the kernel failed to read (an I/O error); both raise `SIGBUS`, and the guard mapped zeros.
    var wasTruncated: Bool { TruncationGuard.faulted(slot) }

    deinit {
        TruncationGuard.release(slot)
        munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
    }
}

/// The process-wide `SIGBUS` handler for ``MappedFile``: a fixed table of active mappings (lock-free,
/// since a signal handler may run on any thread at any moment) and the handler that consults it.
enum TruncationGuard {
    /// An index into the table.
    struct Slot: Sendable {
        let index: Int
    }

    /// One table entry: the mapped range `[start, end)` (0 when free) and whether a fault was absorbed.
    private final class Entry: Sendable {
        let inUse = Atomic<Bool>(false)
        let start = Atomic<UInt>(0)
        let end = Atomic<UInt>(0)
        let faulted = Atomic<Bool>(false)
    }

    /// How many files may be mapped at once; more fall back to reading.
    static let capacity = 64

    private static let entries: [Entry] = (0..<capacity).map { _ in Entry() }
    /// Whether the handler is installed; behind ``Locked`` (a pthread mutex, which ThreadSanitizer sees),
    /// since the first files may be mapped on several threads at once.
    private static let installed = Locked<Bool>(false)
    /// The action in place before ours, for faults outside our mappings. Written once, under `installed`,
    /// before the handler can run; a pointer, so the handler touches no Swift global through `inout`.
    nonisolated(unsafe) private static let previous = UnsafeMutablePointer<sigaction>.allocate(capacity: 1)
    /// The page size, read before the handler can run (`sysconf` is not async-signal-safe).
    private static let pageSize = UInt(sysconf(Int32(_SC_PAGESIZE)))

    /// Takes a free slot (installing the handler on first use), or `nil` when all are taken or the
    /// handler could not be installed.
    static func reserve() -> Slot? {
        guard install() else { return nil }
        for index in entries.indices where entries[index].inUse.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged {
            entries[index].faulted.store(false, ordering: .relaxed)
            return Slot(index: index)
        }
        return nil
    }

    /// Makes `slot` cover `[start, end)`.
    static func activate(_ slot: Slot, start: UInt, end: UInt) {
        let entry = entries[slot.index]
        entry.end.store(end, ordering: .releasing)
        entry.start.store(start, ordering: .releasing)
    }

    /// Whether a fault in `slot`'s range was absorbed.
    static func faulted(_ slot: Slot) -> Bool { entries[slot.index].faulted.load(ordering: .acquiring) }

    /// Frees `slot`; call before unmapping.
    static func release(_ slot: Slot) {
        let entry = entries[slot.index]
        entry.start.store(0, ordering: .releasing)
        entry.end.store(0, ordering: .releasing)
        entry.inUse.store(false, ordering: .releasing)
    }

    private static func install() -> Bool {
        installed.withLock { done in
            if done { return true }
            // Initialise everything the handler reads before it can run.
            _ = entries.count
            _ = pageSize
            previous.initialize(to: sigaction())
            var action = sigaction()
            #if os(Linux)
            action.__sigaction_handler.sa_sigaction = handleBusError
            #else
            action.__sigaction_u.__sa_sigaction = handleBusError
            #endif
            action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER
            sigemptyset(&action.sa_mask)
            guard sigaction(SIGBUS, &action, previous) == 0 else { return false }
            done = true
            return true
        }
    }

    /// Whether `address` lies in an active mapping; if so, zero pages cover the rest of that mapping
    /// from the page holding `address`, and the entry is flagged. Only async-signal-safe work: atomic
    /// loads and stores, and one `mmap` system call.
    private static func absorb(_ address: UInt) -> Bool {
        let page = pageSize
        for entry in entries {
            let start = entry.start.load(ordering: .acquiring)
            guard start != 0, address >= start else { continue }
            let end = entry.end.load(ordering: .acquiring)
            guard address < end else { continue }
            let from = address & ~(page - 1)
            let zeros = mmap(
                UnsafeMutableRawPointer(bitPattern: from), Int(end - from), PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)
            guard zeros != MAP_FAILED else { return false }
            entry.faulted.store(true, ordering: .releasing)
            return true
        }
        return false
    }

    /// The handler: absorb faults in our mappings; for any other, put the previous action back and return,
    /// so the faulting access runs again and meets that action (by default: death by `SIGBUS`, as without us).
    private static let handleBusError: @convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?) -> Void = {
        _, info, _ in
        #if os(Linux)
        let address = info.map { UInt(bitPattern: $0.pointee._sifields._sigfault.si_addr) } ?? 0
        #else
        let address = info.map { UInt(bitPattern: $0.pointee.si_addr) } ?? 0
        #endif
        if address != 0, TruncationGuard.absorb(address) { return }
        sigaction(SIGBUS, TruncationGuard.previous, nil)
    }
}
