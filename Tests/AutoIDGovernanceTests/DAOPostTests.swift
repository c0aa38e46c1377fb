import AutoIDGovernance
import AutoIDIdentity
import AutoIDJSON
import AutoIDManifest
import AutoIDReports
import AutoIDSigning
import Foundation
import Testing

@Suite("Forum posts linked to proposals")
struct DAOPostTests {
    func post(_ dao: DAOFixture, _ member: Int, _ text: String, proposal: DAOProposal? = nil) throws -> Envelope {
        try DAOPost.make(
            proposal: proposal ?? dao.proposal, text: text, posted: DAOFixture.start.addingTimeInterval(600), author: [dao.members[member], dao.dao],
            key: dao.memberKeys[member])
    }

    func run(_ audit: VoteAudit, _ dao: DAOFixture, posts: [Envelope]) async -> AuditReport {
        await audit.run(
            ballots: [dao.ballot(0, "yes"), dao.ballot(1, "yes"), dao.ballot(2, "no")].enumerated().map { ($1, "b\($0).json") },
            posts: posts.enumerated().map { ($1, "p\($0).json") })
    }

    @Test("members' posts on the proposal pass and are reported with author, membership and link; the tally is untouched")
    func honest() async throws {
        let dao = try DAOFixture()
        let report = await run(try dao.audit(), dao, posts: [try post(dao, 0, "I back the audit."), try post(dao, 1, "Agreed — ship it ✓")])
        #expect(report.passed, "\(report.textLines)")
        #expect(report.checks.contains { $0.name.hasPrefix("post p0.json: by 'Alice' (member), on this proposal, posted 2025-01-01T00:10:00Z") })
        #expect(report.textLines.contains("posts          2 given, 2 by members on this proposal"))
        #expect(report.fields["tally"] == .object(["yes": .integer(2), "no": .integer(1)]))
        let posts = try #require(report.fields["posts"]?.arrayValue)
        #expect(posts[1]["text"] == .string("Agreed — ship it ✓"))
        #expect(posts[0]["member"] == .bool(true))
        #expect(posts[0]["proposal"] == .string(dao.proposal.digest))
    }

    @Test("a post on another proposal, by a non-member, forged, or by a revoked author is a failed check naming why")
    func rejections() async throws {
        let dao = try DAOFixture()
        let other = try DAOProposal(bytes: Array(DAOFixture.proposalText.replacingOccurrences(of: "Fund the audit", with: "Other").utf8), source: "other")
        var forged = try post(dao, 1, "I oppose.")
        forged.payload = Array(String(decoding: forged.payload, as: UTF8.self).replacingOccurrences(of: "oppose", with: "support").utf8)
        let crl = try RevocationList.issue(
            issuer: dao.dao, issuerKey: dao.daoKey, entries: [.init(serial: dao.members[3].serialNumber, revocationDate: DAOFixture.start)], number: 1,
            thisUpdate: DAOFixture.start, nextUpdate: DAOFixture.end)
        let posts = [try post(dao, 0, "moved", proposal: other), try post(dao, 2, "outsider"), forged, try post(dao, 3, "revoked")]
        // Carol (2) is left off the member list.
        let report = await run(try dao.audit(members: [dao.members[0], dao.members[1], dao.members[3]], crl: crl), dao, posts: posts)
        #expect(!report.passed)
        func failure(_ n: Int) -> String? { report.checks.first { $0.name == "post p\(n).json" }?.failure }
        #expect(failure(0)?.contains("linked to another proposal (sha256 \(other.digest))") == true, "\(String(describing: failure(0)))")
        #expect(failure(1)?.contains("'Carol', who is not on the member list") == true)
        #expect(failure(2)?.contains("forged or altered") == true)
        #expect(failure(3)?.contains("revoked") == true, "\(String(describing: failure(3)))")
        let json = try #require(report.fields["posts"]?.arrayValue)
        #expect(json[0]["member"] == .bool(true) && json[1]["member"] == .bool(false))
    }

    @Test("a post an AI assistant drafts counts as the member's only with the member's signature too")
    func assistedPosts() async throws {
        let dao = try DAOFixture()
        let drafted = try DAOPost.make(
            proposal: dao.proposal, text: "Summary of the thread: most members favour the audit.", posted: DAOFixture.start.addingTimeInterval(900),
            author: [dao.members[0], dao.dao], assistant: [dao.assistant, dao.lab], key: dao.assistantKey)
        var cosigned = drafted
        cosigned.sign(with: dao.memberKeys[0])
        // An assistant that is no AI Auto ID: Bob "assists" Alice.
        var fakeAssistant = try DAOPost.make(
            proposal: dao.proposal, text: "x", posted: DAOFixture.start, author: [dao.members[0], dao.dao], assistant: [dao.members[1], dao.dao],
            key: dao.memberKeys[1])
        fakeAssistant.sign(with: dao.memberKeys[0])
        let report = await run(try dao.audit(), dao, posts: [cosigned, drafted, fakeAssistant])
        #expect(report.checks.contains { $0.name.hasPrefix("post p0.json: by 'Alice' (member) with the AI assistant 'voting-assistant', on this proposal") })
        #expect(report.checks.first { $0.name == "post p1.json" }?.failure?.contains("without its human's signature ('Alice' did not sign)") == true)
        #expect(report.checks.first { $0.name == "post p2.json" }?.failure?.contains("'Bob' is not an AI Auto ID") == true)
        let json = try #require(report.fields["posts"]?.arrayValue)
        #expect(json[0]["assistant"] == .string("voting-assistant"))
        #expect(json[0]["authorIdentifier"] == .string(dao.members[0].identifier!.hexDigits))
        // The assistant's key cannot make a post alone without naming itself.
        #expect(throws: (any Error).self) {
            try DAOPost.make(proposal: dao.proposal, text: "x", posted: DAOFixture.start, author: [dao.members[0], dao.dao], key: dao.assistantKey)
        }
    }

    @Test("posts are read strictly; a ballot is not a post; truncated and random payloads never crash")
    func strict() throws {
        let dao = try DAOFixture()
        let envelope = try post(dao, 0, "hello")
        let parsed = try DAOPost(envelope: envelope, source: "p")
        #expect(parsed.text == "hello" && parsed.proposal == dao.proposal.digest)
        #expect(throws: ManifestError.self) { try DAOPost(envelope: dao.ballot(0, "yes"), source: "b") }
        var json = try #require(JSONParser.parse(envelope.payload).objectValue)
        json["text"] = .string(String(repeating: "x", count: DAOPost.maxTextBytes + 1))
        #expect(throws: ManifestError.self) { try DAOPost(json: .object(json), source: "big", path: "$") }
        json["text"] = .string("ok")
        json["extra"] = .bool(true)
        #expect(throws: ManifestError.self) { try DAOPost(json: .object(json), source: "extra", path: "$") }
        for cut in stride(from: 0, to: envelope.payload.count, by: 11) {
            #expect(throws: ManifestError.self) {
                try DAOPost(envelope: Envelope(payloadType: DAOPost.payloadType, payload: Array(envelope.payload.prefix(cut))), source: "t")
            }
        }
        var state: UInt64 = 0x9e37_79b9_7f4a_7c15
        for _ in 0..<300 {
            var bytes = envelope.payload
            for _ in 0..<3 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bytes[Int(state >> 33) % bytes.count] = UInt8(truncatingIfNeeded: state >> 13)
            }
            _ = try? DAOPost(envelope: Envelope(payloadType: DAOPost.payloadType, payload: bytes), source: "r")
        }
    }
}
