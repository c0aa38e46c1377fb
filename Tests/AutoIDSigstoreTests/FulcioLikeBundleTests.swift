import AutoIDReports
import AutoIDSigstore
import AutoIDTestSupport
import Foundation
import Testing

/// Keyless signing as Rekor v1 logged it: certificate chain, identity and integrated time, ECDSA log.
@Suite("A Fulcio-like certificate logged by an ECDSA Rekor v1-style log")
struct FulcioLikeBundleTests {
    let directory: TemporaryDirectory
    let made = FulcioLikeBundle()
    let artifact: String

    init() throws {
        directory = try TemporaryDirectory()
        artifact = try directory.write("artifact.txt", made.artifact)
    }

    func run(_ bundle: [UInt8], root: [UInt8]? = nil, identity: String? = FulcioLikeBundle.email, issuer: String? = FulcioLikeBundle.issuerURL) async throws
        -> AuditReport
    {
        try await verify(
            bundle: String(decoding: bundle, as: UTF8.self), artifact: artifact,
            trustedRoot: TrustedRoot(jsonBytes: try root ?? made.trustedRoot(), source: "trusted_root.json"), identity: identity, issuer: issuer)
    }

    @Test("verifies: ECDSA checkpoint named for the v1 origin, chain at the integrated time, identity and issuer")
    func verifies() async throws {
        let report = try await run(try made.bundle())
        #expect(report.status == .ok, "\(report.failures)")
        let names = report.checks.map(\.name)
        for expected in [
            "log entry 987654: checkpoint signature (rekor.example.org - 4242)", "log entry 987654: body logs this signature (hashedrekord 0.0.1)",
            "certificate identity dev@example.org", "certificate OIDC issuer \(FulcioLikeBundle.issuerURL)", "certificate chain to 'CN=test-fulcio'",
        ] {
            #expect(names.contains(expected), "missing \(expected): \(names)")
        }
        #expect(report.textLines.contains { $0.contains("not checked") && $0.contains("inclusion promises") })
        #expect(report.textLines.contains { $0.hasPrefix("signing time") && $0.contains("integrated time of log entry 987654") })
    }

    @Test("a logged PEM certificate not wrapped at 64 columns is read too")
    func unwrappedPEM() async throws {
        let report = try await run(try made.bundle(wrapPEM: false))
        #expect(report.status == .ok, "\(report.failures)")
    }

    @Test("logged after the certificate expired: not trusted (exit 2)")
    func expired() async throws {
        let report = try await run(try made.bundle(integratedAfter: 3600))
        #expect(report.status == .untrusted, "\(report.failures)")
        #expect(report.failed("signing time")?.failure?.contains("outside the certificate's validity") == true)
    }

    @Test("another identity, another issuer, an unknown authority, a certificate not for code signing: exit 2")
    func untrusted() async throws {
        #expect(try await run(try made.bundle(), identity: "eve@example.org").failed("certificate identity") != nil)
        #expect(try await run(try made.bundle(), issuer: "https://accounts.example").failed("certificate OIDC issuer") != nil)
        // The same text decomposed is another issuer's bytes (cosign compares bytes), though an equal Swift string.
        #expect("https://issuer.example.org/cafe\u{301}" == FulcioLikeBundle.issuerURL)
        #expect(try await run(try made.bundle(), issuer: "https://issuer.example.org/cafe\u{301}").failed("certificate OIDC issuer") != nil)
        let unknown = try await run(try made.bundle(), root: try made.trustedRoot(withoutCA: true))
        #expect(unknown.status == .untrusted)
        #expect(unknown.failed("certificate chain")?.failure?.contains("no certificate authority") == true, "\(unknown.failures)")
        let other = FulcioLikeBundle()
        let foreign = try await run(try made.bundle(), root: try other.trustedRoot())
        #expect(foreign.status == .untrusted, "\(foreign.failures)")
        let notCodeSigning = try await run(try made.bundle(codeSigning: false))
        #expect(notCodeSigning.status == .untrusted)
        #expect(notCodeSigning.failed("certificate chain")?.failure?.contains("code signing") == true, "\(notCodeSigning.failures)")
    }
}
