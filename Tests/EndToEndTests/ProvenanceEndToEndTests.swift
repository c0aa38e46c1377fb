import AutoIDHashing
import AutoIDIdentity
import AutoIDJSON
import AutoIDRegistry
import AutoIDState
import AutoIDTestSupport
import Foundation
import Testing

/// Joint human/AI provenance as a user runs it: a human drafts, an AI agent rewrites, the human
/// publishes with the agent as a named co-signer; then each way the chain can break.
@Suite("Joint human/AI provenance, end to end")
struct ProvenanceEndToEndTests {
    let directory: TemporaryDirectory

    func run(_ tool: String, _ arguments: [String]) throws -> ToolResult {
        try ToolRunner.run(tool, arguments, in: directory.path)
    }

    @discardableResult
    func succeed(_ tool: String, _ arguments: [String]) throws -> ToolResult {
        let result = try run(tool, arguments)
        try #require(result.status == 0, "\(tool) \(arguments): \(result.stderrText)")
        return result
    }

    /// Keys and Auto IDs: a newsroom issues Alice (human), an AI lab issues its summarizer agent.
    init() throws {
        directory = try TemporaryDirectory()
        for name in ["news", "lab", "alice", "agent", "mallory"] {
            try succeed("autoid-sign", ["keygen", "-s", "\(name).key", "-p", "\(name).pub"])
        }
        try succeed("autoid-sign", ["issue", "-k", "news.key", "--cn", "Example Newsroom", "--kind", "organisation", "-o", "news.pem"])
        try succeed("autoid-sign", ["issue", "-k", "lab.key", "--cn", "Example AI Lab", "--kind", "organisation", "-o", "lab.pem"])
        try succeed(
            "autoid-sign",
            [
                "issue", "-k", "news.key", "--issuer", "news.pem", "--subject-key", "alice.pub", "--cn", "Alice Example", "--kind", "human",
                "-o", "alice.pem",
            ])
        try succeed(
            "autoid-sign",
            [
                "issue", "-k", "lab.key", "--issuer", "lab.pem", "--subject-key", "agent.pub", "--cn", "summarizer-agent", "--kind", "ai-agent",
                "--provider", "Example AI Lab", "--model", "example-summarizer", "--model-version", "1.2.0", "-o", "agent.pem",
            ])
        try directory.write("roots.pem", try directory.read("news.pem") + directory.read("lab.pem"))
    }

    /// The three steps; returns nothing, leaves draft/rewrite/article envelopes in the directory.
    func makeChain(agentDiscloses: Bool = true, cosign: Bool = true) throws {
        try directory.write("draft.txt", Array("A first draft, by Alice.\n".utf8))
        try succeed(
            "autoid-sign",
            [
                "-k", "alice.key", "--id", "alice.pem", "--chain", "news.pem", "--role", "creator", "--source-type", "digitalCreation",
                "-o", "draft.dsse.json", "draft.txt",
            ])
        try directory.write("rewrite.txt", Array("The draft, rewritten by the agent.\n".utf8))
        try succeed(
            "autoid-sign",
            [
                "-k", "agent.key", "--id", "agent.pem", "--chain", "lab.pem", "--role", "ai-editor", "--ingredient", "draft.dsse.json",
                "-o", "rewrite.dsse.json", "rewrite.txt",
            ] + (agentDiscloses ? ["--source-type", "compositeWithTrainedAlgorithmicMedia"] : []))
        try directory.write("article.txt", Array("The article as published.\n".utf8))
        try succeed(
            "autoid-sign",
            [
                "-k", "alice.key", "--id", "alice.pem", "--chain", "news.pem", "--chain", "lab.pem", "--role", "publisher",
                "--action", "c2pa.published", "--ingredient", "rewrite.dsse.json:parentOf", "--party", "agent.pem:ai-editor",
                "-o", "article.dsse.json", "article.txt",
            ])
        if cosign {
            try succeed("autoid-sign", ["cosign", "article.dsse.json", "-k", "agent.key", "--id", "agent.pem", "-o", "article.dsse.json"])
        }
    }

    @Test func threeStepChainVerifiesAndReadsAsATree() throws {
        try makeChain()
        let result = try succeed("autoid-verify", ["--trust", "roots.pem", "article.dsse.json"])
        let text = result.stdoutText
        #expect(text.hasPrefix("article.dsse.json: VERIFIED\n"))
        #expect(text.contains("party       'Alice Example' (human, publisher): trusted via 'Example Newsroom', signed"))
        #expect(
            text.contains("party       'summarizer-agent' (ai-agent, ai-editor, Example AI Lab example-summarizer 1.2.0): trusted via 'Example AI Lab', signed")
        )
        #expect(text.contains("ingredient  parentOf rewrite.dsse.json\n    rewrite.dsse.json: VERIFIED"))
        #expect(text.contains("compositeWithTrainedAlgorithmicMedia (Example AI Lab example-summarizer 1.2.0)"))
        #expect(text.contains("ingredient  parentOf draft.dsse.json\n        draft.dsse.json: VERIFIED"))
        #expect(text.contains("subject     draft.txt: OK"))

        let json = try JSONParser.parse(try succeed("autoid-verify", ["--trust", "roots.pem", "article.dsse.json", "--json"]).stdout)
        #expect(json["verified"] == .bool(true))
        #expect(json["parties"]?.arrayValue?.count == 2)
        let rewrite = json["ingredients"]?.arrayValue?.first?["report"]
        #expect(rewrite?["envelope"] == .string("rewrite.dsse.json"))
        #expect(rewrite?["ingredients"]?.arrayValue?.first?["report"]?["verified"] == .bool(true))
        // The bare-key path keeps working on the same envelope (DSSE 1-of-n with that key).
        try succeed("autoid-verify", ["--key", "alice.pub", "article.dsse.json"])
    }

    @Test func aMissingCoSignatureNamesWhoIsMissing() throws {
        try makeChain(cosign: false)
        let result = try run("autoid-verify", ["--trust", "roots.pem", "article.dsse.json"])
        #expect(result.status == 2)
        #expect(result.stdoutText.contains("1 of 2 required party signatures; missing: 'summarizer-agent' (ai-editor)"))
        try succeed("autoid-verify", ["--trust", "roots.pem", "--threshold", "1", "article.dsse.json"])
        let tooMany = try run("autoid-verify", ["--trust", "roots.pem", "--threshold", "3", "article.dsse.json"])
        #expect(tooMany.status == 2)
        #expect(tooMany.stdoutText.contains("--threshold 3 is more than the 2 distinct party keys the statement names"))
        let role = try run("autoid-verify", ["--trust", "roots.pem", "--threshold", "1", "--require-role", "ai-editor", "article.dsse.json"])
        #expect(role.status == 2)
    }

    @Test func droppingTheHumansSignatureFails() throws {
        try makeChain()
        var envelope = try #require(try JSONParser.parse(try directory.read("article.dsse.json")).objectValue)
        let signatures = try #require(envelope["signatures"]?.arrayValue)
        envelope["signatures"] = .array(Array(signatures.dropFirst()))  // Alice signed first
        try directory.write("article.dsse.json", JSONValue.object(envelope).jsonBytes())
        let result = try run("autoid-verify", ["--trust", "roots.pem", "article.dsse.json"])
        #expect(result.status == 2)
        #expect(result.stdoutText.contains("missing: 'Alice Example' (publisher)"))
        let human = try run("autoid-verify", ["--trust", "roots.pem", "--threshold", "1", "--require-human", "article.dsse.json"])
        #expect(human.status == 2)
        #expect(human.stdoutText.contains("policy requires a human party's signature"))
    }

    @Test func aRemovedLinkFailsAndIsNamedAndSearchFindsItElsewhere() throws {
        try makeChain()
        try FileManager.default.createDirectory(atPath: directory.file("archive"), withIntermediateDirectories: false)
        try FileManager.default.moveItem(atPath: directory.file("draft.dsse.json"), toPath: directory.file("archive/renamed.json"))
        let result = try run("autoid-verify", ["--trust", "roots.pem", "article.dsse.json"])
        #expect(result.status == 1)
        #expect(result.stdoutText.contains("rewrite.dsse.json: the parentOf ingredient 'draft.dsse.json' (sha256 "))
        #expect(result.stdoutText.contains("was not found"))
        // Found by its digest in a --search folder, whatever its name there.
        let found = try run("autoid-verify", ["--trust", "roots.pem", "--search", "archive", "article.dsse.json"])
        #expect(found.status == 0, "\(found.stdoutText)")
        #expect(found.stdoutText.contains("ingredient  parentOf archive/renamed.json"))
    }

    @Test func aSwappedIngredientIsNotAccepted() throws {
        try makeChain()
        // Another, valid draft by Alice takes the old one's place under the same name.
        try directory.write("other.txt", Array("Another draft.\n".utf8))
        try succeed(
            "autoid-sign",
            [
                "-k", "alice.key", "--id", "alice.pem", "--chain", "news.pem", "--role", "creator", "--source-type", "digitalCreation",
                "-o", "draft.dsse.json", "--force", "other.txt",
            ])
        let result = try run("autoid-verify", ["--trust", "roots.pem", "article.dsse.json"])
        #expect(result.status == 1)
        #expect(result.stdoutText.contains("the parentOf ingredient 'draft.dsse.json'"))
    }

    @Test func aRevokedAgentFails() throws {
        try makeChain()
        try succeed("autoid-sign", ["revoke", "-k", "lab.key", "--issuer", "lab.pem", "--cert", "agent.pem", "-o", "lab.crl"])
        let result = try run("autoid-verify", ["--trust", "roots.pem", "--crl", "lab.crl", "article.dsse.json"])
        #expect(result.status == 2)
        #expect(result.stdoutText.contains("party 'summarizer-agent' (ai-editor) of article.dsse.json: not trusted: revoked by 'Example AI Lab'"))
        #expect(result.stdoutText.contains("party 'summarizer-agent' (ai-editor) of rewrite.dsse.json: not trusted: revoked"))
    }

    @Test func anAIStepWithoutDisclosureFails() throws {
        try makeChain(agentDiscloses: false)
        let result = try run("autoid-verify", ["--trust", "roots.pem", "article.dsse.json"])
        #expect(result.status == 2)
        #expect(
            result.stdoutText.contains(
                "rewrite.dsse.json: AI party 'summarizer-agent' signed the action c2pa.edited without a digital source type (AI disclosure)"))
        try succeed("autoid-verify", ["--trust", "roots.pem", "--allow-undisclosed-ai", "article.dsse.json"])
    }

    @Test func untrustedRootsAndTamperedContent() throws {
        try makeChain()
        let foreign = try run("autoid-verify", ["--trust", "news.pem", "article.dsse.json"])
        #expect(foreign.status == 2)
        #expect(foreign.stdoutText.contains("party 'summarizer-agent' (ai-editor) of article.dsse.json: not trusted"))
        try directory.write("rewrite.txt", Array("changed afterwards\n".utf8))
        let changed = try run("autoid-verify", ["--trust", "roots.pem", "article.dsse.json"])
        #expect(changed.status == 1)
        #expect(changed.stdoutText.contains("subject     rewrite.txt: FAILED (blake3, sha256 digests differ)"))
    }

    /// Signing as an Auto ID names the Auto Drive CID too (--cid), and verifying the provenance checks it.
    @Test func anAutoIDSignatureNamesTheCIDAndVerificationChecksIt() throws {
        try directory.write("draft.txt", Array("A first draft, by Alice.\n".utf8))
        try succeed(
            "autoid-sign",
            [
                "--cid", "-k", "alice.key", "--id", "alice.pem", "--chain", "news.pem", "--role", "creator", "--source-type", "digitalCreation",
                "-o", "draft.dsse.json", "draft.txt",
            ])
        let cid = try succeed("autoid-sign", ["hash", "--cid", "draft.txt"]).stdoutText.split(separator: " ")[0]
        let verified = try run("autoid-verify", ["--trust", "roots.pem", "--json", "draft.dsse.json"])
        #expect(verified.status == 0, "\(verified.stdoutText)\(verified.stderrText)")
        #expect(verified.stdoutText.contains(String(cid)))
        try directory.write("draft.txt", Array("A first draft, by Mallory.\n".utf8))
        let changed = try run("autoid-verify", ["--trust", "roots.pem", "draft.dsse.json"])
        #expect(changed.status == 1)
        #expect(changed.stdoutText.contains("subject     draft.txt: FAILED (blake3, sha256 digests differ; Auto Drive CID differs)"), "\(changed.stdoutText)")
    }

    /// The whole chain in one bundle: the top envelope's tree verifies from the bundle alone (in a folder
    /// with nothing else but the roots), ingredients found among the bundle's envelopes.
    @Test func aBundleVerifiesWithTrustRootsAlone() throws {
        try makeChain()
        try succeed(
            "provenance-bundle",
            [
                "create", "-o", "chain.tar", "article.dsse.json", "rewrite.dsse.json", "draft.dsse.json", "--content", "article.txt", "--content",
                "rewrite.txt", "--content", "draft.txt",
            ])
        try FileManager.default.createDirectory(atPath: directory.file("bundle-only"), withIntermediateDirectories: false)
        try directory.write("bundle-only/chain.tar", try directory.read("chain.tar"))
        try directory.write("bundle-only/roots.pem", try directory.read("roots.pem"))
        let inside = directory.file("bundle-only")
        let result = try ToolRunner.run("provenance-bundle", ["verify", "--trust", "roots.pem", "chain.tar"], in: inside)
        #expect(result.status == 0, "\(result.stdoutText)\(result.stderrText)")
        let lines = result.stdoutText.split(separator: "\n").map(String.init)
        #expect(lines.first == "chain.tar:envelopes/article.dsse.json: VERIFIED")
        #expect(lines.contains("  party       'Alice Example' (human, publisher): trusted via 'Example Newsroom', signed"))
        #expect(lines.contains("  subject     article.txt: OK"))
        #expect(lines.contains("  ingredient  parentOf chain.tar:envelopes/rewrite.dsse.json"))
        #expect(lines.contains("      ingredient  parentOf chain.tar:envelopes/draft.dsse.json"), "\(lines)")
        // One tree: the ingredients are reported inside the article's, not again on their own.
        #expect(lines.filter { $0.hasSuffix(": VERIFIED") && !$0.hasPrefix(" ") }.count == 1)
        let json = try JSONParser.parse(
            try ToolRunner.run("provenance-bundle", ["verify", "--trust", "roots.pem", "--json", "chain.tar"], in: inside).stdout)
        #expect(json["verified"] == .bool(true))
        #expect(json["envelopes"]?.arrayValue?.count == 1)
        let ingredient = json["envelopes"]?.arrayValue?.first?["ingredients"]?.arrayValue?.first
        #expect(ingredient?["report"]?["verified"] == .bool(true))

        // Policy options apply as in autoid-verify; --search cannot reach outside a bundle.
        let human = try ToolRunner.run("provenance-bundle", ["verify", "--trust", "roots.pem", "--require-role", "translator", "chain.tar"], in: inside)
        #expect(human.status == 2)
        let search = try ToolRunner.run("provenance-bundle", ["verify", "--trust", "roots.pem", "--search", ".", "chain.tar"], in: inside)
        #expect(search.status == 64)
        #expect(search.stderrText.contains("--search does not apply to a bundle"))
        let both = try ToolRunner.run("provenance-bundle", ["verify", "--trust", "roots.pem", "-k", "roots.pem", "chain.tar"], in: inside)
        #expect(both.status == 64)

        // Extraction after provenance verification: all of it, or with foreign roots nothing.
        let refused = try ToolRunner.run("provenance-bundle", ["extract", "--trust", "news.pem", "-C", "out", "chain.tar"], in: directory.path)
        #expect(refused.status == 2)
        #expect(!FileManager.default.fileExists(atPath: directory.file("out/content/article.txt")))
        try succeed("provenance-bundle", ["extract", "--trust", "roots.pem", "-C", "out", "chain.tar"])
        #expect(try directory.read("out/content/article.txt") == directory.read("article.txt"))
    }

    @Test func aBundleWithoutItsIngredientsOrWithARevocationFails() throws {
        try makeChain()
        try succeed("provenance-bundle", ["create", "-o", "alone.tar", "article.dsse.json", "--content", "article.txt"])
        let alone = try run("provenance-bundle", ["verify", "--trust", "roots.pem", "alone.tar"])
        #expect(alone.status == 1)
        #expect(alone.stdoutText.contains("(sha256 "), "\(alone.stdoutText)")
        #expect(alone.stdoutText.contains("was not found (looked among the bundle's envelopes)"), "\(alone.stdoutText)")

        // A revocation list carried in the bundle counts without any --crl: it can only take trust away.
        try succeed("autoid-sign", ["revoke", "-k", "lab.key", "--issuer", "lab.pem", "--cert", "agent.pem", "-o", "lab.crl"])
        try succeed(
            "provenance-bundle",
            [
                "create", "-o", "revoked.tar", "article.dsse.json", "rewrite.dsse.json", "draft.dsse.json", "--crl", "lab.crl",
                "--content", "article.txt", "--content", "rewrite.txt", "--content", "draft.txt",
            ])
        let revoked = try run("provenance-bundle", ["verify", "--trust", "roots.pem", "revoked.tar"])
        #expect(revoked.status == 2)
        #expect(revoked.stdoutText.contains("party 'summarizer-agent' (ai-editor) of revoked.tar:envelopes/article.dsse.json: not trusted: revoked"))

        // Content changed inside the bundle's tree: the ingredient's subject fails.
        try directory.write("rewrite.txt", Array("changed afterwards\n".utf8))
        let changed = try run(
            "provenance-bundle",
            [
                "create", "-o", "changed.tar", "article.dsse.json", "rewrite.dsse.json", "draft.dsse.json", "--content", "article.txt",
                "--content", "rewrite.txt", "--content", "draft.txt",
            ])
        #expect(changed.status == 1, "create checks content against its envelopes before writing")
    }

    @Test func cosigningIsForNamedPartiesOnly() throws {
        try makeChain(cosign: false)
        let before = try directory.read("article.dsse.json")
        let stranger = try run("autoid-sign", ["cosign", "article.dsse.json", "-k", "mallory.key", "-o", "article.dsse.json"])
        #expect(stranger.status == 64)
        #expect(stranger.stderrText.hasPrefix("autoid-sign: article.dsse.json: the key is not the key of a party the statement names"))
        #expect(try directory.read("article.dsse.json") == before)
        try succeed("autoid-sign", ["cosign", "article.dsse.json", "-k", "agent.key", "-o", "article.dsse.json"])
        let twice = try run("autoid-sign", ["cosign", "article.dsse.json", "-k", "agent.key"])
        #expect(twice.status == 64)
        #expect(twice.stderrText.contains("has signed this envelope already"))
        let wrongID = try run("autoid-sign", ["cosign", "article.dsse.json", "-k", "agent.key", "--id", "alice.pem"])
        #expect(wrongID.status == 64)
    }

    @Test func signingRefusesWhatCannotBeVerified() throws {
        try directory.write("a.txt", Array("a\n".utf8))
        let noChain = try run(
            "autoid-sign", ["-k", "agent.key", "--id", "agent.pem", "--role", "ai-generator", "--source-type", "trainedAlgorithmicMedia", "a.txt"])
        #expect(noChain.status == 64)
        #expect(noChain.stderrText.contains("registry identifier cannot be derived"))
        let wrongKey = try run(
            "autoid-sign",
            ["-k", "mallory.key", "--id", "agent.pem", "--chain", "lab.pem", "--role", "ai-generator", "--source-type", "trainedAlgorithmicMedia", "a.txt"])
        #expect(wrongKey.status == 64)
        let created = try run("autoid-sign", ["-k", "agent.key", "--id", "agent.pem", "--chain", "lab.pem", "--role", "ai-generator", "a.txt"])
        #expect(created.status == 64)
        #expect(created.stderrText.contains("c2pa.created action must say how the content came to be"))
        let badRole = try run("autoid-sign", ["-k", "agent.key", "--id", "agent.pem", "--role", "boss", "a.txt"])
        #expect(badRole.status == 64)
        // The key must be the --id party's own, not another named party's: actions are credited to --id.
        let borrowed = try run(
            "autoid-sign",
            [
                "-k", "agent.key", "--id", "alice.pem", "--chain", "news.pem", "--chain", "lab.pem", "--role", "creator",
                "--source-type", "digitalCreation", "--party", "agent.pem:ai-editor", "a.txt",
            ])
        #expect(borrowed.status == 64)
        #expect(borrowed.stderrText.contains("the signing key is not the key of the --id certificate 'Alice Example'"))
        // A signing time the certificate does not cover could never verify.
        let past = try ToolRunner.run(
            "autoid-sign", ["-k", "alice.key", "--id", "alice.pem", "--chain", "news.pem", "--role", "creator", "--source-type", "digitalCreation", "a.txt"],
            in: directory.path, environment: ["SOURCE_DATE_EPOCH": "86400"])
        #expect(past.status == 64)
        #expect(past.stderrText.contains("not at the signing time 1970-01-02T00:00:00Z"))
        let pipeline = try ToolRunner.run(
            "autoid-sign",
            ["-k", "agent.key", "--id", "agent.pem", "--chain", "lab.pem", "--role", "ai-generator", "--source-type", "trainedAlgorithmicMedia", "-"],
            in: directory.path, stdinBytes: Array("generated text\n".utf8))
        #expect(pipeline.status == 0, "\(pipeline.stderrText)")
        let payload = try #require(try JSONParser.parse(pipeline.stdout)["payload"]?.stringValue)
        let payloadBytes = try #require(Data(base64Encoded: payload))
        let statement = try JSONParser.parse(Array(payloadBytes))
        #expect(statement["predicateType"] == .string("urn:autoid:predicate:provenance:v0.1"))
        #expect(
            statement["predicate"]?["actions"]?.arrayValue?.first?["digitalSourceType"]
                == .string("http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"))
        #expect(statement["predicate"]?["parties"]?.arrayValue?.first?["certificates"]?.arrayValue?.count == 1)
    }

    /// securesystemslib (in-toto's DSSE) applies the same t-of-n rule to our two-party envelope, and we
    /// verify a two-signature envelope it made over our statement.
    @Test(.enabled(if: InTotoInteropTests.available, "python3 with securesystemslib is not installed (pip install securesystemslib)"))
    func thresholdInteropWithSecuresystemslib() throws {
        try makeChain()
        let script = InTotoInteropTests.script
        let both = try run("python3", [script, "threshold", "article.dsse.json", "2", "alice.pub", "agent.pub"])
        #expect(both.status == 0, "\(both.stderrText)")
        #expect(both.stdoutText == "2\n")
        var envelope = try #require(try JSONParser.parse(try directory.read("article.dsse.json")).objectValue)
        envelope["signatures"] = .array(Array(try #require(envelope["signatures"]?.arrayValue).prefix(1)))
        try directory.write("one.json", JSONValue.object(envelope).jsonBytes())
        #expect(try run("python3", [script, "threshold", "one.json", "2", "alice.pub", "agent.pub"]).status != 0)
        #expect(try run("python3", [script, "threshold", "one.json", "1", "alice.pub", "agent.pub"]).status == 0)

        let resigned = try run("python3", [script, "resign", "article.dsse.json", "theirs.json", "agent.key", "alice.key"])
        #expect(resigned.status == 0, "\(resigned.stderrText)")
        let ours = try run("autoid-verify", ["--trust", "roots.pem", "theirs.json"])
        #expect(ours.status == 0, "\(ours.stdoutText)")
        #expect(try run("python3", [script, "resign", "article.dsse.json", "half.json", "agent.key"]).status == 0)
        let half = try run("autoid-verify", ["--trust", "roots.pem", "half.json"])
        #expect(half.status == 2)
        #expect(half.stdoutText.contains("missing: 'Alice Example' (publisher)"))
    }

    /// `--shard K/N` over 4 GNU parallel jobs gives the same JSON Lines and verdict as one run.
    @Test(.enabled(if: ToolRunner.isAvailable("parallel"), "GNU parallel is not installed (apt install parallel)"))
    func shardsUnderGNUParallelAddUpToOneRun() throws {
        try makeChain()
        var envelopes = ["article.dsse.json", "rewrite.dsse.json", "draft.dsse.json"]
        for index in 0..<9 {
            try directory.write("note\(index).txt", Array("note \(index)\n".utf8))
            try succeed(
                "autoid-sign",
                [
                    "-k", "alice.key", "--id", "alice.pem", "--chain", "news.pem", "--role", "creator", "--source-type", "digitalCreation",
                    "-o", "note\(index).dsse.json", "note\(index).txt",
                ])
            envelopes.append("note\(index).dsse.json")
        }
        try directory.write("note4.txt", Array("changed\n".utf8))  // one failure, so verdicts matter
        let whole = try run("autoid-verify", ["--trust", "roots.pem", "--each", "--json"] + envelopes)
        #expect(whole.status == 1)
        let verify = ToolRunner.path(of: "autoid-verify")
        let sharded = try run(
            "parallel",
            ["-j4", "--halt", "never", verify, "--trust", "roots.pem", "--each", "--json", "--shard", "{}/4"] + envelopes + [":::", "1", "2", "3", "4"])
        #expect(sharded.status == 1, "GNU parallel exits with the number of failed jobs: one shard holds the failure")
        let lines = { (text: String) in text.split(separator: "\n").map(String.init).sorted() }
        #expect(lines(sharded.stdoutText) == lines(whole.stdoutText))
        #expect(lines(whole.stdoutText).count == envelopes.count)
        // Each shard took a disjoint share: no envelope twice.
        let names = lines(sharded.stdoutText).compactMap { try? JSONParser.parse(Array($0.utf8))["envelope"]?.stringValue }
        #expect(Set(names).count == envelopes.count)
    }

    /// Writes a registry state holding the newsroom, the lab, Alice and (unless left out) the agent, with
    /// the lab's registry revocation list (revoking the agent when asked), and a read proof of every
    /// party's entries against a header over that state.
    func writeRegistry(registerAgent: Bool = true, revokeAgent: Bool = false) throws {
        func load(_ name: String) throws -> AutoID { try AutoIDFile.load(path: directory.file(name))[0] }
        let news = try RegisteredAutoID(registering: try load("news.pem").derBytes, issuerID: nil)
        let lab = try RegisteredAutoID(registering: try load("lab.pem").derBytes, issuerID: nil)
        let alice = try RegisteredAutoID(registering: try load("alice.pem").derBytes, issuerID: news.derivedIdentifier)
        let agent = try RegisteredAutoID(registering: try load("agent.pem").derBytes, issuerID: lab.derivedIdentifier)
        var entries = [news, lab, alice]
        if registerAgent { entries.append(agent) }
        var pairs = entries.map { (RegistryLayout.autoIDKey($0.derivedIdentifier), SCALEEncoder.encode($0)) }
        let labList = RegistryLayout.revocationListKey(lab.derivedIdentifier)
        pairs.append((labList, SCALEEncoder.encode(RevokedSerials(revokeAgent ? [agent.serial] : [U256(99)]))))
        let (root, store) = Trie.buildWithNodes(pairs, version: .v1)
        let keys =
            [alice, agent].map { RegistryLayout.autoIDKey($0.derivedIdentifier) }
            + [RegistryLayout.revocationListKey(news.derivedIdentifier), labList]
        let proof = try ReadProof.generate(root: root, store: store, keys: keys, version: .v1)
        try directory.write("registry-proof.json", JSONValue.object(["proof": .array(proof.map { .string("0x" + Hex.encode($0)) })]).jsonBytes())
        let header = BlockHeader(parentHash: .zero, number: 1234, stateRoot: root, extrinsicsRoot: .zero)
        try directory.write("header.json", header.json.jsonBytes())
    }

    @Test func registryBackedSigners() throws {
        try makeChain()
        let arguments = ["--trust", "roots.pem", "--registry-proof", "registry-proof.json", "--header", "header.json", "article.dsse.json"]
        try writeRegistry()
        try succeed("autoid-verify", arguments)

        try writeRegistry(revokeAgent: true)
        let revoked = try run("autoid-verify", arguments)
        #expect(revoked.status == 2)
        #expect(revoked.stdoutText.contains("party 'summarizer-agent' (ai-editor) of article.dsse.json: registry: Auto ID "))
        #expect(revoked.stdoutText.contains("is revoked on its issuer's registry revocation list at block #1234"))

        try writeRegistry(registerAgent: false)
        let missing = try run("autoid-verify", arguments)
        #expect(missing.status == 2)
        #expect(missing.stdoutText.contains("is not in the registry at block #1234"))

        // A header over another state: the proof does not show the parties at all.
        let other = BlockHeader(parentHash: .zero, number: 1235, stateRoot: H256([UInt8](repeating: 9, count: 32))!, extrinsicsRoot: .zero)
        try directory.write("header.json", other.json.jsonBytes())
        let wrongHeader = try run("autoid-verify", arguments)
        #expect(wrongHeader.status == 2)
        #expect(wrongHeader.stdoutText.contains("the registry proof does not show Auto ID"))

        let alone = try run("autoid-verify", ["--trust", "roots.pem", "--registry-proof", "registry-proof.json", "article.dsse.json"])
        #expect(alone.status == 64)
    }

    @Test func policyFilesAddRulesAndRefuseUnknownOnes() throws {
        try makeChain(cosign: false)
        try directory.write("lenient.json", Array(#"{"threshold": 1, "requireHuman": true, "maxDepth": 4}"#.utf8))
        try succeed("autoid-verify", ["--trust", "roots.pem", "--policy", "lenient.json", "article.dsse.json"])
        try directory.write("strict.json", Array(#"{"threshold": 1, "requireRoles": ["ai-editor"]}"#.utf8))
        let strict = try run("autoid-verify", ["--trust", "roots.pem", "--policy", "strict.json", "article.dsse.json"])
        #expect(strict.status == 2)
        #expect(strict.stdoutText.contains("policy requires a signature by a party in the role 'ai-editor'"))
        try directory.write("shallow.json", Array(#"{"threshold": 1, "maxDepth": 1}"#.utf8))
        let shallow = try run("autoid-verify", ["--trust", "roots.pem", "--policy", "shallow.json", "article.dsse.json"])
        #expect(shallow.status == 2)
        #expect(shallow.stdoutText.contains("its ingredients go more than 1 envelope(s) deep (--max-depth)"))
        try directory.write("typo.json", Array(#"{"treshold": 1}"#.utf8))
        let typo = try run("autoid-verify", ["--trust", "roots.pem", "--policy", "typo.json", "article.dsse.json"])
        #expect(typo.status == 3)
        #expect(
            typo.stderrText
                == "autoid-verify: typo.json: $.treshold: not a policy rule (maxDepth, requireAIDisclosure, requireHuman, requireIssuers, requireRoles, threshold)\n"
        )
        try directory.write("broken.json", Array("{".utf8))
        #expect(try run("autoid-verify", ["--trust", "roots.pem", "--policy", "broken.json", "article.dsse.json"]).status == 3)
    }

    @Test func aHumanSignsAWholeDirectory() throws {
        try FileManager.default.createDirectory(atPath: directory.file("site/img"), withIntermediateDirectories: true)
        try directory.write("site/index.html", Array("<h1>hello</h1>\n".utf8))
        try directory.write("site/img/logo.svg", Array("<svg/>\n".utf8))
        try directory.write("site/about.html", Array("about\n".utf8))
        try succeed(
            "autoid-sign",
            [
                "-k", "alice.key", "--id", "alice.pem", "--chain", "news.pem", "--role", "publisher", "--source-type", "digitalCreation",
                "-o", "site.dsse.json", "site/",
            ])
        let verified = try succeed("autoid-verify", ["--trust", "roots.pem", "site.dsse.json"])
        #expect(verified.stdoutText.contains("subject     site/about.html: OK\n  subject     site/img/logo.svg: OK\n  subject     site/index.html: OK"))
        try directory.write("site/img/logo.svg", Array("<svg>changed</svg>\n".utf8))
        #expect(try run("autoid-verify", ["--trust", "roots.pem", "site.dsse.json"]).status == 1)
        try FileManager.default.createSymbolicLink(atPath: directory.file("site/link"), withDestinationPath: "/etc/hostname")
        let link = try run("autoid-sign", ["-k", "alice.key", "-o", "site2.dsse.json", "site"])
        #expect(link.status == 4)
        #expect(link.stderrText.contains("site/link: cannot sign"))
        #expect(!FileManager.default.fileExists(atPath: directory.file("site2.dsse.json")))
        let twice = try run("autoid-sign", ["-k", "alice.key", "site/index.html", "site/img"])
        #expect(twice.status == 0)
        let duplicate = try run("autoid-sign", ["-k", "alice.key", "site/img/logo.svg", "site/img"])
        #expect(duplicate.status == 64)
    }
}
