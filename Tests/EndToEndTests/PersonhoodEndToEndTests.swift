import AutoIDJSON
import AutoIDTestSupport
import Foundation
import Testing

/// Personhood factors: attestations by other Auto IDs, counted against trust roots.
@Suite("Personhood attestations, end to end")
struct PersonhoodEndToEndTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
        for name in ["root", "alice", "mailer", "bob", "stranger"] {
            try #require(try run("autoid-sign", ["keygen", "-s", "\(name).key", "-p", "\(name).pub"]).status == 0)
        }
        try #require(try run("autoid-sign", ["issue", "-k", "root.key", "--cn", "Registry Root", "--kind", "organisation", "-o", "root.pem"]).status == 0)
        try #require(
            try run("autoid-sign", ["issue", "-k", "stranger.key", "--cn", "Stranger Root", "--kind", "organisation", "-o", "stranger.pem"]).status == 0)
        for (name, cn, extra) in [
            ("alice", "Alice", ["--kind", "human", "--email", "alice@example.org", "--link", "https://example.org/alice"]),
            ("mailer", "Mail Verifier", ["--kind", "organisation"]), ("bob", "Bob", ["--kind", "human"]),
        ] {
            let issued = try run(
                "autoid-sign", ["issue", "-k", "root.key", "--issuer", "root.pem", "--subject-key", "\(name).pub", "--cn", cn, "-o", "\(name).pem"] + extra)
            try #require(issued.status == 0, "\(issued.stderrText)")
            try directory.write("\(name)-chain.pem", try directory.read("\(name).pem") + directory.read("root.pem"))
        }
    }

    func run(_ tool: String, _ arguments: [String]) throws -> ToolResult {
        try ToolRunner.run(tool, arguments, in: directory.path)
    }

    func attest(_ attester: String, key: String, factor: String, subject: String = "alice-chain.pem", output: String) throws -> ToolResult {
        try run("autoid-sign", ["attest", "-k", key, "--attester", attester, "--subject", subject, "--factor", factor, "-o", output])
    }

    func factors(_ files: [String], require: Int) throws -> (status: Int32, report: JSONValue) {
        let result = try run(
            "autoid-verify",
            ["identity", "alice-chain.pem", "--trust", "root.pem", "--json", "--require-factors", String(require)] + files.flatMap { ["--attestation", $0] })
        return (result.status, try JSONParser.parse(result.stdout))
    }

    @Test func distinctTrustedFactorsMeetThePolicy() throws {
        #expect(try attest("mailer-chain.pem", key: "mailer.key", factor: "email:alice@example.org", output: "mail.json").status == 0)
        #expect(try attest("bob-chain.pem", key: "bob.key", factor: "uri:https://example.org/alice", output: "peer.json").status == 0)
        #expect(try attest("bob-chain.pem", key: "bob.key", factor: "email:alice@example.org", output: "again.json").status == 0)
        let two = try factors(["mail.json", "peer.json", "again.json"], require: 2)
        #expect(two.status == 0)
        #expect(two.report["distinctFactors"] == .integer(2))  // the same factor twice counts once
        let three = try factors(["mail.json", "peer.json", "again.json"], require: 3)
        #expect(three.status == 2)
    }

    @Test func attestationsThatMustNotCount() throws {
        // Self-attestation is refused when made, and an unclaimed link is not counted.
        #expect(try attest("alice-chain.pem", key: "alice.key", factor: "peer:me", output: "self.json").status == 64)
        #expect(try attest("mailer-chain.pem", key: "mailer.key", factor: "email:someone@else.org", output: "unclaimed.json").status == 0)
        // An attester from a root the verifier does not trust.
        #expect(
            try run(
                "autoid-sign",
                [
                    "issue", "-k", "stranger.key", "--issuer", "stranger.pem", "--subject-key", "mailer.pub", "--cn", "Fake Mailer", "--kind", "organisation",
                    "-o", "fake.pem",
                ]
            ).status == 0)
        try directory.write("fake-chain.pem", try directory.read("fake.pem") + directory.read("stranger.pem"))
        #expect(try attest("fake-chain.pem", key: "mailer.key", factor: "email:alice@example.org", output: "untrusted.json").status == 0)
        // An attestation about Bob presented for Alice.
        #expect(
            try attest("mailer-chain.pem", key: "mailer.key", factor: "in-person:checked passport", subject: "bob-chain.pem", output: "bob.json").status == 0)
        // A valid attestation altered after signing.
        #expect(try attest("mailer-chain.pem", key: "mailer.key", factor: "in-person:checked passport", output: "good.json").status == 0)
        var text = String(decoding: try directory.read("good.json"), as: UTF8.self)
        let marker = text.range(of: "\"sig\":\"")!.upperBound
        text.replaceSubrange(marker...marker, with: text[marker] == "A" ? "B" : "A")
        try directory.write("tampered.json", Array(text.utf8))

        let verdict = try factors(["unclaimed.json", "untrusted.json", "bob.json", "tampered.json", "good.json"], require: 2)
        #expect(verdict.status == 2)
        #expect(verdict.report["distinctFactors"] == .integer(1))
        let reasons = verdict.report["factors"]?.arrayValue?.compactMap { $0["reason"]?.stringValue } ?? []
        #expect(reasons.count == 4)
        #expect(reasons.contains { $0.contains("does not claim the linked identity") })
        #expect(reasons.contains { $0.contains("the attester is not trusted") })
        #expect(reasons.contains { $0.contains("attests to another Auto ID") })
        #expect(reasons.contains { $0.contains("signature does not verify") })
    }

    @Test func factorsNeedTrustRoots() throws {
        #expect(try run("autoid-verify", ["identity", "alice-chain.pem", "--require-factors", "1"]).status == 64)
    }
}
