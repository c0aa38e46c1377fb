import AutoIDHashing
import AutoIDJSON
import AutoIDRegistry
import AutoIDReports
import AutoIDState
import AutoIDVerdict
import Testing

/// `RegistryAudit.run(_:name:pallet:stateVersion:)`: the registry audit of a whole snapshot as the report
/// `state-audit registry` prints.
@Suite("Registry audit of a snapshot")
struct RegistrySnapshotAuditTests {
    /// `pairs` as a `state_getPairs` result, parsed.
    static func snapshot(_ pairs: [([UInt8], [UInt8])]) throws -> StateSnapshot {
        let list = JSONValue.array(pairs.map { .array([.string("0x" + Hex.encode($0.0)), .string("0x" + Hex.encode($0.1))]) })
        return try StateSnapshot(jsonBytes: list.jsonBytes(), source: "registry")
    }

    @Test("an untouched registry: counts, every AutoId listed, the findings as checks, the root for a given layout")
    func untouched() throws {
        let (fixture, _, _) = try RegistryFixture.ed25519()
        let other: [([UInt8], [UInt8])] = [(StorageHashing.storagePrefix(pallet: "System", item: "Number"), [7, 0, 0, 0])]
        let pairs = other + fixture.pairs
        let report = try RegistryAudit.run(try Self.snapshot(pairs), name: "state.json", stateVersion: .v1)
        #expect(report.status == .ok)
        #expect(report.checks == fixture.audit().checks)
        #expect(report.checks.count == fixture.audit().findings.count)
        let root = Trie.root(of: pairs, version: .v1)
        #expect(
            Set(report.fields.keys) == [
                "snapshot", "format", "pallet", "autoIdCount", "roots", "leaves", "revocationLists", "signaturesNotCheckable",
                "autoIds", "stateRoot", "stateVersion",
            ])
        #expect(report.fields["snapshot"] == .string("state.json") && report.fields["format"] == .string("pairs"))
        #expect(report.fields["pallet"] == .string("AutoId"))
        #expect(report.fields["autoIdCount"] == .integer(3) && report.fields["roots"] == .integer(1) && report.fields["leaves"] == .integer(2))
        #expect(report.fields["revocationLists"] == .integer(1) && report.fields["signaturesNotCheckable"] == .array([]))
        #expect(report.fields["stateRoot"] == .string(root.hex) && report.fields["stateVersion"] == .integer(1))

        // Listed in key order; look the leaf and the root up by identifier.
        let listed = try #require(report.fields["autoIds"]?.arrayValue)
        #expect(listed.count == 3)
        func entry(_ identifier: H256) -> JSONValue? { listed.first { $0["identifier"] == .string(identifier.hex) } }
        let leaf = fixture.autoIDs[1]
        #expect(
            entry(leaf.derivedIdentifier)
                == .object([
                    "identifier": .string(leaf.derivedIdentifier.hex), "issuer": .string(fixture.autoIDs[0].derivedIdentifier.hex),
                    "serial": .string(leaf.serial.hex), "subjectCommonName": .string("Model Seven"),
                    "notBefore": .integer(leaf.validity.notBefore), "notAfter": .integer(leaf.validity.notAfter),
                    // pallet-auto-id lists an Auto ID's own serial among those it issued.
                    "issuedSerials": .array([.string(leaf.serial.hex)]), "nonce": .string(leaf.nonce.hex),
                ]))
        #expect(entry(fixture.autoIDs[0].derivedIdentifier)?["issuer"] == .null)
        let rootSerials = entry(fixture.autoIDs[0].derivedIdentifier)?["issuedSerials"]?.arrayValue?.compactMap(\.stringValue)
        #expect(rootSerials.map(Set.init) == Set(fixture.autoIDs[0].issuedSerials.map(\.hex)))
        #expect(rootSerials?.count == 3)
        #expect(
            report.lines == [
                "snapshot       state.json (pairs, \(pairs.count) pairs)",
                "pallet         AutoId",
                "auto ids       3 (1 roots, 2 leaves), 1 revocation list(s)",
                "state root     \(root.hex) (state version 1)",
            ])
    }

    @Test("without a layout and without :code there is no root; nothing else changes")
    func noLayout() throws {
        let (fixture, _, _) = try RegistryFixture.ed25519()
        let report = try RegistryAudit.run(try Self.snapshot(fixture.pairs), name: "s")
        #expect(report.fields["stateRoot"] == nil && report.fields["stateVersion"] == nil)
        #expect(report.lines.count == 3)
        #expect(report.status == .ok)
    }

    @Test("an injected inconsistency fails the report; a value that does not decode is a failed check, not an error")
    func failures() throws {
        var (fixture, _, _) = try RegistryFixture.ed25519()
        fixture.autoIDs[1].serial = U256(99)
        let junk = H256([UInt8](repeating: 1, count: 32))!
        fixture.extraPairs.append((RegistryLayout.autoIDKey(junk), [0x00, 0x01, 0x02]))
        let report = try RegistryAudit.run(try Self.snapshot(fixture.pairs), name: "s")
        #expect(report.status == .verificationFailed)
        let failed = report.checks.filter { !$0.passed }.map(\.name)
        #expect(failed.contains { $0.hasPrefix("AutoId \(fixture.autoIDs[1].derivedIdentifier.hex) certificate") })
        #expect(failed.contains("AutoId \(junk.hex) decodes: value decodes"))
        // The entry that does not decode is counted but not listed.
        #expect(report.fields["autoIdCount"] == .integer(4))
        #expect(report.fields["autoIds"]?.arrayValue?.count == 3)
    }

    @Test("another pallet name finds no registry, and the failure names the prefix it looked under")
    func otherPallet() throws {
        let (fixture, _, _) = try RegistryFixture.ed25519()
        let report = try RegistryAudit.run(try Self.snapshot(fixture.pairs), name: "s", pallet: "Registry")
        #expect(report.fields["pallet"] == .string("Registry") && report.fields["autoIdCount"] == .integer(0))
        #expect(report.checks.first?.name == "registry present: AutoIds present")
        #expect(report.checks.first?.failure == "no AutoIds entries under twox128(\"Registry\") ++ twox128(\"AutoIds\")")
    }

    @Test(
        "leaves whose signatures cannot be checked are listed and explained",
        .enabled(if: Vectors.available, Comment(rawValue: Vectors.skipMessage)))
    func tbsOnly() throws {
        let fixture = try RegistryFixture.autonomys(tbsOnly: true)
        let report = try RegistryAudit.run(try Self.snapshot(fixture.pairs), name: "s")
        #expect(report.fields["signaturesNotCheckable"] == .array([.string(Vectors.leafID)]))
        #expect(report.lines.last?.hasPrefix("not checkable  1 leaf signature(s): raw holds only the TBSCertificate") == true)
    }
}
