import AutoIDBundle
import AutoIDTestSupport
import Foundation
import Testing

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
}
