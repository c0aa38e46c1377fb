import AutoIDHashing
public import AutoIDIdentity
import AutoIDJSON
public import AutoIDManifest
public import AutoIDReports
import AutoIDSigning
public import FoundationEssentials

/// `state-audit votes`: a DAO proposal's ballots checked and tallied.
///
/// A signed proposal is checked first (the DAO's issuer signed it); when it fails, no ballot counts. A
/// ballot counts only when it is a ballot for this proposal (its digest), for one of its choices, signed
/// by its voter, a human Auto ID that chains to the trust roots, is not revoked, is on the member list
/// (and, for a signed proposal, was issued by the DAO's issuer), and carries the voter's weight (1 unless
/// the proposal gives weights); when an AI assistant cast it, the assistant (an AI Auto ID under the trust
/// roots) signed it too, beside the human. Of a member's valid ballots, the first or the latest (by
/// `cast`, as the proposal states) counts. The tally (of weights) must equal the published result, and the
/// counted ballots reach the quorum. Every rejected ballot is a failed check naming why; forum posts are
/// checked beside them (``checkPost(_:source:)``).
public struct VoteAudit: Sendable {
    public var proposal: DAOProposal
    public var members: [AutoID]
    public var trustRoots: [AutoID]
    public var revocationLists: [(list: RevocationList, source: String)]
    public var result: DAOResult?
    public var time: Date
    /// Whether the proposal must be signed (by the DAO's issuer); a signed one is checked either way.
    public var requireSignedProposal = false

    public init(
        proposal: DAOProposal, members: [AutoID], trustRoots: [AutoID], revocationLists: [(list: RevocationList, source: String)] = [],
        result: DAOResult? = nil, time: Date = Date()
    ) {
        self.proposal = proposal
        self.members = members
        self.trustRoots = trustRoots
        self.revocationLists = revocationLists
        self.result = result
        self.time = time
    }

    /// What became of one ballot.
    struct Verdict {
        var source: String
        var ballot: DAOBallot?
        var voter: AutoID?
        var rejection: String?
        /// The weight the ballot counts with (checked against the proposal's weights).
        var weight = 1
        /// The voter's identifier, once its chain verified.
        var identifier: AutoIDIdentifier?
    }

    /// Checks `ballots` and forum `posts` (each an envelope with the file it came from) and reports.
    public func run(ballots: [(envelope: Envelope, source: String)], posts: [(envelope: Envelope, source: String)] = []) async -> AuditReport {
        // The proposal first: no ballot counts for a proposal that does not verify.
        let signature = await proposalSignature()
        var verdicts: [Verdict] = []
        for (envelope, source) in ballots {
            var verdict = await check(envelope, source: source, issuer: signature?.problem == nil ? signature?.issuer : nil)
            if let problem = signature?.problem {
                verdict.rejection = "the proposal is not verified (\(problem)), so no ballot counts"
            }
            verdicts.append(verdict)
        }
        var postVerdicts: [PostVerdict] = []
        for (envelope, source) in posts { postVerdicts.append(await checkPost(envelope, source: source)) }

        // One counted ballot per member: the first or the latest valid one by cast time. A member is its
        // Auto ID identifier (a renewed certificate, with another key, is the same member), or its key
        // when the identifier is unknown.
        var chosen: [[UInt8]: Int] = [:]
        for (index, verdict) in verdicts.enumerated() where verdict.rejection == nil {
            guard let voter = verdict.voter, let cast = verdict.ballot?.cast else { continue }
            let key = verdict.identifier.map { [0] + $0.bytes } ?? [1] + voter.subjectPublicKeyInfo
            if let current = chosen[key], let currentCast = verdicts[current].ballot?.cast {
                let later = cast > currentCast
                if (proposal.counting == .latest && later) || (proposal.counting == .first && cast < currentCast) { chosen[key] = index }
            } else {
                chosen[key] = index
            }
        }
        let counted = Set(chosen.values)
        // Sums of weights saturate rather than wrap (10^12 each: only millions of counted ballots reach Int.max).
        var tally: [String: Int] = Dictionary(uniqueKeysWithValues: proposal.choices.map { ($0, 0) })
        var overflowed = false
        for index in counted {
            let choice = verdicts[index].ballot!.choice
            let (sum, overflow) = (tally[choice] ?? 0).addingReportingOverflow(verdicts[index].weight)
            tally[choice] = overflow ? Int.max : sum
            overflowed = overflowed || overflow
        }

        var checks: [AuditCheck] = []
        if overflowed {
            checks.append(AuditCheck(name: "the tally fits in a 64-bit count", failure: "a choice's weights sum past 2^63 - 1; the tally is not exact"))
        }
        if let signature {
            checks.append(
                AuditCheck(
                    name: "the proposal is signed by the DAO's issuer" + (signature.issuer.map { " '\($0.shownName)'" } ?? ""),
                    failure: signature.problem))
        }
        for (index, verdict) in verdicts.enumerated() {
            let who = verdict.voter.map { "'\($0.shownName)'" } ?? "unknown voter"
            if let rejection = verdict.rejection {
                checks.append(AuditCheck(name: "ballot \(verdict.source)", failure: "not counted: \(rejection)"))
            } else if counted.contains(index) {
                let weight = proposal.weights == nil ? "" : " with weight \(verdict.weight)"
                checks.append(AuditCheck(name: "ballot \(verdict.source): counted, \(who) votes '\(verdict.ballot!.choice)'\(weight)"))
            } else {
                checks.append(
                    AuditCheck(name: "ballot \(verdict.source): valid, not counted (\(who) cast another; the \(proposal.counting.rawValue) counts)"))
            }
        }
        checks.append(
            counted.count >= proposal.quorum
                ? AuditCheck(name: "quorum: \(counted.count) counted ballot(s), at least \(proposal.quorum)")
                : AuditCheck(
                    name: "quorum: at least \(proposal.quorum) counted ballot(s)", failure: "only \(counted.count) ballot(s) count; the vote is not valid"))
        if let result {
            let name = "the published result is the tally of the counted ballots"
            if result.proposal != proposal.digest {
                checks.append(AuditCheck(name: name, failure: "the result is for proposal \(result.proposal), not \(proposal.digest)"))
            } else {
                let published = result.tally.filter { $0.value != 0 }
                let computed = tally.filter { $0.value != 0 }
                checks.append(
                    published == computed
                        ? AuditCheck(name: name)
                        : AuditCheck(name: name, failure: "published \(Self.describe(published)), counted \(Self.describe(computed))"))
            }
        }

        let postReport = Self.postReport(postVerdicts)
        checks += postReport.checks
        let lines =
            [
                "proposal       \(proposal.title) (\(proposal.dao); sha256 \(proposal.digest))",
                "ballots        \(verdicts.count) given, \(verdicts.filter { $0.rejection == nil }.count) valid, \(counted.count) counted (\(proposal.counting.rawValue) per member)",
                "tally          " + proposal.choices.map { "\($0) \(tally[$0] ?? 0)" }.joined(separator: ", ")
                    + (proposal.weights == nil ? "" : " (weighted)"),
            ] + (signature.map { ["signed by      " + ($0.issuer.map { "'\($0.shownName)'" } ?? "an unreadable issuer")] } ?? []) + postReport.lines
        var fields: [String: JSONValue] = [
            "proposal": .object([
                "digest": .string(proposal.digest), "dao": .string(proposal.dao), "title": .string(proposal.title),
                "counting": .string(proposal.counting.rawValue), "quorum": .integer(proposal.quorum),
                "weighted": .bool(proposal.weights != nil), "signed": .bool(proposal.envelope != nil),
                "issuer": signature?.issuer.map { .string($0.commonName) } ?? .null,
            ]),
            "tally": .object(tally.mapValues { .integer($0) }),
            "counted": .integer(counted.count),
            "ballots": .array(
                verdicts.enumerated().map { index, verdict in
                    .object([
                        "source": .string(verdict.source), "voter": verdict.voter.map { .string($0.commonName) } ?? .null,
                        "choice": verdict.ballot.map { .string($0.choice) } ?? .null, "counted": .bool(counted.contains(index)),
                        "weight": .integer(verdict.weight),
                        "rejection": verdict.rejection.map { .string($0) } ?? .null,
                    ])
                }),
        ]
        if !posts.isEmpty { fields["posts"] = postReport.json }
        return AuditReport(fields: fields, lines: lines, checks: checks)
    }

    private static func describe(_ tally: [String: Int]) -> String {
        tally.isEmpty ? "nothing" : tally.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }

    /// The verdict on one ballot.
    func check(_ envelope: Envelope, source: String, issuer: AutoID? = nil) async -> Verdict {
        var verdict = Verdict(source: source)
        let ballot: DAOBallot
        do {
            ballot = try DAOBallot(envelope: envelope, source: source)
        } catch {
            verdict.rejection = "\(error)"
            return verdict
        }
        verdict.ballot = ballot
        let voterChain: [AutoID]
        do {
            voterChain = try ballot.voterCertificates.map { try AutoID(derEncoded: $0, source: "\(source): voter certificate") }
        } catch {
            verdict.rejection = "\(error)"
            return verdict
        }
        let voter = voterChain[0]
        verdict.voter = voter
        guard ballot.proposal == proposal.digest else {
            verdict.rejection = "cast on another proposal (sha256 \(ballot.proposal)): a ballot replayed from elsewhere"
            return verdict
        }
        guard proposal.choices.contains(ballot.choice) else {
            verdict.rejection = "'\(ballot.choice.prefix(64))' is not one of the proposal's choices"
            return verdict
        }
        guard signed(envelope, by: voter) else {
            verdict.rejection =
                ballot.assistantCertificates != nil
                ? "cast by an AI assistant without its human's signature ('\(voter.shownName)' did not sign)"
                : "the signature does not verify with the key of '\(voter.shownName)' (forged or altered)"
            return verdict
        }
        guard voter.kind == .human else {
            verdict.rejection =
                "'\(voter.shownName)' is not a human Auto ID (\(voter.kind.map { "\($0)" } ?? "no kind")); an AI votes only as a human's assistant"
            return verdict
        }
        let trust = await self.trust(voter, chain: voterChain)
        if let rejection = trust.problem {
            verdict.rejection = "the voter \(rejection)"
            return verdict
        }
        if let issuer, (try? AutoIDChainVerifier.verifySignature(of: voter, issuedBy: issuer)) == nil {
            verdict.rejection = "'\(voter.shownName)' is not a member issued by the DAO's issuer '\(issuer.shownName)'"
            return verdict
        }
        guard isMember(voter) else {
            verdict.rejection = "'\(voter.shownName)' is not on the member list"
            return verdict
        }
        verdict.identifier = trust.path?.first?.identifier
        let identifier = verdict.identifier?.hexDigits
        guard let weight = proposal.weight(for: identifier) else {
            verdict.rejection = "the proposal gives '\(voter.shownName)' (\(identifier ?? "no identifier")) no weight"
            return verdict
        }
        guard ballot.weight == weight else {
            verdict.rejection =
                proposal.weights == nil
                ? "weight \(ballot.weight): this proposal counts one vote per member"
                : "weight \(ballot.weight), but the proposal gives '\(voter.shownName)' weight \(weight)"
            return verdict
        }
        verdict.weight = weight
        if let certificates = ballot.assistantCertificates {
            let assistantChain: [AutoID]
            do {
                assistantChain = try certificates.map { try AutoID(derEncoded: $0, source: "\(source): assistant certificate") }
            } catch {
                verdict.rejection = "\(error)"
                return verdict
            }
            let assistant = assistantChain[0]
            guard assistant.kind == .aiAgent || assistant.kind == .aiModel else {
                verdict.rejection = "the assistant '\(assistant.shownName)' is not an AI Auto ID"
                return verdict
            }
            guard signed(envelope, by: assistant) else {
                verdict.rejection = "names the AI assistant '\(assistant.shownName)', which did not sign"
                return verdict
            }
            if let rejection = await trustProblem(assistant, chain: assistantChain) {
                verdict.rejection = "the assistant \(rejection)"
                return verdict
            }
        }
        return verdict
    }

    /// Whether `identity` is on the member list (the same certificate).
    func isMember(_ identity: AutoID) -> Bool {
        members.contains { $0.subjectPublicKeyInfo == identity.subjectPublicKeyInfo && $0.derBytes == identity.derBytes }
    }

    func signed(_ envelope: Envelope, by identity: AutoID) -> Bool {
        guard let key = try? KeyEncoding.publicKey(from: identity.subjectPublicKeyInfo, source: identity.commonName),
            case .valid = ContentVerifier.checkSignature(envelope, key: key)
        else { return false }
        return true
    }

    /// Why `identity` is not trusted (chain, validity, revocation), or `nil`.
    func trustProblem(_ identity: AutoID, chain: [AutoID]) async -> String? {
        await trust(identity, chain: chain).problem
    }

    /// Why `identity` is not trusted, or the verified path to a trust root (identifiers resolved).
    func trust(_ identity: AutoID, chain: [AutoID]) async -> (problem: String?, path: [AutoID]?) {
        let verdict = await AutoIDChainVerifier.verify(leaf: identity, intermediates: Array(chain.dropFirst()), trustRoots: trustRoots, at: time)
        if let error = verdict.error { return ("'\(identity.shownName)' is not trusted: \(error.detail)", nil) }
        if let path = verdict.chain, !revocationLists.isEmpty {
            do {
                try RevocationList.check(chain: path, lists: revocationLists, at: time)
            } catch {
                return ("'\(identity.shownName)' is revoked or its issuer's revocation list is not valid: \(error)", nil)
            }
        }
        return (nil, verdict.chain)
    }
}
