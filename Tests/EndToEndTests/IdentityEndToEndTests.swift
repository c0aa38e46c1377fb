import AutoIDJSON
import AutoIDTestSupport
import Foundation
import Testing

/// Auto IDs from the command line: issue a root and an AI agent's leaf, inspect, verify chains.
@Suite("Auto ID commands, end to end")
struct IdentityEndToEndTests {
    static let fixtures = PackagePaths.vector("autonomys-auto-id")
    static let haveFixtures = FileManager.default.fileExists(atPath: fixtures + "/leaf.cert.der")

    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
        for name in ["lab", "agent", "other"] {
            try #require(try run("autoid-sign", ["keygen", "-s", "\(name).key", "-p", "\(name).pub"]).status == 0)
        }
        let root = try run("autoid-sign", ["issue", "-k", "lab.key", "--cn", "Example AI Lab", "--kind", "organisation", "-o", "lab.pem"])
        try #require(root.status == 0, "\(root.stderrText)")
        let leaf = try run(
            "autoid-sign",
            [
                "issue", "-k", "lab.key", "--issuer", "lab.pem", "--subject-key", "agent.pub", "--cn", "summarizer-agent",
                "--kind", "ai-agent", "--provider", "Example AI Lab", "--model", "example-summarizer", "--model-version", "1.2.0",
                "--link", "https://example.org/agents/summarizer", "--email", "agents@example.org", "-o", "agent.pem",
            ])
        try #require(leaf.status == 0, "\(leaf.stderrText)")
    }

    func run(_ tool: String, _ arguments: [String]) throws -> ToolResult {
        try ToolRunner.run(tool, arguments, in: directory.path)
    }

    @Test func issuedChainIsTrustedAndDescribed() throws {
        let result = try run("autoid-verify", ["identity", "agent.pem", "--trust", "lab.pem", "--json"])
        #expect(result.status == 0, "\(result.stderrText)")
        let report = try JSONParser.parse(result.stdout)
        #expect(report["trusted"] == .bool(true))
        #expect(report["kind"] == .string("ai-agent"))
        #expect(report["model"]?["name"] == .string("example-summarizer"))
        #expect(report["linkedIdentities"] == .array([.string("URI:https://example.org/agents/summarizer"), .string("email:agents@example.org")]))
        // The identifier is the registry's: blake2b_256(root id || CN), root id = blake2b_256(CN).
        let rootID = try JSONParser.parse(try run("autoid-verify", ["identity", "lab.pem", "--json"]).stdout)["identifier"]?.stringValue
        let hash = try ToolRunner.run("b2sum", ["-l", "256"], stdinBytes: Array("Example AI Lab".utf8)).stdoutText.prefix(64)
        #expect(rootID == String(hash))
        let leafInput = Array(Data(hexString: rootID!)) + Array("summarizer-agent".utf8)
        let leafHash = try ToolRunner.run("b2sum", ["-l", "256"], stdinBytes: leafInput).stdoutText.prefix(64)
        #expect(report["identifier"] == .string(String(leafHash)))
    }

    @Test(.enabled(if: ToolRunner.isAvailable("openssl")))
    func opensslReadsAndVerifiesOurChain() throws {
        let verify = try ToolRunner.run("openssl", ["verify", "-CAfile", "lab.pem", "agent.pem"], in: directory.path)
        #expect(verify.status == 0, "\(verify.stdoutText)\(verify.stderrText)")
        let text = try ToolRunner.run("openssl", ["x509", "-in", "agent.pem", "-noout", "-text"], in: directory.path)
        #expect(text.stdoutText.contains("URI:https://example.org/agents/summarizer"))
        #expect(text.stdoutText.contains("ED25519"))
    }

    /// A certificate's subject chooses its common name: one with a newline and a report line in it
    /// (made with OpenSSL; autoid refuses to issue it) is shown escaped on one line, trusted or not,
    /// and JSON carries it as it is.
    @Test(.enabled(if: ToolRunner.isAvailable("openssl")))
    func aCommonNameCannotForgeReportLines() throws {
        let forged = "Evil\ntrust          TRUSTED via 'Example AI Lab'"
        let key = try ToolRunner.run("openssl", ["genpkey", "-algorithm", "ed25519", "-out", "evil.key"], in: directory.path)
        try #require(key.status == 0, "\(key.stderrText)")
        let made = try ToolRunner.run(
            "openssl", ["req", "-new", "-x509", "-key", "evil.key", "-utf8", "-subj", "/CN=\(forged)", "-days", "2", "-out", "evil.pem"], in: directory.path)
        try #require(made.status == 0, "\(made.stderrText)")
        for trust in ["evil.pem", "lab.pem"] {
            let result = try run("autoid-verify", ["identity", "evil.pem", "--trust", trust])
            #expect(result.status == (trust == "evil.pem" ? 0 : 2), "\(result.stderrText)")
            let lines = result.stdoutText.split(separator: "\n")
            #expect(lines.filter { $0.hasPrefix("trust ") }.count == 1, "\(result.stdoutText)")
            #expect(lines.contains { $0 == "name           Evil\\ntrust          TRUSTED via 'Example AI Lab'" }, "\(result.stdoutText)")
        }
        let json = try JSONParser.parse(try run("autoid-verify", ["identity", "evil.pem", "--json"]).stdout)
        #expect(json["name"] == .string(forged))
    }

    /// A name with a Cyrillic "а" among Latin letters passes for another: autoid refuses to issue it (usage,
    /// nothing written), and one made with OpenSSL is shown with that letter escaped, trusted or not.
    @Test(.enabled(if: ToolRunner.isAvailable("openssl")))
    func aLookAlikeNameIsNotIssuedAndShowsEscaped() throws {
        let lookAlike = "Ex\u{430}mple AI Lab"
        let refused = try run("autoid-sign", ["issue", "-k", "other.key", "--cn", lookAlike, "--kind", "organisation", "-o", "fake.pem"])
        #expect(refused.status == 64, "\(refused.stderrText)")
        #expect(refused.stderrText.contains("the common name has the word 'Ex\\u{430}mple', which mixes letters of scripts"), "\(refused.stderrText)")
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/fake.pem"))
        let model = try run(
            "autoid-sign",
            ["issue", "-k", "other.key", "--cn", "agent", "--kind", "ai-agent", "--provider", "Ex\u{430}mple", "--model", "m", "-o", "fake.pem"])
        #expect(model.status == 64 && model.stderrText.contains("the AI model's provider has the word"), "\(model.stderrText)")
        let made = try ToolRunner.run(
            "openssl", ["req", "-new", "-x509", "-key", "other.key", "-utf8", "-subj", "/CN=\(lookAlike)", "-days", "2", "-out", "fake.pem"],
            in: directory.path)
        try #require(made.status == 0, "\(made.stderrText)")
        let shown = try run("autoid-verify", ["identity", "fake.pem", "--trust", "lab.pem"])
        #expect(shown.status == 2)
        #expect(shown.stdoutText.contains("name           Ex\\u{430}mple AI Lab\n"), "\(shown.stdoutText)")
        #expect(!shown.stdoutText.contains(lookAlike))
    }

    @Test func untrustedExpiredAndForeignChainsExitTwo() throws {
        let expired = try run("autoid-verify", ["identity", "agent.pem", "--trust", "lab.pem", "--at", "2099-01-01T00:00:00Z"])
        #expect(expired.status == 2)
        #expect(expired.stdoutText.contains("NOT TRUSTED: expired on"))
        #expect(try run("autoid-sign", ["issue", "-k", "other.key", "--cn", "Impostor Lab", "--kind", "organisation", "-o", "other.pem"]).status == 0)
        let foreign = try run("autoid-verify", ["identity", "agent.pem", "--trust", "other.pem"])
        #expect(foreign.status == 2)
        let unchecked = try run("autoid-verify", ["identity", "agent.pem"])
        #expect(unchecked.status == 0)
        #expect(unchecked.stdoutText.contains("trust          not checked"))
    }

    /// Issue 9 item 6: the identifier is derivable from the issuer in --trust whatever the verdict.
    @Test func identifierIsShownWhenTheChainFails() throws {
        let trusted = try JSONParser.parse(try run("autoid-verify", ["identity", "agent.pem", "--trust", "lab.pem", "--json"]).stdout)
        let identifier = try #require(trusted["identifier"]?.stringValue)
        let expired = try run("autoid-verify", ["identity", "agent.pem", "--trust", "lab.pem", "--at", "2099-01-01T00:00:00Z", "--json"])
        #expect(expired.status == 2)
        let report = try JSONParser.parse(expired.stdout)
        #expect(report["trusted"] == .bool(false))
        #expect(report["identifier"] == .string(identifier))
        let text = try run("autoid-verify", ["identity", "agent.pem", "--trust", "lab.pem", "--at", "2099-01-01T00:00:00Z"])
        #expect(text.stdoutText.contains("identifier     \(identifier)\n"))
        // Without the issuer anywhere, the identifier stays unknown and says why.
        let alone = try run("autoid-verify", ["identity", "agent.pem"])
        #expect(alone.stdoutText.contains("identifier     unknown (issuer chain not given)"))
    }

    @Test func damagedCertificatesAreRefused() throws {
        var pem = String(decoding: try directory.read("agent.pem"), as: UTF8.self)
        pem.removeLast(40)
        try directory.write("cut.pem", Array(pem.utf8))
        let cut = try run("autoid-verify", ["identity", "cut.pem", "--trust", "lab.pem"])
        #expect(cut.status == 3)
        #expect(cut.stderrText.hasPrefix("autoid-verify: "))
        var random = TestRandom(seed: 1)
        try directory.write("random.der", random.bytes(600))
        #expect(try run("autoid-verify", ["identity", "random.der"]).status == 3)
    }

    @Test func issuanceMistakesAreUsageErrors() throws {
        #expect(try run("autoid-sign", ["issue", "-k", "lab.key", "--cn", "x", "--kind", "robot"]).status == 64)
        let wrongKey = try run(
            "autoid-sign", ["issue", "-k", "other.key", "--issuer", "lab.pem", "--subject-key", "agent.pub", "--cn", "y", "--kind", "human"])
        #expect(wrongKey.status == 64)
        #expect(wrongKey.stderrText.contains("not this issuer's key"))
        let before = try directory.read("lab.pem")
        #expect(try run("autoid-sign", ["issue", "-k", "lab.key", "--cn", "z", "--kind", "human", "-o", "lab.pem"]).status == 64)
        #expect(try directory.read("lab.pem") == before)
    }

    @Test func revocationListsAreSignedCheckedAndReadByOpenSSL() throws {
        #expect(
            try run(
                "autoid-sign",
                ["issue", "-k", "lab.key", "--issuer", "lab.pem", "--subject-key", "other.pub", "--cn", "kept-agent", "--kind", "ai-agent", "-o", "kept.pem"]
            ).status == 0)
        let revoke = try run("autoid-sign", ["revoke", "-k", "lab.key", "--issuer", "lab.pem", "--cert", "agent.pem", "-o", "lab.crl"])
        #expect(revoke.status == 0, "\(revoke.stderrText)")
        #expect(revoke.stdoutText.hasPrefix("revocation list #1 of 'Example AI Lab': 1 revoked"))

        let revoked = try run("autoid-verify", ["identity", "agent.pem", "--trust", "lab.pem", "--crl", "lab.crl"])
        #expect(revoked.status == 2)
        #expect(revoked.stdoutText.contains("NOT TRUSTED: revoked by 'Example AI Lab'"))
        let kept = try run("autoid-verify", ["identity", "kept.pem", "--trust", "lab.pem", "--crl", "lab.crl"])
        #expect(kept.status == 0, "\(kept.stdoutText)")

        if ToolRunner.isAvailable("openssl") {
            let ossl = try ToolRunner.run("openssl", ["verify", "-crl_check", "-CRLfile", "lab.crl", "-CAfile", "lab.pem", "agent.pem"], in: directory.path)
            #expect(ossl.status != 0)
            #expect((ossl.stdoutText + ossl.stderrText).contains("certificate revoked"))
            let osslKept = try ToolRunner.run("openssl", ["verify", "-crl_check", "-CRLfile", "lab.crl", "-CAfile", "lab.pem", "kept.pem"], in: directory.path)
            #expect(osslKept.status == 0, "\(osslKept.stdoutText)\(osslKept.stderrText)")
        }

        // Extending the list keeps old entries and raises the number.
        let extended = try run("autoid-sign", ["revoke", "-k", "lab.key", "--issuer", "lab.pem", "--update", "lab.crl", "--serial", "01:02", "-o", "lab2.crl"])
        #expect(extended.stdoutText.hasPrefix("revocation list #2 of 'Example AI Lab': 2 revoked"), "\(extended.stderrText)")
        #expect(try run("autoid-verify", ["identity", "agent.pem", "--trust", "lab.pem", "--crl", "lab2.crl"]).status == 2)

        // A list signed by another key under the issuer's name is a bad signature, not a pass.
        #expect(try run("autoid-sign", ["issue", "-k", "other.key", "--cn", "Example AI Lab", "--kind", "organisation", "-o", "fake-lab.pem"]).status == 0)
        #expect(try run("autoid-sign", ["revoke", "-k", "other.key", "--issuer", "fake-lab.pem", "--serial", "05", "-o", "fake.crl"]).status == 0)
        let forged = try run("autoid-verify", ["identity", "kept.pem", "--trust", "lab.pem", "--crl", "fake.crl"])
        #expect(forged.status == 1)
        #expect(forged.stdoutText.contains("does not verify"))

        // A list past its next update no longer vouches for anything.
        let stale = try run(
            "autoid-verify",
            [
                "identity", "kept.pem", "--trust", "lab.pem", "--crl", "lab.crl", "--at",
                ISO8601DateFormatter().string(from: Date().addingTimeInterval(40 * 86_400)),
            ])
        #expect(stale.status == 2)
        #expect(stale.stdoutText.contains("due to be replaced"))

        // Damaged lists are malformed input.
        var pem = try directory.read("lab.crl")
        pem.removeLast(30)
        try directory.write("cut.crl", pem)
        #expect(try run("autoid-verify", ["identity", "kept.pem", "--trust", "lab.pem", "--crl", "cut.crl"]).status == 3)
    }

    @Test(.enabled(if: haveFixtures, "the Autonomys fixtures are in ../shared/vectors/autonomys-auto-id"))
    func realAutonomysAutoIDs() throws {
        let issuerPEM = try ToolRunner.run("openssl", ["x509", "-inform", "der", "-in", Self.fixtures + "/issuer.cert.der"])
        try directory.write("issuer.pem", issuerPEM.stdout)
        let leaf = try JSONParser.parse(
            try run("autoid-verify", ["identity", Self.fixtures + "/leaf.cert.der", "--trust", "issuer.pem", "--at", "2025-01-01T00:00:00Z", "--json"]).stdout)
        #expect(leaf["trusted"] == .bool(true))
        #expect(leaf["identifier"] == .string("5c549b317b0f47e81894a9374f244f1cdd062c4a436071d8629f2c69509861a1"))
        #expect(leaf["keyType"] == .string("RSA-2048"))
        let issuer = try JSONParser.parse(try run("autoid-verify", ["identity", Self.fixtures + "/issuer.cert.der", "--json"]).stdout)
        #expect(issuer["identifier"] == .string("8d66f57e35d26fb7a81de8eb274ebd9e672288dcbf3f7313335e8feeec3e3bf9"))
    }
}

extension Data {
    init(hexString: String) {
        var bytes: [UInt8] = []
        var index = hexString.startIndex
        while index < hexString.endIndex {
            let next = hexString.index(index, offsetBy: 2)
            bytes.append(UInt8(hexString[index..<next], radix: 16)!)
            index = next
        }
        self.init(bytes)
    }
}
