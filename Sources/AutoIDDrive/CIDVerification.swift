import AutoIDCompression
public import AutoIDFiles
import AutoIDJSON
public import AutoIDReports
public import AutoIDThreads

/// Computing and checking Auto Drive CIDs of files and streams: the domain operations behind
/// `autoid-sign hash --cid` and `autoid-verify cid`.
public enum CIDVerification {
    /// Bytes read at a time: 128 chunks (8.3 MB, about what `autoid-sign hash` reads at a time), so
    /// reads line up with chunks and nothing is copied, and each read is only a few tasks for the
    /// threads (a hand-off costs more than hashing a chunk); two such buffers (about 17 MB) are all
    /// the memory a file of any size takes.
    public static let readSize = 128 * FileCIDBuilder.chunkBytes

    /// The default cap on decompressed output: 64 GiB, against decompression bombs (zlib expands up to
    /// about 1,000 times); `--max-output` raises it.
    public static let defaultOutputLimit: UInt64 = 64 << 30

    /// The CID of `input` (streamed, every core) named `name`, stored with `options`, and its size.
    /// Throws ``FileError`` when it cannot be read, ``DriveError`` for a name too long.
    public static func cid(
        of input: InputSource, name: String?, options: UploadOptions = .none, threads: Int = Threads.available
    ) throws -> (cid: AutoDriveCID, byteCount: UInt64) {
        var builder = try FileCIDBuilder(name: name, options: options, threads: threads)
        // A large regular file: every thread reads its own chunks (as `hash` reads for BLAKE3), rather
        // than one thread reading for the others; on one thread too, so that one thread is all it takes.
        // Opened once either way.
        _ = try input.read(
            bufferSize: readSize, positionedFrom: positionedThreshold,
            positioned: { file in
                try builder.absorb(length: file.size) { (offset, scratch) throws(FileError) in try file.bytes(at: offset, scratch: scratch) }
            },
            chunks: { builder.update($0) })
        return (builder.finalize(), builder.byteCount)
    }

    /// Regular files at least this large are read by position on every thread (``FileCIDBuilder/absorb(length:bytes:)``).
    static let positionedThreshold = 4 << 20

    /// The name recorded for an operand by default: a file's base name, none for standard input.
    public static func defaultName(for input: InputSource) -> String? {
        switch input {
        case .standardInput: nil
        case .file(let path): path.lastComponent?.string
        }
    }

    /// Checks that `input` has the CID `expected` when named `name`.
    ///
    /// With `storedCompressed`, `input` is what Auto Drive stores and returns by default: the zlib stream
    /// of the original, whose root node records `compression { level: 9 }`. The CID is checked over those
    /// stored bytes and, in the same pass, the stream is inflated into `output` (never recompressed).
    /// `output` is committed only when the CID matches and the stream inflates completely; otherwise
    /// nothing appears. Without `output` the stream is still inflated, to check it, and discarded.
    ///
    /// Returns the report (exit 0 match, 1 mismatch). Throws ``FileError`` for unreadable input or an
    /// output that cannot be written, ``CompressionError`` when the stored bytes match but do not inflate
    /// (or inflate beyond `outputLimit`), ``DriveError`` for a refused name or output.
    public static func verify(
        expected: AutoDriveCID, input: InputSource, name: String?, storedCompressed: Bool = false,
        output: AtomicOutput? = nil, outputLimit: UInt64 = defaultOutputLimit, threads: Int = Threads.available
    ) throws -> AuditReport {
        if let output, !output.isAtomic {
            throw DriveError(
                .unsafeOutput, subject: output.path,
                detail: "the content is written only once its CID matched, so -o must name a file, not standard output or a device")
        }
        var builder = try FileCIDBuilder(name: name, options: storedCompressed ? .zlibLevel9 : .none, threads: threads)
        let inflater = storedCompressed ? try ZlibInflater(limit: outputLimit) : nil
        var inflateError: CompressionError?
        try input.forEachChunk(bufferSize: readSize) { bytes in
            builder.update(bytes)
            guard let inflater, inflateError == nil else { return }
            do {
                try inflater.feed(bytes) { piece in try output?.write(piece) }
            } catch let error as CompressionError {
                inflateError = named(error, input)  // a mismatch outranks it: keep hashing to the end
            }
        }
        let computed = builder.finalize()
        var fields: [String: JSONValue] = [
            "input": .string(input.description),
            "expected": .string(expected.description),
            "computed": .string(computed.description),
            "size": .number(String(builder.byteCount)),
            "name": name.map { .string($0) } ?? .null,
            "storedCompressed": .bool(storedCompressed),
        ]
        var lines = [
            "input     \(DisplayName.escape(input.description)) (\(builder.byteCount) bytes\(storedCompressed ? " stored, zlib" : ""))",
            "name      \(name.map { "'\(DisplayName.escape($0))'" } ?? "(none)")",
            "expected  \(expected)",
            "computed  \(computed)",
        ]
        guard computed == expected else {
            let hint =
                name == nil
                ? "check the CID, and --stored-compressed for content Auto Drive compressed; a name, if the upload had one, is part of the CID (--name)"
                : "the name is part of the CID: check --name ('\(DisplayName.escape(name!))') or --no-name, and --stored-compressed for content Auto Drive compressed"
            return AuditReport(
                fields: fields, lines: lines,
                checks: [AuditCheck(name: "CID", failure: "the content's CID is \(computed), not \(expected)", detail: hint)])
        }
        var checks = [AuditCheck(name: "CID")]
        if let inflater {
            if let inflateError { throw inflateError }
            do {
                try inflater.finish()
            } catch {
                throw named(error, input)
            }
            try output?.commit()
            fields["decompressedSize"] = .number(String(inflater.outputCount))
            if let output { fields["output"] = .string(output.path) }
            lines.append("inflated  \(inflater.outputCount) bytes\(output.map { " to \(DisplayName.escape($0.path))" } ?? " (checked, not written: no -o)")")
            checks.append(AuditCheck(name: "zlib stream complete"))
        }
        return AuditReport(fields: fields, lines: lines, checks: checks)
    }

    /// Checks that the folder at `path`, named `name`, has the CID `expected` as an uncompressed Auto
    /// Drive folder upload (``FolderCID``): a downloaded folder, unpacked. Returns the report (exit 0
    /// match, 1 mismatch); throws ``DriveError`` for a folder Auto Drive could not have stored as it is,
    /// ``FileError`` when something in it cannot be read.
    public static func verifyFolder(expected: AutoDriveCID, path: String, name: String, threads: Int = Threads.available) throws -> AuditReport {
        let folder = try FolderCID.cid(ofDirectory: path, name: name, threads: threads)
        let fields: [String: JSONValue] = [
            "input": .string(path),
            "expected": .string(expected.description),
            "computed": .string(folder.cid.description),
            "size": .number(String(folder.size)),
            "name": .string(name),
            "folder": .bool(true),
            "files": .number(String(folder.fileCount)),
            "folders": .number(String(folder.folderCount)),
            "storedCompressed": .bool(false),
        ]
        let lines = [
            "input     \(DisplayName.escape(path)) (folder: \(folder.fileCount) files, \(folder.folderCount) sub-folders, \(folder.size) bytes)",
            "name      '\(DisplayName.escape(name))'",
            "expected  \(expected)",
            "computed  \(folder.cid)",
        ]
        guard folder.cid == expected else {
            return AuditReport(
                fields: fields, lines: lines,
                checks: [
                    AuditCheck(
                        name: "CID", failure: "the folder's CID is \(folder.cid), not \(expected)",
                        detail:
                            "every file's content and name and the folder's name ('\(DisplayName.escape(name))', see --name) are part of the CID; a folder uploaded with a password is stored as one encrypted zip file, with another CID"
                    )
                ])
        }
        return AuditReport(fields: fields, lines: lines, checks: [AuditCheck(name: "CID")])
    }

    /// `error` with the input it is about, and for a limit what raises it.
    private static func named(_ error: CompressionError, _ input: InputSource) -> CompressionError {
        var detail = "\(DisplayName.escape(input.description)): \(error.detail)"
        if case .tooLarge = error.code { detail += "; --max-output raises the limit" }
        return CompressionError(error.code, detail: detail)
    }
}
