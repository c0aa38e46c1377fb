public import AutoIDVerdict

/// An archive that could not be read or written: which one, what went wrong, at which entry, and what
/// to do.
///
/// Everything about the input itself (not an archive we read, damaged, truncated, over a cap) is
/// malformed input (exit status 3); a failing read or write on the file system is an I/O error (4).
public struct ArchiveError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure, so callers can react without parsing messages.
    public enum Code: Sendable, Equatable {
        /// Not a tar, tar.gz, tar.zst, tar.xz or zip archive, or a damaged or truncated one.
        case malformed
        /// An entry the reader refuses to decode, such as an encrypted zip entry.
        case unsupported
        /// More entries than ``ArchiveLimits/maximumEntries``.
        case tooManyEntries(limit: Int)
        /// More entry data (declared or produced) than ``ArchiveLimits/maximumTotalBytes``.
        case tooLarge(limit: Int64)
        /// Output larger than ``ArchiveLimits/maximumRatio`` times the bytes read: a decompression bomb.
        case ratioTooHigh(limit: Int)
        /// An entry name or link target longer than ``ArchiveLimits/maximumNameBytes``.
        case nameTooLong(limit: Int)
        /// Reading the input failed (the system's `errno`).
        case readFailed(errno: Int32)
        /// Writing the output failed (the system's `errno`, 0 when libarchive gave none).
        case writeFailed(errno: Int32)
        /// The writer was asked for an entry an archive of ours must not hold (an unsafe name, a mode
        /// outside 0o777, data past the declared size).
        case invalidEntry
        /// A file's data ended before, or went past, the size declared for it: it changed while it was
        /// being archived.
        case sizeMismatch(declared: Int64, written: Int64)
        /// The output path exists and the writer was told not to replace it.
        case outputExists
    }

    /// What failed.
    public var code: Code
    /// The archive: its path as given, or "-" for standard input or output.
    public var input: String
    /// The entry concerned, escaped for printing (control and non-UTF-8 bytes as `\xNN`); nil when the
    /// failure is not about one entry.
    public var entry: String?
    /// What libarchive or the system said, or our own detail.
    public var detail: String

    /// Creates an error; `entry` must already be escaped (see ``ArchiveEntry/displayPath``).
    public init(_ code: Code, input: String, entry: String? = nil, detail: String) {
        self.code = code
        self.input = input
        self.entry = entry
        self.detail = detail
    }

    /// One line: the archive, what went wrong, the entry, the detail, and what to do.
    public var description: String {
        let name = input == "-" ? "standard input" : input
        let what: String
        let hint: String
        switch code {
        case .malformed:
            what = "not a readable archive"
            hint = "expected tar, tar.gz, tar.zst, tar.xz or zip; the file may be damaged or truncated: fetch it again"
        case .unsupported:
            what = "unsupported entry"
            hint = "re-create the archive without encryption"
        case .tooManyEntries(let limit):
            what = "more than \(limit) entries"
            hint = "raise the entry cap only for an archive you trust"
        case .tooLarge(let limit):
            what = "more than \(limit) bytes of entry data"
            hint = "raise the size cap only for an archive you trust"
        case .ratioTooHigh(let limit):
            what = "expands more than \(limit) times its compressed size (a decompression bomb?)"
            hint = "raise the ratio cap only for an archive you trust"
        case .nameTooLong(let limit):
            what = "an entry name or link target is longer than \(limit) bytes"
            hint = "the archive is not one a bundle tool makes"
        case .readFailed:
            what = "cannot read"
            hint = "check that the file exists and is readable"
        case .writeFailed:
            what = "cannot write"
            hint = "check free space and permissions in the destination directory"
        case .invalidEntry:
            what = "refused to archive an entry"
            hint = "entry names are relative, without '.', '..' or empty components; modes are at most 0o777"
        case .sizeMismatch(let declared, let written):
            what = "entry data was \(written) bytes, not the \(declared) declared"
            hint = "the file changed while it was archived: try again"
        case .outputExists:
            what = "already exists"
            hint = "choose another output or allow replacing it"
        }
        let at = entry.map { " at entry '\($0)'" } ?? ""
        return "\(name): \(what)\(at): \(detail) (\(hint))"
    }
}

extension ArchiveError: ReportableError {
    /// Malformed input (3) for anything about the archive's content, caps included; I/O error (4) for
    /// failing reads and writes and for content that changed while it was archived; usage (64) for an
    /// entry the writer refuses and for an output it must not replace.
    public var exitStatus: ExitStatus {
        switch code {
        case .malformed, .unsupported, .tooManyEntries, .tooLarge, .ratioTooHigh, .nameTooLong: .malformedInput
        case .readFailed, .writeFailed, .sizeMismatch: .ioError
        case .invalidEntry, .outputExists: .usage
        }
    }
}
