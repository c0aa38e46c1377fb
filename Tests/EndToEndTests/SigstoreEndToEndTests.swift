import AutoIDJSON
import AutoIDTestSupport
import Foundation
import Testing

/// `autoid-verify sigstore` as a user runs it: the built executable, real files, exit codes.
@Suite("autoid-verify sigstore, end to end")
struct SigstoreEndToEndTests {
    static let vectors = PackagePaths.vector("sigstore")
    static let available = FileManager.default.fileExists(atPath: vectors + "/staging-rekor-v2.txt.sigstore.json")
    static let skip: Comment = "../shared/vectors/sigstore is absent: the real Rekor v2 bundle cannot be checked"
    static let trustedRoot = PackagePaths.file("Tests/Fixtures/sigstore/sigstage-trusted-root.json")
    /// The key of the bundle's signing certificate (ECDSA P-256), as `openssl x509 -pubkey` prints it.
    static let signerKey =
        "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEvoYb1h6sjlOR276rCjnPc/PgZtTa\nhLzmf32f08PZ/2eWr4q979itVw1PG8IhcK3E2ZiihegXEgh4mPkkMn78BA==\n-----END PUBLIC KEY-----\n"

    let directory: TemporaryDirectory
    let keyPath: String

    init() throws {
        directory = try TemporaryDirectory()
        keyPath = try directory.write("signer.pem", Array(Self.signerKey.utf8))
    }

    func run(_ arguments: [String], in folder: String? = nil) throws -> ToolResult {
        try ToolRunner.run("autoid-verify", ["sigstore"] + arguments, in: folder ?? directory.path)
    }

    func expectFailure(_ arguments: [String], status: Int32, message: String, files: [String] = ["signer.pem"]) throws {
        let result = try run(arguments)
        #expect(result.status == status, "\(arguments): \(result.stderrText)")
        #expect(result.stderrText.split(separator: "\n").count == 1, "\(arguments): \(result.stderrText)")
        #expect(result.stderrText.hasPrefix("autoid-verify: "), "\(result.stderrText)")
        #expect(result.stderrText.contains(message), "\(arguments): \(result.stderrText)")
        #expect(result.stdout.isEmpty, "\(arguments)")
        #expect(try directory.contents() == files.sorted(), "files left behind")
    }

    @Test("the real Rekor v2 bundle verifies (bundle found beside the file), text and JSON", .enabled(if: available, skip))
    func verifies() throws {
        let result = try run(["--key", keyPath, "--trusted-root", Self.trustedRoot, "staging-rekor-v2.txt"], in: Self.vectors)
        #expect(result.status == 0, "\(result.stdoutText) \(result.stderrText)")
        #expect(result.stdoutText.contains("ok      log entry 645: inclusion proof (leaf 645 of 646)"))
        #expect(result.stdoutText.contains("ok      log entry 645: checkpoint signature (log2025-alpha1.rekor.sigstage.dev)"))
        #expect(result.stdoutText.contains("not checked   signed certificate timestamps"))
        #expect(result.stderr.isEmpty)
        let json = try run(["--key", keyPath, "--trusted-root", Self.trustedRoot, "--json", "staging-rekor-v2.txt"], in: Self.vectors)
        #expect(json.status == 0)
        let report = try #require(JSONValue(jsonBytes: json.stdout))
        #expect(report["ok"] == .bool(true))
        #expect(report["logEntries"]?.arrayValue?.first?["origin"] == .string("log2025-alpha1.rekor.sigstage.dev"))
    }

    @Test("a changed byte of the file fails with 1; another identity is not trusted, 2", .enabled(if: available, skip))
    func failures() throws {
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Self.vectors + "/staging-rekor-v2.txt")))
        bytes[0] ^= 1
        let copy = try directory.write("copy.txt", bytes)
        let tampered = try run(["--key", keyPath, "--trusted-root", Self.trustedRoot, "--bundle", Self.vectors + "/staging-rekor-v2.txt.sigstore.json", copy])
        #expect(tampered.status == 1, "\(tampered.stdoutText)")
        #expect(tampered.stdoutText.contains("FAILED  artifact digest (SHA2_256)"))
        let trusted = try run(["--trusted-root", Self.trustedRoot, "--certificate-identity", "jku@goto.fi", "staging-rekor-v2.txt"], in: Self.vectors)
        #expect(trusted.status == 0, "\(trusted.stdoutText)")
        #expect(trusted.stdoutText.contains("ok      RFC 3161 timestamp 1 (2025-06-09T11:57:38Z) by 'sigstore-tsa-selfsigned'"))
        let untrusted = try run(["--trusted-root", Self.trustedRoot, "--certificate-identity", "eve@example.org", "staging-rekor-v2.txt"], in: Self.vectors)
        #expect(untrusted.status == 2, "\(untrusted.stdoutText)")
        #expect(untrusted.stdoutText.contains("FAILED  certificate identity eve@example.org: the certificate names jku@goto.fi"))
        try FileManager.default.removeItem(atPath: copy)
    }

    @Test("--junit is written atomically and never replaces a file without --force", .enabled(if: available, skip))
    func junit() throws {
        let arguments = [
            "--key", keyPath, "--trusted-root", Self.trustedRoot, "--bundle", Self.vectors + "/staging-rekor-v2.txt.sigstore.json",
            Self.vectors + "/staging-rekor-v2.txt", "--junit", directory.file("junit.xml"),
        ]
        #expect(try run(arguments).status == 0)
        #expect(String(decoding: try directory.read("junit.xml"), as: UTF8.self).contains("testsuite"))
        let again = try run(arguments)
        #expect(again.status == 64, "\(again.stderrText)")
        #expect(try run(arguments + ["--force"]).status == 0)
        try FileManager.default.removeItem(atPath: directory.file("junit.xml"))
    }

    @Test("malformed bundles and keys exit 3, a missing bundle 4, usage errors 64: one line each")
    func errors() throws {
        let artifact = try directory.write("a.txt", Array("x".utf8))
        try directory.write("a.txt.sigstore.json", Array("{\"mediaType\": ".utf8))
        let files = ["a.txt", "a.txt.sigstore.json", "signer.pem"]
        try expectFailure(
            ["--key", keyPath, "--insecure-ignore-tlog", artifact], status: 3, message: "a.txt.sigstore.json: not a Sigstore bundle", files: files)
        try expectFailure(
            ["--key", keyPath, "--insecure-ignore-tlog", "--bundle", keyPath, artifact], status: 3, message: "not a Sigstore bundle", files: files)
        try expectFailure(["--key", keyPath, "--insecure-ignore-tlog", "--bundle", "missing.json", artifact], status: 4, message: "missing.json", files: files)
        try expectFailure([artifact], status: 64, message: "--trusted-root", files: files)
        try expectFailure(["--key", keyPath, artifact], status: 64, message: "--insecure-ignore-tlog", files: files)
        try expectFailure(["--key", keyPath, "--insecure-ignore-tlog", "-"], status: 64, message: "--bundle", files: files)
    }
}
