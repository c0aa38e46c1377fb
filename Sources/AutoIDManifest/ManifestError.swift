public import AutoIDVerdict

/// A malformed envelope or statement: which input, where in it, and what is wrong.
///
/// Tools map it to exit code 3 (malformed input).
public struct ManifestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file the envelope came from.
    public var source: String
    /// Where in the document, as a JSON path such as `$.signatures[0].sig`; empty for the whole document.
    public var location: String
    /// What is wrong, and where useful what to do.
    public var detail: String

    public init(source: String, location: String = "", detail: String) {
        self.source = source
        self.location = location
        self.detail = detail
    }

    public var description: String {
        location.isEmpty ? "\(source): \(detail)" : "\(source): \(location): \(detail)"
    }
}

extension ManifestError: ReportableError {
    /// Malformed input (3).
    public var exitStatus: ExitStatus { .malformedInput }
}
