public import AutoIDVerdict

/// What went wrong with an Auto Drive input: a CID that does not parse, a name that cannot be part of a
/// root node, an output that is refused. Verdicts (a CID that does not match) are reports, not errors.
public struct DriveError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// Not an Auto Drive CID: wrong multibase, version, codec, hash or length, or not base32.
        case malformedCID
        /// A file name longer than Auto Drive accepts (255 bytes of UTF-8).
        case nameTooLong
        /// An output the command will not write to (unverified bytes must not reach it).
        case unsafeOutput
        /// A folder Auto Drive could not have stored as it is: an entry that is a symbolic link, device,
        /// FIFO or socket, a name that is not UTF-8 or is over 255 bytes, too many entries, too deep, or
        /// no file at all.
        case refusedFolder
    }

    public var code: Code
    /// The input the error is about: the CID as given, the name, the output path.
    public var subject: String
    /// What is wrong and what to do, one line.
    public var detail: String

    public init(_ code: Code, subject: String, detail: String) {
        self.code = code
        self.subject = subject
        self.detail = detail
    }

    public var description: String { "\(subject): \(detail)" }
}

extension DriveError: ReportableError {
    /// A CID that does not parse, or a folder that cannot be an Auto Drive folder, is malformed input
    /// (3); a name too long or a refused output is a usage error (64): the user chose them.
    public var exitStatus: ExitStatus {
        switch code {
        case .malformedCID, .refusedFolder: .malformedInput
        case .nameTooLong, .unsafeOutput: .usage
        }
    }
}
