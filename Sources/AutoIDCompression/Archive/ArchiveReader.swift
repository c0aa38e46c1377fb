public import AutoIDFiles
internal import AutoIDLibArchive
public import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a tar (ustar, pax, GNU), tar.gz, tar.zst, tar.xz or zip archive as a stream: entries one at a
/// time with ``next()``, each entry's data in chunks, memory bounded whatever the archive's size.
///
/// The one owner of a libarchive read handle (freed in `deinit`) and, when it opened one, of the file
/// descriptor. Every archive is hostile: the caps in ``ArchiveLimits`` are enforced as the bytes
/// arrive, names are handed out as raw bytes, and nothing is written anywhere. After an error every
/// further call throws the same error (libarchive cannot continue after a fatal one).
///
/// ```swift
/// let reader = try ArchiveReader(InputSource(argument: "bundle.tar.zst"))
/// while let entry = try reader.next() {
///     try reader.forEachChunk { chunk in hasher.update(chunk) }
/// }
/// ```
///
/// Entry data the caller does not read is decompressed and counted on the way to the next header, so
/// the caps hold for skipped entries too (an uncompressed tar is read through as well, not seeked).
public final class ArchiveReader {
    /// The archive's name in messages: its path as given, or "-" for standard input.
    public let name: String
    /// The caps this reader enforces.
    public let limits: ArchiveLimits

    private let archive: OpaquePointer
    /// A descriptor this reader opened and must close; nil for one the caller owns.
    private let ownedDescriptor: Int32?
    /// A copy of in-memory input (allocated at least 1 byte), alive as long as the handle reads from
    /// it, and how many of its bytes are the input.
    private let memory: (buffer: UnsafeMutableRawBufferPointer, count: Int)?
    /// The entry whose data is being read, and whether its data has ended.
    private var current: ArchiveEntry?
    private var currentDataEnded = true
    private var producedInEntry: Int64 = 0
    private var entries = 0
    private var declaredTotal: Int64 = 0
    private var dataTotal: Int64 = 0
    private var failure: ArchiveError?
    private var ended = false

    /// How much is read from a descriptor at a time.
    static let inputBlockSize = 1 << 20

    /// The default size of the chunks ``forEachChunk(bufferSize:_:)`` hands out.
    public static let defaultChunkSize = 1 << 16

    /// Opens a file, or standard input for ``InputSource/standardInput`` (which stays open afterwards).
    ///
    /// Throws ``ArchiveError`` with ``ArchiveError/Code/readFailed(errno:)`` when the file cannot be
    /// opened. Whether it is an archive is known at the first ``next()``.
    public convenience init(_ source: InputSource, limits: ArchiveLimits = .default) throws(ArchiveError) {
        switch source {
        case .standardInput:
            try self.init(descriptor: 0, owned: false, memory: nil, name: "-", limits: limits)
        case .file(let path):
            let fd = open(path.string, O_RDONLY | O_CLOEXEC)
            if fd < 0 {
                throw ArchiveError(.readFailed(errno: errno), input: path.string, detail: String(cString: strerror(errno)))
            }
            try self.init(descriptor: fd, owned: true, memory: nil, name: path.string, limits: limits)
        }
    }

    /// Reads from a descriptor the caller owns and closes after the reader is gone (a pipe, a socket,
    /// an open file). `name` is what messages call it.
    public convenience init(fileDescriptor: FileDescriptor, name: String, limits: ArchiveLimits = .default) throws(ArchiveError) {
        try self.init(descriptor: fileDescriptor.rawValue, owned: false, memory: nil, name: name, limits: limits)
    }

    /// Reads an archive held in memory (the bytes are copied once and kept until the reader is gone).
    public convenience init(bytes: some Collection<UInt8>, name: String, limits: ArchiveLimits = .default) throws(ArchiveError) {
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
        let count = copy.initializeMemory(as: UInt8.self, from: bytes).initialized.count
        try self.init(descriptor: nil, owned: false, memory: (copy, count), name: name, limits: limits)
    }

    private init(
        descriptor: Int32?, owned: Bool, memory: (buffer: UnsafeMutableRawBufferPointer, count: Int)?,
        name: String, limits: ArchiveLimits
    ) throws(ArchiveError) {
        guard let archive = archive_read_new() else { fatalError("libarchive could not allocate a reader") }
        self.archive = archive
        self.ownedDescriptor = owned ? descriptor : nil
        self.memory = memory
        self.name = name
        self.limits = limits
        // Only what a bundle may be: no other formats or filters, no external programs.
        archive_read_support_filter_gzip(archive)
        archive_read_support_filter_zstd(archive)
        archive_read_support_filter_xz(archive)
        archive_read_support_format_tar(archive)
        archive_read_support_format_zip(archive)
        let status: Int32
        if let memory {
            status = archive_read_open_memory(archive, memory.buffer.baseAddress, memory.count)
        } else {
            // 1 MiB reads: a sixteenth of the system calls of 64 KiB ones on a large bundle.
            status = archive_read_open_fd(archive, descriptor ?? 0, Self.inputBlockSize)
        }
        if status != ARCHIVE_OK { throw record(code(forErrno: archive_errno(archive)), entry: nil) }
    }

    deinit {
        archive_read_free(archive)
        if let ownedDescriptor { close(ownedDescriptor) }
        memory?.buffer.deallocate()
    }

    // MARK: Entries

    /// The next entry's header, or nil at the end of the archive.
    ///
    /// Any data of the previous entry that was not read is read through first (and counted against the
    /// caps). Throws ``ArchiveError`` for a damaged or truncated archive, an encrypted entry, or a cap.
    public func next() throws(ArchiveError) -> ArchiveEntry? {
        try UTF8Locale.run { () throws(ArchiveError) -> ArchiveEntry? in try nextEntry() }
    }

    private func nextEntry() throws(ArchiveError) -> ArchiveEntry? {
        if let failure { throw failure }
        if ended { return nil }
        if current != nil { try skipRestOfEntry() }
        current = nil

        var header: OpaquePointer?
        let status = archive_read_next_header(archive, &header)
        if status == ARCHIVE_EOF {
            ended = true
            try checkRatio()
            return nil
        }
        // A warning is refused too: libarchive warns when it ignores part of a header (a malformed pax
        // attribute, a name it cannot convert), and a header read two ways by two tools is how an
        // archive shows a verifier one thing and an extractor another.
        guard status == ARCHIVE_OK, let header else {
            throw record(code(forErrno: archive_errno(archive)), entry: "#\(entries + 1)")
        }
        entries += 1
        if entries > limits.maximumEntries {
            throw record(.tooManyEntries(limit: limits.maximumEntries), entry: nil, detail: "stopped at entry \(entries)")
        }
        let entry = try describe(header, index: entries - 1)
        if archive_entry_is_encrypted(header) != 0 {
            throw record(.unsupported, entry: entry.displayPath, detail: "the entry is encrypted")
        }
        if let size = entry.declaredSize {
            declaredTotal = declaredTotal.addingReportingOverflow(size).overflow ? .max : declaredTotal + size
            if declaredTotal > limits.maximumTotalBytes {
                throw record(
                    .tooLarge(limit: limits.maximumTotalBytes), entry: entry.displayPath,
                    detail: "declared sizes add up to \(declaredTotal) bytes")
            }
        }
        try checkRatio()
        current = entry
        currentDataEnded = false
        producedInEntry = 0
        return entry
    }

    /// Calls `body` for each entry until the end of the archive or the first error.
    public func forEachEntry(_ body: (ArchiveEntry) throws -> Void) throws {
        while let entry = try next() { try body(entry) }
    }

    // MARK: Data

    /// Reads the current entry's next bytes into `buffer`; returns how many, 0 at the end of the entry
    /// (or when no entry is current).
    ///
    /// Holes in sparse entries come back as zeros. Throws ``ArchiveError`` for damaged data (a bad
    /// CRC, a truncated stream) or a cap.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(ArchiveError) -> Int {
        if let failure { throw failure }
        guard let entry = current, !currentDataEnded, let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        let count = archive_read_data(archive, base, buffer.count)
        if count < 0 { throw record(code(forErrno: archive_errno(archive)), entry: entry.displayPath) }
        if count == 0 {
            currentDataEnded = true
            return 0
        }
        producedInEntry += Int64(count)
        dataTotal += Int64(count)
        if dataTotal > limits.maximumTotalBytes {
            throw record(
                .tooLarge(limit: limits.maximumTotalBytes), entry: entry.displayPath,
                detail: "\(dataTotal) bytes produced")
        }
        try checkRatio(entry: entry)
        return count
    }

    /// Calls `body` with the current entry's data, chunk by chunk, until its end.
    ///
    /// One buffer of `bufferSize` bytes is reused: the chunk passed to `body` is valid only during the
    /// call. Rethrows what `body` throws; throws ``ArchiveError`` as ``read(into:)`` does.
    public func forEachChunk(
        bufferSize: Int = ArchiveReader.defaultChunkSize, _ body: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bufferSize, 1), alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = try read(into: buffer)
            if count == 0 { return }
            try body(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
    }

    // MARK: Counts

    /// How many entries were read so far.
    public var entryCount: Int { entries }

    /// Bytes read from the input so far (the compressed size, for a compressed archive).
    public var inputBytes: Int64 { archive_filter_bytes(archive, -1) }

    /// Entry data produced so far, read by the caller or skipped on the way to a header.
    public var entryDataBytes: Int64 { dataTotal }

    /// Output so far: the entry data or the decompressed tar stream (headers and padding included),
    /// whichever is larger. ``ArchiveLimits/maximumRatio`` caps this against ``inputBytes``.
    public var producedBytes: Int64 { max(dataTotal, archive_filter_bytes(archive, 0)) }

    /// libarchive's names of the format and of the compression ("POSIX pax interchange format",
    /// "zstd"); nil before the first entry. For display only: these are libarchive's words.
    public var formatDescription: String? {
        guard entries > 0, let format = archive_format_name(archive) else { return nil }
        let filters = archive_filter_count(archive)
        let compression = filters > 1 ? archive_filter_name(archive, 0).map { String(cString: $0) } : nil
        return String(cString: format) + (compression.map { ", \($0)" } ?? "")
    }

    // MARK: Private

    private func skipRestOfEntry() throws(ArchiveError) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.defaultChunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while try read(into: buffer) > 0 {}
    }

    private func checkRatio(entry: ArchiveEntry? = nil) throws(ArchiveError) {
        let produced = producedBytes
        guard produced > limits.ratioGraceBytes else { return }
        let input = max(inputBytes, 1)
        if Double(produced) > Double(limits.maximumRatio) * Double(input) {
            throw record(
                .ratioTooHigh(limit: limits.maximumRatio), entry: entry?.displayPath,
                detail: "\(produced) bytes out of \(input) read")
        }
    }

    private func describe(_ header: OpaquePointer, index: Int) throws(ArchiveError) -> ArchiveEntry {
        guard let name = archive_entry_pathname(header) ?? archive_entry_pathname_utf8(header) else {
            throw record(.malformed, entry: "#\(index + 1)", detail: "the entry has no name")
        }
        let pathBytes = try bytes(of: name, entry: "#\(index + 1)")
        let type = UInt32(archive_entry_filetype(header))
        var kind: ArchiveEntry.Kind
        switch type {
        case 0o100000: kind = .regularFile
        case 0o040000: kind = .directory
        case 0o120000: kind = .symbolicLink
        case 0o020000: kind = .characterDevice
        case 0o060000: kind = .blockDevice
        case 0o010000: kind = .fifo
        case 0o140000: kind = .socket
        default: kind = .unknown(mode: type)
        }
        var target: [UInt8]?
        if let hardlink = archive_entry_hardlink(header) ?? archive_entry_hardlink_utf8(header) {
            kind = .hardLink
            target = try bytes(of: hardlink, entry: DisplayName.escape(bytes: pathBytes))
        } else if kind == .symbolicLink {
            guard let symlink = archive_entry_symlink(header) ?? archive_entry_symlink_utf8(header) else {
                throw record(.malformed, entry: DisplayName.escape(bytes: pathBytes), detail: "a symbolic link without a target")
            }
            target = try bytes(of: symlink, entry: DisplayName.escape(bytes: pathBytes))
        }
        let size: Int64? = archive_entry_size_is_set(header) != 0 ? archive_entry_size(header) : nil
        if let size, size < 0 {
            throw record(.malformed, entry: DisplayName.escape(bytes: pathBytes), detail: "negative size \(size)")
        }
        return ArchiveEntry(
            index: index, pathBytes: pathBytes, kind: kind, declaredSize: size,
            permissions: UInt32(archive_entry_perm(header)) & 0o7777,
            modificationTime: archive_entry_mtime_is_set(header) != 0 ? Int64(archive_entry_mtime(header)) : nil,
            userID: archive_entry_uid(header), groupID: archive_entry_gid(header), linkTargetBytes: target)
    }

    /// The bytes of a C string from libarchive, refused beyond the name cap.
    private func bytes(of text: UnsafePointer<CChar>, entry: String) throws(ArchiveError) -> [UInt8] {
        let length = strnlen(text, limits.maximumNameBytes + 1)
        if length > limits.maximumNameBytes {
            let start = text.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: min(length, 64))) }
            throw record(
                .nameTooLong(limit: limits.maximumNameBytes), entry: entry,
                detail: "it starts with '\(DisplayName.escape(bytes: start))'")
        }
        return text.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) }
    }

    /// Whether libarchive's error number means the system failed to read (I/O) rather than the
    /// content being bad: libarchive reports format errors with EILSEQ (ARCHIVE_ERRNO_FILE_FORMAT),
    /// -1 (ARCHIVE_ERRNO_MISC) or EINVAL, and passes `read`'s own errno through.
    private func code(forErrno value: Int32) -> ArchiveError.Code {
        switch value {
        case EIO, EBADF, EISDIR, EACCES, EPERM, ENOENT, ENXIO, ETIMEDOUT, ENOMEM: .readFailed(errno: value)
        default: .malformed
        }
    }

    private func record(_ code: ArchiveError.Code, entry: String?, detail: String? = nil) -> ArchiveError {
        let message = detail ?? archive_error_string(archive).map { String(cString: $0) } ?? "unknown libarchive error"
        let error = ArchiveError(code, input: name, entry: entry, detail: Self.oneLine(message))
        failure = error
        return error
    }

    /// libarchive's messages may quote archive bytes: keep them on one printable line.
    static func oneLine(_ text: String) -> String {
        DisplayName.escape(bytes: Array(text.utf8.prefix(400)))
    }
}
