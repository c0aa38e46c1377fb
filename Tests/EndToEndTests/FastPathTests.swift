import AutoIDTestSupport
import Foundation
import Testing

@testable import AutoIDCommands

/// `autoid-verify -k KEY ENVELOPE [FILE...]` is read without the argument parser
/// (`VerifyEnvelope.Invocation.fastPath`). These tests hold the two readings equal: every line the
/// fast path reads, the argument parser reads as the same invocation; every other line is left to the
/// parser; and the tool's output and exit status are the same either way.
@Suite("Fast path for one-file verification")
struct FastPathTests {
    typealias Invocation = AutoIDVerify.VerifyEnvelope.Invocation

    /// The argument parser's reading of `line` as an invocation of the default command, if it is one.
    func parsed(_ line: [String]) -> Invocation? {
        (try? AutoIDVerify.parseAsRoot(line) as? AutoIDVerify.VerifyEnvelope)?.invocation
    }

    @Test func linesTheFastPathReadsTheParserReadsTheSame() throws {
        let lines: [[String]] = [
            ["-k", "k.pub", "e.json"],
            ["--key", "k.pub", "e.json"],
            ["-k", "k.pub", "e.json", "a.txt", "b/c.txt"],
            ["-k", "dir/key with space.pub", "ü ñ.json", "x=y", "k.pub"],
            ["-k", "k", "envelopes", "identity2", "helper", "sign"],
            ["--key", "help.pub", "e.json", "--not-an-option-after-a-file".replacingOccurrences(of: "-", with: "_")],
            ["-k", "k.pub", "e.json", "-q"], ["-q", "-k", "k.pub", "e.json"], ["--json", "-k", "k.pub", "e.json"], ["-k", "k.pub", "--quiet", "e.json", "a"],
            ["-v", "--base-dir", "d", "-k", "k.pub", "e.json", "a"], ["e.json", "--verbose", "-k", "k.pub"],
            ["-k", "k.pub", "--allow-outside-paths", "e.json", "../a"],
            ["envelope", "-k", "k.pub", "e.json"], ["envelope", "e.json", "--json", "-k", "k.pub", "a"], ["envelope", "-k", "k", "Envelope", "sign"],
        ]
        for line in lines {
            let fast = try #require(Invocation.fastPath(line), "\(line)")
            #expect(Self.same(fast, parsed(line)), "\(line)")
            #expect(fast.key == line[line.firstIndex(where: { $0 == "-k" || $0 == "--key" })! + 1])
            #expect(fast.json == line.contains("--json") && fast.quiet == (line.contains("-q") || line.contains("--quiet")))
        }
    }

    @Test func trustLinesTheFastPathReadsTheParserReadsTheSame() throws {
        let lines: [[String]] = [
            ["--trust", "roots.pem", "e.json"], ["e.json", "--trust", "roots.pem"], ["--trust", "roots", "--require-human", "e.json"],
            ["--require-human", "e.json", "--trust", "roots.pem"], ["--trust", "dir/roots with space.pem", "ü ñ.json"],
            ["--trust", "identity", "helper"], ["--trust", "r", "--json", "e.json"], ["--trust", "r", "--crl", "c.pem", "e.json"],
            ["-q", "--trust", "r", "--crl", "a.crl", "--crl", "b.crl", "--require-role", "publisher", "--require-role", "ai-generator", "e.json"],
            ["--trust", "r", "--require-issuer", "i", "--search", "s1", "--search", "s2", "--policy", "p.json", "--allow-undisclosed-ai", "e.json"],
            ["envelope", "--trust", "roots.pem", "--require-human", "e.json"], ["--trust", "r", "e.json", "--allow-outside-paths"],
        ]
        for line in lines {
            let fast = try #require(Invocation.fastPath(line), "\(line)")
            #expect(Self.same(fast, parsed(line)), "\(line)")
            #expect(fast.key == nil && fast.provenance?.trust == line[line.firstIndex(of: "--trust")! + 1])
            #expect(fast.provenance?.requireHuman == line.contains("--require-human") && fast.files.isEmpty)
            #expect(fast.provenance?.revocationLists.count == line.filter { $0 == "--crl" }.count)
        }
    }

    @Test func theSubcommandNamesAreTheCommandsOwn() {
        for name in AutoIDVerify.configuration.subcommands.map({ $0._commandName }) + ["help"] {
            #expect(AutoIDVerify.isSubcommandName(name), "\(name)")
        }
        #expect(!AutoIDVerify.isSubcommandName("e.json") && !AutoIDVerify.isSubcommandName("Envelope"))
    }

    @Test func everyOtherLineIsLeftToTheParser() {
        let lines: [[String]] = [
            [], ["-k"], ["-k", "k.pub"], ["--version"], ["--help"], ["-h"],
            ["-k", "-", "e.json"],
            ["--json", "-q", "-k", "k.pub", "e.json"],
            ["-kk.pub", "e.json"],
            ["-k", "k.pub", "identity"], ["-k", "k.pub", "help"], ["-k", "k.pub", "envelope"], ["-k", "k.pub", "minisign"],
            ["envelope", "envelope", "-k", "k.pub", "e.json"], ["envelope", "-k", "k.pub", "identity"], ["-k", "k.pub", "envelope", "e.json"],
            ["envelope"], ["envelope", "--help"], ["-k", "", "e.json"], ["-k", "k.pub", ""],
            ["--trust", "roots.pem"], ["--trust", "roots.pem", "e.json", "a.txt"],
            ["--trust", "r", "identity"], ["--trust", "-", "e.json"],
            ["--trust", "r", "--json", "--quiet", "e.json"], ["--require-human", "e.json"],
            ["--trust", "r", "--require-role", "pope", "e.json"],
            ["-k", "k.pub", "--crl", "c.pem", "e.json"], ["--trust", "r", "--threshold", "1", "e.json"], ["--trust", "r", "--crl", "-", "e.json"],
            ["-k", "k.pub", "--trust", "r", "e.json"], ["--trust", "r", "-k", "k.pub", "e.json"], ["--trust", "r", "--crl", "c.pem", "--each", "e.json"],
            ["-k", "k.pub", "e.json", "--each"], ["--each", "-k", "k.pub", "e.json"],
        ]
        for line in lines {
            #expect(Invocation.fastPath(line) == nil, "\(line)")
        }
    }

    /// Random lines from options, operands and subcommand names: whatever the fast path reads, the
    /// argument parser reads the same way (and accepts).
    @Test func randomLinesAgree() throws {
        let tokens = [
            "-k", "--key", "k.pub", "e.json", "a", "-", "-q", "--quiet", "--json", "--each", "help", "identity", "envelope", "x y",
            "--", "-kk", "--key=k", "--base-dir", "d", "--allow-outside-paths", "-v", "--shard", "1/2", "--verbose", "-qv", "sign", "--base-dir=d", "-vq",
            "--json=1",
        ]
        expectAgreement(tokens: tokens, keyPrefix: ["-k", "k.pub"], seed: 0x7ead_f00d, fast: Invocation.fastPath, parsed: parsed)
        let trustTokens =
            tokens + [
                "--trust", "r.pem", "--require-human", "--require-role", "publisher", "pope", "--crl", "--each", "--require-issuer", "--search",
                "--policy", "--allow-undisclosed-ai", "--threshold", "2",
            ]
        expectAgreement(
            tokens: trustTokens, keyPrefix: ["--trust", "r.pem"], length: 0...3, seed: 0x7ead_7265, fast: Invocation.fastPath, parsed: parsed)
    }

    /// Whether two readings are the same value, every stored field (nested ones too) compared by its
    /// reflection: the invocations hold the parser's option groups, which are not Equatable, and a
    /// hand-written `==` would miss a field added later.
    static func same<Value>(_ a: Value?, _ b: Value?) -> Bool {
        a != nil && b != nil && String(reflecting: a) == String(reflecting: b)
    }

    /// Draws lines of `length` (up to six) `tokens` (half of them after `keyPrefix`) until `fast` has read
    /// `wanted` distinct ones, each of which `parsed` (the argument parser) must read as the same value;
    /// within 4,000 draws, or the fast path is not reached often enough (the sparsest call here reads 162
    /// distinct lines in 4,000 draws). A line is parsed once however often it is drawn: in a debug build
    /// the argument parser checks the command's whole definition at every parse (tens of milliseconds),
    /// and parsing every line read in 4,000 draws took a quarter of the suite's CPU time.
    func expectAgreement<Value>(
        tokens: [String], keyPrefix: [String], length: ClosedRange<Int> = 0...6, seed: UInt64, wanted: Int = 150,
        fast: ([String]) -> Value?, parsed: ([String]) -> Value?
    ) {
        var random = TestRandom(seed: seed)
        var read = Set<[String]>()
        for _ in 0..<4_000 where read.count < wanted {
            var line = (0..<Int.random(in: length, using: &random)).map { _ in tokens.randomElement(using: &random)! }
            if Bool.random(using: &random) { line = keyPrefix + line }
            guard let value = fast(line), read.insert(line).inserted else { continue }
            #expect(Self.same(value, parsed(line)), "\(line)")
        }
        #expect(read.count == wanted, "the generator should reach the fast path often: \(read.count) distinct lines read in 4,000 draws")
    }

    /// The tool: the same output, errors and exit status through the fast path (`-k KEY ENVELOPE`, and
    /// `envelope -k KEY ENVELOPE`, the same command named) and through the parser (the same line with
    /// `AUTOID_FAST_PATH=0`).
    @Test func theToolAnswersTheSameEitherWay() throws {
        let directory = try TemporaryDirectory()
        func run(_ arguments: [String]) throws -> ToolResult { try ToolRunner.run("autoid-verify", arguments, in: directory.path) }
        try #require(try ToolRunner.run("autoid-sign", ["keygen"], in: directory.path).status == 0)
        try directory.write("a.txt", Array("a\n".utf8))
        try directory.write("b.txt", Array("b\n".utf8))
        try #require(try ToolRunner.run("autoid-sign", ["-k", "autoid.key", "-o", "e.json", "a.txt", "b.txt"], in: directory.path).status == 0)
        try directory.write("bad.json", Array("{".utf8))
        let cases: [(arguments: [String], status: Int32)] = [
            (["e.json"], 0), (["e.json", "b.txt"], 0), (["e.json", "c.txt"], 1), (["bad.json"], 3), (["missing.json"], 4),
        ]
        for (index, item) in cases.enumerated() {
            if index == 2 { try directory.write("a.txt", Array("changed\n".utf8)) }
            let fast = try run(["-k", "autoid.pub"] + item.arguments)
            let parsed = try Self.throughParser("autoid-verify", ["-k", "autoid.pub"] + item.arguments, in: directory)
            let named = try run(["envelope", "-k", "autoid.pub"] + item.arguments)
            #expect(fast.status == item.status, "\(item.arguments): \(fast.stderrText)")
            #expect(fast.status == parsed.status && fast.stdout == parsed.stdout, "\(item.arguments)")
            #expect(fast.stderrText == parsed.stderrText, "\(item.arguments)")
            #expect(named.status == parsed.status && named.stdout == parsed.stdout && named.stderr == parsed.stderr, "\(item.arguments)")
        }
        // A wrong key is the same error either way.
        let wrongKey = try run(["-k", "autoid.key", "e.json"])
        let wrongKeyParsed = try Self.throughParser("autoid-verify", ["-k", "autoid.key", "e.json"], in: directory)
        #expect(wrongKey.status == 3 && wrongKey.stderrText == wrongKeyParsed.stderrText)
    }

    /// Runs `tool arguments` in `directory` with `AUTOID_FAST_PATH=0`: the argument parser reads the line.
    static func throughParser(_ tool: String, _ arguments: [String], in directory: TemporaryDirectory) throws -> ToolResult {
        try ToolRunner.run(tool, arguments, in: directory.path, environment: ["AUTOID_FAST_PATH": "0"])
    }

    @Test func versionIsReadOnlyAlone() {
        let configuration = AutoIDVerify.configuration
        #expect(FastPath.version(["--version"], of: configuration) == configuration.version && !configuration.version.isEmpty)
        for line in [
            [], ["--version", "--version"], ["--version", "e.json"], ["-k", "k.pub", "--version"], ["envelope", "--version"], ["--Version"], ["-version"],
            ["--version="], ["help", "--version"],
        ] {
            #expect(FastPath.version(line, of: configuration) == nil, "\(line)")
        }
    }

    /// `TOOL --version` is answered before any fast path or the parser: the same bytes and status as the
    /// parser's answer, for every tool; with anything beside it, the parser answers (`--version --help`:
    /// the parser prints the help, so a fast path that took that line would differ).
    @Test func everyToolAnswersVersionTheSameEitherWay() throws {
        let directory = try TemporaryDirectory()
        for tool in ["autoid-sign", "autoid-verify", "provenance-bundle", "state-audit"] {
            let fast = try ToolRunner.run(tool, ["--version"], in: directory.path)
            let parsed = try Self.throughParser(tool, ["--version"], in: directory)
            #expect(fast.status == 0 && fast.stderr.isEmpty && fast.stdout == Array("\(AutoIDVersion.current)\n".utf8), "\(tool): \(fast.stderrText)")
            #expect(fast.status == parsed.status && fast.stdout == parsed.stdout && fast.stderr == parsed.stderr, "\(tool)")
            let beside = try ToolRunner.run(tool, ["--version", "--help"], in: directory.path)
            let besideParsed = try Self.throughParser(tool, ["--version", "--help"], in: directory)
            #expect(beside.status == besideParsed.status && beside.stdout == besideParsed.stdout && beside.stderr == besideParsed.stderr, "\(tool)")
            #expect(beside.stdout != fast.stdout, "\(tool): --version --help printed the version")
        }
    }

    @Test func theEnvironmentTurnsTheFastPathsOff() {
        #expect(FastPath.isEnabled(environment: nil) && FastPath.isEnabled(environment: "1") && FastPath.isEnabled(environment: ""))
        #expect(!FastPath.isEnabled(environment: "0"))
    }

    /// Runs `autoid-sign arguments` in `directory`, which must succeed (test set-up).
    static func autoIDSign(_ arguments: [String], in directory: TemporaryDirectory) throws {
        let result = try ToolRunner.run("autoid-sign", arguments, in: directory.path)
        try #require(result.status == 0, "\(arguments): \(result.stderrText)")
    }

    /// NAME.key and NAME.pub, and NAME.pem: a root Auto ID (an organisation) of that key.
    static func makeRoot(_ name: String, cn: String, in directory: TemporaryDirectory) throws {
        try autoIDSign(["keygen", "-s", "\(name).key", "-p", "\(name).pub"], in: directory)
        try autoIDSign(["issue", "-k", "\(name).key", "--cn", cn, "--kind", "organisation", "-o", "\(name).pem"], in: directory)
    }

    /// NAME.key and NAME.pub, and NAME.pem: an Auto ID of that key issued by the root ISSUER.pem.
    static func issue(_ name: String, cn: String, kind: String, by issuer: String, extra: [String] = [], in directory: TemporaryDirectory) throws {
        try autoIDSign(["keygen", "-s", "\(name).key", "-p", "\(name).pub"], in: directory)
        try autoIDSign(
            ["issue", "-k", "\(issuer).key", "--issuer", "\(issuer).pem", "--subject-key", "\(name).pub", "--cn", cn, "--kind", kind, "-o", "\(name).pem"]
                + extra, in: directory)
    }

    /// `--trust ROOTS [--require-human] ENVELOPE` answers as the argument parser's reading does: verified,
    /// a changed subject, an untrusted root, a policy the envelope fails, a malformed and a missing file.
    @Test func trustVerificationAnswersTheSameEitherWay() throws {
        let directory = try TemporaryDirectory()
        func run(_ tool: String, _ arguments: [String]) throws -> ToolResult { try ToolRunner.run(tool, arguments, in: directory.path) }
        for name in ["newsroom", "lab", "other"] { try Self.makeRoot(name, cn: name, in: directory) }
        try Self.issue("alice", cn: "Alice", kind: "human", by: "newsroom", in: directory)
        try Self.issue("agent", cn: "agent", kind: "ai-agent", by: "lab", extra: ["--provider", "Lab", "--model", "m", "--model-version", "1"], in: directory)
        try directory.write("a.txt", Array("a\n".utf8))
        try directory.write("b.png", Array("b\n".utf8))
        try #require(
            try run(
                "autoid-sign",
                [
                    "-k", "alice.key", "--id", "alice.pem", "--chain", "newsroom.pem", "--role", "publisher", "--source-type", "digitalCreation", "-o",
                    "human.json", "a.txt",
                ]
            ).status == 0)
        try #require(
            try run(
                "autoid-sign",
                [
                    "-k", "agent.key", "--id", "agent.pem", "--chain", "lab.pem", "--role", "ai-generator", "--source-type", "trainedAlgorithmicMedia", "-o",
                    "ai.json", "b.png",
                ]
            ).status == 0)
        try directory.write("roots.pem", try directory.read("newsroom.pem") + directory.read("lab.pem"))
        try directory.write("bad.json", Array("{".utf8))
        let cases: [(arguments: [String], status: Int32)] = [
            (["--trust", "roots.pem", "human.json"], 0), (["ai.json", "--trust", "roots.pem"], 0),
            (["--trust", "roots.pem", "--require-human", "human.json"], 0),
            (["--require-human", "--trust", "roots.pem", "ai.json"], 2), (["--trust", "other.pem", "human.json"], 2),
            (["--trust", "roots.pem", "bad.json"], 3),
            (["--trust", "roots.pem", "missing.json"], 4), (["--trust", "missing.pem", "human.json"], 4),
        ]
        for item in cases {
            let fast = try run("autoid-verify", item.arguments)
            let parsed = try Self.throughParser("autoid-verify", item.arguments, in: directory)
            #expect(fast.status == item.status, "\(item.arguments): \(fast.stderrText)")
            #expect(fast.status == parsed.status && fast.stdout == parsed.stdout, "\(item.arguments)")
            #expect(fast.stderrText == parsed.stderrText, "\(item.arguments)")
        }
        // A changed subject: exit 1 either way.
        try directory.write("a.txt", Array("changed\n".utf8))
        let fast = try run("autoid-verify", ["--trust", "roots.pem", "human.json"])
        let parsed = try Self.throughParser("autoid-verify", ["--trust", "roots.pem", "human.json"], in: directory)
        #expect(fast.status == 1 && fast.stdout == parsed.stdout && fast.status == parsed.status)
    }

    // MARK: autoid-verify minisign -p KEY [-m FILE] FILE...

    typealias MinisignInvocation = AutoIDVerify.VerifyMinisign.Invocation

    func parsedMinisign(_ line: [String]) -> MinisignInvocation? {
        (try? AutoIDVerify.parseAsRoot(line) as? AutoIDVerify.VerifyMinisign)?.invocation
    }

    @Test func minisignLinesTheFastPathReadsTheParserReadsTheSame() throws {
        let lines: [[String]] = [
            ["minisign", "-p", "m.pub", "a"], ["minisign", "-p", "m.pub", "a", "b", "c/d"], ["minisign", "-m", "a", "-p", "m.pub"],
            ["minisign", "-p", "m.pub", "-m", "a", "-m", "b", "c"], ["minisign", "a", "-p", "m.pub", "x y"], ["minisign", "-p", "m.pub", "minisign"],
            ["minisign", "-p", "m.pub", "envelope"], ["minisign", "-P", "RWQ", "a"], ["minisign", "-p", "m.pub", "-q", "a"],
            ["minisign", "-p", "m.pub", "-x", "a.sig", "a"], ["minisign", "--public-key-file", "m.pub", "a"], ["minisign", "-p", "m.pub", "-o", "a"],
            ["minisign", "-p", "m.pub", "--json", "a"], ["minisign", "-Q", "-v", "a", "--public-key", "RWQ"],
            ["minisign", "-p", "m.pub", "a", "--message", "b"],
        ]
        for line in lines {
            let fast = try #require(MinisignInvocation.fastPath(line), "\(line)")
            #expect(Self.same(fast, parsedMinisign(line)), "\(line)")
        }
    }

    @Test func otherMinisignLinesAreLeftToTheParser() {
        let lines: [[String]] = [
            [], ["minisign"], ["minisign", "-p", "m.pub"], ["minisign", "a"], ["minisign", "-p", "m.pub", "-m", "-"],
            ["minisign", "-p", "m.pub", "-P", "RWQ", "a"],
            ["minisign", "-p", "m.pub", "-x", "a.sig", "a", "b"], ["minisign", "-p", "m.pub", "-x", "-", "a"],
            ["minisign", "-pm.pub", "a"], ["minisign", "-p", "", "a"], ["minisign", "-p", "m.pub", "-m"], ["signify", "-p", "m.pub", "a"],
            ["-p", "m.pub", "minisign", "a"], ["minisign", "-p", "m.pub", "-o", "a", "b"], ["minisign", "-p", "m.pub", "--json", "-q", "a"],
            ["minisign", "-p", "m.pub", "-Q", "--json", "a"], ["minisign", "-p", "m.pub", "--null", "a"],
        ]
        for line in lines {
            #expect(MinisignInvocation.fastPath(line) == nil, "\(line)")
        }
    }

    @Test func randomMinisignLinesAgree() {
        let tokens = [
            "minisign", "-p", "m.pub", "-m", "a", "b", "-", "-q", "-Q", "-x", "a.sig", "--json", "-P", "RWQ", "help", "--", "x y", "-o", "signify",
            "a", "b", "-m", "--signature", "--public-key", "-v", "--comment-only", "--message", "--quiet", "--message=a", "-qv", "-Qq",
        ]
        expectAgreement(tokens: tokens, keyPrefix: ["minisign", "-p", "m.pub"], seed: 0x3141_5926, fast: MinisignInvocation.fastPath, parsed: parsedMinisign)
    }

    /// The tool: the same output, errors and exit statuses through the fast path and through the parser
    /// (the same line with `AUTOID_FAST_PATH=0`), and with `--` before the files.
    @Test func minisignVerificationAnswersTheSameEitherWay() throws {
        let directory = try TemporaryDirectory()
        func run(_ tool: String, _ arguments: [String]) throws -> ToolResult { try ToolRunner.run(tool, arguments, in: directory.path) }
        try #require(try run("autoid-sign", ["keygen"]).status == 0)
        try directory.write("a.txt", Array("a\n".utf8))
        try directory.write("b.txt", Array("b\n".utf8))
        try directory.write("c.txt", Array("c\n".utf8))
        let signed = try run("autoid-sign", ["minisign", "-k", "autoid.key", "-t", "checked", "a.txt", "b.txt"])
        try #require(signed.status == 0, "\(signed.stderrText)")
        try directory.write("b.txt", Array("changed\n".utf8))
        let cases: [(files: [String], status: Int32)] = [
            (["a.txt"], 0), (["b.txt"], 1), (["a.txt", "b.txt"], 1), (["c.txt"], 4), (["missing.txt"], 4), (["a.txt", "c.txt"], 4),
        ]
        for item in cases {
            let fast = try run("autoid-verify", ["minisign", "-p", "autoid.pub"] + item.files)
            let parsed = try Self.throughParser("autoid-verify", ["minisign", "-p", "autoid.pub"] + item.files, in: directory)
            let terminated = try run("autoid-verify", ["minisign", "-p", "autoid.pub", "--"] + item.files)
            #expect(fast.status == item.status, "\(item.files): \(fast.stdoutText)\(fast.stderrText)")
            #expect(fast.status == parsed.status && fast.stdout == parsed.stdout && fast.stderr == parsed.stderr, "\(item.files)")
            #expect(fast.status == terminated.status && fast.stdout == terminated.stdout && fast.stderr == terminated.stderr, "\(item.files)")
        }
        let good = try run("autoid-verify", ["minisign", "-m", "a.txt", "-p", "autoid.pub"])
        #expect(good.status == 0 && good.stdoutText.hasPrefix("a.txt: OK (trusted comment: checked)"), "\(good.stdoutText)")
        // A key that is not one, or missing: the same error either way.
        for key in ["a.txt", "nokey.pub"] {
            let fast = try run("autoid-verify", ["minisign", "-p", key, "a.txt"])
            let parsed = try Self.throughParser("autoid-verify", ["minisign", "-p", key, "a.txt"], in: directory)
            #expect(fast.status != 0 && fast.status == parsed.status && fast.stderrText == parsed.stderrText, "\(key): \(fast.stderrText)")
        }
    }

    // MARK: autoid-verify cid CID FILE

    typealias CIDInvocation = AutoIDVerify.VerifyCID.Invocation

    func parsedCID(_ line: [String]) -> CIDInvocation? {
        (try? AutoIDVerify.parseAsRoot(line) as? AutoIDVerify.VerifyCID)?.invocation
    }

    @Test func cidLinesTheFastPathReadsTheParserReadsTheSame() throws {
        let read: [[String]] = [
            ["cid", "bafkr6i", "a"], ["cid", "x", "dir/b c"], ["cid", "cid", "minisign"], ["cid", "--json", "x", "a"], ["cid", "x", "a", "-q"],
            ["cid", "--name", "n", "x", "a"], ["cid", "x", "--no-name", "a", "-v"], ["cid", "--quiet", "--verbose", "x", "a"],
        ]
        for line in read {
            let fast = try #require(CIDInvocation.fastPath(line), "\(line)")
            #expect(Self.same(fast, parsedCID(line)), "\(line)")
        }
        let others: [[String]] = [
            ["cid"], ["cid", "x"], ["cid", "x", "a", "b"], ["cid", "--json", "-q", "x", "a"],
            ["cid", "", "a"], ["-k", "cid", "x", "a"], ["cid", "--name", "n", "--no-name", "x", "a"],
            ["cid", "--name", "-", "x", "a"],
            ["cid", "--stored-compressed", "x", "a"], ["cid", "-o", "out", "x", "a"],
        ]
        for line in others { #expect(CIDInvocation.fastPath(line) == nil, "\(line)") }
    }

    @Test func randomCIDLinesAgree() {
        let tokens = [
            "cid", "bafkr6i", "a", "-", "--json", "-q", "--no-name", "--name", "n", "--", "x y", "-o", "out", "help", "cid", "-v", "--quiet", "--name=n", "-qv",
        ]
        expectAgreement(tokens: tokens, keyPrefix: ["cid", "bafkr6i"], seed: 0xc1d0_c1d0, fast: CIDInvocation.fastPath, parsed: parsedCID)
    }

    /// The tool: the same output, errors and statuses through the fast path and through the parser
    /// (`--` before the operands).
    @Test func cidVerificationAnswersTheSameEitherWay() throws {
        let directory = try TemporaryDirectory()
        try directory.write("hello.txt", Array("hello world\n".utf8))
        try directory.write("changed.txt", Array("hello world!\n".utf8))
        let helloNamed = "bafkr6idbftayihbd3gc4ig7iajype6ltflxmwiw7jp43sfyjfp5z3z6nh4"  // CIDEndToEndTests
        let cases: [(operands: [String], status: Int32)] = [
            ([helloNamed, "hello.txt"], 0), ([helloNamed, "changed.txt"], 1), ([helloNamed, "missing.txt"], 4), (["notacid", "hello.txt"], 3),
        ]
        for item in cases {
            let fast = try ToolRunner.run("autoid-verify", ["cid"] + item.operands, in: directory.path)
            let parsed = try ToolRunner.run("autoid-verify", ["cid", "--"] + item.operands, in: directory.path)
            #expect(fast.status == item.status, "\(item.operands): \(fast.stdoutText)\(fast.stderrText)")
            #expect(fast.status == parsed.status && fast.stdout == parsed.stdout && fast.stderr == parsed.stderr, "\(item.operands)")
        }
    }

    // MARK: autoid-sign -k KEY [-o OUT] [-f] FILE...

    typealias SignInvocation = AutoIDSign.SignFiles.Invocation

    func parsedSign(_ line: [String]) -> SignInvocation? {
        (try? AutoIDSign.parseAsRoot(line) as? AutoIDSign.SignFiles)?.invocation
    }

    @Test func signingLinesTheFastPathReadsTheParserReadsTheSame() throws {
        let lines: [[String]] = [
            ["-k", "k.key", "a"], ["--key", "k.key", "a", "b", "c/d"], ["-k", "k.key", "-o", "e.json", "a"], ["-o", "e.json", "-k", "k.key", "a", "b"],
            ["-k", "k.key", "-o", "e.json", "-f", "a"], ["--force", "--output", "e.json", "--key", "k.key", "x y", "ü"], ["-k", "k.key", "signs", "hashes"],
            ["-k", "k.key", "--id", "me.pem", "--role", "publisher", "a"],
            [
                "--id", "me.pem", "--chain", "c1.pem", "--chain", "c2.pem", "--role", "ai-generator", "--source-type", "trainedAlgorithmicMedia", "-k",
                "k.key", "-o", "e.json", "a",
            ],
            [
                "-k", "k.key", "--id", "me.pem", "--role", "publisher", "--ingredient", "i.json:componentOf", "--ingredient", "j.json", "--party",
                "agent.pem:ai-generator", "--action", "c2pa.edited", "a", "b",
            ],
            ["-k", "k.key", "--chain", "c.pem", "--role", "editor", "--id", "x y.pem", "-f", "-o", "out", "b"], ["-k", "k.key", "-q", "a"],
            ["sign", "-k", "k.key", "a"], ["sign", "a", "-o", "e.json", "-k", "k.key", "--id", "me.pem", "--role", "publisher"],
            ["-k", "k.key", "a", "-o", "e.json"], ["-k", "k.key", "--digest", "sha256", "a"],
            ["-k", "k.key", "--digest", "sha256", "--digest", "blake3", "--cid", "a"],
            ["-v", "-k", "k.key", "--quiet", "a", "b"], ["-k", "k.key", "--id", "me.pem", "--role", "publisher", "--digest", "sha256", "a"],
            ["-k", "k.key", "--id", "me.pem", "--role", "publisher", "a", "--chain", "c"],
            [
                "-k", "k.key", "--id", "me.pem", "--role", "publisher", "--party", "a.pem:editor", "--chain", "c1.pem", "--party",
                "b.pem:ai-generator", "--ingredient", "i.json", "--chain", "c2.pem", "--ingredient", "j.json:inputTo", "x",
            ],
        ]
        for line in lines {
            let fast = try #require(SignInvocation.fastPath(line), "\(line)")
            #expect(Self.same(fast, parsedSign(line)), "\(line)")
            #expect((fast.provenance?.id != nil) == line.contains("--id"))
        }
        let repeated = try #require(SignInvocation.fastPath(lines[lines.count - 1])?.provenance)
        #expect(repeated.party == ["a.pem:editor", "b.pem:ai-generator"] && repeated.chain == ["c1.pem", "c2.pem"])
        #expect(repeated.ingredient == ["i.json", "j.json:inputTo"])
        for name in AutoIDSign.configuration.subcommands.map({ $0._commandName }) + ["help"] {
            #expect(AutoIDSign.isSubcommandName(name), "\(name)")
        }
        #expect(!AutoIDSign.isSubcommandName("a.txt") && !AutoIDSign.isSubcommandName("signs"))
    }

    @Test func otherSigningLinesAreLeftToTheParser() {
        let lines: [[String]] = [
            [], ["-k", "k.key"], ["a"], ["-o", "e.json", "a"], ["-k", "k.key", "-o", "-", "a"],
            ["-k", "k.key", "--digest", "md5", "a"], ["-k", "k.key", "--passphrase-fd", "3", "a"],
            ["-k", "k.key", "--id", "me.pem", "a"],
            ["-k", "k.key", "hash"], ["-k", "k.key", "keygen"], ["-k", "k.key", "help"], ["sign", "-k", "k.key", "hash"], ["sign", "sign", "-k", "k.key", "a"],
            ["-k", "k.key", "sign", "a"], ["sign"], ["-k", "k.key", "a", "a"],
            ["-k", "k.key", "-o", "a", "a"], ["-fk", "k.key", "a"], ["-k", "", "a"],
            ["-k", "k.key", "--role", "publisher", "a"],
            ["-k", "k.key", "--id", "me.pem", "--role", "pope", "a"],
            ["-k", "k.key", "--id", "me.pem", "--role", "publisher", "--source-type", "madeUp", "a"],
            ["-k", "k.key", "--id", "me.pem", "--role", "publisher", "--action", "c2pa.madeUp", "a"],
            ["-k", "k.key", "--id", "me.pem", "--role", "publisher", "--party", "p.pem", "a"], ["-k", "k.key", "--id", "-", "--role", "publisher", "a"],
            ["-k", "k.key", "--id", "me.pem", "--role", "publisher", "--chain", "a"], ["-k", "k.key", "--chain", "c.pem", "a"],
        ]
        for line in lines {
            #expect(SignInvocation.fastPath(line) == nil, "\(line)")
        }
    }

    @Test func randomSigningLinesAgree() {
        let tokens = [
            "-k", "--key", "k.key", "-o", "--output", "e.json", "-f", "--force", "a", "b", "-", "-q", "--digest", "sha256", "hash", "help", "--",
            "--cid", "x y", "--id", "me.pem", "a", "-v", "--quiet", "--verbose", "md5", "-qv", "--output=e.json", "-fq", "--key=k.key", "--key=",
        ]
        expectAgreement(tokens: tokens, keyPrefix: ["-k", "k.key"], seed: 0x5e1f_ca11, fast: SignInvocation.fastPath, parsed: parsedSign)
        let provenanceTokens =
            tokens + [
                "--role", "publisher", "ai-generator", "pope", "--chain", "c.pem", "--source-type", "digitalCapture", "--action", "c2pa.edited",
                "--ingredient", "i.json:componentOf", "j.json", "--party", "p.pem:editor", "q.pem:ai-generator", "p.pem",
            ]
        expectAgreement(
            tokens: provenanceTokens, keyPrefix: ["-k", "k.key", "--id", "me.pem", "--role", "publisher"], seed: 0x5e1f_1d1d,
            fast: SignInvocation.fastPath, parsed: parsedSign)
    }

    /// The tool: the same errors and exit statuses through the fast path and through the parser (the
    /// same line with `AUTOID_FAST_PATH=0`), and envelopes that verify either way.
    @Test func theSignerAnswersTheSameEitherWay() throws {
        let directory = try TemporaryDirectory()
        func run(_ tool: String, _ arguments: [String]) throws -> ToolResult { try ToolRunner.run(tool, arguments, in: directory.path) }
        try #require(try run("autoid-sign", ["keygen"]).status == 0)
        try directory.write("a.txt", Array("a\n".utf8))
        let fast = try run("autoid-sign", ["-k", "autoid.key", "-o", "fast.json", "a.txt"])
        let parsed = try Self.throughParser("autoid-sign", ["-k", "autoid.key", "-o", "parsed.json", "a.txt"], in: directory)
        #expect(fast.status == 0 && parsed.status == 0 && fast.stdout == parsed.stdout && fast.stderr == parsed.stderr)
        for envelope in ["fast.json", "parsed.json"] {
            let verified = try run("autoid-verify", ["-k", "autoid.pub", envelope])
            #expect(verified.status == 0 && verified.stdoutText == "a.txt: OK\n", "\(envelope): \(verified.stderrText)")
        }
        let cases: [(arguments: [String], status: Int32)] = [
            (["-k", "autoid.key", "-o", "fast.json", "a.txt"], 64),  // exists, no --force
            (["-k", "autoid.key", "-o", "fast.json", "-f", "a.txt"], 0),
            (["-k", "autoid.key", "missing.txt"], 4),
            (["-k", "autoid.pub", "a.txt"], 3),
            (["-k", "nokey", "a.txt"], 4),
        ]
        for item in cases {
            let fastRun = try run("autoid-sign", item.arguments)
            let parsedRun = try Self.throughParser("autoid-sign", item.arguments, in: directory)
            #expect(fastRun.status == item.status, "\(item.arguments): \(fastRun.stderrText)")
            #expect(fastRun.status == parsedRun.status && fastRun.stderrText == parsedRun.stderrText, "\(item.arguments)")
            #expect((fastRun.stdout.isEmpty) == (parsedRun.stdout.isEmpty))
        }
    }

    /// Signing as an Auto ID (`--id CERT --role ROLE ...`): the same errors and exit statuses through the
    /// fast path and through the parser, and envelopes that verify against the roots either way, with
    /// the same predicate but for the time of signing.
    @Test func provenanceSigningAnswersTheSameEitherWay() throws {
        let directory = try TemporaryDirectory()
        func run(_ tool: String, _ arguments: [String]) throws -> ToolResult { try ToolRunner.run(tool, arguments, in: directory.path) }
        for name in ["org", "other"] { try Self.makeRoot(name, cn: name, in: directory) }
        try Self.issue("alice", cn: "Alice", kind: "human", by: "org", in: directory)
        try directory.write("a.txt", Array("a\n".utf8))
        try directory.write("b.txt", Array("b\n".utf8))
        let signing = ["--id", "alice.pem", "--chain", "org.pem", "--role", "publisher", "--source-type", "digitalCapture"]
        let fast = try run("autoid-sign", ["-k", "alice.key"] + signing + ["-o", "fast.json", "a.txt"])
        let parsed = try Self.throughParser("autoid-sign", ["-k", "alice.key"] + signing + ["-o", "parsed.json", "a.txt"], in: directory)
        #expect(fast.status == 0 && parsed.status == 0 && fast.stdout == parsed.stdout && fast.stderr == parsed.stderr, "\(fast.stderrText)")
        var reports: [String] = []
        for envelope in ["fast.json", "parsed.json"] {
            let verified = try run("autoid-verify", ["envelope", "--trust", "org.pem", "--require-human", "--json", envelope])
            #expect(verified.status == 0, "\(envelope): \(verified.stderrText)")
            reports.append(verified.stdoutText.replacingOccurrences(of: envelope, with: "ENVELOPE"))
        }
        // Masked: what depends on the second of signing, the times and the envelope's own digest (the
        // report's top-level "sha256"; the two runs can fall in different seconds).
        func masked(_ report: String) -> [String] {
            report.split(separator: "\n").map { line in
                line.contains(#/"(created|when)"\s*:/#) || line.hasPrefix("  \"sha256\":") ? "MASKED" : String(line)
            }
        }
        #expect(masked(reports[0]) == masked(reports[1]))
        #expect(masked(reports[0]).filter { $0 == "MASKED" }.count == 3, "created, one action's time and the envelope digest")
        try directory.write("ingredient.json", try directory.read("fast.json"))
        let cases: [(arguments: [String], status: Int32?)] = [
            (["-k", "alice.key"] + signing + ["-o", "fast.json", "a.txt"], 64),  // exists, no --force
            (["-k", "alice.key"] + signing + ["-o", "fast.json", "-f", "a.txt"], 0),
            (["-k", "alice.key"] + signing + ["--ingredient", "ingredient.json:componentOf", "-o", "composite.json", "-f", "b.txt"], 0),
            (["-k", "alice.key"] + signing + ["--ingredient", "missing.json", "b.txt"], 4),
            (["-k", "alice.key", "--id", "missing.pem", "--role", "publisher", "--source-type", "digitalCapture", "a.txt"], 4),
            (["-k", "alice.key", "--id", "alice.pem", "--role", "publisher", "a.txt"], nil),  // c2pa.created needs --source-type
            (["-k", "other.key"] + signing + ["a.txt"], nil),  // the key is not the Auto ID's
            (["-k", "alice.key", "--id", "a.txt", "--role", "publisher", "--source-type", "digitalCapture", "b.txt"], nil),  // not a certificate
        ]
        for item in cases {
            let fastRun = try run("autoid-sign", item.arguments)
            let parsedRun = try Self.throughParser("autoid-sign", item.arguments, in: directory)
            if let status = item.status {
                #expect(fastRun.status == status, "\(item.arguments): \(fastRun.stderrText)")
            } else {
                #expect(fastRun.status != 0, "\(item.arguments)")
            }
            #expect(fastRun.status == parsedRun.status && fastRun.stderrText == parsedRun.stderrText, "\(item.arguments)")
            #expect((fastRun.stdout.isEmpty) == (parsedRun.stdout.isEmpty))
        }
    }

    // MARK: autoid-sign hash [-a ALGORITHM] [-c] FILE...

    typealias HashInvocation = AutoIDSign.HashFiles.Invocation

    func parsedHash(_ line: [String]) -> HashInvocation? {
        (try? AutoIDSign.parseAsRoot(line) as? AutoIDSign.HashFiles)?.invocation
    }

    @Test func hashLinesAgreeWithTheParser() throws {
        let read: [[String]] = [
            ["hash", "a"], ["hash", "a", "b", "c/d"], ["hash", "-a", "sha256", "a"], ["hash", "--algorithm", "blake2b", "-c", "sums"], ["hash", "-c", "x y"],
            ["hash", "--tag", "a"], ["hash", "a", "-c"], ["hash", "--num-threads", "1", "a"], ["hash", "--no-names", "-z", "a", "b"],
            ["hash", "-c", "--status", "--ignore-missing", "--strict", "-q", "sums"], ["hash", "--cid", "--name", "n", "a"],
            ["hash", "--cid", "--no-name", "a"],
            ["hash", "--zero", "--quiet", "-v", "a"], ["hash", "--check", "--verbose", "sums"],
        ]
        for line in read {
            let fast = try #require(HashInvocation.fastPath(line), "\(line)")
            #expect(Self.same(fast, parsedHash(line)), "\(line)")
        }
        let left: [[String]] = [
            ["hash"], ["hash", "-a", "md5", "a"],
            ["hash", "help"], ["a"], ["-k", "k.key", "hash"], ["hash", "-asha256", "a"],
            ["hash", "--num-threads", "0", "a"], ["hash", "--num-threads", "x", "a"], ["hash", "--num-threads", "-1", "a"], ["hash", "--status", "a"],
            ["hash", "--cid", "-c", "a"], ["hash", "--name", "n", "a"], ["hash", "--cid", "--name", "n", "a", "b"], ["hash", "--files-from", "l", "a"],
            ["hash", "--tag", "--no-names", "a"],
        ]
        for line in left {
            #expect(HashInvocation.fastPath(line) == nil, "\(line)")
        }
        let tokens = [
            "-a", "--algorithm", "sha256", "blake3", "md5", "-c", "--check", "a", "b", "-", "--tag", "--cid", "help", "--", "-q", "x y",
            "--num-threads", "2", "0", "--no-names", "-z", "--status", "--strict", "--ignore-missing", "--name", "--no-name", "-v", "--algorithm=sha256", "-cq",
            "-zv",
            "--num-threads=2", "-ca",
        ]
        expectAgreement(tokens: tokens, keyPrefix: ["hash"], seed: 0x4a54_1234, fast: HashInvocation.fastPath, parsed: parsedHash)
    }

    /// The tool: the same lines, messages and exit statuses through the fast path and through the parser
    /// (the same line with `AUTOID_FAST_PATH=0`), and with `--` before the last file.
    @Test func hashAnswersTheSameEitherWay() throws {
        let directory = try TemporaryDirectory()
        func run(_ arguments: [String]) throws -> ToolResult { try ToolRunner.run("autoid-sign", arguments, in: directory.path) }
        try directory.write("a.txt", Array("a\n".utf8))
        try directory.write("b.txt", Array("b\n".utf8))
        try directory.write("sums", Array("\(String(repeating: "0", count: 64))  a.txt\n".utf8))
        let cases: [(arguments: [String], status: Int32)] = [
            (["a.txt", "b.txt"], 0), (["-a", "sha256", "a.txt"], 0), (["a.txt", "missing"], 4), (["-c", "sums"], 1), (["-c", "a.txt"], 3),
        ]
        for item in cases {
            let fast = try run(["hash"] + item.arguments)
            let parsed = try Self.throughParser("autoid-sign", ["hash"] + item.arguments, in: directory)
            let terminated = try run(["hash"] + item.arguments.dropLast() + ["--", item.arguments.last!])
            #expect(fast.status == item.status, "\(item.arguments): \(fast.stderrText)")
            #expect(fast.status == parsed.status && fast.stdout == parsed.stdout && fast.stderr == parsed.stderr, "\(item.arguments)")
            #expect(fast.status == terminated.status && fast.stdout == terminated.stdout && fast.stderr == terminated.stderr, "\(item.arguments)")
        }
    }

    // MARK: spellings the parser reads too

    /// Each `spelled` line (`--name=value`, grouped short flags, `--`, `-`, an option given again) is
    /// read by `fast`, as the parser reads it, and (where `plain` is given) as the line without the
    /// spelling.
    func expectSpellings<Value>(
        _ lines: [(spelled: [String], plain: [String]?)], fast: ([String]) -> Value?, parsed: ([String]) -> Value?,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for line in lines {
            let value = fast(line.spelled)
            #expect(value != nil, "\(line.spelled)", sourceLocation: sourceLocation)
            #expect(Self.same(value, parsed(line.spelled)), "\(line.spelled)", sourceLocation: sourceLocation)
            if let plain = line.plain { #expect(Self.same(value, fast(plain)), "\(line.spelled)", sourceLocation: sourceLocation) }
        }
    }

    @Test func spellingsTheParserReadsTooAreReadTheSame() {
        expectSpellings(
            [
                (["--key=k.pub", "e.json"], ["-k", "k.pub", "e.json"]), (["-k", "k.pub", "--", "e.json"], ["-k", "k.pub", "e.json"]),
                (["-k", "k.pub", "--", "-e.json", "-", "--", "--json"], nil), (["-k", "k.pub", "-"], nil), (["-k", "k.pub", "e.json", "-"], nil),
                (["-qv", "-k", "k.pub", "e.json"], ["-q", "-v", "-k", "k.pub", "e.json"]),
                (["-k", "k.pub", "e.json", "-q", "-q"], ["-k", "k.pub", "e.json", "-q"]),
                (["-q", "--quiet", "-k", "k.pub", "e.json"], ["-q", "-k", "k.pub", "e.json"]),
                (["-k", "a", "-k", "k.pub", "e.json"], ["-k", "k.pub", "e.json"]),
                (["-k", "k.pub", "--base-dir", "a", "--base-dir=b", "e.json"], ["-k", "k.pub", "--base-dir", "b", "e.json"]),
                (["-k", "k.pub", "--json", "--json", "e.json"], ["-k", "k.pub", "--json", "e.json"]), (["envelope", "-k", "k.pub", "-"], nil),
                (["--trust=r", "e.json"], ["--trust", "r", "e.json"]), (["--trust", "r", "--trust", "r", "e.json"], ["--trust", "r", "e.json"]),
                (["--trust", "r", "--require-human", "--require-human", "e.json"], ["--trust", "r", "--require-human", "e.json"]),
                (["--trust", "r", "-"], nil), (["--trust", "r", "--policy", "a", "--policy=b", "e.json"], ["--trust", "r", "--policy", "b", "e.json"]),
                (["--trust", "r", "--crl=a", "--crl", "b", "e.json"], ["--trust", "r", "--crl", "a", "--crl", "b", "e.json"]),
            ], fast: Invocation.fastPath, parsed: parsed)
        expectSpellings(
            [
                (["minisign", "-p", "m.pub", "-"], nil), (["minisign", "-p", "m.pub", "--", "a"], ["minisign", "-p", "m.pub", "a"]),
                (["minisign", "-p", "m.pub", "-p", "n.pub", "a"], ["minisign", "-p", "n.pub", "a"]),
                (["minisign", "-p", "m.pub", "-q", "-q", "a"], ["minisign", "-p", "m.pub", "-q", "a"]),
                (["minisign", "--public-key-file=m.pub", "--", "-a"], nil),
            ], fast: MinisignInvocation.fastPath, parsed: parsedMinisign)
        expectSpellings(
            [
                (["cid", "x", "-"], nil), (["cid", "--", "x", "a"], ["cid", "x", "a"]), (["cid", "x", "a", "-q", "-q"], ["cid", "x", "a", "-q"]),
                (["cid", "--name=n", "x", "a"], ["cid", "--name", "n", "x", "a"]),
            ], fast: CIDInvocation.fastPath, parsed: parsedCID)
        expectSpellings(
            [
                (["--key=k.key", "a"], ["-k", "k.key", "a"]), (["-k", "k.key", "--", "a"], ["-k", "k.key", "a"]), (["-k", "k.key", "--", "-a", "-"], nil),
                (["-k", "k.key", "-"], nil), (["-k", "k.key", "a", "-"], nil), (["sign", "-k", "k.key", "-"], nil),
                (["-k", "k.key", "-k", "k2.key", "a"], ["-k", "k2.key", "a"]), (["-k", "k.key", "-f", "-f", "a"], ["-k", "k.key", "-f", "a"]),
                (["-k", "k.key", "-qv", "a"], ["-k", "k.key", "-q", "-v", "a"]), (["-fq", "-k", "k.key", "a"], ["-f", "-q", "-k", "k.key", "a"]),
                (["-k", "k.key", "--cid", "--cid", "a"], ["-k", "k.key", "--cid", "a"]),
                (["-k", "k.key", "--output=e.json", "a"], ["-k", "k.key", "-o", "e.json", "a"]),
                (["-k", "k.key", "--id", "a.pem", "--id", "b.pem", "--role", "publisher", "a"], ["-k", "k.key", "--id", "b.pem", "--role", "publisher", "a"]),
                (
                    ["-k", "k.key", "--id", "me.pem", "--role", "publisher", "--role", "editor", "a"],
                    ["-k", "k.key", "--id", "me.pem", "--role", "editor", "a"]
                ),
                (
                    ["-k", "k.key", "--id=me.pem", "--role=publisher", "--source-type=digitalCapture", "--chain=c.pem", "a"],
                    ["-k", "k.key", "--id", "me.pem", "--role", "publisher", "--source-type", "digitalCapture", "--chain", "c.pem", "a"]
                ),
            ], fast: SignInvocation.fastPath, parsed: parsedSign)
        expectSpellings(
            [
                (["hash", "-"], nil), (["hash", "a", "-"], nil), (["hash", "-a", "sha256", "-a", "blake3", "a"], ["hash", "a"]),
                (["hash", "-c", "-c", "a"], ["hash", "-c", "a"]), (["hash", "--tag", "--tag", "a"], ["hash", "--tag", "a"]),
                (["hash", "--", "a"], ["hash", "a"]),
                (["hash", "-cq", "a"], ["hash", "-c", "-q", "a"]), (["hash", "--", "-x", "--", "-"], nil),
                (["hash", "--algorithm=sha256", "a"], ["hash", "-a", "sha256", "a"]),
                (["hash", "--num-threads=2", "-zv", "a"], ["hash", "--num-threads", "2", "-z", "-v", "a"]),
            ], fast: HashInvocation.fastPath, parsed: parsedHash)
    }

    /// What the readings of those spellings leave to the parser: an empty or dashed value after `=`, `=`
    /// after a flag, a group with a letter that is not a flag or that takes a value, an empty operand
    /// after `--`, an option after `--` (it is a file there, and the checks refuse the line).
    @Test func spellingsLeftToTheParser() {
        let verify: [[String]] = [
            ["--key=", "e.json"], ["--key=-k", "e.json"], ["-k", "k.pub", "--json=1", "e.json"], ["-qk", "k.pub", "e.json"], ["-qx", "-k", "k.pub", "e.json"],
            ["-k", "k.pub", "--", "e.json", ""], ["--", "-k", "k.pub", "e.json"], ["-k", "k.pub", "--", "help"], ["-k=k.pub", "e.json"],
            ["-q-v", "-k", "k.pub", "e.json"],
        ]
        for line in verify { #expect(Invocation.fastPath(line) == nil, "\(line)") }
        let sign: [[String]] = [
            ["--key=", "a"], ["-fk", "k.key", "a"], ["-k", "k.key", "--force=yes", "a"], ["--", "-k", "k.key", "a"], ["-k", "k.key", "--", "hash"],
        ]
        for line in sign { #expect(SignInvocation.fastPath(line) == nil, "\(line)") }
        let hash: [[String]] = [
            ["hash", "--algorithm=", "a"], ["hash", "-ca", "sha256", "a"], ["hash", "--", "help"], ["hash", "--", ""], ["hash", "--tag=x", "a"],
        ]
        for line in hash { #expect(HashInvocation.fastPath(line) == nil, "\(line)") }
    }
}
