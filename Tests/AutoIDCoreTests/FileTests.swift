import AutoIDTestSupport
import Foundation
import SystemPackage
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
        var sizes: [Int] = []
        try InputSource.file(.init(path)).forEachChunk(bufferSize: 4096) {
            seen += $0
            sizes.append($0.count)
        }
        #expect(seen == data)
        #expect(sizes.dropLast().allSatisfy { $0 == 4096 })
        #expect(sizes.last == 100_003 % 4096)
    }

    @Test(arguments: [0, 1, 4095, 4096, 4097, 8192, 3 * 4096 + 5])
    func chunkBoundariesAtEveryEdge(size: Int) throws {
        let directory = try TemporaryDirectory()
        var random = TestRandom(seed: UInt64(size))
        let data = random.bytes(size)
        let path = try directory.write("data", data)
        var chunks: [[UInt8]] = []
        try InputSource.file(.init(path)).forEachChunk(bufferSize: 4096) { chunks.append(Array($0)) }
        #expect(chunks.flatMap { $0 } == data)
        #expect(chunks.allSatisfy { !$0.isEmpty })
        #expect(chunks.dropLast().allSatisfy { $0.count == 4096 })
    }

    /// A pipe hands out whatever the writer wrote last (often 64 KiB or less); the reader gathers it into
    /// full buffers, so multi-threaded hashing sees large chunks from stdin too.
    @Test func pipeReadsAreGatheredIntoFullBuffers() throws {
        var random = TestRandom(seed: 12)
        let data = random.bytes(300_001)
        let pipe = try FileDescriptor.pipe()
        let writer = pipe.writeEnd
        Thread.detachNewThread {
            var rest = data[...]
            var pieces = TestRandom(seed: 13)
            while !rest.isEmpty {
                let n = min(rest.count, Int(pieces.next() % 5000) + 1)
                _ = try? rest.prefix(n).withUnsafeBytes { try writer.writeAll($0) }
                rest = rest.dropFirst(n)
            }
            try? writer.close()
        }
        var seen: [UInt8] = []
        var sizes: [Int] = []
        let reader = ReadAhead(descriptor: pipe.readEnd, closesDescriptor: true, name: "-", bufferSize: 16384)
        try reader.forEachChunk {
            seen += $0
            sizes.append($0.count)
        }
        #expect(seen == data)
        #expect(sizes.dropLast().allSatisfy { $0 == 16384 })
    }

    struct Stop: Error {}

    /// A consumer that gives up midway gets its error back; the read-ahead thread winds down on its own
    /// (run many times: a mistake in the hand-over would hang or trap here).
    @Test func aConsumerErrorStopsReadingCleanly() throws {
        let directory = try TemporaryDirectory()
        var random = TestRandom(seed: 14)
        let path = try directory.write("data", random.bytes(50_000))
        for stopAt in 0..<40 {
            var calls = 0
            #expect(throws: Stop.self) {
                try InputSource.file(.init(path)).forEachChunk(bufferSize: 1024) { _ in
                    calls += 1
                    if calls > stopAt % 12 { throw Stop() }
                }
            }
            #expect(calls == stopAt % 12 + 1)
        }
    }

    @Test func readErrorsNameThePath() throws {
        let directory = try TemporaryDirectory()
        #expect(throws: FileError(code: .isDirectory, operation: "read", path: directory.path)) {
            try InputSource.file(.init(directory.path)).forEachChunk { _ in }
        }
    }
}
