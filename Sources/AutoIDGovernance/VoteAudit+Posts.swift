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
        /// Whether the author is on the member list (known only once the post verified up to there).
        var member = false
        var problem: String?
    }

    /// The verdict on one post: it is a post, signed by its author, whose Auto ID chains to the trust
    /// roots unrevoked; it links to this proposal; the author is a member. Posts never change the tally.
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
            verdict.problem = "the signature does not verify with the key of its author '\(author.commonName)' (forged or altered)"
            return verdict
        }
        if let problem = await trustProblem(author, chain: chain) {
            verdict.problem = "the author \(problem)"
            return verdict
        }
        verdict.member = isMember(author)
        if post.proposal != proposal.digest {
            verdict.problem = "linked to another proposal (sha256 \(post.proposal)), not this one"
        } else if !verdict.member {
            verdict.problem = "by '\(author.commonName)', who is not on the member list"
        }
        return verdict
    }

    /// One check per post, a line counting them, and their JSON.
    static func postReport(_ verdicts: [PostVerdict]) -> (checks: [AuditCheck], lines: [String], json: JSONValue) {
        var checks: [AuditCheck] = []
        for verdict in verdicts {
            let who = verdict.author.map { "'\($0.commonName)'" } ?? "unknown author"
            if let problem = verdict.problem {
                checks.append(AuditCheck(name: "post \(verdict.source)", failure: problem))
            } else if let post = verdict.post {
                checks.append(AuditCheck(name: "post \(verdict.source): by \(who) (member), on this proposal, posted \(post.posted.ISO8601Format())"))
            }
        }
        let valid = verdicts.filter { $0.problem == nil }.count
        let lines = verdicts.isEmpty ? [] : ["posts          \(verdicts.count) given, \(valid) by members on this proposal"]
        let json = JSONValue.array(
            verdicts.map { verdict in
                .object([
                    "source": .string(verdict.source), "author": verdict.author.map { .string($0.commonName) } ?? .null,
                    "authorIdentifier": verdict.author?.identifier.map { .string($0.hexDigits) } ?? .null,
                    "member": .bool(verdict.member), "proposal": verdict.post.map { .string($0.proposal) } ?? .null,
                    "posted": verdict.post.map { .string($0.posted.ISO8601Format()) } ?? .null,
                    "text": verdict.post.map { .string($0.text) } ?? .null, "problem": verdict.problem.map { .string($0) } ?? .null,
                ])
            })
        return (checks, lines, json)
    }
}
