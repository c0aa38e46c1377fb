import ArgumentParser
import AutoIDVerdict

extension StateAudit {
    /// `state-audit log`: append-only logs (RFC 9162 trees, C2SP checkpoints, witnessed audits).
    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "log",
            abstract: "Audit append-only Merkle logs: RFC 9162 roots and proofs, signed checkpoints, witnesses.",
            discussion: """
                Transparency logs and log-style rollups publish RFC 9162 Merkle trees with C2SP signed \
                checkpoints. 'log audit' keeps the last checkpoint it accepted in a state file and accepts \
                a new one only when a consistency proof shows the new tree extends it; a fork fails loudly. \
                'log inclusion' proves entries are in a checkpointed tree, 'log subtree' that a subtree is; \
                'log root' and 'log prove' \
                compute roots and proofs; 'log sign' and 'log vkey' let a log or a witness sign with an \
                autoid key. Formats: autoid-checkpoint(5).

                \(ExitStatus.documentation)
                """,
            subcommands: [Root.self, Prove.self, Sign.self, VKey.self, Audit.self, Inclusion.self, SubtreeCheck.self])
    }
}
