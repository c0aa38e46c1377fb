import AutoIDIdentity
import AutoIDSigning
import Crypto
import Foundation
import Testing
import X509

@Suite("Chain verification")
struct ChainTests {
    let now = Date()
    var later: Date { now.addingTimeInterval(30 * 86400) }

    /// Root -> intermediate CA -> leaf, all Ed25519.
    struct Chain {
        var rootKey: Ed25519PrivateKey
        var root: AutoID
        var intermediateKey: Ed25519PrivateKey
        var intermediate: AutoID
        var leaf: AutoID
    }

    func makeChain(rootPathLength: Int? = nil) throws -> Chain {
        let rootKey = Ed25519PrivateKey()
        let root = try AutoIDIssuer.issueRoot(
            subjectCommonName: "Chain Root", kind: .organisation, key: rootKey, notValidBefore: now.addingTimeInterval(-60),
            notValidAfter: later, pathLength: rootPathLength)
        let intermediateKey = Ed25519PrivateKey()
        let intermediate = try AutoIDIssuer.issueLeaf(
            issuer: root, issuerKey: rootKey, subjectPublicKey: intermediateKey.publicKey,
            subjectCommonName: "Chain Intermediate", kind: .organisation,
            notValidBefore: now.addingTimeInterval(-60), notValidAfter: later, isCA: true)
        let leaf = try AutoIDIssuer.issueLeaf(
            issuer: intermediate, issuerKey: intermediateKey, subjectPublicKey: Ed25519PrivateKey().publicKey,
            subjectCommonName: "Chain Leaf", kind: .aiModel,
            model: AIModelInfo(provider: "Example AI", modelName: "example-1", modelVersion: "2025-01"),
            notValidBefore: now.addingTimeInterval(-60), notValidAfter: later)
        return Chain(rootKey: rootKey, root: root, intermediateKey: intermediateKey, intermediate: intermediate, leaf: leaf)
    }

    @Test("an Ed25519 chain with an intermediate is trusted, identifiers resolved from the root")
    func trusted() async throws {
        let chain = try makeChain()
        let leafWithoutContext = try AutoID(derEncoded: chain.leaf.derBytes)
        let verdict = await AutoIDChainVerifier.verify(
            leaf: leafWithoutContext, intermediates: [try AutoID(derEncoded: chain.intermediate.derBytes)],
            trustRoots: [chain.root])
        let path = try verdict.get()
        #expect(path.map(\.commonName) == ["Chain Leaf", "Chain Intermediate", "Chain Root"])
        #expect(path[0].identifier == chain.leaf.identifier)
        #expect(path[1].identifier == chain.intermediate.identifier)
        #expect(verdict.description.hasPrefix("trusted"))
    }

    @Test("a leaf that is itself a trust root is trusted")
    func leafIsRoot() async throws {
        let chain = try makeChain()
        let verdict = await AutoIDChainVerifier.verify(leaf: chain.root, trustRoots: [chain.root])
        #expect(verdict.chain?.count == 1)
    }

    @Test("an expired leaf is rejected with the 'expired' code")
    func expired() async throws {
        let chain = try makeChain()
        let old = try AutoIDIssuer.issueLeaf(
            issuer: chain.root, issuerKey: chain.rootKey, subjectPublicKey: Ed25519PrivateKey().publicKey,
            subjectCommonName: "Old Leaf", kind: .human,
            notValidBefore: now.addingTimeInterval(-7200), notValidAfter: now.addingTimeInterval(-3600))
        let verdict = await AutoIDChainVerifier.verify(leaf: old, trustRoots: [chain.root], at: now)
        #expect(verdict.error?.code == .expired)
        #expect(verdict.error?.description.contains("certificate 'Old Leaf' (serial ") == true)
        #expect(verdict.error?.description.contains("expired on") == true)
    }

    @Test("a leaf not yet valid is rejected")
    func notYetValid() async throws {
        let chain = try makeChain()
        let verdict = await AutoIDChainVerifier.verify(
            leaf: chain.leaf, intermediates: [chain.intermediate], trustRoots: [chain.root],
            at: now.addingTimeInterval(-3600))
        #expect(verdict.error?.code == .notYetValid)
    }

    /// Ed25519 links are checked with libsodium by autoid's walk and with BoringSSL by
    /// swift-certificates: on the intact leaf and on every single-bit flip of its last 80 bytes (the
    /// signature and the end of what it signs) that still parses, both give the same answer.
    @Test("libsodium and swift-certificates agree on Ed25519 links")
    func ed25519LinkAgreement() throws {
        let chain = try makeChain()
        let intact = chain.leaf.derBytes
        var checked = 0
        for index in (intact.count - 80)..<intact.count {
            for bit in [0, 3, 7] {
                var bytes = intact
                bytes[index] ^= 1 << bit
                guard let damaged = try? AutoID(derEncoded: bytes) else { continue }
                let ours = (try? AutoIDChainVerifier.verifySignature(of: damaged, issuedBy: chain.intermediate)) != nil
                let theirs = chain.intermediate.certificate.publicKey.isValidSignature(damaged.certificate.signature, for: damaged.certificate)
                #expect(ours == theirs, "byte \(index), bit \(bit)")
                #expect(!ours, "byte \(index), bit \(bit)")
                checked += 1
            }
        }
        #expect(checked > 150)
        #expect(throws: Never.self) { try AutoIDChainVerifier.verifySignature(of: chain.leaf, issuedBy: chain.intermediate) }
    }

    @Test("a leaf signed by another key is rejected with 'badSignature'")
    func otherKey() async throws {
        let chain = try makeChain()
        // Same issuer name, different key: a look-alike root signs the leaf.
        let impostorKey = Ed25519PrivateKey()
        let impostor = try AutoIDIssuer.issueRoot(
            subjectCommonName: "Chain Root", kind: .organisation, key: impostorKey, notValidBefore: now.addingTimeInterval(-60),
            notValidAfter: later)
        let forged = try AutoIDIssuer.issueLeaf(
            issuer: impostor, issuerKey: impostorKey, subjectPublicKey: Ed25519PrivateKey().publicKey,
            subjectCommonName: "Forged Leaf", kind: .human, notValidBefore: now.addingTimeInterval(-60), notValidAfter: later)
        let verdict = await AutoIDChainVerifier.verify(leaf: forged, trustRoots: [chain.root])
        #expect(verdict.error?.code == .badSignature)
        #expect(verdict.error?.description.contains("'Forged Leaf'") == true)
        #expect(verdict.error?.description.contains("'Chain Root'") == true)
    }

    @Test("a missing intermediate is an unknown issuer")
    func unknownIssuer() async throws {
        let chain = try makeChain()
        let verdict = await AutoIDChainVerifier.verify(leaf: chain.leaf, trustRoots: [chain.root])
        #expect(verdict.error?.code == .unknownIssuer)
        #expect(verdict.error?.description.contains("Chain Intermediate") == true)
    }

    @Test("a self-signed certificate outside the trust roots is untrusted; no roots trusts nothing")
    func untrusted() async throws {
        let chain = try makeChain()
        let stranger = try AutoIDIssuer.issueRoot(
            subjectCommonName: "Stranger", kind: .human, key: Ed25519PrivateKey(), notValidBefore: now.addingTimeInterval(-60),
            notValidAfter: later)
        #expect(await AutoIDChainVerifier.verify(leaf: stranger, trustRoots: [chain.root]).error?.code == .untrusted)
        #expect(await AutoIDChainVerifier.verify(leaf: chain.root, trustRoots: []).error?.code == .untrusted)
    }

    @Test("a cross-signed loop is reported as a chain loop")
    func loop() async throws {
        let keyA = Ed25519PrivateKey()
        let keyB = Ed25519PrivateKey()
        let start = now.addingTimeInterval(-60)
        let selfA = try AutoIDIssuer.issueRoot(
            subjectCommonName: "Loop A", kind: .organisation, key: keyA, notValidBefore: start, notValidAfter: later)
        let selfB = try AutoIDIssuer.issueRoot(
            subjectCommonName: "Loop B", kind: .organisation, key: keyB, notValidBefore: start, notValidAfter: later)
        // A issued by B, B issued by A.
        let aByB = try AutoIDIssuer.issueLeaf(
            issuer: selfB, issuerKey: keyB, subjectPublicKey: keyA.publicKey, subjectCommonName: "Loop A",
            kind: .organisation, notValidBefore: start, notValidAfter: later, isCA: true)
        let bByA = try AutoIDIssuer.issueLeaf(
            issuer: selfA, issuerKey: keyA, subjectPublicKey: keyB.publicKey, subjectCommonName: "Loop B",
            kind: .organisation, notValidBefore: start, notValidAfter: later, isCA: true)
        let leaf = try AutoIDIssuer.issueLeaf(
            issuer: selfA, issuerKey: keyA, subjectPublicKey: Ed25519PrivateKey().publicKey,
            subjectCommonName: "Loop Leaf", kind: .human, notValidBefore: start, notValidAfter: later)
        let unrelated = try AutoIDIssuer.issueRoot(
            subjectCommonName: "Unrelated", kind: .human, key: Ed25519PrivateKey(), notValidBefore: start,
            notValidAfter: later)
        let verdict = await AutoIDChainVerifier.verify(
            leaf: leaf, intermediates: [aByB, bByA], trustRoots: [unrelated])
        #expect(verdict.error?.code == .chainLoop)
        #expect(verdict.error?.description.contains("'Loop A' <- 'Loop B' <- 'Loop A'") == true)
    }

    @Test("an issuer that is not a CA is named")
    func issuerNotCA() async throws {
        let rootKey = P256.Signing.PrivateKey()
        let root = try CertificateFactory.make(
            commonName: "P256 Root", publicKey: .init(rootKey.publicKey), issuerKey: .init(rootKey), isCA: true)
        let middleKey = P256.Signing.PrivateKey()
        let middle = try CertificateFactory.make(
            commonName: "Not A CA", publicKey: .init(middleKey.publicKey), issuerName: "P256 Root",
            issuerKey: .init(rootKey), isCA: false)
        let leafKey = P256.Signing.PrivateKey()
        let leaf = try CertificateFactory.make(
            commonName: "Below Non-CA", publicKey: .init(leafKey.publicKey), issuerName: "Not A CA",
            issuerKey: .init(middleKey), isCA: false)
        let verdict = await AutoIDChainVerifier.verify(leaf: leaf, intermediates: [middle], trustRoots: [root])
        #expect(verdict.error?.code == .notCA)
        #expect(verdict.error?.description.hasPrefix("issuer certificate 'Not A CA'") == true)
        #expect(verdict.error?.description.contains("is not a CA") == true)
    }

    @Test("an issuer without keyCertSign is refused")
    func keyUsage() async throws {
        let rootKey = P256.Signing.PrivateKey()
        let root = try CertificateFactory.make(
            commonName: "No CertSign Root", publicKey: .init(rootKey.publicKey), issuerKey: .init(rootKey), isCA: true,
            keyUsage: KeyUsage(digitalSignature: true))
        let leafKey = P256.Signing.PrivateKey()
        let leaf = try CertificateFactory.make(
            commonName: "Leaf", publicKey: .init(leafKey.publicKey), issuerName: "No CertSign Root",
            issuerKey: .init(rootKey), isCA: false)
        let verdict = await AutoIDChainVerifier.verify(leaf: leaf, trustRoots: [root])
        #expect(verdict.error?.code == .keyUsage)
    }

    @Test("path length constraints are enforced")
    func pathLength() async throws {
        let rootKey = P256.Signing.PrivateKey()
        let root = try CertificateFactory.make(
            commonName: "PathLen0 Root", publicKey: .init(rootKey.publicKey), issuerKey: .init(rootKey), isCA: true,
            pathLength: 0)
        let middleKey = P256.Signing.PrivateKey()
        let middle = try CertificateFactory.make(
            commonName: "Too Deep CA", publicKey: .init(middleKey.publicKey), issuerName: "PathLen0 Root",
            issuerKey: .init(rootKey), isCA: true)
        let leafKey = P256.Signing.PrivateKey()
        let leaf = try CertificateFactory.make(
            commonName: "Leaf", publicKey: .init(leafKey.publicKey), issuerName: "Too Deep CA",
            issuerKey: .init(middleKey), isCA: false)
        let verdict = await AutoIDChainVerifier.verify(leaf: leaf, intermediates: [middle], trustRoots: [root])
        #expect(verdict.error?.code == .pathLength)
        #expect(verdict.error?.description.contains("'PathLen0 Root'") == true)
    }

    @Test("ECDSA P-256 and P-384 chains verify", arguments: [256, 384])
    func ecdsa(bits: Int) async throws {
        let root: AutoID
        let leafKey = P256.Signing.PrivateKey()
        if bits == 256 {
            let rootKey = P256.Signing.PrivateKey()
            root = try CertificateFactory.make(
                commonName: "EC Root", publicKey: .init(rootKey.publicKey), issuerKey: .init(rootKey), isCA: true)
            let leaf = try CertificateFactory.make(
                commonName: "EC Leaf", publicKey: .init(leafKey.publicKey), issuerName: "EC Root",
                issuerKey: .init(rootKey), isCA: false)
            #expect(root.keyType == .ecdsaP256)
            #expect(await AutoIDChainVerifier.verify(leaf: leaf, trustRoots: [root]).isTrusted)
        } else {
            let rootKey = P384.Signing.PrivateKey()
            root = try CertificateFactory.make(
                commonName: "EC Root", publicKey: .init(rootKey.publicKey), issuerKey: .init(rootKey), isCA: true)
            let leaf = try CertificateFactory.make(
                commonName: "EC Leaf", publicKey: .init(leafKey.publicKey), issuerName: "EC Root",
                issuerKey: .init(rootKey), isCA: false)
            #expect(root.keyType == .ecdsaP384)
            #expect(await AutoIDChainVerifier.verify(leaf: leaf, trustRoots: [root]).isTrusted)
        }
    }

    @Test("a critical extension the verifier does not process makes a certificate unacceptable")
    func criticalExtension() async throws {
        let key = P256.Signing.PrivateKey()
        let der = try CertificateFactory.selfSignedDER(
            commonName: "Critical Kind", key: key,
            extra: try SubjectKind.human.makeCertificateExtension().settingCritical())
        let certificate = try AutoID(derEncoded: der)
        #expect(certificate.kind == .human)
        let verdict = await AutoIDChainVerifier.verify(leaf: certificate, trustRoots: [certificate])
        #expect(verdict.error?.code == .unhandledCriticalExtension)
        #expect(verdict.error?.description.contains(String(describing: AutoIDObjectIdentifier.subjectKind)) == true)
    }

    @Test("a revoked intermediate is rejected with the revoked code")
    func revokedIntermediate() async throws {
        let chain = try makeChain()
        let verdict = await AutoIDChainVerifier.verify(
            leaf: chain.intermediate, trustRoots: [chain.root], revoked: [chain.intermediate.identifier!])
        #expect(verdict.error?.code == .revoked)
    }
}
