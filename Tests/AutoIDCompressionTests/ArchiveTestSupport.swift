import AutoIDCompression
import AutoIDTestSupport
import Foundation
import SystemPackage
import Testing

/// One entry as read back: its header and all its data.
struct ReadEntry {
    var entry: ArchiveEntry
    var data: [UInt8]
}

/// Reads every entry and all data (in chunks of `chunkSize`), so that every error surfaces.
func readEverything(_ reader: ArchiveReader, chunkSize: Int = 4096) throws -> [ReadEntry] {
    var result: [ReadEntry] = []
    while let entry = try reader.next() {
        var data: [UInt8] = []
        try reader.forEachChunk(bufferSize: chunkSize) { chunk in
            #expect(chunk.count <= chunkSize)
            data += chunk
        }
        result.append(ReadEntry(entry: entry, data: data))
    }
    return result
}

/// The error a read throws, or nil when the whole archive read cleanly.
func readError(_ make: () throws -> ArchiveReader) -> ArchiveError? {
    do {
        _ = try readEverything(try make())
        return nil
    } catch let error as ArchiveError {
        return error
    } catch {
        Issue.record("not an ArchiveError: \(error)")
        return nil
    }
}

/// The sample content every round trip writes: a directory, small, empty and multi-chunk files, a
/// long name (ustar splits it at a '/') and a non-ASCII one (a pax header in tar).
let sampleFiles: [(path: String, contents: [UInt8])] = {
    var random = TestRandom(seed: 7)
    return [
        ("content/a.txt", Array("hello, bundle\n".utf8)),
        ("content/empty", []),
        ("content/random.bin", random.bytes(300_001)),
        ("content/" + String(repeating: "long-name-", count: 12) + "/end.txt", Array("long\n".utf8)),
        ("content/été ✓.txt", Array("non-ASCII name\n".utf8)),
    ]
}()

/// Writes the sample content with `writer` (directory first) and finishes it.
func writeSample(_ writer: ArchiveWriter, files: [(path: String, contents: [UInt8])] = sampleFiles) throws {
    try writer.addDirectory("content")
    for file in files {
        // Streamed in uneven chunks, as a caller reading a file would.
        try writer.beginFile(file.path, size: Int64(file.contents.count))
        var offset = 0
        while offset < file.contents.count {
            let end = min(offset + 65_537, file.contents.count)
            try writer.write(Array(file.contents[offset..<end]))
            offset = end
        }
        try writer.finishFile()
    }
    try writer.finish()
}

/// Runs a Python script (`python3 -c`) with arguments; fails the test when it does not exit 0.
@discardableResult
func python(_ script: String, _ arguments: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) throws -> [UInt8] {
    let result = try ToolRunner.run("python3", ["-c", script] + arguments)
    #expect(result.status == 0, "python3 failed: \(result.stderrText)", sourceLocation: sourceLocation)
    return result.stdout
}

/// Runs a program and returns its standard output; fails the test when it does not exit 0.
@discardableResult
func run(_ program: String, _ arguments: [String], in directory: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> [UInt8] {
    let result = try ToolRunner.run(program, arguments, in: directory)
    #expect(result.status == 0, "\(program) \(arguments) failed: \(result.stderrText)", sourceLocation: sourceLocation)
    return result.stdout
}

/// Feeds `bytes` through a pipe on another thread and calls `body` with the reading end: input that
/// cannot seek, as standard input in a pipeline.
func withPipe<T>(_ bytes: [UInt8], _ body: (FileDescriptor) throws -> T) throws -> T {
    signal(SIGPIPE, SIG_IGN)  // the reader may stop early; the writer then gets EPIPE, not a signal
    var ends: [Int32] = [0, 0]
    guard pipe(&ends) == 0 else { throw Errno(rawValue: errno) }
    let readEnd = ends[0]
    let writeEnd = ends[1]
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = write(writeEnd, buffer.baseAddress! + offset, min(buffer.count - offset, 10_000))
                if count <= 0 { break }
                offset += count
            }
        }
        close(writeEnd)
        done.signal()
    }
    defer {
        close(readEnd)
        done.wait()
    }
    return try body(FileDescriptor(rawValue: readEnd))
}

/// A Python file wrapper that cannot seek, so that zipfile writes data descriptors (sizes after the
/// data) as it does on a pipe. Needs `import io`.
let pythonUnseekable = """
    class Unseekable(io.RawIOBase):
        def __init__(self, f): self.f = f
        def writable(self): return True
        def seekable(self): return False
        def write(self, b): return self.f.write(b)
    """

/// Lists a tar or zip archive with Python's tarfile / zipfile, as JSON lines of
/// `[name, type, mode, uid, gid, uname, gname, mtime, size, sha256]`.
func pythonListing(_ path: String) throws -> [[String]] {
    let script = #"""
        import sys, tarfile, zipfile, hashlib, json
        path = sys.argv[1]
        rows = []
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as z:
                for i in z.infolist():
                    data = b"" if i.is_dir() else z.read(i)
                    kind = "dir" if i.is_dir() else "file"
                    rows.append([i.filename, kind, oct((i.external_attr >> 16) & 0o7777), "", "", "", "", "", str(len(data)), hashlib.sha256(data).hexdigest()])
        else:
            with tarfile.open(path) as t:
                for m in t.getmembers():
                    data = t.extractfile(m).read() if m.isfile() else b""
                    kind = "dir" if m.isdir() else ("file" if m.isfile() else "other")
                    rows.append([m.name, kind, oct(m.mode), str(m.uid), str(m.gid), m.uname, m.gname, str(m.mtime), str(len(data)), hashlib.sha256(data).hexdigest()])
        for r in rows:
            print(json.dumps(r))
        """#
    let output = try python(script, [path])
    return try String(decoding: output, as: UTF8.self).split(separator: "\n").map { line in
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String])
    }
}

func sha256Hex(_ bytes: [UInt8]) throws -> String {
    let scratch = try TemporaryDirectory()
    let path = try scratch.write("data", bytes)
    let output = try run("sha256sum", [path])
    return String(String(decoding: output, as: UTF8.self).prefix(64))
}
