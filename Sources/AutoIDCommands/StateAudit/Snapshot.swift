import ArgumentParser
import AutoIDState
import AutoIDVerdict

extension StateAudit {
    /// `state-audit snapshot`: the state root of a key/value snapshot, checked against a header.
    struct Snapshot: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "snapshot",
            abstract: "Recompute the state root of a snapshot and check it against a block header.",
            discussion: """
                SNAPSHOT is a raw chain spec, a JSON map of hex keys to hex values, the result of \
                state_getPairs ([["0xkey","0xvalue"], ...], bare or in a JSON-RPC response), or JSON Lines \
                with one such pair per line. Keys need not be sorted. The trie layout comes from \
                --state-version, else from the runtime in :code when the snapshot holds it. With --header \
                (chain_getHeader JSON, or the SCALE-encoded header as a hex string) the computed root must \
                equal the header's stateRoot. With --against OTHER the two snapshots' roots must match; when \
                they do not, the report names the first differing key, the range of differing keys and how \
                many keys were added, removed or changed. Snapshots of any size are read as a stream in \
                bounded memory: sorted input is hashed as it is read, other input is sorted in runs under \
                TMPDIR (see autoid-state-snapshot(5)).
                """)

        @Argument(help: ArgumentHelp("The snapshot file (- for standard input).", valueName: "snapshot"))
        var snapshot: String

        @Option(help: ArgumentHelp("Trie layout: 0 or 1 (default: from the runtime in :code).", valueName: "version"))
        var stateVersion: StateVersionArgument?

        @Option(help: ArgumentHelp("A block header whose stateRoot the snapshot must match.", valueName: "file"))
        var header: String?

        @Option(help: ArgumentHelp("Another snapshot to compare with: the roots must match, and differing keys are reported.", valueName: "file"))
        var against: String?

        @OptionGroup var report: ReportOptions

        func run() throws {
            var status = ExitStatus.ok
            try reportingErrors(tool: "state-audit", verbose: report.verbose) {
                // The layout is settled (or refused) before the header and the other snapshot are read.
                // Files are streamed (memory bounded whatever their size); standard input too, unless
                // --against may need to read it twice to name differing keys: then it is read whole.
                let audit =
                    snapshot == "-" && against != nil
                    ? try SnapshotAudit(InputFiles.snapshot(snapshot), name: snapshot, stateVersion: stateVersion?.stateVersion)
                    : try SnapshotAudit(path: snapshot, name: snapshot, stateVersion: stateVersion?.stateVersion)
                let result = try audit.run(
                    header: try header.map(InputFiles.header),
                    against: try against.map {
                        $0 == "-" ? SnapshotAudit.Comparison(try InputFiles.snapshot($0), name: $0) : SnapshotAudit.Comparison(path: $0, name: $0)
                    })
                status = try result.emit(report, suite: "state-audit snapshot", inputs: [snapshot] + [header, against].compactMap { $0 })
            }
            if status != .ok { throw status.exitCode }
        }
    }
}
