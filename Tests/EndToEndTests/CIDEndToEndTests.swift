import AutoIDManifest
import AutoIDSigning
import AutoIDTestSupport
import Foundation
import Testing

/// `autoid-sign hash --cid` and `autoid-verify cid` as processes. CIDs are the known answers of
/// scripts/generate-cid-vectors.py (see Tests/AutoIDDriveTests/KnownCIDTests.swift).
@Suite("Auto Drive CIDs, end to end")
struct CIDEndToEndTests {
    let directory: TemporaryDirectory

    static let hello = Array("hello world\n".utf8)
    static let helloNamed = "bafkr6idbftayihbd3gc4ig7iajype6ltflxmwiw7jp43sfyjfp5z3z6nh4"
    /// zlib -9 of "hello world\n", as Auto Drive stores it, and its CID with the name hello.txt.
    static let helloStored: [UInt8] = [
        0x78, 0xda, 0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0x57, 0x28, 0xcf, 0x2f, 0xca, 0x49, 0xe1, 0x02, 0x00, 0x1e, 0x72, 0x04, 0x67,
    ]
    static let helloStoredCID = "bafkr6ic4i7sbrihy3bsn25nz36hw5l5cxisw7pb7vsywiqyqdzctlhxsna"

    init() throws {
        directory = try TemporaryDirectory()
        try directory.write("hello.txt", Self.hello)
        try directory.write("a.txt", Array("a".utf8))
        try directory.write("download.bin", Self.helloStored)
    }

    func run(_ tool: String, _ arguments: [String], stdin: [UInt8]? = nil) throws -> ToolResult {
        try ToolRunner.run(tool, arguments, in: directory.path, stdinBytes: stdin)
    }

    func expectFailure(_ tool: String, _ arguments: [String], status: Int32, message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try run(tool, arguments)
        #expect(result.status == status, "\(arguments): \(result.stderrText)", sourceLocation: sourceLocation)
        let lines = result.stderrText.split(separator: "\n")
        #expect(lines.count == 1, "\(arguments): \(result.stderrText)", sourceLocation: sourceLocation)
        #expect(result.stderrText.hasPrefix("\(tool): "), sourceLocation: sourceLocation)
        #expect(result.stderrText.contains(message), "\(arguments): \(result.stderrText)", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
    }

    /// A file of 4 MiB or more is taken by position on every thread (in place where mapping is cheap, or
    /// read: `AUTOID_READ=pread`); read ahead (`AUTOID_READ=ahead`) and
    /// from standard input it streams. All three give one CID, on one thread or several.
    @Test("hash --cid of a large file: positioned reads, reading ahead and standard input agree")
    func largeFileReadEveryWay() throws {
        var random = TestRandom(seed: 0xc1d)
        let content = random.bytes(9 << 20 | 4_321)
        try directory.write("large.bin", content)
        let piped = try run("autoid-sign", ["hash", "--cid", "--name", "large.bin", "-"], stdin: content)
        #expect(piped.status == 0, "\(piped.stderrText)")
        let cid = try #require(piped.stdoutText.split(separator: " ").first.map(String.init))
        for threads in [[], ["--num-threads", "1"], ["--num-threads", "3"]] {
            for read in ["", "pread", "ahead"] {
                let result = try ToolRunner.run(
                    "autoid-sign", ["hash", "--cid"] + threads + ["large.bin"], in: directory.path, environment: ["AUTOID_READ": read])
                #expect(result.status == 0 && result.stdoutText == "\(cid)  large.bin\n", "\(threads) \(read): \(result.stderrText)")
            }
        }
    }

    @Test("hash --cid: one line per file, names by default, --name, --no-name, standard input")
    func hashCID() throws {
        let named = try run("autoid-sign", ["hash", "--cid", "hello.txt", "a.txt"])
        #expect(named.status == 0, "\(named.stderrText)")
        #expect(
            named.stdoutText == """
                \(Self.helloNamed)  hello.txt
                bafkr6idz5k6d6yjptacixts4ncqihrp7jv55zip2k3mxftfrtzo5yej4hq  a.txt

                """)
        let renamed = try run("autoid-sign", ["hash", "--cid", "--name", "a.txt", "a.txt"])
        #expect(renamed.stdoutText == "bafkr6idz5k6d6yjptacixts4ncqihrp7jv55zip2k3mxftfrtzo5yej4hq  a.txt\n")
        let unnamed = try run("autoid-sign", ["hash", "--cid", "--no-name", "a.txt"])
        #expect(unnamed.stdoutText == "bafkr6ifvthmu7rh3d6xk76kfpnfej3o4axhlnwn35v3btegpqkglptfrsu  a.txt\n")
        let piped = try run("autoid-sign", ["hash", "--cid"], stdin: Array("a".utf8))
        #expect(piped.stdoutText == "bafkr6ifvthmu7rh3d6xk76kfpnfej3o4axhlnwn35v3btegpqkglptfrsu  -\n")
        let pipedNamed = try run("autoid-sign", ["hash", "--cid", "--name", "hello.txt", "-"], stdin: Self.hello)
        #expect(pipedNamed.stdoutText == "\(Self.helloNamed)  -\n")
    }

    @Test("hash --cid: missing files, long names and option mix-ups fail on one line")
    func hashCIDFailures() throws {
        try expectFailure("autoid-sign", ["hash", "--cid", "nope"], status: 4, message: "nope")
        try expectFailure("autoid-sign", ["hash", "--cid", "--name", String(repeating: "x", count: 256), "a.txt"], status: 64, message: "at most 255 bytes")
        try expectFailure("autoid-sign", ["hash", "--name", "x", "a.txt"], status: 64, message: "--name and --no-name go with --cid")
        try expectFailure("autoid-sign", ["hash", "--cid", "--check", "a.txt"], status: 64, message: "--cid")
        try expectFailure("autoid-sign", ["hash", "--cid", "--name", "x", "a.txt", "hello.txt"], status: 64, message: "exactly one FILE")
    }

    @Test("verify cid: match 0, mismatch 1, the name is part of the CID, standard input, --json")
    func verifyCID() throws {
        let match = try run("autoid-verify", ["cid", Self.helloNamed, "hello.txt"])
        #expect(match.status == 0, "\(match.stderrText)")
        #expect(match.stdoutText.contains("ok      CID"))

        var changed = Self.hello
        changed[0] ^= 1
        try directory.write("changed.txt", changed)
        let mismatch = try run("autoid-verify", ["cid", "--name", "hello.txt", Self.helloNamed, "changed.txt"])
        #expect(mismatch.status == 1)
        #expect(mismatch.stdoutText.contains("FAILED  CID"))

        #expect(try run("autoid-verify", ["cid", "--no-name", Self.helloNamed, "hello.txt"]).status == 1)
        #expect(try run("autoid-verify", ["cid", Self.helloNamed, "-"], stdin: Self.hello).status == 1)  // stdin has no name
        #expect(try run("autoid-verify", ["cid", "--name", "hello.txt", Self.helloNamed, "-"], stdin: Self.hello).status == 0)

        let json = try run("autoid-verify", ["cid", "--json", Self.helloNamed, "hello.txt"])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout)) as? [String: Any])
        #expect(object["ok"] as? Bool == true)
        #expect(object["computed"] as? String == Self.helloNamed)
        #expect(object["name"] as? String == "hello.txt")
        let quiet = try run("autoid-verify", ["cid", "-q", Self.helloNamed, "changed.txt"])
        #expect(quiet.status == 1)
        #expect(quiet.stdout.isEmpty)
    }

    @Test("verify cid: bad CIDs are malformed input (3), on one line")
    func badCIDs() throws {
        try expectFailure("autoid-verify", ["cid", "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG", "hello.txt"], status: 3, message: "CIDv0")
        try expectFailure("autoid-verify", ["cid", Self.helloNamed.uppercased(), "hello.txt"], status: 3, message: "upper-case")
        try expectFailure("autoid-verify", ["cid", String(Self.helloNamed.dropLast(4)), "hello.txt"], status: 3, message: "bafkr6i")
        try expectFailure("autoid-verify", ["cid", "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy", "hello.txt"], status: 3, message: "BLAKE3")
        try expectFailure("autoid-verify", ["cid", Self.helloNamed, "nope"], status: 4, message: "nope")
    }

    @Test("verify cid --stored-compressed: checks the stored bytes, writes the inflated content with -o")
    func storedCompressed() throws {
        let arguments = ["cid", "--stored-compressed", "--name", "hello.txt", "-o", "hello.out", Self.helloStoredCID, "download.bin"]
        let result = try run("autoid-verify", arguments)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(try directory.read("hello.out") == Self.hello)
        #expect(try directory.read("download.bin") == Self.helloStored)  // the input is never modified
        // Again: the output exists, so --force is needed.
        try expectFailure("autoid-verify", arguments, status: 64, message: "--force")
        #expect(try run("autoid-verify", arguments + ["--force"]).status == 0)
        // From standard input too.
        let piped = try run(
            "autoid-verify", ["cid", "--stored-compressed", "--name", "hello.txt", "-o", "piped.out", Self.helloStoredCID, "-"], stdin: Self.helloStored)
        #expect(piped.status == 0, "\(piped.stderrText)")
        #expect(try directory.read("piped.out") == Self.hello)
    }

    @Test("verify cid --stored-compressed: a mismatch, a broken stream or -o - leave nothing behind")
    func storedCompressedFailures() throws {
        let before = try directory.contents()
        // The wrong name: mismatch (1), no output.
        let wrong = try run("autoid-verify", ["cid", "--stored-compressed", "-o", "x.out", Self.helloStoredCID, "download.bin"])
        #expect(wrong.status == 1)
        #expect(try directory.contents() == before)
        // Without --stored-compressed the options differ: mismatch.
        #expect(try run("autoid-verify", ["cid", "--name", "hello.txt", Self.helloStoredCID, "download.bin"]).status == 1)
        // A truncated download: its CID differs (1), nothing is written. (Stored bytes whose CID matches
        // but that do not inflate are malformed input, 3: see CIDBehaviourTests.matchingButBroken.)
        try directory.write("truncated.bin", Array(Self.helloStored.dropLast(2)))
        let truncated = try run("autoid-verify", ["cid", "--stored-compressed", "--name", "hello.txt", "-o", "t.out", Self.helloStoredCID, "truncated.bin"])
        #expect(truncated.status == 1)
        try expectFailure(
            "autoid-verify", ["cid", "--stored-compressed", "--name", "hello.txt", "-o", "-", Self.helloStoredCID, "download.bin"], status: 64,
            message: "must name a file")
        try expectFailure("autoid-verify", ["cid", "-o", "y.out", Self.helloNamed, "hello.txt"], status: 64, message: "--stored-compressed")
        // More output than --max-output allows (a decompression bomb): malformed input, nothing written.
        try expectFailure(
            "autoid-verify", ["cid", "--stored-compressed", "--name", "hello.txt", "--max-output", "5", "-o", "m.out", Self.helloStoredCID, "download.bin"],
            status: 3, message: "download.bin: stopped after 0 bytes; --max-output raises the limit")
        #expect(!(try directory.contents()).contains { $0.hasSuffix(".out") })
    }

    /// 192 MiB through a real pipe (3,000+ chunks, so two tree levels): the CID equals the file's, and
    /// resident memory stays far below the input size.
    @Test func aLongPipeStreamsInBoundedMemory() throws {
        var random = TestRandom(seed: 13)
        try directory.write("part", random.bytes(8 << 20))
        let stream = "for i in $(seq 24); do cat part; done"
        let written = try ToolRunner.run("sh", ["-c", "\(stream) > whole"], in: directory.path)
        try #require(written.status == 0, "\(written.stderrText)")
        let piped = try ToolRunner.run(
            "sh", ["-c", "\(stream) | '\(ToolRunner.path(of: "autoid-sign"))' hash --cid --name whole"], in: directory.path)
        let file = try run("autoid-sign", ["hash", "--cid", "whole"])
        #expect(piped.status == 0, "\(piped.stderrText)")
        #expect(piped.stdoutText.split(separator: " ").first == file.stdoutText.split(separator: " ").first)
        try #require(piped.peakResidentBytes > 0, "measuring memory needs GNU time (apt package time)")
        #expect(piped.peakResidentBytes < 64 * 1024 * 1024, "peak RSS \(piped.peakResidentBytes)")
    }

    // MARK: CIDs in signed envelopes (autoid-sign --cid)

    /// A key pair in the directory, made by the tool.
    func keygen() throws {
        let made = try run("autoid-sign", ["keygen", "-s", "k.key", "-p", "k.pub"])
        try #require(made.status == 0, "\(made.stderrText)")
    }

    /// The envelope's statement, decoded.
    func statement(_ envelope: String) throws -> [String: Any] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(try directory.read(envelope))) as? [String: Any])
        let encoded = try #require(object["payload"] as? String)
        let payload = try #require(Data(base64Encoded: encoded))
        return try #require(try JSONSerialization.jsonObject(with: payload) as? [String: Any])
    }

    @Test("sign --cid records uri autodrive:CID per subject; verify checks it (0), --json shows it")
    func signedCIDs() throws {
        try keygen()
        try FileManager.default.createDirectory(atPath: directory.file("docs"), withIntermediateDirectories: true)
        try directory.write("docs/hello.txt", Self.hello)
        let signed = try run("autoid-sign", ["--cid", "-k", "k.key", "-o", "e.json", "docs/hello.txt", "a.txt"])
        #expect(signed.status == 0, "\(signed.stderrText)")
        let subjects = try #require(try statement("e.json")["subject"] as? [[String: Any]])
        #expect(
            subjects.map { $0["uri"] as? String } == ["autodrive:\(Self.helloNamed)", "autodrive:bafkr6idz5k6d6yjptacixts4ncqihrp7jv55zip2k3mxftfrtzo5yej4hq"])
        #expect((subjects[0]["digest"] as? [String: String])?.keys.sorted() == ["blake3", "sha256"])
        // The CID in the envelope is the one 'hash --cid' prints for the file.
        #expect(try run("autoid-sign", ["hash", "--cid", "docs/hello.txt"]).stdoutText == "\(Self.helloNamed)  docs/hello.txt\n")

        let verified = try run("autoid-verify", ["-k", "k.pub", "e.json"])
        #expect(verified.status == 0, "\(verified.stderrText)")
        #expect(verified.stdoutText == "docs/hello.txt: OK\na.txt: OK\n")
        let json = try run("autoid-verify", ["-k", "k.pub", "--json", "e.json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout)) as? [String: Any])
        let first = try #require((report["subjects"] as? [[String: Any]])?.first)
        let cid = try #require(first["autoDriveCID"] as? [String: Any])
        #expect(cid["signed"] as? String == Self.helloNamed)
        #expect(cid["computed"] as? String == Self.helloNamed)
        #expect(cid["name"] as? String == "hello.txt")
        #expect(cid["status"] as? String == "ok")
        #expect((first["checked"] as? [String]) == ["blake3", "sha256", "autodrive-cid"])

        // Standard input has no name, so its CID is the unnamed one; it verifies from standard input.
        let piped = try run("autoid-sign", ["--cid", "-k", "k.key", "-o", "piped.json", "-"], stdin: Array("a".utf8))
        #expect(piped.status == 0, "\(piped.stderrText)")
        #expect(
            (try statement("piped.json")["subject"] as? [[String: Any]])?.first?["uri"] as? String
                == "autodrive:bafkr6ifvthmu7rh3d6xk76kfpnfej3o4axhlnwn35v3btegpqkglptfrsu")
        #expect(try run("autoid-verify", ["-k", "k.pub", "piped.json", "-"], stdin: Array("a".utf8)).status == 0)
        #expect(try run("autoid-verify", ["-k", "k.pub", "piped.json", "-"], stdin: Array("b".utf8)).status == 1)

        // Without --cid: no uri, as before.
        #expect(try run("autoid-sign", ["-k", "k.key", "-o", "plain.json", "a.txt"]).status == 0)
        #expect((try statement("plain.json")["subject"] as? [[String: Any]])?.first?["uri"] == nil)
    }

    @Test("sign --cid: changed content fails (1) naming the CID; a renamed copy verifies under the signed name")
    func signedCIDFailures() throws {
        try keygen()
        #expect(try run("autoid-sign", ["--cid", "-k", "k.key", "-o", "e.json", "hello.txt"]).status == 0)
        // Changed content: digests and CID differ.
        var changed = Self.hello
        changed[3] ^= 0x20
        try directory.write("hello.txt", changed)
        let failed = try run("autoid-verify", ["-k", "k.pub", "e.json"])
        #expect(failed.status == 1)
        #expect(failed.stdoutText == "hello.txt: FAILED (blake3, sha256 digests differ; Auto Drive CID differs)\n")
        let json = try run("autoid-verify", ["-k", "k.pub", "--json", "e.json"])
        #expect(json.status == 1)
        #expect(json.stdoutText.contains("\"status\" : \"mismatch\"") || json.stdoutText.contains("\"status\": \"mismatch\""))

        // Renamed: the download is called renamed.txt; its own name gives another CID...
        try directory.write("renamed.txt", Self.hello)
        #expect(try run("autoid-verify", ["cid", Self.helloNamed, "renamed.txt"]).status == 1)
        #expect(try run("autoid-verify", ["cid", "--name", "hello.txt", Self.helloNamed, "renamed.txt"]).status == 0)
        // ...and the envelope verifies it under the signed name once it is where the name says.
        try FileManager.default.createDirectory(atPath: directory.file("copy"), withIntermediateDirectories: true)
        try directory.write("copy/hello.txt", Self.hello)
        let copy = try run("autoid-verify", ["-k", "k.pub", "--base-dir", "copy", "e.json"])
        #expect(copy.status == 0, "\(copy.stdoutText)\(copy.stderrText)")
    }

    @Test("a signed CID that is not the content's fails (1); an edited one breaks the signature (1); a malformed one is malformed input (3)")
    func tamperedCIDs() throws {
        try keygen()
        let key = try KeyFile.loadPrivateKey(path: directory.file("k.key"))
        #expect(try run("autoid-sign", ["--cid", "-k", "k.key", "-o", "e.json", "hello.txt"]).status == 0)
        let original = try Envelope(jsonBytes: try directory.read("e.json"), source: "e.json")
        let text = String(decoding: original.payload, as: UTF8.self)
        let other = "bafkr6idz5k6d6yjptacixts4ncqihrp7jv55zip2k3mxftfrtzo5yej4hq"

        // Signed, but the wrong CID: the signer vouched for a CID the content does not have.
        var wrong = Envelope(payloadType: Statement.payloadType, payload: Array(text.replacingOccurrences(of: Self.helloNamed, with: other).utf8))
        wrong.sign(with: key)
        try directory.write("wrong.json", wrong.jsonBytes())
        let mismatch = try run("autoid-verify", ["-k", "k.pub", "wrong.json"])
        #expect(mismatch.status == 1)
        #expect(
            mismatch.stdoutText
                == "hello.txt: FAILED (Auto Drive CID differs: signed \(other), the content under the name 'hello.txt' gives \(Self.helloNamed))\n")

        // Edited after signing: the signature no longer verifies.
        var edited = original
        edited.payload = wrong.payload
        try directory.write("edited.json", edited.jsonBytes())
        let broken = try run("autoid-verify", ["-k", "k.pub", "edited.json"])
        #expect(broken.status == 1)
        #expect(broken.stdoutText.contains("the signature does not verify"))

        // Signed, but not a CID at all: malformed input, one line naming where.
        var malformed = Envelope(
            payloadType: Statement.payloadType, payload: Array(text.replacingOccurrences(of: Self.helloNamed, with: "bafkr6i").utf8))
        malformed.sign(with: key)
        try directory.write("malformed.json", malformed.jsonBytes())
        try expectFailure("autoid-verify", ["-k", "k.pub", "malformed.json"], status: 3, message: "payload.subject[0].uri: not an Auto Drive CID")
    }

    // MARK: Folders

    /// The docs folder of scripts/generate-cid-vectors.py: a.txt "a", hello.txt "hello world\\n".
    static let docsCID = "bafkr6ibysrvvwk2mjlj7l76es75uxtnqwspw5uhx5sliq4i5wms6f6burm"

    func writeDocs() throws {
        try FileManager.default.createDirectory(atPath: directory.file("dl/docs"), withIntermediateDirectories: true)
        try directory.write("dl/docs/a.txt", Array("a".utf8))
        try directory.write("dl/docs/hello.txt", Self.hello)
    }

    @Test("hash --cid DIR prints the folder's CID; verify cid CID DIR checks a downloaded folder (0, 1, --json)")
    func folders() throws {
        try writeDocs()
        let hashed = try run("autoid-sign", ["hash", "--cid", "dl/docs", "hello.txt"])
        #expect(hashed.status == 0, "\(hashed.stderrText)")
        #expect(hashed.stdoutText == "\(Self.docsCID)  dl/docs\n\(Self.helloNamed)  hello.txt\n")
        #expect(
            try run("autoid-sign", ["hash", "--cid", "--name", "papers", "dl/docs"]).stdoutText
                == "bafkr6idasazdbavrhgoxdixlukgqforj5es7y5yaa6dnz26uajdskkloii  dl/docs\n")
        #expect(try ToolRunner.run("autoid-sign", ["hash", "--cid", "."], in: directory.file("dl/docs")).stdoutText == "\(Self.docsCID)  .\n")

        let verified = try run("autoid-verify", ["cid", Self.docsCID, "dl/docs"])
        #expect(verified.status == 0, "\(verified.stderrText)")
        #expect(verified.stdoutText.contains("folder: 2 files, 0 sub-folders, 13 bytes"))
        let json = try run("autoid-verify", ["cid", "--json", Self.docsCID, "dl/docs/"])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout)) as? [String: Any])
        #expect(object["folder"] as? Bool == true)
        #expect(object["computed"] as? String == Self.docsCID)
        #expect(object["name"] as? String == "docs")

        try directory.write("dl/docs/hello.txt", Array("hello world!".utf8))
        let changed = try run("autoid-verify", ["cid", Self.docsCID, "dl/docs"])
        #expect(changed.status == 1)
        #expect(changed.stdoutText.contains("FAILED  CID"))
    }

    @Test("folders: links inside are refused (3), --no-name and --stored-compressed do not apply (64)")
    func folderRefusals() throws {
        try writeDocs()
        try FileManager.default.createSymbolicLink(atPath: directory.file("dl/docs/escape"), withDestinationPath: "/etc/passwd")
        try expectFailure("autoid-verify", ["cid", Self.docsCID, "dl/docs"], status: 3, message: "escape: a symbolic link")
        try expectFailure("autoid-sign", ["hash", "--cid", "dl/docs"], status: 3, message: "symbolic link")
        try FileManager.default.removeItem(atPath: directory.file("dl/docs/escape"))
        try expectFailure("autoid-verify", ["cid", "--no-name", Self.docsCID, "dl/docs"], status: 64, message: "--no-name")
        try expectFailure("autoid-verify", ["cid", "--stored-compressed", Self.docsCID, "dl/docs"], status: 64, message: "--stored-compressed")
        try expectFailure("autoid-sign", ["hash", "--cid", "--no-name", "dl/docs"], status: 64, message: "--no-name")
        try FileManager.default.createDirectory(atPath: directory.file("hollow/sub"), withIntermediateDirectories: true)
        try expectFailure("autoid-verify", ["cid", Self.docsCID, "hollow"], status: 3, message: "holds no file")
    }
}
