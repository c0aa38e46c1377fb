import AutoIDHashing
import AutoIDJSON
import AutoIDReports
import AutoIDState
import AutoIDVerdict
import Testing

@Suite("Snapshot audit")
struct SnapshotAuditTests {
    @Test("a snapshot matches the header of its block; the report has exactly these fields")
    func matchingHeader() throws {
        let pairs = AuditInputs.pairs(120, seed: 1)
        let root = ReferenceTrie.root(pairs, version: .v1)
        let header = AuditInputs.header(stateRoot: root)
        let audit = try SnapshotAudit(try AuditInputs.snapshot(pairs), name: "pairs.json", stateVersion: .v1)
        #expect(audit.stateRoot == root)
        let report = try audit.run(header: header)
        #expect(report.status == .ok)
        #expect(report.checks == [AuditCheck(name: "state root matches header #77")])
        #expect(
            report.fields == [
                "snapshot": .string("pairs.json"), "format": .string("pairs"), "pairs": .integer(120),
                "stateRoot": .string(root.hex), "stateVersion": .integer(1),
                "header": .object(["number": .integer(77), "hash": .string(header.hash.hex), "stateRoot": .string(root.hex)]),
            ])
        #expect(
            report.lines == [
                "snapshot       pairs.json (pairs, 120 pairs)",
                "state version  1",
                "state root     \(root.hex)",
                "header         #77 \(header.hash.hex)",
            ])
    }

    @Test("one changed value fails the header check and names both roots")
    func mismatchingHeader() throws {
        var pairs = AuditInputs.pairs(120, seed: 2)
        let root = ReferenceTrie.root(pairs, version: .v1)
        pairs[7].1[0] ^= 1
        let changed = ReferenceTrie.root(pairs, version: .v1)
        let report = try SnapshotAudit(try AuditInputs.snapshot(pairs), name: "s", stateVersion: .v1)
            .run(header: AuditInputs.header(number: 9, stateRoot: root))
        #expect(report.status == .verificationFailed)
        let check = try #require(report.checks.first)
        #expect(report.checks.count == 1)
        #expect(check.name == "state root matches header #9")
        #expect(check.failure == "computed \(changed.hex), header says \(root.hex)")
        #expect(check.detail?.hasPrefix("the snapshot is not the state of this block") == true)
    }

    @Test("the layout decides the root; without a layout and without :code the audit refuses (usage)")
    func layout() throws {
        let pairs = AuditInputs.pairs(60, seed: 3)
        let snapshot = try AuditInputs.snapshot(pairs)
        let v0 = try SnapshotAudit(snapshot, name: "s", stateVersion: .v0)
        #expect(v0.stateRoot == ReferenceTrie.root(pairs, version: .v0))
        #expect(v0.stateRoot != ReferenceTrie.root(pairs, version: .v1))
        #expect(try v0.run().fields["stateVersion"] == .integer(0))

        let error = try #require(throws: StateAuditError.self) { try SnapshotAudit(snapshot, name: "pairs.json", stateVersion: nil) }
        #expect(error.code == .layoutUnknown)
        #expect(error.exitStatus == .usage)
        #expect("\(error)" == "pairs.json has no :code to read the trie layout from; pass --state-version 0 or 1")
    }

    @Test("a snapshot with a runtime takes the runtime's layout")
    func runtimeLayout() throws {
        let spec = try AuditInputs.demoSpec()
        let audit = try SnapshotAudit(spec, name: "demo", stateVersion: nil)
        #expect(audit.stateVersion == .v1)
        #expect(audit.stateRoot == (try StateRoot.compute(top: spec.top, children: spec.children, version: .v1)))
        let report = try audit.run()
        #expect(report.checks.isEmpty && report.status == .ok)
        #expect(report.fields["format"] == .string("chain-spec"))
    }

    @Test("--against: the first differing key, the last one, and how many keys differ in which way")
    func against() throws {
        var first = AuditInputs.pairs(200, seed: 4)
        first.sort { $0.0.lexicographicallyPrecedes($1.0) }
        var second = first
        second[50].1 = [1, 2, 3]  // value differs
        second[180].1 = [4]  // value differs
        second.remove(at: 120)  // only in first
        second.remove(at: 10)  // only in first (now the lowest differing key)
        let added = [UInt8](repeating: 0xff, count: 33)
        second.append((added, [9]))  // only in second (the highest key)

        let audit = try SnapshotAudit(try AuditInputs.snapshot(first), name: "a.json", stateVersion: .v1)
        let report = try audit.run(against: .init(try AuditInputs.snapshot(second), name: "b.json"))
        let secondRoot = ReferenceTrie.root(second, version: .v1)
        #expect(report.status == .verificationFailed)
        #expect(report.fields["against"] == .object(["snapshot": .string("b.json"), "stateRoot": .string(secondRoot.hex)]))
        #expect(
            report.fields["difference"]
                == .object([
                    "firstKey": .string("0x" + Hex.encode(first[10].0)), "firstChange": .string("only in first"),
                    "lastKey": .string("0x" + Hex.encode(added)), "onlyInFirst": .integer(2), "onlyInSecond": .integer(1),
                    "valueDiffers": .integer(2),
                ]))
        #expect(report.lines.last == "against        b.json: \(secondRoot.hex)")
        let check = try #require(report.checks.first)
        #expect(check.name == "state root matches b.json")
        #expect(check.failure == "\(audit.stateRoot.hex) differs from \(secondRoot.hex)")
        #expect(
            check.detail == "first differing key 0x\(Hex.encode(first[10].0)) (only in first); differing keys range to "
                + "0x\(Hex.encode(added)): 2 only in a.json, 1 only in b.json, 2 with different values")

        // The same pairs in another order and shape are the same state.
        var map: [String: JSONValue] = [:]
        for (key, value) in first.reversed() { map["0x" + Hex.encode(key)] = .string("0x" + Hex.encode(value)) }
        let same = try audit.run(against: .init(try StateSnapshot(jsonBytes: JSONValue.object(map).jsonBytes(), source: "m"), name: "m"))
        #expect(same.status == .ok)
        #expect(same.checks == [AuditCheck(name: "state root matches m")])
        #expect(same.fields["difference"] == nil)
    }

    @Test("roots that differ with the same key/value pairs: the report says so instead of naming a key")
    func differenceOnlyInTrieStructure() throws {
        // The same pair once in a child trie and once in the top trie: equal pairs, different roots.
        let child: [UInt8] = Array("audit-child".utf8)
        let inChild = try AuditInputs.chainSpec(top: [([1], [2])], children: [child: [([3], [4])]])
        let inTop = try AuditInputs.chainSpec(top: [([1], [2]), ([3], [4])])
        let report = try SnapshotAudit(inChild, name: "child", stateVersion: .v1).run(against: .init(inTop, name: "top"))
        #expect(report.status == .verificationFailed)
        #expect(report.checks.first?.detail == "no key/value differences: the snapshots differ in child tries or layout")
        #expect(report.fields["difference"] == nil)
    }
}
