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
    /// Another snapshot whose root must equal the audited one's, and the name the report gives it.
    public struct Comparison: Sendable {
        /// The other snapshot.
        public var snapshot: StateSnapshot
        /// How the report names it (its path, as given).
        public var name: String

        /// `snapshot`, named `name` in the report.
        public init(_ snapshot: StateSnapshot, name: String) {
            self.snapshot = snapshot
            self.name = name
        }
    }

    /// The audited snapshot.
    public let snapshot: StateSnapshot
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
            throw StateAuditError(.layoutUnknown, "\(name) has no :code to read the trie layout from; pass --state-version 0 or 1")
        }
        self.snapshot = snapshot
        self.name = name
        self.stateVersion = version
        self.stateRoot = try snapshot.stateRoot(version: version)
    }

    /// The report: the root, and a check for each of `header` (its state root must be the computed one)
    /// and `against` (its root under the same layout must be the same; when it is not, the report names
    /// the first differing key, the last one, and how many keys differ in which way).
    public func run(header: BlockHeader? = nil, against other: Comparison? = nil) throws(StateError) -> AuditReport {
        let root = stateRoot
        var checks: [AuditCheck] = []
        var fields: [String: JSONValue] = [
            "snapshot": .string(name), "format": .string(snapshot.format.rawValue),
            "pairs": .integer(snapshot.top.count), "stateRoot": .string(root.hex),
            "stateVersion": .integer(stateVersion.number),
        ]
        var lines = [
            "snapshot       \(name) (\(snapshot.format.rawValue), \(snapshot.top.count) pairs)",
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
            let otherRoot = try other.snapshot.stateRoot(version: stateVersion)
            fields["against"] = .object(["snapshot": .string(other.name), "stateRoot": .string(otherRoot.hex)])
            lines.append("against        \(other.name): \(otherRoot.hex)")
            let name = "state root matches \(other.name)"
            if otherRoot == root {
                checks.append(AuditCheck(name: name))
            } else {
                let diff = StateDiff(Self.allPairs(snapshot), Self.allPairs(other.snapshot))
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

    /// Top pairs and the pairs of every child trie: what a key-by-key comparison walks.
    private static func allPairs(_ snapshot: StateSnapshot) -> [([UInt8], [UInt8])] {
        snapshot.top + snapshot.children.flatMap(\.pairs)
    }
}
