/// Reads files that are small by definition (keys, envelopes, certificates) whole, with a size cap.
///
/// The cap turns a hostile or mistaken multi-gigabyte input into a clear error instead of an
/// out-of-memory kill.
public enum SmallFile {
    /// Reads all of `source`, failing with ``FileError/Code/tooLarge(limit:)`` past `limit` bytes.
    public static func read(_ source: InputSource, limit: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try source.forEachChunk(bufferSize: min(limit + 1, 1 << 16)) { chunk in
            if bytes.count + chunk.count > limit {
                throw FileError(code: .tooLarge(limit: limit), operation: "read", path: source.description)
            }
            bytes.append(contentsOf: chunk)
        }
        return bytes
    }

    /// Reads the file at `path` (or standard input for `-`).
    public static func read(path: String, limit: Int) throws -> [UInt8] {
        try read(InputSource(argument: path), limit: limit)
    }
}
