public import AutoIDVerdict

/// A minisign or signify file that cannot be used: what is wrong, with which input, and what to do.
public struct MinisignError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// Not a signature or checksum list in the expected format: truncated, garbage, oversized.
        case malformed
        /// Well formed, but an algorithm autoid does not support.
        case unsupported
        /// The content is too large to sign or verify without prehashing (legacy `Ed`, over 1 GiB).
        case tooLarge
    }

    public var code: Code
    /// The file the problem is in.
    public var source: String
    public var detail: String

    public init(_ code: Code, source: String, detail: String) {
        self.code = code
        self.source = source
        self.detail = detail
    }

    public var description: String { "\(source): \(detail)" }
}

extension MinisignError: ReportableError {
    /// Malformed input (3) for every code: the file is not something autoid can check.
    public var exitStatus: ExitStatus {
        switch code {
        case .malformed, .unsupported, .tooLarge: .malformedInput
        }
    }
}
