import AutoIDHashing
import AutoIDIdentity
import AutoIDSigning
import Foundation
import Testing

/// The published Autonomys Auto ID fixtures (RSA-2048, sha256WithRSAEncryption).
@Suite("Autonomys fixtures", .enabled(if: Fixtures.available, Comment(rawValue: Fixtures.skipMessage)))
struct RealFixtureTests {
    static let issuerID = "8d66f57e35d26fb7a81de8eb274ebd9e672288dcbf3f7313335e8feeec3e3bf9"
    static let leafID = "5c549b317b0f47e81894a9374f244f1cdd062c4a436071d8629f2c69509861a1"
    /// Inside every fixture's validity window (2024-06-17 .. 2027-04-07).
    static let insideValidity = Date(timeIntervalSince1970: 1_735_689_600)  // 2025-01-01

    func load(_ name: String, issuerIdentifier: AutoIDIdentifier? = nil) throws -> AutoID {
        try AutoID(derEncoded: Fixtures.bytes(name), issuerIdentifier: issuerIdentifier, source: name)
    }

    @Test("root identifier is blake2b_256 of the issuer CN", arguments: ["issuer.cert.der", "updated.issuer.cert.der"])
    func rootIdentifier(name: String) throws {
        let issuer = try load(name)
        #expect(issuer.isSelfIssued)
        #expect(issuer.commonName == "Vedhavyas Sinhareddi")
        #expect(issuer.commonNameBytes == Array("Vedhavyas Sinhareddi".utf8))
        #expect(issuer.identifier?.hexDigits == Self.issuerID)
        #expect(issuer.keyType == .rsa(bits: 2048))
        #expect(issuer.isCertificateAuthority)
        #expect(issuer.kind == nil && issuer.model == nil && issuer.linkedIdentities.isEmpty)
    }

    @Test("leaf identifier hashes the issuer identifier and the leaf CN", arguments: ["leaf.cert.der", "updated.leaf.cert.der"])
    func leafIdentifier(name: String) throws {
        let unresolved = try load(name)
        #expect(!unresolved.isSelfIssued)
        #expect(unresolved.identifier == nil)
        #expect(unresolved.commonName == "Vedhavyas Singareddi Leaf")
        #expect(unresolved.issuerCommonName == "Vedhavyas Sinhareddi")
        let leaf = try load(name, issuerIdentifier: AutoIDIdentifier(hex: Self.issuerID))
        #expect(leaf.identifier?.hexDigits == Self.leafID)
        #expect(leaf.keyType == .rsa(bits: 2048))
        #expect(!leaf.isCertificateAuthority)
        #expect(leaf.basicConstraints == nil)
        #expect(leaf.keyUsage == nil)
    }

    @Test("leaf signatures verify under the issuer's RSA key")
    func signatures() throws {
        let issuer = try load("issuer.cert.der")
        let updatedIssuer = try load("updated.issuer.cert.der")
        for name in ["leaf.cert.der", "updated.leaf.cert.der"] {
            let leaf = try load(name)
            try AutoIDChainVerifier.verifySignature(of: leaf, issuedBy: issuer)
            try AutoIDChainVerifier.verifySignature(of: leaf, issuedBy: updatedIssuer)  // same name, same key
        }
        try AutoIDChainVerifier.verifySignature(of: issuer, issuedBy: issuer)
        // The leaf's key did not sign the issuer.
        #expect(throws: IdentityError.self) {
            try AutoIDChainVerifier.verifySignature(of: issuer, issuedBy: try load("leaf.cert.der"))
        }
    }

    @Test("a flipped byte in the leaf breaks parsing or the signature", arguments: [20, 200, 400, 600, -40, -1])
    func flippedByte(offset: Int) throws {
        var bytes = try Fixtures.bytes("leaf.cert.der")
        let index = offset >= 0 ? offset : bytes.count + offset
        bytes[index] ^= 0x01
        let issuer = try load("issuer.cert.der")
        do {
            let damaged = try AutoID(derEncoded: bytes, source: "damaged leaf")
            let error = #expect(throws: IdentityError.self) {
                try AutoIDChainVerifier.verifySignature(of: damaged, issuedBy: issuer)
            }
            #expect(error?.code == .badSignature || error?.code == .unknownIssuer)
        } catch let error as IdentityError {
            #expect(error.code == .malformed || error.code == .missingCommonName)
        }
    }

    @Test("the chain verifies at a date inside the validity window, identifiers resolved")
    func chainInsideValidity() async throws {
        let verdict = await AutoIDChainVerifier.verify(
            leaf: try load("leaf.cert.der"), trustRoots: [try load("issuer.cert.der")], at: Self.insideValidity)
        let chain = try verdict.get()
        #expect(chain.count == 2)
        #expect(chain[0].identifier?.hexDigits == Self.leafID)
        #expect(chain[1].identifier?.hexDigits == Self.issuerID)
    }

    @Test("the updated leaf verifies under the original issuer (same name and key)")
    func updatedChain() async throws {
        let verdict = await AutoIDChainVerifier.verify(
            leaf: try load("updated.leaf.cert.der"), trustRoots: [try load("issuer.cert.der")], at: Self.insideValidity)
        #expect(verdict.chain?.first?.identifier?.hexDigits == Self.leafID)
    }

    @Test("outside the validity window the verdict says expired or not yet valid")
    func chainOutsideValidity() async throws {
        let leaf = try load("leaf.cert.der")
        let roots = [try load("issuer.cert.der")]
        let late = await AutoIDChainVerifier.verify(
            leaf: leaf, trustRoots: roots, at: Date(timeIntervalSince1970: 1_830_297_600))  // 2028-01-01
        #expect(late.error?.code == .expired)
        #expect(late.error?.description.contains("'Vedhavyas Singareddi Leaf'") == true)
        #expect(late.error?.description.contains("expired on 2027-04-07T21:17:24Z") == true)
        let early = await AutoIDChainVerifier.verify(
            leaf: leaf, trustRoots: roots, at: Date(timeIntervalSince1970: 1_672_531_200))  // 2023-01-01
        #expect(early.error?.code == .notYetValid)
    }

    @Test("the leaf's identifier can be revoked")
    func revoked() async throws {
        let verdict = await AutoIDChainVerifier.verify(
            leaf: try load("leaf.cert.der"), trustRoots: [try load("issuer.cert.der")], at: Self.insideValidity,
            revoked: [try AutoIDIdentifier(hex: Self.leafID)])
        #expect(verdict.error?.code == .revoked)
    }

    @Test("the fixtures' RSA keys cannot sign Auto IDs")
    func rsaKeysRefused() throws {
        let error = #expect(throws: SigningError.self) {
            try KeyEncoding.privateKey(from: Fixtures.bytes("private.issuer.pem"), source: "private.issuer.pem")
        }
        #expect(error?.code == .unsupportedKeyType)

        // An RSA issuer certificate cannot issue with an Ed25519 key.
        let key = Ed25519PrivateKey()
        let wrong = #expect(throws: IdentityError.self) {
            try AutoIDIssuer.issueLeaf(
                issuer: try load("issuer.cert.der"), issuerKey: key, subjectPublicKey: key.publicKey,
                subjectCommonName: "x", kind: .human, notValidBefore: Date(), notValidAfter: Date() + 60)
        }
        #expect(wrong?.code == .wrongKeyType)
    }
}
