import AutoIDManifest
import AutoIDTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `--files-from LIST` and `-0` (issue 12, shell habits) on `autoid-verify --each`, which takes the
/// envelopes from the list, and `provenance-bundle create`, which takes the content from it.
@Suite("--files-from lists, end to end")
struct FileListEndToEndTests {
    let directory: TemporaryDirectory

    /// Content files and one envelope per file, some with spaces and line breaks in their names.
    static let envelopes = ["one.dsse.json", "two words.dsse.json", "line\nbreak.dsse.json", "tab\there.dsse.json"]

    init() throws {
        directory = try TemporaryDirectory()
        try #require(try run("autoid-sign", ["keygen"]).status == 0)
        for (index, envelope) in Self.envelopes.enumerated() {
            try directory.write("f\(index)", Array("content \(index)\n".utf8))
            let signed = try run("autoid-sign", ["-k", "autoid.key", "-o", envelope, "f\(index)"])
            try #require(signed.status == 0, "\(signed.stderrText)")
        }
    }

    func run(_ tool: String, _ arguments: [String], stdin: [UInt8]? = nil) throws -> ToolResult {
        try ToolRunner.run(tool, arguments, in: directory.path, stdinBytes: stdin)
    }

    /// `names` as `find -print0` writes them.
    static func nulList(_ names: [String]) -> [UInt8] {
        names.flatMap { Array($0.utf8) + [0] }
    }

    @Test func verifyEachTakesNULSeparatedEnvelopeNamesWithLineBreaks() throws {
        let listed = try run("autoid-verify", ["-k", "autoid.pub", "--each", "--files-from", "-", "-0"], stdin: Self.nulList(Self.envelopes))
        #expect(listed.status == 0, "\(listed.stderrText)")
        #expect(listed.stdoutText.split(separator: "\n").count == Self.envelopes.count, "\(listed.stdoutText)")
        #expect(listed.stdoutText.contains(#"line\nbreak.dsse.json"#), "names are escaped: \(listed.stdoutText)")
        #expect(listed.stderrText == "autoid-verify: 4 envelopes: 4 verified\n", "\(listed.stderrText)")
        // The same as the names given as operands.
        let operands = try run("autoid-verify", ["-k", "autoid.pub", "--each"] + Self.envelopes)
        #expect(listed.stdout == operands.stdout)

        // Operands come first, then the list; a list from a file works the same.
        try directory.write("list0", Self.nulList(Array(Self.envelopes.dropFirst())))
        let mixed = try run("autoid-verify", ["-k", "autoid.pub", "--each", "--json", "--files-from", "list0", "-0", Self.envelopes[0]])
        #expect(mixed.status == 0, "\(mixed.stderrText)")
        #expect(mixed.stdoutText.split(separator: "\n").count == Self.envelopes.count)

        // Read as lines (no -0), the name with a line break is two names that do not exist: exit 4.
        let lines = try run("autoid-verify", ["-k", "autoid.pub", "--each", "--files-from", "-"], stdin: Array(Self.envelopes.joined(separator: "\n").utf8))
        #expect(lines.status == 4, "\(lines.stderrText)")

        // A failing envelope in the list decides the exit code.
        try directory.write("f1", Array("changed\n".utf8))
        let failed = try run("autoid-verify", ["-k", "autoid.pub", "--each", "--files-from", "-", "-0"], stdin: Self.nulList(Self.envelopes))
        #expect(failed.status == 1, "\(failed.stderrText)")
        #expect(failed.stdoutText.contains("two words.dsse.json: FAILED"), "\(failed.stdoutText)")
    }

    @Test func verifyListsAreRefusedAsOnSign() throws {
        // An empty list and no operand: nothing to verify (usage, as `autoid-sign --files-from` does).
        let empty = try run("autoid-verify", ["-k", "autoid.pub", "--each", "--files-from", "-", "-0"], stdin: [])
        #expect(empty.status == 64)
        #expect(empty.stderrText.contains("names no envelope"), "\(empty.stderrText)")
        #expect(empty.stdout.isEmpty)
        // An empty list beside an operand is that operand.
        let one = try run("autoid-verify", ["-k", "autoid.pub", "--each", "--files-from", "-", "-0", Self.envelopes[0]], stdin: [])
        #expect(one.status == 0, "\(one.stderrText)")
        // Without --each and without an envelope operand, the list cannot stand for the envelope.
        let noEach = try run("autoid-verify", ["-k", "autoid.pub", "--files-from", "-"], stdin: Array("one.dsse.json\n".utf8))
        #expect(noEach.status == 64)
        // Standard input cannot be both the list and an envelope; a listed - is refused with --each.
        #expect(try run("autoid-verify", ["-k", "autoid.pub", "--each", "--files-from", "-", "-"], stdin: []).status == 64)
        #expect(try run("autoid-verify", ["-k", "autoid.pub", "--each", "--files-from", "-", "-0"], stdin: [0x2d, 0]).status == 64)
        // -0 without a list is a usage error.
        #expect(try run("autoid-verify", ["-k", "autoid.pub", "-0", "one.dsse.json"]).status == 64)
        // Without --each, listed names select subjects, as FILE operands do.
        try directory.write("all.json", [])
        #expect(try run("autoid-sign", ["-k", "autoid.key", "-o", "all.json", "--force", "f0", "f2"]).status == 0)
        let selected = try run("autoid-verify", ["-k", "autoid.pub", "all.json", "--files-from", "-", "-0"], stdin: Self.nulList(["f2"]))
        #expect(selected.status == 0, "\(selected.stderrText)")
        #expect(selected.stdoutText == "f2: OK\n")
    }

    /// 100,000 names through a list and a shard: read and split in linear time (the run takes a
    /// moment; a quadratic step would take minutes), and the shard gets its share.
    @Test func aHundredThousandListedEnvelopes() throws {
        let names = (0..<100_000).map { "missing/\($0).dsse.json" }
        let shard = try #require(Shard("1/1000"))
        let share = names.filter(shard.contains).count
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try run("autoid-verify", ["-k", "autoid.pub", "--each", "--shard", "1/1000", "--files-from", "-", "-0"], stdin: Self.nulList(names))
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        print("autoid-verify --each --files-from with 100,000 names, shard 1/1000: \(String(format: "%.2f", seconds)) s")
        #expect(result.status == 4, "\(result.stderrText)")  // every listed file is missing
        #expect(result.stdoutText.split(separator: "\n").count == share)
        #expect(result.stderrText.contains("\(share) envelopes (shard 1/1000)"), "\(result.stderrText)")
    }

    @Test func bundleCreateTakesTheContentFromAList() throws {
        #expect(try run("autoid-sign", ["-k", "autoid.key", "-o", "release.json", "f0", "f1", "f2"]).status == 0)
        let listed = try run(
            "provenance-bundle", ["create", "-o", "listed.tar", "release.json", "--files-from", "-", "-0"], stdin: Self.nulList(["f0", "f1", "f2"]))
        #expect(listed.status == 0, "\(listed.stderrText)")
        #expect(listed.stdout.isEmpty && listed.stderr.isEmpty)
        let given = try run("provenance-bundle", ["create", "-o", "given.tar", "release.json", "--content", "f0", "--content", "f1", "--content", "f2"])
        #expect(given.status == 0, "\(given.stderrText)")
        #expect(try directory.read("listed.tar") == directory.read("given.tar"), "a list and --content options give the same bundle")
        // --content and a list add up; a name twice is refused, as on the command line.
        let mixed = try run(
            "provenance-bundle", ["create", "-o", "mixed.tar", "release.json", "--content", "f0", "--files-from", "-"], stdin: Array("f1\nf2\n".utf8))
        #expect(mixed.status == 0, "\(mixed.stderrText)")
        #expect(try directory.read("mixed.tar") == directory.read("given.tar"))
        let twice = try run(
            "provenance-bundle", ["create", "-o", "twice.tar", "release.json", "--content", "f0", "--files-from", "-"], stdin: Array("f0\nf1\nf2\n".utf8))
        #expect(twice.status == 64, "\(twice.stderrText)")
        #expect(!FileManager.default.fileExists(atPath: directory.file("twice.tar")))
        // An empty list and no other content: nothing to bundle.
        let empty = try run("provenance-bundle", ["create", "-o", "empty.tar", "release.json", "--files-from", "-", "-0"], stdin: [])
        #expect(empty.status == 64)
        #expect(empty.stderrText.contains("names no content"), "\(empty.stderrText)")
        // Standard input cannot be both the list and the tar stream.
        #expect(try run("provenance-bundle", ["create", "-o", "x.tar", "release.json", "--from-tar", "-", "--files-from", "-"], stdin: []).status == 64)
        // A name with a line break, listed with -0, is refused as a subject name like any control character.
        try directory.write("bad\nname", [1])
        let badName = try run(
            "provenance-bundle", ["create", "-o", "bad.tar", "release.json", "--files-from", "-", "-0"], stdin: Self.nulList(["f0", "f1", "f2", "bad\nname"]))
        #expect(badName.status == 64, "\(badName.stderrText)")
        #expect(badName.stderrText.hasPrefix(#"provenance-bundle: bad\nname: cannot be a subject name"#), "escaped, one line: \(badName.stderrText)")
        #expect(badName.stderrText.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: directory.file("bad.tar")))
    }
}
