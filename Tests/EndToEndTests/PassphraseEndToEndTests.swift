import AutoIDTestSupport
import Foundation
import Testing

/// Passphrase-protected keys through the real tools: the three passphrase sources, the errors, and no
/// plaintext key on disk. These run the production key derivation (scrypt, about a quarter of a second per
/// key operation), so each test keeps its number of key operations small.
@Suite("Passphrase-protected keys, end to end")
struct PassphraseEndToEndTests {
    static let passphrase = "tr0ub4dor &3"
    let directory: TemporaryDirectory

    /// A directory with an encrypted key pair made by `keygen --passphrase-env`, and a file to sign.
    init() throws {
        directory = try TemporaryDirectory()
        let keygen = try run("autoid-sign", ["keygen", "--passphrase-env", "AUTOID_TEST_PASSPHRASE"], environment: ["AUTOID_TEST_PASSPHRASE": Self.passphrase])
        try #require(keygen.status == 0, "\(keygen.stderrText)")
        try directory.write("doc", Array("signed with a protected key\n".utf8))
    }

    func run(
        _ tool: String, _ arguments: [String], stdin: [UInt8]? = nil, environment: [String: String] = [:],
        inheritedInputs: [Int32: [UInt8]] = [:]
    ) throws -> ToolResult {
        try ToolRunner.run(tool, arguments, in: directory.path, stdinBytes: stdin, environment: environment, inheritedInputs: inheritedInputs)
    }

    /// Runs and checks the exit code, one stderr line containing `message` (for a command-line mistake the
    /// argument parser's usage text follows), and an empty stdout.
    func expectFailure(
        _ arguments: [String], status: Int32, message: String, environment: [String: String] = [:],
        inheritedInputs: [Int32: [UInt8]] = [:], usageText: Bool = false
    ) throws {
        let result = try run("autoid-sign", arguments, environment: environment, inheritedInputs: inheritedInputs)
        #expect(result.status == status, "\(arguments): \(result.stderrText)")
        #expect(usageText || result.stderrText.split(separator: "\n").count == 1, "\(arguments): \(result.stderrText)")
        #expect(result.stderrText.contains(message), "\(arguments): \(result.stderrText)")
        #expect(result.stdout.isEmpty)
    }

    func verify(_ envelope: String) throws {
        let verified = try run("autoid-verify", ["-k", "autoid.pub", envelope])
        #expect(verified.status == 0, "\(verified.stderrText)")
        #expect(verified.stdoutText == "doc: OK\n")
    }

    @Test func keygenWritesOnlyAnEncryptedKey() throws {
        #expect(try directory.contents() == ["autoid.key", "autoid.pub", "doc"])
        let text = String(decoding: try directory.read("autoid.key"), as: UTF8.self)
        #expect(text.hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"))
        #expect(!text.contains("BEGIN PRIVATE KEY"))
        let mode = try FileManager.default.attributesOfItem(atPath: directory.file("autoid.key"))[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func theThreeSourcesSign() throws {
        try directory.write("pass.txt", Array((Self.passphrase + "\nsecond line is ignored\n").utf8))
        let fromFile = try run("autoid-sign", ["-k", "autoid.key", "--passphrase-file", "pass.txt", "-o", "file.json", "doc"])
        #expect(fromFile.status == 0, "\(fromFile.stderrText)")
        try verify("file.json")

        let fromFD = try run(
            "autoid-sign", ["-k", "autoid.key", "--passphrase-fd", "3", "-o", "fd.json", "doc"],
            inheritedInputs: [3: Array((Self.passphrase + "\n").utf8)])
        #expect(fromFD.status == 0, "\(fromFD.stderrText)")
        try verify("fd.json")

        let fromEnv = try run(
            "autoid-sign", ["sign", "-k", "autoid.key", "--passphrase-env", "SIGNING_PASS", "-o", "env.json", "doc"],
            environment: ["SIGNING_PASS": Self.passphrase])
        #expect(fromEnv.status == 0, "\(fromEnv.stderrText)")
        try verify("env.json")

        // Nothing but the envelopes was added: no decrypted key anywhere.
        #expect(try directory.contents() == ["autoid.key", "autoid.pub", "doc", "env.json", "fd.json", "file.json", "pass.txt"])
    }

    /// A pipe its writer made non-blocking, with the passphrase arriving a little after the tool starts:
    /// the tool waits for the line (a read there fails with EAGAIN until then).
    @Test func aNonBlockingPipeIsWaitedOn() throws {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        defer { close(ends[0]) }
        try #require(fcntl(ends[0], F_SETFL, fcntl(ends[0], F_GETFL) | O_NONBLOCK) == 0)
        let writer = ends[1]
        let line = Array((Self.passphrase + "\n").utf8)
        let wrote = Thread {
            usleep(300_000)
            _ = line.withUnsafeBytes { write(writer, $0.baseAddress, $0.count) }
            close(writer)
        }
        wrote.start()
        let signed = try ToolRunner.run(
            "autoid-sign", ["-k", "autoid.key", "--passphrase-fd", "5", "-o", "pipe.json", "doc"], in: directory.path,
            inheritedDescriptors: [5: ends[0]])
        #expect(signed.status == 0, "\(signed.stderrText)")
        try verify("pipe.json")
    }

    /// A descriptor the test process holds open without close-on-exec is not the child's: naming it
    /// gives the closed-descriptor error, whatever the test runner itself inherited or opened.
    @Test func onlyTheNamedDescriptorsReachTheTool() throws {
        let leaked = open(directory.file("doc"), O_RDONLY)
        try #require(leaked > 2)
        defer { close(leaked) }
        try expectFailure(
            ["-k", "autoid.key", "--passphrase-fd", "\(leaked)", "doc"], status: 64, message: "--passphrase-fd \(leaked): not an open file descriptor")
    }

    @Test func keygenFromStandardInputAndIssueWithAFile() throws {
        let keygen = try run(
            "autoid-sign", ["keygen", "-s", "lab.key", "-p", "lab.pub", "--passphrase-fd", "0"], stdin: Array("lab pass\r\n".utf8))
        #expect(keygen.status == 0, "\(keygen.stderrText)")
        try directory.write("lab.pass", Array("lab pass".utf8))  // no newline at all: still the first line
        let issued = try run(
            "autoid-sign", ["issue", "-k", "lab.key", "--passphrase-file", "lab.pass", "--cn", "Lab", "--kind", "organisation", "-o", "lab.pem"])
        #expect(issued.status == 0, "\(issued.stderrText)")
        #expect(issued.stdoutText.count == 65)
        let shown = try run("autoid-verify", ["identity", "lab.pem", "--trust", "lab.pem"])
        #expect(shown.status == 0, "\(shown.stderrText)")
    }

    @Test(.enabled(if: ToolRunner.isAvailable("openssl"), "openssl is not installed"))
    func opensslOpensTheKeyKeygenWrote() throws {
        let derived = try ToolRunner.run("openssl", ["pkey", "-in", directory.file("autoid.key"), "-passin", "pass:\(Self.passphrase)", "-pubout"])
        #expect(derived.status == 0, "\(derived.stderrText)")
        #expect(derived.stdout == (try directory.read("autoid.pub")))
    }

    @Test func wrongAndMissingPassphrases() throws {
        try expectFailure(
            ["-k", "autoid.key", "--passphrase-env", "P", "doc"], status: 64,
            message: "autoid-sign: autoid.key: wrong passphrase, or the key file is damaged", environment: ["P": "not it"])
        // No source and no terminal (standard input is /dev/null, standard error a file).
        try expectFailure(
            ["-k", "autoid.key", "doc"], status: 64,
            message:
                "autoid.key: this key is passphrase-protected and there is no terminal to ask on; give the passphrase with --passphrase-file FILE, --passphrase-fd N or --passphrase-env NAME"
        )
        try expectFailure(
            ["issue", "-k", "autoid.key", "--cn", "x", "--kind", "human"], status: 64,
            message: "--passphrase-file FILE, --passphrase-fd N or --passphrase-env NAME")
        try expectFailure(
            ["-k", "autoid.key", "--passphrase-env", "UNSET_PASSPHRASE_VARIABLE", "doc"], status: 64,
            message: "the environment variable UNSET_PASSPHRASE_VARIABLE is not set")
        try expectFailure(["-k", "autoid.key", "--passphrase-fd", "7", "doc"], status: 64, message: "--passphrase-fd 7: not an open file descriptor")
        try expectFailure(["-k", "autoid.key", "--passphrase-file", "absent", "doc"], status: 4, message: "absent: cannot open: no such file")
        try directory.write("empty", Array("\n".utf8))
        try expectFailure(["-k", "autoid.key", "--passphrase-file", "empty", "doc"], status: 64, message: "empty: the passphrase is empty")
        #expect(try directory.contents() == ["autoid.key", "autoid.pub", "doc", "empty"])
    }

    @Test func usageErrors() throws {
        try expectFailure(["-k", "autoid.key", "--passphrase-file", "-", "doc"], status: 64, message: "--passphrase-file cannot be -", usageText: true)
        try expectFailure(
            ["-k", "autoid.key", "--passphrase-env", "A", "--passphrase-fd", "3", "doc"], status: 64, message: "Give the passphrase one way", usageText: true)
        try expectFailure(["-k", "autoid.key", "--passphrase-fd", "0", "-"], status: 64, message: "cannot carry the passphrase too", usageText: true)
        try expectFailure(["-k", "autoid.key", "--passphrase-fd", "2", "doc"], status: 64, message: "--passphrase-fd must be", usageText: true)
        try expectFailure(
            ["keygen", "-s", "n.key", "-p", "n.pub", "--no-passphrase", "--passphrase-env", "A"], status: 64, message: "--no-passphrase contradicts",
            usageText: true)
        // keygen --passphrase without a terminal writes nothing.
        try expectFailure(["keygen", "-s", "n.key", "-p", "n.pub", "--passphrase"], status: 64, message: "--passphrase asks on a terminal and there is none")
        #expect(try directory.contents() == ["autoid.key", "autoid.pub", "doc"])
    }

    @Test func plainKeysIgnoreThePassphraseOptions() throws {
        #expect(try run("autoid-sign", ["keygen", "-s", "plain.key", "-p", "plain.pub", "--no-passphrase"]).status == 0)
        #expect(String(decoding: try directory.read("plain.key"), as: UTF8.self).hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        let signed = try run("autoid-sign", ["-k", "plain.key", "--passphrase-env", "UNSET_PASSPHRASE_VARIABLE", "-o", "p.json", "doc"])
        #expect(signed.status == 0, "\(signed.stderrText)")
    }

    // MARK: Asking on the terminal (driven through a pseudo-terminal by Python's pty module)

    /// Runs `autoid-sign` on a new pseudo-terminal, typing `answers` after each prompt; returns what the
    /// terminal showed (prompts and output, never typed text while echo is off) and the exit status.
    func runOnTerminal(_ arguments: [String], answers: [String]) throws -> (screen: String, status: Int32) {
        let driver = """
            import os, pty, select, signal, sys, time
            count = int(sys.argv[1])
            answers = [a.encode() + b"\\n" for a in sys.argv[2:2 + count]]
            directory, command = sys.argv[2 + count], sys.argv[3 + count:]
            pid, fd = pty.fork()
            if pid == 0:
                os.chdir(directory); os.execv(command[0], command)
            screen = b""
            while True:
                ready, _, _ = select.select([fd], [], [], 20)
                if not ready:
                    os.kill(pid, signal.SIGKILL); break
                try: data = os.read(fd, 4096)
                except OSError: break
                if not data: break
                screen += data
                if screen.rstrip().endswith(b":") and answers:
                    time.sleep(0.05); os.write(fd, answers.pop(0))
            _, status = os.waitpid(pid, 0)
            sys.stdout.buffer.write(screen)
            sys.exit(os.waitstatus_to_exitcode(status))
            """
        let script = try directory.write("drive-tty.py", Array(driver.utf8))
        defer { try? FileManager.default.removeItem(atPath: script) }
        let result = try ToolRunner.run(
            "python3", [script, String(answers.count)] + answers + [directory.path, ToolRunner.path(of: "autoid-sign")] + arguments)
        return (result.stdoutText, result.status)
    }

    @Test(.enabled(if: ToolRunner.isAvailable("python3"), "python3 (for a pseudo-terminal) is not installed"))
    func terminalPromptsWithEchoOff() throws {
        let keygen = try runOnTerminal(["keygen", "-s", "tty.key", "-p", "tty.pub", "--passphrase"], answers: ["typed secret", "typed secret"])
        #expect(keygen.status == 0, "\(keygen.screen)")
        #expect(keygen.screen.contains("New passphrase for tty.key: "))
        #expect(keygen.screen.contains("The same passphrase again: "))
        #expect(!keygen.screen.contains("typed secret"))
        #expect(String(decoding: try directory.read("tty.key"), as: UTF8.self).hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"))

        let signed = try runOnTerminal(["-k", "tty.key", "-o", "tty.json", "doc"], answers: ["typed secret"])
        #expect(signed.status == 0, "\(signed.screen)")
        #expect(signed.screen.contains("Passphrase for tty.key: "))
        #expect(!signed.screen.contains("typed secret"))
        let verified = try run("autoid-verify", ["-k", "tty.pub", "tty.json"])
        #expect(verified.status == 0, "\(verified.stderrText)")

        let wrong = try runOnTerminal(["-k", "tty.key", "doc"], answers: ["not the secret"])
        #expect(wrong.status == 64)
        #expect(wrong.screen.contains("tty.key: wrong passphrase, or the key file is damaged"))

        let differing = try runOnTerminal(["keygen", "-s", "two.key", "-p", "two.pub", "--passphrase"], answers: ["one", "two"])
        #expect(differing.status == 64)
        #expect(differing.screen.contains("two.key: the two passphrases differ; nothing was written"))
        #expect(try directory.contents() == ["autoid.key", "autoid.pub", "doc", "tty.json", "tty.key", "tty.pub"])
    }
}
