import AutoIDTestSupport
import Foundation
import Testing

/// `-q/--quiet` on the commands that talk (issue 12): silence on success and failure verdicts alike,
/// the same exit status, errors still said. Which commands talk: DocumentationTests.
@Suite("--quiet, end to end")
struct QuietEndToEndTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
        try #require(try run("autoid-sign", ["keygen"]).status == 0)
        try directory.write("f0", Array("content 0\n".utf8))
    }

    func run(_ tool: String, _ arguments: [String], stdin: [UInt8]? = nil) throws -> ToolResult {
        try ToolRunner.run(tool, arguments, in: directory.path, stdinBytes: stdin)
    }

    /// Each talking command with -q: the same exit status, nothing on standard output or error.
    @Test func quietCommandsSayNothingButKeepTheirVerdict() throws {
        func quietly(_ tool: String, _ arguments: [String], status: Int32 = 0) throws {
            let result = try run(tool, arguments)
            #expect(result.status == status, "\(tool) \(arguments): \(result.stderrText)")
            #expect(result.stdout.isEmpty && result.stderr.isEmpty, "\(tool) \(arguments): \(result.stdoutText) \(result.stderrText)")
        }
        try quietly("autoid-sign", ["keygen", "-q", "-s", "q.key", "-p", "q.pub"])
        #expect(FileManager.default.fileExists(atPath: directory.file("q.key")))
        try quietly("autoid-sign", ["-q", "-k", "q.key", "-o", "q.json", "f0"])
        try quietly("autoid-sign", ["issue", "-q", "-k", "q.key", "--cn", "Lab", "--kind", "organisation", "-o", "lab.pem"])
        try quietly("autoid-sign", ["revoke", "-q", "-k", "q.key", "--issuer", "lab.pem", "--serial", "05", "-o", "lab.crl"])
        try quietly("autoid-sign", ["convert-key", "-q", "q.key", "--to", "minisign", "-p", "q.minisign.pub"])
        try quietly("autoid-verify", ["identity", "-q", "lab.pem", "--trust", "lab.pem"])
        try quietly("autoid-verify", ["identity", "-q", "lab.pem", "--trust", "lab.pem", "--crl", "lab.crl", "--at", "1999-01-01T00:00:00Z"], status: 2)
        try quietly("provenance-bundle", ["xmp", "-q", "--envelope", "q.json", "f0"])
        try quietly("provenance-bundle", ["xmp", "-q", "--read", "f0.xmp"])
        let chainSpec = PackagePaths.root.path + "/Samples/state/demo-chain-spec.json"
        try quietly("state-audit", ["chain-spec", "-q", chainSpec])
        try quietly("state-audit", ["chain-spec", "-q", chainSpec, "--expect-state-root", "0x" + String(repeating: "00", count: 32)], status: 1)
        // The JUnit report is still written.
        try quietly("state-audit", ["chain-spec", "-q", chainSpec, "--junit", "spec.xml"])
        #expect(FileManager.default.fileExists(atPath: directory.file("spec.xml")))

        // Errors are never silenced: one line, the same exit code.
        let refused = try run("autoid-sign", ["keygen", "-q", "-s", "q.key", "-p", "q.pub"])
        #expect(refused.status == 64)
        #expect(refused.stderrText.hasPrefix("autoid-sign: q.key: cannot write"), "\(refused.stderrText)")
        // --quiet and --json exclude each other, as on autoid-verify.
        #expect(try run("state-audit", ["chain-spec", "-q", "--json", chainSpec]).status == 64)
        #expect(try run("autoid-verify", ["identity", "-q", "--json", "lab.pem"]).status == 64)
    }
}
