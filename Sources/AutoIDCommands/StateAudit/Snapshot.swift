import AutoIDVerdict
import ArgumentParser
import AutoIDFiles
import AutoIDHashing
import AutoIDJSON
import AutoIDState
import Foundation

extension StateAudit {
    /// `state-audit snapshot`: the state root of a key/value snapshot, checked against a header.
    struct Snapshot: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "snapshot",
            abstract: "Recompute the state root of a snapshot and check it against a block header.",
            discussion: """
                SNAPSHOT is a raw chain spec, a JSON map of hex keys to hex values, the result of \
                state_getPairs ([["0xkey","0xvalue"], ...], bare or in a JSON-RPC response), or JSON Lines \
                with one such pair per line. Keys need not be sorted. The trie layout comes from \
                --state-version, else from the runtime in :code when the snapshot holds it. With --header \
                (chain_getHeader JSON, or the SCALE-encoded header as a hex string) the computed root must \
                equal the header's stateRoot. With --against OTHER the two snapshots' roots must match; when \
                they do not, the report names the first differing key, the range of differing keys and how \
                many keys were added, removed or changed.
                """)

        @Argument(help: ArgumentHelp("The snapshot file (- for standard input).", valueName: "snapshot"))
        var snapshot: String

        @Option(help: ArgumentHelp("Trie layout: 0 or 1 (default: from the runtime in :code).", valueName: "version"))
        var stateVersion: StateVersionArgument?

        @Option(help: ArgumentHelp("A block header whose stateRoot the snapshot must match.", valueName: "file"))
        var header: String?

        @Option(help: ArgumentHelp("Another snapshot to compare with: the roots must match, and differing keys are reported.", valueName: "file"))
        var against: String?

        @OptionGroup var report: ReportOptions

        func run() throws {
            var status = ExitStatus.ok
            try reportingErrors(tool: "state-audit", verbose: report.verbose) {
                let snapshotBytes = try SmallFile.read(path: snapshot, limit: 4 * 1024 * 1024 * 1024)
                let state = try StateSnapshot(jsonBytes: snapshotBytes, source: snapshot)
                let version: StateVersion
                if let stateVersion {
                    version = stateVersion.stateVersion
                } else if let runtime = try state.runtimeVersion() {
                    version = runtime.stateVersion
                } else {
                    throw ValidationError("\(snapshot) has no :code to read the trie layout from; pass --state-version 0 or 1")
                }
                let root = try state.stateRoot(version: version)
                var checks: [AuditCheck] = []
                var fields: [String: JSONValue] = [
                    "snapshot": .string(snapshot), "format": .string(state.format.rawValue),
                    "pairs": .integer(state.top.count), "stateRoot": .string(root.hex),
                    "stateVersion": .integer(version == .v0 ? 0 : 1),
                ]
                var lines = [
                    "snapshot       \(snapshot) (\(state.format.rawValue), \(state.top.count) pairs)",
                    "state version  \(version == .v0 ? 0 : 1)",
                    "state root     \(root.hex)",
                ]
                if let header {
                    let parsed = try BlockHeader(json: try Self.readJSON(header), source: header)
                    fields["header"] = .object(["number": .integer(parsed.number), "hash": .string(parsed.hash.hex), "stateRoot": .string(parsed.stateRoot.hex)])
                    lines.append("header         #\(parsed.number) \(parsed.hash.hex)")
                    checks.append(
                        parsed.stateRoot == root
                            ? AuditCheck(name: "state root matches header #\(parsed.number)")
                            : AuditCheck(
                                name: "state root matches header #\(parsed.number)",
                                failure: "computed \(root.hex), header says \(parsed.stateRoot.hex)",
                                detail: "the snapshot is not the state of this block, or was altered; check the block it was taken at and the trie layout"))
                }
                if let against {
                    let other = try StateSnapshot(jsonBytes: try SmallFile.read(path: against, limit: 4 * 1024 * 1024 * 1024), source: against)
                    let otherRoot = try other.stateRoot(version: version)
                    fields["against"] = .object(["snapshot": .string(against), "stateRoot": .string(otherRoot.hex)])
                    lines.append("against        \(against): \(otherRoot.hex)")
                    let name = "state root matches \(against)"
                    if otherRoot == root {
                        checks.append(AuditCheck(name: name))
                    } else {
                        let diff = StateDiff(state.top + state.children.flatMap(\.pairs), other.top + other.children.flatMap(\.pairs))
                        var detail = "no key/value differences: the snapshots differ in child tries or layout"
                        if let first = diff.first {
                            detail = "first differing key 0x\(Hex.encode(first.key)) (\(first.change.rawValue)); differing keys range to 0x\(Hex.encode(diff.lastKey!)): \(diff.onlyInFirst) only in \(snapshot), \(diff.onlyInSecond) only in \(against), \(diff.valueDiffers) with different values"
                            fields["difference"] = .object([
                                "firstKey": .string("0x" + Hex.encode(first.key)), "firstChange": .string(first.change.rawValue),
                                "lastKey": .string("0x" + Hex.encode(diff.lastKey!)), "onlyInFirst": .integer(diff.onlyInFirst),
                                "onlyInSecond": .integer(diff.onlyInSecond), "valueDiffers": .integer(diff.valueDiffers),
                            ])
                        }
                        checks.append(AuditCheck(name: name, failure: "\(root.hex) differs from \(otherRoot.hex)", detail: detail))
                    }
                }
                status = try AuditOutcome(fields: fields, lines: lines, checks: checks).emit(report, suite: "state-audit snapshot")
            }
            if status != .ok { throw status.exitCode }
        }

        /// Reads a JSON file, or a file holding a bare hex string (a SCALE-encoded header).
        static func readJSON(_ path: String) throws -> JSONValue {
            let bytes = try SmallFile.read(path: path, limit: 64 * 1024 * 1024)
            let trimmed = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.hasPrefix("0x") { return .string(trimmed) }
            do {
                return try JSONParser.parse(bytes)
            } catch {
                throw StateError(.invalidInput, "\(path): \(error)", offset: nil, hint: "give chain_getHeader JSON or a hex string")
            }
        }
    }
}
