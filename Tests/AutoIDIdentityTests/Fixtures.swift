import AutoIDTestSupport
import Foundation

/// The Autonomys Auto ID fixtures: `<package root>/../shared/vectors/autonomys-auto-id`, found from this
/// file's path so it works both in the standalone package and in the main repository.
enum Fixtures {
    /// `AUTOID_IDENTITY_FIXTURES`, when set, overrides the location (to exercise the skip path).
    static let directory: URL =
        ProcessInfo.processInfo.environment["AUTOID_IDENTITY_FIXTURES"].map {
            URL(fileURLWithPath: $0)
        } ?? PackagePaths.sharedVectors.appendingPathComponent("autonomys-auto-id")

    /// Whether the fixture folder exists; tests that need it are skipped with a message when it does not.
    static let available: Bool = FileManager.default.fileExists(
        atPath: directory.appendingPathComponent("issuer.cert.der").path)

    static let skipMessage =
        "Autonomys fixtures not found at \(directory.path) (expected <package root>/../shared/vectors/autonomys-auto-id)"

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }
}
