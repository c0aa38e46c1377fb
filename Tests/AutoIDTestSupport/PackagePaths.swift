public import Foundation

/// Where the package and the shared vectors are, found from this file's path so tests work from any
/// working directory.
public enum PackagePaths {
    /// The package root (the folder holding Package.swift).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Tests/AutoIDTestSupport
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // the package root

    /// `../shared/vectors` beside the package: public vector files that tests read when present and skip
    /// without (they are never copied into the repository).
    public static let sharedVectors: URL = root.deletingLastPathComponent().appendingPathComponent("shared/vectors")

    /// A path inside the package.
    public static func file(_ relativePath: String) -> String { root.appendingPathComponent(relativePath).path }

    /// A path inside `../shared/vectors`.
    public static func vector(_ relativePath: String) -> String { sharedVectors.appendingPathComponent(relativePath).path }
}
