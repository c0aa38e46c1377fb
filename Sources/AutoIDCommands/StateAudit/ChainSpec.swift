import AutoIDVerdict
import ArgumentParser
import AutoIDFiles
import AutoIDJSON
import AutoIDState

extension StateAudit {
    /// `state-audit chain-spec`: genesis state root and genesis block hash of a raw chain spec.
    struct ChainSpec: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "chain-spec",
            abstract: "Compute the genesis state root and block hash of a raw chain spec.",
            discussion: """
                The trie layout comes from the runtime itself: the runtime_version custom section of the \
                wasm in :code (zstd-compressed behind Substrate's prefix, or plain), whose state version 0 \
                means LayoutV0 and 1 or 2 LayoutV1. --state-version overrides it. The genesis header has a \
                zero parent, number 0, the state root, the empty trie as extrinsics root and no digest; its \
                BLAKE2b-256 is the genesis hash. --expect-genesis-hash and --expect-state-root turn the \
                run into a check (exit status 1 on a mismatch).
                """)

        @Argument(help: ArgumentHelp("The raw chain spec (JSON).", valueName: "spec"))
        var spec: String

        @Option(help: ArgumentHelp("Trie layout: 0 or 1 (default: from the runtime in :code).", valueName: "version"))
        var stateVersion: StateVersionArgument?

        @Option(help: ArgumentHelp("Check the genesis block hash against this value.", valueName: "hash"))
        var expectGenesisHash: String?

        @Option(help: ArgumentHelp("Check the genesis state root against this value.", valueName: "root"))
        var expectStateRoot: String?

        @OptionGroup var report: ReportOptions

        func run() throws {
            var status = ExitStatus.ok
            try reportingErrors(tool: "state-audit", verbose: report.verbose) {
                let bytes = try SmallFile.read(path: spec, limit: 2 * 1024 * 1024 * 1024)
                let snapshot = try StateSnapshot(jsonBytes: bytes, source: spec)
                guard snapshot.format == .chainSpec else {
                    throw ValidationError("\(spec) is a \(snapshot.format.rawValue) snapshot, not a chain spec; use 'state-audit snapshot'")
                }
                let runtime = try? snapshot.runtimeVersion()
                let version: StateVersion
                let source: String
                if let stateVersion {
                    (version, source) = (stateVersion.stateVersion, "--state-version")
                } else {
                    guard let runtime = try snapshot.runtimeVersion() else {
                        throw StateError(.invalidInput, "\(spec): no :code in genesis, so the runtime cannot say its trie layout", offset: nil,
                                         hint: "pass --state-version 0 or 1")
                    }
                    (version, source) = (runtime.stateVersion, "runtime")
                }
                let header = try StateRoot.genesisHeader(top: snapshot.top, children: snapshot.children, version: version)
                var checks: [AuditCheck] = []
                if let expected = expectStateRoot {
                    checks.append(Self.compare("state root", expected: expected, actual: header.stateRoot))
                }
                if let expected = expectGenesisHash {
                    checks.append(Self.compare("genesis hash", expected: expected, actual: header.hash))
                }
                let versionNumber = version == .v0 ? 0 : 1
                var fields: [String: JSONValue] = [
                    "spec": .string(spec),
                    "stateRoot": .string(header.stateRoot.hex),
                    "genesisHash": .string(header.hash.hex),
                    "stateVersion": .integer(versionNumber),
                    "stateVersionSource": .string(source),
                    "topPairs": .integer(snapshot.top.count),
                    "childTries": .integer(snapshot.children.count),
                ]
                if let name = snapshot.chainName { fields["name"] = .string(name) }
                if let id = snapshot.chainID { fields["id"] = .string(id) }
                var lines = [
                    "chain spec     \(spec)" + (snapshot.chainName.map { " (\($0)\(snapshot.chainID.map { ", id \($0)" } ?? ""))" } ?? ""),
                ]
                if let runtime {
                    fields["runtime"] = .object([
                        "specName": .string(runtime.specName), "implName": .string(runtime.implName),
                        "specVersion": .integer(runtime.specVersion), "implVersion": .integer(runtime.implVersion),
                        "transactionVersion": runtime.transactionVersion.map { .integer($0) } ?? .null,
                        "systemVersion": runtime.systemVersion.map { .integer($0) } ?? .null,
                    ])
                    lines.append("runtime        \(runtime.specName) spec_version \(runtime.specVersion), state version \(runtime.systemVersion.map(String.init) ?? "absent (0)")")
                }
                lines += [
                    "pairs          \(snapshot.top.count) top, \(snapshot.children.count) child tries",
                    "state version  \(versionNumber) (from \(source))",
                    "state root     \(header.stateRoot.hex)",
                    "genesis hash   \(header.hash.hex)",
                ]
                status = try AuditOutcome(fields: fields, lines: lines, checks: checks).emit(report, suite: "state-audit chain-spec")
            }
            if status != .ok { throw status.exitCode }
        }

        static func compare(_ what: String, expected: String, actual: H256) -> AuditCheck {
            guard let value = H256(hex: expected) else {
                return AuditCheck(name: what, failure: "expected value \"\(expected)\" is not a 32-byte hex hash")
            }
            return value == actual
                ? AuditCheck(name: what)
                : AuditCheck(name: what, failure: "computed \(actual.hex), expected \(value.hex)")
        }
    }
}
