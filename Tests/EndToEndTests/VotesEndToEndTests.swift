import AutoIDJSON
import AutoIDTestSupport
import Foundation
import Testing

/// `state-audit votes` with ballots cast by the tools: a member, a member's AI assistant co-signed by the
/// human, and an assistant alone.
@Suite("state-audit votes, end to end")
struct VotesEndToEndTests {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory() }

    @discardableResult
    func sign(_ arguments: [String]) throws -> ToolResult {
        let result = try ToolRunner.run("autoid-sign", arguments, in: directory.path)
        #expect(result.status == 0, "\(arguments): \(result.stderrText)")
        return result
    }

    /// A proposal's hostile member name reaches the error message; every line a tool prints is one line
    /// with no escape sequence, however the name got there. A title with a newline is refused.
    @Test func hostileProposalTextStaysOnOneLine() throws {
        let votes = ["votes", "proposal.json", "--members", "members.pem", "--trust", "roots.pem"]
        try directory.write(
            "proposal.json",
            Array(#"{"_type":"urn:autoid:dao-proposal:v0.1","x\n\u001b[2Jstate-audit: votes OK\r":1}"#.utf8))
        let stranger = try ToolRunner.run("state-audit", votes, in: directory.path)
        #expect(stranger.status == 3, "\(stranger.stderrText)")
        #expect(stranger.stderr.filter { $0 == 0x0a }.count == 1, "\(stranger.stderrText.debugDescription)")
        #expect(!stranger.stderr.contains(0x1b) && !stranger.stderr.contains(0x0d))
        #expect(stranger.stderrText.contains(#"$.x\n\e[2Jstate-audit: votes OK\r: not a member of a proposal"#), "\(stranger.stderrText)")

        try directory.write(
            "proposal.json",
            Array(
                #"{"_type":"urn:autoid:dao-proposal:v0.1","dao":"AutoCo","title":"Fund\nproposal       x","choices":["yes","no"],"counting":"latest","quorum":2}"#
                    .utf8))
        let title = try ToolRunner.run("state-audit", votes, in: directory.path)
        #expect(title.status == 3, "\(title.stderrText)")
        #expect(title.stderrText == "state-audit: proposal.json: $.title: holds the control or direction character U+A, which would change how it prints\n")
    }

    @Test func membersAndAssistantsVoteAndTheTallyIsChecked() throws {
        for name in ["dao", "lab", "alice", "bob", "agent"] { try sign(["keygen", "-s", "\(name).key", "-p", "\(name).pub"]) }
        try sign(["issue", "-k", "dao.key", "--cn", "AutoCo DAO", "--kind", "organisation", "-o", "dao.pem"])
        try sign(["issue", "-k", "lab.key", "--cn", "AI Lab", "--kind", "organisation", "-o", "lab.pem"])
        for name in ["alice", "bob"] {
            try sign([
                "issue", "-k", "dao.key", "--issuer", "dao.pem", "--subject-key", "\(name).pub", "--cn", name, "--kind", "human", "-o", "\(name)-leaf.pem",
            ])
        }
        try sign([
            "issue", "-k", "lab.key", "--issuer", "lab.pem", "--subject-key", "agent.pub", "--cn", "assistant", "--kind", "ai-agent", "--provider", "AI Lab",
            "--model", "helper", "--model-version", "1", "-o", "agent-leaf.pem",
        ])
        for name in ["alice", "bob", "agent"] {
            let issuer = name == "agent" ? "lab.pem" : "dao.pem"
            let chain = try directory.read("\(name)-leaf.pem") + directory.read(issuer)
            try directory.write("\(name).pem", chain)
        }
        try directory.write("members.pem", try directory.read("alice-leaf.pem") + directory.read("bob-leaf.pem"))
        try directory.write("roots.pem", try directory.read("dao.pem") + directory.read("lab.pem"))
        try directory.write(
            "proposal.json",
            Array(
                #"{"_type":"urn:autoid:dao-proposal:v0.1","dao":"AutoCo","title":"Fund the audit","choices":["yes","no"],"counting":"latest","quorum":2}"#.utf8)
        )

        try sign(["ballot", "proposal.json", "--choice", "yes", "--voter", "alice.pem", "-k", "alice.key", "-o", "alice.ballot"])
        // Bob's assistant casts his ballot; it counts only after Bob co-signs it.
        try sign(["ballot", "proposal.json", "--choice", "no", "--voter", "bob.pem", "--assistant", "agent.pem", "-k", "agent.key", "-o", "bob.ballot"])
        let digest = try JSONParser.parse(try directory.read("alice.ballot"))  // sanity: an envelope
        #expect(digest["payloadType"] == .string("application/vnd.autoid.dao-ballot+json"))

        let votes = ["votes", "proposal.json", "alice.ballot", "bob.ballot", "--members", "members.pem", "--trust", "roots.pem"]
        let unsigned = try ToolRunner.run("state-audit", votes + ["--json"], in: directory.path)
        #expect(unsigned.status == 1, "\(unsigned.stderrText)")
        let report = try JSONParser.parse(unsigned.stdout)
        #expect(report["counted"] == .integer(1))
        #expect(report["ballots"]?.arrayValue?[1]["rejection"]?.stringValue?.contains("without its human's signature") == true)

        try sign(["ballot", "--cosign", "bob.ballot", "-k", "bob.key", "-o", "bob.ballot"])
        let proposalDigest = try #require(report["proposal"]?["digest"]?.stringValue)
        try directory.write("result.json", Array(#"{"proposal":"\#(proposalDigest)","tally":{"yes":1,"no":1}}"#.utf8))
        let counted = try ToolRunner.run("state-audit", votes + ["--result", "result.json", "--junit", "votes.xml"], in: directory.path)
        #expect(counted.status == 0, "\(counted.stdoutText)\(counted.stderrText)")
        #expect(counted.stdoutText.contains("tally          yes 1, no 1"))
        #expect(counted.stdoutText.contains("ok      the published result is the tally of the counted ballots"))
        #expect(String(decoding: try directory.read("votes.xml"), as: UTF8.self).contains(#"failures="0""#))

        // A published result that differs fails (1); a malformed proposal is malformed input (3).
        try directory.write("wrong.json", Array(#"{"proposal":"\#(proposalDigest)","tally":{"yes":2}}"#.utf8))
        #expect(try ToolRunner.run("state-audit", votes + ["--result", "wrong.json"], in: directory.path).status == 1)
        try directory.write("bad.json", Array("{}".utf8))
        let bad = try ToolRunner.run(
            "state-audit", ["votes", "bad.json", "alice.ballot", "--members", "members.pem", "--trust", "roots.pem"], in: directory.path)
        #expect(bad.status == 3)
        #expect(bad.stderrText.hasPrefix("state-audit: bad.json"))
        // Someone else's key cannot co-sign.
        let stranger = try ToolRunner.run("autoid-sign", ["ballot", "--cosign", "alice.ballot", "-k", "bob.key", "-o", "x.ballot"], in: directory.path)
        #expect(stranger.status == 64)
        #expect(stranger.stderrText.contains("bob.key is neither the voter's nor the assistant's key in alice.ballot"), "\(stranger.stderrText)")
        #expect(!FileManager.default.fileExists(atPath: directory.file("x.ballot")))
        // Nor cast a ballot for another member, or as an assistant it is not.
        for (arguments, option) in [
            (["--voter", "alice.pem", "-k", "bob.key"], "--voter"), (["--voter", "bob.pem", "--assistant", "agent.pem", "-k", "bob.key"], "--assistant"),
        ] {
            let wrong = try ToolRunner.run(
                "autoid-sign", ["ballot", "proposal.json", "--choice", "yes"] + arguments + ["-o", "x.ballot"], in: directory.path)
            #expect(wrong.status == 64 && wrong.stderrText.contains("--key is not the key of \(option)"), "\(wrong.stderrText)")
        }
    }
}
