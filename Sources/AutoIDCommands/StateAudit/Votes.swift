import ArgumentParser
import AutoIDFiles
import AutoIDGovernance
import AutoIDIdentity
import AutoIDManifest
import AutoIDVerdict

extension StateAudit {
    /// `state-audit votes`: check a DAO proposal's ballots and tally them.
    struct Votes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "votes",
            abstract: "Check a DAO proposal's ballots against its member list, tally them and check the published result.",
            discussion: """
                PROPOSAL is the proposal (JSON, autoid-dao(5)), or a signed proposal (a DSSE envelope made with \
                'autoid-sign proposal'); ballots name it by the SHA-256 of its bytes (of the payload, when \
                signed). A signed proposal is checked before any ballot: the DAO's issuer (a CA Auto ID named \
                as the proposal's dao, chaining to the --trust roots, not revoked) signed it; otherwise no \
                ballot counts. --signed-proposal refuses an unsigned one. Voters on a signed proposal must be \
                issued by that issuer. When the proposal gives weights, a ballot counts with its voter's \
                weight (and must carry it), and the tally sums weights; the quorum counts ballots. \
                Each BALLOT (a DSSE envelope) counts only when it is for this proposal and one of its choices, \
                signed by its voter, a human Auto ID on the --members list that chains to the --trust roots and \
                is not revoked by a --crl; a ballot an AI assistant cast for its human must carry both the \
                assistant's and the human's signatures. Of a member's valid ballots the first or the latest \
                counts, as the proposal says. The counted ballots must reach the proposal's quorum and, with \
                --result, their tally must equal the published result. Every ballot is one check; a rejected \
                ballot, a missed quorum or a different result gives exit status 1.

                Each forum --post (a DSSE envelope made with 'autoid-sign post') is verified the same way: \
                signed by its author, whose Auto ID chains to the --trust roots and is not revoked; the report \
                gives its author, whether the author is a member, and its link. A post on another proposal \
                or by a non-member is a failed check (1). Posts never change the tally.
                """)

        @Argument(help: ArgumentHelp("The proposal (JSON, or a signed proposal's envelope).", valueName: "proposal"))
        var proposal: String

        @Argument(help: ArgumentHelp("The ballots (DSSE envelopes).", valueName: "ballot"))
        var ballots: [String] = []

        @Option(help: ArgumentHelp("The DAO's member list: their Auto IDs (PEM).", valueName: "members"))
        var members: String

        @Option(help: ArgumentHelp("Trust roots members and assistants must chain to (PEM file or folder).", valueName: "roots"))
        var trust: String

        @Option(name: .customLong("crl"), help: ArgumentHelp("A revocation list from an issuer of members; repeat for several.", valueName: "file"))
        var revocationLists: [String] = []

        @Option(help: ArgumentHelp("The published result (JSON) the tally must equal.", valueName: "file"))
        var result: String?

        @Flag(help: "The proposal must be signed by the DAO's issuer (a DSSE envelope); an unsigned one fails.")
        var signedProposal = false

        @Option(help: ArgumentHelp("A forum post on the proposal (DSSE envelope); repeat for several.", valueName: "envelope"))
        var post: [String] = []

        @OptionGroup var report: ReportOptions

        func run() async throws {
            var status = ExitStatus.ok
            try await reportingErrors(tool: "state-audit", verbose: report.verbose) {
                var audit = VoteAudit(
                    proposal: try DAOProposal(fileBytes: try SmallFile.read(path: proposal, limit: DAOProposal.sizeLimit), source: proposal),
                    members: try AutoIDFile.load(path: members), trustRoots: try AutoIDFile.loadTrustRoots(path: trust),
                    revocationLists: try revocationLists.map { (try RevocationList.load(path: $0), $0) },
                    result: try result.map { try DAOResult(bytes: try SmallFile.read(path: $0, limit: DAOProposal.sizeLimit), source: $0) })
                audit.requireSignedProposal = signedProposal
                let envelopes = try ballots.map { path in
                    (try Envelope(jsonBytes: try SmallFile.read(path: path, limit: Envelope.sizeLimit), source: path), path)
                }
                let posts = try post.map { path in
                    (try Envelope(jsonBytes: try SmallFile.read(path: path, limit: Envelope.sizeLimit), source: path), path)
                }
                let outcome = await audit.run(ballots: envelopes, posts: posts)
                status = try outcome.emit(
                    report, suite: "state-audit votes", inputs: [proposal, members, trust] + ballots + post + revocationLists + [result].compactMap { $0 })
            }
            if status != .ok { throw status.exitCode }
        }
    }
}
