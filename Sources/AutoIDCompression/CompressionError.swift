public import AutoIDVerdict

/// A compressed input that could not be decompressed: what, and why.
public struct CompressionError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// The data is not in the expected format, or is damaged or truncated.
        case malformed
        /// The output would exceed the caller's limit (a decompression bomb, or a limit set too low).
        case tooLarge(limit: Int)
    }

    public var code: Code
    /// What the library said.
    public var detail: String

    public init(_ code: Code, detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String {
        switch code {
        case .malformed: "cannot decompress: \(detail)"
        case .tooLarge(let limit): "decompressed data exceeds the \(limit)-byte limit (\(detail))"
        }
    }
}

extension CompressionError: ReportableError {
    /// Malformed input (3): damaged data, or data that decompresses beyond its limit (a bomb).
    public var exitStatus: ExitStatus {
        switch code {
        case .malformed, .tooLarge: .malformedInput
        }
    }
}
