import AutoIDIdentity
import AutoIDProvenance
import AutoIDSigning
import AutoIDVerdict
import Foundation
import Testing

/// `autoid-verify identity`'s flow as a library call: chain, revocation, personhood, report.
@Suite("Identity verification")
struct IdentityVerificationTests {
    typealias Status = AutoIDVerdict.ExitStatus

    let now = Date()
    let rootKey = Ed25519PrivateKey()
    let root: AutoID
    let agent: AutoID

    init() throws {
        root = try AutoIDIssuer.issueRoot(
            subjectCommonName: "Example AI Lab", kind: .organisation, key: rootKey,
            notValidBefore: now.addingTimeInterval(-60), notValidAfter: now.addingTimeInterval(86_400 * 30))
        // Read back from DER, as from a file: the identifier is then only known through the issuer.
        agent = try AutoID(
            derEncoded: try AutoIDIssuer.issueLeaf(
                issuer: root, issuerKey: rootKey, subjectPublicKey: Ed25519PrivateKey().publicKey,
                subjectCommonName: "summarizer-agent", kind: .aiAgent,
                notValidBefore: now.addingTimeInterval(-60), notValidAfter: now.addingTimeInterval(86_400)
            ).derBytes)
    }

    var expectedIdentifier: AutoIDIdentifier {
        .leaf(issuer: .root(commonName: Array("Example AI Lab".utf8)), commonName: Array("summarizer-agent".utf8))
    }

    @Test func withoutTrustRootsNothingIsDecided() async throws {
        let report = await IdentityVerification(certificates: [agent], time: now).run()
        #expect(report.verdict == nil)
        #expect(report.status == .ok)
        #expect(report.subject.identifier == nil)
        #expect(report.textLines.contains("trust          not checked (give --trust ROOTS to verify the chain)"))
        #expect(report.json["trusted"] == .null)
    }

    @Test func trustedChainResolvesTheRegistryIdentifier() async throws {
        let report = await IdentityVerification(certificates: [agent], trustRoots: [root], time: now).run()
        #expect(report.status == .ok)
        #expect(report.verdict?.isTrusted == true)
        #expect(report.subject.identifier == expectedIdentifier)
        #expect(report.json["identifier"] == .string(expectedIdentifier.hexDigits))
        #expect(report.json["chain"] == .array([.string("summarizer-agent"), .string("Example AI Lab")]))
    }

    @Test func expiredChainFailsButKeepsItsIdentifier() async throws {
        let later = now.addingTimeInterval(86_400 * 2)
        let report = await IdentityVerification(certificates: [agent], trustRoots: [root], time: later).run()
        #expect(report.status == .untrusted)
        #expect(report.verdict?.error?.code == .expired)
        #expect(report.subject.identifier == expectedIdentifier)
        #expect(report.json["exitCode"] == .integer(2))
    }

    @Test func anotherRootIsNotTrusted() async throws {
        let otherKey = Ed25519PrivateKey()
        let other = try AutoIDIssuer.issueRoot(
            subjectCommonName: "Impostor Lab", kind: .organisation, key: otherKey,
            notValidBefore: now.addingTimeInterval(-60), notValidAfter: now.addingTimeInterval(86_400))
        let report = await IdentityVerification(certificates: [agent], trustRoots: [other], time: now).run()
        #expect(report.status == .untrusted)
        #expect(report.subject.identifier == nil)
    }

    @Test func missingPersonhoodFactorsAreNotMet() async throws {
        let report = await IdentityVerification(certificates: [agent], trustRoots: [root], requiredFactors: 1, time: now).run()
        #expect(report.status == .untrusted)
        #expect(report.textLines.last == "personhood     0 of 1 required factors: NOT MET")
        #expect(report.json["distinctFactors"] == .integer(0))
        #expect(report.json["requiredFactors"] == .integer(1))
    }
}
