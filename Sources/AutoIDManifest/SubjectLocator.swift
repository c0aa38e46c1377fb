public import AutoIDFiles
import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a verifier reads the content of a statement's subjects: a subject named `-` is standard input,
/// any other name a path relative to a base directory (the current directory by default).
///
/// Subject names are chosen by the signer, so they are untrusted data: by default a name is refused
/// (``FileError/Code/refusedName(_:)``) when it is empty, holds a NUL byte, is absolute, has a `..`
/// component, resolves (through symbolic links) outside the base directory, or names anything but a
/// regular file (a device such as `/dev/zero` would never end; a FIFO could block forever).
/// ``allowsPathsOutsideBase`` lifts the three rules about leaving the base directory, for envelopes
/// whose signer recorded absolute or `../` names on purpose; the others always hold.
public struct SubjectLocator: Sendable {
    /// The directory subject names are relative to; `nil` for the current directory.
    public var baseDirectory: String?
    /// Whether names may be absolute, contain `..` or resolve outside ``baseDirectory``.
    public var allowsPathsOutsideBase: Bool
    /// What standard input already carried (such as "the envelope"), if anything: then a subject named
    /// `-` is refused with that reason instead of being hashed from the input's empty remainder, which
    /// reported the content as changed (FAILED, exit 1) when it was never given.
    public var standardInputCarries: String?

    public init(baseDirectory: String? = nil, allowsPathsOutsideBase: Bool = false) {
        self.baseDirectory = baseDirectory
        self.allowsPathsOutsideBase = allowsPathsOutsideBase
    }

    /// The path a subject name stands for, without any check (for reports).
    public func input(for name: String) -> InputSource {
        if name == "-" { return .standardInput }
        let path = FilePath(name)
        guard !path.isAbsolute, let baseDirectory else { return .file(path) }
        return .file(FilePath(baseDirectory).pushing(path))
    }

    /// The input holding the content of the subject called `name`, after the checks in the type's
    /// documentation.
    ///
    /// - Throws: ``FileError``: ``FileError/Code/refusedName(_:)`` for a name refused by the rules, or
    ///   the system's error (not found, permission denied) when the path cannot be resolved.
    public func locate(_ name: String) throws(FileError) -> InputSource {
        func refuse(_ reason: String) -> FileError {
            FileError(code: .refusedName(reason), operation: "read", path: name)
        }
        if name == "-" {
            guard let standardInputCarries else { return .standardInput }
            throw refuse(
                "standard input carried \(standardInputCarries), so it cannot carry this content too; give \(standardInputCarries) as a file and the content on standard input"
            )
        }
        if name.isEmpty { throw refuse("the name is empty") }
        if name.utf8.contains(0) { throw refuse("the name contains a NUL byte") }
        if !allowsPathsOutsideBase {
            if PathName.isAbsolute(name) { throw refuse("an absolute name; pass --allow-outside-paths to read it") }
            if PathName.hasParentComponent(name) {
                throw refuse("a '..' component; pass --allow-outside-paths to read it")
            }
        }
        let input = input(for: name)
        guard case .file(let path) = input else { return input }
        guard let resolved = Self.realPath(path.string) else {
            throw FileError(errno: errno, operation: "open", path: path.string)
        }
        if !allowsPathsOutsideBase {
            guard let base = Self.realPath(baseDirectory ?? ".") else {
                throw FileError(errno: errno, operation: "open", path: baseDirectory ?? ".")
            }
            guard PathName.isInside(resolved, directory: base), !resolved.utf8.elementsEqual(base.utf8) else {
                throw refuse("a symbolic link leads outside the base directory; pass --allow-outside-paths to read it")
            }
        }
        var info = stat()
        guard stat(resolved, &info) == 0 else { throw FileError(errno: errno, operation: "open", path: path.string) }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw refuse("not a regular file (a directory, device, FIFO or socket is never read as a subject)")
        }
        return input
    }

    /// `realpath(3)`: the absolute path without symbolic links, `.` or `..`; `nil` (with `errno` set)
    /// when it cannot be resolved.
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
