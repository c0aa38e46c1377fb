import AutoIDJSON
public import AutoIDReports

/// `state-audit chain-spec`: the genesis state root and genesis block hash of a raw chain spec, checked
/// against expected values when there are any.
///
/// The trie layout is the one asked for, else the one the runtime in `:code` declares. The genesis header
/// has a zero parent, number 0, the state root, the empty trie as extrinsics root and no digest.
public struct ChainSpecAudit: Sendable {
    /// The layout to use; `nil` to take the runtime's.
    public var stateVersion: StateVersion?
    /// The genesis state root the spec must have, as given (a value that is not a hash fails its check).
    public var expectedStateRoot: String?
    /// The genesis hash the spec must have, as given.
    public var expectedGenesisHash: String?

    /// An audit with these options; with no expectations, it computes and checks nothing.
    public init(stateVersion: StateVersion? = nil, expectedStateRoot: String? = nil, expectedGenesisHash: String? = nil) {
        self.stateVersion = stateVersion
        self.expectedStateRoot = expectedStateRoot
        self.expectedGenesisHash = expectedGenesisHash
    }

    /// The report on `spec`, named `name` (its path, as given).
    ///
    /// - Throws: ``StateAuditError`` (usage) when `spec` is not a chain spec; ``StateError`` when the layout
    ///   is not given and `:code` is missing or unreadable, or a child trie is malformed.
    public func run(_ spec: StateSnapshot, name: String) throws -> AuditReport {
        guard spec.format == .chainSpec else {
            throw StateAuditError(.notAChainSpec, "\(name) is a \(spec.format.rawValue) snapshot, not a chain spec; use 'state-audit snapshot'")
        }
        // Shown when it reads; the layout below needs it only when no version is given.
        let runtime = try? spec.runtimeVersion()
        let version: StateVersion
        let source: String
        if let stateVersion {
            (version, source) = (stateVersion, "--state-version")
        } else {
            guard let runtime = try spec.runtimeVersion() else {
                throw StateError(
                    .invalidInput, "\(name): no :code in genesis, so the runtime cannot say its trie layout", offset: nil,
                    hint: "pass --state-version 0 or 1")
            }
            (version, source) = (runtime.stateVersion, "runtime")
        }
        let header = try StateRoot.genesisHeader(top: spec.top, children: spec.children, version: version)
        var checks: [AuditCheck] = []
        if let expectedStateRoot {
            checks.append(ExpectedHash.check("state root", expected: expectedStateRoot, actual: header.stateRoot))
        }
        if let expectedGenesisHash {
            checks.append(ExpectedHash.check("genesis hash", expected: expectedGenesisHash, actual: header.hash))
        }
        var fields: [String: JSONValue] = [
            "spec": .string(name),
            "stateRoot": .string(header.stateRoot.hex),
            "genesisHash": .string(header.hash.hex),
            "stateVersion": .integer(version.number),
            "stateVersionSource": .string(source),
            "topPairs": .integer(spec.top.count),
            "childTries": .integer(spec.children.count),
        ]
        if let chainName = spec.chainName { fields["name"] = .string(chainName) }
        if let chainID = spec.chainID { fields["id"] = .string(chainID) }
        var lines = [
            "chain spec     \(name)" + (spec.chainName.map { " (\($0)\(spec.chainID.map { ", id \($0)" } ?? ""))" } ?? "")
        ]
        if let runtime {
            fields["runtime"] = .object([
                "specName": .string(runtime.specName), "implName": .string(runtime.implName),
                "specVersion": .integer(runtime.specVersion), "implVersion": .integer(runtime.implVersion),
                "transactionVersion": runtime.transactionVersion.map { .integer($0) } ?? .null,
                "systemVersion": runtime.systemVersion.map { .integer($0) } ?? .null,
            ])
            lines.append(
                "runtime        \(runtime.specName) spec_version \(runtime.specVersion), "
                    + "state version \(runtime.systemVersion.map(String.init) ?? "absent (0)")")
        }
        lines += [
            "pairs          \(spec.top.count) top, \(spec.children.count) child tries",
            "state version  \(version.number) (from \(source))",
            "state root     \(header.stateRoot.hex)",
            "genesis hash   \(header.hash.hex)",
        ]
        return AuditReport(fields: fields, lines: lines, checks: checks)
    }
}
