import AutoIDCompression
import AutoIDFiles
import AutoIDTestSupport
import Foundation
import Testing

/// Archives made by other tools read correctly, and ours read correctly in them.
@Suite("Archives and independent tools")
struct ArchiveInteropTests {
    @Test(
        "Python's tarfile / zipfile list our archives with our content and fixed metadata",
        arguments: ArchiveFormat.allCases)
    func pythonReadsOurs(_ format: ArchiveFormat) throws {
        let scratch = try TemporaryDirectory()
        var path = scratch.file("out.\(format.rawValue)")
        try writeSample(try ArchiveWriter(path: path, format: format, modificationTime: 1_700_000_000))
        if format == .tarZstd {  // Python 3.11's tarfile has no zstd: unpack with the zstd tool
            try scratch.write("out.tar", try run("zstd", ["-d", "-c", path]))
            path = scratch.file("out.tar")
        }
        let rows = try pythonListing(path)
        #expect(rows.map { $0[0] } == ["content/"] + sampleFiles.map(\.path) || rows.map { $0[0] } == ["content"] + sampleFiles.map(\.path))
        #expect(rows.map { $0[1] } == ["dir"] + sampleFiles.map { _ in "file" })
        #expect(rows.map { $0[2] } == ["0o755"] + sampleFiles.map { _ in "0o644" })
        for (row, file) in zip(rows.dropFirst(), sampleFiles) {
            #expect(row[8] == String(file.contents.count), "\(file.path)")
            #expect(row[9] == (try sha256Hex(file.contents)), "\(file.path)")
        }
        if format != .zip {
            for row in rows {
                #expect(row[3] == "0" && row[4] == "0" && row[5] == "" && row[6] == "", "owner of \(row[0])")
                #expect(row[7] == "1700000000", "mtime of \(row[0])")
            }
        }
    }

    @Test("GNU tar lists and extracts our tar archives")
    func gnuTarReadsOurs() throws {
        for format in [ArchiveFormat.tar, .ustar, .tarGzip, .tarZstd] {
            let scratch = try TemporaryDirectory()
            let path = scratch.file("out")
            try writeSample(try ArchiveWriter(path: path, format: format))
            try FileManager.default.createDirectory(atPath: scratch.file("x"), withIntermediateDirectories: false)
            let flag = format == .tarZstd ? ["--zstd"] : []
            try run("tar", flag + ["-xf", path, "-C", scratch.file("x")])
            for file in sampleFiles {
                #expect(
                    Array(try Data(contentsOf: URL(fileURLWithPath: scratch.file("x/" + file.path)))) == file.contents,
                    "\(format): \(file.path)")
            }
        }
    }

    @Test("unzip tests our zip archives")
    func unzipReadsOurs() throws {
        guard ToolRunner.isAvailable("unzip") else { try Test.cancel("unzip not installed") }
        let scratch = try TemporaryDirectory()
        try writeSample(try ArchiveWriter(path: scratch.file("out.zip"), format: .zip))
        let output = String(decoding: try run("unzip", ["-t", scratch.file("out.zip")]), as: UTF8.self)
        #expect(output.contains("No errors detected"))
    }

    @Test(
        "archives made by GNU tar read correctly",
        arguments: [
            (["--format=gnu"], ""), (["--format=posix"], ""), (["--format=ustar"], ""),
            (["-z"], "gzip"), (["--zstd"], "zstd"), (["-J"], "xz"),
        ])
    func gnuTarArchives(_ flags: [String], _ compression: String) throws {
        if !compression.isEmpty, !ToolRunner.isAvailable(compression) { try Test.cancel("\(compression) not installed") }
        let scratch = try TemporaryDirectory()
        let source = scratch.file("src")
        try FileManager.default.createDirectory(atPath: source + "/dir", withIntermediateDirectories: true)
        var random = TestRandom(seed: 11)
        let big = random.bytes(200_000)
        try Data(big).write(to: URL(fileURLWithPath: source + "/dir/big.bin"))
        try Data("small\n".utf8).write(to: URL(fileURLWithPath: source + "/small.txt"))
        try FileManager.default.createSymbolicLink(atPath: source + "/link", withDestinationPath: "small.txt")
        try run("tar", flags + ["--sort=name", "--owner=0", "--group=0", "-cf", scratch.file("a.tar"), "-C", source, "."])

        let reader = try ArchiveReader(InputSource(argument: scratch.file("a.tar")))
        let entries = try readEverything(reader)
        let byName = Dictionary(uniqueKeysWithValues: entries.map { ($0.entry.path ?? "?", $0) })
        #expect(byName["./dir/big.bin"]?.data == big)
        #expect(byName["./small.txt"]?.data == Array("small\n".utf8))
        #expect(byName["./link"]?.entry.kind == .symbolicLink)
        #expect(byName["./link"]?.entry.linkTarget == "small.txt")
        #expect(byName["./dir/"]?.entry.kind == .directory)
        if !compression.isEmpty { #expect(reader.formatDescription?.hasSuffix(compression) == true, "\(reader.formatDescription ?? "nil")") }
    }

    @Test(
        "every kind of entry from Python's tarfile, with hostile names kept as raw bytes",
        arguments: ["tarfile.GNU_FORMAT", "tarfile.PAX_FORMAT", "tarfile.USTAR_FORMAT"])
    func pythonTarKinds(_ format: String) throws {
        let scratch = try TemporaryDirectory()
        let script = #"""
            import sys, tarfile, io
            fmt = eval(sys.argv[2])
            def add(t, name, kind, data=b"", link="", mode=0o644):
                i = tarfile.TarInfo(name)
                i.type, i.mode, i.linkname, i.size, i.mtime, i.uid, i.gid = kind, mode, link, len(data), 1234567890, 1000, 1001
                if kind in (tarfile.CHRTYPE, tarfile.BLKTYPE): i.devmajor, i.devminor = 1, 3
                t.addfile(i, io.BytesIO(data) if data else None)
            with tarfile.open(sys.argv[1], "w", format=fmt, encoding="utf-8", errors="surrogateescape") as t:
                add(t, "file", tarfile.REGTYPE, b"data", mode=0o4755)
                add(t, "dir", tarfile.DIRTYPE, mode=0o700)
                add(t, "up", tarfile.SYMTYPE, link="../../etc/passwd")
                add(t, "hard", tarfile.LNKTYPE, link="file")
                add(t, "chr", tarfile.CHRTYPE)
                add(t, "blk", tarfile.BLKTYPE)
                add(t, "fifo", tarfile.FIFOTYPE)
                add(t, "/abs/path", tarfile.REGTYPE, b"x")
                add(t, "../escape", tarfile.REGTYPE, b"y")
                add(t, "bad\udcff\udcfename", tarfile.REGTYPE, b"z")
                add(t, "esc\x1b[31mred", tarfile.REGTYPE, b"w")
            """#
        try python(script, [scratch.file("k.tar"), format])
        let entries = try readEverything(try ArchiveReader(InputSource(argument: scratch.file("k.tar"))))
        let kinds = entries.map(\.entry.kind)
        #expect(
            kinds == [
                .regularFile, .directory, .symbolicLink, .hardLink, .characterDevice, .blockDevice, .fifo,
                .regularFile, .regularFile, .regularFile, .regularFile,
            ])
        #expect(entries[0].entry.permissions == 0o4755)
        #expect(entries[0].data == Array("data".utf8))
        #expect(entries[0].entry.modificationTime == 1_234_567_890)
        #expect(entries[0].entry.userID == 1000 && entries[0].entry.groupID == 1001)
        #expect(entries[1].entry.permissions == 0o700)
        #expect(entries[2].entry.linkTarget == "../../etc/passwd")
        #expect(entries[3].entry.linkTarget == "file")
        #expect(entries[7].entry.pathBytes == Array("/abs/path".utf8), "absolute names are reported, not rewritten")
        #expect(entries[8].entry.pathBytes == Array("../escape".utf8))
        #expect(entries[9].entry.pathBytes == Array("bad".utf8) + [0xFF, 0xFE] + Array("name".utf8))
        #expect(entries[9].entry.path == nil)
        #expect(entries[9].entry.displayPath == #"bad\xff\xfename"#)
        #expect(entries[9].data == Array("z".utf8))
        #expect(entries[10].entry.path == "esc\u{1B}[31mred")
        #expect(entries[10].entry.displayPath == #"esc\x1b[31mred"#)
    }

    @Test("zip archives from Python's zipfile, stored and deflated, from a file and through a pipe")
    func pythonZip() throws {
        let scratch = try TemporaryDirectory()
        let script = #"""
            import sys, zipfile, io
            \#(pythonUnseekable)
            data = bytes(range(256)) * 1000
            with open(sys.argv[1], "wb") as f:
                target = Unseekable(f) if sys.argv[2] == "stream" else f
                with zipfile.ZipFile(target, "w") as z:
                    z.writestr("stored.bin", data, compress_type=zipfile.ZIP_STORED)
                    z.writestr("deflated.bin", data, compress_type=zipfile.ZIP_DEFLATED)
                    z.writestr("dir/", b"")
                    z.writestr("ünïcode.txt", "text".encode())
            """#
        let expected = Array((0..<1000).flatMap { _ in (0...255).map { UInt8($0) } })
        for mode in ["seekable", "stream"] {
            try python(script, [scratch.file("\(mode).zip"), mode])
            let fromFile = try readEverything(try ArchiveReader(InputSource(argument: scratch.file("\(mode).zip"))))
            let fromPipe = try withPipe(try scratch.read("\(mode).zip")) { fd in try readEverything(try ArchiveReader(fileDescriptor: fd, name: "-")) }
            for entries in [fromFile, fromPipe] {
                #expect(entries.map(\.entry.path) == ["stored.bin", "deflated.bin", "dir/", "ünïcode.txt"], "\(mode)")
                #expect(entries.map(\.entry.kind) == [.regularFile, .regularFile, .directory, .regularFile], "\(mode)")
                #expect(entries[0].data == expected && entries[1].data == expected, "\(mode)")
                #expect(entries[3].data == Array("text".utf8), "\(mode)")
            }
        }
    }
}
