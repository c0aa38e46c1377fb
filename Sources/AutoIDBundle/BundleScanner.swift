public import AutoIDCompression
import AutoIDDrive
public import AutoIDFiles
import AutoIDHashing
import AutoIDManifest

/// Reads a bundle once, as a stream through libarchive, never writing it anywhere: every entry is
/// confined (a safe name inside the layout, a regular file, never twice), hashed with BLAKE3 and
/// SHA-256 side by side as it streams, and checked against the manifest; small entries are kept in
/// memory within caps. An optional ``BundleEntrySink`` receives each entry's data on the way.
///
/// Anything hostile or structurally wrong stops the scan with an error (malformed input): a link, a
/// device, a FIFO, a directory entry, an unsafe or duplicate name, a name outside the layout, no
/// manifest first, a damaged archive, and every cap of ``ArchiveLimits``. Differences from the manifest
/// (added, removed or altered entries) do not stop it: they are listed in ``BundleScan/problems``.
public enum BundleScanner {
    /// The largest entry outside `content/` kept in memory.
    public static let keptEntryLimit = 16 << 20
    /// The most bytes kept in memory for all such entries together.
    public static let keptTotalLimit = 48 << 20

    /// Scans the bundle at `source` (a file, or standard input).
    public static func scan(
        _ source: InputSource, limits: ArchiveLimits = .default, sink: (any BundleEntrySink)? = nil
    ) throws -> BundleScan {
        let reader = try ArchiveReader(source, limits: limits)
        let name = reader.name
        func refuse(_ code: BundleError.Code, _ entry: ArchiveEntry, _ detail: String) -> BundleError {
            BundleError(code, input: name, entry: entry.displayPath, detail: detail)
        }

        // The manifest: the first entry, a regular file under its fixed name.
        guard let first = try reader.next() else {
            throw BundleError(.notABundle, input: name, detail: "the archive is empty; a bundle starts with \(BundleLayout.manifestPath)")
        }
        guard first.path == BundleLayout.manifestPath, first.kind == .regularFile else {
            throw refuse(
                .notABundle, first, "a bundle's first entry is its manifest, \(BundleLayout.manifestPath) (is this a bundle made by provenance-bundle create?)")
        }
        let manifestBytes = try readWhole(reader, first, limit: BundleManifest.sizeLimit, refuse: refuse)
        try sink?.begin(BundleLayout.manifestPath)
        try manifestBytes.withUnsafeBytes { try sink?.write($0) }
        try sink?.end()
        let manifest = try BundleManifest(jsonBytes: manifestBytes, source: name, maximumEntries: limits.maximumEntries)
        var listed: [String: BundleManifest.Entry] = [:]
        for entry in manifest.entries { listed[entry.path] = entry }

        var files = Set<String>([BundleLayout.manifestPath])
        var directories = Set<String>()
        var entries: [(path: String, digest: ContentDigest)] = []
        var kept: [String: [UInt8]] = [:]
        var keptTotal = 0
        var problems: [BundleProblem] = []
        // One digester (and so one hashing thread) for every entry.
        let digester = EntryDigester()
        // The content names whose subjects record an Auto Drive CID, from the envelopes (which come
        // before the content in a bundle): decided at the first content entry.
        var cidSubjects: Set<String>?
        var autoDriveCIDs: [String: AutoDriveCID] = [:]

        while let entry = try reader.next() {
            if let problem = BundleLayout.problem(withName: entry.pathBytes) { throw refuse(.unsafeEntry, entry, "refused: \(problem)") }
            if let kind = refusedKind(entry.kind) {
                throw refuse(.unsafeEntry, entry, "refused: \(kind) (a bundle holds regular files only; links, devices and directories are never extracted)")
            }
            let path = entry.path!  // valid UTF-8: checked above
            guard let section = BundleLayout.section(of: path) else {
                throw refuse(.notABundle, entry, "outside the bundle layout (\(BundleLayout.Section.allCases.map(\.prefix).joined(separator: ", ")))")
            }
            // Never twice, never both a file and a directory (a later "a/b" after a file "a", or the reverse).
            guard !files.contains(path) else {
                throw refuse(.duplicateEntry, entry, "refused: the name appears twice (a later entry would replace what was checked)")
            }
            guard !directories.contains(path) else {
                throw refuse(.duplicateEntry, entry, "refused: '\(DisplayName.escape(path))' is a file and a directory")
            }
            var parents: [String] = []  // found on bytes (PathName), as extraction makes them
            var parent = PathName.directory(of: path)
            while !parent.isEmpty {
                parents.append(parent)
                parent = PathName.directory(of: parent)
            }
            if let clash = parents.first(where: files.contains) {
                throw refuse(.duplicateEntry, entry, "refused: '\(DisplayName.escape(clash))' is a file and a directory")
            }
            files.insert(path)
            directories.formUnion(parents)

            let keep = section != .content
            if keep, let size = entry.declaredSize, size > keptEntryLimit {
                throw refuse(.entryTooLarge(limit: keptEntryLimit), entry, "larger than \(keptEntryLimit) bytes; only content may be that large")
            }
            var data: [UInt8] = []
            var computesCID = false
            if section == .content {
                if cidSubjects == nil { cidSubjects = subjectsRecordingCIDs(kept) }
                let subject = String(decoding: path.utf8.dropFirst(BundleLayout.Section.content.prefix.utf8.count), as: UTF8.self)
                if cidSubjects!.contains(subject) {
                    // A name Auto Drive would not record never parses with a CID, so this does not throw.
                    computesCID = (try? digester.computeCID(name: Statement.Subject.autoDriveName(forSubject: subject))) != nil
                }
            }
            try sink?.begin(path)
            // Read straight into the digester's buffers: hashing overlaps the next read there.
            while let chunk = try digester.absorbNext({ try reader.read(into: $0) }) {
                if keep {
                    if data.count + chunk.count > keptEntryLimit || keptTotal + data.count + chunk.count > keptTotalLimit {
                        throw refuse(.entryTooLarge(limit: keptEntryLimit), entry, "too large to hold in memory (envelopes, certificates and proofs are small)")
                    }
                    data.append(contentsOf: chunk)
                }
                try sink?.write(chunk)
            }
            try sink?.end()
            let digest = digester.finalize()
            entries.append((path, digest))
            if computesCID, let cid = digester.cid { autoDriveCIDs[path] = cid }
            if keep {
                kept[path] = data
                keptTotal += data.count
            }
            // The listed name must be these very bytes: a String key also finds its canonically equivalent
            // spelling (composed or decomposed "é"), which extracts to another file.
            guard let expected = listed[path], expected.path.hasSameBytes(as: path) else {
                problems.append(BundleProblem(path: path, kind: .notInManifest))
                continue
            }
            if expected.size != Int64(digest.byteCount) {
                problems.append(BundleProblem(path: path, kind: .sizeDiffers(listed: expected.size, actual: Int64(digest.byteCount))))
            }
            let actual = digest.hexDigests
            let differing = BundleManifest.algorithms.map(\.rawValue).filter { actual[$0] != expected.digests[$0] }
            if !differing.isEmpty { problems.append(BundleProblem(path: path, kind: .digestsDiffer(algorithms: differing))) }
        }
        // A zip's central directory is what other tools extract: it must list what was just read.
        if case .file(let path) = source, reader.formatDescription?.hasPrefix("ZIP") == true {
            let records = try ZipCentralDirectory.records(path: path.string, maximumEntries: limits.maximumEntries)
            let read = [(Array(BundleLayout.manifestPath.utf8), Int64(manifestBytes.count))] + entries.map { (Array($0.path.utf8), Int64($0.digest.byteCount)) }
            let agree =
                records.count == read.count
                && zip(records, read).allSatisfy { record, entry in
                    record.nameBytes == entry.0 && (record.size == nil || record.size == entry.1)
                }
            if !agree {
                let first = zip(records, read).first { $0.0.nameBytes != $0.1.0 || ($0.0.size != nil && $0.0.size != $0.1.1) }
                let shown =
                    first.map {
                        "'\(DisplayName.escape(String(decoding: $0.0.nameBytes, as: UTF8.self)))' in the central directory, '\(DisplayName.escape(String(decoding: $0.1.0, as: UTF8.self)))' in the local header"
                    }
                    ?? "\(records.count) entries in the central directory, \(read.count) local headers"
                throw BundleError(
                    .unsafeEntry, input: name,
                    detail: "refused: the zip's central directory and its local headers disagree (\(shown)); other tools would extract different files")
            }
        }
        let read = Set(entries.map { Array($0.path.utf8) })
        for entry in manifest.entries where !read.contains(Array(entry.path.utf8)) {
            problems.append(BundleProblem(path: entry.path, kind: .missing))
        }
        return BundleScan(
            bundle: name, format: reader.formatDescription, manifest: manifest, entries: entries, kept: kept, problems: problems,
            autoDriveCIDs: autoDriveCIDs)
    }

    /// The subject names that the statements of the envelopes in `kept` record an Auto Drive CID for.
    /// Nothing here is trusted (the signatures are checked later, by ``BundleVerifier``): it only decides
    /// which content to compute a CID for while it streams past. Envelopes that do not parse are skipped
    /// (verification reports them).
    static func subjectsRecordingCIDs(_ kept: [String: [UInt8]]) -> Set<String> {
        var names = Set<String>()
        for (path, bytes) in kept where BundleLayout.section(of: path) == .envelopes {
            guard let envelope = try? Envelope(jsonBytes: bytes, source: path), envelope.payloadType == Statement.payloadType,
                let statement = try? Statement(jsonBytes: envelope.payload, source: path)
            else { continue }
            for subject in statement.subjects where subject.autoDriveCID != nil { names.insert(subject.name) }
        }
        return names
    }

    /// What a non-regular entry is, in words, or nil for a regular file.
    static func refusedKind(_ kind: ArchiveEntry.Kind) -> String? {
        switch kind {
        case .regularFile: nil
        case .directory: "a directory entry"
        case .symbolicLink: "a symbolic link"
        case .hardLink: "a hard link"
        case .characterDevice, .blockDevice: "a device node"
        case .fifo: "a FIFO"
        case .socket: "a socket"
        case .unknown(let mode): "an entry of unknown type 0o\(String(mode, radix: 8))"
        }
    }

    private static func readWhole(
        _ reader: ArchiveReader, _ entry: ArchiveEntry, limit: Int, refuse: (BundleError.Code, ArchiveEntry, String) -> BundleError
    ) throws -> [UInt8] {
        if let size = entry.declaredSize, size > limit {
            throw refuse(.entryTooLarge(limit: limit), entry, "larger than \(limit) bytes")
        }
        var data: [UInt8] = []
        try reader.forEachChunk { chunk in
            if data.count + chunk.count > limit { throw refuse(.entryTooLarge(limit: limit), entry, "larger than \(limit) bytes") }
            data.append(contentsOf: chunk)
        }
        return data
    }
}
