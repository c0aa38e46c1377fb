public import AutoIDCompression
public import AutoIDFiles
import AutoIDHashing
import AutoIDManifest
import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Makes a bundle: every input hashed, and written in the canonical order (the manifest, then
/// envelopes, certificates, revocation lists, proofs, headers, content, each sorted by name) with the
/// writer's fixed metadata, so the same inputs give the same bytes.
///
/// Before anything is written the inputs are checked against each other: every subject of every
/// envelope must be content in the bundle, under a name a bundle can hold, with a BLAKE3 or SHA-256
/// digest. That the digests match is checked once the content is hashed, before the bundle is
/// committed. A file whose size, times or identity changed between hashing and archiving fails the
/// run. The bundle appears at the output path only when complete.
///
/// Content is read once where it can be: an uncompressed tar written to a file gets a placeholder
/// manifest of the final length first, content is hashed as it is archived, and the real manifest
/// replaces the placeholder before the file is moved into place (``ArchiveWriter/addFile(_:placeholder:permissions:)``).
/// Other formats and outputs (compressed, standard output, a pipe) hash all content first, then
/// archive it: the manifest leads the archive and lists every digest.
public enum BundleCreator {
    /// One planned entry: its name in the bundle, and its data in memory or in a file.
    private struct Planned {
        var path: String
        var bytes: [UInt8]?
        var file: String?
        var shownAs: String
        /// Nil for content not hashed yet.
        var digest: ContentDigest?
        /// The file's identity, size and times when it was first examined (nil for data in memory).
        var stamp: FileStamp? = nil
    }

    /// What tells that a file changed between listing it and packing it (``FileStamp``, as tar checks it).
    private static func stamp(_ file: String) throws -> FileStamp {
        var info = stat()
        guard stat(file, &info) == 0 else { throw FileError(errno: errno, operation: "open", path: file) }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw BundleError(.invalidInput, input: file, detail: "not a regular file")
        }
        return FileStamp(info)
    }

    /// Writes the bundle of `inputs` to `output` (a path, written atomically, or "-" for standard
    /// output) in `format`. Returns the manifest written.
    ///
    /// The output follows ``AtomicOutput``'s rules, checked before any content is read: an existing
    /// file is replaced only with `existing` `.replace` (keeping its mode), never when it is the same
    /// file as one of the inputs; a device or FIFO is written into.
    @discardableResult
    public static func create(
        _ inputs: BundleInputs, output: String, format: ArchiveFormat, limits: ArchiveLimits = .default,
        existing: AtomicFile.ExistingFile = .refuse
    ) throws -> BundleManifest {
        var planned: [Planned] = []
        var names: [String: String] = [:]  // bundle path -> the input it came from
        func add(_ entry: Planned) throws {
            if let earlier = names[entry.path] {
                throw BundleError(
                    .invalidInput, input: entry.shownAs, entry: DisplayName.escape(entry.path),
                    detail: "the same name as \(DisplayName.escape(earlier)) in the bundle; rename one of them")
            }
            names[entry.path] = entry.shownAs
            planned.append(entry)
        }

        // Content files as named: listed (not read yet), so the output can be checked against them.
        var contentFiles: [(name: String, file: String)] = []
        for argument in inputs.content { contentFiles += try Self.contentFiles(argument) }
        let small: [(BundleLayout.Section, [String])] = [
            (.envelopes, inputs.envelopes), (.certs, inputs.certificates), (.crls, inputs.revocationLists),
            (.proofs, inputs.proofs), (.headers, inputs.headers),
        ]
        var readPaths = small.flatMap(\.1) + contentFiles.map(\.file)
        if case .file(let path) = inputs.contentTar { readPaths.append(path.string) }
        try AtomicOutput.check(path: output, existing: existing, inputs: readPaths)

        // Small files: read whole (with the reader's cap), hashed in memory.
        var statements: [(path: String, source: String, statement: Statement)] = []
        for (section, paths) in small {
            for path in paths {
                let bytes = try SmallFile.read(path: path, limit: BundleScanner.keptEntryLimit)
                let name = FilePath(path).lastComponent?.string ?? path
                if let problem = BundleLayout.problem(withName: name) {
                    throw BundleError(.invalidInput, input: path, detail: "cannot be named '\(DisplayName.escape(name))' in a bundle: \(problem)")
                }
                let entryPath = section.prefix + name
                if section == .envelopes {
                    let envelope = try Envelope(jsonBytes: bytes, source: path)
                    guard envelope.payloadType == Statement.payloadType else {
                        throw ManifestError(
                            source: path, location: "$.payloadType",
                            detail: "payload type '\(envelope.payloadType)' is not an in-toto statement (\(Statement.payloadType))")
                    }
                    statements.append((entryPath, path, try Statement(jsonBytes: envelope.payload, source: path)))
                }
                try add(Planned(path: entryPath, bytes: bytes, file: nil, shownAs: path, digest: digest(of: bytes)))
            }
        }

        // Content: files and directories as named, then the tar stream (spooled to a private directory).
        for (name, file) in contentFiles {
            try add(Planned(path: BundleLayout.Section.content.prefix + name, bytes: nil, file: file, shownAs: file, stamp: stamp(file)))
        }
        var spool: ContentSpool?
        if let tar = inputs.contentTar {
            let made = try ContentSpool(tar, beside: output, limits: limits)
            spool = made
            for (name, file) in made.files {
                try add(Planned(path: BundleLayout.Section.content.prefix + name, bytes: nil, file: file, shownAs: "\(tar):\(name)", stamp: stamp(file)))
            }
        }
        defer { withExtendedLifetime(spool) {} }

        // Every subject is content in the bundle with a digest a bundle checks (that it matches is
        // checked once the content is hashed).
        var subjects: [(source: String, shown: String, content: String, recorded: [String: String])] = []
        for (_, source, statement) in statements {
            for subject in statement.subjects {
                let shown = DisplayName.escape(subject.name)
                if let problem = BundleLayout.problem(withName: subject.name) {
                    throw BundleError(
                        .invalidInput, input: source, entry: shown,
                        detail: "this subject name cannot be a file in a bundle: \(problem) (sign files by relative paths)")
                }
                let recorded = BundleManifest.algorithms.map(\.rawValue).filter { subject.digests[$0] != nil }
                guard !recorded.isEmpty else {
                    throw BundleError(
                        .invalidInput, input: source, entry: shown,
                        detail: "records no blake3 or sha256 digest, the ones a bundle checks; sign again with autoid-sign's default digests")
                }
                let content = BundleLayout.Section.content.prefix + subject.name
                guard names[content] != nil else {
                    throw BundleError(
                        .missingContent, input: source, entry: shown,
                        detail: "is a subject of this envelope but not content of the bundle; add it with --content (or --from-tar)")
                }
                subjects.append((source, shown, content, subject.digests.filter { recorded.contains($0.key) }))
            }
        }
        guard !statements.isEmpty else {
            throw BundleError(.invalidInput, input: output, detail: "a bundle needs at least one envelope")
        }
        func checkSubjects() throws {
            let byPath = Dictionary(planned.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
            for subject in subjects {
                guard let content = byPath[subject.content] else { continue }  // checked above: never
                let actual = content.digest?.hexDigests ?? [:]
                let differing = subject.recorded.keys.sorted().filter { actual[$0] != subject.recorded[$0] }
                if !differing.isEmpty {
                    throw BundleError(
                        .contentMismatch, input: subject.source, entry: subject.shown,
                        detail:
                            "\(content.shownAs) does not match the envelope (\(differing.joined(separator: ", ")) differ); bundle the content that was signed")
                }
            }
        }

        // Write: the manifest, then every entry in canonical order.
        planned.sort { BundleLayout.precedes($0.path, $1.path) }
        let writer =
            output == "-"
            ? try ArchiveWriter(fileDescriptor: .standardOutput, name: "-", format: format)
            : try ArchiveWriter(path: output, format: format, existing: existing, inputs: readPaths)
        let digester = EntryDigester()
        let manifest: BundleManifest
        if writer.canReplaceEntryData {
            // One read of the content: hashed as it is archived, behind a placeholder manifest.
            let placeholder = BundleManifest(
                entries: planned.map { BundleManifest.Entry(path: $0.path, digest: $0.digest ?? placeholderDigest(size: $0.stamp?.size ?? 0)) })
            let reservation = try writer.addFile(BundleLayout.manifestPath, placeholder: placeholder.jsonBytes())
            for index in planned.indices {
                planned[index].digest = try write(planned[index], to: writer, digester: digester)
            }
            try checkSubjects()
            manifest = BundleManifest(entries: planned.map { BundleManifest.Entry(path: $0.path, digest: $0.digest!) })
            let bytes = manifest.jsonBytes()
            // Sizes come from the files' status before reading, and a file whose size changed failed: the
            // manifest has the placeholder's length unless something changed under us.
            guard bytes.count == reservation.byteCount else {
                throw BundleError(.contentChanged, input: output, detail: "content changed while the bundle was written; try again when it is stable")
            }
            try writer.finish(replacing: reservation, with: bytes)
        } else {
            // Hash first: the manifest leads the archive and lists every digest.
            for index in planned.indices where planned[index].digest == nil {
                let file = planned[index].file!
                let fd = open(file, O_RDONLY | O_CLOEXEC | O_NOCTTY)
                guard fd >= 0 else { throw FileError(errno: errno, operation: "open", path: file) }
                defer { close(fd) }
                while try digester.absorbNext({ try readSome(fd, into: $0, path: file) }) != nil {}
                planned[index].digest = digester.finalize()
                guard try stamp(file) == planned[index].stamp else { throw changed(file) }
            }
            try checkSubjects()
            manifest = BundleManifest(entries: planned.map { BundleManifest.Entry(path: $0.path, digest: $0.digest!) })
            try writer.addFile(BundleLayout.manifestPath, contents: manifest.jsonBytes())
            for entry in planned { _ = try write(entry, to: writer, digester: nil) }
            try writer.finish()
        }
        return manifest
    }

    /// A digest of the right lengths for a file of `size` bytes, all zeros: the placeholder manifest
    /// has exactly the length of the real one.
    private static func placeholderDigest(size: Int64) -> ContentDigest {
        var digests: [HashAlgorithm: [UInt8]] = [:]
        for algorithm in BundleManifest.algorithms { digests[algorithm] = [UInt8](repeating: 0, count: algorithm.digestByteCount) }
        return ContentDigest(digests: digests, byteCount: UInt64(max(0, size)))
    }

    /// Archives one entry; a file is streamed, hashed on the way when `digester` is given (its
    /// digest returned), and must be unchanged since it was first examined (same file, size and
    /// times: a write changes the status-change time), so the bytes archived are the bytes listed.
    /// (Were that ever wrong, verify would still catch the difference against the manifest and the
    /// envelope.)
    private static func write(_ entry: Planned, to writer: ArchiveWriter, digester: EntryDigester?) throws -> ContentDigest? {
        if let bytes = entry.bytes {
            try writer.addFile(entry.path, contents: bytes)
            return entry.digest
        }
        guard let file = entry.file, let size = entry.stamp?.size else { return entry.digest }
        try writer.beginFile(entry.path, size: size)
        do {
            if let digester {
                // Read straight into the digester's buffers and archive from there: one copy in, one
                // out, as tar does; SHA-256 of each full buffer runs on the digester's thread meanwhile.
                let fd = open(file, O_RDONLY | O_CLOEXEC | O_NOCTTY)
                guard fd >= 0 else { throw FileError(errno: errno, operation: "open", path: file) }
                defer { close(fd) }
                while let chunk = try digester.absorbNext({ try readSome(fd, into: $0, path: file) }) {
                    try writer.write(chunk)
                }
            } else {
                try InputSource.file(FilePath(file)).forEachChunk { chunk in try writer.write(chunk) }
            }
        } catch let error as ArchiveError {
            if case .sizeMismatch = error.code { throw changed(file) }
            throw error
        }
        guard try stamp(file) == entry.stamp else { throw changed(file) }
        do {
            try writer.finishFile()
        } catch {
            if case .sizeMismatch = error.code { throw changed(file) }
            throw error
        }
        return digester?.finalize() ?? entry.digest
    }

    /// One `read` into `buffer` (retried when interrupted): how many bytes, 0 at the end.
    private static func readSome(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, path: String) throws -> Int {
        while true {
            let count = read(fd, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno != EINTR { throw FileError(errno: errno, operation: "read", path: path) }
        }
    }

    private static func changed(_ file: String) -> BundleError {
        BundleError(.contentChanged, input: file, detail: "changed while the bundle was written; try again when it is stable")
    }

    private static func digest(of bytes: [UInt8]) -> ContentDigest {
        let digester = EntryDigester()
        bytes.withUnsafeBytes { digester.update($0) }
        return digester.finalize()
    }

    /// The content files an argument names: itself (a file), or every regular file below it (a
    /// directory, walked without following links), each with its subject name.
    static func contentFiles(_ argument: String) throws -> [(name: String, file: String)] {
        var root = argument
        while root.count > 1, root.hasSuffix("/") { root.removeLast() }
        if let problem = BundleLayout.problem(withName: root) {
            throw BundleError(
                .invalidInput, input: argument,
                detail: "cannot be a subject name in a bundle: \(problem) (name content by a relative path, from the directory the envelope was signed in)")
        }
        var info = stat()
        guard stat(root, &info) == 0 else { throw FileError(errno: errno, operation: "open", path: argument) }
        if (info.st_mode & S_IFMT) == S_IFREG { return [(root, root)] }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw BundleError(.invalidInput, input: argument, detail: "neither a regular file nor a directory")
        }
        var found: [(name: String, file: String)] = []
        try walk(root, into: &found)
        return found
    }

    private static func walk(_ directory: String, into found: inout [(name: String, file: String)]) throws {
        guard let handle = opendir(directory) else { throw FileError(errno: errno, operation: "open", path: directory) }
        defer { closedir(handle) }
        var children: [String] = []
        while let item = readdir(handle) {
            let name = try DirectoryEntry.text(item, in: directory, operation: "bundle")
            if name == "." || name == ".." { continue }
            children.append(name)
        }
        for name in children.sorted() {
            let path = directory + "/" + name
            if let problem = BundleLayout.problem(withName: path) {
                throw BundleError(.invalidInput, input: path, detail: "cannot be a subject name in a bundle: \(problem)")
            }
            var info = stat()
            guard lstat(path, &info) == 0 else { throw FileError(errno: errno, operation: "open", path: path) }
            switch info.st_mode & S_IFMT {
            case S_IFREG: found.append((path, path))
            case S_IFDIR: try walk(path, into: &found)
            default:
                throw BundleError(
                    .invalidInput, input: path,
                    detail: "not a regular file or directory (links and special files are not bundled); name its target instead")
            }
        }
    }
}
