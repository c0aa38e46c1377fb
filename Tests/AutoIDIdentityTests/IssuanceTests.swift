import AutoIDHashing
import AutoIDIdentity
import AutoIDSigning
import AutoIDTestSupport
import Foundation
import Testing
import X509

@Suite("Issuing Auto IDs")
struct IssuanceTests {
    let now = Date()
    var later: Date { now.addingTimeInterval(365 * 86400) }

    @Test("a root is a self-signed Ed25519 CA with autoid's extensions")
    func root() throws {
        let key = Ed25519PrivateKey()
        let root = try AutoIDIssuer.issueRoot(
            subjectCommonName: "Acme Research", kind: .organisation, key: key,
            notValidBefore: now, notValidAfter: later, pathLength: 2,
            linkedIdentities: [.uri("https://acme.example/"), .email("ops@acme.example")])
        #expect(root.identifier == .root(commonName: Array("Acme Research".utf8)))
        #expect(root.issuerIdentifier == nil)
        #expect(root.kind == .organisation)
        #expect(root.model == nil)
        #expect(root.linkedIdentities == [.uri("https://acme.example/"), .email("ops@acme.example")])
        #expect(root.keyType == .ed25519)
        #expect(root.subjectPublicKeyInfo == KeyEncoding.subjectPublicKeyInfo(for: key.publicKey))
        #expect(root.isSelfIssued && root.isCertificateAuthority)
        #expect(root.pathLengthConstraint == 2)
        #expect(root.keyUsage == KeyUsage(digitalSignature: true, keyCertSign: true, cRLSign: true))
        #expect(root.serialNumber.count == 16 && root.serialNumber[0] & 0x80 == 0)
        let ski = try root.certificate.extensions.subjectKeyIdentifier?.keyIdentifier
        let aki = try root.certificate.extensions.authorityKeyIdentifier?.keyIdentifier
        #expect(ski != nil && ski == aki)
        #expect(root.certificate.signatureAlgorithm == .ed25519)
        try AutoIDChainVerifier.verifySignature(of: root, issuedBy: root)
        // Round trip through DER and PEM.
        #expect(try AutoID(derEncoded: root.derBytes) == root)
        #expect(try AutoID(bytes: Array(root.pemString.utf8)) == root)
    }

    @Test("a leaf carries kind, AI model, linked identities, AKI and the leaf identifier")
    func leaf() throws {
        let rootKey = Ed25519PrivateKey()
        let root = try AutoIDIssuer.issueRoot(
            subjectCommonName: "Acme Research", kind: .organisation, key: rootKey, notValidBefore: now, notValidAfter: later)
        let agentKey = Ed25519PrivateKey()
        let model = AIModelInfo(provider: "Anthropic", modelName: "claude", modelVersion: "4.5")
        let leaf = try AutoIDIssuer.issueLeaf(
            issuer: root, issuerKey: rootKey, subjectPublicKey: agentKey.publicKey,
            subjectCommonName: "Acme summariser", kind: .aiAgent, model: model,
            linkedIdentities: [.uri("https://acme.example/agents/summariser"), .email("summariser@acme.example")],
            notValidBefore: now, notValidAfter: later)
        #expect(leaf.identifier == .leaf(issuer: root.identifier!, commonName: Array("Acme summariser".utf8)))
        #expect(leaf.issuerIdentifier == root.identifier)
        #expect(leaf.kind == .aiAgent)
        #expect(leaf.model == model)
        #expect(leaf.linkedIdentities.count == 2)
        #expect(!leaf.isCertificateAuthority)
        #expect(leaf.basicConstraints == .notCertificateAuthority)
        #expect(leaf.keyUsage == KeyUsage(digitalSignature: true))
        #expect(leaf.issuerCommonName == "Acme Research")
        let aki = try leaf.certificate.extensions.authorityKeyIdentifier?.keyIdentifier
        let rootSKI = try root.certificate.extensions.subjectKeyIdentifier?.keyIdentifier
        #expect(aki == rootSKI)
        #expect(leaf.subjectPublicKeyInfo == KeyEncoding.subjectPublicKeyInfo(for: agentKey.publicKey))
        try AutoIDChainVerifier.verifySignature(of: leaf, issuedBy: root)

        // Reparsed without context, the identifier is unresolved until the issuer is known.
        let reparsed = try AutoID(derEncoded: leaf.derBytes)
        #expect(reparsed.identifier == nil)
        #expect(reparsed.resolvingIdentifier(issuerIdentifier: root.identifier!).identifier == leaf.identifier)
    }

    @Test("every subject kind and an optional model version round-trip", arguments: SubjectKind.known)
    func kinds(kind: SubjectKind) throws {
        let key = Ed25519PrivateKey()
        let root = try AutoIDIssuer.issueRoot(
            subjectCommonName: "Kind \(kind)", kind: kind, key: key, notValidBefore: now, notValidAfter: later,
            model: AIModelInfo(provider: "Provider", modelName: "Model"))
        #expect(root.kind == kind)
        #expect(root.model == AIModelInfo(provider: "Provider", modelName: "Model", modelVersion: nil))
        #expect(SubjectKind(name: kind.name) == kind)
        #expect(SubjectKind(code: kind.code) == kind)
    }

    @Test("a UTF-8 common name is hashed as its encoded bytes")
    func utf8CommonName() throws {
        let root = try AutoIDIssuer.issueRoot(
            subjectCommonName: "Zoë Ångström", kind: .human, key: Ed25519PrivateKey(),
            notValidBefore: now, notValidAfter: later)
        #expect(root.commonNameBytes == Array("Zoë Ångström".utf8))
        #expect(root.identifier?.bytes == BLAKE2b.hash(Array("Zoë Ångström".utf8)))
    }

    @Test("intermediate CAs respect the issuer's path length")
    func intermediate() throws {
        let rootKey = Ed25519PrivateKey()
        let root = try AutoIDIssuer.issueRoot(
            subjectCommonName: "Root", kind: .organisation, key: rootKey, notValidBefore: now, notValidAfter: later,
            pathLength: 0)
        let subKey = Ed25519PrivateKey()
        let error = #expect(throws: IdentityError.self) {
            try AutoIDIssuer.issueLeaf(
                issuer: root, issuerKey: rootKey, subjectPublicKey: subKey.publicKey, subjectCommonName: "Sub",
                kind: .organisation, notValidBefore: now, notValidAfter: later, isCA: true)
        }
        #expect(error?.code == .pathLength)
        // An end entity is fine under pathLen 0.
        _ = try AutoIDIssuer.issueLeaf(
            issuer: root, issuerKey: rootKey, subjectPublicKey: subKey.publicKey, subjectCommonName: "End",
            kind: .human, notValidBefore: now, notValidAfter: later)
    }

    @Test("invalid requests are refused with clear errors")
    func invalidRequests() throws {
        let key = Ed25519PrivateKey()
        func root(
            _ name: String = "Root", from: Date? = nil, to: Date? = nil, links: [LinkedIdentity] = [],
            model: AIModelInfo? = nil
        ) throws -> AutoID {
            try AutoIDIssuer.issueRoot(
                subjectCommonName: name, kind: .human, key: key, notValidBefore: from ?? now,
                notValidAfter: to ?? later, model: model, linkedIdentities: links)
        }
        let cases: [(String, () throws -> AutoID)] = [
            ("empty CN", { try root("") }),
            ("long CN", { try root(String(repeating: "x", count: 65)) }),
            ("control character", { try root("a\u{7}b") }),
            ("one Character of 65 code points", { try root("a" + String(repeating: "\u{301}", count: 64)) }),
            ("look-alike letters", { try root("\u{410}lice") }),
            ("zero-width space", { try root("Ali\u{200b}ce") }),
            ("look-alike model provider", { try root(model: AIModelInfo(provider: "Ex\u{430}mple", modelName: "m")) }),
            ("dates reversed", { try root(from: later, to: now) }),
            ("relative URI", { try root(links: [.uri("example.org/alice")]) }),
            ("URI with space", { try root(links: [.uri("https://example.org/a b")]) }),
            ("empty URI scheme", { try root(links: [.uri(":x")]) }),
            ("address without @", { try root(links: [.email("alice.example.org")]) }),
            ("address with two @", { try root(links: [.email("a@b@c")]) }),
            ("non-ASCII address", { try root(links: [.email("zoë@example.org")]) }),
            ("empty model name", { try root(model: AIModelInfo(provider: "P", modelName: "")) }),
        ]
        for (label, make) in cases {
            let error = #expect(throws: IdentityError.self, "\(label)") { try make() }
            #expect(error?.code == .invalidRequest, "\(label)")
        }
    }

    @Test("a leaf needs the issuer's own key and a CA issuer")
    func issuerChecks() throws {
        let rootKey = Ed25519PrivateKey()
        let root = try AutoIDIssuer.issueRoot(
            subjectCommonName: "Root", kind: .organisation, key: rootKey, notValidBefore: now, notValidAfter: later)
        let other = Ed25519PrivateKey()
        let mismatch = #expect(throws: IdentityError.self) {
            try AutoIDIssuer.issueLeaf(
                issuer: root, issuerKey: other, subjectPublicKey: other.publicKey, subjectCommonName: "x",
                kind: .human, notValidBefore: now, notValidAfter: later)
        }
        #expect(mismatch?.code == .keyMismatch)

        let leafKey = Ed25519PrivateKey()
        let leaf = try AutoIDIssuer.issueLeaf(
            issuer: root, issuerKey: rootKey, subjectPublicKey: leafKey.publicKey, subjectCommonName: "Leaf",
            kind: .human, notValidBefore: now, notValidAfter: later)
        let notCA = #expect(throws: IdentityError.self) {
            try AutoIDIssuer.issueLeaf(
                issuer: leaf, issuerKey: leafKey, subjectPublicKey: other.publicKey, subjectCommonName: "x",
                kind: .human, notValidBefore: now, notValidAfter: later)
        }
        #expect(notCA?.code == .notCA)
        #expect(notCA?.description.contains("'Leaf'") == true)
    }

    @Test("certificate files: several PEM blocks, save and load")
    func files() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let rootKey = Ed25519PrivateKey()
        let root = try AutoIDIssuer.issueRoot(
            subjectCommonName: "Root", kind: .organisation, key: rootKey, notValidBefore: now, notValidAfter: later)
        let leaf = try AutoIDIssuer.issueLeaf(
            issuer: root, issuerKey: rootKey, subjectPublicKey: Ed25519PrivateKey().publicKey,
            subjectCommonName: "Leaf", kind: .human, notValidBefore: now, notValidAfter: later)
        let path = directory.file("chain.pem")
        try AutoIDFile.save([leaf, root], to: path)
        let loaded = try AutoIDFile.load(path: path)
        #expect(loaded.map(\.derBytes) == [leaf.derBytes, root.derBytes])
        #expect(throws: (any Error).self) { try AutoIDFile.save([root], to: path) }  // refuses to overwrite
        try AutoIDFile.save([root], to: path, overwrite: true)
        #expect(try AutoIDFile.load(path: path).count == 1)
        // Exactly-one parsing refuses two.
        let two = #expect(throws: IdentityError.self) { try AutoID(bytes: Array((leaf.pemString + root.pemString).utf8)) }
        #expect(two?.code == .malformed)
    }
}
