import AutoIDCompression
import AutoIDFiles
import AutoIDTestSupport
import AutoIDVerdict
import Foundation
import SystemPackage
import Testing

@Suite("Archive writer and reader round trips")
struct ArchiveRoundTripTests {
    @Test("what we write reads back the same, in every format", arguments: ArchiveFormat.allCases)
    func roundTrip(_ format: ArchiveFormat) throws {
        let scratch = try TemporaryDirectory()
        let path = scratch.file("out.\(format.rawValue)")
        try writeSample(try ArchiveWriter(path: path, format: format, modificationTime: 1_700_000_000))

        let reader = try ArchiveReader(InputSource(argument: path))
        let entries = try readEverything(reader)
        #expect(entries.map { $0.entry.path } == ["content/"] + sampleFiles.map(\.path))
        #expect(entries.map { $0.entry.kind } == [.directory] + sampleFiles.map { _ in .regularFile })
        #expect(entries.map { $0.entry.index } == Array(0..<entries.count))
        for (read, file) in zip(entries.dropFirst(), sampleFiles) {
            #expect(read.data == file.contents, "\(file.path)")
            #expect(read.entry.declaredSize == Int64(file.contents.count), "\(file.path)")
            #expect(read.entry.permissions == 0o644)
        }
        #expect(entries[0].entry.permissions == 0o755)
        for read in entries {
            #expect(read.entry.modificationTime == 1_700_000_000)
            #expect(read.entry.userID == 0 && read.entry.groupID == 0)
            #expect(read.entry.linkTargetBytes == nil)
        }
        let dataBytes = Int64(sampleFiles.map(\.contents.count).reduce(0, +))
        #expect(reader.entryCount == entries.count)
        #expect(reader.entryDataBytes == dataBytes)
        #expect(reader.producedBytes >= dataBytes)
        let size = Int64(try scratch.read("out.\(format.rawValue)").count)
        if format == .zip {  // read by seeking: the central directory, then each entry
            #expect(reader.inputBytes > 300_000 && reader.inputBytes <= size)
        } else {
            #expect(reader.inputBytes == size, "every byte of the file read, no more")
        }
        #expect(try scratch.contents() == ["out.\(format.rawValue)"], "no temporary file left")
    }

    @Test("in memory and through a pipe (input that cannot seek) read the same", arguments: ArchiveFormat.allCases)
    func memoryAndPipe(_ format: ArchiveFormat) throws {
        let scratch = try TemporaryDirectory()
        let path = scratch.file("out")
        try writeSample(try ArchiveWriter(path: path, format: format))
        let bytes = try scratch.read("out")
        let fromMemory = try readEverything(try ArchiveReader(bytes: bytes, name: "memory"))
        let fromPipe = try withPipe(bytes) { fd in try readEverything(try ArchiveReader(fileDescriptor: fd, name: "-"), chunkSize: 1000) }
        #expect(fromMemory.map(\.data) == [[]] + sampleFiles.map(\.contents))
        #expect(fromPipe.map(\.data) == fromMemory.map(\.data))
        #expect(fromPipe.map(\.entry.pathBytes) == fromMemory.map(\.entry.pathBytes))
    }

    @Test("skipped entries are read through, and the next entry is still right", arguments: ArchiveFormat.allCases)
    func skipping(_ format: ArchiveFormat) throws {
        let scratch = try TemporaryDirectory()
        let path = scratch.file("out")
        try writeSample(try ArchiveWriter(path: path, format: format))
        let reader = try ArchiveReader(InputSource(argument: path))
        var names: [String?] = []
        var lastData: [UInt8] = []
        while let entry = try reader.next() {
            names.append(entry.path)
            if entry.index == sampleFiles.count {  // only the last one read
                try reader.forEachChunk { lastData += $0 }
            } else if entry.index == 3 {  // half of random.bin, then skip the rest
                var buffer = [UInt8](repeating: 0, count: 1000)
                let count = try buffer.withUnsafeMutableBytes { try reader.read(into: $0) }
                #expect(count > 0 && count <= 1000)
                #expect(Array(buffer[0..<count]) == Array(sampleFiles[2].contents.prefix(count)))
            }
        }
        #expect(names == ["content/"] + sampleFiles.map(\.path))
        #expect(lastData == sampleFiles.last!.contents)
        var visited: [String?] = []
        try ArchiveReader(InputSource(argument: path)).forEachEntry { visited.append($0.path) }
        #expect(visited == names)
        #expect(reader.entryDataBytes == Int64(sampleFiles.map(\.contents.count).reduce(0, +)), "skipped data counted")
        #expect(try reader.next() == nil, "the end stays the end")
    }

    @Test("the same entries give byte-identical archives, to a path or to a descriptor", arguments: ArchiveFormat.allCases)
    func deterministic(_ format: ArchiveFormat) throws {
        let scratch = try TemporaryDirectory()
        try writeSample(try ArchiveWriter(path: scratch.file("one"), format: format))
        try writeSample(try ArchiveWriter(path: scratch.file("two"), format: format))
        let descriptor = try FileDescriptor.open(scratch.file("three"), .writeOnly, options: [.create], permissions: .ownerReadWrite)
        try descriptor.closeAfter { try writeSample(try ArchiveWriter(fileDescriptor: descriptor, name: "three", format: format)) }
        let one = try scratch.read("one")
        #expect(one.count > 300_000 / (format == .tar || format == .ustar ? 1 : 2))
        #expect(try scratch.read("two") == one)
        #expect(try scratch.read("three") == one)
        // And the time matters (so the comparison above could fail).
        try writeSample(try ArchiveWriter(path: scratch.file("four"), format: format, modificationTime: 1_800_000_000))
        #expect(try scratch.read("four") != one)
    }

    @Test("gzip headers carry no time and no name")
    func gzipHeader() throws {
        let scratch = try TemporaryDirectory()
        try writeSample(try ArchiveWriter(path: scratch.file("out.tar.gz"), format: .tarGzip, modificationTime: 1_700_000_000))
        let bytes = try scratch.read("out.tar.gz")
        #expect(Array(bytes.prefix(3)) == [0x1F, 0x8B, 8])
        #expect(bytes[3] & 0x08 == 0, "FNAME flag set")
        #expect(Array(bytes[4..<8]) == [0, 0, 0, 0], "MTIME set")
    }

    @Test("to a path, the archive appears only when finished; unfinished, nothing is left")
    func atomicOutput() throws {
        let scratch = try TemporaryDirectory()
        do {
            let writer = try ArchiveWriter(path: scratch.file("out.tar"), format: .tar)
            try writer.addFile("a", contents: Array(repeating: 1, count: 100_000))
            let names = try scratch.contents()
            #expect(names.count == 1 && names[0].hasPrefix(".out.tar.tmp-"), "\(names)")
            #expect(!AtomicFile.exists(scratch.file("out.tar")))
        }
        #expect(try scratch.contents().isEmpty, "the temporary file outlived an unfinished writer")

        // An existing file is refused at once, before any work; one that appears meanwhile, on commit.
        try scratch.write("keep.zip", [1, 2, 3])
        let early = try #require(throws: ArchiveError.self) { try ArchiveWriter(path: scratch.file("keep.zip"), format: .zip, existing: .refuse) }
        #expect(early.code == .outputExists)
        #expect(early.exitStatus == .usage)
        let writer = try ArchiveWriter(path: scratch.file("late.zip"), format: .zip, existing: .refuse)
        try writer.addFile("a", contents: [1])
        try scratch.write("late.zip", [4, 5])
        let error = try #require(throws: ArchiveError.self) { try writer.finish() }
        #expect(error.code == .outputExists)
        #expect(error.exitStatus == .usage)
        #expect(try scratch.read("keep.zip") == [1, 2, 3])
        #expect(try scratch.read("late.zip") == [4, 5])
        #expect(try scratch.contents() == ["keep.zip", "late.zip"])
        // The same file as an input is refused, under any name.
        let input = try #require(throws: ArchiveError.self) {
            try ArchiveWriter(path: scratch.path + "/./keep.zip", format: .tar, existing: .replace, inputs: [scratch.file("keep.zip")])
        }
        #expect(input.exitStatus == .usage)
        #expect(input.description.contains("same file as the input"), "\(input.description)")
    }

    @Test("a placeholder entry is replaced in place before the tar is committed; other outputs refuse it")
    func replacedEntryData() throws {
        let scratch = try TemporaryDirectory()
        let writer = try ArchiveWriter(path: scratch.file("out.tar"), format: .tar)
        #expect(writer.canReplaceEntryData)
        let reservation = try writer.addFile("manifest.json", placeholder: Array(repeating: UInt8(ascii: "0"), count: 700))
        try writer.addFile("content/a", contents: Array(repeating: 7, count: 5000))
        // The replacement must have the same length.
        let placed = Array(repeating: UInt8(ascii: "m"), count: 700)
        try writer.finish(replacing: reservation, with: placed)
        let reader = try ArchiveReader(InputSource(argument: scratch.file("out.tar")))
        let entries = try readEverything(reader)
        #expect(entries.map { $0.entry.path } == ["manifest.json", "content/a"])
        #expect(entries[0].data == placed)
        #expect(entries[1].data == Array(repeating: 7, count: 5000))

        // The same archive written directly has the same bytes.
        let direct = try ArchiveWriter(path: scratch.file("direct.tar"), format: .tar)
        try direct.addFile("manifest.json", contents: placed)
        try direct.addFile("content/a", contents: Array(repeating: 7, count: 5000))
        try direct.finish()
        #expect(try scratch.read("direct.tar") == scratch.read("out.tar"))

        // Another length: refused, and nothing is left behind.
        let short = try ArchiveWriter(path: scratch.file("short.tar"), format: .tar)
        let shortReservation = try short.addFile("manifest.json", placeholder: [1, 2, 3])
        #expect(throws: ArchiveError.self) { try short.finish(replacing: shortReservation, with: [1, 2]) }
        #expect(!AtomicFile.exists(scratch.file("short.tar")))

        // Compressed, or to a descriptor: the bytes are gone once written.
        let compressed = try ArchiveWriter(path: scratch.file("out.tar.gz"), format: .tarGzip)
        #expect(!compressed.canReplaceEntryData)
        #expect(throws: ArchiveError.self) { _ = try compressed.addFile("manifest.json", placeholder: [1]) }
        let streamed = try ArchiveWriter(fileDescriptor: try FileDescriptor.open("/dev/null", .writeOnly), name: "-", format: .tar)
        #expect(!streamed.canReplaceEntryData)
        let appending = try FileDescriptor.open(scratch.file("appended"), .writeOnly, options: [.create, .append], permissions: .ownerReadWrite)
        defer { try? appending.close() }
        #expect(!(try ArchiveWriter(fileDescriptor: appending, name: "appended", format: .tar).canReplaceEntryData))
    }

    @Test("a caller's regular file (standard output to a file) can hold a placeholder too, after what it already holds")
    func replacedEntryDataInACallersFile() throws {
        let scratch = try TemporaryDirectory()
        let placed = Array(repeating: UInt8(ascii: "m"), count: 700)
        let direct = try ArchiveWriter(path: scratch.file("direct.tar"), format: .tar)
        try direct.addFile("manifest.json", contents: placed)
        try direct.addFile("content/a", contents: Array(repeating: 7, count: 5000))
        try direct.finish()

        for mode in [FileDescriptor.AccessMode.writeOnly, .readWrite] {
            let name = "out-\(mode.rawValue).tar"
            let fd = try FileDescriptor.open(scratch.file(name), mode, options: [.create, .truncate], permissions: .ownerReadWrite)
            defer { try? fd.close() }
            _ = try fd.writeAll(Array("prefix".utf8))
            let writer = try ArchiveWriter(fileDescriptor: fd, name: name, format: .tar)
            #expect(writer.canReplaceEntryData)
            let reservation = try writer.addFile("manifest.json", placeholder: Array(repeating: UInt8(ascii: "0"), count: 700))
            try writer.addFile("content/a", contents: Array(repeating: 7, count: 5000))
            try writer.finish(replacing: reservation, with: placed)
            #expect(try scratch.read(name) == Array("prefix".utf8) + (try scratch.read("direct.tar")), "\(mode)")
        }

        // Released unfinished: the file is cut back to what it held before.
        let fd = try FileDescriptor.open(scratch.file("cut.tar"), .writeOnly, options: [.create, .truncate], permissions: .ownerReadWrite)
        defer { try? fd.close() }
        _ = try fd.writeAll(Array("prefix".utf8))
        do {
            let writer = try ArchiveWriter(fileDescriptor: fd, name: "cut.tar", format: .tar)
            _ = try writer.addFile("manifest.json", placeholder: Array(repeating: UInt8(ascii: "0"), count: 700))
            try writer.addFile("content/a", contents: Array(repeating: 7, count: 50_000))
        }
        #expect(try scratch.read("cut.tar") == Array("prefix".utf8))
    }

    @Test(
        "names an archive of ours must not hold are refused (usage error)",
        // A slash then a combining mark (U+0301) is one Swift character; names are checked on bytes.
        arguments: ["", "/etc/passwd", "a/../b", "..", "./a", "a//b", "a/", "a\u{0}b", "../\u{301}x", "/\u{301}etc", "a/./\u{301}b"])
    func unsafeNames(_ name: String) throws {
        let writer = try ArchiveWriter(fileDescriptor: try FileDescriptor.open("/dev/null", .writeOnly), name: "-", format: .tar)
        let error = try #require(throws: ArchiveError.self) { try writer.addFile(name, contents: [1]) }
        #expect(error.code == .invalidEntry)
        #expect(error.exitStatus == .usage)
        #expect(!error.description.contains("\n"))
        #expect(throws: ArchiveError.self, "a failed writer stays failed") { try writer.finish() }
    }

    @Test("modes beyond 0o777 are refused")
    func modes() throws {
        let writer = try ArchiveWriter(fileDescriptor: try FileDescriptor.open("/dev/null", .writeOnly), name: "-", format: .tar)
        let error = try #require(throws: ArchiveError.self) { try writer.addFile("a", contents: [1], permissions: 0o4755) }
        #expect(error.code == .invalidEntry)
    }

    @Test("data that does not match the declared size is refused")
    func sizeMismatch() throws {
        let null = try FileDescriptor.open("/dev/null", .writeOnly)
        defer { try? null.close() }
        let short = try ArchiveWriter(fileDescriptor: null, name: "-", format: .tarZstd)
        try short.beginFile("a", size: 10)
        try short.write([1, 2, 3])
        let error = try #require(throws: ArchiveError.self) { try short.finishFile() }
        #expect(error.code == .sizeMismatch(declared: 10, written: 3))
        #expect(error.exitStatus == .ioError)

        let long = try ArchiveWriter(fileDescriptor: null, name: "-", format: .zip)
        try long.beginFile("a", size: 2)
        #expect(throws: ArchiveError(.sizeMismatch(declared: 2, written: 3), input: "-", entry: "a", detail: "too much data")) {
            try long.write([1, 2, 3])
        }

        let unfinished = try ArchiveWriter(fileDescriptor: null, name: "-", format: .tar)
        try unfinished.beginFile("a", size: 2)
        #expect(throws: ArchiveError.self) { try unfinished.addDirectory("b") }
    }

    @Test("ustar refuses a name it cannot hold; pax (tar) takes it")
    func ustarNames() throws {
        let null = try FileDescriptor.open("/dev/null", .writeOnly)
        defer { try? null.close() }
        let long = String(repeating: "x", count: 300)
        let ustar = try ArchiveWriter(fileDescriptor: null, name: "-", format: .ustar)
        let error = try #require(throws: ArchiveError.self) { try ustar.addFile(long, contents: [1]) }
        #expect(error.code == .invalidEntry)
        let pax = try ArchiveWriter(fileDescriptor: null, name: "-", format: .tar)
        try pax.addFile(long, contents: [1])
        try pax.finish()
    }

    @Test("a write failure is an I/O error naming the output")
    func writeFailure() throws {
        #if os(Linux)
        let full = try FileDescriptor.open("/dev/full", .writeOnly)
        defer { try? full.close() }
        let writer = try ArchiveWriter(fileDescriptor: full, name: "/dev/full", format: .tar)
        let error = try #require(throws: ArchiveError.self) {
            try writer.addFile("a", contents: Array(repeating: 7, count: 100_000))
            try writer.finish()
        }
        #expect(error.code == .writeFailed(errno: ENOSPC))
        #expect(error.exitStatus == .ioError)
        #expect(error.description.hasPrefix("/dev/full: cannot write"))
        #endif
    }
}
