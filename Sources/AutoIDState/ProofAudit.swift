import AutoIDHashing
public import AutoIDJSON
public import AutoIDReports

/// `state-audit proof`: a read proof (what `state_getReadProof` returns) verified against a state root,
/// key by key.
///
/// Each key gets its proven value or its proven absence and a passed check. A proof that lacks a node the
/// keys need, or holds a malformed one, fails one check, `proof verifies`, with the reason. Nodes the keys
/// did not need are a warning, or a failed check when ``strict``.
public struct ProofAudit: Sendable {
    /// The state root the proof must lead to.
    public var root: H256
    /// The keys to look up, in report order.
    public var keys: [StorageKeySpec]
    /// The trie layout; LayoutV1 also accepts LayoutV0 nodes, since a trie in migration mixes both.
    public var stateVersion: StateVersion
    /// Whether nodes the keys did not need fail the audit instead of being a warning.
    public var strict: Bool

    /// An audit of proofs for `keys` under `root`.
    public init(root: H256, keys: [StorageKeySpec], stateVersion: StateVersion = .v1, strict: Bool = false) {
        self.root = root
        self.keys = keys
        self.stateVersion = stateVersion
        self.strict = strict
    }

    /// The report on `proof`, a `state_getReadProof` result (bare or inside a JSON-RPC response) named
    /// `name` (its path, as given).
    ///
    /// - Throws: ``StateError`` when `proof` has no `proof` list or a node that is not hex: the document is
    ///   not a read proof at all. Nodes that are hex but wrong fail a check instead.
    public func run(_ proof: JSONValue, name: String) throws(StateError) -> AuditReport {
        let nodes = try Self.nodes(of: proof, source: name)
        var checks: [AuditCheck] = []
        var lines: [String] = []
        var warnings: [String] = []
        var results: [JSONValue] = []
        do {
            let verification = try ReadProof.verify(root: root, nodes: nodes, keys: keys.map(\.bytes), version: stateVersion)
            for (key, lookup) in zip(keys, verification.results) {
                let hexKey = "0x" + Hex.encode(key.bytes)
                switch lookup {
                case .present(let value):
                    lines.append("\(key.text): 0x\(Hex.encode(value))")
                    results.append(.object(["key": .string(hexKey), "value": .string("0x" + Hex.encode(value))]))
                case .absent:
                    lines.append("\(key.text): absent")
                    results.append(.object(["key": .string(hexKey), "value": .null]))
                }
                checks.append(AuditCheck(name: "proof for \(key.text)"))
            }
            let unused = verification.unusedNodeIndices
            if !unused.isEmpty {
                // The first few indices, then a count: a hostile proof can repeat a node thousands of times.
                let shown = unused.prefix(Self.shownIndices).map(String.init).joined(separator: ", ")
                let more = unused.count > Self.shownIndices ? ", and \(unused.count - Self.shownIndices) more" : ""
                let message = "\(unused.count) node(s) not needed for these keys (indices \(shown)\(more))"
                if strict {
                    checks.append(AuditCheck(name: "proof is minimal", failure: message))
                } else {
                    warnings.append("\(name): \(message)")
                }
            }
        } catch {
            checks.append(AuditCheck(name: "proof verifies", failure: "\(error)"))
        }
        let fields: [String: JSONValue] = ["proof": .string(name), "root": .string(root.hex), "results": .array(results)]
        return AuditReport(fields: fields, lines: lines, checks: checks, warnings: warnings)
    }

    /// How many indices of unneeded nodes a message lists before it summarises the rest.
    static let shownIndices = 10

    /// The encoded trie nodes of a `state_getReadProof` result: `{"at": .., "proof": ["0x…", ...]}`, bare or
    /// as the `result` of a JSON-RPC response.
    public static func nodes(of document: JSONValue, source: String) throws(StateError) -> [[UInt8]] {
        var document = document
        if let result = document["result"], document["jsonrpc"] != nil { document = result }
        guard let list = document["proof"]?.arrayValue else {
            throw StateError(.invalidInput, "\(source): no \"proof\" list", offset: nil, hint: "give the result of state_getReadProof")
        }
        var nodes: [[UInt8]] = []
        nodes.reserveCapacity(list.count)
        for (index, node) in list.enumerated() {
            guard let text = node.stringValue, let bytes = Hex.decode(text) else {
                throw StateError(.invalidInput, "\(source): proof[\(index)] is not hex", offset: nil, hint: "proof nodes are 0x-prefixed hex")
            }
            nodes.append(bytes)
        }
        return nodes
    }
}
