import ArgumentParser
import AutoIDState
import AutoIDVerdict

extension StateAudit {
    /// `state-audit chain-spec`: genesis state root and genesis block hash of a raw chain spec.
    struct ChainSpec: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "chain-spec",
            abstract: "Compute the genesis state root and block hash of a raw chain spec.",
            discussion: """
                The trie layout comes from the runtime itself: the runtime_version custom section of the \
                wasm in :code (zstd-compressed behind Substrate's prefix, or plain), whose state version 0 \
                means LayoutV0 and 1 or 2 LayoutV1. --state-version overrides it. The genesis header has a \
                zero parent, number 0, the state root, the empty trie as extrinsics root and no digest; its \
                BLAKE2b-256 is the genesis hash. --expect-genesis-hash and --expect-state-root turn the \
                run into a check (exit status 1 on a mismatch).
                """)

        @Argument(help: ArgumentHelp("The raw chain spec (JSON).", valueName: "spec"))
        var spec: String

        @Option(help: ArgumentHelp("Trie layout: 0 or 1 (default: from the runtime in :code).", valueName: "version"))
        var stateVersion: StateVersionArgument?

        @Option(help: ArgumentHelp("Check the genesis block hash against this value.", valueName: "hash"))
        var expectGenesisHash: String?

        @Option(help: ArgumentHelp("Check the genesis state root against this value.", valueName: "root"))
        var expectStateRoot: String?

        @OptionGroup var report: ReportOptions

        func run() throws {
            var status = ExitStatus.ok
            try reportingErrors(tool: "state-audit", verbose: report.verbose) {
                let audit = ChainSpecAudit(
                    stateVersion: stateVersion?.stateVersion, expectedStateRoot: expectStateRoot, expectedGenesisHash: expectGenesisHash)
                let result = try audit.run(InputFiles.snapshot(spec, limit: InputFiles.chainSpecLimit), name: spec)
                status = try result.emit(report, suite: "state-audit chain-spec", inputs: [spec])
            }
            if status != .ok { throw status.exitCode }
        }
    }
}
