/// An error an autoid tool can report: one line that names the input and what went wrong, the exit
/// status it ends the run with, and, for `--verbose`, the lower-level cause.
///
/// Every error type in the package conforms, and ``exitStatus`` has no default: a new error type must
/// say which status it means, and a test lists every error type in the package to check its mapping.
/// Errors that reach a command without conforming are bugs and end the run with
/// ``ExitStatus/internalError``.
public protocol ReportableError: Error, Sendable, CustomStringConvertible {
    /// The exit status a tool ends with when this error stops it (DESIGN.md section 8).
    var exitStatus: ExitStatus { get }
    /// The lower-level error behind this one, shown with `--verbose`; `nil` when there is none.
    var cause: (any Error)? { get }
}

extension ReportableError {
    public var cause: (any Error)? { nil }
}

extension ExitStatus {
    /// The status an error ends a run with: its own for a ``ReportableError``, otherwise
    /// ``internalError`` (an error nobody planned for is a bug, never a verdict).
    public static func of(_ error: any Error) -> ExitStatus {
        (error as? any ReportableError)?.exitStatus ?? .internalError
    }
}
