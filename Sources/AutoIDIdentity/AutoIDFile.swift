import AutoIDFiles

/// Reading and writing certificate files, capped at ``sizeLimit`` bytes.
public enum AutoIDFile {
    /// Certificate files are small; anything past 1 MiB is refused with ``IdentityError/Code/tooLarge``.
    public static let sizeLimit = 1 << 20

    /// Reads every certificate in the file at `path` (DER, or one or more PEM `CERTIFICATE` blocks;
    /// `-` is standard input).
    ///
    /// Throws ``IdentityError`` for bad content and for an over-size file, and `FileError` when the file
    /// cannot be read at all.
    public static func load(path: String) throws -> [AutoID] {
        let bytes: [UInt8]
        do {
            bytes = try SmallFile.read(path: path, limit: sizeLimit)
        } catch let error as FileError {
            if case .tooLarge = error.code {
                throw IdentityError(
                    .tooLarge, source: path,
                    detail: "the file is larger than the \(sizeLimit)-byte limit for certificate files",
                    hint: "is this really a certificate?")
            }
            throw error
        }
        return try AutoID.parseAll(bytes, source: path)
    }

    /// Writes `autoIDs` to `path` as PEM, atomically; refuses to replace an existing file unless `overwrite`.
    public static func save(_ autoIDs: [AutoID], to path: String, overwrite: Bool = false) throws {
        let text = autoIDs.map(\.pemString).joined()
        try AtomicFile.write(Array(text.utf8), to: path, existing: overwrite ? .replace : .refuse)
    }
}
