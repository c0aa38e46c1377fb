import AutoIDCompression
import AutoIDTestSupport
import AutoIDVerdict
import Foundation
import Testing

/// The central directory as other tools see it: our own zips, Python's (with a comment and ZIP64),
/// and damaged ones.
@Suite("Zip central directory")
struct ZipCentralDirectoryTests {
    @Test func ourZipListsWhatTheReaderReads() throws {
        let scratch = try TemporaryDirectory()
        try writeSample(try ArchiveWriter(path: scratch.file("a.zip"), format: .zip))
        let records = try ZipCentralDirectory.records(path: scratch.file("a.zip"), maximumEntries: 100)
        let read = try readEverything(try ArchiveReader(.file(.init(scratch.file("a.zip")))))
        #expect(records.map(\.nameBytes) == read.map(\.entry.pathBytes))
        for (record, entry) in zip(records, read) where record.size != nil {
            #expect(record.size == Int64(entry.data.count))
        }
    }

    @Test("Python's zips: an archive comment, and forced ZIP64 records")
    func pythonZips() throws {
        let scratch = try TemporaryDirectory()
        try python(
            """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], "w") as z:
                z.writestr("a.txt", b"alpha")
                z.comment = b"x" * 300
            with zipfile.ZipFile(sys.argv[2], "w", allowZip64=True) as z:
                with z.open("big.bin", "w", force_zip64=True) as f: f.write(b"b" * 1000)
            """, [scratch.file("comment.zip"), scratch.file("zip64.zip")])
        #expect(
            try ZipCentralDirectory.records(path: scratch.file("comment.zip"), maximumEntries: 10)
                == [.init(nameBytes: Array("a.txt".utf8), size: 5)])
        let big = try ZipCentralDirectory.records(path: scratch.file("zip64.zip"), maximumEntries: 10)
        #expect(big.map(\.nameBytes) == [Array("big.bin".utf8)])
    }

    @Test("damaged directories and caps are refused as malformed input")
    func refused() throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("notzip", Array(repeating: 0x41, count: 100))
        #expect(throws: ArchiveError.self) { try ZipCentralDirectory.records(path: scratch.file("notzip"), maximumEntries: 10) }
        try writeSample(try ArchiveWriter(path: scratch.file("a.zip"), format: .zip))
        do {
            _ = try ZipCentralDirectory.records(path: scratch.file("a.zip"), maximumEntries: 2)
            Issue.record("a cap of 2 entries accepted \(sampleFiles.count + 1)")
        } catch {
            #expect(error.exitStatus == .malformedInput)
        }
        var bytes = try scratch.read("a.zip")
        // Point the end record's directory offset past the end of the file.
        let end = try #require((0...(bytes.count - 22)).reversed().first { Array(bytes[$0..<$0 + 4]) == [0x50, 0x4B, 5, 6] })
        bytes[end + 16] = 0xFF
        bytes[end + 17] = 0xFF
        bytes[end + 18] = 0xFF
        bytes[end + 19] = 0x7F
        try scratch.write("bad.zip", bytes)
        do {
            _ = try ZipCentralDirectory.records(path: scratch.file("bad.zip"), maximumEntries: 100)
            Issue.record("a directory outside the file was accepted")
        } catch {
            #expect(error.exitStatus == .malformedInput)
            #expect(error.description.contains("outside the file"))
        }
    }
}
