import AutoIDTestSupport
import Foundation
import Testing

@testable import AutoIDFiles

@Suite("Files")
struct FileTests {
    @Test func atomicWriteCreatesWithModeAndLeavesNoTemporaryFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("secret")
        try AtomicFile.write(Array("one".utf8), to: path, permissions: [.ownerReadWrite], existing: .refuse)
        #expect(try directory.read("secret") == Array("one".utf8))
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try directory.contents() == ["secret"])
    }

    @Test func refusingToOverwriteKeepsTheOldFile() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("file", Array("old".utf8))
        #expect(throws: FileError(code: .refusedToOverwrite, operation: "write", path: path)) {
            try AtomicFile.write(Array("new".utf8), to: path, existing: .refuse)
        }
        #expect(try directory.read("file") == Array("old".utf8))
        #expect(try directory.contents() == ["file"])
        try AtomicFile.write(Array("new".utf8), to: path, existing: .replace)
        #expect(try directory.read("file") == Array("new".utf8))
        #expect(try directory.contents() == ["file"])
    }

    @Test func writingIntoAMissingDirectoryFailsCleanly() throws {
        let directory = try TemporaryDirectory()
        #expect(throws: FileError.self) {
            try AtomicFile.write([1, 2, 3], to: directory.file("no/such/dir/file"))
        }
        #expect(try directory.contents().isEmpty)
    }

    @Test func smallFileReadsEnforceTheLimit() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("big", [UInt8](repeating: 7, count: 1000))
        #expect(try SmallFile.read(path: path, limit: 1000).count == 1000)
        #expect(throws: FileError(code: .tooLarge(limit: 999), operation: "read", path: path)) {
            try SmallFile.read(path: path, limit: 999)
        }
    }

    @Test func chunksCoverTheWholeInputInOrder() throws {
        let directory = try TemporaryDirectory()
        var random = TestRandom(seed: 11)
        let data = random.bytes(100_003)
        let path = try directory.write("data", data)
        var seen: [UInt8] = []
        try InputSource.file(.init(path)).forEachChunk(bufferSize: 4096) { seen += $0 }
        #expect(seen == data)
    }
}
