import AutoIDTestSupport
import Foundation
import Testing

/// The tools as a user runs them: real processes, real files, exit codes and output checked.
@Suite("autoid-sign and autoid-verify, end to end")
struct SignVerifyEndToEndTests {
    /// A working directory with a fresh key pair.
    struct Workspace {
        let directory: TemporaryDirectory

        init() throws {
            directory = try TemporaryDirectory()
            let keygen = try run("autoid-sign", ["keygen"])
            try #require(keygen.status == 0, "\(keygen.stderrText)")
            #expect(keygen.stdoutText.count == 65)  // keyid and newline
        }

        func run(_ tool: String, _ arguments: [String], stdin: [UInt8]? = nil, stdinPath: String? = nil) throws -> ToolResult {
            try ToolRunner.run(tool, arguments, in: directory.path, stdinPath: stdinPath, stdinBytes: stdin)
        }
    }

    @Test func severalFilesRoundTrip() throws {
        let work = try Workspace()
        var random = TestRandom(seed: 9)
        try work.directory.write("a.txt", Array("alpha\n".utf8))
        try work.directory.write("b.bin", random.bytes(3_000_000))
        try work.directory.write("empty", [])
        let signed = try work.run("autoid-sign", ["--key", "autoid.key", "--output", "out.dsse.json", "a.txt", "b.bin", "empty"])
        #expect(signed.status == 0, "\(signed.stderrText)")
        #expect(signed.stdout.isEmpty)
        let verified = try work.run("autoid-verify", ["--key", "autoid.pub", "out.dsse.json"])
        #expect(verified.status == 0, "\(verified.stderrText)")
        #expect(verified.stdoutText == "a.txt: OK\nb.bin: OK\nempty: OK\n")

        let one = try work.run("autoid-verify", ["--key", "autoid.pub", "out.dsse.json", "empty"])
        #expect(one.stdoutText == "empty: OK\n")
        let stranger = try work.run("autoid-verify", ["--key", "autoid.pub", "out.dsse.json", "c.txt"])
        #expect(stranger.status == 1)
        #expect(stranger.stdoutText.contains("c.txt: FAILED (not a subject"))
    }

    @Test func standardInputRoundTrip() throws {
        let work = try Workspace()
        let content = Array("streamed through a pipe\n".utf8)
        let signed = try work.run("autoid-sign", ["-k", "autoid.key", "-"], stdin: content)
        #expect(signed.status == 0, "\(signed.stderrText)")
        try work.directory.write("stdin.dsse.json", signed.stdout)
        let good = try work.run("autoid-verify", ["-k", "autoid.pub", "stdin.dsse.json"], stdin: content)
        #expect(good.status == 0)
        #expect(good.stdoutText == "-: OK\n")
        let bad = try work.run("autoid-verify", ["-k", "autoid.pub", "stdin.dsse.json", "-"], stdin: content + [0x0a])
        #expect(bad.status == 1)
        #expect(bad.stdoutText == "-: FAILED (blake3, sha256 digests differ)\n")
    }

    @Test func tamperedContentFailsWithExitCodeOne() throws {
        let work = try Workspace()
        try work.directory.write("doc", Array("the original\n".utf8))
        #expect(try work.run("autoid-sign", ["-k", "autoid.key", "-o", "doc.dsse.json", "--digest", "sha256", "--digest", "blake2b", "doc"]).status == 0)
        var bytes = try work.directory.read("doc")
        bytes[4] ^= 0x01
        try work.directory.write("doc", bytes)
        let result = try work.run("autoid-verify", ["-k", "autoid.pub", "--json", "doc.dsse.json"])
        #expect(result.status == 1)
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout)) as? [String: Any]
        #expect(report?["verified"] as? Bool == false)
        let subjects = report?["subjects"] as? [[String: Any]]
        #expect(subjects?.first?["status"] as? String == "mismatch")
        #expect(subjects?.first?["mismatched"] as? [String] == ["blake2b", "sha256"])
    }

    @Test func tamperedEnvelopeAndForeignKey() throws {
        let work = try Workspace()
        try work.directory.write("doc", Array("x".utf8))
        #expect(try work.run("autoid-sign", ["-k", "autoid.key", "-o", "e.json", "doc"]).status == 0)
        let text = String(decoding: try work.directory.read("e.json"), as: UTF8.self)
        // Flip one base64 character of the signature.
        let sigStart = text.range(of: "\"sig\":\"")!.upperBound
        var flipped = text
        let c = flipped[sigStart]
        flipped.replaceSubrange(sigStart...sigStart, with: c == "A" ? "B" : "A")
        try work.directory.write("bad.json", Array(flipped.utf8))
        let bad = try work.run("autoid-verify", ["-k", "autoid.pub", "bad.json"])
        #expect(bad.status == 1)
        #expect(bad.stdoutText.contains("FAILED (the signature does not verify"))

        #expect(try work.run("autoid-sign", ["keygen", "-s", "other.key", "-p", "other.pub"]).status == 0)
        let foreign = try work.run("autoid-verify", ["-k", "other.pub", "e.json"])
        #expect(foreign.status == 2)
        #expect(foreign.stdoutText.contains("UNTRUSTED"))
    }

    @Test func manyEnvelopesAtOnce() throws {
        let work = try Workspace()
        var envelopes: [String] = []
        for index in 0..<40 {
            try work.directory.write("f\(index)", Array("file \(index)\n".utf8))
            #expect(try work.run("autoid-sign", ["-k", "autoid.key", "-o", "e\(index).json", "f\(index)"]).status == 0)
            envelopes.append("e\(index).json")
        }
        let all = try work.run("autoid-verify", ["-k", "autoid.pub", "--each"] + envelopes)
        #expect(all.status == 0, "\(all.stdoutText)\(all.stderrText)")
        #expect(all.stdoutText.split(separator: "\n").count == 40)
        #expect(all.stdoutText.hasPrefix("e0.json: OK (1 subjects)\n"))

        try work.directory.write("f7", Array("changed\n".utf8))
        try work.directory.write("e9.json", Array("{".utf8))
        let mixed = try work.run("autoid-verify", ["-k", "autoid.pub", "--each", "--json"] + envelopes)
        #expect(mixed.status == 1)
        let lines = mixed.stdoutText.split(separator: "\n")
        #expect(lines.count == 40)
        #expect(lines[7].contains("\"verified\":false"))
        #expect(lines[9].contains("\"error\":"))
        #expect(lines[9].contains("\"exitCode\":3"))
        #expect(lines[8].contains("\"verified\":true"))

        // Each failure names its own envelope, never the first operand's (was: "e0.json" in e7's reason).
        let text = try work.run("autoid-verify", ["-k", "autoid.pub", "--each"] + envelopes)
        let failed = try #require(text.stdoutText.split(separator: "\n").first { $0.hasPrefix("e7.json:") })
        #expect(failed == "e7.json: FAILED (f7: FAILED (blake3, sha256 digests differ))")
        let tampered = String(decoding: try work.directory.read("e3.json"), as: UTF8.self).replacing(/"sig":"..../, with: "\"sig\":\"AAAA")
        try work.directory.write("e3.json", Array(tampered.utf8))
        let again = try work.run("autoid-verify", ["-k", "autoid.pub", "--each"] + envelopes)
        let badSignature = try #require(again.stdoutText.split(separator: "\n").first { $0.hasPrefix("e3.json:") })
        #expect(badSignature.hasPrefix("e3.json: FAILED (e3.json: FAILED (the signature does not verify"))
    }

    /// A 1.5 GiB sparse file: signing and verifying stream it, so resident memory stays small.
    @Test func largeSparseFileInBoundedMemory() throws {
        let work = try Workspace()
        let path = work.directory.file("big.sparse")
        let fd = open(path, O_CREAT | O_WRONLY, 0o644)
        try #require(fd >= 0)
        try #require(ftruncate(fd, 1536 * 1024 * 1024) == 0)
        close(fd)
        let signed = try work.run("autoid-sign", ["-k", "autoid.key", "-o", "big.json", "big.sparse"])
        #expect(signed.status == 0, "\(signed.stderrText)")
        try #require(signed.peakResidentBytes > 0, "measuring memory needs GNU time (apt package time)")
        #expect(signed.peakResidentBytes < 100 * 1024 * 1024, "sign peak RSS \(signed.peakResidentBytes)")
        let verified = try work.run("autoid-verify", ["-k", "autoid.pub", "big.json"])
        #expect(verified.status == 0)
        #expect(verified.peakResidentBytes < 100 * 1024 * 1024, "verify peak RSS \(verified.peakResidentBytes)")
        // The same content through standard input.
        let piped = try work.run("autoid-verify", ["-k", "autoid.pub", "big.json", "-"], stdin: nil, stdinPath: path)
        #expect(piped.status == 1)  // '-' is not a subject of this envelope
        let stdinSigned = try work.run("autoid-sign", ["-k", "autoid.key", "-o", "bigin.json", "-"], stdinPath: path)
        #expect(stdinSigned.status == 0)
        #expect(stdinSigned.peakResidentBytes < 100 * 1024 * 1024)
        let a = try JSONSerialization.jsonObject(with: Data(try work.directory.read("big.json"))) as? [String: Any]
        let b = try JSONSerialization.jsonObject(with: Data(try work.directory.read("bigin.json"))) as? [String: Any]
        func digest(_ envelope: [String: Any]?) throws -> String? {
            let payload = Data(base64Encoded: envelope?["payload"] as? String ?? "")!
            let statement = try JSONSerialization.jsonObject(with: payload) as? [String: Any]
            let subject = (statement?["subject"] as? [[String: Any]])?.first
            return (subject?["digest"] as? [String: String])?["sha256"]
        }
        #expect(try digest(a) == digest(b))
        #expect(try digest(a) != nil)
    }
}
