import ArgumentParser
import AutoIDFiles
import AutoIDGovernance
import AutoIDIdentity
import AutoIDManifest
import AutoIDReports
import AutoIDState
import AutoIDVerdict

extension StateAudit {
    /// `state-audit contracts`: deployed contract code against review and security audit attestations.
    struct Contracts: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "contracts",
            abstract: "Check that every deployed contract's code has enough reviewer approvals and a security audit.",
            discussion: """
                The deployed code comes from a snapshot of an EVM domain (--snapshot: pallet-evm's AccountCodes, \
                whose Keccak-256 is computed, and AccountCodesMetadata, which must agree with it) or from a \
                plain list (--list: one '0xHASH' or '0xADDRESS 0xHASH' per line). Each REVIEW is a signed \
                attestation approving or rejecting one code hash (autoid-contract-review(5)): a review counts \
                when its signer chains to the --governance roots, a security audit when its signer chains to \
                the --auditors roots, neither revoked by a --crl; one attester counts once per code hash. Every \
                contract needs --approvals distinct reviewer approvals and --audits security audits. A contract \
                lacking them, an attestation that does not verify, or metadata that contradicts its code gives \
                exit status 1.
                """)

        @Argument(help: ArgumentHelp("Review and security audit attestations (DSSE envelopes).", valueName: "review"))
        var reviews: [String] = []

        @Option(help: ArgumentHelp("A snapshot of the EVM domain's state.", valueName: "snapshot"))
        var snapshot: String?

        @Option(help: ArgumentHelp("A list of deployed code hashes instead of a snapshot.", valueName: "file"))
        var list: String?

        @Option(help: ArgumentHelp("The EVM pallet's name in the runtime.", valueName: "name"))
        var pallet = "EVM"

        @Option(help: ArgumentHelp("Roots the reviewers' Auto IDs chain to (the governance issuer).", valueName: "roots"))
        var governance: String

        @Option(help: ArgumentHelp("Roots the security auditors' Auto IDs chain to.", valueName: "roots"))
        var auditors: String

        @Option(
            name: .customLong("crl"), help: ArgumentHelp("A revocation list from an issuer of reviewers or auditors; repeat for several.", valueName: "file"))
        var revocationLists: [String] = []

        @Option(help: ArgumentHelp("Distinct reviewer approvals each code hash needs.", valueName: "n"))
        var approvals = 2

        @Option(help: ArgumentHelp("Security audits each code hash needs.", valueName: "n"))
        var audits = 1

        @OptionGroup var report: ReportOptions

        func validate() throws {
            guard (snapshot == nil) != (list == nil) else { throw ValidationError("give the deployed code with --snapshot or --list (one of them)") }
            guard (0...100).contains(approvals), (0...100).contains(audits) else { throw ValidationError("--approvals and --audits take 0 to 100") }
        }

        func run() async throws {
            var status = ExitStatus.ok
            try await reportingErrors(tool: "state-audit", verbose: report.verbose) {
                let deployed: (contracts: [DeployedContract], problems: [AuditCheck])
                if let snapshot {
                    deployed = DeployedContracts.read(pairs: try InputFiles.snapshot(snapshot).top, pallet: pallet)
                } else {
                    deployed = (try DeployedContracts.read(list: try SmallFile.read(path: list!, limit: 256 << 20), source: list!), [])
                }
                let audit = ContractAudit(
                    governanceRoots: try AutoIDFile.loadTrustRoots(path: governance), auditorRoots: try AutoIDFile.loadTrustRoots(path: auditors),
                    revocationLists: try revocationLists.map { (try RevocationList.load(path: $0), $0) }, requiredApprovals: approvals,
                    requiredAudits: audits)
                let envelopes = try reviews.map { path in
                    (try Envelope(jsonBytes: try SmallFile.read(path: path, limit: Envelope.sizeLimit), source: path), path)
                }
                let outcome = await audit.run(contracts: deployed.contracts, problems: deployed.problems, reviews: envelopes)
                status = try outcome.emit(
                    report, suite: "state-audit contracts",
                    inputs: reviews + [snapshot, list, governance, auditors].compactMap { $0 } + revocationLists)
            }
            if status != .ok { throw status.exitCode }
        }
    }
}
