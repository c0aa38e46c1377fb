public import AutoIDVerdict

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An I/O failure on a named file: what we tried, on which path, what the system said, and what to do.
///
/// Every tool maps this error to exit code 4 (I/O error), except ``Code/refusedToOverwrite`` and
/// ``Code/sameFileAsInput(_:)``, which are usage problems (64), and ``Code/tooLarge(limit:)``,
/// ``Code/tooMany(limit:items:)`` and ``Code/refusedName(_:)``, which are malformed input (3).
public struct FileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure, so callers can react without parsing messages.
    public enum Code: Sendable, Equatable {
        case notFound
        case permissionDenied
        case isDirectory
        case alreadyExists
        case refusedToOverwrite
        /// The output is the same file (device and inode) as this input, which writing would destroy.
        case sameFileAsInput(String)
        /// The input changed (size, modification time or identity) while it was read.
        case changedWhileReading
        /// A name chosen by untrusted input that we refuse to open, and why.
        case refusedName(String)
        case tooLarge(limit: Int)
        /// A list (of names, entries...) with more than `limit` items; `items` names them ("names").
        case tooMany(limit: Int, items: String)
        case other(errno: Int32)
    }

    /// What failed.
    public var code: Code
    /// The operation we attempted, such as "open" or "read".
    public var operation: String
    /// The path the operation was on; "-" means standard input or output.
    public var path: String
    /// A short hint for the user.
    public var hint: String?

    /// Builds an error of a known kind.
    public init(code: Code, operation: String, path: String, hint: String? = nil) {
        self.code = code
        self.operation = operation
        self.path = path
        self.hint = hint
    }

    /// Builds an error from an `errno` value.
    public init(errno value: Int32, operation: String, path: String, hint: String? = nil) {
        let code: Code
        switch value {
        case ENOENT: code = .notFound
        case EACCES, EPERM: code = .permissionDenied
        case EISDIR: code = .isDirectory
        case EEXIST: code = .alreadyExists
        default: code = .other(errno: value)
        }
        self.init(code: code, operation: operation, path: path, hint: hint)
    }

    /// One line: `PATH: cannot OPERATION: WHAT (HINT)`, the path escaped (``DisplayName``): it may come
    /// from untrusted input.
    public var description: String {
        let name = path == "-" ? "standard input" : DisplayName.escape(path)
        let what: String
        switch code {
        case .notFound: what = "no such file"
        case .permissionDenied: what = "permission denied"
        case .isDirectory: what = "is a directory"
        case .alreadyExists: what = "already exists"
        case .refusedToOverwrite: what = "already exists; pass --force to replace it"
        case .sameFileAsInput(let input):
            what =
                input == path
                ? "it is also an input; choose another output" : "it is the same file as the input '\(DisplayName.escape(input))'; choose another output"
        case .changedWhileReading: what = "the file changed while it was being read; try again once it is complete"
        case .refusedName(let reason): what = reason
        case .tooLarge(let limit): what = "larger than the \(limit)-byte limit for this kind of file"
        case .tooMany(let limit, let items): what = "more than \(limit) \(items), the limit for this kind of file"
        case .other(let value): what = String(cString: strerror(value))
        }
        var line = "\(name): cannot \(operation): \(what)"
        if let hint { line += " (\(hint))" }
        return line
    }
}

extension FileError: ReportableError {
    /// I/O error (4), except an output we will not write (an existing file without `--force`, or an
    /// input: a usage problem, 64) and an input over its size limit or a name we refuse to open
    /// (malformed input, 3).
    public var exitStatus: ExitStatus {
        switch code {
        case .refusedToOverwrite, .sameFileAsInput: .usage
        case .tooLarge, .tooMany, .refusedName: .malformedInput
        case .notFound, .permissionDenied, .isDirectory, .alreadyExists, .changedWhileReading, .other: .ioError
        }
    }
}
