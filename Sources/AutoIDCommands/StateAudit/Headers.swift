import ArgumentParser
import AutoIDState
import AutoIDVerdict

extension StateAudit {
    /// `state-audit headers`: check that block headers form a chain.
    struct Headers: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "headers",
            abstract: "Check that block headers link: each parentHash is the previous header's hash.",
            discussion: """
                Each FILE holds one header (chain_getHeader JSON or SCALE hex), a JSON array of them, or \
                JSON Lines with one per line. Headers are taken in order; each must have number one above \
                the previous and parentHash equal to the BLAKE2b-256 hash of the previous header's \
                encoding. --expect-last checks the hash of the final header.
                """)

        @Argument(help: ArgumentHelp("Header files, in chain order.", valueName: "file"))
        var files: [String]

        @Option(help: ArgumentHelp("The hash the last header must have.", valueName: "hash"))
        var expectLast: String?

        @OptionGroup var report: ReportOptions

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("Name at least one header file.") }
        }

        func run() throws {
            var status = ExitStatus.ok
            try reportingErrors(tool: "state-audit", verbose: report.verbose) {
                var headers: [HeaderChainAudit.Entry] = []
                for file in files { headers += try InputFiles.headers(file) }
                status = try HeaderChainAudit(expectedLastHash: expectLast).run(headers).emit(report, suite: "state-audit headers", inputs: files)
            }
            if status != .ok { throw status.exitCode }
        }
    }
}

extension StateAudit.Headers: OperandListCommand {
    var operands: [String] {
        get { files }
        set { files = newValue }
    }
}
