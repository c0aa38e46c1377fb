import AutoIDHashing
import AutoIDIdentity
import AutoIDRegistry
import AutoIDSigning
import AutoIDState
import Foundation
import Testing

@Suite("Registry audit: the Autonomys fixtures", .enabled(if: Vectors.available, Comment(rawValue: Vectors.skipMessage)))
struct AutonomysRegistryTests {
    @Test("the published identifiers are derived, and an untouched registry passes every rule")
    func untouchedPasses() throws {
        let fixture = try RegistryFixture.autonomys()
        #expect(fixture.autoIDs.map(\.derivedIdentifier.hex) == [Vectors.issuerID, Vectors.leafID])
        #expect(fixture.autoIDs[0].subjectCommonName == Array("Vedhavyas Sinhareddi".utf8))
        let report = fixture.audit()
        #expect(report.passed, "\(report.failures)")
        #expect(report.autoIDCount == 2 && report.rootCount == 1 && report.leafCount == 1)
        #expect(report.signaturesNotCheckable.isEmpty)
        // The RSA signature of the leaf was checked.
        let leaf = try #require(H256(hex: Vectors.leafID))
        #expect(report.findings.contains { $0.subject == leaf.subject && $0.rule == .signature && $0.passed })
        // Validity is in milliseconds: Jun 17 21:11:20 2024 GMT .. Apr 7 21:11:20 2027 GMT.
        #expect(fixture.autoIDs[0].validity == .init(notBefore: 1_718_658_680_000, notAfter: 1_807_132_280_000))
    }

    @Test("a registry holding only TBSCertificates (what pallet-auto-id stores) passes; signatures are not checkable")
    func tbsOnlyRegistry() throws {
        let fixture = try RegistryFixture.autonomys(tbsOnly: true)
        #expect(fixture.autoIDs.map(\.derivedIdentifier.hex) == [Vectors.issuerID, Vectors.leafID])
        let report = fixture.audit()
        #expect(report.passed, "\(report.failures)")
        #expect(report.signaturesNotCheckable.map(\.hex) == [Vectors.leafID])
        #expect(!report.findings.contains { $0.rule == .signature })
        // The same fields as read from the whole certificates.
        let whole = try RegistryFixture.autonomys()
        for (tbs, full) in zip(fixture.autoIDs, whole.autoIDs) {
            #expect(tbs.serial == full.serial && tbs.validity == full.validity)
            #expect(tbs.subjectPublicKeyInfo == full.subjectPublicKeyInfo && tbs.subjectCommonName == full.subjectCommonName)
        }
    }

    @Test("the real leaf under a forged issuer with the same name fails the signature rule")
    func forgedIssuer() throws {
        // An Ed25519 root named like the real issuer derives the same identifier, but did not sign the RSA leaf.
        let key = Ed25519PrivateKey()
        let impostor = try AutoIDIssuer.issueRoot(
            subjectCommonName: "Vedhavyas Sinhareddi", kind: .human, key: key,
            notValidBefore: Date(timeIntervalSince1970: 1_700_000_000), notValidAfter: Date(timeIntervalSince1970: 1_900_000_000))
        var fixture = RegistryFixture(autoIDs: [try RegisteredAutoID(registering: impostor.derBytes, issuerID: nil)])
        try fixture.register(leaf: Vectors.bytes("leaf.cert.der"), under: 0)
        let report = fixture.audit()
        let leaf = try #require(H256(hex: Vectors.leafID))
        let failure = try #require(report.failed(.signature, on: leaf.subject))
        #expect(failure.failure?.contains("does not verify") == true || failure.failure?.contains("issuer") == true)
        #expect(report.failures.count == 1, "\(report.failures)")
    }
}

/// One inconsistency injected into an otherwise valid registry, and the rule that must catch it.
enum Injection: String, CaseIterable, CustomTestStringConvertible {
    case wrongKey, wrongSerial, wrongCommonName, wrongSPKI, wrongValidity, missingIssuer, serialNotIssued,
        notSignedByIssuer, revokedSerialNeverIssued

    var testDescription: String { rawValue }
}

@Suite("Registry audit: Ed25519 Auto IDs")
struct Ed25519RegistryTests {
    @Test("an untouched registry with a revocation passes every rule")
    func untouchedPasses() throws {
        let (fixture, _, _) = try RegistryFixture.ed25519()
        let report = fixture.audit()
        #expect(report.passed, "\(report.failures)")
        #expect(report.autoIDCount == 3 && report.leafCount == 2 && report.revocationListCount == 1)
        let root = fixture.autoIDs[0].derivedIdentifier
        #expect(report.findings.filter { $0.rule == .signature }.count == 2)
        #expect(report.findings.contains { $0.subject == "CertificateRevocationList \(root.hex)" && $0.rule == .revocations && $0.passed })
        // Every AutoId has its decode, identifier and certificate checks.
        for autoID in fixture.autoIDs {
            let rules = Set(report.findings.filter { $0.subject == autoID.derivedIdentifier.subject }.map(\.rule))
            #expect(rules.isSuperset(of: [.decodes, .identifier, .certificate]))
        }
    }

    @Test("each injected inconsistency is reported", arguments: Injection.allCases)
    func injection(_ injection: Injection) throws {
        let made = try RegistryFixture.ed25519()
        var fixture = made.fixture
        let root = made.root
        let rootID = fixture.autoIDs[0].derivedIdentifier
        let leafID = fixture.autoIDs[1].derivedIdentifier
        var expected: (RegistryRule, String, String)  // rule, subject, words in the failure
        switch injection {
        case .wrongKey:
            let stored = fixture.autoIDs.remove(at: 1)
            let forged = H256(StorageHashing.blake2_256(Array("someone else".utf8)))!
            fixture.extraPairs.append((RegistryLayout.autoIDKey(forged), SCALEEncoder.encode(stored)))
            expected = (.identifier, forged.subject, "derives \(leafID.hex)")
        case .wrongSerial:
            fixture.autoIDs[1].serial = U256(42)
            expected = (.certificate, leafID.subject, "serial: stored 0x2a")
        case .wrongCommonName:
            let stored = fixture.autoIDs.remove(at: 1)
            var changed = stored
            changed.subjectCommonName = Array("Model Eight".utf8)
            // Kept under its original key, so only the stored fields disagree with the certificate.
            fixture.extraPairs.append((RegistryLayout.autoIDKey(leafID), SCALEEncoder.encode(changed)))
            expected = (.certificate, leafID.subject, "subject CN: stored \"Model Eight\", certificate \"Model Seven\"")
        case .wrongSPKI:
            fixture.autoIDs[1].subjectPublicKeyInfo = fixture.autoIDs[2].subjectPublicKeyInfo
            expected = (.certificate, leafID.subject, "SPKI: stored 44 bytes")
        case .wrongValidity:
            fixture.autoIDs[1].validity.notAfter += 1
            expected = (.certificate, leafID.subject, "validity: stored")
        case .missingIssuer:
            fixture.autoIDs.remove(at: 0)
            fixture.revoked = [:]
            expected = (.issuer, leafID.subject, "issuer \(rootID.hex) is not in the registry")
        case .serialNotIssued:
            let serial = fixture.autoIDs[1].serial
            fixture.autoIDs[0].issuedSerials.removeAll { $0 == serial }
            fixture.revoked = [:]
            expected = (.issuedSerial, leafID.subject, "is not among the 2 serial(s)")
        case .notSignedByIssuer:
            // A second root with the registered root's name (so the same identifier) but another key issues the leaf.
            let otherKey = Ed25519PrivateKey()
            let other = try AutoIDIssuer.issueRoot(
                subjectCommonName: "Registry Test Lab", kind: .organisation, key: otherKey,
                notValidBefore: root.notValidBefore, notValidAfter: root.notValidAfter)
            let forged = try AutoIDIssuer.issueLeaf(
                issuer: other, issuerKey: otherKey, subjectPublicKey: Ed25519PrivateKey().publicKey,
                subjectCommonName: "Forged", kind: .aiAgent, notValidBefore: root.notValidBefore, notValidAfter: root.notValidAfter)
            try fixture.register(leaf: forged.derBytes, under: 0)
            let forgedID = fixture.autoIDs[3].derivedIdentifier
            expected = (.signature, forgedID.subject, "signature does not verify")
        case .revokedSerialNeverIssued:
            fixture.revoked[rootID]!.append(U256(12_345))
            expected = (.revocations, "CertificateRevocationList \(rootID.hex)", "0x3039 were never issued")
        }
        let report = fixture.audit()
        #expect(!report.passed)
        let finding = try #require(report.failed(expected.0, on: expected.1), "\(report.failures)")
        #expect(finding.failure?.contains(expected.2) == true, "\(finding.failure ?? "")")
        #expect(finding.name.hasPrefix(expected.1 + " " + expected.0.rawValue + ": "))
    }

    @Test("a revocation list of an issuer that is not registered is reported")
    func orphanRevocationList() throws {
        var (fixture, _, _) = try RegistryFixture.ed25519()
        let stranger = H256(StorageHashing.blake2_256([1, 2, 3]))!
        fixture.revoked[stranger] = [U256(1)]
        let report = fixture.audit()
        let finding = try #require(report.failed(.revocations, on: "CertificateRevocationList \(stranger.hex)"))
        #expect(finding.failure?.contains("is not in the registry") == true)
    }

    @Test("no registry under the pallet name is a failure that says so")
    func emptyRegistry() throws {
        let (fixture, _, _) = try RegistryFixture.ed25519()
        let report = RegistryAudit.run(RegistryState(pairs: fixture.pairs, pallet: "AutoID"))
        #expect(report.autoIDCount == 0)
        let finding = try #require(report.failed(.present, on: "registry"))
        #expect(finding.failure?.contains("twox128(\"AutoID\")") == true)
    }
}
