import AutoIDVerdict
import ArgumentParser
import AutoIDFiles
import AutoIDHashing
import AutoIDJSON
import AutoIDState

extension StateAudit {
    /// `state-audit proof`: verify a `state_getReadProof` result against a state root.
    struct Proof: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "proof",
            abstract: "Verify a read proof for storage keys against a state root or header.",
            discussion: """
                PROOF is what state_getReadProof returns: {"at": "0x..", "proof": ["0xnode", ...]} (bare or \
                in a JSON-RPC response). Each --key is hex; Pallet.Item for a plain storage value \
                (twox128(Pallet) ++ twox128(Item)); or Pallet.Item:HASHER:0xKEY for a map entry, the \
                SCALE-encoded key hashed with blake2_128Concat, twox64Concat, identity or another FRAME \
                hasher (for example System.Account:blake2_128Concat:0x<account id>). For every key the proven value, or its proven absence, \
                is printed. A proof missing a node the keys need, or with a malformed node, fails (exit \
                status 1). Nodes the keys did not need are reported: a warning by default, a failure with \
                --strict. The default layout, 1, also accepts LayoutV0 nodes, since a trie in migration \
                mixes both.
                """)

        @Argument(help: ArgumentHelp("The read proof (JSON).", valueName: "proof"))
        var proof: String

        @Option(name: .customLong("key"), help: ArgumentHelp("A storage key: hex, or Pallet.Item. Repeat for several.", valueName: "key"))
        var keys: [String]

        @Option(help: ArgumentHelp("The state root to verify against.", valueName: "hash"))
        var root: String?

        @Option(help: ArgumentHelp("A block header (chain_getHeader JSON or SCALE hex) whose stateRoot to use.", valueName: "file"))
        var header: String?

        @Option(help: ArgumentHelp("Trie layout: 0 or 1.", valueName: "version"))
        var stateVersion: StateVersionArgument = .v1

        @Flag(help: "Fail when the proof carries nodes the keys did not need.")
        var strict = false

        @OptionGroup var report: ReportOptions

        /// A storage key from `0xHEX`, `Pallet.Item` (a plain value) or `Pallet.Item:HASHER:0xKEY` (a map
        /// entry, the SCALE-encoded map key hashed with one of FRAME's hashers).
        static func storageKey(_ key: String) throws -> [UInt8] {
            if let bytes = Hex.decode(key), key.hasPrefix("0x") || !key.contains(".") { return bytes }
            let fields = key.split(separator: ":", maxSplits: 2).map(String.init)
            let parts = fields[0].split(separator: ".")
            guard parts.count == 2 else { throw ValidationError("--key \(key) is neither hex, Pallet.Item nor Pallet.Item:HASHER:0xKEY.") }
            let prefix = StorageHashing.storagePrefix(pallet: String(parts[0]), item: String(parts[1]))
            guard fields.count > 1 else { return prefix }
            let names = StorageHasher.allCases.map(\.rawValue).joined(separator: ", ")
            guard fields.count == 3, let hasher = StorageHasher(rawValue: fields[1]) else {
                throw ValidationError("--key \(key): the hasher must be one of \(names).")
            }
            guard let mapKey = Hex.decode(fields[2]) else { throw ValidationError("--key \(key): the map key must be hex (its SCALE encoding).") }
            return prefix + hasher.hash(mapKey)
        }

        func validate() throws {
            for key in keys { _ = try Self.storageKey(key) }
            guard (root == nil) != (header == nil) else { throw ValidationError("Give exactly one of --root and --header.") }
            guard !keys.isEmpty else { throw ValidationError("Name at least one --key.") }
        }

        func run() throws {
            var status = ExitStatus.ok
            try reportingErrors(tool: "state-audit", verbose: report.verbose) {
                let stateRoot: H256
                if let root {
                    guard let value = H256(hex: root) else { throw ValidationError("--root \(root) is not a 32-byte hex hash.") }
                    stateRoot = value
                } else {
                    stateRoot = try BlockHeader(json: try Snapshot.readJSON(header!), source: header!).stateRoot
                }
                let keyBytes = try keys.map(Self.storageKey)
                var document = try Snapshot.readJSON(proof)
                if let result = document["result"], document["jsonrpc"] != nil { document = result }
                guard let nodeList = document["proof"]?.arrayValue else {
                    throw StateError(.invalidInput, "\(proof): no \"proof\" list", offset: nil, hint: "give the result of state_getReadProof")
                }
                let nodes = try nodeList.enumerated().map { index, node throws -> [UInt8] in
                    guard let text = node.stringValue, let bytes = Hex.decode(text) else {
                        throw StateError(.invalidInput, "\(proof): proof[\(index)] is not hex", offset: nil, hint: "proof nodes are 0x-prefixed hex")
                    }
                    return bytes
                }
                var checks: [AuditCheck] = []
                var lines: [String] = []
                var results: [JSONValue] = []
                do {
                    let verification = try ReadProof.verify(root: stateRoot, nodes: nodes, keys: keyBytes, version: stateVersion.stateVersion)
                    for (key, (bytes, lookup)) in zip(keys, zip(keyBytes, verification.results)) {
                        let name = "0x" + Hex.encode(bytes)
                        switch lookup {
                        case .present(let value):
                            lines.append("\(key): 0x\(Hex.encode(value))")
                            results.append(.object(["key": .string(name), "value": .string("0x" + Hex.encode(value))]))
                        case .absent:
                            lines.append("\(key): absent")
                            results.append(.object(["key": .string(name), "value": .null]))
                        }
                        checks.append(AuditCheck(name: "proof for \(key)"))
                    }
                    if !verification.unusedNodeIndices.isEmpty {
                        let message = "\(verification.unusedNodeIndices.count) node(s) not needed for these keys (indices \(verification.unusedNodeIndices.map(String.init).joined(separator: ", ")))"
                        if strict {
                            checks.append(AuditCheck(name: "proof is minimal", failure: message))
                        } else {
                            Console.printError("state-audit: warning: \(proof): \(message)")
                        }
                    }
                } catch {
                    checks.append(AuditCheck(name: "proof verifies", failure: "\(error)"))
                }
                let fields: [String: JSONValue] = [
                    "proof": .string(proof), "root": .string(stateRoot.hex), "results": .array(results),
                ]
                status = try AuditOutcome(fields: fields, lines: lines, checks: checks).emit(report, suite: "state-audit proof")
            }
            if status != .ok { throw status.exitCode }
        }
    }
}
