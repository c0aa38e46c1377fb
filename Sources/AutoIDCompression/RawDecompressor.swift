internal import AutoIDLibArchive

/// Decompresses a single raw stream (zstd, gzip, xz, bzip2...) through libarchive's filters.
///
/// Owns one libarchive read handle for the length of one call and frees it on every path.
public enum RawDecompressor {
    /// The formats libarchive detects by their magic bytes.
    public static func decompress(_ bytes: [UInt8], limit: Int) throws(CompressionError) -> [UInt8] {
        let handle = ReadHandle()
        return try handle.read(bytes, limit: limit)
    }
}

/// The one owner of a libarchive read handle.
private final class ReadHandle {
    let archive: OpaquePointer

    init() {
        guard let archive = archive_read_new() else { fatalError("libarchive could not allocate a reader") }
        self.archive = archive
        archive_read_support_filter_all(archive)
        archive_read_support_format_raw(archive)
    }

    deinit { archive_read_free(archive) }

    var message: String {
        if let text = archive_error_string(archive) { return String(cString: text) }
        return "unknown libarchive error"
    }

    func read(_ bytes: [UInt8], limit: Int) throws(CompressionError) -> [UInt8] {
        var output: [UInt8] = []
        let result: Result<Void, CompressionError> = bytes.withUnsafeBytes { input in
            guard archive_read_open_memory(archive, input.baseAddress, input.count) == ARCHIVE_OK else {
                return .failure(CompressionError(.malformed, detail: message))
            }
            var entry: OpaquePointer?
            guard archive_read_next_header(archive, &entry) == ARCHIVE_OK else {
                return .failure(CompressionError(.malformed, detail: message))
            }
            if archive_filter_count(archive) < 2 {
                // Only the "none" filter: the input was not compressed at all.
                return .failure(CompressionError(.malformed, detail: "not a compressed stream"))
            }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = chunk.withUnsafeMutableBytes { archive_read_data(archive, $0.baseAddress, $0.count) }
                if count == 0 { return .success(()) }
                if count < 0 { return .failure(CompressionError(.malformed, detail: message)) }
                if output.count + count > limit {
                    return .failure(CompressionError(.tooLarge(limit: limit), detail: "stopped after \(output.count) bytes"))
                }
                output.append(contentsOf: chunk[0..<count])
            }
        }
        try result.get()
        return output
    }
}
