import ArgumentParser
import AutoIDBundle
import AutoIDFiles
import AutoIDVerdict

extension ProvenanceBundle {
    /// `provenance-bundle list`: what a bundle holds and what its envelopes say, unverified.
    struct ListBundle: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "Show what a bundle holds and what each envelope says (without verifying).",
            discussion: """
                One line per entry (size and name), then each envelope's predicate type, signers' key ids and \
                subjects, all marked unverified: use verify for a verdict. Names from the bundle are printed \
                escaped (control characters as \\n, \\e, \\x..). The archive is read once, with the same \
                refusals as verify. --json prints the listing as JSON (provenance-bundle(5)).

                \(ExitStatus.documentation)
                """)

        @Flag(help: "Print the listing as JSON.")
        var json = false

        @OptionGroup var verbosity: VerbosityOptions

        @Argument(help: ArgumentHelp("The bundle (- for standard input).", valueName: "bundle"))
        var bundle: String

        func run() throws {
            try reportingErrors(tool: "provenance-bundle", verbose: verbosity.verbose) {
                let listing = BundleListing(scan: try BundleScanner.scan(InputSource(argument: bundle)))
                if json {
                    try Console.writeOut(listing.json.jsonBytes(pretty: true) + [0x0a])
                } else {
                    for line in listing.textLines { try Console.printOut(line) }
                }
            }
        }
    }
}
