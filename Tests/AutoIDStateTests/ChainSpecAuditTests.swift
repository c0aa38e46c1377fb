import AutoIDHashing
import AutoIDJSON
import AutoIDReports
import AutoIDState
import AutoIDVerdict
import Testing

@Suite("Chain spec audit")
struct ChainSpecAuditTests {
    @Test("the genesis of the sample spec: runtime's layout, expectations met, the fields in full")
    func sampleSpec() throws {
        let spec = try AuditInputs.demoSpec()
        let root = try StateRoot.compute(top: spec.top, children: spec.children, version: .v1)
        let genesis = BlockHeader.genesis(stateRoot: root)
        let report = try ChainSpecAudit(expectedStateRoot: root.hex, expectedGenesisHash: genesis.hash.hex).run(spec, name: "demo.json")
        #expect(report.status == .ok)
        #expect(report.checks == [AuditCheck(name: "state root"), AuditCheck(name: "genesis hash")])
        let runtime = try #require(try spec.runtimeVersion())
        #expect(
            report.fields == [
                "spec": .string("demo.json"), "stateRoot": .string(root.hex), "genesisHash": .string(genesis.hash.hex),
                "stateVersion": .integer(1), "stateVersionSource": .string("runtime"),
                "topPairs": .integer(spec.top.count), "childTries": .integer(spec.children.count),
                "name": try #require(spec.chainName.map(JSONValue.string)), "id": try #require(spec.chainID.map(JSONValue.string)),
                "runtime": .object([
                    "specName": .string("autoid-demo"), "implName": .string("autoid-demo-node"),
                    "specVersion": .integer(100), "implVersion": .integer(0),
                    "transactionVersion": .integer(1), "systemVersion": .integer(1),
                ]),
            ])
        #expect(runtime.specName == "autoid-demo")
        #expect(report.lines.contains("runtime        autoid-demo spec_version 100, state version 1"))
        #expect(
            report.lines.suffix(4) == [
                "pairs          \(spec.top.count) top, \(spec.children.count) child tries",
                "state version  1 (from runtime)",
                "state root     \(root.hex)",
                "genesis hash   \(genesis.hash.hex)",
            ])
    }

    @Test("an explicit layout overrides the runtime's and says where it came from")
    func explicitLayout() throws {
        let spec = try AuditInputs.demoSpec()
        let report = try ChainSpecAudit(stateVersion: .v0).run(spec, name: "demo.json")
        let v0 = try StateRoot.compute(top: spec.top, children: spec.children, version: .v0)
        #expect(report.fields["stateRoot"] == .string(v0.hex))
        #expect(report.fields["stateVersion"] == .integer(0))
        #expect(report.fields["stateVersionSource"] == .string("--state-version"))
        #expect(report.checks.isEmpty)
    }

    @Test("wrong expectations fail with both values; a value that is not a hash fails its own check")
    func wrongExpectations() throws {
        let spec = try AuditInputs.demoSpec()
        let root = try StateRoot.compute(top: spec.top, children: spec.children, version: .v1)
        let wrong = H256([UInt8](repeating: 0xab, count: 32))!
        let report = try ChainSpecAudit(expectedStateRoot: wrong.hex, expectedGenesisHash: "0x1234").run(spec, name: "demo.json")
        #expect(report.status == .verificationFailed)
        #expect(
            report.checks == [
                AuditCheck(name: "state root", failure: "computed \(root.hex), expected \(wrong.hex)"),
                AuditCheck(name: "genesis hash", failure: "expected value \"0x1234\" is not a 32-byte hex hash"),
            ])
    }

    @Test("other snapshot formats are refused as a usage error, pointing at the snapshot audit")
    func notAChainSpec() throws {
        let snapshot = try AuditInputs.snapshot(AuditInputs.pairs(3, seed: 1))
        let error = try #require(throws: StateAuditError.self) { try ChainSpecAudit().run(snapshot, name: "pairs.json") }
        #expect(error.code == .notAChainSpec)
        #expect(error.exitStatus == .usage)
        #expect(error.message == "pairs.json is a pairs snapshot, not a chain spec; use 'state-audit snapshot'")
    }

    @Test("a spec without :code needs an explicit layout (malformed input otherwise), and then has no runtime")
    func withoutCode() throws {
        let spec = try AuditInputs.chainSpec(name: "Tiny", top: [([1], [2]), ([3], Array(repeating: 4, count: 40))])
        let error = try #require(throws: StateError.self) { try ChainSpecAudit().run(spec, name: "tiny.json") }
        #expect(error.exitStatus == .malformedInput)
        #expect(error.message == "tiny.json: no :code in genesis, so the runtime cannot say its trie layout")
        #expect(error.hint == "pass --state-version 0 or 1")

        let report = try ChainSpecAudit(stateVersion: .v1).run(spec, name: "tiny.json")
        #expect(report.fields["runtime"] == nil)
        #expect(report.fields["name"] == .string("Tiny") && report.fields["id"] == nil)
        #expect(report.fields["stateRoot"] == .string(ReferenceTrie.root(spec.top, version: .v1).hex))
        #expect(report.lines.first == "chain spec     tiny.json (Tiny)")
    }
}
