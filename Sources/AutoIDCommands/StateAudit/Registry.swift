import ArgumentParser
import AutoIDRegistry
import AutoIDState
import AutoIDVerdict

extension StateAudit {
    /// `state-audit registry`: audit the Auto ID registry (pallet-auto-id) in a state snapshot.
    struct Registry: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "registry",
            abstract: "Audit the Auto ID registry (pallet-auto-id) in a state snapshot.",
            discussion: """
                SNAPSHOT is any snapshot 'state-audit snapshot' reads (raw chain spec, key/value map, \
                state_getPairs, JSON Lines). Every AutoIds entry (twox128(PALLET) ++ twox128("AutoIds") ++ \
                identifier) is decoded as pallet-auto-id's AutoId and checked: its value decodes; its key is \
                the identifier derived from its certificate (blake2b_256(CN) for a root, blake2b_256(issuer \
                ++ CN) for a leaf); its serial, subject CN, SubjectPublicKeyInfo and validity are those of \
                its raw DER; a leaf's issuer is registered, lists the leaf's serial in issued_serials and \
                signed the leaf. Every CertificateRevocationList entry must decode and name only serials its \
                issuer issued. pallet-auto-id stores only the TBSCertificate as raw, so signatures are checked \
                where raw holds whole certificates and reported as not checkable otherwise. One check per \
                entry and rule; any failed check gives exit status 1. With --state-version, or a runtime in \
                :code, the snapshot's state root is printed too. The snapshot is read as a stream, keeping \
                only the pallet's pairs: memory stays bounded whatever its size (autoid-state-snapshot(5)).
                """)

        @Argument(help: ArgumentHelp("The snapshot file (- for standard input).", valueName: "snapshot"))
        var snapshot: String

        @Option(help: ArgumentHelp("The pallet's name in the runtime.", valueName: "name"))
        var pallet: String = RegistryLayout.defaultPallet

        @Option(help: ArgumentHelp("Trie layout for the state root: 0 or 1 (default: from the runtime in :code, if any).", valueName: "version"))
        var stateVersion: StateVersionArgument?

        @OptionGroup var report: ReportOptions

        func run() throws {
            var status = ExitStatus.ok
            try reportingErrors(tool: "state-audit", verbose: report.verbose) {
                let result = try RegistryAudit.run(path: snapshot, name: snapshot, pallet: pallet, stateVersion: stateVersion?.stateVersion)
                status = try result.emit(report, suite: "state-audit registry", inputs: [snapshot])
            }
            if status != .ok { throw status.exitCode }
        }
    }
}
