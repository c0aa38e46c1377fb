import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file open for reads by position from several threads at once: each thread takes its own
/// range, so the work of getting the bytes is spread over the cores like the work on them (see
/// ``InputSource/read(bufferSize:positionedFrom:positioned:chunks:)``).
///
/// Two ways to get a range: ``read(at:into:)`` copies it out of the page cache (`pread`); ``bytes(at:scratch:)``
/// also finds it in place through a mapping of the file when that is cheaper (``UnitMapping``).
public struct PositionedFile: Sendable {
    /// The file's size when it was opened: the bytes to read.
    public let size: Int
    let descriptor: Int32
    let name: String
    /// The file mapped, when ranges may be taken from the mapping.
    let mapping: UnitMapping?

    init(size: Int, descriptor: Int32, name: String, mapping: UnitMapping? = nil) {
        self.size = size
        self.descriptor = descriptor
        self.name = name
        self.mapping = mapping
    }

    /// Fills `buffer` with the bytes at `offset`. A file that ends early (it was truncated) fails with
    /// ``FileError/Code/changedWhileReading``.
    public func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(FileError) {
        var done = 0
        while done < buffer.count {
            let n = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if n < 0 {
                if errno == EINTR { continue }
                throw FileError(errno: errno, operation: "read", path: name)
            }
            if n == 0 { throw FileError(code: .changedWhileReading, operation: "read", path: name) }
            done += n
        }
        WorkProgress.addBytes(buffer.count)
    }

    /// The `scratch.count` bytes at `offset`: in place in the file's mapping while mapping its pages is
    /// cheap (``UnitMapping``), otherwise read into `scratch`. Valid until the next call on the same
    /// thread; call with ranges in increasing order of offset (each thread), as
    /// `BLAKE3.hash(length:threads:bytes:)` does. A file truncated under the mapping reads zeros there and
    /// fails as changed when reading ends (``InputSource``), never with `SIGBUS`.
    public func bytes(at offset: Int, scratch: UnsafeMutableRawBufferPointer) throws(FileError) -> UnsafeRawBufferPointer {
        if let mapping, let view = mapping.view(at: offset, count: scratch.count) {
            WorkProgress.addBytes(view.count)
            return view
        }
        try read(at: offset, into: scratch)
        return UnsafeRawBufferPointer(scratch)
    }
}

/// A file mapped for ``PositionedFile/bytes(at:scratch:)``, and the choice, made as the ranges go by,
/// between taking them from the mapping and reading them.
///
/// Which is cheaper depends on how the kernel holds the file in its page cache, which a process cannot
/// ask (`Benchmarks/page-cache.sh`: Linux 6.18, ext4, 1 GiB, 2 threads, medians): a file read into the
/// cache in large runs sits in 2 MiB folios, and a mapping takes one page fault per 2 MiB (one page-table
/// entry maps them all), cheaper than copying the bytes out (b3sum, which maps: 179 ms; ranges in place
/// 166 ms; reads alone 199 ms); a file written in small pieces sits in 4 KiB pages, and a mapping takes a
/// fault per 64 KiB (16,850 for 1 GiB) and tears down 262,144 entries, dearer than copying (b3sum 251 ms,
/// mapped whole 270 ms, reads 231 ms). So every ``probeSpacing`` bytes one range is probed: its pages are touched
/// through the mapping and the page faults of the calling thread counted (`getrusage(RUSAGE_THREAD)`);
/// at most one fault per 2 MiB means the mapping is cheap there, and the ranges up to the next probe
/// follow that verdict (a probed range is returned in place either way: its pages are mapped already).
/// A page not in the cache counts as a fault too, so a probe that meets a cold part of the file sends
/// the ranges after it to `pread` (what a cold file gains either way was not measured).
///
/// Resident memory stays about bounded: each 16 MiB (``releaseBytes``) is unmapped again (`MADV_DONTNEED`,
/// the page cache keeps it) once ranges ``releaseLag`` bytes further on are being taken: about 32 MiB
/// mapped when the ranges go in order, 48 MiB with room for a thread that fell behind. A range still in use there
/// (a thread that fell behind) only faults its pages back in, as the mapping is of the file itself, and
/// they then stay mapped until the end.
final class UnitMapping: @unchecked Sendable {
    /// Bytes between probes: 16 units of 256 KiB.
    static let probeSpacing = 4 << 20
    /// The size of a large folio: a probe that took at most one fault per region found the mapping cheap.
    static let regionBytes = 2 << 20
    /// How far behind the ranges being taken the mapping is let go of.
    static let releaseLag = 16 << 20
    /// How much is let go of at a time: 16 MiB. Each release makes the kernel flush the other cores' TLBs
    /// (an interprocessor interrupt, a VM exit on a virtual machine), which 2 MiB at a time made a cost:
    /// 1 GiB in 2 MiB folios on 2 threads took 77.6 ms (median of 21) releasing 2 MiB at a time, 71.1 ms
    /// releasing 16 MiB, and 70.7 ms never releasing (b3sum 81.9 ms; Zen 5, Linux 6.18, 2026-12-03).
    static let releaseBytes = 16 << 20

    /// How a probe's page faults are counted: measured, or (tests) given by a function of the probe's
    /// offset, so both verdicts can be had on any machine.
    enum Probe: Sendable {
        case pageFaults
        case scripted(@Sendable (_ offset: Int) -> Int)
    }

    /// The mapping. Private: its ``MappedFile/release(before:)`` keeps state for one thread, and this
    /// object is shared by all; ``bytes`` and ``failedUnderMapping`` are what the others may read.
    private let file: MappedFile
    private let probeKind: Probe
    /// Whether ranges are taken from the mapping until the next probe.
    private let cheap = Atomic<Bool>(true)
    /// Where the touched bytes of a probe go, so the loads that touch the pages cannot be left out.
    private let sink = Atomic<UInt8>(0)

    /// Maps the file open as `descriptor` (`size` bytes), or `nil` when it cannot be mapped (see
    /// ``MappedFile``) or the system cannot count a thread's page faults.
    init?(descriptor: Int32, size: Int, probe: Probe = .pageFaults) {
        #if os(Linux)
        guard Self.threadFaults() != nil, let file = MappedFile(descriptor: descriptor, size: size) else { return nil }
        self.file = file
        self.probeKind = probe
        #else
        return nil
        #endif
    }

    /// The mapped bytes: the whole file as it was when mapped.
    var bytes: UnsafeRawBufferPointer { file.bytes }

    /// True when touching the mapping faulted past the file's end (it shrank) or on a page the kernel
    /// could not read (an I/O error): the guard mapped zeros there (``TruncationGuard``).
    var failedUnderMapping: Bool { file.wasTruncated }

    /// The `count` bytes at `offset` in the mapping, or `nil` when they are to be read instead. A range
    /// that holds a multiple of ``probeSpacing`` is a probe; one that holds a multiple of ``releaseBytes``
    /// lets go of the ``releaseBytes`` that end ``releaseLag`` bytes before that multiple (any range size: 256 KiB units,
    /// or the CID's tasks of 16 chunks of 65,x bytes).
    func view(at offset: Int, count: Int) -> UnsafeRawBufferPointer? {
        let end = offset + count
        let region = Self.regionBytes
        let releasing = Self.releaseBytes
        var boundary = (offset + releasing - 1) / releasing * releasing
        while boundary < end {
            if boundary >= Self.releaseLag + releasing { file.release(offset: boundary - Self.releaseLag - releasing, count: releasing) }
            boundary += releasing
        }
        let probe = (offset + Self.probeSpacing - 1) / Self.probeSpacing * Self.probeSpacing < end
        guard count > 0, probe || cheap.load(ordering: .relaxed), end <= file.bytes.count else { return nil }
        let view = UnsafeRawBufferPointer(rebasing: file.bytes[offset..<end])
        if probe {
            let before = Self.threadFaults()
            var touched = view[count - 1]
            for page in stride(from: 0, to: count, by: MappedFile.pageSize) { touched |= view[page] }
            sink.store(touched, ordering: .relaxed)
            let after = Self.threadFaults()
            // A count that failed makes the range dear: reads are never wrong.
            var faults = before.flatMap { before in after.map { $0 &- before } } ?? Int.max
            if case .scripted(let script) = probeKind { faults = script(offset) }
            // Cheap: one fault for each 2 MiB region the range touches at most.
            cheap.store(faults <= (end - 1) / region - offset / region + 1, ordering: .relaxed)
        }
        return view
    }

    /// Page faults of the calling thread so far (minor and major), or `nil` when they cannot be counted.
    static func threadFaults() -> Int? {
        #if os(Linux)
        var usage = rusage()
        // RUSAGE_THREAD (Linux 2.6.26), which glibc declares only under _GNU_SOURCE.
        guard getrusage(__rusage_who_t(1), &usage) == 0 else { return nil }
        return usage.ru_minflt &+ usage.ru_majflt
        #else
        return nil
        #endif
    }
}
