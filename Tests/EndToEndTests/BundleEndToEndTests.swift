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

/// provenance-bundle as a user runs it: real archives on disk, real processes, exit codes, output, and
/// what is (not) left behind.
@Suite("provenance-bundle, end to end")
struct BundleEndToEndTests {
    let directory: TemporaryDirectory

    /// A key pair, two content files (one in a folder) and an envelope signing them.
    init() throws {
        directory = try TemporaryDirectory()
        try #require(try run("autoid-sign", ["keygen"]).status == 0)
        try #require(try run("autoid-sign", ["keygen", "-s", "other.key", "-p", "other.pub"]).status == 0)
        var random = TestRandom(seed: 11)
        try directory.write("doc.txt", Array("the article\n".utf8))
        try FileManager.default.createDirectory(atPath: directory.file("media"), withIntermediateDirectories: true)
        try directory.write("media/photo.bin", random.bytes(2_500_000))
        let signed = try run("autoid-sign", ["-k", "autoid.key", "-o", "release.dsse.json", "doc.txt", "media/photo.bin"])
        try #require(signed.status == 0, "\(signed.stderrText)")
    }

    func run(_ tool: String, _ arguments: [String], stdinPath: String? = nil) throws -> ToolResult {
        try ToolRunner.run(tool, arguments, in: directory.path, stdinPath: stdinPath)
    }

    /// Creates `name` from the envelope and both content files; the run must succeed.
    @discardableResult
    func create(_ name: String, _ extra: [String] = []) throws -> [UInt8] {
        let result = try run("provenance-bundle", ["create", "-o", name, "release.dsse.json", "--content", "doc.txt", "--content", "media"] + extra)
        try #require(result.status == 0, "\(result.stderrText)")
        #expect(result.stdout.isEmpty && result.stderr.isEmpty)
        return try directory.read(name)
    }

    /// The exit code, exactly one stderr line prefixed with the tool's name and containing `message`,
    /// and an empty stdout.
    func expectFailure(
        _ arguments: [String], status: Int32, message: String, stdinPath: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let result = try run("provenance-bundle", arguments, stdinPath: stdinPath)
        #expect(result.status == status, "\(arguments): \(result.stderrText)", sourceLocation: sourceLocation)
        let lines = result.stderrText.split(separator: "\n")
        #expect(lines.count == 1, "\(arguments): \(result.stderrText)", sourceLocation: sourceLocation)
        #expect(result.stderrText.hasPrefix("provenance-bundle: "), sourceLocation: sourceLocation)
        #expect(result.stderrText.contains(message), "\(arguments): \(result.stderrText)", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, "\(arguments): \(result.stdoutText)", sourceLocation: sourceLocation)
    }

    /// Every path below the working directory (files, folders, links), relative and sorted.
    func tree(_ root: String? = nil) throws -> [String] {
        let base = root ?? directory.path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
        return walker.compactMap { $0 as? String }.sorted()
    }

    // MARK: Round trips

    @Test("create, list, verify and extract round-trip in every format", arguments: ["tar", "tar.gz", "tar.zst", "zip"])
    func roundTrip(format: String) throws {
        try create("b.\(format)")
        let listed = try run("provenance-bundle", ["list", "b.\(format)"])
        #expect(listed.status == 0, "\(listed.stderrText)")
        for name in ["autoid-bundle.json", "envelopes/release.dsse.json", "content/doc.txt", "content/media/photo.bin", "subject media/photo.bin"] {
            #expect(listed.stdoutText.contains(name), "\(listed.stdoutText)")
        }
        let json = try run("provenance-bundle", ["list", "--json", "b.\(format)"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout)) as? [String: Any])
        #expect((object["entries"] as? [Any])?.count == 3)

        let verified = try run("provenance-bundle", ["verify", "-k", "autoid.pub", "b.\(format)"])
        #expect(verified.status == 0, "\(verified.stderrText)")
        #expect(verified.stdoutText == "doc.txt: OK\nmedia/photo.bin: OK\n")

        let extracted = try run("provenance-bundle", ["extract", "-k", "autoid.pub", "-C", "out", "b.\(format)"])
        #expect(extracted.status == 0, "\(extracted.stderrText)")
        #expect(try directory.read("out/content/doc.txt") == directory.read("doc.txt"))
        #expect(try directory.read("out/content/media/photo.bin") == directory.read("media/photo.bin"))
        #expect(
            try tree(directory.file("out")) == [
                "autoid-bundle.json", "content", "content/doc.txt", "content/media", "content/media/photo.bin",
                "envelopes", "envelopes/release.dsse.json",
            ])
        // What was extracted verifies with autoid-verify itself.
        let again = try run("autoid-verify", ["-k", "autoid.pub", "--base-dir", "out/content", "out/envelopes/release.dsse.json"])
        #expect(again.status == 0, "\(again.stdoutText)\(again.stderrText)")
    }

    @Test("the same inputs give the same bytes, whatever the files' times, and tar headers are fixed")
    func deterministic() throws {
        for format in ["tar", "tar.gz", "tar.zst", "zip"] {
            let first = try create("one.\(format)")
            _ = try ToolRunner.run("touch", ["-d", "2001-02-03 04:05", directory.file("doc.txt"), directory.file("media/photo.bin")])
            let second = try create("two.\(format)")
            #expect(first == second, "\(format) bundles differ")
        }
        let listing = try ToolRunner.run(
            "python3",
            [
                "-c",
                """
                import sys, tarfile
                with tarfile.open(sys.argv[1]) as t:
                    for m in t.getmembers(): print(m.name, m.mtime, m.uid, m.gid, oct(m.mode), m.type.decode())
                """, directory.file("one.tar"),
            ])
        #expect(
            listing.stdoutText == """
                autoid-bundle.json 0 0 0 0o644 0
                envelopes/release.dsse.json 0 0 0 0o644 0
                content/doc.txt 0 0 0 0o644 0
                content/media/photo.bin 0 0 0 0o644 0

                """)
    }

    @Test("content from a tar stream on standard input, a bundle to standard output, and one verified from standard input")
    func standardInput() throws {
        let fromFiles = try create("files.tar")
        #expect(try ToolRunner.run("tar", ["cf", directory.file("content.tar"), "doc.txt", "media"], in: directory.path).status == 0)
        let made = try run(
            "provenance-bundle", ["create", "-o", "stdin.tar", "--from-tar", "-", "release.dsse.json"], stdinPath: directory.file("content.tar"))
        #expect(made.status == 0, "\(made.stderrText)")
        #expect(try directory.read("stdin.tar") == fromFiles)
        #expect(try tree().allSatisfy { !$0.contains("spool") })

        // And out: the same bytes on standard output.
        let out = try run("provenance-bundle", ["create", "-o", "-", "release.dsse.json", "--content", "doc.txt", "--content", "media"])
        #expect(out.status == 0, "\(out.stderrText)")
        #expect(out.stdout == fromFiles)

        let verified = try run("provenance-bundle", ["verify", "-k", "autoid.pub", "-"], stdinPath: directory.file("stdin.tar"))
        #expect(verified.status == 0, "\(verified.stderrText)")
        #expect(verified.stdoutText == "doc.txt: OK\nmedia/photo.bin: OK\n")
        let extracted = try run("provenance-bundle", ["extract", "-k", "autoid.pub", "-C", "piped", "-"], stdinPath: directory.file("stdin.tar"))
        #expect(extracted.status == 0, "\(extracted.stderrText)")
        #expect(try directory.read("piped/content/doc.txt") == directory.read("doc.txt"))
    }

    // MARK: Tampering

    /// Rewrites `bundle.tar` into `out`, applying a Python expression to each member's data.
    func rewrite(_ out: String, change: String) throws {
        let script = """
            import io, sys, tarfile
            src, dst = sys.argv[1], sys.argv[2]
            with tarfile.open(src) as t, tarfile.open(dst, "w", format=tarfile.USTAR_FORMAT) as o:
                for m in t.getmembers():
                    data = t.extractfile(m).read()
                    name = m.name
                    \(change)
                    if data is None: continue
                    m.size = len(data)
                    o.addfile(m, io.BytesIO(data))
            """
        let result = try ToolRunner.run("python3", ["-c", script, directory.file("bundle.tar"), directory.file(out)])
        try #require(result.status == 0, "\(result.stderrText)")
    }

    @Test("altered content, envelope or manifest fail verify with the codes autoid-verify gives")
    func tampering() throws {
        try create("bundle.tar")
        try rewrite("content.tar", change: "data = data.replace(b'article', b'ARTICLE') if name == 'content/doc.txt' else data")
        let content = try run("provenance-bundle", ["verify", "-k", "autoid.pub", "content.tar"])
        #expect(content.status == 1)
        #expect(
            content.stdoutText == """
                content/doc.txt: FAILED (blake3, sha256 differ from the manifest)
                doc.txt: FAILED (blake3, sha256 digests differ)
                media/photo.bin: OK

                """)

        // The manifest rewritten to match the altered content: the envelope still catches it.
        try rewrite(
            "both.tar",
            change: """
                data = data.replace(b'article', b'ARTICLE') if name == 'content/doc.txt' else data
                        if name == 'autoid-bundle.json':
                            import hashlib, json
                            doc = json.loads(data)
                            new = b'the ARTICLE\\n'
                            for e in doc['entries']:
                                if e['path'] == 'content/doc.txt': e['digest']['sha256'] = hashlib.sha256(new).hexdigest()
                            data = json.dumps(doc).encode()
                """)
        let both = try run("provenance-bundle", ["verify", "-k", "autoid.pub", "both.tar"])
        #expect(both.status == 1)
        #expect(both.stdoutText.contains("doc.txt: FAILED (blake3, sha256 digests differ)"))

        try rewrite("envelope.tar", change: "data = data.replace(b'\"sig\":\"', b'\"sig\":\"AAAA') if name.startswith('envelopes/') else data")
        let envelope = try run("provenance-bundle", ["verify", "-k", "autoid.pub", "envelope.tar"])
        #expect(envelope.status == 1)
        #expect(envelope.stdoutText.contains("FAILED (the signature does not verify"))

        try rewrite("manifest.tar", change: "data = data.replace(b'\"size\": 12', b'\"size\": 13') if name == 'autoid-bundle.json' else data")
        let manifest = try run("provenance-bundle", ["verify", "-k", "autoid.pub", "manifest.tar"])
        #expect(manifest.status == 1)
        #expect(manifest.stdoutText.hasPrefix("content/doc.txt: FAILED (12 bytes, the manifest lists 13)"))

        try rewrite("garbage.tar", change: "data = b'{not json' if name == 'autoid-bundle.json' else data")
        try expectFailure(["verify", "-k", "autoid.pub", "garbage.tar"], status: 3, message: "autoid-bundle.json")

        try rewrite("removed.tar", change: "data = None if name == 'content/doc.txt' else data")
        let removed = try run("provenance-bundle", ["verify", "-k", "autoid.pub", "removed.tar"])
        #expect(removed.status == 1)
        #expect(removed.stdoutText.hasPrefix("content/doc.txt: FAILED (listed in the manifest but not in the archive: removed)\ndoc.txt: MISSING ("))

        // A signer we do not trust: 2, as autoid-verify says for the same envelope.
        let stranger = try run("provenance-bundle", ["verify", "-k", "other.pub", "bundle.tar"])
        let direct = try run("autoid-verify", ["-k", "other.pub", "release.dsse.json"])
        #expect(stranger.status == 2 && direct.status == 2)
        #expect(try run("provenance-bundle", ["verify", "-k", "autoid.pub", "--json", "content.tar"]).stdoutText.contains("\"exitCode\": 1"))

        // Nothing of a bundle that fails verification is extracted.
        let refused = try run("provenance-bundle", ["extract", "-k", "autoid.pub", "-C", "out", "content.tar"])
        #expect(refused.status == 1)
        #expect(!FileManager.default.fileExists(atPath: directory.file("out")))
    }

    @Test("a subject's Auto Drive CID is recomputed from the bundle's content: checked when right, FAILED when not (1)")
    func autoDriveCIDs() throws {
        let signed = try run("autoid-sign", ["--cid", "-k", "autoid.key", "-o", "cid.dsse.json", "doc.txt", "media/photo.bin"])
        try #require(signed.status == 0, "\(signed.stderrText)")
        let made = try run("provenance-bundle", ["create", "-o", "cid.tar", "cid.dsse.json", "--content", "doc.txt", "--content", "media"])
        try #require(made.status == 0, "\(made.stderrText)")
        let verified = try run("provenance-bundle", ["verify", "-k", "autoid.pub", "--json", "cid.tar"])
        #expect(verified.status == 0, "\(verified.stdoutText)\(verified.stderrText)")
        // The photo is 2.5 MB: 39 Auto Drive chunks under the root; the CID is the one hash --cid prints for
        // the file under its base name, which is the signed one.
        let photoCID = try run("autoid-sign", ["hash", "--cid", "media/photo.bin"]).stdoutText.split(separator: " ").first.map(String.init)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(verified.stdout)) as? [String: Any])
        let subjects = try #require(((report["envelopes"] as? [[String: Any]])?.first)?["subjects"] as? [[String: Any]])
        #expect(subjects.map { $0["checked"] as? [String] } == [["blake3", "sha256", "autodrive-cid"], ["blake3", "sha256", "autodrive-cid"]])
        let photo = try #require(subjects.last?["autoDriveCID"] as? [String: Any])
        #expect(photo["computed"] as? String == photoCID && photo["signed"] as? String == photoCID && photo["name"] as? String == "photo.bin")

        // Signed by the trusted key, digests right, but a CID that is not the content's: the CID fails it.
        let key = try KeyFile.loadPrivateKey(path: directory.file("autoid.key"))
        let original = try Envelope(jsonBytes: try directory.read("cid.dsse.json"), source: "cid.dsse.json")
        let payload = String(decoding: original.payload, as: UTF8.self)
        let docCID = try #require(try run("autoid-sign", ["hash", "--cid", "doc.txt"]).stdoutText.split(separator: " ").first.map(String.init))
        var wrong = Envelope(payloadType: Statement.payloadType, payload: Array(payload.replacingOccurrences(of: docCID, with: photoCID!).utf8))
        wrong.sign(with: key)
        try directory.write("wrong.dsse.json", wrong.jsonBytes())
        let forged = try run("provenance-bundle", ["create", "-o", "wrong.tar", "wrong.dsse.json", "--content", "doc.txt", "--content", "media"])
        try #require(forged.status == 0, "\(forged.stderrText)")
        let failed = try run("provenance-bundle", ["verify", "-k", "autoid.pub", "wrong.tar"])
        #expect(failed.status == 1)
        #expect(
            failed.stdoutText == """
                doc.txt: FAILED (Auto Drive CID differs: signed \(photoCID!), the content under the name 'doc.txt' gives \(docCID))
                media/photo.bin: OK

                """)
        // Nothing of it is extracted.
        #expect(try run("provenance-bundle", ["extract", "-k", "autoid.pub", "-C", "out", "wrong.tar"]).status == 1)
        #expect(!FileManager.default.fileExists(atPath: directory.file("out")))
    }

    // MARK: Hostile archives

    /// Python that copies our bundle's manifest (and, with `keep`, its other members) and then adds
    /// hostile members: `hostile` runs with `o` (the output tarfile), `add(name, data)` and `tarfile`.
    func hostileTar(_ out: String, keepAll: Bool = true, mode: String = "w", _ hostile: String) throws {
        let script = """
            import io, sys, tarfile
            src, dst = sys.argv[1], sys.argv[2]
            with tarfile.open(src) as t, tarfile.open(dst, "\(mode)", format=tarfile.GNU_FORMAT) as o:
                def add(name, data, **kw):
                    info = tarfile.TarInfo(name)
                    info.size = len(data)
                    for k, v in kw.items(): setattr(info, k, v)
                    o.addfile(info, io.BytesIO(data))
                for i, m in enumerate(t.getmembers()):
                    if i == 0 or \(keepAll ? "True" : "False"):
                        o.addfile(m, t.extractfile(m))
                    if i == 0:
            \(hostile.split(separator: "\n").map { "            " + $0 }.joined(separator: "\n"))
            """
        let result = try ToolRunner.run("python3", ["-c", script, directory.file("bundle.tar"), directory.file(out)])
        try #require(result.status == 0, "\(result.stderrText)")
    }

    /// Extract must refuse `archive` with exit 3 and `message`, leave nothing in the target or outside.
    func expectRefused(_ archive: String, message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try tree()
        try expectFailure(["extract", "-k", "autoid.pub", "-C", "target/out", archive], status: 3, message: message, sourceLocation: sourceLocation)
        try expectFailure(["verify", "-k", "autoid.pub", archive], status: 3, message: message, sourceLocation: sourceLocation)
        #expect(try tree() == before, "files appeared or vanished", sourceLocation: sourceLocation)
        #expect(try tree(directory.file("target")) == [], sourceLocation: sourceLocation)
        #expect(!FileManager.default.fileExists(atPath: "/tmp/provenance-bundle-escape"), sourceLocation: sourceLocation)
    }

    /// Names are matched on their bytes: the manifest and the statement name "café.txt" composed; an
    /// archive whose entry holds the decomposed spelling (an equal Swift string, another file on disk)
    /// does not verify, and nothing of it is extracted.
    @Test func aDecomposedNameIsNotTheComposedOne() throws {
        try directory.write("caf\u{e9}.txt", Array("menu\n".utf8))
        try #require(try run("autoid-sign", ["-k", "autoid.key", "-o", "cafe.dsse.json", "caf\u{e9}.txt"]).status == 0)
        let made = try run("provenance-bundle", ["create", "-o", "cafe.tar", "cafe.dsse.json", "--content", "caf\u{e9}.txt"])
        try #require(made.status == 0, "\(made.stderrText)")
        #expect(try run("provenance-bundle", ["verify", "-k", "autoid.pub", "cafe.tar"]).status == 0)
        let script = """
            import sys, tarfile
            with tarfile.open(sys.argv[1]) as t, tarfile.open(sys.argv[2], "w", format=tarfile.GNU_FORMAT) as o:
                for m in t.getmembers():
                    data = t.extractfile(m)
                    if m.name == "content/caf\\u00e9.txt": m.name = "content/cafe\\u0301.txt"
                    o.addfile(m, data)
            """
        let renamed = try ToolRunner.run("python3", ["-c", script, directory.file("cafe.tar"), directory.file("nfd.tar")])
        try #require(renamed.status == 0, "\(renamed.stderrText)")
        let verified = try run("provenance-bundle", ["verify", "-k", "autoid.pub", "nfd.tar"])
        #expect(verified.status == 1, "\(verified.stdoutText)\(verified.stderrText)")
        let extracted = try run("provenance-bundle", ["extract", "-k", "autoid.pub", "-C", "nfd", "nfd.tar"])
        #expect(extracted.status == 1, "\(extracted.stderrText)")
        #expect(!FileManager.default.fileExists(atPath: directory.file("nfd")))
    }

    @Test("hostile tar archives are refused by extract with exit 3 and nothing written anywhere")
    func hostileTars() throws {
        try create("bundle.tar")
        try FileManager.default.createDirectory(atPath: directory.file("target"), withIntermediateDirectories: true)
        try hostileTar("traversal.tar", "add('content/../../provenance-bundle-escape', b'x')")
        try expectRefused("traversal.tar", message: "a '..' component")
        try hostileTar("absolute.tar", "add('/tmp/provenance-bundle-escape', b'x')")
        try expectRefused("absolute.tar", message: "an absolute name")
        try hostileTar("symlink.tar", "add('content/escape', b'', type=tarfile.SYMTYPE, linkname='/tmp')")
        try expectRefused("symlink.tar", message: "a symbolic link")
        try hostileTar(
            "through.tar",
            """
            add('content/dir', b'', type=tarfile.SYMTYPE, linkname='../../..')
            add('content/dir/provenance-bundle-escape', b'written through the link')
            """)
        try expectRefused("through.tar", message: "a symbolic link")
        try hostileTar("hardlink.tar", "add('content/passwd', b'', type=tarfile.LNKTYPE, linkname='/etc/passwd')")
        try expectRefused("hardlink.tar", message: "a hard link")
        try hostileTar("duplicate.tar", "add('content/doc.txt', b'the article\\n')")
        try expectRefused("duplicate.tar", message: "appears twice")
        try hostileTar("prefix.tar", "add('content/doc.txt/inner', b'x')")
        try expectRefused("prefix.tar", message: "is a file and a directory")
        // The folder is found on bytes: a slash and a combining mark (U+0301) are one Swift character.
        try hostileTar("prefix-mark.tar", "add('content/doc.txt/\\u0301inner', b'x')")
        try expectRefused("prefix-mark.tar", message: "'content/doc.txt' is a file and a directory")
        try hostileTar("device.tar", "add('content/null', b'', type=tarfile.CHRTYPE, devmajor=1, devminor=3)")
        try expectRefused("device.tar", message: "a device node")
        try hostileTar("fifo.tar", "add('content/pipe', b'', type=tarfile.FIFOTYPE)")
        try expectRefused("fifo.tar", message: "a FIFO")
        try hostileTar("control.tar", "add('content/bad\\x1b[2Jname', b'x')")
        try expectRefused("control.tar", message: "a control character")
        try hostileTar("outside.tar", "add('elsewhere/file', b'x')")
        try expectRefused("outside.tar", message: "outside the bundle layout")
        try hostileTar(
            "many.tar", keepAll: false,
            """
            for n in range(10050):
                add('content/f%d' % n, b'')
            """)
        try expectRefused("many.tar", message: "more than 10000 entries")
        try hostileTar(
            "bomb.tar.gz", keepAll: false, mode: "w:gz",
            """
            class Zeros(io.RawIOBase):
                def __init__(self, n): self.left = n
                def readable(self): return True
                def readinto(self, b):
                    n = min(len(b), self.left); b[:n] = bytes(n); self.left -= n; return n
            info = tarfile.TarInfo('content/zeros'); info.size = 32 << 20  # ratio ~1000, the limit 100 after 1 MiB
            o.addfile(info, io.BufferedReader(Zeros(info.size), 1 << 20))
            """)
        try expectRefused("bomb.tar.gz", message: "a decompression bomb")
        let whole = try directory.read("bundle.tar")
        try directory.write("truncated.tar", Array(whole.prefix(whole.count * 2 / 3)))
        try expectRefused("truncated.tar", message: "truncated")
    }

    @Test("a zip whose local and central headers disagree is refused")
    func disagreeingZip() throws {
        try create("bundle.zip")
        var bytes = try directory.read("bundle.zip")
        // The first local header names the manifest; give the local copy of the content's name a
        // different letter, leaving the central directory as it was.
        let name = Array("content/doc.txt".utf8)
        let signature: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
        var patched = false
        var index = 0
        while index + 30 + name.count <= bytes.count {
            if Array(bytes[index..<index + 4]) == signature,
                Array(bytes[index + 30..<index + 30 + name.count]) == name
            {
                bytes[index + 30 + 8] = UInt8(ascii: "X")  // content/Xoc.txt
                patched = true
                break
            }
            index += 1
        }
        try #require(patched)
        try directory.write("disagree.zip", bytes)
        try FileManager.default.createDirectory(atPath: directory.file("target"), withIntermediateDirectories: true)
        try expectRefused(
            "disagree.zip",
            message:
                "the zip's central directory and its local headers disagree ('content/doc.txt' in the central directory, 'content/Xoc.txt' in the local header)"
        )
    }

    @Test("extract never follows a link already in the target, and refuses to overwrite")
    func existingTarget() throws {
        try create("bundle.tar")
        try FileManager.default.createDirectory(atPath: directory.file("elsewhere"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: directory.file("target"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: directory.file("target/content"), withDestinationPath: "../elsewhere")
        try expectFailure(["extract", "-k", "autoid.pub", "-C", "target", "bundle.tar"], status: 64, message: "target: entry 'content': already exists")
        #expect(try tree(directory.file("elsewhere")) == [])
        #expect(try tree(directory.file("target")) == ["content"])
        // An existing, unrelated directory is fine.
        try FileManager.default.removeItem(atPath: directory.file("target/content"))
        try directory.write("target/notes", [1])
        let extracted = try run("provenance-bundle", ["extract", "-k", "autoid.pub", "-C", "target", "bundle.tar"])
        #expect(extracted.status == 0, "\(extracted.stderrText)")
        #expect(try tree(directory.file("target")).contains("content/doc.txt"))
    }

    @Test("--no-verify warns loudly; --key and --trust exclude each other")
    func options() throws {
        try create("bundle.tar")
        let unverified = try run("provenance-bundle", ["extract", "--no-verify", "-C", "out", "bundle.tar"])
        #expect(unverified.status == 0)
        #expect(unverified.stderrText.contains("WITHOUT checking any signature"))
        let trust = try run("provenance-bundle", ["verify", "-k", "autoid.pub", "--trust", "roots.pem", "bundle.tar"])
        #expect(trust.status == 64)
        #expect(trust.stderrText.contains("not both or neither"))
        #expect(trust.stdout.isEmpty)

        let keyless = try run("provenance-bundle", ["verify", "bundle.tar"])
        #expect(keyless.status == 64)
        #expect(keyless.stderrText.contains("--key"))
    }

    @Test("create refuses inputs that cannot make a bundle, and leaves nothing behind")
    func createRefusals() throws {
        let before = try tree()
        try expectFailure(
            ["create", "-o", "b.tar", "release.dsse.json", "--content", "doc.txt"], status: 64,
            message: "'media/photo.bin': is a subject of this envelope but not content of the bundle")
        try expectFailure(["create", "-o", "b.tar", "release.dsse.json", "--content", "../x"], status: 64, message: "a '..' component")
        try directory.write("other.txt", Array("another\n".utf8))
        try expectFailure(
            ["create", "-o", "b.tar", "release.dsse.json", "--content", "media", "--content", "doc.txt", "--content", "doc.txt"], status: 64,
            message: "the same name")
        try expectFailure(["create", "-o", "b.tar", "doc.txt", "--content", "doc.txt"], status: 3, message: "doc.txt: not a DSSE envelope")
        #expect(try tree() == (before + ["other.txt"]).sorted())
    }

    // MARK: Memory

    /// 160 MiB of content in 20 files: create (one pass for tar, hash-then-write for tar.zst) and
    /// verify (from a file and from a pipe) stay far below the content's size.
    @Test("create and verify a 160 MiB bundle in bounded memory")
    func boundedMemory() throws {
        var random = TestRandom(seed: 160)
        try directory.write("part", random.bytes(8 << 20))
        try FileManager.default.createDirectory(atPath: directory.file("big"), withIntermediateDirectories: true)
        let made = try ToolRunner.run("sh", ["-c", "for i in $(seq 10 29); do cat part part > big/f$i.bin; done"], in: directory.path)
        try #require(made.status == 0, "\(made.stderrText)")
        let names = (10...29).map { "big/f\($0).bin" }
        try #require(try run("autoid-sign", ["-k", "autoid.key", "-o", "big.dsse.json"] + names).status == 0)
        let limit = 64 * 1024 * 1024
        for bundle in ["big.tar", "big.tar.zst"] {
            let created = try run("provenance-bundle", ["create", "-o", bundle, "big.dsse.json", "--content", "big"])
            #expect(created.status == 0, "\(created.stderrText)")
            try #require(created.peakResidentBytes > 0, "measuring memory needs GNU time (apt package time)")
            #expect(created.peakResidentBytes < limit, "create \(bundle): peak RSS \(created.peakResidentBytes)")
            let verified = try run("provenance-bundle", ["verify", "-k", "autoid.pub", bundle])
            #expect(verified.status == 0, "\(verified.stderrText)")
            #expect(verified.peakResidentBytes < limit, "verify \(bundle): peak RSS \(verified.peakResidentBytes)")
            let piped = try run("provenance-bundle", ["verify", "-k", "autoid.pub", "-"], stdinPath: directory.file(bundle))
            #expect(piped.status == 0, "\(piped.stderrText)")
            #expect(piped.peakResidentBytes < limit, "verify - < \(bundle): peak RSS \(piped.peakResidentBytes)")
        }
    }

    // MARK: Outputs (AtomicOutput's rules, as autoid-sign -o)

    func mode(_ name: String) -> mode_t {
        var info = stat()
        return stat(directory.file(name), &info) == 0 ? info.st_mode & 0o7777 : 0
    }

    func fileType(_ name: String) -> mode_t {
        var info = stat()
        return lstat(directory.file(name), &info) == 0 ? info.st_mode & S_IFMT : 0
    }

    @Test("create -o: an existing bundle needs --force and keeps its mode; inputs are never replaced")
    func createOutputRules() throws {
        let first = try create("b.tar")
        #expect(chmod(directory.file("b.tar"), 0o600) == 0)
        let files = try tree()
        let arguments = ["release.dsse.json", "--content", "doc.txt", "--content", "media"]
        try expectFailure(["create", "-o", "b.tar"] + arguments, status: 64, message: "b.tar: cannot write: already exists; pass --force to replace it")
        try expectFailure(["create", "-o", "b.tar", "--format", "zip"] + arguments, status: 64, message: "already exists")
        #expect(try directory.read("b.tar") == first)
        let forced = try run("provenance-bundle", ["create", "-o", "b.tar", "--force", "--format", "zip"] + arguments)
        #expect(forced.status == 0, "\(forced.stderrText)")
        #expect(try directory.read("b.tar") != first)
        #expect(mode("b.tar") == 0o600)
        // The same file as an input, by any name (a content file found in a directory, a link to the envelope).
        let photo = try directory.read("media/photo.bin")
        try expectFailure(
            ["create", "-o", "media/photo.bin", "--force"] + arguments, status: 64,
            message: "media/photo.bin: cannot write: it is also an input")
        try expectFailure(
            ["create", "-o", "./media/photo.bin", "--force"] + arguments, status: 64,
            message: "it is the same file as the input 'media/photo.bin'")
        try FileManager.default.createSymbolicLink(atPath: directory.file("latest.tar"), withDestinationPath: "release.dsse.json")
        try expectFailure(
            ["create", "-o", "latest.tar", "--force"] + arguments, status: 64, message: "it is the same file as the input 'release.dsse.json'")
        #expect(try directory.read("media/photo.bin") == photo)
        #expect(fileType("latest.tar") == S_IFLNK)
        #expect(try tree() == (files + ["latest.tar"]).sorted())
        // Standard output is named "-"; a device is written into, never replaced.
        let null = try run("provenance-bundle", ["create", "-o", "/dev/null"] + arguments)
        #expect(null.status == 0, "\(null.stderrText)")
        var info = stat()
        #expect(stat("/dev/null", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)
        let out = try run("provenance-bundle", ["create", "-o", "-"] + arguments)
        #expect(out.status == 0 && out.stdout == first, "\(out.stderrText)")
        #expect(try tree() == (files + ["latest.tar"]).sorted())
    }

    @Test("create -o - to standard output redirected to a file: the same bytes; nothing left when the content does not match")
    func createToRedirectedStandardOutput() throws {
        let expected = try create("b.tar")
        let tool = ToolRunner.path(of: "provenance-bundle")
        let arguments = "create -o - release.dsse.json --content doc.txt --content media"
        let redirected = try ToolRunner.run("sh", ["-c", "\"$0\" \(arguments) > out.tar", tool], in: directory.path)
        #expect(redirected.status == 0, "\(redirected.stderrText)")
        #expect(try directory.read("out.tar") == expected)
        // Read and write (1<>): the placeholder is checked before it is replaced.
        let readWrite = try ToolRunner.run("sh", ["-c", "\"$0\" \(arguments) 1<> rw.tar", tool], in: directory.path)
        #expect(readWrite.status == 0, "\(readWrite.stderrText)")
        #expect(try directory.read("rw.tar") == expected)
        // Appending: written in one pass after hashing, after what the file held.
        try directory.write("log.tar", Array("old".utf8))
        let appended = try ToolRunner.run("sh", ["-c", "\"$0\" \(arguments) >> log.tar", tool], in: directory.path)
        #expect(appended.status == 0, "\(appended.stderrText)")
        #expect(try directory.read("log.tar") == Array("old".utf8) + expected)
        // Content that does not match its envelope: found after it was written, and cut away.
        try directory.write("doc.txt", Array("the article, changed\n".utf8))
        let failed = try ToolRunner.run("sh", ["-c", "\"$0\" \(arguments) > bad.tar", tool], in: directory.path)
        #expect(failed.status == 1, "\(failed.stderrText)")
        #expect(failed.stderrText.contains("doc.txt does not match the envelope"), "\(failed.stderrText)")
        #expect(try directory.read("bad.tar").isEmpty)
    }

    @Test("create -o into a FIFO writes into it, and a missing directory is named")
    func createIntoFIFO() throws {
        let expected = try create("b.tar")
        #expect(mkfifo(directory.file("fifo"), 0o644) == 0)
        let reader = open(directory.file("fifo"), O_RDONLY | O_NONBLOCK)
        try #require(reader >= 0)
        defer { close(reader) }
        // Read concurrently: the bundle is larger than a pipe holds.
        let collected = Collected()
        let thread = Thread {
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            var idle = 0
            while idle < 3000 {
                let count = read(reader, &buffer, buffer.count)
                if count > 0 {
                    collected.append(buffer[..<count])
                    idle = 0
                } else if count == 0 && collected.count > 0 {
                    break
                } else {
                    idle += 1
                    usleep(1000)
                }
            }
            collected.finish()
        }
        thread.start()
        let result = try run("provenance-bundle", ["create", "-o", "fifo", "release.dsse.json", "--content", "doc.txt", "--content", "media"])
        #expect(result.status == 0, "\(result.stderrText)")
        collected.wait()
        #expect(collected.bytes == expected)
        #expect(fileType("fifo") == S_IFIFO)
        try expectFailure(
            ["create", "-o", "nodir/b.tar", "release.dsse.json", "--content", "doc.txt", "--content", "media"], status: 4,
            message: "the directory 'nodir' does not exist")
    }

    /// Bytes a reader thread collected, and when it is done.
    final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var data: [UInt8] = []
        private let done = DispatchSemaphore(value: 0)
        func append(_ chunk: ArraySlice<UInt8>) { lock.withLock { data += chunk } }
        var count: Int { lock.withLock { data.count } }
        var bytes: [UInt8] { lock.withLock { data } }
        func finish() { done.signal() }
        func wait() { done.wait() }
    }

    @Test("xmp: an existing sidecar needs --force and keeps its mode; never over the media or envelope; - is standard output")
    func xmpOutputRules() throws {
        #expect(try run("provenance-bundle", ["xmp", "doc.txt", "--envelope", "release.dsse.json"]).status == 0)
        #expect(chmod(directory.file("doc.txt.xmp"), 0o600) == 0)
        let before = try directory.read("doc.txt.xmp")
        try expectFailure(
            ["xmp", "doc.txt", "--envelope", "release.dsse.json"], status: 64, message: "doc.txt.xmp: cannot write: already exists; pass --force")
        try directory.write("doc.txt", Array("the article, revised\n".utf8))
        let forced = try run("provenance-bundle", ["xmp", "doc.txt", "--envelope", "release.dsse.json", "--force"])
        #expect(forced.status == 0, "\(forced.stderrText)")
        #expect(try directory.read("doc.txt.xmp") != before)
        #expect(mode("doc.txt.xmp") == 0o600)
        let envelope = try directory.read("release.dsse.json")
        try expectFailure(
            ["xmp", "doc.txt", "--envelope", "release.dsse.json", "-o", "release.dsse.json", "--force"], status: 64,
            message: "release.dsse.json: cannot write: it is also an input")
        try expectFailure(
            ["xmp", "doc.txt", "--envelope", "release.dsse.json", "-o", "./doc.txt", "--force"], status: 64,
            message: "it is the same file as the input 'doc.txt'")
        #expect(try directory.read("release.dsse.json") == envelope)
        let out = try run("provenance-bundle", ["xmp", "doc.txt", "--envelope", "release.dsse.json", "-o", "-"])
        #expect(out.status == 0, "\(out.stderrText)")
        #expect(out.stdout == (try directory.read("doc.txt.xmp")))
        #expect(try run("provenance-bundle", ["xmp", "doc.txt", "--envelope", "release.dsse.json", "-o", "/dev/null"]).status == 0)
        try expectFailure(["xmp", "--read", "doc.txt.xmp", "--force"], status: 64, message: "--force are for writing one")
    }

    // MARK: XMP

    @Test("an XMP sidecar links media to its manifest, and checks against the right file only")
    func xmpSidecar() throws {
        let made = try run("provenance-bundle", ["xmp", "media/photo.bin", "--envelope", "release.dsse.json"])
        #expect(made.status == 0, "\(made.stderrText)")
        let text = String(decoding: try directory.read("media/photo.bin.xmp"), as: UTF8.self)
        #expect(text.contains("dcterms:provenance=\"file://"))
        #expect(text.contains("xmlns:dcterms=\"http://purl.org/dc/terms/\""))
        let xmllint = try ToolRunner.run(
            "python3", ["-c", "import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])", directory.file("media/photo.bin.xmp")])
        #expect(xmllint.status == 0, "not well-formed: \(xmllint.stderrText)")

        let checked = try run("provenance-bundle", ["xmp", "--read", "media/photo.bin.xmp"])
        #expect(checked.status == 0, "\(checked.stdoutText)\(checked.stderrText)")
        #expect(checked.stdoutText.hasPrefix("media/photo.bin: OK (sha256, blake3)\n"))

        // Beside the envelope: a relative reference.
        let beside = try run("provenance-bundle", ["xmp", "doc.txt", "--envelope", "release.dsse.json"])
        #expect(beside.status == 0, "\(beside.stderrText)")
        #expect(String(decoding: try directory.read("doc.txt.xmp"), as: UTF8.self).contains("dcterms:provenance=\"release.dsse.json\""))
        #expect(try run("provenance-bundle", ["xmp", "--read", "doc.txt.xmp"]).status == 0)

        // The sidecar of another file.
        let wrong = try run("provenance-bundle", ["xmp", "--read", "doc.txt.xmp", "--media", "media/photo.bin"])
        #expect(wrong.status == 1)
        #expect(wrong.stdoutText.hasPrefix("media/photo.bin: FAILED (sha256, blake3 differ: this sidecar describes another file"))
    }

    @Test("XMP sidecars with entity bombs or external entities are refused before parsing")
    func hostileXMP() throws {
        let laughs = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
             <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
            <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description xmlns:dcterms="http://purl.org/dc/terms/" dcterms:provenance="&lol3;"/></rdf:RDF></x:xmpmeta>
            """
        try directory.write("laughs.xmp", Array(laughs.utf8))
        try expectFailure(["xmp", "--read", "laughs.xmp", "--media", "doc.txt"], status: 3, message: "laughs.xmp: refused: a DOCTYPE declaration")
        let external = """
            <?xml version="1.0"?>
            <!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description xmlns:dcterms="http://purl.org/dc/terms/" dcterms:provenance="&secret;"/></rdf:RDF></x:xmpmeta>
            """
        try directory.write("external.xmp", Array(external.utf8))
        try expectFailure(["xmp", "--read", "external.xmp", "--media", "doc.txt"], status: 3, message: "refused")
        try directory.write("broken.xmp", Array("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><unclosed>".utf8))
        try expectFailure(["xmp", "--read", "broken.xmp", "--media", "doc.txt"], status: 3, message: "broken.xmp: not well-formed XML")
    }
}
