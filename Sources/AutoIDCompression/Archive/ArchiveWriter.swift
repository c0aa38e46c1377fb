public import AutoIDFiles
internal import AutoIDLibArchive
public import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a tar, tar.gz, tar.zst or zip archive as a stream, deterministically: the same entries in the
/// same order give byte-identical archives (with the same libarchive, zlib and libzstd: compressors
/// may change their output between releases).
///
/// The one owner of a libarchive write handle (freed in `deinit`). Every entry gets the same fixed
/// metadata: the writer's ``modificationTime``, owner and group 0 with empty names, mode 0644 for
/// files and 0755 for directories unless told otherwise, no access or change time, no extended
/// attributes; gzip headers carry no time or name. Entries are written in the order they are added
/// (sort them first for a canonical archive).
///
/// Written to a path, the archive appears there only when ``finish()`` succeeds (a temporary file in
/// the same directory, renamed into place, see ``AtomicOutput``); a writer released unfinished, or a
/// failed one, leaves nothing behind. Written to a descriptor, the bytes go out as they are produced.
///
/// ```swift
/// let writer = try ArchiveWriter(path: "bundle.tar.zst", format: .tarZstd)
/// try writer.addDirectory("content")
/// try writer.beginFile("content/a.txt", size: size)
/// try source.forEachChunk { try writer.write($0) }
/// try writer.finishFile()
/// try writer.finish()
/// ```
public final class ArchiveWriter {
    /// The archive's name in messages: the path, or the name given with the descriptor.
    public let name: String
    /// The format being written.
    public let format: ArchiveFormat
    /// Every entry's modification time, in seconds since 1970.
    public let modificationTime: Int64

    private let archive: OpaquePointer
    private let output: AtomicOutput?
    /// Where entry data can be replaced after it was written: a descriptor on a regular file (the
    /// temporary file of an atomic output, or a caller's file not opened for appending) and the file
    /// offset the archive starts at; nil for anything else (a pipe, a device).
    private let seekable: (descriptor: Int32, start: Int64)?
    /// Whether a placeholder was written (see ``addFile(_:placeholder:permissions:)``).
    private var reserved = false
    private let existing: AtomicFile.ExistingFile
    /// The file entry being written: its escaped name, declared size and bytes written so far.
    private var open: (name: String, declared: Int64, written: Int64)?
    private var failure: ArchiveError?
    private var finished = false

    /// Writes to `path` atomically (see the type's documentation); `existing` says whether an existing
    /// file there may be replaced when ``finish()`` commits.
    ///
    /// - Parameter modificationTime: every entry's time; 0 (1970) by default, or a fixed time such
    ///   as `SOURCE_DATE_EPOCH`.
    ///
    /// The output follows ``AtomicOutput``'s rules: with `existing` `.refuse` an existing file is
    /// refused at once (``ArchiveError/Code/outputExists``), an output that is the same file as one of
    /// `inputs` is refused too, and a device or FIFO is written into rather than replaced.
    public convenience init(
        path: String, format: ArchiveFormat, modificationTime: Int64 = 0, existing: AtomicFile.ExistingFile = .replace,
        inputs: [String] = []
    ) throws(ArchiveError) {
        // libarchive is loaded at first use: a missing one ends the run here, before a temporary file exists.
        LibArchive.require()
        let output: AtomicOutput
        do {
            output = try AtomicOutput(path: path, existing: existing, inputs: inputs)
        } catch {
            switch error.code {
            case .refusedToOverwrite, .sameFileAsInput: throw ArchiveError(.outputExists, input: path, detail: error.description)
            default: throw ArchiveError(.writeFailed(errno: Self.errno(of: error)), input: path, detail: error.description)
            }
        }
        try self.init(
            descriptor: output.descriptor.rawValue, output: output, existing: existing, name: path,
            format: format, modificationTime: modificationTime)
    }

    /// Writes to a descriptor the caller owns (standard output, a pipe); it stays open after
    /// ``finish()``. `name` is what messages call it ("-" for standard output).
    public convenience init(
        fileDescriptor: FileDescriptor, name: String, format: ArchiveFormat, modificationTime: Int64 = 0
    ) throws(ArchiveError) {
        try self.init(
            descriptor: fileDescriptor.rawValue, output: nil, existing: .replace, name: name,
            format: format, modificationTime: modificationTime)
    }

    private init(
        descriptor: Int32, output: AtomicOutput?, existing: AtomicFile.ExistingFile, name: String,
        format: ArchiveFormat, modificationTime: Int64
    ) throws(ArchiveError) {
        guard let archive = archive_write_new() else { fatalError("libarchive could not allocate a writer") }
        self.archive = archive
        self.output = output
        if let output {
            seekable = output.isAtomic ? (descriptor, 0) : nil
        } else {
            var info = stat()
            let flags = fcntl(descriptor, F_GETFL)
            let start = Int64(lseek(descriptor, 0, SEEK_CUR))
            let regular = fstat(descriptor, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
            seekable = regular && flags >= 0 && (flags & O_APPEND) == 0 && start >= 0 ? (descriptor, start) : nil
        }
        self.existing = existing
        self.name = name
        self.format = format
        self.modificationTime = modificationTime

        var status: Int32
        switch format {
        case .tar, .tarGzip, .tarZstd: status = archive_write_set_format_pax_restricted(archive)
        case .ustar: status = archive_write_set_format_ustar(archive)
        case .zip: status = archive_write_set_format_zip(archive)
        }
        if status == ARCHIVE_OK {
            switch format {
            case .tar, .ustar, .zip: break
            case .tarGzip:
                status = archive_write_add_filter_gzip(archive)
                // No time of writing in the gzip header (the only varying field libarchive writes).
                if status == ARCHIVE_OK { status = archive_write_set_options(archive, "gzip:!timestamp") }
            case .tarZstd:
                status = archive_write_add_filter_zstd(archive)
                if status == ARCHIVE_OK { status = archive_write_set_options(archive, "zstd:compression-level=3") }
            }
        }
        if status == ARCHIVE_OK, format == .zip {
            status = archive_write_set_options(archive, "zip:compression=deflate")
        }
        // The output ends where the archive does, whatever the descriptor is (libarchive would pad
        // the last 10 KiB block for some kinds of output and not others).
        if status == ARCHIVE_OK { status = archive_write_set_bytes_in_last_block(archive, 1) }
        // No blocking: libarchive would copy everything into 10 KiB blocks (tar's) before writing
        // them; unblocked, each chunk the caller writes goes out in one system call, without a copy.
        // The bytes are the same: only how they are grouped into writes changes.
        if status == ARCHIVE_OK { status = archive_write_set_bytes_per_block(archive, 0) }
        if status == ARCHIVE_OK { status = archive_write_open_fd(archive, descriptor) }
        if status != ARCHIVE_OK { throw record(entry: nil) }
    }

    deinit {
        // Unfinished: no trailer (archive_write_free would otherwise close the archive cleanly, and a
        // stream cut short would look complete), and an AtomicOutput removes its file.
        if !finished { archive_write_fail(archive) }
        // A caller's file with a placeholder in it: cut back to where the archive began, so that no
        // archive with a placeholder is left (an atomic output removes its temporary file itself).
        if !finished, reserved, output == nil, let seekable { _ = ftruncate(seekable.descriptor, off_t(seekable.start)) }
        archive_write_free(archive)
    }

    // MARK: Entries

    /// Adds a directory entry (its name gets a trailing `/` in tar and zip).
    public func addDirectory(_ path: String, permissions: UInt32 = 0o755) throws(ArchiveError) {
        try writeHeader(path, type: 0o040000, permissions: permissions, size: 0)
        try finishEntry(path)
    }

    /// Starts a regular file of exactly `size` bytes; send its data with ``write(_:)``, then call
    /// ``finishFile()``.
    ///
    /// Names must be relative, `/`-separated, without empty, `.` or `..` components or NUL; the
    /// writer refuses others with ``ArchiveError/Code/invalidEntry`` (an archive of ours must pass
    /// the extraction rules of the tools that read it).
    public func beginFile(_ path: String, size: Int64, permissions: UInt32 = 0o644) throws(ArchiveError) {
        guard size >= 0 else { throw fail(.invalidEntry, entry: DisplayName.escape(bytes: Array(path.utf8)), detail: "negative size \(size)") }
        try writeHeader(path, type: 0o100000, permissions: permissions, size: size)
        open = (DisplayName.escape(bytes: Array(path.utf8)), size, 0)
    }

    /// Writes the next bytes of the file begun with ``beginFile(_:size:permissions:)``.
    ///
    /// Throws ``ArchiveError/Code/sizeMismatch(declared:written:)`` for bytes past the declared size.
    public func write(_ chunk: UnsafeRawBufferPointer) throws(ArchiveError) {
        if let failure { throw failure }
        guard let file = open else { throw fail(.invalidEntry, entry: nil, detail: "data written outside a file entry") }
        let total = file.written + Int64(chunk.count)
        if total > file.declared {
            throw fail(.sizeMismatch(declared: file.declared, written: total), entry: file.name, detail: "too much data")
        }
        var offset = 0
        while offset < chunk.count {
            let count = archive_write_data(archive, chunk.baseAddress! + offset, chunk.count - offset)
            if count <= 0 { throw record(entry: file.name) }
            offset += count
        }
        open?.written = total
    }

    /// ``write(_:)`` for bytes in an array.
    public func write(_ bytes: [UInt8]) throws(ArchiveError) {
        let result: Result<Void, ArchiveError> = bytes.withUnsafeBytes { chunk in Result { () throws(ArchiveError) in try write(chunk) } }
        try result.get()
    }

    /// Ends the current file; throws ``ArchiveError/Code/sizeMismatch(declared:written:)`` when fewer
    /// bytes than declared were written.
    public func finishFile() throws(ArchiveError) {
        if let failure { throw failure }
        guard let file = open else { throw fail(.invalidEntry, entry: nil, detail: "no file entry is open") }
        if file.written != file.declared {
            throw fail(.sizeMismatch(declared: file.declared, written: file.written), entry: file.name, detail: "too little data")
        }
        open = nil
        try finishEntry(file.name)
    }

    /// Adds a whole file held in memory.
    public func addFile(_ path: String, contents: [UInt8], permissions: UInt32 = 0o644) throws(ArchiveError) {
        try beginFile(path, size: Int64(contents.count), permissions: permissions)
        try write(contents)
        try finishFile()
    }

    /// A file entry whose data may still be replaced, by bytes of the same length, when the archive is
    /// finished (``finish(replacing:with:)``): made by ``addFile(_:placeholder:permissions:)``.
    public struct Reservation: Sendable {
        /// The entry's name, escaped for messages.
        let name: String
        /// Where its data starts in the output, and the data written there.
        let offset: Int64
        let placeholder: [UInt8]

        /// How many bytes the replacement must have.
        public var byteCount: Int { placeholder.count }
    }

    /// Whether entry data can be replaced after it was written: an uncompressed tar written to a
    /// regular file, either through a temporary file (which nobody sees until ``finish()`` moves it
    /// into place) or to a caller's descriptor on a regular file not opened for appending (such as
    /// standard output redirected to a file; cut back to where it began if the writer is released
    /// unfinished).
    public var canReplaceEntryData: Bool {
        (format == .tar || format == .ustar) && seekable != nil
    }

    /// Adds a whole file held in memory whose bytes are to be replaced before the archive is
    /// committed, by ``finish(replacing:with:)`` with as many bytes: for a first entry (a manifest)
    /// that lists digests of entries written after it, without reading those entries twice.
    ///
    /// Only when ``canReplaceEntryData``; throws ``ArchiveError/Code/invalidEntry`` otherwise.
    public func addFile(_ path: String, placeholder contents: [UInt8], permissions: UInt32 = 0o644) throws(ArchiveError) -> Reservation {
        let shown = DisplayName.escape(bytes: Array(path.utf8))
        guard canReplaceEntryData else {
            throw fail(.invalidEntry, entry: shown, detail: "entry data can be replaced only in an uncompressed tar written to a file")
        }
        try beginFile(path, size: Int64(contents.count), permissions: permissions)
        // Bytes handed to the output so far (filter 0 is the output itself: no compression): the data
        // starts here. finish(replacing:with:) checks the placeholder is found there before replacing it.
        let offset = (seekable?.start ?? 0) + archive_filter_bytes(archive, 0)
        reserved = true
        try write(contents)
        try finishFile()
        return Reservation(name: shown, offset: offset, placeholder: contents)
    }

    /// ``finish()``, after replacing the data of the entry `reservation` stands for with `bytes` (as
    /// many as it had), in the file before it is moved into place.
    ///
    /// Throws ``ArchiveError/Code/sizeMismatch(declared:written:)`` when the lengths differ, and
    /// ``ArchiveError/Code/writeFailed(errno:)`` when the placeholder is not where it was written.
    public func finish(replacing reservation: Reservation, with bytes: [UInt8]) throws(ArchiveError) {
        try finish(beforeCommit: { () throws(ArchiveError) in
            guard bytes.count == reservation.placeholder.count else {
                throw fail(
                    .sizeMismatch(declared: Int64(reservation.placeholder.count), written: Int64(bytes.count)), entry: reservation.name,
                    detail: "the replacement has another length")
            }
            guard let fd = seekable?.descriptor, reservation.offset >= 0 else {
                throw fail(.invalidEntry, entry: reservation.name, detail: "entry data can be replaced only in an uncompressed tar written to a file")
            }
            // Check the placeholder is where it was counted to be, when the file can be read (a
            // caller's descriptor may be write-only: `> FILE`).
            let flags = fcntl(fd, F_GETFL)
            if flags >= 0, flags & O_ACCMODE == O_RDWR {
                var found = [UInt8](repeating: 0, count: bytes.count)
                let read = found.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(reservation.offset)) }
                guard read == bytes.count, found == reservation.placeholder else {
                    throw fail(.writeFailed(errno: read < 0 ? systemErrno() : EIO), entry: reservation.name, detail: "its data is not where it was written")
                }
            }
            let written = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, off_t(reservation.offset)) }
            guard written == bytes.count else {
                throw fail(.writeFailed(errno: written < 0 ? systemErrno() : EIO), entry: reservation.name, detail: "cannot replace its data")
            }
        })
    }

    /// Writes the archive's end and closes it; for a path, flushes the file and moves it into place.
    ///
    /// Nothing may be added afterwards. Throws if a file is still open (its data is incomplete).
    public func finish() throws(ArchiveError) {
        try finish(beforeCommit: { () throws(ArchiveError) in })
    }

    private func finish(beforeCommit: () throws(ArchiveError) -> Void) throws(ArchiveError) {
        if let failure { throw failure }
        if let file = open {
            throw fail(.sizeMismatch(declared: file.declared, written: file.written), entry: file.name, detail: "the archive was finished inside this file")
        }
        guard !finished else { return }
        if UTF8Locale.run({ archive_write_close(archive) }) != ARCHIVE_OK { throw record(entry: nil) }
        try beforeCommit()
        finished = true
        if let output {
            do {
                try output.commit(existing: existing)
            } catch {
                throw fail(
                    error.code == .refusedToOverwrite ? .outputExists : .writeFailed(errno: Self.errno(of: error)),
                    entry: nil, detail: error.description)
            }
        }
    }

    // MARK: Private

    private func writeHeader(_ path: String, type: UInt32, permissions: UInt32, size: Int64) throws(ArchiveError) {
        if let failure { throw failure }
        let shown = DisplayName.escape(bytes: Array(path.utf8))
        if finished { throw fail(.invalidEntry, entry: shown, detail: "the archive is already finished") }
        if let file = open {
            throw fail(.sizeMismatch(declared: file.declared, written: file.written), entry: file.name, detail: "the next entry began inside this file")
        }
        if let reason = Self.problem(withName: path) { throw fail(.invalidEntry, entry: shown, detail: reason) }
        guard permissions <= 0o777 else {
            throw fail(.invalidEntry, entry: shown, detail: "mode 0o\(String(permissions, radix: 8)) has bits beyond 0o777")
        }
        guard let entry = archive_entry_new() else { fatalError("libarchive could not allocate an entry") }
        defer { archive_entry_free(entry) }
        let status = UTF8Locale.run { () -> Int32 in
            archive_entry_set_pathname_utf8(entry, path)
            archive_entry_set_filetype(entry, type)
            archive_entry_set_perm(entry, permissions)
            archive_entry_set_size(entry, size)
            archive_entry_set_mtime(entry, time_t(modificationTime), 0)
            archive_entry_set_uid(entry, 0)
            archive_entry_set_gid(entry, 0)
            // No uname/gname, atime, ctime, birth time, xattrs, ACLs or flags: none is ever set.
            return archive_write_header(archive, entry)
        }
        if status != ARCHIVE_OK { throw record(entry: shown) }
    }

    private func finishEntry(_ name: String) throws(ArchiveError) {
        if archive_write_finish_entry(archive) != ARCHIVE_OK { throw record(entry: name) }
    }

    /// Why an entry name is unsafe, or nil when it is fine.
    static func problem(withName path: String) -> String? {
        if path.isEmpty { return "an empty name" }
        if path.utf8.contains(0) { return "a NUL byte in the name" }
        if PathName.isAbsolute(path) { return "an absolute name" }
        // Split and compared on bytes: a slash and a combining mark are one character of a String.
        for component in PathName.components(of: path, omittingEmpty: false) {
            if component.isEmpty { return "an empty component (a leading, doubled or trailing '/')" }
            if component.utf8.elementsEqual(".".utf8) || component.utf8.elementsEqual("..".utf8) { return "a '\(component)' component" }
        }
        return nil
    }

    private static func errno(of error: FileError) -> Int32 {
        if case .other(let value) = error.code { return value }
        switch error.code {
        case .notFound: return ENOENT
        case .permissionDenied: return EACCES
        case .isDirectory: return EISDIR
        case .alreadyExists, .refusedToOverwrite, .sameFileAsInput: return EEXIST
        case .tooLarge, .tooMany, .other, .changedWhileReading, .refusedName: return 0
        }
    }

    private func fail(_ code: ArchiveError.Code, entry: String?, detail: String) -> ArchiveError {
        let error = ArchiveError(code, input: name, entry: entry, detail: detail)
        failure = error
        return error
    }

    /// The error libarchive reported: a write failure (the system's errno: ENOSPC, EPIPE...) or, for
    /// anything else, a refused entry (a name ustar cannot hold reports ENAMETOOLONG).
    private func record(entry: String?) -> ArchiveError {
        let value = archive_errno(archive)
        let message = archive_error_string(archive).map { String(cString: $0) } ?? "unknown libarchive error"
        let systemFailure = [EIO, ENOSPC, EPIPE, EDQUOT, EFBIG, EBADF, EACCES, EPERM, EROFS, EINTR].contains(value)
        return fail(systemFailure ? .writeFailed(errno: value) : .invalidEntry, entry: entry, detail: ArchiveReader.oneLine(message))
    }
}

/// The calling thread's `errno` (inside ``ArchiveWriter`` the name is its own helper's).
private func systemErrno() -> Int32 { errno }
