import AutoIDHashing
import AutoIDIdentity
import AutoIDManifest
import AutoIDProvenance
import AutoIDSigning
import AutoIDTestSupport
import AutoIDVerdict
import Foundation
import Testing

/// The verifier as a library call, on statements a signer crafted by hand.
@Suite("Provenance verifier")
struct ProvenanceVerifierTests {
    let now = Date()
    let rootKey = Ed25519PrivateKey()
    let agentKey = Ed25519PrivateKey()
    let root: AutoID
    let agent: AutoID
    let directory: TemporaryDirectory

    init() throws {
        root = try AutoIDIssuer.issueRoot(
            subjectCommonName: "Example AI Lab", kind: .organisation, key: rootKey,
            notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(86_400))
        agent = try AutoID(
            derEncoded: try AutoIDIssuer.issueLeaf(
                issuer: root, issuerKey: rootKey, subjectPublicKey: agentKey.publicKey, subjectCommonName: "agent", kind: .aiAgent,
                notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(86_400)
            ).derBytes)
        directory = try TemporaryDirectory()
        try directory.write("out.txt", Array("generated\n".utf8))
    }

    var created: String { ISO8601DateFormatter().string(from: now) }

    func party(name: String? = nil, identifier: String? = nil) throws -> ProvenanceParty {
        var party = try ProvenanceSigner.party(.init(chain: [agent, root], role: "ai-generator", source: "agent"))
        if let name { party.name = name }
        if let identifier { party.identifier = identifier }
        return party
    }

    /// Signs `predicate` over out.txt with the agent's key into `name` and verifies it.
    func verify(_ predicate: ProvenancePredicate, policy: ProvenancePolicy = ProvenancePolicy()) async throws -> ProvenanceReport {
        let envelope = try ProvenanceSigner.sign(
            [ContentSigner.Input(name: "out.txt", source: .file(.init(directory.file("out.txt"))))], algorithms: HashAlgorithm.contentDefaults,
            predicate: predicate, key: agentKey)
        try directory.write("e.json", envelope.jsonBytes())
        let verifier = ProvenanceVerifier(trustRoots: [root], policy: policy, locator: SubjectLocator(baseDirectory: directory.path), now: now)
        return await verifier.verify(path: directory.file("e.json"))
    }

    func predicate(_ party: ProvenanceParty, sourceType: String? = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia")
        -> ProvenancePredicate
    {
        ProvenancePredicate(
            created: created, tool: "test", parties: [party],
            actions: [ProvenanceAction(action: "c2pa.edited", party: 0, when: created, digitalSourceType: sourceType)], ingredients: [])
    }

    @Test func anHonestStatementVerifies() async throws {
        let report = try await verify(predicate(try party()))
        #expect(report.status == .ok, "\(report.textLines())")
        #expect(report.parties.first?.signed == true)
        #expect(report.parties.first?.chain?.map(\.commonName) == ["agent", "Example AI Lab"])
    }

    /// The signer's certificate as the caller parsed it is used only when it is the first party's: another
    /// one is ignored (the party's own is parsed), and the key must still be that party's.
    @Test func theCallersParsedCertificateIsUsedOnlyWhenItIsTheSigners() async throws {
        let inputs = [ContentSigner.Input(name: "out.txt", source: .file(.init(directory.file("out.txt"))))]
        let signed = try predicate(try party())
        for given in [agent, root] {
            let envelope = try ProvenanceSigner.sign(
                inputs, algorithms: HashAlgorithm.contentDefaults, predicate: signed, key: agentKey, signerCertificate: given)
            try directory.write("e.json", envelope.jsonBytes())
            let report = await ProvenanceVerifier(trustRoots: [root], locator: SubjectLocator(baseDirectory: directory.path), now: now)
                .verify(path: directory.file("e.json"))
            #expect(report.status == .ok, "\(report.textLines())")
        }
        #expect(throws: IdentityError.self) {
            try ProvenanceSigner.sign(inputs, algorithms: HashAlgorithm.contentDefaults, predicate: signed, key: rootKey, signerCertificate: root)
        }
    }

    @Test func aBatchFromOneAgentVerifiesWithAPreparedKey() async throws {
        // More envelopes by one key than Ed25519SignatureChecker.preparedFrom: the later ones are
        // checked with a prepared key, and a forged signature among them still fails.
        let count = Ed25519SignatureChecker.preparedFrom + 8
        var paths: [String] = []
        for index in 0..<count {
            var envelope = try ProvenanceSigner.sign(
                [ContentSigner.Input(name: "out.txt", source: .file(.init(directory.file("out.txt"))))], algorithms: HashAlgorithm.contentDefaults,
                predicate: predicate(try party()), key: agentKey)
            if index == count - 1 { envelope.signatures[0].signature[5] ^= 1 }
            paths.append(try directory.write("e\(index).json", envelope.jsonBytes()))
        }
        let verifier = ProvenanceVerifier(trustRoots: [root], locator: SubjectLocator(baseDirectory: directory.path), now: now)
        let reports = await verifier.verifyAll(paths: paths)
        #expect(reports.dropLast().allSatisfy { $0.status == .ok && $0.parties.first?.signed == true })
        #expect(reports.last?.status == .verificationFailed || reports.last?.status == .untrusted, "\(reports.last?.textLines() ?? [])")
        #expect(reports.last?.parties.first?.signed == false)
    }

    @Test func aNameTheCertificateDoesNotCarryIsMalformed() async throws {
        let report = try await verify(predicate(try party(name: "Trusted Human")))
        #expect(report.status == .malformedInput)
        #expect(report.problems.contains { $0.message.contains("the statement calls it 'Trusted Human' (ai-agent) but its certificate says 'agent'") })
    }

    @Test func anIdentifierTheChainDoesNotGiveIsMalformed() async throws {
        let report = try await verify(predicate(try party(identifier: String(repeating: "cd", count: 32))))
        #expect(report.status == .malformedInput)
        #expect(report.problems.contains { $0.message.contains("its certificate chain gives the identifier") })
    }

    @Test func undisclosedAIIsAPolicyFailureUnlessAllowed() async throws {
        let undisclosed = predicate(try party(), sourceType: nil)
        #expect(try await verify(undisclosed).status == .untrusted)
        #expect(try await verify(undisclosed, policy: ProvenancePolicy(requireAIDisclosure: false)).status == .ok)
    }

    @Test func requiredIssuerAndDepthPolicies() async throws {
        let other = try AutoIDIssuer.issueRoot(
            subjectCommonName: "Other Lab", kind: .organisation, key: Ed25519PrivateKey(),
            notValidBefore: now.addingTimeInterval(-60), notValidAfter: now.addingTimeInterval(86_400))
        let report = try await verify(predicate(try party()), policy: ProvenancePolicy(requiredIssuers: [other]))
        #expect(report.status == .untrusted)
        #expect(report.problems.contains { $0.message.contains("policy requires parties under 'Other Lab'") })
        #expect(try await verify(predicate(try party()), policy: ProvenancePolicy(requiredIssuers: [root])).status == .ok)
    }

    @Test func aStatementFromTheFutureIsNotTrusted() async throws {
        var future = predicate(try party())
        future.created = ISO8601DateFormatter().string(from: now.addingTimeInterval(3600))
        let report = try await verify(future)
        #expect(report.status == .untrusted)
    }

    @Test func twoPartiesWithOneKeyAreMalformed() async throws {
        var twin = try party()
        twin.role = "ai-editor"
        twin.certificates = [
            try AutoIDIssuer.issueLeaf(
                issuer: root, issuerKey: rootKey, subjectPublicKey: agentKey.publicKey, subjectCommonName: "agent", kind: .aiAgent,
                notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(86_400)
            ).derBytes
        ]
        var both = predicate(try party())
        both.parties.append(twin)
        let report = try await verify(both)
        #expect(report.status == .malformedInput)
        #expect(report.problems.contains { $0.message.contains("another party has the same key") })
    }
}
