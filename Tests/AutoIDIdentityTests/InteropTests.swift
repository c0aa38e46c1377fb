import AutoIDIdentity
import AutoIDSigning
import AutoIDTestSupport
import Foundation
import Testing

/// OpenSSL reads and verifies what autoid issues, and autoid reads what OpenSSL issues.
@Suite("OpenSSL interoperability", .enabled(if: OpenSSL.available, Comment(rawValue: OpenSSL.skipMessage)))
struct InteropTests {
    let now = Date()
    var later: Date { now.addingTimeInterval(30 * 86400) }

    struct Issued {
        var rootKey: Ed25519PrivateKey
        var root: AutoID
        var intermediate: AutoID
        var intermediateKey: Ed25519PrivateKey
        var leaf: AutoID
    }

    func issue(leafValidFrom: Date? = nil, leafValidTo: Date? = nil) throws -> Issued {
        let start = now.addingTimeInterval(-3600)
        let rootKey = Ed25519PrivateKey()
        let root = try AutoIDIssuer.issueRoot(
            subjectCommonName: "Interop Root", kind: .organisation, key: rootKey, notValidBefore: start,
            notValidAfter: later, pathLength: 1, linkedIdentities: [.uri("https://root.example/")])
        let intermediateKey = Ed25519PrivateKey()
        let intermediate = try AutoIDIssuer.issueLeaf(
            issuer: root, issuerKey: rootKey, subjectPublicKey: intermediateKey.publicKey,
            subjectCommonName: "Interop Issuing CA", kind: .organisation, notValidBefore: start, notValidAfter: later,
            isCA: true, pathLength: 0)
        let leaf = try AutoIDIssuer.issueLeaf(
            issuer: intermediate, issuerKey: intermediateKey, subjectPublicKey: Ed25519PrivateKey().publicKey,
            subjectCommonName: "Interop Agent", kind: .aiAgent,
            model: AIModelInfo(provider: "Example Labs", modelName: "helper", modelVersion: "1.0"),
            linkedIdentities: [.uri("https://agents.example/interop"), .email("agent@agents.example")],
            notValidBefore: leafValidFrom ?? start, notValidAfter: leafValidTo ?? later)
        return Issued(rootKey: rootKey, root: root, intermediate: intermediate, intermediateKey: intermediateKey, leaf: leaf)
    }

    @Test("openssl x509 -text reads the root and the leaf, with SAN URIs and autoid's extensions")
    func text() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let issued = try issue()
        let rootPath = try directory.write(issued.root.pemString, to: "root.pem")
        let leafPath = try directory.write(issued.leaf.pemString, to: "leaf.pem")

        let root = try OpenSSL.run(["x509", "-in", rootPath, "-text", "-noout"])
        #expect(root.status == 0, "\(root.error)")
        #expect(root.output.contains("CA:TRUE, pathlen:1"))
        #expect(root.output.contains("Certificate Sign, CRL Sign"))
        #expect(root.output.contains("URI:https://root.example/"))
        #expect(root.output.contains("Signature Algorithm: ED25519"))

        let leaf = try OpenSSL.run(["x509", "-in", leafPath, "-text", "-noout"])
        #expect(leaf.status == 0, "\(leaf.error)")
        #expect(leaf.output.contains("Subject: CN = Interop Agent"))
        #expect(leaf.output.contains("URI:https://agents.example/interop"))
        #expect(leaf.output.contains("email:agent@agents.example"))
        #expect(leaf.output.contains("\(AutoIDObjectIdentifier.subjectKind):"))
        #expect(leaf.output.contains("\(AutoIDObjectIdentifier.aiModelInfo):"))
        #expect(leaf.output.contains("CA:FALSE"))

        // OpenSSL's serial matches ours.
        let serial = try OpenSSL.run(["x509", "-in", leafPath, "-noout", "-serial"])
        #expect(serial.output.lowercased().contains(issued.leaf.serialNumber.map { String(format: "%02x", $0) }.joined()))
        // Our colon-separated form (in certificate labels) is the one -text prints for a 16-byte serial.
        #expect(issued.leaf.serialNumberHex.count == 16 * 3 - 1)
        #expect(leaf.output.contains(issued.leaf.serialNumberHex), "\(issued.leaf.serialNumberHex)")
    }

    @Test("openssl verify accepts autoid's chain; autoid agrees")
    func verify() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let issued = try issue()
        let rootPath = try directory.write(issued.root.pemString, to: "root.pem")
        let intermediatePath = try directory.write(issued.intermediate.pemString, to: "intermediate.pem")
        let leafPath = try directory.write(issued.leaf.pemString, to: "leaf.pem")
        let result = try OpenSSL.run(["verify", "-CAfile", rootPath, "-untrusted", intermediatePath, leafPath])
        #expect(result.status == 0, "\(result.output) \(result.error)")
        #expect(result.output.contains("OK"))
        let direct = try OpenSSL.run(["verify", "-CAfile", rootPath, intermediatePath])
        #expect(direct.status == 0, "\(direct.output) \(direct.error)")

        let verdict = await AutoIDChainVerifier.verify(
            leaf: issued.leaf, intermediates: [issued.intermediate], trustRoots: [issued.root])
        #expect(verdict.isTrusted)
    }

    @Test("an expired leaf: openssl and autoid reject it, autoid with the 'expired' code")
    func expired() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let issued = try issue(leafValidFrom: now.addingTimeInterval(-7200), leafValidTo: now.addingTimeInterval(-3600))
        let rootPath = try directory.write(issued.root.pemString, to: "root.pem")
        let intermediatePath = try directory.write(issued.intermediate.pemString, to: "intermediate.pem")
        let leafPath = try directory.write(issued.leaf.pemString, to: "leaf.pem")
        let result = try OpenSSL.run(["verify", "-CAfile", rootPath, "-untrusted", intermediatePath, leafPath])
        #expect(result.status != 0)
        #expect((result.output + result.error).contains("expired"))
        let verdict = await AutoIDChainVerifier.verify(
            leaf: issued.leaf, intermediates: [issued.intermediate], trustRoots: [issued.root])
        #expect(verdict.error?.code == .expired)
    }

    @Test("a leaf signed by another key: openssl and autoid reject it")
    func otherKey() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let issued = try issue()
        let otherKey = Ed25519PrivateKey()
        let lookalike = try AutoIDIssuer.issueRoot(
            subjectCommonName: "Interop Root", kind: .organisation, key: otherKey, notValidBefore: now.addingTimeInterval(-60),
            notValidAfter: later)
        let forged = try AutoIDIssuer.issueLeaf(
            issuer: lookalike, issuerKey: otherKey, subjectPublicKey: Ed25519PrivateKey().publicKey,
            subjectCommonName: "Forged", kind: .human, notValidBefore: now.addingTimeInterval(-60), notValidAfter: later)
        let rootPath = try directory.write(issued.root.pemString, to: "root.pem")
        let forgedPath = try directory.write(forged.pemString, to: "forged.pem")
        let result = try OpenSSL.run(["verify", "-CAfile", rootPath, forgedPath])
        #expect(result.status != 0)
        let verdict = await AutoIDChainVerifier.verify(leaf: forged, trustRoots: [issued.root])
        #expect(verdict.error?.code == .badSignature)
    }

    @Test("an OpenSSL certificate whose subject has no CN is refused with 'missingCommonName'")
    func noCommonName() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let result = try OpenSSL.run([
            "req", "-x509", "-newkey", "ed25519", "-nodes", "-keyout", directory.file("key.pem"),
            "-subj", "/O=NoCN", "-days", "1", "-out", directory.file("nocn.pem"),
        ])
        #expect(result.status == 0, "\(result.error)")
        let error = #expect(throws: IdentityError.self) { try AutoIDFile.load(path: directory.file("nocn.pem")) }
        #expect(error?.code == .missingCommonName)
        #expect(error?.description.contains("nocn.pem") == true)
    }

    @Test("autoid verifies an OpenSSL-made chain", arguments: ["ed25519", "ec"])
    func opensslChain(algorithm: String) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let keyArguments = algorithm == "ec" ? ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"] : ["-newkey", "ed25519"]
        let root = try OpenSSL.run(
            ["req", "-x509"] + keyArguments + [
                "-nodes", "-keyout", directory.file("root.key"), "-subj", "/CN=OpenSSL Root", "-days", "2",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                "-out", directory.file("root.pem"),
            ])
        #expect(root.status == 0, "\(root.error)")
        let request = try OpenSSL.run(
            ["req", "-new"] + keyArguments + [
                "-nodes", "-keyout", directory.file("leaf.key"), "-subj", "/CN=OpenSSL Leaf",
                "-out", directory.file("leaf.csr"),
            ])
        #expect(request.status == 0, "\(request.error)")
        let extensions = try directory.write(
            "basicConstraints=critical,CA:FALSE\nsubjectAltName=URI:https://openssl.example/leaf\n", to: "leaf.ext")
        let sign = try OpenSSL.run([
            "x509", "-req", "-in", directory.file("leaf.csr"), "-CA", directory.file("root.pem"),
            "-CAkey", directory.file("root.key"), "-CAcreateserial", "-days", "1", "-extfile", extensions,
            "-out", directory.file("leaf.pem"),
        ])
        #expect(sign.status == 0, "\(sign.error)")
        let rootID = try #require(try AutoIDFile.load(path: directory.file("root.pem")).first)
        let leafID = try #require(try AutoIDFile.load(path: directory.file("leaf.pem")).first)
        #expect(rootID.keyType == (algorithm == "ec" ? .ecdsaP256 : .ed25519))
        #expect(leafID.linkedIdentities == [.uri("https://openssl.example/leaf")])
        let verdict = await AutoIDChainVerifier.verify(leaf: leafID, trustRoots: [rootID])
        #expect(verdict.isTrusted, "\(verdict)")
        #expect(
            verdict.chain?.first?.identifier
                == .leaf(
                    issuer: .root(commonName: Array("OpenSSL Root".utf8)),
                    commonName: Array("OpenSSL Leaf".utf8)))
    }

    @Test("a certificate with a full-UUID 2.25 OID (128-bit arc) cannot be parsed with swift-asn1 1.7.4")
    func fullUUIDArc() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let result = try OpenSSL.run([
            "req", "-x509", "-newkey", "ed25519", "-nodes", "-keyout", directory.file("key.pem"),
            "-subj", "/CN=Full UUID arc", "-days", "1",
            "-addext", "2.25.198410540663599033286363658377657109729.1=DER:0A0102",
            "-out", directory.file("uuid.pem"),
        ])
        #expect(result.status == 0, "\(result.error)")
        // If this starts parsing, swift-asn1 has learnt big OID arcs: autoid could move to the full UUID arc.
        let error = #expect(throws: IdentityError.self) { try AutoIDFile.load(path: directory.file("uuid.pem")) }
        #expect(error?.code == .malformed)
    }
}
