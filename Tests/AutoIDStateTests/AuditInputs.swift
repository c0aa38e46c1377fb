import AutoIDHashing
import AutoIDJSON
import AutoIDState
import Foundation

/// Inputs for the audit tests, built in memory the way the files `state-audit` reads would hold them.
enum AuditInputs {
    /// The package's sample raw chain spec (state version 1 in its runtime, one default child trie).
    static let demoSpecPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // AutoIDStateTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("Samples/state/demo-chain-spec.json").path

    static func demoSpec() throws -> StateSnapshot {
        try StateSnapshot(jsonBytes: Array(try Data(contentsOf: URL(fileURLWithPath: demoSpecPath))), source: "demo")
    }

    /// `pairs` as a `state_getPairs` JSON-RPC response, parsed.
    static func snapshot(_ pairs: [([UInt8], [UInt8])]) throws -> StateSnapshot {
        let list = JSONValue.array(pairs.map { .array([.string("0x" + Hex.encode($0.0)), .string("0x" + Hex.encode($0.1))]) })
        let response = JSONValue.object(["jsonrpc": .string("2.0"), "id": .integer(1), "result": list])
        return try StateSnapshot(jsonBytes: response.jsonBytes(), source: "pairs")
    }

    /// A raw chain spec with `top` and default child tries `children` (child storage key -> pairs).
    static func chainSpec(name: String? = nil, top: [([UInt8], [UInt8])], children: [[UInt8]: [([UInt8], [UInt8])]] = [:]) throws -> StateSnapshot {
        func map(_ pairs: [([UInt8], [UInt8])]) -> JSONValue {
            .object(Dictionary(pairs.map { ("0x" + Hex.encode($0.0), JSONValue.string("0x" + Hex.encode($0.1))) }, uniquingKeysWith: { $1 }))
        }
        var raw: [String: JSONValue] = ["top": map(top)]
        if !children.isEmpty {
            raw["childrenDefault"] = .object(Dictionary(uniqueKeysWithValues: children.map { ("0x" + Hex.encode($0.key), map($0.value)) }))
        }
        var spec: [String: JSONValue] = ["genesis": .object(["raw": .object(raw)])]
        if let name { spec["name"] = .string(name) }
        return try StateSnapshot(jsonBytes: JSONValue.object(spec).jsonBytes(), source: "spec")
    }

    /// `count` random pairs with 32-byte keys and values of 1 to 60 bytes (both layouts differ on them).
    static func pairs(_ count: Int, seed: UInt64) -> [([UInt8], [UInt8])] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in (random.bytes(32), random.bytes(Int.random(in: 1...60, using: &random))) }
    }

    /// A header of block `number` with `stateRoot`, on an arbitrary parent.
    static func header(number: UInt64 = 77, stateRoot: H256, parent: H256? = nil) -> BlockHeader {
        BlockHeader(
            parentHash: parent ?? H256([UInt8](repeating: 0x11, count: 32))!, number: number, stateRoot: stateRoot,
            extrinsicsRoot: TrieConstants.emptyRoot)
    }
}
