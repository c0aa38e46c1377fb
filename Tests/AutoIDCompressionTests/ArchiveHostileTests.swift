import AutoIDCompression
import AutoIDFiles
import AutoIDTestSupport
import AutoIDVerdict
import Foundation
import Testing

/// Damaged, truncated, random and oversized archives: each refused with a clear one-line error and
/// the malformed-input status, never a crash.
@Suite("Hostile archives")
struct ArchiveHostileTests {
    /// The sample archive in `format`, as bytes.
    static func sample(_ format: ArchiveFormat) throws -> [UInt8] {
        let scratch = try TemporaryDirectory()
        try writeSample(try ArchiveWriter(path: scratch.file("a"), format: format))
        return try scratch.read("a")
    }

    static func expectMalformed(_ error: ArchiveError?, _ comment: Comment, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let error else {
            Issue.record("read without an error: \(comment)", sourceLocation: sourceLocation)
            return
        }
        #expect(error.exitStatus == .malformedInput, "\(comment): \(error)", sourceLocation: sourceLocation)
        #expect(!error.description.contains("\n"), sourceLocation: sourceLocation)
        #expect(error.description.hasPrefix(error.input == "-" ? "standard input:" : "\(error.input):"), sourceLocation: sourceLocation)
    }

    @Test("truncated archives are refused, wherever the cut", arguments: ArchiveFormat.allCases)
    func truncated(_ format: ArchiveFormat) throws {
        let bytes = try Self.sample(format)
        // Inside the header of the first file, inside random.bin's data (a third of the way in for
        // uncompressed tar); for tar, inside the last header (the two zero blocks after it only mark
        // the end, and libarchive, like GNU tar, accepts an archive without them); for compressed
        // tar, inside the stream's trailer. (A zip read as a stream ends at its central directory,
        // which is then not checked: a zip cut there reads as the entries before it.)
        var cuts = [700, bytes.count / 3, bytes.count / 2]
        switch format {
        case .tar, .ustar: cuts.append(bytes.count - 1100)
        case .tarGzip, .tarZstd: cuts.append(bytes.count - 4)
        case .zip: break
        }
        for cut in cuts {
            let head = Array(bytes.prefix(cut))
            Self.expectMalformed(readError { try ArchiveReader(bytes: head, name: "cut.\(format.rawValue)") }, "\(format) cut at \(cut) of \(bytes.count)")
            // The same through a pipe (zip is then read without its central directory).
            let piped = try withPipe(head) { fd in readError { try ArchiveReader(fileDescriptor: fd, name: "-") } }
            Self.expectMalformed(piped, "\(format) piped, cut at \(cut)")
        }
    }

    @Test("random bytes and a corrupted stream are refused")
    func garbage() throws {
        var random = TestRandom(seed: 99)
        for size in [1, 511, 512, 4096, 100_000] {
            let bytes = random.bytes(size)
            Self.expectMalformed(readError { try ArchiveReader(bytes: bytes, name: "random") }, "\(size) random bytes")
        }
        // A valid gzip header followed by garbage; a zip whose deflated data is flipped in the middle.
        Self.expectMalformed(readError { try ArchiveReader(bytes: [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3] + random.bytes(5000), name: "g") }, "gzip garbage")
        var zip = try Self.sample(.zip)
        for i in 2000..<2100 { zip[i] ^= 0x5A }
        let zipCopy = zip
        Self.expectMalformed(readError { try ArchiveReader(bytes: zipCopy, name: "flipped.zip") }, "flipped zip data")
    }

    @Test("an empty input is not an archive")
    func empty() throws {
        Self.expectMalformed(readError { try ArchiveReader(bytes: [UInt8](), name: "empty") }, "empty")
        let piped = try withPipe([]) { fd in readError { try ArchiveReader(fileDescriptor: fd, name: "-") } }
        Self.expectMalformed(piped, "empty pipe")
    }

    @Test("more entries than the cap", arguments: [ArchiveFormat.tar, .zip])
    func tooManyEntries(_ format: ArchiveFormat) throws {
        let scratch = try TemporaryDirectory()
        let writer = try ArchiveWriter(path: scratch.file("many"), format: format)
        for i in 0..<30 { try writer.addFile("f\(i)", contents: [UInt8(i)]) }
        try writer.finish()
        let bytes = try scratch.read("many")
        #expect(try readEverything(try ArchiveReader(bytes: bytes, name: "many", limits: ArchiveLimits(maximumEntries: 30))).count == 30)
        let error = readError { try ArchiveReader(bytes: bytes, name: "many", limits: ArchiveLimits(maximumEntries: 29)) }
        Self.expectMalformed(error, "30 entries, cap 29")
        #expect(error?.code == .tooManyEntries(limit: 29))
    }

    @Test("the default entry cap refuses a 100,000-entry archive")
    func defaultEntryCap() throws {
        let scratch = try TemporaryDirectory()
        let writer = try ArchiveWriter(path: scratch.file("huge.tar.gz"), format: .tarGzip)
        for i in 0..<(ArchiveLimits.default.maximumEntries + 1) { try writer.addDirectory("d\(i)") }
        try writer.finish()
        let error = readError { try ArchiveReader(InputSource(argument: scratch.file("huge.tar.gz"))) }
        Self.expectMalformed(error, "default cap")
        #expect(error?.code == .tooManyEntries(limit: 10_000))
    }

    @Test("declared sizes over the total cap are refused before any data is read")
    func declaredTooLarge() throws {
        let bytes = try Self.sample(.tar)
        let limits = ArchiveLimits(maximumTotalBytes: 200_000)
        let reader = try ArchiveReader(bytes: bytes, name: "big.tar", limits: limits)
        var seen = 0
        let error = try #require(throws: ArchiveError.self) {
            while try reader.next() != nil { seen += 1 }
        }
        #expect(error.code == .tooLarge(limit: 200_000))
        #expect(error.entry == "content/random.bin")
        #expect(seen == 3, "content/, a.txt and empty before random.bin")
        #expect(reader.entryDataBytes < 200_000, "refused at the header")
        #expect(throws: error, "a failed reader stays failed") { try reader.next() }
    }

    @Test("produced bytes over the total cap are refused when no size is declared (streamed zip)")
    func producedTooLarge() throws {
        let scratch = try TemporaryDirectory()
        let script = #"""
            import sys, zipfile, io, random
            \#(pythonUnseekable)
            with open(sys.argv[1], "wb") as f, zipfile.ZipFile(Unseekable(f), "w", zipfile.ZIP_DEFLATED) as z:
                with z.open("streamed.bin", "w") as e:
                    e.write(random.Random(5).randbytes(50_000))
            """#
        try python(script, [scratch.file("s.zip")])
        let bytes = try scratch.read("s.zip")
        let header = try withPipe(bytes) { fd in try ArchiveReader(fileDescriptor: fd, name: "-").next() }
        #expect(header?.declaredSize == nil, "a streamed zip entry declares no size before its data")
        let error = try withPipe(bytes) { fd in
            readError { try ArchiveReader(fileDescriptor: fd, name: "-", limits: ArchiveLimits(maximumTotalBytes: 20_000)) }
        }
        Self.expectMalformed(error, "streamed zip over the size cap")
        #expect(error?.code == .tooLarge(limit: 20_000))
        #expect(error?.description.hasPrefix("standard input:") == true)
    }

    @Test("a zip bomb (one deflated entry, ratio about 1000) is refused by the default ratio cap")
    func zipBomb() throws {
        let scratch = try TemporaryDirectory()
        try python(
            #"""
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
                z.writestr("bomb.bin", bytes(64 << 20))
            """#, [scratch.file("bomb.zip")])
        #expect(try scratch.read("bomb.zip").count < 200_000)
        let reader = try ArchiveReader(InputSource(argument: scratch.file("bomb.zip")))
        let error = try #require(throws: ArchiveError.self) { _ = try readEverything(reader, chunkSize: 1 << 16) }
        Self.expectMalformed(error, "zip bomb")
        #expect(error.code == .ratioTooHigh(limit: 100))
        #expect(error.entry == "bomb.bin")
        #expect(reader.entryDataBytes < 16 << 20, "stopped early, not after 64 MiB")
    }

    @Test(
        "a tar.gz and a tar.zst of zeros go over the ratio cap even when the caller skips the data",
        arguments: [ArchiveFormat.tarGzip, .tarZstd])
    func compressedBomb(_ format: ArchiveFormat) throws {
        let scratch = try TemporaryDirectory()
        let writer = try ArchiveWriter(path: scratch.file("zeros"), format: format)
        try writer.beginFile("zeros", size: 32 << 20)
        let zeros = [UInt8](repeating: 0, count: 1 << 20)
        for _ in 0..<32 { try writer.write(zeros) }
        try writer.finishFile()
        try writer.addFile("after", contents: [1])
        try writer.finish()
        let reader = try ArchiveReader(InputSource(argument: scratch.file("zeros")))
        #expect(try reader.next()?.path == "zeros")
        let error = try #require(throws: ArchiveError.self) { _ = try reader.next() }  // skips the data
        #expect(error.code == .ratioTooHigh(limit: 100))
        // With a cap that allows it, the same archive reads.
        let lenient = try ArchiveReader(InputSource(argument: scratch.file("zeros")), limits: ArchiveLimits(maximumRatio: 100_000))
        #expect(try readEverything(lenient).map(\.entry.path) == ["zeros", "after"])
    }

    @Test("names and link targets over the name cap are refused")
    func longNames() throws {
        let scratch = try TemporaryDirectory()
        let writer = try ArchiveWriter(path: scratch.file("n.tar"), format: .tar)
        try writer.addFile(String(repeating: "n", count: 100), contents: [1])
        try writer.finish()
        let error = readError { try ArchiveReader(InputSource(argument: scratch.file("n.tar")), limits: ArchiveLimits(maximumNameBytes: 99)) }
        Self.expectMalformed(error, "long name")
        #expect(error?.code == .nameTooLong(limit: 99))
        #expect(readError { try ArchiveReader(InputSource(argument: scratch.file("n.tar")), limits: ArchiveLimits(maximumNameBytes: 100)) } == nil)

        try python(
            #"""
            import sys, tarfile
            with tarfile.open(sys.argv[1], "w", format=tarfile.PAX_FORMAT) as t:
                i = tarfile.TarInfo("link"); i.type = tarfile.SYMTYPE; i.linkname = "t" * 5000
                t.addfile(i)
            """#, [scratch.file("l.tar")])
        let linkError = readError { try ArchiveReader(InputSource(argument: scratch.file("l.tar"))) }
        Self.expectMalformed(linkError, "long link target")
        #expect(linkError?.code == .nameTooLong(limit: 4096))
        #expect(linkError?.entry == "link")
    }

    @Test("a header libarchive reads only in part (a malformed pax record) is refused, not half-used")
    func malformedPaxRecord() throws {
        let scratch = try TemporaryDirectory()
        try python(
            #"""
            import sys, tarfile, io
            with tarfile.open(sys.argv[1], "w", format=tarfile.USTAR_FORMAT) as t:
                x = tarfile.TarInfo("PaxHeader/f"); x.type = tarfile.XHDTYPE; record = b"garbage record\n"; x.size = len(record)
                t.addfile(x, io.BytesIO(record))
                f = tarfile.TarInfo("f"); f.size = 5
                t.addfile(f, io.BytesIO(b"hello"))
            """#, [scratch.file("pax.tar")])
        let error = readError { try ArchiveReader(InputSource(argument: scratch.file("pax.tar"))) }
        Self.expectMalformed(error, "malformed pax record")
        #expect(error?.code == .malformed)
    }

    @Test("unreadable inputs are I/O errors that name the path")
    func unreadable() throws {
        let scratch = try TemporaryDirectory()
        let missing = try #require(throws: ArchiveError.self) { try ArchiveReader(InputSource(argument: scratch.file("nope.tar"))) }
        #expect(missing.code == .readFailed(errno: ENOENT))
        #expect(missing.exitStatus == .ioError)
        #expect(missing.description.hasPrefix(scratch.file("nope.tar") + ": cannot read"))
        let directory = readError { try ArchiveReader(InputSource(argument: scratch.path)) }
        #expect(directory?.code == .readFailed(errno: EISDIR))
        #expect(directory?.exitStatus == .ioError)
    }
}
