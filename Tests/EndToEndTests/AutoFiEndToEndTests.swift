import AutoIDHashing
import AutoIDIdentity
import AutoIDJSON
import AutoIDLedger
import AutoIDRegistry
import AutoIDState
import AutoIDTestSupport
import Foundation
import Testing

/// Issue 15's AutoFi and AutoCo pieces as an operator runs them: signed account lists that resolve sr25519
/// accounts to Auto IDs (SS58 in and out), signed and weighted proposals, and forum posts.
@Suite("account lists, signed proposals, weights and forum posts, end to end")
struct AutoFiEndToEndTests {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory() }

    @discardableResult
    func sign(_ arguments: [String]) throws -> ToolResult {
        let result = try ToolRunner.run("autoid-sign", arguments, in: directory.path)
        #expect(result.status == 0, "\(arguments): \(result.stderrText)")
        return result
    }

    func audit(_ arguments: [String]) throws -> ToolResult { try ToolRunner.run("state-audit", arguments, in: directory.path) }

    /// Issues `name` under `issuer` (a PEM of the issuer alone) and writes `name.pem` (leaf + issuer); returns its identifier.
    @discardableResult
    func issue(_ name: String, cn: String, kind: String, under issuer: String, extra: [String] = []) throws -> String {
        try sign(["keygen", "-s", "\(name).key", "-p", "\(name).pub"])
        let result = try sign(
            ["issue", "-k", "\(issuer).key", "--issuer", "\(issuer).pem", "--subject-key", "\(name).pub", "--cn", cn, "--kind", kind, "-o", "\(name)-leaf.pem"]
                + extra)
        try directory.write("\(name).pem", try directory.read("\(name)-leaf.pem") + directory.read("\(issuer).pem"))
        return result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func writePairs(_ accounts: [([UInt8], AccountInfo)], issuance: UInt128, to name: String) throws {
        let pairs = LedgerState.pairs(accounts: accounts, issuance: issuance)
        try directory.write(
            name, JSONValue.array(pairs.map { .array([.string("0x" + Hex.encode($0.0)), .string("0x" + Hex.encode($0.1))]) }).jsonBytes())
    }

    @Test func aSignedAccountListResolvesSR25519AccountsAndNamesTheRestInSS58() throws {
        try sign(["keygen", "-s", "root.key", "-p", "root.pub"])
        try sign(["issue", "-k", "root.key", "--cn", "AutoFi Users", "--kind", "organisation", "-o", "root.pem"])
        try issue("registrar", cn: "AutoFi Registrar", kind: "organisation", under: "root")
        let alice = try issue("alice", cn: "Alice", kind: "human", under: "root")
        let agent = try issue(
            "agent", cn: "trader", kind: "ai-agent", under: "root", extra: ["--provider", "AI Lab", "--model", "trader", "--model-version", "1"])
        #expect(alice.count == 64 && agent.count == 64, "\(alice) \(agent)")
        try directory.write("ids.pem", try directory.read("alice-leaf.pem") + directory.read("agent-leaf.pem") + directory.read("root.pem"))

        // sr25519 accounts: 32 bytes no certificate holds. Alice's is written in SS58 (Autonomys' format), the
        // shared one in hex; the stranger's is on no list.
        let aliceAccount = [UInt8](repeating: 0xa1, count: 32)
        let shared = [UInt8](repeating: 0x5e, count: 32)
        let stranger = [UInt8](repeating: 0x77, count: 32)
        try writePairs(
            [(aliceAccount, AccountInfo(free: 5)), (shared, AccountInfo(free: 6)), (stranger, AccountInfo(free: 7))], issuance: 18, to: "state.json")
        let draft = """
            {"entries": [
              {"account": "\(SS58.encode(aliceAccount, format: 6094))", "autoId": "\(alice)"},
              {"account": "0x\(Hex.encode(shared))", "autoId": "\(alice)"},
              {"account": "0x\(Hex.encode(shared))", "autoId": "\(agent)"}]}
            """
        try directory.write("draft.json", Array(draft.utf8))
        try sign(["account-list", "-k", "registrar.key", "--id", "registrar.pem", "-o", "list.dsse.json", "draft.json"])
        // The same output again is refused without --force (64), and written with it.
        let again = try ToolRunner.run(
            "autoid-sign", ["account-list", "-k", "registrar.key", "--id", "registrar.pem", "-o", "list.dsse.json", "draft.json"], in: directory.path)
        #expect(again.status == 64 && again.stderrText.contains("--force"))

        let base = ["ledger", "--require-auto-id", "--auto-ids", "ids.pem", "--trust", "root.pem", "--account-list", "list.dsse.json"]
        let result = try audit(base + ["--ss58-format", "6094", "state.json"])
        #expect(result.status == 1, "\(result.stderrText)")
        #expect(result.stdoutText.contains("auto ids       3 funded account(s): 1 ai-agent and human, 1 human, 1 none"), "\(result.stdoutText)")
        #expect(result.stdoutText.contains("account list   list.dsse.json: 3 entries, signed by 'AutoFi Registrar'"))
        #expect(
            result.stdoutText.contains("account 0x\(Hex.encode(stranger)) (\(SS58.encode(stranger, format: 6094))): funded, but no valid"),
            "\(result.stdoutText)")
        let json = try JSONParser.parse(try audit(base + ["--ss58-format", "6094", "--json", "state.json"]).stdout)
        #expect(json["problems"]?["withoutAutoId"]?.arrayValue?.first?["ss58"] == .string(SS58.encode(stranger, format: 6094)))
        #expect(json["controlledBy"] == .object(["human": .integer(1), "ai-agent and human": .integer(1)]))

        // Everyone funded is listed: 0.
        try writePairs([(aliceAccount, AccountInfo(free: 5)), (shared, AccountInfo(free: 6)), (stranger, AccountInfo(free: 0))], issuance: 11, to: "ok.json")
        let ok = try audit(base + ["ok.json"])
        #expect(ok.status == 0, "\(ok.stdoutText)")

        // With the registry in the snapshot: the root and Alice are registered, the agent is not; then the
        // root revokes Alice on chain, and Alice's accounts resolve to nothing.
        let rootID = try #require(try AutoIDFile.load(path: directory.file("root.pem")).first)
        let aliceID = try #require(try AutoIDChainVerifier.resolveIdentifiers(AutoIDFile.load(path: directory.file("alice.pem"))).first)
        let registeredRoot = try RegisteredAutoID(registering: rootID.derBytes, issuerID: nil)
        let registeredAlice = try RegisteredAutoID(registering: aliceID.derBytes, issuerID: registeredRoot.derivedIdentifier)
        #expect(registeredAlice.derivedIdentifier.bytes == aliceID.identifier?.bytes)
        func writeWithRegistry(revoked: [H256: [U256]], to name: String) throws {
            let ledger = LedgerState.pairs(
                accounts: [(aliceAccount, AccountInfo(free: 5)), (shared, AccountInfo(free: 6)), (stranger, AccountInfo(free: 0))], issuance: 11)
            let pairs = (ledger + RegistryState.pairs(autoIDs: [registeredRoot, registeredAlice], revoked: revoked)).sorted {
                $0.0.lexicographicallyPrecedes($1.0)
            }
            try directory.write(
                name, JSONValue.array(pairs.map { .array([.string("0x" + Hex.encode($0.0)), .string("0x" + Hex.encode($0.1))]) }).jsonBytes())
        }
        try writeWithRegistry(revoked: [:], to: "registered.json")
        let registered = try audit(base + ["--registry", "registered.json", "registered.json"])
        #expect(registered.status == 0, "\(registered.stdoutText)")
        #expect(registered.stdoutText.contains("auto ids       2 funded account(s): 2 human, 0 none"), "\(registered.stdoutText)")
        let refusedAgent = try JSONParser.parse(try audit(base + ["--registry", "registered.json", "--json", "registered.json"]).stdout)
        #expect(
            refusedAgent["autoIdsRefused"]?.arrayValue?.contains(.string("'trader': not in the registry (never registered, or deactivated)")) == true,
            "\(String(describing: refusedAgent["autoIdsRefused"]))")
        try writeWithRegistry(revoked: [registeredRoot.derivedIdentifier: [registeredAlice.serial]], to: "revoked.json")
        let revoked = try audit(base + ["--registry", "revoked.json", "revoked.json"])
        #expect(revoked.status == 1)
        #expect(revoked.stdoutText.contains("2 funded account(s) have no Auto ID"), "\(revoked.stdoutText)")
        #expect(revoked.stdoutText.contains("which is revoked on its issuer's registry revocation list"))

        // A forged list: 1. A registrar under other roots: 2. The draft given as a list: 3. Misused options: 64.
        var envelope = try JSONParser.parse(try directory.read("list.dsse.json"))
        if case .object(var members) = envelope, let payload = members["payload"]?.stringValue, let bytes = Base64.decode(payload) {
            let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: Hex.encode(shared), with: Hex.encode(stranger))
            members["payload"] = .string(Base64.encode(Array(text.utf8)))
            envelope = .object(members)
        }
        try directory.write("forged.dsse.json", envelope.jsonBytes())
        try sign(["keygen", "-s", "other.key", "-p", "other.pub"])
        try sign(["issue", "-k", "other.key", "--cn", "Other", "--kind", "organisation", "-o", "other.pem"])
        for (arguments, status, message) in [
            (
                ["ledger", "--require-auto-id", "--auto-ids", "ids.pem", "--trust", "root.pem", "--account-list", "forged.dsse.json", "ok.json"], Int32(1),
                "signature does not verify"
            ),
            (
                ["ledger", "--require-auto-id", "--auto-ids", "ids.pem", "--trust", "other.pem", "--account-list", "list.dsse.json", "ok.json"], 2,
                "not trusted"
            ),
            (["ledger", "--require-auto-id", "--auto-ids", "ids.pem", "--trust", "root.pem", "--account-list", "draft.json", "ok.json"], 3, "draft.json"),
            (["ledger", "--account-list", "list.dsse.json", "ok.json"], 64, "--require-auto-id"),
            (base + ["--ss58-format", "46", "ok.json"], 64, "--ss58-format"),
        ] {
            let run = try audit(arguments)
            #expect(run.status == status, "\(arguments): \(run.stderrText)")
            #expect(run.stderrText.contains(message), "\(arguments): \(run.stderrText)")
            #expect(run.stdout.isEmpty)
        }
        // A bad SS58 address in a draft: 3, naming the entry.
        try directory.write("typo.json", Array(#"{"entries":[{"account":"5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ","autoId":"\#(alice)"}]}"#.utf8))
        let typo = try ToolRunner.run(
            "autoid-sign", ["account-list", "-k", "registrar.key", "--id", "registrar.pem", "-o", "t.json", "typo.json"], in: directory.path)
        #expect(typo.status == 3)
        #expect(typo.stderrText.contains("$.entries[0].account") && typo.stderrText.contains("checksum"), "\(typo.stderrText)")
        #expect(!FileManager.default.fileExists(atPath: directory.file("t.json")))
    }

    @Test func aSignedWeightedProposalWithBallotsAndForumPosts() throws {
        try sign(["keygen", "-s", "dao.key", "-p", "dao.pub"])
        try sign(["issue", "-k", "dao.key", "--cn", "AutoCo DAO", "--kind", "organisation", "-o", "dao.pem"])
        let alice = try issue("alice", cn: "Alice", kind: "human", under: "dao")
        let bob = try issue("bob", cn: "Bob", kind: "human", under: "dao")
        try issue("carol", cn: "Carol", kind: "human", under: "dao")
        try directory.write("members.pem", try directory.read("alice-leaf.pem") + directory.read("bob-leaf.pem"))
        let proposal = """
            {"_type":"urn:autoid:dao-proposal:v0.1","dao":"AutoCo DAO","title":"Fund the audit","choices":["yes","no"],"counting":"latest",\
            "quorum":2,"weights":{"\(alice)":7,"\(bob)":2}}
            """
        try directory.write("draft.json", Array(proposal.utf8))
        try directory.write("other.json", Array(proposal.replacingOccurrences(of: "Fund the audit", with: "Something else").utf8))
        try sign(["proposal", "-k", "dao.key", "--id", "dao.pem", "-o", "proposal.dsse.json", "draft.json"])
        // Only the DAO's issuer signs: a member's key and certificate are refused (64).
        let byMember = try ToolRunner.run(
            "autoid-sign", ["proposal", "-k", "alice.key", "--id", "alice.pem", "-o", "x.json", "draft.json"], in: directory.path)
        #expect(byMember.status == 64, "\(byMember.stderrText)")

        try sign(["ballot", "proposal.dsse.json", "--choice", "yes", "--voter", "alice.pem", "-k", "alice.key", "-o", "alice.ballot"])
        try sign(["ballot", "proposal.dsse.json", "--choice", "no", "--voter", "bob.pem", "-k", "bob.key", "-o", "bob.ballot"])
        // Carol has no weight in this proposal: she cannot cast a ballot on it (64), and nothing is written.
        let carolBallot = try ToolRunner.run(
            "autoid-sign", ["ballot", "proposal.dsse.json", "--choice", "yes", "--voter", "carol.pem", "-k", "carol.key", "-o", "carol.ballot"],
            in: directory.path)
        #expect(carolBallot.status == 64 && carolBallot.stderrText.contains("none to 'Carol'"), "\(carolBallot.stderrText)")
        #expect(!FileManager.default.fileExists(atPath: directory.file("carol.ballot")))
        let payload = try #require(try JSONParser.parse(try directory.read("alice.ballot"))["payload"]?.stringValue)
        let ballot = try JSONParser.parse(try #require(Base64.decode(payload)))
        #expect(ballot["weight"] == .integer(7))
        try directory.write("alice.txt", Array("The audit protects everyone's funds.\n".utf8))
        try sign(["post", "proposal.dsse.json", "--text-file", "alice.txt", "--author", "alice.pem", "-k", "alice.key", "-o", "alice.post"])
        try sign(["post", "proposal.dsse.json", "--text-file", "alice.txt", "--author", "carol.pem", "-k", "carol.key", "-o", "carol.post"])
        try sign(["post", "other.json", "--text-file", "alice.txt", "--author", "bob.pem", "-k", "bob.key", "-o", "moved.post"])

        // Bob's AI assistant drafts a post for him; it is Bob's once he co-signs it.
        try sign(["keygen", "-s", "lab.key", "-p", "lab.pub"])
        try sign(["issue", "-k", "lab.key", "--cn", "AI Lab", "--kind", "organisation", "-o", "lab.pem"])
        try issue("helper", cn: "helper", kind: "ai-agent", under: "lab", extra: ["--provider", "AI Lab", "--model", "helper", "--model-version", "1"])
        try sign([
            "post", "proposal.dsse.json", "--text-file", "alice.txt", "--author", "bob.pem", "--assistant", "helper.pem", "-k", "helper.key", "-o",
            "bob.post",
        ])
        try directory.write("roots.pem", try directory.read("dao.pem") + directory.read("lab.pem"))
        let uncosigned = try audit([
            "votes", "proposal.dsse.json", "--members", "members.pem", "--trust", "roots.pem", "--post", "bob.post",
        ])
        #expect(uncosigned.status == 1 && uncosigned.stdoutText.contains("without its human's signature"), "\(uncosigned.stdoutText)")
        let stranger = try ToolRunner.run("autoid-sign", ["post", "--cosign", "bob.post", "-k", "alice.key", "-o", "bob.post"], in: directory.path)
        #expect(stranger.status == 64)
        #expect(stranger.stderrText.contains("alice.key is neither the author's nor the assistant's key in bob.post"), "\(stranger.stderrText)")
        try sign(["post", "--cosign", "bob.post", "-k", "bob.key", "-o", "bob.post"])

        let votes = [
            "votes", "proposal.dsse.json", "alice.ballot", "bob.ballot", "--members", "members.pem", "--trust", "roots.pem", "--signed-proposal",
            "--post", "alice.post", "--post", "bob.post",
        ]
        let ok = try audit(votes)
        #expect(ok.status == 0, "\(ok.stdoutText)\(ok.stderrText)")
        #expect(ok.stdoutText.contains("tally          yes 7, no 2 (weighted)"), "\(ok.stdoutText)")
        #expect(ok.stdoutText.contains("signed by      'AutoCo DAO'"))
        #expect(ok.stdoutText.contains("posts          2 given, 2 by members on this proposal"), "\(ok.stdoutText)")
        #expect(ok.stdoutText.contains("ok      post bob.post: by 'Bob' (member) with the AI assistant 'helper', on this proposal"))
        #expect(ok.stdoutText.contains("ok      post alice.post: by 'Alice' (member), on this proposal"))

        // A non-member's post and a post on another proposal are reported (1).
        let posts = try audit(votes + ["--post", "carol.post", "--post", "moved.post", "--json"])
        #expect(posts.status == 1)
        let report = try JSONParser.parse(posts.stdout)
        let problems = try #require(report["posts"]?.arrayValue).map { $0["problem"]?.stringValue ?? "" }
        #expect(
            problems[0].isEmpty && problems[1].isEmpty && problems[2].contains("not on the member list") && problems[3].contains("linked to another proposal"),
            "\(problems)")
        #expect(report["tally"] == .object(["yes": .integer(7), "no": .integer(2)]))

        // The unsigned draft under --signed-proposal: nothing counts (1).
        let unsigned = try audit(["votes", "draft.json", "alice.ballot", "--members", "members.pem", "--trust", "dao.pem", "--signed-proposal"])
        #expect(unsigned.status == 1)
        #expect(unsigned.stdoutText.contains("the proposal is not signed"), "\(unsigned.stdoutText)")
        // Non-UTF-8 post text is malformed (3).
        try directory.write("latin1.txt", [0x63, 0x61, 0x66, 0xe9])
        let latin = try ToolRunner.run(
            "autoid-sign", ["post", "proposal.dsse.json", "--text-file", "latin1.txt", "--author", "alice.pem", "-k", "alice.key", "-o", "l.post"],
            in: directory.path)
        #expect(latin.status == 3, "\(latin.stderrText)")
    }
}
