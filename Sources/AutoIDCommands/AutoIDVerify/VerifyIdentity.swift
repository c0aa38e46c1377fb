import ArgumentParser
import AutoIDFiles
import AutoIDIdentity
import AutoIDJSON
import AutoIDManifest
import AutoIDProvenance
import AutoIDVerdict
import FoundationEssentials

extension AutoIDVerify {
    /// `autoid-verify identity`: show an Auto ID and check its chain to trusted roots.
    struct VerifyIdentity: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "identity",
            abstract: "Show an Auto ID and verify its certificate chain against trust roots.",
            discussion: """
                CERT is a PEM file with the Auto ID first and, optionally, the certificates that issued it after \
                it (or DER with one certificate); --chain adds more intermediates. Prints the identifier (derived \
                as the Auto ID registry does), kind, AI model, issuer, validity, key type and linked identities. \
                With --trust (a PEM file, or a folder of .pem/.crt files), the chain is verified: validity \
                windows, basic constraints, key usage, path length and signatures (RSA, ECDSA, Ed25519); the \
                verdict names the first failing link. Each --crl (an issuer's signed revocation list, as \
                'autoid-sign revoke' writes) is checked against its issuer in the chain: signature, dates, and \
                whether it revokes the certificate below. Without --trust nothing is trusted and the output \
                says so. Each --attestation (see 'autoid-sign attest') counts as a personhood factor when its \
                attester chains to the same trust roots, it names this Auto ID and key, it is current, and an \
                email or uri factor is one this Auto ID claims; --require-factors N fails (exit status 2) with \
                fewer than N distinct factors.

                Exit status: 0 shown, or trusted; 1 a signature in the chain is bad; 2 not trusted (expired, \
                unknown issuer, not a CA, revoked...); 3 malformed certificate; 4 I/O error; 64 usage error.
                """)

        @Argument(help: ArgumentHelp("The Auto ID certificate (PEM or DER).", valueName: "cert"))
        var certificate: String

        @Option(help: ArgumentHelp("Trusted root certificates: a PEM file or a folder of them.", valueName: "path"))
        var trust: String?

        @Option(help: ArgumentHelp("More intermediate certificates (PEM); repeat for several files.", valueName: "file"))
        var chain: [String] = []

        @Option(name: .customLong("crl"), help: ArgumentHelp("A revocation list from an issuer in the chain; repeat for several.", valueName: "file"))
        var revocationLists: [String] = []

        @Option(name: .customLong("attestation"), help: ArgumentHelp("A personhood attestation about this Auto ID; repeat for several.", valueName: "file"))
        var attestations: [String] = []

        @Option(help: ArgumentHelp("Require this many distinct personhood factors attested by trusted Auto IDs.", valueName: "n"))
        var requireFactors: Int?

        @Option(help: ArgumentHelp("Verify as of this time (RFC 3339, e.g. 2026-01-01T00:00:00Z) instead of now.", valueName: "time"))
        var at: String?

        @Flag(help: "Print a JSON report on standard output.")
        var json = false

        @OptionGroup var verbosity: VerbosityOptions

        @OptionGroup var talk: QuietOptions

        func validate() throws {
            if json && talk.quiet { throw ValidationError("--json and --quiet exclude each other.") }
            if (requireFactors != nil || !attestations.isEmpty) && trust == nil {
                throw ValidationError("Personhood attestations are only checked against --trust roots; give --trust.")
            }
            if let requireFactors, requireFactors < 1 { throw ValidationError("--require-factors must be at least 1.") }
            if let at, RFC3339.date(at) == nil {
                throw ValidationError("--at '\(at)' is not an RFC 3339 time such as 2026-01-01T00:00:00Z.")
            }
        }

        func run() async throws {
            var status = ExitStatus.ok
            try await reportingErrors(tool: "autoid-verify", verbose: verbosity.verbose) {
                let verification = IdentityVerification(
                    certificates: try AutoIDFile.load(path: certificate),
                    intermediates: try chain.flatMap { try AutoIDFile.load(path: $0) },
                    trustRoots: try trust.map { try AutoIDFile.loadTrustRoots(path: $0) },
                    revocationLists: try revocationLists.map { (try RevocationList.load(path: $0), $0) },
                    attestations: try attestations.map { path in
                        (try Envelope(jsonBytes: try SmallFile.read(path: path, limit: 1 << 20), source: path), path)
                    },
                    requiredFactors: requireFactors,
                    time: at.flatMap(RFC3339.date) ?? Date())
                let report = await verification.run()
                status = report.status
                if json {
                    try Console.writeOut(report.json.jsonBytes(pretty: true) + [0x0a])
                } else if !talk.quiet {
                    for line in report.textLines { try Console.printOut(line) }
                }
            }
            if status != .ok { throw status.exitCode }
        }
    }
}
