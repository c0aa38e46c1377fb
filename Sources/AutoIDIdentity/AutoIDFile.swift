import AutoIDFiles

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    /// Writes `autoIDs` to `path` as PEM, atomically; refuses to replace an existing file unless `overwrite`,
    /// and to write over any of `inputs` (see `AtomicOutput`).
    public static func save(_ autoIDs: [AutoID], to path: String, overwrite: Bool = false, inputs: [String] = []) throws {
        let text = autoIDs.map(\.pemString).joined()
        try AtomicFile.write(Array(text.utf8), to: path, existing: overwrite ? .replace : .refuse, inputs: inputs)
    }
}

extension AutoIDFile {
    /// Trust roots from a PEM file, or from every `.pem`, `.crt` and `.cer` file in a folder (sorted by
    /// name; other files and subfolders are ignored).
    public static func loadTrustRoots(path: String) throws -> [AutoID] {
        var status = stat()
        guard stat(path, &status) == 0 else { throw FileError(errno: errno, operation: "open", path: path) }
        guard (status.st_mode & S_IFMT) == S_IFDIR else { return try load(path: path) }
        guard let directory = opendir(path) else { throw FileError(errno: errno, operation: "list", path: path) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            // Other files are ignored, whatever their names; a certificate's name must be UTF-8.
            let bytes = DirectoryEntry.name(entry)
            guard [".pem", ".crt", ".cer"].contains(where: { bytes.reversed().starts(with: $0.utf8.reversed()) }) else { continue }
            names.append(try DirectoryEntry.text(entry, in: path, operation: "list"))
        }
        return try names.sorted().flatMap { try load(path: path + "/" + $0) }
    }
}
