import AutoIDGovernance
import AutoIDIdentity
import AutoIDJSON
import AutoIDManifest
import AutoIDReports
import AutoIDSigning
import Foundation
import Testing

@Suite("Signed proposals and weighted ballots")
struct SignedProposalTests {
    /// The fixture's proposal, signed by `issuer` (default: the DAO's root, named 'AutoCo DAO'), with
    /// `dao` as its DAO name and optional weights.
    func signed(_ dao: DAOFixture, dao name: String = "AutoCo DAO", weights: [Int: Int]? = nil, issuer: [AutoID]? = nil, key: Ed25519PrivateKey? = nil)
        throws -> DAOProposal
    {
        var text = DAOFixture.proposalText.replacingOccurrences(of: "\"AutoCo\"", with: "\"\(name)\"")
        if let weights {
            let object = weights.map { "\"\(dao.members[$0.key].identifier!.hexDigits)\":\($0.value)" }.joined(separator: ",")
            text = String(text.dropLast()) + ",\"weights\":{\(object)}}"
        }
        let envelope = try DAOProposal.sign(Array(text.utf8), source: "p", issuer: issuer ?? [dao.dao], key: key ?? dao.daoKey)
        return try DAOProposal(fileBytes: envelope.jsonBytes(), source: "p.dsse.json")
    }

    func ballot(_ dao: DAOFixture, _ proposal: DAOProposal, _ member: Int, _ choice: String, weight: Int = 1) -> Envelope {
        DAOBallot.make(
            proposal: proposal, choice: choice, weight: weight, cast: DAOFixture.start.addingTimeInterval(3600), voter: [dao.members[member], dao.dao],
            voterKey: dao.memberKeys[member])
    }

    func run(_ dao: DAOFixture, _ proposal: DAOProposal, _ ballots: [Envelope], requireSigned: Bool = false, result: String? = nil) async throws
        -> AuditReport
    {
        var audit = try dao.audit(result: result)
        audit.proposal = proposal
        audit.requireSignedProposal = requireSigned
        if let result {
            audit.result = try DAOResult(bytes: Array(result.replacingOccurrences(of: "DIGEST", with: proposal.digest).utf8), source: "r")
        }
        return await audit.run(ballots: ballots.enumerated().map { ($1, "b\($0).json") })
    }

    @Test("a proposal signed by the DAO's issuer verifies first; its digest is the payload's; ballots count")
    func signedByTheIssuer() async throws {
        let dao = try DAOFixture()
        let proposal = try signed(dao)
        #expect(proposal.envelope != nil && proposal.issuerCertificates?.count == 1)
        #expect(proposal.digest != dao.proposal.digest)
        let report = try await run(
            dao, proposal, [ballot(dao, proposal, 0, "yes"), ballot(dao, proposal, 1, "no"), ballot(dao, proposal, 2, "yes")], requireSigned: true)
        #expect(report.passed, "\(report.textLines)")
        #expect(report.checks.contains { $0.name == "the proposal is signed by the DAO's issuer 'AutoCo DAO'" && $0.passed })
        #expect(report.fields["proposal"]?["signed"] == .bool(true))
    }

    @Test("an unsigned proposal under --signed-proposal, a forged one, one signed by a member or under another name: no ballot counts")
    func refusedProposals() async throws {
        let dao = try DAOFixture()
        // Unsigned, but required signed.
        let unsigned = try await run(dao, dao.proposal, [dao.ballot(0, "yes")], requireSigned: true)
        #expect(unsigned.checks.first { $0.name.hasPrefix("the proposal is signed") }?.failure?.contains("not signed") == true)
        #expect(unsigned.fields["counted"] == .integer(0))
        #expect(unsigned.checks.first { $0.name == "ballot b0.json" }?.failure?.contains("the proposal is not verified") == true)

        // Forged: the payload changed after signing (the quorum lowered).
        var forged = try signed(dao)
        var envelope = try #require(forged.envelope)
        envelope.payload = Array(String(decoding: envelope.payload, as: UTF8.self).replacingOccurrences(of: "\"quorum\":3", with: "\"quorum\":1").utf8)
        forged = try DAOProposal(fileBytes: envelope.jsonBytes(), source: "f")
        let forgedReport = try await run(dao, forged, [ballot(dao, forged, 0, "yes")])
        #expect(forgedReport.checks.first { $0.name.hasPrefix("the proposal is signed") }?.failure?.contains("forged or altered") == true)
        #expect(forgedReport.fields["counted"] == .integer(0))

        // A member (not a CA) signs it; the DAO's issuer signs a proposal naming another DAO.
        let byMember = try signed(dao, issuer: [dao.members[0], dao.dao], key: dao.memberKeys[0])
        let memberReport = try await run(dao, byMember, [ballot(dao, byMember, 0, "yes")])
        #expect(memberReport.checks.first { $0.name.hasPrefix("the proposal is signed") }?.failure?.contains("not a CA") == true)
        let renamed = try signed(dao, dao: "Other DAO")
        let renamedReport = try await run(dao, renamed, [ballot(dao, renamed, 0, "yes")])
        #expect(renamedReport.checks.first { $0.name.hasPrefix("the proposal is signed") }?.failure?.contains("not the DAO 'Other DAO'") == true)
        // An issuer not under the trust roots.
        let otherKey = Ed25519PrivateKey()
        let impostor = try AutoIDIssuer.issueRoot(
            subjectCommonName: "AutoCo DAO", kind: .organisation, key: otherKey, notValidBefore: DAOFixture.start, notValidAfter: DAOFixture.end)
        let untrusted = try signed(dao, issuer: [impostor], key: otherKey)
        let untrustedReport = try await run(dao, untrusted, [ballot(dao, untrusted, 0, "yes")])
        #expect(untrustedReport.checks.first { $0.name.hasPrefix("the proposal is signed") }?.failure?.contains("not trusted") == true)
    }

    @Test("on a signed proposal, a trusted human on the member list but issued by another issuer is not counted")
    func voterUnderAnotherIssuer() async throws {
        let dao = try DAOFixture()
        let outsiderKey = Ed25519PrivateKey()
        // The AI lab's root is trusted (for assistants); a human it issued is no member of the DAO's issuer.
        let outsider = try AutoIDIssuer.issueLeaf(
            issuer: dao.lab, issuerKey: dao.labKey, subjectPublicKey: outsiderKey.publicKey, subjectCommonName: "Olga", kind: .human,
            notValidBefore: DAOFixture.start, notValidAfter: DAOFixture.end)
        let proposal = try signed(dao)
        let ballot = DAOBallot.make(
            proposal: proposal, choice: "yes", cast: DAOFixture.start.addingTimeInterval(3600), voter: [outsider, dao.lab], voterKey: outsiderKey)
        var audit = try dao.audit(members: dao.members + [outsider])
        audit.proposal = proposal
        let report = await audit.run(ballots: [(ballot, "olga.json")])
        #expect(
            report.checks.first { $0.name == "ballot olga.json" }?.failure?.contains("not a member issued by the DAO's issuer 'AutoCo DAO'") == true,
            "\(report.textLines)")
        // The same ballot on the unsigned proposal (no issuer to check against) counts, as before.
        var plain = try dao.audit(members: dao.members + [outsider])
        plain.proposal = dao.proposal
        let unsignedBallot = DAOBallot.make(
            proposal: dao.proposal, choice: "yes", cast: DAOFixture.start.addingTimeInterval(3600), voter: [outsider, dao.lab], voterKey: outsiderKey)
        #expect(await plain.run(ballots: [(unsignedBallot, "olga.json")]).fields["counted"] == .integer(1))
    }

    @Test("weights: ballots carry their voter's weight, the tally sums weights and matches a weighted result")
    func weighted() async throws {
        let dao = try DAOFixture()
        let proposal = try signed(dao, weights: [0: 10, 1: 3, 2: 1])
        #expect(proposal.weights?.count == 3)
        let ballots = [ballot(dao, proposal, 0, "yes", weight: 10), ballot(dao, proposal, 1, "no", weight: 3), ballot(dao, proposal, 2, "no", weight: 1)]
        let report = try await run(dao, proposal, ballots, result: #"{"proposal":"DIGEST","tally":{"yes":10,"no":4}}"#)
        #expect(report.passed, "\(report.textLines)")
        #expect(report.fields["tally"] == .object(["yes": .integer(10), "no": .integer(4)]))
        #expect(report.checks.contains { $0.name == "ballot b0.json: counted, 'Alice' votes 'yes' with weight 10" })
        #expect(report.textLines.contains("tally          yes 10, no 4 (weighted)"))
    }

    @Test("a ballot claiming another weight, or from a member the weights leave out, is not counted")
    func wrongWeights() async throws {
        let dao = try DAOFixture()
        let proposal = try signed(dao, weights: [0: 10, 1: 3])
        let ballots = [ballot(dao, proposal, 0, "yes", weight: 1000), ballot(dao, proposal, 1, "no", weight: 3), ballot(dao, proposal, 2, "no", weight: 1)]
        let report = try await run(dao, proposal, ballots)
        #expect(report.checks.first { $0.name == "ballot b0.json" }?.failure?.contains("weight 1000, but the proposal gives 'Alice' weight 10") == true)
        #expect(report.checks.first { $0.name == "ballot b2.json" }?.failure?.contains("gives 'Carol'") == true)
        #expect(report.fields["tally"] == .object(["yes": .integer(0), "no": .integer(3)]))
        // Without weights, any weight but 1 is refused, as before.
        let plain = try await run(dao, dao.proposal, [ballot(dao, dao.proposal, 0, "yes", weight: 2)])
        #expect(plain.checks.first { $0.name == "ballot b0.json" }?.failure?.contains("one vote per member") == true)
    }

    @Test("a member whose certificate was renewed (same identifier, another key) counts once, with its weight once")
    func renewedMemberCountsOnce() async throws {
        let dao = try DAOFixture()
        let renewedKey = Ed25519PrivateKey()
        let renewed = try AutoIDIssuer.issueLeaf(
            issuer: dao.dao, issuerKey: dao.daoKey, subjectPublicKey: renewedKey.publicKey, subjectCommonName: "Alice", kind: .human,
            notValidBefore: DAOFixture.start, notValidAfter: DAOFixture.end)
        #expect(renewed.identifier == dao.members[0].identifier)
        let proposal = try signed(dao, weights: [0: 10, 1: 3])
        let old = ballot(dao, proposal, 0, "yes", weight: 10)
        let new = DAOBallot.make(
            proposal: proposal, choice: "no", weight: 10, cast: DAOFixture.start.addingTimeInterval(7200), voter: [renewed, dao.dao], voterKey: renewedKey)
        var audit = try dao.audit(members: dao.members + [renewed])
        audit.proposal = proposal
        let report = await audit.run(ballots: [(old, "old.json"), (new, "new.json")])
        // The latest counts: 10 for "no", never 20 in all.
        #expect(report.fields["tally"] == .object(["yes": .integer(0), "no": .integer(10)]), "\(report.textLines)")
        #expect(report.checks.contains { $0.name.hasPrefix("ballot old.json: valid, not counted") })
    }

    @Test("weights and issuers are read strictly")
    func strictWeights() throws {
        let base = String(DAOFixture.proposalText.dropLast())
        let id = String(repeating: "ab", count: 32)
        for (extra, location) in [
            (#","weights":{}"#, "$.weights"), (#","weights":{"\#(id)":0}"#, "$.weights.\(id)"),
            (#","weights":{"\#(id)":1000000000001}"#, "$.weights.\(id)"), (#","weights":{"\#(id.uppercased())":1}"#, "$.weights"),
            (#","weights":{"abc":1}"#, "$.weights.abc"), (#","weights":[1]"#, "$.weights"), (#","issuer":{"certificates":[]}"#, "$.issuer"),
            (#","issuer":{"certificates":["!"]}"#, "$.issuer.certificates"),
        ] {
            #expect(throws: ManifestError.self, "\(extra)") { try DAOProposal(bytes: Array((base + extra + "}").utf8), source: "p") }
            do {
                _ = try DAOProposal(bytes: Array((base + extra + "}").utf8), source: "p")
            } catch {
                #expect("\(error)".contains(location), "\(extra): \(error)")
            }
        }
        // An envelope of something else, and a signed proposal without an issuer, are refused.
        let ballotEnvelope = try DAOFixture().ballot(0, "yes")
        #expect(throws: ManifestError.self) { try DAOProposal(fileBytes: ballotEnvelope.jsonBytes(), source: "b") }
        let bare = Envelope(payloadType: DAOProposal.payloadType, payload: Array(DAOFixture.proposalText.utf8))
        #expect(throws: ManifestError.self) { try DAOProposal(fileBytes: bare.jsonBytes(), source: "bare") }
    }
}
