import AutoIDIdentity
import AutoIDRegistry
import AutoIDSigning
import AutoIDState
import AutoIDTestSupport
import Foundation

/// The Autonomys Auto ID fixtures: `<package root>/../shared/vectors/autonomys-auto-id`, found from this file's
/// path; tests that need them are skipped with ``skipMessage`` when they are absent.
enum Vectors {
    static let directory = PackagePaths.sharedVectors.appendingPathComponent("autonomys-auto-id")

    static let available = FileManager.default.fileExists(atPath: directory.appendingPathComponent("leaf.cert.der").path)
    static let skipMessage =
        "Autonomys fixtures not found at \(directory.path) (expected <package root>/../shared/vectors/autonomys-auto-id)"

    static let issuerID = "0x8d66f57e35d26fb7a81de8eb274ebd9e672288dcbf3f7313335e8feeec3e3bf9"
    static let leafID = "0x5c549b317b0f47e81894a9374f244f1cdd062c4a436071d8629f2c69509861a1"

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }
}

/// A registry: its Auto IDs (in registration order) and revocation lists, and the snapshot pairs storing them.
struct RegistryFixture {
    var autoIDs: [RegisteredAutoID]
    var revoked: [H256: [U256]] = [:]
    /// Extra raw pairs (malformed values, keys not derived from the value).
    var extraPairs: [([UInt8], [UInt8])] = []

    var pairs: [([UInt8], [UInt8])] { RegistryState.pairs(autoIDs: autoIDs, revoked: revoked) + extraPairs }
    var state: RegistryState { RegistryState(pairs: pairs) }
    func audit() -> RegistryAuditReport { RegistryAudit.run(state) }

    /// Registers `leaf` under `issuerIndex` the way pallet-auto-id does: the issuer lists the leaf's serial.
    mutating func register(leaf der: [UInt8], under issuerIndex: Int) throws {
        let issuer = autoIDs[issuerIndex]
        let leaf = try RegisteredAutoID(registering: der, issuerID: issuer.derivedIdentifier)
        autoIDs[issuerIndex].issuedSerials.append(leaf.serial)
        autoIDs.append(leaf)
    }

    /// The real RSA fixtures, as whole certificates (`tbsOnly`: only their TBSCertificates, as the pallet stores).
    static func autonomys(tbsOnly: Bool = false) throws -> RegistryFixture {
        func raw(_ name: String) throws -> [UInt8] {
            let der = try Vectors.bytes(name)
            return tbsOnly ? Array(try AutoID(derEncoded: der).certificate.tbsCertificateBytes) : der
        }
        var fixture = RegistryFixture(autoIDs: [try RegisteredAutoID(registering: raw("issuer.cert.der"), issuerID: nil)])
        try fixture.register(leaf: raw("leaf.cert.der"), under: 0)
        return fixture
    }

    /// An Ed25519 root with two leaves (an AI model and a human), the model's serial revoked.
    static func ed25519() throws -> (fixture: RegistryFixture, rootKey: Ed25519PrivateKey, root: AutoID) {
        let start = Date(timeIntervalSince1970: 1_735_689_600)
        let end = Date(timeIntervalSince1970: 1_893_456_000)
        let rootKey = Ed25519PrivateKey()
        let root = try AutoIDIssuer.issueRoot(
            subjectCommonName: "Registry Test Lab", kind: .organisation, key: rootKey, notValidBefore: start, notValidAfter: end)
        var fixture = RegistryFixture(autoIDs: [try RegisteredAutoID(registering: root.derBytes, issuerID: nil)])
        for (name, kind) in [("Model Seven", SubjectKind.aiModel), ("Ada", .human)] {
            let leaf = try AutoIDIssuer.issueLeaf(
                issuer: root, issuerKey: rootKey, subjectPublicKey: Ed25519PrivateKey().publicKey,
                subjectCommonName: name, kind: kind, notValidBefore: start, notValidAfter: end)
            try fixture.register(leaf: leaf.derBytes, under: 0)
        }
        fixture.revoked[fixture.autoIDs[0].derivedIdentifier] = [fixture.autoIDs[1].serial]
        return (fixture, rootKey, root)
    }
}

extension RegistryAuditReport {
    /// The failed findings.
    var failures: [RegistryFinding] { findings.filter { !$0.passed } }

    /// Whether the finding for `rule` on `subject` failed.
    func failed(_ rule: RegistryRule, on subject: String) -> RegistryFinding? {
        failures.first { $0.rule == rule && $0.subject == subject }
    }
}

extension H256 {
    var subject: String { "AutoId \(hex)" }
}
