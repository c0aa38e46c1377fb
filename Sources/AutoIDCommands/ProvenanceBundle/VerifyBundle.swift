import ArgumentParser
import AutoIDBundle
import AutoIDFiles
import AutoIDSigning
import AutoIDVerdict

extension ProvenanceBundle {
    /// `provenance-bundle verify`: everything inside, in one streaming pass, never extracted.
    struct VerifyBundle: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Verify a bundle in one streaming pass, without extracting it.",
            discussion: """
                The archive is read once: every entry is confined (safe names, regular files only, no \
                duplicates, caps on entries, size and compression ratio), hashed with BLAKE3 and SHA-256 as \
                it streams, and checked against the bundle manifest; then every envelope's signature is \
                checked with --key and its subjects against the digests computed from the stream, exactly as \
                autoid-verify checks files. A subject that records its Auto Drive CID (autoid-sign --cid) has \
                it recomputed from its content entry in the same pass, under the signed name. Lines and verdicts are autoid-verify's, after one line per entry \
                that differs from the manifest (PATH: FAILED (...)). --json prints one report \
                (provenance-bundle(5)).

                With --trust ROOTS instead, the envelopes carry autoid's provenance predicate \
                (autoid-provenance(5)) and are verified as 'autoid-verify --trust' verifies them: every \
                party's chain to the roots at signing time, every named party's signature, the policy \
                options, each envelope's subjects against the bundle's content, and its ingredients, which \
                must be envelopes inside the bundle (found by SHA-256; nothing outside the bundle is read). \
                The bundle's revocation lists (crls/) are checked beside any --crl. An envelope that another \
                one names as an ingredient is verified inside that one's report tree; only the others' content \
                must be in the bundle.

                \(ExitStatus.documentation) A bundle that is not safe to read (links, devices, \
                traversal, duplicates, caps) is malformed input (3).
                """)

        @Option(name: .shortAndLong, help: ArgumentHelp("Public key file (SubjectPublicKeyInfo PEM, Ed25519).", valueName: "key"))
        var key: String?

        @OptionGroup(title: "Provenance (verify Auto ID parties against trust roots; see autoid-provenance(5))")
        var provenance: ProvenanceVerifyOptions

        @Flag(help: "Print a JSON report on standard output.")
        var json = false

        @Flag(name: .shortAndLong, help: "Print nothing; the exit status tells the verdict.")
        var quiet = false

        @OptionGroup var verbosity: VerbosityOptions

        @Argument(help: ArgumentHelp("The bundle (- for standard input).", valueName: "bundle"))
        var bundle: String

        func validate() throws {
            try BundleTrustOptions.validate(key: key, provenance: provenance)
            if json && quiet { throw ValidationError("--json and --quiet exclude each other.") }
        }

        func run() async throws {
            var status = ExitStatus.ok
            try await reportingErrors(tool: "provenance-bundle", verbose: verbosity.verbose) {
                let trust = try BundleTrustOptions.load(key: key, provenance: provenance)
                let scan = try BundleScanner.scan(InputSource(argument: bundle))
                let verification = try await BundleVerifier.verify(scan, trust: trust)
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
