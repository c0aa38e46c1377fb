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
        /// Replace it (atomically, with `rename`).
        case replace
        /// Fail with ``FileError/Code/refusedToOverwrite`` (checked atomically, with `link`).
        case refuse
    }

    /// Writes `bytes` to `path`.
    ///
    /// - Parameters:
    ///   - permissions: the mode of the new file, such as `0o600` for secret keys.
    ///   - existing: whether an existing file may be replaced.
    public static func write(
        _ bytes: some Collection<UInt8>,
        to path: String,
        permissions: FilePermissions = [.ownerReadWrite, .groupRead, .otherRead],
        existing: ExistingFile = .replace
    ) throws {
        let output = try AtomicOutput(path: path)
        do {
            _ = try output.descriptor.writeAll(bytes)
        } catch let error as Errno {
            throw FileError(errno: error.rawValue, operation: "write", path: path)
        }
        try output.commit(permissions: permissions, existing: existing)
    }

    /// Tells whether something exists at `path` (used to refuse early, before expensive work).
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }
}
