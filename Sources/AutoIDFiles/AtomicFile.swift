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
        let directory = FilePath(path).removingLastComponent()
        let base = FilePath(path).lastComponent?.string ?? "output"
        var template = Array((directory.isEmpty ? "." : directory.string).utf8CString.dropLast())
        template += Array("/.\(base).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if fd < 0 { throw FileError(errno: errno, operation: "create a temporary file for", path: path) }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var committed = false
        defer { if !committed { unlink(temporary) } }

        let descriptor = FileDescriptor(rawValue: fd)
        do {
            try descriptor.closeAfter {
                _ = try descriptor.writeAll(bytes)
                if fchmod(fd, mode_t(permissions.rawValue)) != 0 { throw Errno(rawValue: errno) }
                if fsync(fd) != 0 { throw Errno(rawValue: errno) }
            }
        } catch let error as Errno {
            throw FileError(errno: error.rawValue, operation: "write", path: path)
        }

        switch existing {
        case .replace:
            if rename(temporary, path) != 0 { throw FileError(errno: errno, operation: "write", path: path) }
        case .refuse:
            if link(temporary, path) != 0 {
                if errno == EEXIST {
                    throw FileError(code: .refusedToOverwrite, operation: "write", path: path)
                }
                throw FileError(errno: errno, operation: "write", path: path)
            }
            unlink(temporary)
        }
        committed = true
    }

    /// Tells whether something exists at `path` (used to refuse early, before expensive work).
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }
}
