import AutoIDHashing
import AutoIDIdentity
import AutoIDJSON
import AutoIDManifest
import AutoIDReports

extension VoteAudit {
    /// What became of one forum post.
    struct PostVerdict {
        var source: String
        var post: DAOPost?
        var author: AutoID?
        /// The author's identifier, once its chain verified.
        var authorIdentifier: String?
        /// The AI assistant that drafted it for the author, if any.
        var assistant: AutoID?
        /// Whether the author is on the member list (known only once the post verified up to there).
        var member = false
        var problem: String?
    }

    /// The verdict on one post: it is a post, signed by its author, whose Auto ID chains to the trust
    /// roots unrevoked (and, when an AI assistant drafted it, signed by that assistant too, an AI Auto ID
    /// under the trust roots); it links to this proposal; the author is a member. Posts never change the tally.
    func checkPost(_ envelope: Envelope, source: String) async -> PostVerdict {
        var verdict = PostVerdict(source: source)
        let post: DAOPost
        do {
            post = try DAOPost(envelope: envelope, source: source)
        } catch {
            verdict.problem = "\(error)"
            return verdict
        }
        verdict.post = post
        let chain: [AutoID]
        do {
            chain = try post.authorCertificates.map { try AutoID(derEncoded: $0, source: "\(source): author certificate") }
        } catch {
            verdict.problem = "\(error)"
            return verdict
        }
        let author = chain[0]
        verdict.author = author
        guard signed(envelope, by: author) else {
            verdict.problem =
                post.assistantCertificates != nil
                ? "posted by an AI assistant without its human's signature ('\(author.shownName)' did not sign)"
                : "the signature does not verify with the key of its author '\(author.shownName)' (forged or altered)"
            return verdict
        }
        let trust = await self.trust(author, chain: chain)
        if let problem = trust.problem {
            verdict.problem = "the author \(problem)"
            return verdict
        }
        verdict.authorIdentifier = trust.path?.first?.identifier?.hexDigits
        if let certificates = post.assistantCertificates {
            let assistantChain: [AutoID]
            do {
                assistantChain = try certificates.map { try AutoID(derEncoded: $0, source: "\(source): assistant certificate") }
            } catch {
                verdict.problem = "\(error)"
                return verdict
            }
            let assistant = assistantChain[0]
            verdict.assistant = assistant
            guard assistant.kind == .aiAgent || assistant.kind == .aiModel else {
                verdict.problem = "the assistant '\(assistant.shownName)' is not an AI Auto ID"
                return verdict
            }
            guard signed(envelope, by: assistant) else {
                verdict.problem = "names the AI assistant '\(assistant.shownName)', which did not sign"
                return verdict
            }
            if let problem = await trustProblem(assistant, chain: assistantChain) {
                verdict.problem = "the assistant \(problem)"
                return verdict
            }
        }
        verdict.member = isMember(author)
        if post.proposal != proposal.digest {
            verdict.problem = "linked to another proposal (sha256 \(post.proposal)), not this one"
        } else if !verdict.member {
            verdict.problem = "by '\(author.shownName)', who is not on the member list"
        }
        return verdict
    }

    /// One check per post, a line counting them, and their JSON.
    static func postReport(_ verdicts: [PostVerdict]) -> (checks: [AuditCheck], lines: [String], json: JSONValue) {
        var checks: [AuditCheck] = []
        for verdict in verdicts {
            let who = verdict.author.map { "'\($0.shownName)'" } ?? "unknown author"
            if let problem = verdict.problem {
                checks.append(AuditCheck(name: "post \(verdict.source)", failure: problem))
            } else if let post = verdict.post {
                let drafted = verdict.assistant.map { " with the AI assistant '\($0.shownName)'" } ?? ""
                checks.append(
                    AuditCheck(name: "post \(verdict.source): by \(who) (member)\(drafted), on this proposal, posted \(RFC3339.format(post.posted))"))
            }
        }
        let valid = verdicts.filter { $0.problem == nil }.count
        let lines = verdicts.isEmpty ? [] : ["posts          \(verdicts.count) given, \(valid) by members on this proposal"]
        let json = JSONValue.array(
            verdicts.map { verdict in
                .object([
                    "source": .string(verdict.source), "author": verdict.author.map { .string($0.commonName) } ?? .null,
                    "authorIdentifier": verdict.authorIdentifier.map { .string($0) } ?? .null,
                    "assistant": verdict.assistant.map { .string($0.commonName) } ?? .null,
                    "member": .bool(verdict.member), "proposal": verdict.post.map { .string($0.proposal) } ?? .null,
                    "posted": verdict.post.map { .string(RFC3339.format($0.posted)) } ?? .null,
                    "text": verdict.post.map { .string($0.text) } ?? .null, "problem": verdict.problem.map { .string($0) } ?? .null,
                ])
            })
        return (checks, lines, json)
    }
}
