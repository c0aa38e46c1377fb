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
                PROPOSAL is the proposal (JSON, autoid-dao(5)); ballots name it by the SHA-256 of its bytes. \
                Each BALLOT (a DSSE envelope) counts only when it is for this proposal and one of its choices, \
                signed by its voter, a human Auto ID on the --members list that chains to the --trust roots and \
                is not revoked by a --crl; a ballot an AI assistant cast for its human must carry both the \
                assistant's and the human's signatures. Of a member's valid ballots the first or the latest \
                counts, as the proposal says. The counted ballots must reach the proposal's quorum and, with \
                --result, their tally must equal the published result. Every ballot is one check; a rejected \
                ballot, a missed quorum or a different result gives exit status 1.
                """)

        @Argument(help: ArgumentHelp("The proposal (JSON).", valueName: "proposal"))
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

        @OptionGroup var report: ReportOptions

        func run() async throws {
            var status = ExitStatus.ok
            try await reportingErrors(tool: "state-audit", verbose: report.verbose) {
                let audit = VoteAudit(
                    proposal: try DAOProposal(bytes: try SmallFile.read(path: proposal, limit: DAOProposal.sizeLimit), source: proposal),
                    members: try AutoIDFile.load(path: members), trustRoots: try AutoIDFile.loadTrustRoots(path: trust),
                    revocationLists: try revocationLists.map { (try RevocationList.load(path: $0), $0) },
                    result: try result.map { try DAOResult(bytes: try SmallFile.read(path: $0, limit: DAOProposal.sizeLimit), source: $0) })
                let envelopes = try ballots.map { path in
                    (try Envelope(jsonBytes: try SmallFile.read(path: path, limit: Envelope.sizeLimit), source: path), path)
                }
                let outcome = await audit.run(ballots: envelopes)
                status = try outcome.emit(
                    report, suite: "state-audit votes", inputs: [proposal, members, trust] + ballots + revocationLists + [result].compactMap { $0 })
            }
            if status != .ok { throw status.exitCode }
        }
    }
}
