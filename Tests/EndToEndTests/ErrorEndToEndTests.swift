import AutoIDTestSupport
import Foundation
import Testing

/// Every failure a user can provoke: one line on stderr naming the input, the documented exit code, and
/// nothing half-written left behind.
@Suite("Errors, end to end")
struct ErrorEndToEndTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
        try #require(try run("autoid-sign", ["keygen"]).status == 0)
        try directory.write("doc", Array("content\n".utf8))
        try #require(try run("autoid-sign", ["-k", "autoid.key", "-o", "doc.json", "doc"]).status == 0)
    }

    func run(_ tool: String, _ arguments: [String]) throws -> ToolResult {
        try ToolRunner.run(tool, arguments, in: directory.path)
    }

    /// Runs and checks the exit code, a single stderr line containing `message`, and an empty stdout.
    func expectFailure(_ tool: String, _ arguments: [String], status: Int32, message: String) throws {
        let result = try run(tool, arguments)
        #expect(result.status == status, "\(arguments): \(result.stderrText)")
        let lines = result.stderrText.split(separator: "\n")
        #expect(lines.count == 1, "\(arguments): \(result.stderrText)")
        #expect(result.stderrText.hasPrefix("\(tool): "))
        #expect(result.stderrText.contains(message), "\(arguments): \(result.stderrText)")
        #expect(result.stdout.isEmpty)
    }

    @Test func missingContentFileLeavesNoOutput() throws {
        try expectFailure("autoid-sign", ["-k", "autoid.key", "-o", "new.json", "doc", "nope"], status: 4, message: "nope: cannot open: no such file")
        #expect(try directory.contents() == ["autoid.key", "autoid.pub", "doc", "doc.json"])
    }

    @Test func failedSigningKeepsThePreviousEnvelope() throws {
        let before = try directory.read("doc.json")
        try expectFailure("autoid-sign", ["-k", "autoid.key", "-o", "doc.json", "--force", "doc", "nope"], status: 4, message: "nope")
        #expect(try directory.read("doc.json") == before)
    }

    @Test func unreadableAndWrongKeys() throws {
        try expectFailure("autoid-sign", ["-k", "missing.key", "doc"], status: 4, message: "missing.key: cannot open: no such file")
        try directory.write("garbage.key", Array("not a key at all".utf8))
        try expectFailure(
            "autoid-sign", ["-k", "garbage.key", "doc"], status: 3,
            message: "garbage.key: not a key file: no PEM block ('-----BEGIN ... KEY-----') and not DER (autoid-sign keygen writes PEM keys)")
        // A minisign key is named as one, with the way to use it.
        try directory.write(
            "minisign.pub", Array("untrusted comment: minisign public key 0123456789ABCDEF\nRWQBI0VniavN7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n".utf8))
        try expectFailure(
            "autoid-verify", ["-k", "minisign.pub", "doc"], status: 3,
            message: "minisign.pub: a minisign or signify key, not an autoid key: convert it with 'autoid-sign convert-key'")
        try expectFailure("autoid-sign", ["-k", "autoid.pub", "doc"], status: 3, message: "autoid.pub: this is a public key")
        try expectFailure("autoid-verify", ["-k", "autoid.key", "doc.json"], status: 3, message: "autoid.key: this is a private key")
        var truncated = try directory.read("autoid.key")
        truncated.removeLast(30)
        try directory.write("truncated.key", truncated)
        try expectFailure("autoid-sign", ["-k", "truncated.key", "doc"], status: 3, message: "truncated.key: the PEM block is damaged or truncated")
    }

    @Test(.enabled(if: ToolRunner.isAvailable("openssl")))
    func keyOfTheWrongType() throws {
        try #require(
            try ToolRunner.run("openssl", ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", directory.file("ec.key")]).status == 0)
        try #require(try ToolRunner.run("openssl", ["pkey", "-in", directory.file("ec.key"), "-pubout", "-out", directory.file("ec.pub")]).status == 0)
        try expectFailure(
            "autoid-sign", ["-k", "ec.key", "doc"], status: 3, message: "ec.key: this is an EC (ECDSA) private key; autoid signs with Ed25519 keys")
        try expectFailure("autoid-verify", ["-k", "ec.pub", "doc.json"], status: 3, message: "ec.pub: this is an EC (ECDSA) public key")
    }

    @Test func brokenEnvelopes() throws {
        let good = try directory.read("doc.json")
        try directory.write("truncated.json", Array(good.prefix(good.count / 2)))
        try expectFailure(
            "autoid-verify", ["-k", "autoid.pub", "truncated.json"], status: 3, message: "truncated.json: not a DSSE envelope: invalid JSON at byte")
        try directory.write("text.json", Array("hello world".utf8))
        try expectFailure("autoid-verify", ["-k", "autoid.pub", "text.json"], status: 3, message: "text.json: not a DSSE envelope")
        try directory.write("empty.json", [])
        try expectFailure("autoid-verify", ["-k", "autoid.pub", "empty.json"], status: 3, message: "empty.json: the file is empty")
        let badBase64 = String(decoding: good, as: UTF8.self).replacingOccurrences(of: "\"payload\":\"", with: "\"payload\":\"*")
        try directory.write("base64.json", Array(badBase64.utf8))
        try expectFailure("autoid-verify", ["-k", "autoid.pub", "base64.json"], status: 3, message: "base64.json: $.payload: not valid base64")
        try expectFailure("autoid-verify", ["-k", "autoid.pub", "absent.json"], status: 4, message: "absent.json: cannot open: no such file")
        try expectFailure("autoid-verify", ["-k", "autoid.pub", "."], status: 4, message: "is a directory")
    }

    @Test func missingContentAtVerification() throws {
        try FileManager.default.removeItem(atPath: directory.file("doc"))
        let result = try run("autoid-verify", ["-k", "autoid.pub", "doc.json"])
        #expect(result.status == 4)
        #expect(result.stdoutText == "doc: MISSING (doc: cannot open: no such file)\n")
    }

    @Test func usageErrors() throws {
        #expect(try run("autoid-sign", ["-k", "autoid.key"]).status == 64)
        #expect(try run("autoid-sign", ["-k", "autoid.key", "doc", "doc"]).status == 64)
        #expect(try run("autoid-sign", ["-k", "autoid.key", "--digest", "md5", "doc"]).status == 64)
        #expect(try run("autoid-verify", []).status == 64)
        #expect(try run("autoid-verify", ["-k", "autoid.pub", "--json", "--quiet", "doc.json"]).status == 64)
        let before = try directory.read("autoid.key")
        try expectFailure("autoid-sign", ["keygen"], status: 64, message: "autoid.key: cannot write: already exists; pass --force")
        #expect(try directory.read("autoid.key") == before)
        #expect(try run("autoid-sign", ["keygen", "--force"]).status == 0)
        #expect(try directory.read("autoid.key") != before)
    }
}
