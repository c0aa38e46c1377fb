public import AutoIDFiles
import SystemPackage

/// Where a verifier reads the content of a statement's subjects: a subject named `-` is standard input,
/// any other name a path relative to a base directory (the current directory by default).
public struct SubjectLocator: Sendable {
    /// The directory subject names are relative to; `nil` for the current directory.
    public var baseDirectory: String?

    public init(baseDirectory: String? = nil) {
        self.baseDirectory = baseDirectory
    }

    /// The input holding the content of the subject called `name`.
    public func input(for name: String) -> InputSource {
        if name == "-" { return .standardInput }
        let path = FilePath(name)
        guard !path.isAbsolute, let baseDirectory else { return .file(path) }
        return .file(FilePath(baseDirectory).pushing(path))
    }
}
