import AutoIDHashing
import AutoIDIdentity
import AutoIDJSON
import AutoIDRegistry
import AutoIDSigning
import AutoIDState
import AutoIDTestSupport
import Foundation
import Testing

/// `state-audit registry` as CI runs it: a snapshot file in, exit code, JSON and JUnit out.
@Suite("state-audit registry, end to end")
struct RegistryAuditEndToEndTests {
    /// An Ed25519 root and one leaf, registered as pallet-auto-id would, plus the real Autonomys pair when present.
    static func registry() throws -> [RegisteredAutoID] {
        let start = Date(timeIntervalSince1970: 1_735_689_600)
        let end = Date(timeIntervalSince1970: 1_893_456_000)
        let key = Ed25519PrivateKey()
        let root = try AutoIDIssuer.issueRoot(
            subjectCommonName: "End To End Lab", kind: .organisation, key: key, notValidBefore: start, notValidAfter: end)
        let leaf = try AutoIDIssuer.issueLeaf(
            issuer: root, issuerKey: key, subjectPublicKey: Ed25519PrivateKey().publicKey, subjectCommonName: "Agent",
            kind: .aiAgent, notValidBefore: start, notValidAfter: end)
        var rootID = try RegisteredAutoID(registering: root.derBytes, issuerID: nil)
        let leafID = try RegisteredAutoID(registering: leaf.derBytes, issuerID: rootID.derivedIdentifier)
        rootID.issuedSerials.append(leafID.serial)
        var autoIDs = [rootID, leafID]
        let vectors = PackagePaths.sharedVectors.appendingPathComponent("autonomys-auto-id")
        if let issuer = try? Data(contentsOf: vectors.appendingPathComponent("issuer.cert.der")),
            let real = try? Data(contentsOf: vectors.appendingPathComponent("leaf.cert.der"))
        {
            var realIssuer = try RegisteredAutoID(registering: Array(issuer), issuerID: nil)
            let realLeaf = try RegisteredAutoID(registering: Array(real), issuerID: realIssuer.derivedIdentifier)
            realIssuer.issuedSerials.append(realLeaf.serial)
            autoIDs += [realIssuer, realLeaf]
        }
        return autoIDs
    }

    func write(_ pairs: [([UInt8], [UInt8])], to name: String, in directory: TemporaryDirectory) throws {
        let json = JSONValue.array(pairs.map { .array([.string("0x" + Hex.encode($0.0)), .string("0x" + Hex.encode($0.1))]) })
        try directory.write(name, JSONValue.object(["jsonrpc": .string("2.0"), "id": .integer(1), "result": json]).jsonBytes())
    }

    @Test func untouchedRegistryPassesWithJSONAndJUnit() throws {
        let directory = try TemporaryDirectory()
        let autoIDs = try Self.registry()
        let revoked = [autoIDs[0].derivedIdentifier: [autoIDs[1].serial]]
        // Unrelated state around the registry, as a real snapshot has.
        let other: [([UInt8], [UInt8])] = [(StorageHashing.storagePrefix(pallet: "System", item: "Number"), [7, 0, 0, 0])]
        try write(other + RegistryState.pairs(autoIDs: autoIDs, revoked: revoked), to: "state.json", in: directory)

        let result = try ToolRunner.run(
            "state-audit", ["registry", "--json", "--junit", "report.xml", "--state-version", "1", "state.json"], in: directory.path)
        #expect(result.status == 0, "\(result.stderrText)\(result.stdoutText)")
        let report = try JSONParser.parse(result.stdout)
        #expect(report["ok"] == .bool(true))
        #expect(report["autoIdCount"] == .integer(autoIDs.count))
        #expect(report["pallet"] == .string("AutoId"))
        #expect(report["stateRoot"]?.stringValue?.hasPrefix("0x") == true)
        let checks = try #require(report["checks"]?.arrayValue)
        let names = checks.compactMap { $0["name"]?.stringValue }
        let leaf = autoIDs[1].derivedIdentifier.hex
        #expect(names.contains("AutoId \(leaf) signature: certificate is signed by the issuer"))
        #expect(names.contains("AutoId \(leaf) identifier: storage key is the identifier derived from the certificate"))
        let listed = try #require(report["autoIds"]?.arrayValue)
        #expect(listed.contains { $0["identifier"] == .string(leaf) && $0["subjectCommonName"] == .string("Agent") })
        let xml = String(decoding: try directory.read("report.xml"), as: UTF8.self)
        #expect(xml.contains(#"<testsuite name="state-audit registry" tests="\#(checks.count)" failures="0""#))

        // Text output, JSON Lines input.
        let lines = (other + RegistryState.pairs(autoIDs: autoIDs)).map {
            #"["0x\#(Hex.encode($0.0))","0x\#(Hex.encode($0.1))"]"#
        }
        try directory.write("state.jsonl", Array(lines.joined(separator: "\n").utf8))
        let text = try ToolRunner.run("state-audit", ["registry", "state.jsonl"], in: directory.path)
        #expect(text.status == 0, "\(text.stdoutText)")
        #expect(text.stdoutText.contains("auto ids       \(autoIDs.count) (\(autoIDs.count / 2) roots, \(autoIDs.count / 2) leaves), 0 revocation list(s)"))
        #expect(text.stdoutText.contains("ok      AutoId \(leaf) issued-serial"))
    }

    @Test func injectedFailuresExitOneAndAreNamed() throws {
        let directory = try TemporaryDirectory()
        var autoIDs = try Self.registry()
        let leaf = autoIDs[1].derivedIdentifier
        autoIDs[1].serial = U256(99)
        let root = autoIDs[0].derivedIdentifier
        let pairs =
            RegistryState.pairs(autoIDs: autoIDs, revoked: [root: [U256(5)]])
            + [(RegistryLayout.autoIDKey(H256([UInt8](repeating: 1, count: 32))!), [0x00, 0x01, 0x02])]
        try write(pairs, to: "state.json", in: directory)

        let result = try ToolRunner.run("state-audit", ["registry", "--json", "--junit", "report.xml", "state.json"], in: directory.path)
        #expect(result.status == 1, "\(result.stderrText)")
        let report = try JSONParser.parse(result.stdout)
        #expect(report["ok"] == .bool(false))
        let failed = try #require(report["checks"]?.arrayValue).filter { $0["ok"] == .bool(false) }
        let names = failed.compactMap { $0["name"]?.stringValue }
        #expect(names.contains { $0.hasPrefix("AutoId \(leaf.hex) certificate") })
        #expect(names.contains { $0.hasPrefix("AutoId \(leaf.hex) issued-serial") })
        #expect(names.contains { $0.hasPrefix("CertificateRevocationList \(root.hex) revocations") })
        #expect(names.contains { $0.hasPrefix("AutoId 0x\(String(repeating: "01", count: 32)) decodes") })
        #expect(failed.count == 4, "\(names)")
        let xml = String(decoding: try directory.read("report.xml"), as: UTF8.self)
        #expect(xml.contains(#"failures="4""#))
        #expect(xml.contains("input ended while reading H256"))
        #expect(!xml.contains("truncatedInput"))  // the error kind's identifier is not shown (issue 12)

        let text = try ToolRunner.run("state-audit", ["registry", "state.json"], in: directory.path)
        #expect(text.status == 1)
        #expect(text.stdoutText.contains("FAILED  AutoId \(leaf.hex) certificate"))
    }

    @Test func malformedSnapshotsAndEmptyRegistries() throws {
        let directory = try TemporaryDirectory()
        try directory.write("broken.json", Array("[[\"0x01\"".utf8))
        let broken = try ToolRunner.run("state-audit", ["registry", "broken.json"], in: directory.path)
        #expect(broken.status == 3)
        #expect(broken.stderrText.hasPrefix("state-audit: "))
        try write(RegistryState.pairs(autoIDs: try Self.registry()), to: "state.json", in: directory)
        let wrongPallet = try ToolRunner.run("state-audit", ["registry", "--pallet", "Registry", "state.json"], in: directory.path)
        #expect(wrongPallet.status == 1)
        #expect(wrongPallet.stdoutText.contains(#"FAILED  registry present: AutoIds present: no AutoIds entries under twox128("Registry")"#))
        let missing = try ToolRunner.run("state-audit", ["registry", "absent.json"], in: directory.path)
        #expect(missing.status == 4)
    }
}
