import AutoIDReports
import AutoIDSigstore
import AutoIDTestSupport
import Foundation
import Testing

/// The real Rekor v2 bundle from sigstore-python's test assets, over its artifact.
///
/// What passing means here: the artifact's SHA-256 is the signed digest; the ECDSA P-256 signature
/// verifies with the signing certificate's key (pinned with the key typed in `StagingVector`); the
/// hashedrekord 0.0.2 body logs that digest, signature and certificate; the inclusion proof leads from
/// SHA-256(0x00 || body) to the proof's root, which is the checkpoint's; and the checkpoint is signed by
/// the staging log's Ed25519 key (from the staging trusted root, matched by log ID, or given as PEM).
@Suite("The real staging Rekor v2 bundle", .enabled(if: StagingVector.available, StagingVector.skipMessage))
struct StagingVectorTests {
    @Test("verifies: digest, signature, body, inclusion proof and checkpoint, log key from the trusted root")
    func verifies() async throws {
        let report = try await verify(
            bundle: StagingVector.bundleText(), artifact: StagingVector.artifactPath,
            pinnedKey: StagingVector.signerKeyPEM, trustedRoot: StagingVector.trustedRoot())
        #expect(report.status == .ok, "\(report.failures)")
        let names = report.checks.map(\.name)
        for expected in [
            "signing certificate holds the --key", "artifact digest (SHA2_256)", "signature (ECDSA P-256)",
            "log entry 645: body logs this signature (hashedrekord 0.0.2)",
            "log entry 645: checkpoint signature (log2025-alpha1.rekor.sigstage.dev)",
            "log entry 645: inclusion proof (leaf 645 of 646)",
        ] {
            #expect(names.contains(expected), "missing check \(expected): \(names)")
        }
        #expect(report.textLines.contains { $0.hasPrefix("not checked") && $0.contains("signed certificate timestamps") })
    }

    @Test("verifies with the log key given as PEM instead of a trusted root")
    func verifiesWithRekorKey() async throws {
        let report = try await verify(
            bundle: StagingVector.bundleText(), artifact: StagingVector.artifactPath,
            pinnedKey: StagingVector.signerKeyPEM, logKeys: [StagingVector.logKeyPEM])
        #expect(report.status == .ok, "\(report.failures)")
    }

    @Test("with the trusted root alone: RFC 3161 timestamp, chain to Fulcio at that time, identity and issuer")
    func trustedRootAlone() async throws {
        let report = try await verify(
            bundle: StagingVector.bundleText(), artifact: StagingVector.artifactPath,
            trustedRoot: StagingVector.trustedRoot(), identity: "jku@goto.fi", issuer: "https://github.com/login/oauth")
        #expect(report.status == .ok, "\(report.failures)")
        let names = report.checks.map(\.name)
        for expected in [
            "RFC 3161 timestamp 1 (2025-06-09T11:57:38Z) by 'sigstore-tsa-selfsigned'", "certificate identity jku@goto.fi",
            "certificate OIDC issuer https://github.com/login/oauth", "signing time 2025-06-09T11:57:38Z within the certificate's validity",
            "certificate chain to 'CN=sigstore,O=sigstore.dev'",
        ] {
            #expect(names.contains(expected), "missing check \(expected): \(names)")
        }
    }

    /// The bundle's text with its RFC 3161 timestamp replaced by `replacement(base64 of the token)`.
    static func withTimestamp(_ replacement: (String) throws -> String?) throws -> String {
        let text = try StagingVector.bundleText()
        let key = "\"signedTimestamp\": \""
        let start = try require(text.range(of: key)).upperBound
        let end = try require(text[start...].firstIndex(of: "\""))
        let token = String(text[start..<end])
        guard let changed = try replacement(token) else {
            // No timestamp at all: drop the whole timestampVerificationData member.
            let member = try require(text.range(of: #", "timestampVerificationData": {"rfc3161Timestamps": [{"signedTimestamp": ""# + token + #""}]}"#))
            return text.replacingCharacters(in: member, with: "")
        }
        return text.replacingCharacters(in: start..<end, with: changed)
    }

    @Test("a changed timestamp fails; without one the certificate has no signing time (exit 2)")
    func tamperedTimestamp() async throws {
        let root = try StagingVector.trustedRoot()
        // A byte inside the TSTInfo (its genTime): the signed attributes no longer match it.
        let inside = try await verify(bundle: Self.withTimestamp { try flipped(base64: $0, at: 200) }, artifact: StagingVector.artifactPath, trustedRoot: root)
        #expect(inside.status == .verificationFailed, "\(inside.failures)")
        #expect(inside.failed("RFC 3161 timestamp 1")?.failure?.contains("signed attributes do not match") == true, "\(inside.failures)")
        // The last byte of its signature: no authority's certificate verifies it.
        let signature = try await verify(
            bundle: Self.withTimestamp { try flipped(base64: $0, at: 1258) }, artifact: StagingVector.artifactPath, trustedRoot: root)
        #expect(signature.status == .untrusted, "\(signature.failures)")
        #expect(signature.failed("RFC 3161 timestamp 1")?.failure?.contains("does not verify") == true, "\(signature.failures)")
        #expect(signature.failed("signing time")?.failure?.contains("no verified signing time") == true)
        let none = try await verify(bundle: Self.withTimestamp { _ in nil }, artifact: StagingVector.artifactPath, trustedRoot: root)
        #expect(none.status == .untrusted, "\(none.failures)")
        #expect(none.failed("signing time")?.failure?.contains("no verified signing time") == true)
        // Garbage where the token should be is malformed-looking but reported as a failed check.
        let garbage = try await verify(bundle: Self.withTimestamp { _ in "AAAA" }, artifact: StagingVector.artifactPath, trustedRoot: root)
        #expect(garbage.failed("RFC 3161 timestamp 1")?.failure?.contains("not a readable time-stamp token") == true, "\(garbage.failures)")
    }

    @Test("the real timestamp truncated at many lengths, or with random bytes, is a failed check, never a crash")
    func hostileTimestamps() async throws {
        let root = try StagingVector.trustedRoot()
        var random = TestRandom(seed: 31)
        var cases: [String] = []
        for length in stride(from: 1, to: 1263, by: 61) {
            cases.append(try Self.withTimestamp { Data(Data(base64Encoded: $0)!.prefix(length)).base64EncodedString() })
        }
        for _ in 0..<10 {
            cases.append(
                try Self.withTimestamp { base64 in
                    var bytes = Array(Data(base64Encoded: base64)!)
                    bytes[Int.random(in: 0..<bytes.count, using: &random)] ^= UInt8.random(in: 1...255, using: &random)
                    return Data(bytes).base64EncodedString()
                })
        }
        for text in cases {
            let report = try await verify(bundle: text, artifact: StagingVector.artifactPath, trustedRoot: root)
            #expect(
                report.status != .ok || report.checks.contains { $0.name.hasPrefix("RFC 3161 timestamp 1") && $0.passed },
                "\(report.failures)")
            if report.status != .ok { #expect(report.failed("RFC 3161 timestamp 1") != nil || report.failed("signing time") != nil, "\(report.failures)") }
        }
    }

    @Test("another identity or issuer is not trusted (exit 2)")
    func wrongIdentity() async throws {
        let report = try await verify(
            bundle: StagingVector.bundleText(), artifact: StagingVector.artifactPath,
            trustedRoot: StagingVector.trustedRoot(), identity: "someone@example.org", issuer: "https://accounts.google.com")
        #expect(report.status == .untrusted)
        #expect(report.failed("certificate identity someone@example.org")?.failure == "the certificate names jku@goto.fi")
        #expect(report.failed("certificate OIDC issuer")?.failure?.contains("https://github.com/login/oauth") == true)
    }

    @Test("a changed byte of the artifact fails (exit 1)")
    func tamperedArtifact() async throws {
        let directory = try TemporaryDirectory()
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: StagingVector.artifactPath)))
        bytes[10] ^= 0x20
        let path = try directory.write("artifact.txt", bytes)
        let report = try await verify(
            bundle: StagingVector.bundleText(), artifact: path,
            pinnedKey: StagingVector.signerKeyPEM, trustedRoot: StagingVector.trustedRoot())
        #expect(report.status == .verificationFailed)
        #expect(report.failed("artifact digest")?.failure?.contains("the file differs from what was signed") == true)
        #expect(report.failed("signature (ECDSA P-256)") != nil)
        #expect(report.failed("log entry") == nil, "the log entry is still the bundle's: \(report.failures)")
    }

    /// Each mutation of the bundle's text: where (a unique context), the base64 value in it whose
    /// `index`-th byte is flipped, the check that must fail and the words of its reason.
    static let mutations: [(name: String, context: String, value: String, index: Int, check: String, words: String)] = [
        (
            "a proof hash", "\"wzbEsO0X3AWHadlgJZx7yhJdRVEZ2dEY21okXQ6UIi4=\"", "wzbEsO0X3AWHadlgJZx7yhJdRVEZ2dEY21okXQ6UIi4=", 7,
            "log entry 645: inclusion proof", "does not lead from the entry's leaf hash"
        ),
        (
            "the proof's root hash", "\"rootHash\": \"kNum4JmdViJPfZLMRB3xPi6flATj2JzJSiF+1pQDzNQ=\"", "kNum4JmdViJPfZLMRB3xPi6flATj2JzJSiF+1pQDzNQ=", 0,
            "log entry 645: inclusion proof", "does not lead from the entry's leaf hash"
        ),
        (
            "the checkpoint's signature", "8w1amQA0XB55lIjvC/rvbpawQn9lp2R5TSkvqoNJuxcH9Ii05Ddi66xN8z5ZE6GsK2MkvgNZuqnZ5RtHbq2kpt/B8AE=",
            "8w1amQA0XB55lIjvC/rvbpawQn9lp2R5TSkvqoNJuxcH9Ii05Ddi66xN8z5ZE6GsK2MkvgNZuqnZ5RtHbq2kpt/B8AE=", 20,
            "log entry 645: checkpoint signature", "does not verify with the log's key"
        ),
        (
            "the checkpoint's root hash", "646\\nkNum4JmdViJPfZLMRB3xPi6flATj2JzJSiF+1pQDzNQ=", "kNum4JmdViJPfZLMRB3xPi6flATj2JzJSiF+1pQDzNQ=", 3,
            "log entry 645: checkpoint signature", "does not verify with the log's key"
        ),
    ]

    @Test("a changed byte of the proof, the root or the checkpoint's signature fails (exit 1)", arguments: 0..<4)
    func tamperedProof(_ index: Int) async throws {
        let mutation = Self.mutations[index]
        let text = try StagingVector.bundleText()
        #expect(text.components(separatedBy: mutation.context).count == 2, "the vector no longer holds \(mutation.context) once")
        let changedContext = mutation.context.replacingOccurrences(of: mutation.value, with: try flipped(base64: mutation.value, at: mutation.index))
        let changed = text.replacingOccurrences(of: mutation.context, with: changedContext)
        #expect(changed != text)
        let report = try await verify(
            bundle: changed, artifact: StagingVector.artifactPath,
            pinnedKey: StagingVector.signerKeyPEM, trustedRoot: StagingVector.trustedRoot())
        #expect(report.status == .verificationFailed, "\(mutation.name): \(report.failures)")
        let failure = report.failed(mutation.check)
        #expect(failure?.failure?.contains(mutation.words) == true, "\(mutation.name): \(report.failures)")
    }

    @Test("a log key that is not the entry's log: not trusted (exit 2)")
    func otherLogKey() async throws {
        // The staging log2025-alpha2 key (same trusted root): a real log, but not the one that signed.
        let alpha2 = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAkrA8Ou2FtN7kYXCP/lpvF8vQrvh4nj+91+PWOGGzfGc=\n-----END PUBLIC KEY-----\n"
        let report = try await verify(
            bundle: StagingVector.bundleText(), artifact: StagingVector.artifactPath,
            pinnedKey: StagingVector.signerKeyPEM, logKeys: [alpha2])
        // The line is named for the origin, so it is tried with this key: it does not verify.
        #expect(report.status == .verificationFailed, "\(report.failures)")
        let empty = try await verify(
            bundle: StagingVector.bundleText(), artifact: StagingVector.artifactPath,
            pinnedKey: StagingVector.signerKeyPEM,
            trustedRoot: TrustedRoot(jsonBytes: Array(#"{"mediaType":"application/vnd.dev.sigstore.trustedroot+json;version=0.1"}"#.utf8), source: "t"))
        #expect(empty.status == .untrusted)
        #expect(empty.failed("log entry 645: checkpoint signature")?.failure?.contains("is not in the trusted root") == true)
    }

    @Test("another signer key is not trusted (exit 2)")
    func otherSignerKey() async throws {
        let report = try await verify(
            bundle: StagingVector.bundleText(), artifact: StagingVector.artifactPath,
            pinnedKey: SyntheticBundle().signerPEM, trustedRoot: StagingVector.trustedRoot())
        #expect(report.status == .untrusted)
        #expect(report.failed("signing certificate holds the --key") != nil)
    }
}
