import AutoIDJSON
import AutoIDTestSupport
import Foundation
import Testing

/// minisign and signify interop through the real tools, both ways: the real `minisign` (0.11) and
/// `signify-openbsd` sign and we verify, we sign and they verify, keys converted both ways. CI installs
/// both (apt: minisign, signify-openbsd); without them these tests are skipped, saying so.
@Suite("minisign and signify, end to end with the real tools")
struct MinisignEndToEndTests {
    static let haveMinisign = ToolRunner.isAvailable("minisign")
    static let haveSignify = ToolRunner.isAvailable("signify-openbsd")
    static let passphrase = "correct horse battery"

    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
        try directory.write("a.txt", Array("first file\n".utf8))
        try directory.write("b.bin", (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
    }

    @discardableResult
    func run(_ tool: String, _ arguments: [String], stdin: [UInt8]? = nil, environment: [String: String] = [:]) throws -> ToolResult {
        try ToolRunner.run(tool, arguments, in: directory.path, stdinBytes: stdin, environment: environment)
    }

    /// Runs and requires success.
    @discardableResult
    func succeed(_ tool: String, _ arguments: [String], stdin: [UInt8]? = nil, environment: [String: String] = [:]) throws -> ToolResult {
        let result = try run(tool, arguments, stdin: stdin, environment: environment)
        try #require(result.status == 0, "\(tool) \(arguments): \(result.stderrText)\(result.stdoutText)")
        return result
    }

    /// `autoid-verify ARGS` ends with `status`, and its report says `word` on each line for `file`.
    func expectVerify(_ arguments: [String], status: Int32, contains word: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try run("autoid-verify", arguments)
        #expect(result.status == status, "\(arguments): \(result.stdoutText)\(result.stderrText)", sourceLocation: sourceLocation)
        #expect(result.stdoutText.contains(word), "\(arguments): \(result.stdoutText)", sourceLocation: sourceLocation)
    }

    /// A failure that stops the command: the exit status, one line on stderr, nothing on stdout.
    func expectFailure(_ tool: String, _ arguments: [String], status: Int32, message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try run(tool, arguments)
        #expect(result.status == status, "\(arguments): \(result.stderrText)", sourceLocation: sourceLocation)
        #expect(result.stderrText.split(separator: "\n").count == 1, "\(arguments): \(result.stderrText)", sourceLocation: sourceLocation)
        #expect(result.stderrText.contains(message), "\(arguments): \(result.stderrText)", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
    }

    @Test(.enabled(if: haveMinisign, "minisign is not installed (apt-get install minisign)"))
    func minisignSignsWeVerify() throws {
        try succeed("minisign", ["-G", "-W", "-p", "m.pub", "-s", "m.key"])
        try succeed("minisign", ["-S", "-s", "m.key", "-m", "a.txt", "b.bin"])  // ED, the default
        try succeed("minisign", ["-S", "-l", "-s", "m.key", "-m", "a.txt", "-x", "a.legacy", "-t", "legacy signature"])
        let ok = try succeed("autoid-verify", ["minisign", "-p", "m.pub", "a.txt", "b.bin"])
        #expect(ok.stdoutText.contains("a.txt: OK (trusted comment: timestamp:"))
        #expect(ok.stdoutText.contains("b.bin: OK"))
        try expectVerify(["minisign", "-p", "m.pub", "-x", "a.legacy", "a.txt"], status: 0, contains: "a.txt: OK (trusted comment: legacy signature)")
        let base64 = try String(decoding: directory.read("m.pub"), as: UTF8.self).split(separator: "\n")[1]
        try expectVerify(["minisign", "-P", String(base64), "-m", "a.txt"], status: 0, contains: "OK")
        let json = try succeed("autoid-verify", ["minisign", "-p", "m.pub", "--json", "a.txt", "b.bin"])
        let report = try JSONParser.parse(json.stdout)
        #expect(report["verified"] == .bool(true))
        #expect(report["files"]?.arrayValue?.count == 2)
        #expect(report["files"]?.arrayValue?.first?["trustedComment"]?.stringValue?.hasPrefix("timestamp:") == true)

        // Tampered content, tampered trusted comment: 1. Another key: 2. Garbage: 3. Missing: 4.
        try directory.write("b.bin", Array("changed".utf8))
        try expectVerify(["minisign", "-p", "m.pub", "a.txt", "b.bin"], status: 1, contains: "b.bin: FAILED")
        let signature = try String(decoding: directory.read("a.txt.minisig"), as: UTF8.self)
        try directory.write("a.txt.minisig", Array(signature.replacing("file:a.txt", with: "file:evil.txt").utf8))
        try expectVerify(["minisign", "-p", "m.pub", "a.txt"], status: 1, contains: "trusted comment in a.txt.minisig was altered")
        try succeed("minisign", ["-G", "-W", "-p", "other.pub", "-s", "other.key"])
        try expectVerify(["minisign", "-p", "other.pub", "-x", "a.legacy", "a.txt"], status: 2, contains: "UNTRUSTED")
        try directory.write("a.txt.minisig", Array("untrusted comment: x\nnot base64\n".utf8))
        try expectVerify(["minisign", "-p", "m.pub", "a.txt"], status: 3, contains: "a.txt: ERROR")
        try expectVerify(["minisign", "-p", "m.pub", "nothing.txt"], status: 4, contains: "nothing.txt: MISSING")
        // Worst status wins: a mismatch (1) outranks a missing file (4).
        try expectVerify(["minisign", "-p", "m.pub", "nothing.txt", "b.bin"], status: 1, contains: "MISSING")
        // Keys that cannot be used stop the command.
        try expectFailure("autoid-verify", ["minisign", "-p", "m.key", "a.txt"], status: 3, message: "secret key")
        try expectFailure("autoid-verify", ["minisign", "-P", "RWQgarbage", "a.txt"], status: 3, message: "not a minisign public key")
        try expectFailure("autoid-verify", ["minisign", "a.txt"], status: 64, message: "-p FILE or -P BASE64")
    }

    @Test(.enabled(if: haveMinisign, "minisign is not installed (apt-get install minisign)"))
    func weSignMinisignVerifies() throws {
        try succeed("autoid-sign", ["keygen", "-s", "autoid.key", "-p", "autoid.pub"])
        let keyID = try succeed("autoid-sign", ["convert-key", "autoid.key", "-p", "autoid-minisign.pub"]).stdoutText
        #expect(String(decoding: try directory.read("autoid-minisign.pub"), as: UTF8.self).contains(keyID.trimmingCharacters(in: .whitespacesAndNewlines)))
        try succeed("autoid-sign", ["minisign", "-k", "autoid.key", "a.txt", "b.bin"])
        try succeed("autoid-sign", ["minisign", "-k", "autoid.key", "--legacy", "-x", "a.legacy", "-t", "our trusted comment", "a.txt"])
        for file in ["a.txt", "b.bin"] {
            let verified = try succeed("minisign", ["-V", "-p", "autoid-minisign.pub", "-m", file])
            #expect(verified.stdoutText.contains("Trusted comment: timestamp:"))
            #expect(verified.stdoutText.contains("file:\(file)\thashed"))
        }
        let legacy = try succeed("minisign", ["-V", "-p", "autoid-minisign.pub", "-m", "a.txt", "-x", "a.legacy"])
        #expect(legacy.stdoutText.contains("Trusted comment: our trusted comment"))
        // Our own verifier takes the PEM public key as well.
        try expectVerify(["minisign", "-p", "autoid.pub", "a.txt", "b.bin"], status: 0, contains: "b.bin: OK")
        // An existing signature is not replaced without --force (64), and nothing is written over an input.
        try expectFailure("autoid-sign", ["minisign", "-k", "autoid.key", "a.txt"], status: 64, message: "pass --force")
        try expectFailure("autoid-sign", ["minisign", "-k", "autoid.key", "-x", "autoid.key", "a.txt"], status: 64, message: "autoid.key")
        // An unencrypted minisign key (minisign -G -W's layout) signs in minisign and here.
        try succeed("autoid-sign", ["convert-key", "autoid.key", "--to", "minisign", "-s", "plain.key", "-W"])
        try succeed("minisign", ["-S", "-s", "plain.key", "-m", "b.bin", "-x", "b.theirs"])
        try expectVerify(["minisign", "-p", "autoid-minisign.pub", "-x", "b.theirs", "b.bin"], status: 0, contains: "OK")
        try succeed("autoid-sign", ["minisign", "-s", "plain.key", "-x", "b.ours", "b.bin"])
        try succeed("minisign", ["-V", "-p", "autoid-minisign.pub", "-m", "b.bin", "-x", "b.ours"])
    }

    /// scrypt-encrypted keys both ways (each key operation derives with 1 GiB, as minisign does: slow).
    @Test(.enabled(if: haveMinisign, "minisign is not installed (apt-get install minisign)"))
    func encryptedKeysConvertBothWays() throws {
        let env = ["MS_PASS": Self.passphrase]
        let typed = Array("\(Self.passphrase)\n\(Self.passphrase)\n".utf8)
        // minisign's encrypted key -> our PEM (protected with the same passphrase) -> signatures minisign checks.
        try succeed("minisign", ["-G", "-p", "theirs.pub", "-s", "theirs.key"], stdin: typed)
        try succeed("autoid-sign", ["convert-key", "theirs.key", "--passphrase-env", "MS_PASS", "-s", "theirs.pem", "-p", "theirs-pem.pub"], environment: env)
        #expect(String(decoding: try directory.read("theirs.pem"), as: UTF8.self).contains("ENCRYPTED PRIVATE KEY"))
        try succeed("autoid-sign", ["minisign", "-k", "theirs.pem", "--passphrase-env", "MS_PASS", "-t", "pem", "a.txt"], environment: env)
        // The PEM key has no minisign id of its own: the id is derived, so minisign needs the converted .pub.
        try succeed("autoid-sign", ["convert-key", "theirs-pem.pub", "-p", "derived.pub"])
        try succeed("minisign", ["-V", "-p", "derived.pub", "-m", "a.txt"])
        // Our encrypted minisign key -> minisign signs with it (asking the passphrase) -> we verify.
        try succeed("autoid-sign", ["keygen", "-s", "ours.key", "-p", "ours.pub"])
        try succeed(
            "autoid-sign", ["convert-key", "ours.key", "--passphrase-env", "MS_PASS", "-s", "ours.minisign.key", "-p", "ours.minisign.pub"], environment: env)
        try succeed("minisign", ["-S", "-s", "ours.minisign.key", "-m", "b.bin"], stdin: Array("\(Self.passphrase)\n".utf8))
        try expectVerify(["minisign", "-p", "ours.minisign.pub", "b.bin"], status: 0, contains: "b.bin: OK")
        // A wrong passphrase is a usage error (64), like every other key.
        try expectFailure(
            "autoid-sign", ["minisign", "-s", "ours.minisign.key", "--passphrase-env", "WRONG", "-x", "x.minisig", "a.txt"], status: 64, message: "WRONG")
    }

    @Test(.enabled(if: haveSignify, "signify-openbsd is not installed (apt-get install signify-openbsd)"))
    func signifyBothWays() throws {
        try succeed("signify-openbsd", ["-G", "-n", "-p", "s.pub", "-s", "s.sec"])
        try succeed("signify-openbsd", ["-S", "-s", "s.sec", "-m", "a.txt"])
        try expectVerify(["signify", "-p", "s.pub", "a.txt"], status: 0, contains: "a.txt: OK")
        // A signed checksum list, as OpenBSD publishes SHA256.sig.
        let list = try checksumList(["a.txt", "b.bin"])
        try directory.write("SHA256", Array(list.utf8))
        try succeed("signify-openbsd", ["-S", "-e", "-s", "s.sec", "-m", "SHA256", "-x", "SHA256.sig"])
        try expectVerify(["signify", "-C", "-p", "s.pub", "-x", "SHA256.sig"], status: 0, contains: "b.bin: OK")
        try expectVerify(["signify", "-C", "-p", "s.pub", "-x", "SHA256.sig", "a.txt", "c.txt"], status: 1, contains: "c.txt: FAILED (not a subject")
        let json = try JSONParser.parse(try run("autoid-verify", ["signify", "-C", "-p", "s.pub", "-x", "SHA256.sig", "--json"]).stdout)
        #expect(json["verified"] == .bool(true))
        try directory.write("b.bin", Array("changed".utf8))
        try expectVerify(["signify", "-C", "-p", "s.pub", "-x", "SHA256.sig"], status: 1, contains: "b.bin: FAILED (SHA256 digest differs)")
        // A list naming files outside the directory: refused (3), never read.
        try directory.write(
            "EVIL",
            Array("SHA256 (../../etc/passwd) = \(String(repeating: "0", count: 64))\nSHA256 (/etc/hostname) = \(String(repeating: "0", count: 64))\n".utf8))
        try succeed("signify-openbsd", ["-S", "-e", "-s", "s.sec", "-m", "EVIL", "-x", "EVIL.sig"])
        try expectVerify(["signify", "-C", "-p", "s.pub", "-x", "EVIL.sig"], status: 3, contains: "REFUSED")
        // An altered list, another key.
        let signed = try String(decoding: directory.read("SHA256.sig"), as: UTF8.self)
        try directory.write("ALTERED.sig", Array(signed.replacing("(a.txt)", with: "(b.bin)").utf8))
        try expectVerify(["signify", "-C", "-p", "s.pub", "-x", "ALTERED.sig"], status: 1, contains: "the list was altered")
        try succeed("signify-openbsd", ["-G", "-n", "-p", "t.pub", "-s", "t.sec"])
        try expectVerify(["signify", "-C", "-p", "t.pub", "-x", "SHA256.sig"], status: 2, contains: "UNTRUSTED")
        try expectVerify(["signify", "-p", "t.pub", "a.txt"], status: 2, contains: "UNTRUSTED")

        // We sign, signify verifies: a plain signature and an embedded checksum list.
        try succeed("autoid-sign", ["keygen", "-s", "autoid.key", "-p", "autoid.pub"])
        try succeed("autoid-sign", ["convert-key", "autoid.key", "-p", "autoid-signify.pub"])
        try directory.write("c.txt", Array("third file\n".utf8))
        try succeed("autoid-sign", ["minisign", "--signify", "-k", "autoid.key", "c.txt", "b.bin"])
        try succeed("signify-openbsd", ["-V", "-p", "autoid-signify.pub", "-m", "c.txt"])
        try succeed("signify-openbsd", ["-V", "-p", "autoid-signify.pub", "-m", "b.bin"])
        try directory.write("OURS", Array(try checksumList(["a.txt", "b.bin"]).utf8))
        try succeed("autoid-sign", ["minisign", "--signify", "--embed", "-k", "autoid.key", "-x", "OURS.sig", "OURS"])
        try succeed("signify-openbsd", ["-C", "-p", "autoid-signify.pub", "-x", "OURS.sig"])
    }

    @Test(.enabled(if: haveMinisign, "minisign is not installed (apt-get install minisign)"))
    func manyFilesFromAList() throws {
        try succeed("minisign", ["-G", "-W", "-p", "m.pub", "-s", "m.key"])
        var names: [String] = []
        for index in 0..<300 {  // more than the 256 operands the argument parser is handed whole
            let name = "f\(index)"
            try directory.write(name, Array("file \(index)\n".utf8))
            names.append(name)
        }
        try directory.write("list", Array(names.joined(separator: "\n").utf8))
        try directory.write("list0", Array(names.joined(separator: "\0").utf8) + [0])
        try succeed("autoid-sign", ["minisign", "-s", "m.key", "--files-from", "list"])
        try succeed("minisign", ["-V", "-p", "m.pub", "-m", "f299"])
        let lines = try succeed("autoid-verify", ["minisign", "-p", "m.pub", "--files-from", "list0", "-0"]).stdoutText.split(separator: "\n")
        #expect(lines.count == 300 && lines.allSatisfy { $0.contains(": OK") })
        let operands = try succeed("autoid-verify", ["minisign", "-p", "m.pub"] + names).stdoutText.split(separator: "\n")
        #expect(operands.count == 300 && operands.last?.hasPrefix("f299: OK") == true)
        try directory.write("f7", Array("tampered".utf8))
        try expectVerify(["minisign", "-p", "m.pub", "--files-from", "list"], status: 1, contains: "f7: FAILED")
        let quiet = try run("autoid-verify", ["minisign", "-q", "-p", "m.pub", "--files-from", "list"])
        #expect(quiet.status == 1 && quiet.stdout.isEmpty)
    }

    /// `SHA256 (NAME) = HEX` lines, as OpenBSD's sha256 writes them (from coreutils' sha256sum).
    func checksumList(_ names: [String]) throws -> String {
        var text = ""
        for name in names {
            let sum = try ToolRunner.run("sha256sum", [name], in: directory.path).stdoutText.split(separator: " ")[0]
            text += "SHA256 (\(name)) = \(sum)\n"
        }
        return text
    }

    @Test(
        "minisign -V compatibility: -o writes the verified content, -Q only the trusted comment, -q nothing; byte for byte as the real minisign",
        .enabled(if: haveMinisign, "minisign is not installed (apt-get install minisign)"))
    func minisignOutputFlags() throws {
        try succeed("minisign", ["-G", "-W", "-p", "m.pub", "-s", "m.key"])
        try succeed("minisign", ["-S", "-s", "m.key", "-m", "a.txt", "b.bin"])  // prehashed (ED), default trusted comments with tabs
        try directory.write("c.txt", Array("legacy\n".utf8))
        try succeed("minisign", ["-S", "-l", "-s", "m.key", "-m", "c.txt", "-t", "a legacy signature"])
        for file in ["a.txt", "b.bin", "c.txt"] {
            let theirs = try succeed("minisign", ["-V", "-p", "m.pub", "-m", file, "-o"])
            let ours = try succeed("autoid-verify", ["minisign", "-p", "m.pub", "-o", file])
            #expect(ours.stdout == theirs.stdout, "\(file): -o")
            #expect(ours.stdout == (try directory.read(file)))
            #expect(ours.stderrText.hasPrefix("\(file): OK (trusted comment: "))

            let theirsQ = try succeed("minisign", ["-V", "-p", "m.pub", "-m", file, "-Q"])
            let oursQ = try succeed("autoid-verify", ["minisign", "-p", "m.pub", "-Q", file])
            #expect(oursQ.stdout == theirsQ.stdout, "\(file): -Q \(oursQ.stdoutText) vs \(theirsQ.stdoutText)")
            #expect(oursQ.stderr.isEmpty)

            let theirsOQ = try succeed("minisign", ["-V", "-p", "m.pub", "-m", file, "-o", "-Q"])
            let oursOQ = try succeed("autoid-verify", ["minisign", "-p", "m.pub", "-o", "-Q", file])
            #expect(oursOQ.stdout == theirsOQ.stdout, "\(file): -o -Q")
            #expect(oursOQ.stderr == theirsOQ.stderr, "\(file): -o -Q, the comment on standard error")

            let theirsQuiet = try succeed("minisign", ["-V", "-p", "m.pub", "-m", file, "-q"])
            let oursQuiet = try succeed("autoid-verify", ["minisign", "-p", "m.pub", "-q", file])
            #expect(oursQuiet.stdout == theirsQuiet.stdout && oursQuiet.stdout.isEmpty)
        }
        // Several files with -Q: one comment per verified file, as minisign gives them one at a time.
        let both = try succeed("autoid-verify", ["minisign", "-p", "m.pub", "-Q", "a.txt", "b.bin"])
        let one = try succeed("minisign", ["-V", "-p", "m.pub", "-m", "a.txt", "-Q"]).stdout
        let other = try succeed("minisign", ["-V", "-p", "m.pub", "-m", "b.bin", "-Q"]).stdout
        #expect(both.stdout == one + other)

        // Tampered content: nothing on standard output, with -o or -Q, and the failure on standard error.
        try directory.write("b.bin", Array("changed".utf8))
        for flags in [["-o"], ["-Q"], ["-o", "-Q"]] {
            let theirs = try run("minisign", ["-V", "-p", "m.pub", "-m", "b.bin"] + flags)
            let ours = try run("autoid-verify", ["minisign", "-p", "m.pub"] + flags + ["b.bin"])
            #expect(theirs.status == 1 && ours.status == 1, "\(flags)")
            #expect(ours.stdout.isEmpty && theirs.stdout.isEmpty, "\(flags)")
            #expect(ours.stderrText.contains("b.bin: FAILED"), "\(flags): \(ours.stderrText)")
        }
        // Another key: untrusted (2), nothing written.
        try succeed("minisign", ["-G", "-W", "-p", "other.pub", "-s", "other.key"])
        let untrusted = try run("autoid-verify", ["minisign", "-p", "other.pub", "-o", "a.txt"])
        #expect(untrusted.status == 2)
        #expect(untrusted.stdout.isEmpty)

        // Usage: -o takes one file, not standard input, not with --json; -Q not with --json or -q.
        try expectFailure("autoid-verify", ["minisign", "-p", "m.pub", "-o", "a.txt", "c.txt"], status: 64, message: "exactly one FILE")
        try expectFailure("autoid-verify", ["minisign", "-p", "m.pub", "-o", "-x", "a.txt.minisig", "-"], status: 64, message: "standard input")
        try expectFailure("autoid-verify", ["minisign", "-p", "m.pub", "-o", "--json", "a.txt"], status: 64, message: "--json")
        try expectFailure("autoid-verify", ["minisign", "-p", "m.pub", "-Q", "--json", "a.txt"], status: 64, message: "-Q")
        try expectFailure("autoid-verify", ["minisign", "-p", "m.pub", "-Q", "-q", "a.txt"], status: 64, message: "-Q")
    }
}
