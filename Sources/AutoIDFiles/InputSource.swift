public import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where content comes from: a file on disk or standard input (`-` on the command line).
///
/// Reading is streaming: ``forEachChunk(bufferSize:_:)`` reuses one buffer, so memory stays bounded
/// whatever the size of the input. Inputs are only ever opened read-only.
public enum InputSource: Sendable, Hashable, CustomStringConvertible {
    case file(FilePath)
    case standardInput

    /// Parses a command-line operand: `-` is standard input, anything else a path.
    public init(argument: String) {
        self = argument == "-" ? .standardInput : .file(FilePath(argument))
    }

    /// The name shown to users and recorded as a subject name: the path as given, or `-`.
    public var description: String {
        switch self {
        case .file(let path): return path.string
        case .standardInput: return "-"
        }
    }

    /// The default read size: large enough that syscalls and hashing setup vanish from profiles.
    public static let defaultBufferSize = 1 << 20

    /// Calls `body` with successive chunks of the input until end of file.
    ///
    /// The buffer passed to `body` is only valid during the call. Throws ``FileError`` on open or read
    /// failures, naming the path.
    public func forEachChunk(
        bufferSize: Int = InputSource.defaultBufferSize,
        _ body: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        let name = description
        let descriptor: FileDescriptor
        switch self {
        case .standardInput:
            descriptor = .standardInput
        case .file(let path):
            do {
                descriptor = try FileDescriptor.open(path, .readOnly, options: [.closeOnExec])
            } catch let error as Errno {
                throw FileError(errno: error.rawValue, operation: "open", path: name)
            }
        }
        defer { if case .file = self { try? descriptor.close() } }
        try withUnsafeTemporaryAllocation(byteCount: bufferSize, alignment: 64) { buffer in
            while true {
                let count: Int
                do {
                    count = try descriptor.read(into: buffer)
                } catch let error as Errno {
                    throw FileError(errno: error.rawValue, operation: "read", path: name)
                }
                if count == 0 { return }
                try body(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            }
        }
    }
}
