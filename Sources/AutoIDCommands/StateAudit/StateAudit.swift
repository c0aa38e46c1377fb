public import ArgumentParser

/// `state-audit`: audit rollup state snapshots.
public struct StateAudit: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "state-audit",
        abstract: "Audit rollup state: trie roots, headers, read proofs and registry invariants.",
        discussion: "\(ExitStatus.documentation)",
        version: AutoIDVersion.current,
        subcommands: [])

    public init() {}
}
