import AutoIDFiles
import AutoIDHashing
import AutoIDJSON
import AutoIDManifest
import AutoIDSigning
import AutoIDTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The defects of issue 12 ("safe by default"), each through the real tools: outputs that destroyed
/// things, subject names that chose what the verifier read, a crash, wrong verdicts, files that changed
/// while signed, and messages that leaked internals.
@Suite("Safe by default, end to end")
struct SafetyEndToEndTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
        try #require(try run("autoid-sign", ["keygen"]).status == 0)
        try directory.write("doc", Array("content\n".utf8))
    }

    func run(_ tool: String, _ arguments: [String], stdin: [UInt8]? = nil) throws -> ToolResult {
        try ToolRunner.run(tool, arguments, in: directory.path, stdinBytes: stdin)
    }

    /// The exit code, exactly one stderr line starting with the tool's name and holding `message`, and an
    /// empty stdout.
    func expectFailure(_ tool: String, _ arguments: [String], status: Int32, message: String, stdin: [UInt8]? = nil) throws {
        let result = try run(tool, arguments, stdin: stdin)
        #expect(result.status == status, "\(arguments): \(result.stderrText)")
        #expect(result.stderrText.split(separator: "\n").count == 1, "\(arguments): \(result.stderrText)")
        #expect(result.stderrText.hasPrefix("\(tool): "))
        #expect(result.stderrText.contains(message), "\(arguments): \(result.stderrText)")
        #expect(result.stdout.isEmpty)
    }

    func fileType(_ name: String) -> mode_t {
        var info = stat()
        return lstat(directory.file(name), &info) == 0 ? info.st_mode & S_IFMT : 0
    }

    func mode(_ name: String) -> mode_t {
        var info = stat()
        return stat(directory.file(name), &info) == 0 ? info.st_mode & 0o7777 : 0
    }

    /// A signed envelope whose statement lists `subjects` (name and the file whose content it records),
    /// made with the library, since no command line can carry a NUL byte or sign `/dev/zero`.
    func envelope(_ subjects: [(name: String, content: String)]) throws -> [UInt8] {
        let key = try KeyFile.loadPrivateKey(path: directory.file("autoid.key"))
        let inputs = subjects.map { ContentSigner.Input(name: $0.name, source: .file(.init(directory.file($0.content)))) }
        let statement = try ContentSigner.statement(
            for: inputs, algorithms: [.sha256], predicate: ContentPredicate.make(created: "2026-01-01T00:00:00Z", tool: "test"))
        return ContentSigner.envelope(for: statement, signedBy: key).jsonBytes()
    }

    // MARK: 1. -o destroys things

    @Test func outputThatIsTheKeyOrAnInputIsRefused() throws {
        let key = try directory.read("autoid.key")
        try expectFailure("autoid-sign", ["-k", "autoid.key", "-o", "autoid.key", "doc"], status: 64, message: "autoid.key: cannot write: it is also an input")
        try expectFailure("autoid-sign", ["-k", "autoid.key", "-o", "./doc", "doc"], status: 64, message: "it is the same file as the input 'doc'")
        try expectFailure(
            "autoid-sign", ["-k", "autoid.key", "-o", directory.file("doc"), "--force", "doc"], status: 64, message: "the same file as the input 'doc'")
        try FileManager.default.createSymbolicLink(atPath: directory.file("link"), withDestinationPath: "doc")
        try expectFailure("autoid-sign", ["-k", "autoid.key", "-o", "link", "--force", "doc"], status: 64, message: "the same file as the input 'doc'")
        try FileManager.default.createSymbolicLink(atPath: directory.file("keylink"), withDestinationPath: "autoid.key")
        try expectFailure(
            "autoid-sign", ["-k", "autoid.key", "-o", "keylink", "--force", "doc"], status: 64, message: "the same file as the input 'autoid.key'")
        #expect(try directory.read("autoid.key") == key)
        #expect(try directory.read("doc") == Array("content\n".utf8))
        #expect(fileType("link") == S_IFLNK)
        #expect(try directory.contents() == ["autoid.key", "autoid.pub", "doc", "keylink", "link"])
    }

    @Test func existingOutputNeedsForceAndKeepsItsMode() throws {
        try #require(try run("autoid-sign", ["-k", "autoid.key", "-o", "out.json", "doc"]).status == 0)
        #expect(chmod(directory.file("out.json"), 0o600) == 0)
        let before = try directory.read("out.json")
        try expectFailure(
            "autoid-sign", ["-k", "autoid.key", "-o", "out.json", "doc"], status: 64,
            message: "out.json: cannot write: already exists; pass --force to replace it")
        #expect(try directory.read("out.json") == before)
        try directory.write("doc", Array("changed\n".utf8))
        let forced = try run("autoid-sign", ["-k", "autoid.key", "-o", "out.json", "--force", "doc"])
        #expect(forced.status == 0, "\(forced.stderrText)")
        #expect(try directory.read("out.json") != before)
        #expect(mode("out.json") == 0o600)
        // A link to a regular file stays a link; the file it names is replaced.
        try FileManager.default.createSymbolicLink(atPath: directory.file("latest"), withDestinationPath: "out.json")
        #expect(try run("autoid-sign", ["-k", "autoid.key", "-o", "latest", "--force", "doc"]).status == 0)
        #expect(fileType("latest") == S_IFLNK)
        #expect(try directory.contents() == ["autoid.key", "autoid.pub", "doc", "latest", "out.json"])
    }

    @Test func specialOutputsAreWrittenIntoNotReplaced() throws {
        let null = try run("autoid-sign", ["-k", "autoid.key", "-o", "/dev/null", "doc"])
        #expect(null.status == 0, "\(null.stderrText)")
        var info = stat()
        #expect(stat("/dev/null", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)
        for name in ["-", "/dev/stdout"] {
            let result = try run("autoid-sign", ["-k", "autoid.key", "-o", name, "doc"])
            #expect(result.status == 0, "\(name): \(result.stderrText)")
            #expect(result.stdoutText.hasPrefix("{\"payload\""), "\(name)")
        }
        // A FIFO: opened for reading (without blocking) before the tool writes into it.
        #expect(mkfifo(directory.file("fifo"), 0o644) == 0)
        let reader = open(directory.file("fifo"), O_RDONLY | O_NONBLOCK)
        try #require(reader >= 0)
        defer { close(reader) }
        let result = try run("autoid-sign", ["-k", "autoid.key", "-o", "fifo", "doc"])
        #expect(result.status == 0, "\(result.stderrText)")
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = read(reader, &buffer, buffer.count)
        #expect(count > 0 && String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self).hasPrefix("{\"payload\""))
        #expect(fileType("fifo") == S_IFIFO)
        #expect(try directory.contents() == ["autoid.key", "autoid.pub", "doc", "fifo"])
    }

    @Test func outputIntoAMissingDirectorySaysWhichDirectory() throws {
        try expectFailure("autoid-sign", ["-k", "autoid.key", "-o", "nodir/out.json", "doc"], status: 4, message: "the directory 'nodir' does not exist")
        #expect(try directory.contents() == ["autoid.key", "autoid.pub", "doc"])
    }

    @Test func everyOutputOptionUsesTheSameRules() throws {
        // issue: the output is refused when it is the signing key, and when it exists without --force.
        try expectFailure(
            "autoid-sign", ["issue", "-k", "autoid.key", "--cn", "Lab", "--kind", "organisation", "-o", "autoid.key", "--force"],
            status: 64, message: "autoid.key: cannot write: it is also an input")
        #expect(try run("autoid-sign", ["issue", "-k", "autoid.key", "--cn", "Lab", "--kind", "organisation", "-o", "lab.pem"]).status == 0)
        // revoke and attest: an existing output needs --force; the key is never replaced.
        try directory.write("lab.crl", Array("old".utf8))
        try expectFailure(
            "autoid-sign", ["revoke", "-k", "autoid.key", "--issuer", "lab.pem", "--serial", "01", "-o", "lab.crl"],
            status: 64, message: "lab.crl: cannot write: already exists; pass --force")
        try expectFailure(
            "autoid-sign", ["revoke", "-k", "autoid.key", "--issuer", "lab.pem", "--serial", "01", "-o", "lab.pem", "--force"],
            status: 64, message: "lab.pem: cannot write: it is also an input")
        #expect(try run("autoid-sign", ["revoke", "-k", "autoid.key", "--issuer", "lab.pem", "--serial", "01", "-o", "lab.crl", "--force"]).status == 0)
        try expectFailure(
            "autoid-sign",
            ["attest", "-k", "autoid.key", "--attester", "lab.pem", "--subject", "lab.pem", "--factor", "peer:met", "-o", "autoid.key", "--force"],
            status: 64, message: "autoid.key: cannot write: it is also an input")
        // state-audit --junit: refused over an existing file and over its own input.
        try directory.write("headers.json", Array("[]".utf8))
        try directory.write("report.xml", Array("old".utf8))
        try expectFailure("state-audit", ["headers", "headers.json", "--junit", "report.xml"], status: 64, message: "report.xml: cannot write: already exists")
        try expectFailure("state-audit", ["headers", "headers.json", "--junit", "headers.json", "--force"], status: 64, message: "it is also an input")
        #expect(try directory.read("headers.json") == Array("[]".utf8))
    }

    @Test func keygenOverAnExistingKeyIsAUsageError() throws {
        try expectFailure("autoid-sign", ["keygen"], status: 64, message: "autoid.key: cannot write: already exists; pass --force to replace it")
    }

    // MARK: 2. Verification reads what the signer chose

    @Test func hostileSubjectNamesAreRefusedNotRead() throws {
        try FileManager.default.createDirectory(atPath: directory.file("base/sub"), withIntermediateDirectories: true)
        try directory.write("base/sub/ok", Array("ok\n".utf8))
        try FileManager.default.createSymbolicLink(atPath: directory.file("base/escape"), withDestinationPath: "../doc")
        try FileManager.default.createSymbolicLink(atPath: directory.file("base/inside"), withDestinationPath: "sub/ok")
        try FileManager.default.createSymbolicLink(atPath: directory.file("base/zero"), withDestinationPath: "/dev/zero")
        let bytes = try envelope([
            ("sub/ok", "base/sub/ok"), ("inside", "base/sub/ok"), ("sub/ok\u{0}evil", "doc"), ("/etc/hostname", "doc"),
            ("../doc", "doc"), ("escape", "doc"), ("zero", "doc"), ("sub", "doc"),
        ])
        try directory.write("e.json", bytes)
        let result = try run("autoid-verify", ["-k", "autoid.pub", "--base-dir", "base", "e.json"])
        #expect(result.status == 3, "\(result.stderrText)")
        #expect(
            result.stdoutText == """
                sub/ok: OK
                inside: OK
                sub/ok\\x00evil: REFUSED (the name contains a NUL byte)
                /etc/hostname: REFUSED (an absolute name; pass --allow-outside-paths to read it)
                ../doc: REFUSED (a '..' component; pass --allow-outside-paths to read it)
                escape: REFUSED (a symbolic link leads outside the base directory; pass --allow-outside-paths to read it)
                zero: REFUSED (a symbolic link leads outside the base directory; pass --allow-outside-paths to read it)
                sub: REFUSED (not a regular file (a directory, device, FIFO or socket is never read as a subject))

                """)
        let json = try JSONParser.parse(try run("autoid-verify", ["-k", "autoid.pub", "--base-dir", "base", "--json", "e.json"]).stdout)
        let statuses = json["subjects"]?.arrayValue?.compactMap { $0["status"]?.stringValue }
        #expect(statuses == ["ok", "ok", "refused", "refused", "refused", "refused", "refused", "refused"])
        // The opt-out reads outside the base directory, but never a device: /dev/zero does not hang it.
        let outside = try run("autoid-verify", ["-k", "autoid.pub", "--base-dir", "base", "--allow-outside-paths", "e.json", "../doc", "escape", "zero"])
        #expect(outside.status == 3, "\(outside.stderrText)")
        #expect(
            outside.stdoutText == """
                ../doc: OK
                escape: OK
                zero: REFUSED (not a regular file (a directory, device, FIFO or socket is never read as a subject))

                """)
    }

    @Test func namesWithLineBreaksCannotForgeResults() throws {
        try directory.write("e.json", try envelope([("missing\nevil.bin: OK", "doc"), ("\u{1b}[31mred", "doc")]))
        let result = try run("autoid-verify", ["-k", "autoid.pub", "e.json"])
        #expect(result.status == 4)
        #expect(
            result.stdoutText
                == "missing\\nevil.bin: OK: MISSING (missing\\nevil.bin: OK: cannot open: no such file)\n\\e[31mred: MISSING (\\e[31mred: cannot open: no such file)\n"
        )
    }

    @Test func checksumListNamesAreEscaped() throws {
        let digest = Hex.encode(try ContentDigester.digest(.file(.init(directory.file("doc"))), algorithms: [.blake3]).digests[.blake3]!)
        try directory.write("list", Array("\(digest)  \u{1b}]0;title\u{7}\n".utf8))
        let result = try run("autoid-sign", ["hash", "-c", "list"])
        #expect(result.status == 4)
        #expect(result.stdoutText == "\\\\e]0;title\\x07: FAILED open or read\n")
        #expect(result.stderrText == "autoid-sign: \\e]0;title\\x07: cannot open: no such file\nautoid-sign: WARNING: 1 listed file could not be read\n")
    }

    // MARK: 3. A crash

    @Test func storageKeysTooLongForATrieAreMalformedInputNotACrash() throws {
        let key = "0x" + String(repeating: "ab", count: 32768)
        try directory.write("big.json", Array("{\"\(key)\": \"0x01\", \"0x01\": \"0x02\"}".utf8))
        try directory.write("small.json", Array("{\"0x01\": \"0x02\"}".utf8))
        try directory.write(
            "spec.json",
            Array(
                "{\"name\": \"x\", \"id\": \"x\", \"genesis\": {\"raw\": {\"top\": {\"0x01\": \"0x02\"}, \"childrenDefault\": {\"0x0102\": {\"\(key)\": \"0x01\"}}}}}"
                    .utf8))
        let message = "a storage key is 32768 bytes"
        try expectFailure("state-audit", ["snapshot", "big.json", "--state-version", "1"], status: 3, message: "big.json: \(message)")
        try expectFailure("state-audit", ["snapshot", "small.json", "--state-version", "1", "--against", "big.json"], status: 3, message: message)
        try expectFailure("state-audit", ["registry", "big.json", "--state-version", "1"], status: 3, message: message)
        try expectFailure("state-audit", ["chain-spec", "spec.json", "--state-version", "1"], status: 3, message: "spec.json: child trie 0x0102: \(message)")
        // The longest key a trie can hold still works.
        let longest = "0x" + String(repeating: "ab", count: 32767)
        try directory.write("longest.json", Array("{\"\(longest)\": \"0x01\", \"0x01\": \"0x02\"}".utf8))
        #expect(try run("state-audit", ["snapshot", "longest.json", "--state-version", "1"]).status == 0)
    }

    // MARK: 4. Wrong verdicts

    @Test func noHeadersCannotMatchAnExpectedLastHash() throws {
        let hash = "0x" + String(repeating: "ab", count: 32)
        for (name, content) in [("empty", ""), ("array.json", "[]")] {
            try directory.write(name, Array(content.utf8))
            let result = try run("state-audit", ["headers", name, "--expect-last", hash])
            #expect(result.status == 1, "\(name): \(result.stdoutText) \(result.stderrText)")
            #expect(result.stdoutText.contains("the input holds no headers"))
            let json = try JSONParser.parse(try run("state-audit", ["headers", name, "--expect-last", hash, "--json"]).stdout)
            #expect(json["ok"] == .bool(false))
        }
    }

    @Test func checksumListsWithoutChecksumsFail() throws {
        for (name, content) in [("empty", ""), ("blank", "\n\n  \n")] {
            try directory.write(name, Array(content.utf8))
            try expectFailure("autoid-sign", ["hash", "-c", name], status: 3, message: "\(name): no properly formatted checksum lines found")
        }
        try expectFailure("autoid-sign", ["hash", "-c", "-"], status: 3, message: "standard input: no properly formatted checksum lines found", stdin: [])
    }

    @Test func duplicateAndEmptySubjectNamesAreMalformed() throws {
        try directory.write("twice.json", try envelope([("doc", "doc"), ("doc", "doc")]))
        try expectFailure("autoid-verify", ["-k", "autoid.pub", "twice.json"], status: 3, message: "payload.subject[1].name: the subject name is listed twice")
        try directory.write("empty.json", try envelope([("", "doc")]))
        try expectFailure("autoid-verify", ["-k", "autoid.pub", "empty.json"], status: 3, message: "payload.subject[0].name: the subject name is empty")
    }

    // MARK: 5. A file that changes while it is signed

    @Test func aFileGrowingWhileSignedFails() throws {
        try directory.write("growing", [UInt8](repeating: 0x61, count: 48 << 20))
        // A writer appending as fast as it can while the signer runs, started with a clean signal mask
        // (the test runner's threads block signals, which a child would inherit) and killed after.
        let script = "while :; do printf 0123456789abcdef >> '\(directory.file("growing"))'; done"
        let words: [String] = ["/bin/sh", "-c", script]
        let argv = words.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        var writer = pid_t()
        try #require(posix_spawn(&writer, "/bin/sh", nil, &attributes, argv, environ) == 0 && writer > 0)
        defer {
            kill(writer, SIGKILL)  // this writer only, by its id
            var status: Int32 = 0
            while waitpid(writer, &status, 0) < 0 && errno == EINTR {}
        }
        Thread.sleep(forTimeInterval: 0.05)
        try expectFailure(
            "autoid-sign", ["-k", "autoid.key", "-o", "out.json", "growing"], status: 4,
            message: "growing: cannot read: the file changed while it was being read")
        #expect(!FileManager.default.fileExists(atPath: directory.file("out.json")))
    }

    // MARK: 6. Messages that leak internals

    @Test func messagesAreOurOwn() throws {
        try directory.write("bad.json", Array("{\"0xzz\": \"0x01\"}".utf8))
        let state = try run("state-audit", ["snapshot", "bad.json", "--state-version", "1"])
        #expect(state.status == 3)
        #expect(!state.stderrText.contains("invalidInput"), "\(state.stderrText)")
        #expect(state.stderrText.hasPrefix("state-audit: bad.json: $: key \"0xzz\" is not hex"), "\(state.stderrText)")
        try directory.write("dup.json", Array("{\"payload\": \"\", \"payload\": \"\"}".utf8))
        let duplicate = try run("autoid-verify", ["-k", "autoid.pub", "dup.json"])
        #expect(duplicate.status == 3)
        #expect(duplicate.stderrText.contains("duplicate key") && !duplicate.stderrText.contains("truncated"), "\(duplicate.stderrText)")
        try directory.write("cut.json", Array("{\"payload\": \"".utf8))
        try expectFailure("autoid-verify", ["-k", "autoid.pub", "cut.json"], status: 3, message: "(the file ends too early: truncated?)")
    }

    @Test func usageErrorsAreOneLine() throws {
        try expectFailure(
            "autoid-sign", ["-k", "autoid.key"], status: 64,
            message: "autoid-sign: Name at least one file to sign (- for standard input). (see 'autoid-sign sign --help')")
        try expectFailure("autoid-sign", ["-k", "autoid.key", "doc", "doc"], status: 64, message: "'doc' is named twice")
        try expectFailure("autoid-verify", ["-k", "autoid.pub", "--json", "--quiet", "x.json"], status: 64, message: "--json and --quiet exclude each other")
        try expectFailure("state-audit", ["headers"], status: 64, message: "state-audit: Missing expected argument")
        let help = try run("autoid-sign", ["--help"])
        #expect(help.status == 0 && help.stdoutText.contains("USAGE:"))
    }

    @Test func keyMessagesAreOurOwnAndExplanatoryTextIsSkipped() throws {
        let pem = try directory.read("autoid.key")
        try directory.write("text.key", Array("Ed25519 key made for the tests\nPrivate-Key: (256 bit)\n".utf8) + pem)
        let signed = try run("autoid-sign", ["-k", "text.key", "doc"])
        #expect(signed.status == 0, "\(signed.stderrText)")
        let publicPEM = try directory.read("autoid.pub")
        try directory.write("text.pub", Array("written by openssl pkey -text\n".utf8) + publicPEM)
        try directory.write("e.json", signed.stdout)
        #expect(try run("autoid-verify", ["-k", "text.pub", "e.json"]).status == 0)
        // Truncated DER: our words, not swift-asn1's type names and source lines.
        try directory.write("cut.der", [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05])
        try expectFailure(
            "autoid-sign", ["-k", "cut.der", "doc"], status: 3,
            message: "cut.der: not a valid PKCS#8 private key (the DER ends in the middle of a field, so it is truncated)")
        try expectFailure(
            "autoid-verify", ["-k", "cut.der", "e.json"], status: 3,
            message: "cut.der: not a valid SubjectPublicKeyInfo (the DER ends in the middle of a field, so it is truncated)")
        let cut = try run("autoid-sign", ["-k", "cut.der", "doc"])
        #expect(!cut.stderrText.contains("ASN1") && !cut.stderrText.contains(".swift"))
    }

    // MARK: 7. Shell habits

    @Test func checkSummarisesLikeSha256sumAndTakesItsFlags() throws {
        try directory.write("other", Array("other\n".utf8))
        let sums = try run("autoid-sign", ["hash", "doc", "other"]).stdoutText
        try directory.write("other", Array("changed\n".utf8))
        try directory.write("list", Array((sums + String(repeating: "0", count: 64) + "  gone\n").utf8))
        let checked = try run("autoid-sign", ["hash", "-c", "list"])
        #expect(checked.status == 1)
        #expect(checked.stdoutText == "doc: OK\nother: FAILED\ngone: FAILED open or read\n")
        #expect(
            checked.stderrText.hasSuffix("autoid-sign: WARNING: 1 computed checksum did NOT match\nautoid-sign: WARNING: 1 listed file could not be read\n"))
        let quiet = try run("autoid-sign", ["hash", "-c", "--status", "list"])
        #expect(quiet.status == 1 && quiet.stdout.isEmpty && quiet.stderr.isEmpty)
        let ignoring = try run("autoid-sign", ["hash", "-c", "--ignore-missing", "list"])
        #expect(ignoring.status == 1)
        #expect(ignoring.stdoutText == "doc: OK\nother: FAILED\n")
        try directory.write("gone-only", Array((String(repeating: "0", count: 64) + "  gone\n").utf8))
        try expectFailure("autoid-sign", ["hash", "-c", "--ignore-missing", "gone-only"], status: 1, message: "gone-only: no file was verified")
        try expectFailure("autoid-sign", ["hash", "--status", "doc"], status: 64, message: "--status and --ignore-missing go with --check")
    }

    @Test(.enabled(if: ToolRunner.isAvailable("b3sum")))
    func escapedNamesRoundTripThroughRealB3sumAndSha256sum() throws {
        for name in ["cr\rname", "back\\slash", "new\nline"] {
            try directory.write(name, Array("x\n".utf8))
        }
        let names = ["cr\rname", "back\\slash", "new\nline"]
        for (ours, peer) in [("blake3", "b3sum"), ("sha256", "sha256sum")] where ToolRunner.isAvailable(peer) {
            let sums = try run("autoid-sign", ["hash", "-a", ours, "--"] + names)
            try #require(sums.status == 0)
            try directory.write("\(ours).sums", sums.stdout)
            let check = try ToolRunner.run(peer, ["--check", "\(ours).sums"], in: directory.path)
            #expect(check.status == 0, "\(peer): \(check.stdoutText) \(check.stderrText)")
            #expect(try run("autoid-sign", ["hash", "-a", ours, "-c", "\(ours).sums"]).status == 0)
        }
    }

    /// Creates the empty file `folder/NAME`, NAME being raw bytes (Foundation's paths are Strings).
    func create(in folder: String, _ name: [UInt8]) throws {
        let path = Array(directory.file(folder).utf8) + [UInt8(ascii: "/")] + name + [0]
        let descriptor = path.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY | O_EXCL, 0o600) }
        }
        try #require(descriptor >= 0)
        close(descriptor)
    }

    /// A directory entry whose name is not UTF-8 is refused by name (exit 3, its bytes escaped), where
    /// repairing it (U+FFFD) named another file: "cannot inspect: no such file". Nothing is written.
    @Test func aNameThatIsNotUTF8IsRefusedNotRepaired() throws {
        try FileManager.default.createDirectory(atPath: directory.file("site"), withIntermediateDirectories: true)
        try directory.write("site/fine.txt", Array("fine\n".utf8))
        try create(in: "site", Array("bad".utf8) + [0xff] + Array(".txt".utf8))
        try expectFailure(
            "autoid-sign", ["-k", "autoid.key", "-o", "site.dsse.json", "site"], status: 3,
            message: "site: cannot sign: it holds a name that is not UTF-8: 'bad\\xff.txt' (rename it with a UTF-8 name)")
        #expect(!FileManager.default.fileExists(atPath: directory.file("site.dsse.json")))
        try #require(try run("autoid-sign", ["-k", "autoid.key", "-o", "doc.dsse.json", "doc"]).status == 0)
        try expectFailure(
            "provenance-bundle", ["create", "-o", "site.tar", "doc.dsse.json", "--content", "doc", "--content", "site"], status: 3,
            message: "site: cannot bundle: it holds a name that is not UTF-8: 'bad\\xff.txt'")
        #expect(!FileManager.default.fileExists(atPath: directory.file("site.tar")))
        // A trust-root folder ignores files that are not certificates, whatever their names, and refuses
        // a certificate's name that is not UTF-8.
        try FileManager.default.createDirectory(atPath: directory.file("roots"), withIntermediateDirectories: true)
        try directory.write("roots/readme", Array("not a certificate\n".utf8))
        try create(in: "roots", [0xfe] + Array("notes".utf8))
        #expect(try run("autoid-verify", ["--trust", "roots", "doc.dsse.json"]).stderrText.contains("not UTF-8") == false)
        try create(in: "roots", Array("root".utf8) + [0xfe] + Array(".pem".utf8))
        try expectFailure(
            "autoid-verify", ["--trust", "roots", "doc.dsse.json"], status: 3, message: "roots: cannot list: it holds a name that is not UTF-8: 'root\\xfe.pem'"
        )
    }

    /// A name that is not UTF-8 on the command line or in a --files-from list is refused (usage, 64;
    /// malformed list, 3) with its bytes escaped, not repaired into the name of another file.
    @Test func anArgumentOrListedNameThatIsNotUTF8IsRefused() throws {
        try create(in: ".", Array("bad".utf8) + [0xfe] + Array(".txt".utf8))
        // Through a shell, since the test's own process arguments are Strings.
        let hashed = try ToolRunner.run(
            "/bin/sh", ["-c", #"exec "$0" hash "$(printf 'bad\376.txt')""#, ToolRunner.path(of: "autoid-sign")], in: directory.path)
        #expect(hashed.status == 64)
        #expect(
            hashed.stderrText
                == "autoid-sign: argument 2 is not UTF-8: 'bad\\xfe.txt'; names are taken as UTF-8 text: rename the file (see 'autoid-sign --help')\n")
        #expect(hashed.stdout.isEmpty)
        try expectFailure(
            "autoid-sign", ["-k", "autoid.key", "-o", "listed.dsse.json", "--files-from", "-"], status: 3,
            message: "standard input: cannot read: name 2 is not UTF-8: 'bad\\xfe.txt'", stdin: Array("doc\nbad".utf8) + [0xfe] + Array(".txt\n".utf8))
        #expect(!FileManager.default.fileExists(atPath: directory.file("listed.dsse.json")))
    }

    /// An envelope piped in cannot have its standard-input subject checked from the same pipe: that
    /// subject is REFUSED (3) with what to do. Before, the pipe's empty remainder was hashed and the
    /// content reported as changed (FAILED, exit 1), a false alarm of tampering.
    @Test func aSubjectCannotComeFromTheStandardInputThatCarriedTheEnvelope() throws {
        let signed = try run("autoid-sign", ["-k", "autoid.key", "-"], stdin: Array("streamed\n".utf8))
        try #require(signed.status == 0)
        let piped = try run("autoid-verify", ["-k", "autoid.pub", "-"], stdin: signed.stdout)
        #expect(piped.status == 3, "\(piped.stdoutText)")
        #expect(
            piped.stdoutText
                == "-: REFUSED (standard input carried the envelope, so it cannot carry this content too; give the envelope as a file and the content on standard input)\n"
        )
        try directory.write("streamed.dsse.json", signed.stdout)
        let separate = try run("autoid-verify", ["-k", "autoid.pub", "streamed.dsse.json"], stdin: Array("streamed\n".utf8))
        #expect(separate.status == 0 && separate.stdoutText == "-: OK\n", "\(separate.stdoutText)")
    }
}
