import AutoIDGovernance
import AutoIDIdentity
import AutoIDJSON
import AutoIDManifest
import AutoIDReports
import AutoIDSigning
import Foundation
import Testing

/// A DAO (its root issues members), an AI lab (its root issues an assistant agent), and a proposal.
struct DAOFixture {
    static let start = Date(timeIntervalSince1970: 1_735_689_600)
    static let end = Date(timeIntervalSince1970: 1_893_456_000)
    static let now = start.addingTimeInterval(86_400)
    let daoKey = Ed25519PrivateKey()
    let labKey = Ed25519PrivateKey()
    let dao: AutoID
    let lab: AutoID
    var memberKeys: [Ed25519PrivateKey] = []
    var members: [AutoID] = []
    let assistantKey = Ed25519PrivateKey()
    let assistant: AutoID
    let proposal: DAOProposal
    static let proposalText =
        #"{"_type":"urn:autoid:dao-proposal:v0.1","dao":"AutoCo","title":"Fund the audit","choices":["yes","no"],"counting":"latest","quorum":3}"#

    init() throws {
        dao = try AutoIDIssuer.issueRoot(subjectCommonName: "AutoCo DAO", kind: .organisation, key: daoKey, notValidBefore: Self.start, notValidAfter: Self.end)
        lab = try AutoIDIssuer.issueRoot(subjectCommonName: "AI Lab", kind: .organisation, key: labKey, notValidBefore: Self.start, notValidAfter: Self.end)
        for name in ["Alice", "Bob", "Carol", "Dave"] {
            let key = Ed25519PrivateKey()
            memberKeys.append(key)
            members.append(
                try AutoIDIssuer.issueLeaf(
                    issuer: dao, issuerKey: daoKey, subjectPublicKey: key.publicKey, subjectCommonName: name, kind: .human,
                    notValidBefore: Self.start, notValidAfter: Self.end))
        }
        assistant = try AutoIDIssuer.issueLeaf(
            issuer: lab, issuerKey: labKey, subjectPublicKey: assistantKey.publicKey, subjectCommonName: "voting-assistant", kind: .aiAgent,
            notValidBefore: Self.start, notValidAfter: Self.end)
        proposal = try DAOProposal(bytes: Array(Self.proposalText.utf8), source: "proposal.json")
    }

    func ballot(_ member: Int, _ choice: String, at offset: TimeInterval = 0, proposal: DAOProposal? = nil, assisted: Bool = false, humanSigns: Bool = true)
        -> Envelope
    {
        DAOBallot.make(
            proposal: proposal ?? self.proposal, choice: choice, cast: Self.start.addingTimeInterval(3600 + offset), voter: [members[member], dao],
            voterKey: humanSigns ? memberKeys[member] : nil, assistant: assisted ? ([assistant, lab], assistantKey) : nil)
    }

    func audit(members: [AutoID]? = nil, crl: RevocationList? = nil, result: String? = nil) throws -> VoteAudit {
        VoteAudit(
            proposal: proposal, members: members ?? self.members, trustRoots: [dao, lab],
            revocationLists: crl.map { [($0, "dao.crl")] } ?? [],
            result: try result.map { try DAOResult(bytes: Array($0.replacingOccurrences(of: "DIGEST", with: proposal.digest).utf8), source: "result.json") },
            time: Self.now)
    }
}

@Suite("state-audit votes: ballots, members, tallies")
struct VoteAuditTests {
    func run(_ audit: VoteAudit, _ ballots: [Envelope]) async -> AuditReport {
        await audit.run(ballots: ballots.enumerated().map { ($1, "b\($0).json") })
    }

    func failure(_ report: AuditReport, _ ballot: Int) -> String? {
        report.checks.first { $0.name.hasPrefix("ballot b\(ballot).json") }?.failure
    }

    @Test("honest ballots: counted, tallied, the published result and the quorum hold")
    func honest() async throws {
        let dao = try DAOFixture()
        let report = await run(
            try dao.audit(result: #"{"proposal":"DIGEST","tally":{"yes":2,"no":1}}"#),
            [dao.ballot(0, "yes"), dao.ballot(1, "yes"), dao.ballot(2, "no", assisted: true)])
        #expect(report.passed, "\(report.textLines)")
        #expect(report.fields["counted"] == .integer(3))
        #expect(report.fields["tally"] == .object(["yes": .integer(2), "no": .integer(1)]))
    }

    @Test("a double vote counts once (the latest), and the tally follows")
    func doubleVote() async throws {
        let dao = try DAOFixture()
        let report = await run(
            try dao.audit(result: #"{"proposal":"DIGEST","tally":{"yes":1,"no":2}}"#),
            [dao.ballot(0, "yes"), dao.ballot(1, "no"), dao.ballot(2, "no"), dao.ballot(0, "no", at: 60), dao.ballot(0, "yes", at: -60)])
        // Alice's latest ballot (b3, "no") counts; the others are valid but not counted.
        #expect(report.fields["tally"] == .object(["yes": .integer(0), "no": .integer(3)]))
        #expect(report.checks.contains { $0.name == "ballot b3.json: counted, 'Alice' votes 'no'" })
        #expect(report.checks.contains { $0.name.hasPrefix("ballot b0.json: valid, not counted") })
        // The published result counted Alice twice: it does not match.
        #expect(report.checks.first { $0.name.hasPrefix("the published result") }?.failure?.contains("counted no 3") == true)
    }

    @Test("a revoked member, a non-member, a forged ballot, a replay and an AI ballot without its human are not counted")
    func rejections() async throws {
        let dao = try DAOFixture()
        let crl = try RevocationList.issue(
            issuer: dao.dao, issuerKey: dao.daoKey, entries: [.init(serial: dao.members[3].serialNumber, revocationDate: DAOFixture.start)], number: 1,
            thisUpdate: DAOFixture.start, nextUpdate: DAOFixture.end)
        // Dave (revoked), Carol not on the list, Bob's ballot altered, Alice's ballot from another proposal, an assistant alone for Alice.
        var forged = dao.ballot(1, "yes")
        forged = Envelope(
            payloadType: forged.payloadType,
            payload: Array(String(decoding: forged.payload, as: UTF8.self).replacingOccurrences(of: "\"yes\"", with: "\"no\"").utf8),
            signatures: forged.signatures)
        let other = try DAOProposal(bytes: Array(DAOFixture.proposalText.replacingOccurrences(of: "Fund the audit", with: "Other").utf8), source: "other")
        let ballots = [
            dao.ballot(3, "yes"), dao.ballot(2, "yes"), forged, dao.ballot(0, "yes", proposal: other), dao.ballot(0, "no", assisted: true, humanSigns: false),
        ]
        let report = await run(try dao.audit(members: Array(dao.members[0..<2]) + [dao.members[3]], crl: crl), ballots)
        #expect(failure(report, 0)?.contains("revoked") == true, "\(failure(report, 0) ?? "")")
        #expect(failure(report, 1)?.contains("not on the member list") == true)
        #expect(failure(report, 2)?.contains("forged") == true)
        #expect(failure(report, 3)?.contains("another proposal") == true)
        #expect(failure(report, 4)?.contains("without its human's signature") == true)
        #expect(report.fields["counted"] == .integer(0))
        #expect(report.checks.first { $0.name.hasPrefix("quorum") }?.passed == false)
        #expect(report.status == .verificationFailed)
    }

    @Test("an AI Auto ID voting as a member itself is refused; proposals and ballots read strictly")
    func strictness() async throws {
        let dao = try DAOFixture()
        let aiMember = DAOBallot.make(
            proposal: dao.proposal, choice: "yes", cast: DAOFixture.start, voter: [dao.assistant, dao.lab], voterKey: dao.assistantKey)
        let report = await run(try dao.audit(members: dao.members + [dao.assistant]), [aiMember])
        #expect(failure(report, 0)?.contains("not a human Auto ID") == true)
        for text in [
            "{}", #"{"_type":"urn:autoid:dao-proposal:v0.1","dao":"d","title":"t","choices":["a"],"counting":"latest","quorum":1}"#,
            #"{"_type":"urn:autoid:dao-proposal:v0.1","dao":"d","title":"t","choices":["a","a"],"counting":"latest","quorum":1}"#,
            #"{"_type":"urn:autoid:dao-proposal:v0.1","dao":"d","title":"t","choices":["a","b"],"counting":"any","quorum":1}"#,
            #"{"_type":"urn:autoid:dao-proposal:v0.1","dao":"d","title":"t","choices":["a","b"],"counting":"first","quorum":-1}"#,
        ] {
            #expect(throws: ManifestError.self) { _ = try DAOProposal(bytes: Array(text.utf8), source: "p") }
        }
        let notABallot = Envelope(payloadType: DAOBallot.payloadType, payload: Array(#"{"_type":"urn:autoid:predicate:dao-ballot:v0.1"}"#.utf8))
        let malformed = await run(try dao.audit(), [notABallot])
        #expect(failure(malformed, 0) != nil)
    }
}

/// The texts a vote's report prints (the DAO, the title, the choices) come from the proposal and ballot
/// files; one that would print as another text, or as an extra line, is refused when read.
@Suite("Proposal and ballot texts")
struct GovernanceTextTests {
    static func proposal(dao: String = "AutoCo", title: String = "Fund the audit", choices: [String] = ["yes", "no"]) -> [UInt8] {
        JSONValue.object([
            "_type": .string(DAOProposal.type), "dao": .string(dao), "title": .string(title), "choices": .array(choices.map { .string($0) }),
            "counting": .string("latest"), "quorum": .integer(1),
        ]).jsonBytes()
    }

    @Test(arguments: [
        ("title", proposal(title: "Fund the audit\nproposal       Something else"), "$.title", "U+A"),
        ("dao", proposal(dao: "AutoCo\u{1b}[2J"), "$.dao", "U+1B"),
        ("choice", proposal(choices: ["yes", "n\u{202e}oy"]), "$.choices[1]", "U+202E"),
        ("separator", proposal(title: "a\u{2028}b"), "$.title", "U+2028"),
        ("zero width", proposal(choices: ["yes", "ye\u{200b}s"]), "$.choices[1]", "U+200B"),
        ("look-alike", proposal(choices: ["yes", "y\u{435}s"]), "$.choices[1]", "'y\\u{435}s', which mixes letters of scripts"),
    ])
    func aProposalTextThatWouldPrintAsAnotherIsRefused(what: String, bytes: [UInt8], location: String, character: String) {
        #expect(throws: ManifestError.self) { _ = try DAOProposal(bytes: bytes, source: "p.json") }
        do {
            _ = try DAOProposal(bytes: bytes, source: "p.json")
        } catch {
            #expect(error.location == location, "\(what)")
            #expect(error.detail.contains(character), "\(what): \(error.detail)")
        }
    }

    /// Lengths count code points: one letter with 100 combining marks is one Swift Character but 101.
    @Test func lengthsCountCodePoints() throws {
        let heavy = "a" + String(repeating: "\u{301}", count: 100)
        #expect(heavy.count == 1)
        #expect(throws: ManifestError.self) { _ = try DAOProposal(bytes: Self.proposal(choices: ["yes", heavy]), source: "p.json") }
        #expect(throws: ManifestError.self) { _ = try DAOProposal(bytes: Self.proposal(dao: String(repeating: heavy, count: 3)), source: "p.json") }
        let accented = "e" + String(repeating: "\u{301}", count: 63)  // 64 code points: the limit
        #expect(try DAOProposal(bytes: Self.proposal(choices: ["yes", accented]), source: "p.json").choices[1] == accented)
        let ballot = DAOBallot(proposal: String(repeating: "ab", count: 32), choice: heavy, cast: DAOFixture.start, voterCertificates: [[1]])
        #expect(throws: ManifestError.self) { _ = try DAOBallot(json: ballot.json, source: "b.json", path: "$.payload") }
    }

    @Test func lettersOfAnyScriptStillRead() throws {
        let proposal = try DAOProposal(bytes: Self.proposal(dao: "Коллектив ✓", title: "Ünïcode — “quoted”", choices: ["是", "否"]), source: "p.json")
        #expect(proposal.choices == ["是", "否"])
    }

    @Test func aBallotChoiceThatWouldPrintAsAnotherIsRefused() throws {
        let ballot = DAOBallot(
            proposal: String(repeating: "ab", count: 32), choice: "yes\r\nballot x: counted", cast: DAOFixture.start, voterCertificates: [[1]])
        do {
            _ = try DAOBallot(json: ballot.json, source: "b.json", path: "$.payload")
            Issue.record("a ballot choice with CR LF was read")
        } catch {
            #expect(error.location == "$.payload.choice")
            #expect(error.detail.contains("U+D"))
        }
        let plain = DAOBallot(proposal: String(repeating: "ab", count: 32), choice: "yes", cast: DAOFixture.start, voterCertificates: [[1]])
        #expect(try DAOBallot(json: plain.json, source: "b.json", path: "$.payload").choice == "yes")
    }
}
