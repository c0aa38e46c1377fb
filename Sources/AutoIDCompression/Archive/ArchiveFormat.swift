/// The archive formats ``ArchiveWriter`` makes, named as a `--format` option spells them.
public enum ArchiveFormat: String, CaseIterable, Sendable {
    /// POSIX tar in libarchive's "restricted pax": ustar headers, with a pax extended header only for
    /// an entry ustar cannot describe (a long or non-ASCII name, a size of 8 GiB or more).
    case tar
    /// Plain ustar: no extensions; names up to 255 bytes (split at a `/`), sizes under 8 GiB.
    case ustar
    /// ``tar`` compressed with gzip (no timestamp or file name in the gzip header).
    case tarGzip = "tar.gz"
    /// ``tar`` compressed with zstd (level 3, single-threaded, so the output does not vary).
    case tarZstd = "tar.zst"
    /// Zip with deflate. The DOS time field is computed in local time by libarchive: only a
    /// modification time of 0 (which every time zone clamps to 1980-01-01) gives the same bytes in
    /// every time zone; the extended-timestamp field is always UTC.
    case zip
}
