public import AutoIDVerdict
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An I/O failure on a named file: what we tried, on which path, what the system said, and what to do.
///
/// Every tool maps this error to exit code 4 (I/O error), except ``Code/refusedToOverwrite``, which is a
/// usage problem, and ``Code/tooLarge``, which is malformed input.
public struct FileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure, so callers can react without parsing messages.
    public enum Code: Sendable, Equatable {
        case notFound
        case permissionDenied
        case isDirectory
        case alreadyExists
        case refusedToOverwrite
        case tooLarge(limit: Int)
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

    public init(code: Code, operation: String, path: String, hint: String? = nil) {
        self.code = code
        self.operation = operation
        self.path = path
        self.hint = hint
    }

    /// Builds an error from an `errno` value.
    public init(errno value: Int32, operation: String, path: String) {
        let code: Code
        switch value {
        case ENOENT: code = .notFound
        case EACCES, EPERM: code = .permissionDenied
        case EISDIR: code = .isDirectory
        case EEXIST: code = .alreadyExists
        default: code = .other(errno: value)
        }
        self.init(code: code, operation: operation, path: path)
    }

    public var description: String {
        let name = path == "-" ? "standard input" : path
        let what: String
        switch code {
        case .notFound: what = "no such file"
        case .permissionDenied: what = "permission denied"
        case .isDirectory: what = "is a directory"
        case .alreadyExists: what = "already exists"
        case .refusedToOverwrite: what = "already exists; pass --force to replace it"
        case .tooLarge(let limit): what = "larger than the \(limit)-byte limit for this kind of file"
        case .other(let value): what = String(cString: strerror(value))
        }
        var line = "\(name): cannot \(operation): \(what)"
        if let hint { line += " (\(hint))" }
        return line
    }
}

extension FileError: ReportableError {
    /// I/O error (4), except an existing output we will not replace (a usage problem, 64) and an input
    /// over its size limit (malformed input, 3).
    public var exitStatus: ExitStatus {
        switch code {
        case .refusedToOverwrite: .usage
        case .tooLarge: .malformedInput
        case .notFound, .permissionDenied, .isDirectory, .alreadyExists, .other: .ioError
        }
    }
}
