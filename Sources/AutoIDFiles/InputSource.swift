public import SystemPackage

#if canImport(Glibc)
import CFileSystem
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where content comes from: a file on disk or standard input (`-` on the command line).
///
/// Reading is streaming: ``forEachChunk(bufferSize:_:)`` reuses one buffer, so memory stays bounded
/// whatever the size of the input. Inputs are only ever opened read-only.
public enum InputSource: Sendable, Hashable, CustomStringConvertible {
    case file(FilePath)
    case standardInput

    /// Parses a command-line operand: `-` is standard input, anything else a path.
    public init(argument: String) {
        self = argument == "-" ? .standardInput : .file(FilePath(argument))
    }

    /// The name shown to users and recorded as a subject name: the path as given, or `-`.
    public var description: String {
        switch self {
        case .file(let path): return path.string
        case .standardInput: return "-"
        }
    }

    /// The default read size: large enough that syscalls and hashing setup vanish from profiles.
    public static let defaultBufferSize = 1 << 20

    /// Calls `body` with successive chunks of the input until end of file.
    ///
    /// Every chunk but the last fills the buffer (reads from a pipe are gathered), and the next chunk
    /// is read on a second thread while `body` works on the current one (see ``ReadAhead``); memory
    /// stays at two buffers whatever the input size. The buffer passed to `body` is only valid during
    /// the call. Throws ``FileError`` on open or read failures, naming the path.
    ///
    /// With `AUTOID_READ=map` in the environment, a regular file of at least ``mappingThreshold`` bytes is
    /// mapped instead (``MappedFile``): the chunks are views of the page cache, nothing is copied, and no
    /// thread is started; pages already handed out are let go after each chunk, so memory stays bounded
    /// by the chunk size; a file truncated under the mapping reads as zeros past its new end and fails as
    /// changed (below), never with `SIGBUS`. Reading is the default because it measured faster: hashing
    /// 1 GiB from the page cache on 2 vCPUs (AMD EPYC, AVX-512) took 272 ms of CPU read, 324 ms mapped
    /// (page faults on two threads, and letting go of the pages; b3sum, which maps and never lets go,
    /// 268 ms).
    ///
    /// A regular file that changes while it is read (its size, modification or change time, or the file
    /// its path names, differ at the end from the start, or the bytes read are not its size; files of
    /// /proc and /sys are read to the end whatever their size says) fails with
    /// ``FileError/Code/changedWhileReading``, as GNU tar warns "file changed as we read it": its
    /// digest would describe no version of the file that ever existed complete.
    public func forEachChunk(
        bufferSize: Int = InputSource.defaultBufferSize,
        _ body: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        try forEachChunk(bufferSize: bufferSize, mapsLargeFiles: Self.mapsLargeFiles, body)
    }

    /// ``forEachChunk(bufferSize:_:)``, mapping regular files of at least ``mappingThreshold`` bytes when
    /// `mapsLargeFiles` is set.
    func forEachChunk(
        bufferSize: Int, mapsLargeFiles: Bool,
        _ body: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        _ = try read(
            bufferSize: bufferSize, mapsLargeFiles: mapsLargeFiles, positionedFrom: nil, positionedMapping: nil, positioned: { _ in },
            chunks: body)
    }

    /// Reads the input once, opened once, one of two ways: a regular file of at least `minimumSize` bytes
    /// by position (`positioned` is called once with it, and takes its ranges with
    /// ``PositionedFile/bytes(at:scratch:)``, in place where mapping is cheap, or reads them with
    /// ``PositionedFile/read(at:into:)``, from as many threads as it likes), anything else in chunks
    /// (`chunks`, as ``forEachChunk(bufferSize:_:)``). Returns whether it was read by position. The same
    /// checks either way, made when `positioned` has returned: a file that changes while it is read fails
    /// with ``FileError/Code/changedWhileReading`` (its ranges taken in place past a new end read zeros
    /// until then).
    public func read(
        bufferSize: Int = InputSource.defaultBufferSize, positionedFrom minimumSize: Int, positioned: (PositionedFile) throws -> Void,
        chunks: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> Bool {
        try read(
            bufferSize: bufferSize, mapsLargeFiles: Self.mapsLargeFiles, positionedFrom: minimumSize,
            positionedMapping: Self.mapsPositionedRanges ? .pageFaults : nil, positioned: positioned, chunks: chunks)
    }

    /// ``read(bufferSize:positionedFrom:positioned:chunks:)`` mapping files of at least ``mappingThreshold``
    /// bytes read in chunks when `mapsLargeFiles` is set, and mapping files read by position for
    /// ``PositionedFile/bytes(at:scratch:)`` with probes of the kind `positionedMapping` (`nil`: no mapping).
    func read(
        bufferSize: Int, mapsLargeFiles: Bool, positionedFrom minimumSize: Int?, positionedMapping: UnitMapping.Probe?,
        positioned: (PositionedFile) throws -> Void, chunks body: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> Bool {
        let descriptor: FileDescriptor
        switch self {
        case .standardInput:
            Self.enlargePipe(.standardInput, to: bufferSize)
            descriptor = .standardInput
        case .file(let path):
            do {
                descriptor = try FileDescriptor.open(path, .readOnly, options: [.closeOnExec])
            } catch let error as Errno {
                throw FileError(errno: error.rawValue, operation: "open", path: description)
            }
        }
        var before = stat()
        let regular = fstat(descriptor.rawValue, &before) == 0 && (before.st_mode & S_IFMT) == S_IFREG
        if case .file = self, regular, let minimumSize, before.st_size >= minimumSize, Self.readsByPosition {
            defer { try? descriptor.close() }
            let size = Int(before.st_size)
            let mapping = positionedMapping.flatMap { UnitMapping(descriptor: descriptor.rawValue, size: size, probe: $0) }
            try positioned(PositionedFile(size: size, descriptor: descriptor.rawValue, name: description, mapping: mapping))
            if mapping?.failedUnderMapping == true { throw failureUnderMapping(descriptor, before: before) }
            try checkUnchanged(descriptor, before: before, count: Int64(before.st_size), start: 0, countReachesEnd: false)
            return true
        }
        if case .file = self, regular, before.st_size >= Self.mappingThreshold, mapsLargeFiles,
            let mapped = MappedFile(descriptor: descriptor.rawValue, size: Int(before.st_size))
        {
            defer { try? descriptor.close() }
            var offset = 0
            while offset < mapped.bytes.count {
                let end = min(mapped.bytes.count, offset + bufferSize)
                try body(UnsafeRawBufferPointer(rebasing: mapped.bytes[offset..<end]))
                WorkProgress.addBytes(end - offset)
                mapped.release(before: end)
                offset = end
            }
            if mapped.wasTruncated { throw failureUnderMapping(descriptor, before: before) }
            try checkUnchanged(descriptor, before: before, count: Int64(mapped.bytes.count), start: 0, countReachesEnd: false)
            return false
        }
        // A regular file smaller than the buffer gets a buffer its size (and a page, so the end is seen in
        // the first read): hashing many small files does not allocate and free 2 x 8 MiB for each.
        let size = regular ? min(bufferSize, (Int(max(0, before.st_size)) / 4096 + 1) * 4096) : bufferSize
        if case .file = self, regular, before.st_size < size {
            // The whole file fits one buffer (with room to see its end): read it here, without a second
            // thread's buffers and semaphores (10,000 small files: 107 -> 97 ms of CPU). A file that grew
            // meanwhile fills the buffer and fails the check below, as it would reading ahead.
            defer { try? descriptor.close() }
            var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 64)
            defer { buffer.deallocate() }
            var total = 0
            var filled = false
            var generated = false
            repeat {
                let (count, error) = ReadAhead.fill(buffer, from: descriptor, name: description)
                if let error { throw error }
                if count > 0 { try body(UnsafeRawBufferPointer(rebasing: buffer[..<count])) }  // no empty chunks, as ReadAhead
                WorkProgress.addBytes(count)
                total += count
                filled = count == buffer.count
                if filled && !generated && Self.isGenerated(descriptor) {
                    // A file of /proc or /sys: its size says nothing of what a read gives; read on to the
                    // end, a whole buffer at a time.
                    generated = true
                    buffer.deallocate()
                    buffer = .allocate(byteCount: bufferSize, alignment: 64)
                }
            } while generated && filled
            // To the end unless the buffer was filled (a regular file that grew: it fails the check).
            try checkUnchanged(descriptor, before: before, count: Int64(total), start: 0, countReachesEnd: !filled)
            return false
        }
        let reader = ReadAhead(descriptor: descriptor, closesDescriptor: self != .standardInput, name: description, bufferSize: size)
        // Standard input may be partly read already; a file opened here starts at 0.
        let start = regular && self == .standardInput ? max(0, Int64(lseek(descriptor.rawValue, 0, SEEK_CUR))) : 0
        var count: Int64 = 0
        try reader.forEachChunk { chunk in
            count += Int64(chunk.count)
            try body(chunk)
            WorkProgress.addBytes(chunk.count)
        }
        guard regular else { return false }
        // The reader owns the descriptor and keeps it open while it lives.
        try withExtendedLifetime(reader) { () throws(FileError) in
            try checkUnchanged(descriptor, before: before, count: count, start: start, countReachesEnd: true)
        }
        return false
    }

    /// When files are mapped, those at least this large (``MappedFile``): below it, a read into the reused
    /// buffer costs less than setting up and tearing down a mapping.
    public static let mappingThreshold: Int64 = 1 << 20

    /// How files are read, from `AUTOID_READ` (for benchmarks that compare the ways on a new machine):
    /// `map` maps files of ``mappingThreshold`` bytes or more, `ahead` reads every file on one thread
    /// ahead of the work, `pread` reads by position without mapping; unset (or anything else), large
    /// regular files hashed with BLAKE3 alone are taken by position on every thread
    /// (``read(bufferSize:positionedFrom:positioned:chunks:)``), in place from a mapping where that is
    /// cheaper (``UnitMapping``), and the rest read ahead.
    static let readMode: String? = getenv("AUTOID_READ").map { String(cString: $0) }

    /// True when the environment says `AUTOID_READ=map`: files of ``mappingThreshold`` bytes or more are
    /// mapped rather than read.
    static let mapsLargeFiles = readMode == "map"

    /// False when `AUTOID_READ` asks for another way than positioned reads (`map`, `ahead`).
    static let readsByPosition = readMode != "map" && readMode != "ahead"

    /// Whether files read by position are also mapped, for ``PositionedFile/bytes(at:scratch:)`` to take
    /// ranges in place while that is cheaper (``UnitMapping``); `AUTOID_READ=pread` only reads.
    static let mapsPositionedRanges = readMode != "pread"

    /// The error for a mapping that met `SIGBUS` (``MappedFile/wasTruncated``): the file shrank (its size
    /// is now less than `before`'s, or cannot be had), ``FileError/Code/changedWhileReading``; else the
    /// kernel could not read a page, an I/O error (`EIO`), as `read` would have said.
    func failureUnderMapping(_ descriptor: FileDescriptor, before: stat) -> FileError {
        guard let now = FileStamp(descriptor: descriptor.rawValue), now.size >= Int64(before.st_size) else {
            return FileError(code: .changedWhileReading, operation: "read", path: description)
        }
        return FileError(errno: EIO, operation: "read", path: description)
    }

    /// Fails with ``FileError/Code/changedWhileReading`` when the regular file open as `descriptor`, whose
    /// status was `before` when reading started at offset `start`, changed while `count` bytes were read:
    /// its ``FileStamp`` (size, modification and change times) differs now, or its path names another file
    /// (or none), or the count is not what was there to read. `countReachesEnd`: the count is everything
    /// up to the end of the file, so a count that differs from the size is no change for a file of /proc
    /// or /sys (``isGenerated(_:)``), whose size (0, or a page) says nothing of what a read gives.
    /// Otherwise (`count` bytes read by position or mapped, as the size said) one byte past them must
    /// not exist: a status that lags the content fails too, where a read past the size asks the file's
    /// source (FUSE, such as sshfs; NFS answers it from its cache).
    ///
    /// For a file opened by path, one status call on the path usually answers both questions: when it
    /// still names the same file (device and inode), its status is the open file's status now. Not for
    /// every file: a lookup of a file of /proc/net makes a new inode (same number, new times) each time,
    /// so a difference is confirmed on the descriptor before it counts.
    func checkUnchanged(_ descriptor: FileDescriptor, before status: stat, count: Int64, start: Int64, countReachesEnd: Bool) throws(FileError) {
        var changed: FileError { FileError(code: .changedWhileReading, operation: "read", path: description) }
        let before = FileStamp(status)
        let now: FileStamp?
        if case .file(let path) = self {
            var named = stat()
            guard path.withPlatformString({ stat($0, &named) }) == 0 else { throw changed }
            let stamp = FileStamp(named)
            guard stamp.device == before.device && stamp.inode == before.inode else { throw changed }
            now = stamp == before ? stamp : FileStamp(descriptor: descriptor.rawValue)
        } else {
            now = FileStamp(descriptor: descriptor.rawValue)
        }
        guard now == before else { throw changed }
        guard count == before.size - start || countReachesEnd && Self.isGenerated(descriptor) else { throw changed }
        if !countReachesEnd {
            // (No local file system can show the case this catches.)
            var past: UInt8 = 0
            var n: Int
            repeat { n = pread(descriptor.rawValue, &past, 1, off_t(start + count)) } while n < 0 && errno == EINTR
            if n < 0 { throw FileError(errno: errno, operation: "read", path: description) }
            if n > 0 { throw changed }
        }
    }

    /// Whether the file open as `descriptor` lives on a file system whose files are made up when they are
    /// read (procfs, sysfs, debugfs, tracefs, securityfs, cgroup, configfs, efivarfs, selinuxfs, smackfs,
    /// binfmt_misc, fusectl, nfsd, resctrl, xenfs): their sizes are 0 or a page whatever a read gives, so they are read to
    /// the end and their size is not held against the count. Asked only when a count and a size disagree
    /// or a small file fills its buffer (one `fstatfs` each time). Files that FUSE serves in their place
    /// (lxcfs's /proc/meminfo in a container) are not among them: they are held to their sizes.
    static func isGenerated(_ descriptor: FileDescriptor) -> Bool {
        #if os(Linux)
        switch autoid_file_system_type(descriptor.rawValue) {
        case 0x9fa0,  // PROC_SUPER_MAGIC
            0x6265_6572,  // SYSFS_MAGIC
            0x6462_6720,  // DEBUGFS_MAGIC
            0x7472_6163,  // TRACEFS_MAGIC
            0x7363_6673,  // SECURITYFS_MAGIC
            0x0027_e0eb,  // CGROUP_SUPER_MAGIC
            0x6367_7270,  // CGROUP2_SUPER_MAGIC
            0x6265_6570,  // CONFIGFS_MAGIC
            0xde5e_81e4,  // EFIVARFS_MAGIC
            0xf97c_ff8c,  // SELINUX_MAGIC
            0x4249_4e4d,  // BINFMTFS_MAGIC
            0x6573_5543,  // FUSE_CTL_SUPER_MAGIC
            0x6e66_7364,  // NFSD_MAGIC
            0x4341_5d53,  // SMACK_MAGIC
            0x0765_5821,  // RDTGROUP_SUPER_MAGIC (resctrl)
            0xabba_1974:  // XENFS_SUPER_MAGIC
            return true
        default:
            return false
        }
        #else
        return false
        #endif
    }

    /// Asks the kernel for a larger pipe buffer (up to 1 MiB, the unprivileged limit) when
    /// `descriptor` is a pipe: fewer, larger reads and fewer wake-ups of the writer. Best effort: a
    /// refusal changes nothing but speed.
    static func enlargePipe(_ descriptor: FileDescriptor, to bytes: Int) {
        #if os(Linux)
        var status = stat()
        guard fstat(descriptor.rawValue, &status) == 0, (status.st_mode & S_IFMT) == S_IFIFO else { return }
        let setPipeSize: Int32 = 1031  // F_SETPIPE_SZ (Linux 2.6.35+)
        _ = fcntl(descriptor.rawValue, setPipeSize, Int32(min(bytes, 1 << 20)))
        #endif
    }
}
