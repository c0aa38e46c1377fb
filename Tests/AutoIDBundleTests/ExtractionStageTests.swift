import AutoIDBundle
import AutoIDFiles
import AutoIDTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// All-or-nothing extraction, down to the moves of the commit: a process killed at any point must not
/// leave a target holding part of a bundle (issue 12, crash safety).
@Suite("Extraction stage")
struct ExtractionStageTests {
    /// Writes the manifest and one content file through `stage`.
    func writeBundle(_ stage: ExtractionStage) throws {
        for (path, text) in [("autoid-bundle.json", "{}"), ("content/a.txt", "a\n")] {
            try stage.begin(path)
            try Array(text.utf8).withUnsafeBytes { try stage.write($0) }
            try stage.end()
        }
    }

    @Test func aNewTargetAppearsWholeByOneRename() throws {
        let directory = try TemporaryDirectory()
        let stage = try ExtractionStage(target: directory.file("out"))
        try writeBundle(stage)
        // Until the commit, the target does not exist: only a hidden folder beside it.
        #expect(!FileManager.default.fileExists(atPath: directory.file("out")))
        let hidden = try directory.contents()
        #expect(hidden.count == 1 && hidden[0].hasPrefix(".out.provenance-bundle-"), "\(hidden)")
        try stage.commit()
        #expect(try directory.contents() == ["out"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.file("out")).sorted() == ["autoid-bundle.json", "content"])
        #expect(try directory.read("out/content/a.txt") == Array("a\n".utf8))
    }

    /// Entry paths are split at their slash bytes: a slash then a combining mark (U+0301) is one Swift
    /// character, and split as characters "content/\u{301}a/b" made the folder "content/\u{301}a" in one
    /// step, which failed before "content" existed.
    @Test func pathsAreSplitOnBytes() throws {
        let directory = try TemporaryDirectory()
        let stage = try ExtractionStage(target: directory.file("out"))
        for path in ["content/\u{301}a/b.txt", "content/\u{301}a/c.txt"] {
            try stage.begin(path)
            try [UInt8(ascii: "x")].withUnsafeBytes { try stage.write($0) }
            try stage.end()
        }
        try stage.commit()
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.file("out/content/\u{301}a")).sorted() == ["b.txt", "c.txt"])
    }

    @Test func anAbandonedNewTargetLeavesNothing() throws {
        let directory = try TemporaryDirectory()
        do {
            let stage = try ExtractionStage(target: directory.file("out"))
            try writeBundle(stage)
        }
        #expect(try directory.contents().isEmpty)
    }

    @Test func aNewTargetThatAppearedMeanwhileIsNotReplaced() throws {
        let directory = try TemporaryDirectory()
        let stage = try ExtractionStage(target: directory.file("out"))
        try writeBundle(stage)
        try FileManager.default.createDirectory(atPath: directory.file("out/mine"), withIntermediateDirectories: true)
        #expect(throws: BundleError.self) { try stage.commit() }
        #expect(try directory.contents() == ["out"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.file("out")) == ["mine"])
    }

    @Test func anExistingTargetReceivesTheBundle() throws {
        let directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.file("out"), withIntermediateDirectories: true)
        let stage = try ExtractionStage(target: directory.file("out"))
        try writeBundle(stage)
        try stage.commit()
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.file("out")).sorted() == ["autoid-bundle.json", "content"])
    }

    // MARK: Interrupted extractions

    /// The id of a process that has exited and been reaped.
    static func deadProcessID() throws -> pid_t {
        var pid = pid_t()
        let argv = [strdup("/bin/true"), nil]
        defer { free(argv[0]) }
        try #require(posix_spawn(&pid, "/bin/true", nil, nil, argv, environ) == 0)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return pid
    }

    /// Makes `files` (path: text) below `folder`, with their folders.
    func make(_ files: [String: String], in folder: String) throws {
        for (path, text) in files {
            let full = folder + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        }
    }

    func tree(_ folder: String) -> [String] {
        (FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []).sorted()
    }

    static let hasStamps = WriterStamp.systemTag != nil

    @Test(.enabled(if: hasStamps, "needs /proc (boot id and PID namespace)"))
    func aCommitKilledHalfwayIsFinishedByTheNextExtraction() throws {
        let directory = try TemporaryDirectory()
        let out = directory.file("out")
        let tag = try #require(WriterStamp.systemTag)
        let staging = out + "/.provenance-bundle-\(tag)-\(try Self.deadProcessID())-5eed"
        // The writer marked its commit, moved envelopes/ into the target, and was killed.
        try make(["keep.txt": "mine", "envelopes/e.json": "{}"], in: out)
        try make([".commit": "", "autoid-bundle.json": "{}", "content/a.txt": "a\n", "certs/c.pem": "pem"], in: staging)
        let error = try #require(throws: BundleError.self) { try ExtractionStage(target: out) }
        #expect(error.code == .targetExists)
        #expect(error.description.contains("interrupted"), "\(error)")
        #expect(
            tree(out) == ["autoid-bundle.json", "certs", "certs/c.pem", "content", "content/a.txt", "envelopes", "envelopes/e.json", "keep.txt"],
            "\(tree(out))")
    }

    @Test(.enabled(if: hasStamps, "needs /proc (boot id and PID namespace)"))
    func aManifestLinkedButNotUnlinkedIsFinishedToo() throws {
        let directory = try TemporaryDirectory()
        let out = directory.file("out")
        let tag = try #require(WriterStamp.systemTag)
        let staging = out + "/.provenance-bundle-\(tag)-\(try Self.deadProcessID())-5eed"
        try make(["content/a.txt": "a\n"], in: out)
        try make([".commit": "", "autoid-bundle.json": "{}"], in: staging)
        #expect(link(staging + "/autoid-bundle.json", out + "/autoid-bundle.json") == 0)
        #expect(throws: BundleError.self) { try ExtractionStage(target: out) }
        #expect(tree(out) == ["autoid-bundle.json", "content", "content/a.txt"], "\(tree(out))")
    }

    @Test(.enabled(if: hasStamps, "needs /proc (boot id and PID namespace)"))
    func uncommittedStagesOfKilledExtractionsAreRemovedLiveOnesKept() throws {
        let directory = try TemporaryDirectory()
        let out = directory.file("out")
        let tag = try #require(WriterStamp.systemTag)
        let dead = try Self.deadProcessID()
        var live = pid_t()
        let argv = [strdup("/bin/sleep"), strdup("60"), nil]
        defer { for pointer in argv { free(pointer) } }
        try #require(posix_spawn(&live, "/bin/sleep", nil, nil, argv, environ) == 0)
        defer {
            kill(live, SIGKILL)
            var status: Int32 = 0
            waitpid(live, &status, 0)
        }
        let deadStage = ".provenance-bundle-\(tag)-\(dead)-5eed"
        let liveStage = ".provenance-bundle-\(tag)-\(live)-5eed"
        let olderKind = ".provenance-bundle-5eed"
        try make(
            ["keep.txt": "mine", deadStage + "/content/a.txt": "a", liveStage + "/content/b.txt": "b", olderKind + "/content/c.txt": "c"], in: out)
        // Beside a new target: the hidden folder of a killed extraction to that name goes too.
        let hiddenDead = ".new.provenance-bundle-\(tag)-\(dead)-5eed"
        try make([hiddenDead + "/content/a.txt": "a"], in: directory.path)

        let stage = try ExtractionStage(target: out)
        try writeBundle(stage)
        try stage.commit()
        let top = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(top == [liveStage, olderKind, "autoid-bundle.json", "content", "keep.txt"].sorted(), "\(top)")

        let new = try ExtractionStage(target: directory.file("new"))
        try writeBundle(new)
        try new.commit()
        #expect(try directory.contents() == ["new", "out"])
    }
}
