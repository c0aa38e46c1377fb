import AutoIDFiles
import AutoIDReports
import AutoIDSigstore
import AutoIDTestSupport
import AutoIDVerdict
import Foundation
import Testing

/// Swift Testing has an ExitStatus of its own; ours is the one meant here.
typealias ExitStatus = AutoIDVerdict.ExitStatus

/// The real Rekor v2 bundle in ../shared/vectors/sigstore (from sigstore-python's test assets) and the
/// staging trusted root it verifies against (committed in Tests/Fixtures/sigstore, see its README).
enum StagingVector {
    static let artifactPath = PackagePaths.vector("sigstore/staging-rekor-v2.txt")
    static let bundlePath = PackagePaths.vector("sigstore/staging-rekor-v2.txt.sigstore.json")
    static let trustedRootPath = PackagePaths.file("Tests/Fixtures/sigstore/sigstage-trusted-root.json")
    static let available = FileManager.default.fileExists(atPath: bundlePath) && FileManager.default.fileExists(atPath: artifactPath)
    static let skipMessage: Comment = "../shared/vectors/sigstore is absent: the real Rekor v2 bundle cannot be checked"

    /// The staging Rekor v2 log's Ed25519 key, from the staging trusted root (`tlogs[1].publicKey.rawBytes`,
    /// log log2025-alpha1.rekor.sigstage.dev).
    static let logKeyPEM = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAPn+AREHoBaZ7wgS1zBqpxmLSGnyhxXj4lFxSdWVB8o8=\n-----END PUBLIC KEY-----\n"
    /// The key of the bundle's signing certificate (ECDSA P-256), as `openssl x509 -pubkey` prints it.
    static let signerKeyPEM =
        "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEvoYb1h6sjlOR276rCjnPc/PgZtTa\nhLzmf32f08PZ/2eWr4q979itVw1PG8IhcK3E2ZiihegXEgh4mPkkMn78BA==\n-----END PUBLIC KEY-----\n"

    static func bundleText() throws -> String { try String(contentsOfFile: bundlePath, encoding: .utf8) }
    static func trustedRoot() throws -> TrustedRoot {
        try TrustedRoot(jsonBytes: Array(try Data(contentsOf: URL(fileURLWithPath: trustedRootPath))), source: "trusted_root.json")
    }
}

/// Runs a verification of bundle text over an artifact file.
func verify(
    bundle text: String, artifact: String, pinnedKey: String? = nil, trustedRoot: TrustedRoot? = nil, logKeys: [String] = [],
    identity: String? = nil, issuer: String? = nil
) async throws -> AuditReport {
    let bundle = try SigstoreBundle(jsonBytes: Array(text.utf8), source: "bundle.json")
    return try await SigstoreVerification(
        bundle: bundle, bundleName: "bundle.json", artifact: .file(.init(artifact)),
        pinnedKey: try pinnedKey.map { try SignerKey(pem: $0, source: "key.pem") }, trustedRoot: trustedRoot,
        logKeys: try logKeys.map { try SignerKey(pem: $0, source: "rekor.pem") },
        certificateIdentity: identity, certificateOIDCIssuer: issuer
    ).run()
}

extension AuditReport {
    /// The failed checks' names and reasons, for messages.
    var failures: [String] { checks.filter { !$0.passed }.map { "\($0.name): \($0.failure ?? "")" } }

    func failed(_ prefix: String) -> AuditCheck? { checks.first { !$0.passed && $0.name.hasPrefix(prefix) } }
}

/// Base64 text with one bit of its `index`-th decoded byte flipped.
func flipped(base64 text: String, at index: Int) throws -> String {
    var bytes = try require(Data(base64Encoded: text), "base64")
    bytes[index] ^= 0x01
    return bytes.base64EncodedString()
}
