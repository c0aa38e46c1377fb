import ArgumentParser
import AutoIDBundle
import AutoIDFiles
import AutoIDSigning
import AutoIDVerdict

extension ProvenanceBundle {
    /// `provenance-bundle verify`: everything inside, in one streaming pass, never extracted.
    struct VerifyBundle: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Verify a bundle in one streaming pass, without extracting it.",
            discussion: """
                The archive is read once: every entry is confined (safe names, regular files only, no \
                duplicates, caps on entries, size and compression ratio), hashed with BLAKE3 and SHA-256 as \
                it streams, and checked against the bundle manifest; then every envelope's signature is \
                checked with --key and its subjects against the digests computed from the stream, exactly as \
                autoid-verify checks files. Lines and verdicts are autoid-verify's, after one line per entry \
                that differs from the manifest (PATH: FAILED (...)). --json prints one report \
                (provenance-bundle(5)).

                \(ExitStatus.documentation) A bundle that is not safe to read (links, devices, \
                traversal, duplicates, caps) is malformed input (3).
                """)

        @Option(name: .shortAndLong, help: ArgumentHelp("Public key file (SubjectPublicKeyInfo PEM, Ed25519).", valueName: "key"))
        var key: String?

        @Option(help: ArgumentHelp("Auto ID trust roots for the parties' identities (not supported yet).", valueName: "roots"))
        var trust: String?

        @Flag(help: "Print a JSON report on standard output.")
        var json = false

        @Flag(name: .shortAndLong, help: "Print nothing; the exit status tells the verdict.")
        var quiet = false

        @OptionGroup var verbosity: VerbosityOptions

        @Argument(help: ArgumentHelp("The bundle (- for standard input).", valueName: "bundle"))
        var bundle: String

        func validate() throws {
            try BundleTrustOptions.validate(key: key, trust: trust)
            if json && quiet { throw ValidationError("--json and --quiet exclude each other.") }
        }

        func run() throws {
            var status = ExitStatus.ok
            try reportingErrors(tool: "provenance-bundle", verbose: verbosity.verbose) {
                let trust = try BundleTrustOptions.load(key: key)
                let scan = try BundleScanner.scan(InputSource(argument: bundle))
                let verification = try BundleVerifier.verify(scan, trust: trust)
                status = verification.status
                if json {
                    try Console.writeOut(verification.json.jsonBytes(pretty: true) + [0x0a])
                } else if !quiet {
                    for line in verification.textLines(keyName: key ?? "") { try Console.printOut(line) }
                }
            }
            if status != .ok { throw status.exitCode }
        }
    }
}
