import AutoIDFiles
public import AutoIDJSON
import AutoIDManifest

/// What a bundle holds and what each envelope says, read from a ``BundleScan`` without verifying
/// anything: every name is shown escaped (``DisplayName``), and envelope contents are marked
/// unverified, since no key was checked.
public struct BundleListing: Sendable {
    /// One envelope as it reads before verification.
    public struct EnvelopeSummary: Sendable {
        public var path: String
        /// The statement's subjects, predicate type and signers' key ids; nil when the entry is not a
        /// readable envelope carrying a statement.
        public var subjects: [String]?
        public var predicateType: String?
        public var keyIDs: [String]
        /// Why it could not be read, when it could not.
        public var error: String?
    }

    /// The scan listed.
    public var scan: BundleScan
    /// One summary per envelope, in archive order.
    public var envelopes: [EnvelopeSummary]

    /// Reads the envelopes in `scan`.
    public init(scan: BundleScan) {
        self.scan = scan
        envelopes = scan.envelopePaths.map { path in
            do {
                let envelope = try Envelope(jsonBytes: scan.kept[path] ?? [], source: path)
                let keyIDs = envelope.signatures.map(\.keyID)
                guard envelope.payloadType == Statement.payloadType else {
                    return EnvelopeSummary(
                        path: path, subjects: nil, predicateType: nil, keyIDs: keyIDs,
                        error: "payload type '\(envelope.payloadType)' is not an in-toto statement")
                }
                let statement = try Statement(jsonBytes: envelope.payload, source: path)
                return EnvelopeSummary(path: path, subjects: statement.subjects.map(\.name), predicateType: statement.predicateType, keyIDs: keyIDs, error: nil)
            } catch {
                return EnvelopeSummary(path: path, subjects: nil, predicateType: nil, keyIDs: [], error: "\(error)")
            }
        }
    }

    /// A header line, one line per entry (`SIZE  NAME`), then each envelope and its subjects.
    public var textLines: [String] {
        let shownBundle = scan.bundle == "-" ? "standard input" : DisplayName.escape(scan.bundle)
        var lines = ["\(shownBundle): \(scan.entries.count + 1) entries\(scan.format.map { " (\($0))" } ?? "")"]
        let listed = Dictionary(scan.manifest.entries.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        lines.append("    manifest  " + BundleLayout.manifestPath)
        for entry in scan.entries {
            let size = String(entry.digest.byteCount)
            let note = listed[entry.path] == nil ? "  (not in the manifest)" : ""
            lines.append(String(repeating: " ", count: max(0, 12 - size.count)) + size + "  " + DisplayName.escape(entry.path) + note)
        }
        for problem in scan.problems where problem.kind == .missing {
            lines.append("     missing  " + DisplayName.escape(problem.path) + "  (in the manifest, not in the archive)")
        }
        for envelope in envelopes {
            lines.append("envelope \(DisplayName.escape(envelope.path)) (not verified: use provenance-bundle verify):")
            if let error = envelope.error {
                lines.append("  unreadable: \(DisplayName.escape(error))")
                continue
            }
            lines.append("  predicate \(DisplayName.escape(envelope.predicateType ?? ""))")
            lines.append("  signed by key \(envelope.keyIDs.map { $0.isEmpty ? "(no keyid)" : DisplayName.escape($0) }.joined(separator: ", "))")
            for subject in envelope.subjects ?? [] { lines.append("  subject \(DisplayName.escape(subject))") }
        }
        return lines
    }

    /// `{"bundle", "format", "entries": [{"path", "size", "digest", "inManifest"}], "envelopes": [...]}`.
    public var json: JSONValue {
        let listed = Set(scan.manifest.entries.map(\.path))
        let entries: [JSONValue] = scan.entries.map { entry in
            .object([
                "path": .string(entry.path), "size": .integer(entry.digest.byteCount),
                "digest": .object(entry.digest.hexDigests.mapValues(JSONValue.string)),
                "inManifest": .bool(listed.contains(entry.path)),
            ])
        }
        let summaries: [JSONValue] = envelopes.map { envelope in
            var object: [String: JSONValue] = [
                "path": .string(envelope.path), "verified": .bool(false), "keyids": .array(envelope.keyIDs.map(JSONValue.string)),
            ]
            if let subjects = envelope.subjects { object["subjects"] = .array(subjects.map(JSONValue.string)) }
            if let type = envelope.predicateType { object["predicateType"] = .string(type) }
            if let error = envelope.error { object["error"] = .string(error) }
            return .object(object)
        }
        return .object([
            "bundle": .string(scan.bundle), "format": scan.format.map(JSONValue.string) ?? .null,
            "entries": .array(entries), "envelopes": .array(summaries),
            "missing": .array(scan.problems.filter { $0.kind == .missing }.map { .string($0.path) }),
        ])
    }
}
