import AutoIDCompression
import AutoIDFiles
import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Content that arrives as a tar stream (`--from-tar -`), kept in a private temporary directory so that
/// it can be hashed and then archived in sorted order.
///
/// The stream is hostile like any archive: its names go through ``BundleLayout/problem(withName:)``
/// (after a leading `./`, which `tar c .` writes, is dropped), only regular files are taken, directory
/// entries are skipped, anything else is refused. Files are stored under numbers chosen here, never
/// under names from the stream. The directory (mode 0700, beside the bundle being written) and
/// everything in it are removed when the spool is released.
final class ContentSpool {
    /// The spooled files: the name from the stream and the file holding its data.
    private(set) var files: [(name: String, path: String)] = []
    private let directory: String

    /// Reads the whole tar stream at `source` into a new directory beside `output`.
    init(_ source: InputSource, beside output: String, limits: ArchiveLimits) throws {
        let parent = FilePath(output).removingLastComponent()
        let base = output == "-" ? "." : (parent.isEmpty ? "." : parent.string)
        var template = Array((base + "/.provenance-bundle-spool-XXXXXX").utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw BundleError(
                .writeFailed(errno: errno), input: output, detail: "cannot make a temporary directory for the content: \(String(cString: strerror(errno)))")
        }
        directory = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let reader = try ArchiveReader(source, limits: limits)
        var seen = Set<String>()
        while let entry = try reader.next() {
            var bytes = entry.pathBytes[...]
            while bytes.starts(with: [UInt8(ascii: "."), UInt8(ascii: "/")]) { bytes = bytes.dropFirst(2) }
            if entry.kind == .directory { continue }
            let shown = entry.displayPath
            if let problem = BundleLayout.problem(withName: Array(bytes)) {
                throw BundleError(.unsafeEntry, input: reader.name, entry: shown, detail: "refused as a content name: \(problem)")
            }
            if let kind = BundleScanner.refusedKind(entry.kind) {
                throw BundleError(.unsafeEntry, input: reader.name, entry: shown, detail: "refused: \(kind) (content is regular files only)")
            }
            let name = String(decoding: bytes, as: UTF8.self)
            guard seen.insert(name).inserted else {
                throw BundleError(.duplicateEntry, input: reader.name, entry: shown, detail: "the name appears twice in the stream")
            }
            let path = directory + "/" + String(files.count)
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd < 0 { throw BundleError(.writeFailed(errno: errno), input: path, detail: "cannot spool content: \(String(cString: strerror(errno)))") }
            files.append((name, path))
            defer { close(fd) }
            try reader.forEachChunk(bufferSize: 1 << 20) { chunk in
                var offset = 0
                while offset < chunk.count {
                    let count = write(fd, chunk.baseAddress! + offset, chunk.count - offset)
                    if count < 0 {
                        if errno == EINTR { continue }
                        throw BundleError(.writeFailed(errno: errno), input: path, detail: "cannot spool content: \(String(cString: strerror(errno)))")
                    }
                    offset += count
                }
            }
        }
    }

    deinit {
        for file in files { unlink(file.path) }
        rmdir(directory)
    }
}
