public import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a whole file so that readers see either the old state or the complete new file, never a
/// partial one.
///
/// The bytes go to a temporary file in the destination's directory, are flushed with `fsync`, given their
/// final permissions, and only then moved into place. A failure at any step removes the temporary file.
/// ``AtomicOutput`` does the same for content written in pieces.
public enum AtomicFile {
    /// What to do when the destination already exists.
    public enum ExistingFile: Sendable {
        /// Replace it (atomically, with `rename`), keeping its mode.
        case replace
        /// Fail with ``FileError/Code/refusedToOverwrite`` (checked atomically, with `link`).
        case refuse
    }

    /// Writes `bytes` to `path`, as ``AtomicOutput`` decides for that destination (`-` and devices are
    /// written directly, regular files replaced atomically).
    ///
    /// - Parameters:
    ///   - permissions: the mode of a new file, such as `0o600` for secret keys (a replaced file keeps
    ///     its mode).
    ///   - existing: whether an existing regular file may be replaced.
    ///   - inputs: files the command reads; an output that is one of them is refused.
    public static func write(
        _ bytes: some Collection<UInt8>,
        to path: String,
        permissions: FilePermissions = [.ownerReadWrite, .groupRead, .otherRead],
        existing: ExistingFile = .replace,
        inputs: [String] = []
    ) throws {
        let output = try AtomicOutput(path: path, existing: existing, inputs: inputs)
        try output.write(bytes)
        try output.commit(permissions: permissions)
    }

    /// Tells whether something exists at `path` (used to refuse early, before expensive work).
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }
}
