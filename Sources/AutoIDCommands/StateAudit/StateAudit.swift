public import ArgumentParser
import AutoIDState
import AutoIDVerdict

/// `state-audit`: audit rollup state snapshots.
public struct StateAudit: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "state-audit",
        abstract:
            "Audit Substrate rollup state: genesis and state roots, headers, read proofs, the Auto ID registry, the balances ledger, DAO votes, contract reviews.",
        discussion: """
            Every subcommand works offline on files: raw chain specs, key/value snapshots, headers and \
            read proofs as the JSON-RPC methods state_getPairs, chain_getHeader and state_getReadProof \
            return them. Results print as text, or as JSON with --json; --junit FILE also writes a JUnit \
            XML report for CI.

            \(ExitStatus.documentation)
            """,
        version: AutoIDVersion.current,
        subcommands: [ChainSpec.self, Snapshot.self, Proof.self, Headers.self, Registry.self, Ledger.self, Votes.self, Contracts.self, Log.self])

    public init() {}
}

extension StateVersionArgument {
    var stateVersion: StateVersion { self == .v0 ? .v0 : .v1 }
}
