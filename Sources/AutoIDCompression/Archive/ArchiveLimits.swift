/// The caps an ``ArchiveReader`` enforces while it reads: every archive is hostile until verified.
///
/// Each cap is checked as soon as it can be: the entry count and name lengths at each header, declared
/// sizes before any data is read, produced bytes and the compression ratio after every chunk (data an
/// entry's reader skipped is decompressed through the same checks). Going over a cap ends the read
/// with an ``ArchiveError`` (malformed input, exit status 3).
public struct ArchiveLimits: Sendable, Equatable {
    /// At most this many entries (directories and links count). Default 10,000.
    public var maximumEntries: Int
    /// At most this many bytes of entry data in total, by declared size and by bytes produced.
    /// Default 8 GiB.
    public var maximumTotalBytes: Int64
    /// Output (entry data, or the decompressed tar stream, whichever is larger) at most this many times
    /// the bytes read from the input. Default 100: text compresses about 3-10x, a zip bomb 1000x.
    public var maximumRatio: Int
    /// The ratio is only checked once this many bytes were produced, so that tiny archives (a few
    /// headers of padding around small files) are not refused. Default 1 MiB.
    public var ratioGraceBytes: Int64
    /// Entry names and link targets at most this many bytes. Default 4096 (PATH_MAX on Linux).
    public var maximumNameBytes: Int

    /// Creates caps; each parameter defaults to the value in ``default``.
    public init(
        maximumEntries: Int = 10_000, maximumTotalBytes: Int64 = 8 << 30, maximumRatio: Int = 100,
        ratioGraceBytes: Int64 = 1 << 20, maximumNameBytes: Int = 4096
    ) {
        self.maximumEntries = maximumEntries
        self.maximumTotalBytes = maximumTotalBytes
        self.maximumRatio = maximumRatio
        self.ratioGraceBytes = ratioGraceBytes
        self.maximumNameBytes = maximumNameBytes
    }

    /// 10,000 entries, 8 GiB of entry data, ratio 100 after the first MiB, names up to 4096 bytes.
    public static let `default` = ArchiveLimits()
}
