import AutoIDFiles
import AutoIDHashing
import AutoIDJSON
public import AutoIDReports

/// `state-audit snapshot`: a snapshot's state root, checked against a block header and compared with
/// another snapshot.
///
/// Made in two steps, in the order a run needs its inputs: ``init(_:name:stateVersion:)`` settles the
/// trie layout and computes the root (so a missing layout is reported before any other file is read);
/// ``run(header:against:)`` then makes the checks.
public struct SnapshotAudit: Sendable {
    /// Where a snapshot's pairs are: read whole, or in a file read as a stream (read again, sorted, only
    /// when a comparison must name differing keys).
    enum Source: Sendable {
        case snapshot(StateSnapshot)
        case file(path: String, options: SnapshotReadOptions)
    }

    /// Another snapshot whose root must equal the audited one's, and the name the report gives it.
    public struct Comparison: Sendable {
        let source: Source
        /// How the report names it (its path, as given).
        public var name: String

        /// `snapshot`, named `name` in the report.
        public init(_ snapshot: StateSnapshot, name: String) {
            self.source = .snapshot(snapshot)
            self.name = name
        }

        /// The snapshot file at `path`, read as a stream when the audit runs, named `name` in the report.
        public init(path: String, name: String, options: SnapshotReadOptions = .init()) {
            self.source = .file(path: path, options: options)
            self.name = name
        }
    }

    private let source: Source
    /// The audited snapshot's form and its number of top-trie pairs.
    public let format: StateSnapshot.Format
    public let pairCount: Int
    /// How the report names it (its path, as given).
    public let name: String
    /// The trie layout used: the one asked for, else the one the runtime in `:code` declares.
    public let stateVersion: StateVersion
    /// The snapshot's state root under ``stateVersion``.
    public let stateRoot: H256

    /// Settles the layout of `snapshot` and computes its root.
    ///
    /// - Parameter stateVersion: the layout to use; `nil` to take the one the runtime in `:code` declares.
    /// - Throws: ``StateAuditError`` (usage) when `stateVersion` is `nil` and the snapshot has no `:code`;
    ///   ``StateError`` when `:code` or a child trie is malformed.
    public init(_ snapshot: StateSnapshot, name: String, stateVersion: StateVersion?) throws {
        let version: StateVersion
        if let stateVersion {
            version = stateVersion
        } else if let runtime = try snapshot.runtimeVersion() {
            version = runtime.stateVersion
        } else {
            throw Self.layoutUnknown(name)
        }
        self.source = .snapshot(snapshot)
        self.format = snapshot.format
        self.pairCount = snapshot.top.count
        self.name = name
        self.stateVersion = version
        self.stateRoot = try snapshot.stateRoot(version: version)
    }

    /// The audit of the snapshot file at `path` (`-`: standard input), read as a stream
    /// (``SnapshotStream``): memory stays bounded whatever its size.
    ///
    /// - Throws: as ``init(_:name:stateVersion:)``, and ``FileError`` when the file cannot be read.
    public init(path: String, name: String, stateVersion: StateVersion?, options: SnapshotReadOptions = .init()) throws {
        switch try SnapshotStream.read(path: path, name: name, stateVersion: stateVersion, options: options) {
        case .whole(let snapshot):
            self = try SnapshotAudit(snapshot, name: name, stateVersion: stateVersion)
        case .streamed(let streamed):
            guard let version = streamed.stateVersion, let root = streamed.stateRoot else { throw Self.layoutUnknown(name) }
            self.source = .file(path: path, options: options)
            self.format = streamed.format
            self.pairCount = streamed.pairCount
            self.name = name
            self.stateVersion = version
            self.stateRoot = root
        }
    }

    private static func layoutUnknown(_ name: String) -> StateAuditError {
        StateAuditError(.layoutUnknown, "\(name) has no :code to read the trie layout from; pass --state-version 0 or 1")
    }

    /// The root of `source` under `version`.
    private static func root(of source: Source, name: String, version: StateVersion) throws -> H256 {
        switch source {
        case .snapshot(let snapshot): return try snapshot.stateRoot(version: version)
        case .file(let path, let options):
            switch try SnapshotStream.read(path: path, name: name, stateVersion: version, options: options) {
            case .whole(let snapshot): return try snapshot.stateRoot(version: version)
            case .streamed(let streamed): return streamed.stateRoot!
            }
        }
    }

    /// Every pair of `source` sorted, for the key-by-key comparison.
    private static func allPairs(of source: Source, name: String) throws -> SnapshotStream.AllPairs {
        switch source {
        case .snapshot(let snapshot): return try SnapshotStream.allPairs(of: snapshot, options: .init())
        case .file(let path, let options):
            do {
                return try SnapshotStream.allPairs(path: path, name: name, options: options)
            } catch let error as FileError {
                throw error
            } catch {
                // A small file the stream refused, which the audit read whole: read it whole again.
                let snapshot = try StateSnapshot(jsonBytes: try SmallFile.read(path: path, limit: options.wholeReadLimit), source: name)
                return try SnapshotStream.allPairs(of: snapshot, options: options)
            }
        }
    }

    /// The report: the root, and a check for each of `header` (its state root must be the computed one)
    /// and `against` (its root under the same layout must be the same; when it is not, the report names
    /// the first differing key, the last one, and how many keys differ in which way).
    public func run(header: BlockHeader? = nil, against other: Comparison? = nil) throws -> AuditReport {
        let root = stateRoot
        var checks: [AuditCheck] = []
        var fields: [String: JSONValue] = [
            "snapshot": .string(name), "format": .string(format.rawValue),
            "pairs": .integer(pairCount), "stateRoot": .string(root.hex),
            "stateVersion": .integer(stateVersion.number),
        ]
        var lines = [
            "snapshot       \(name) (\(format.rawValue), \(pairCount) pairs)",
            "state version  \(stateVersion.number)",
            "state root     \(root.hex)",
        ]
        if let header {
            fields["header"] = .object([
                "number": .integer(header.number), "hash": .string(header.hash.hex), "stateRoot": .string(header.stateRoot.hex),
            ])
            lines.append("header         #\(header.number) \(header.hash.hex)")
            let name = "state root matches header #\(header.number)"
            checks.append(
                header.stateRoot == root
                    ? AuditCheck(name: name)
                    : AuditCheck(
                        name: name, failure: "computed \(root.hex), header says \(header.stateRoot.hex)",
                        detail: "the snapshot is not the state of this block, or was altered; check the block it was taken at and the trie layout"))
        }
        if let other {
            let otherRoot = try Self.root(of: other.source, name: other.name, version: stateVersion)
            fields["against"] = .object(["snapshot": .string(other.name), "stateRoot": .string(otherRoot.hex)])
            lines.append("against        \(other.name): \(otherRoot.hex)")
            let name = "state root matches \(other.name)"
            if otherRoot == root {
                checks.append(AuditCheck(name: name))
            } else {
                let diff = try SnapshotStream.difference(Self.allPairs(of: source, name: name), Self.allPairs(of: other.source, name: other.name))
                var detail = "no key/value differences: the snapshots differ in child tries or layout"
                if let first = diff.first, let last = diff.lastKey {
                    let firstKey = "0x" + Hex.encode(first.key)
                    let lastKey = "0x" + Hex.encode(last)
                    detail =
                        "first differing key \(firstKey) (\(first.change.rawValue)); differing keys range to \(lastKey): "
                        + "\(diff.onlyInFirst) only in \(self.name), \(diff.onlyInSecond) only in \(other.name), "
                        + "\(diff.valueDiffers) with different values"
                    fields["difference"] = .object([
                        "firstKey": .string(firstKey), "firstChange": .string(first.change.rawValue),
                        "lastKey": .string(lastKey), "onlyInFirst": .integer(diff.onlyInFirst),
                        "onlyInSecond": .integer(diff.onlyInSecond), "valueDiffers": .integer(diff.valueDiffers),
                    ])
                }
                checks.append(AuditCheck(name: name, failure: "\(root.hex) differs from \(otherRoot.hex)", detail: detail))
            }
        }
        return AuditReport(fields: fields, lines: lines, checks: checks)
    }
}
