import ArgumentParser
import AutoIDBundle
import AutoIDFiles
import AutoIDVerdict

extension ProvenanceBundle {
    /// `provenance-bundle extract`: the bundle's files, only once they verified, all or nothing.
    struct ExtractBundle: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "extract",
            abstract: "Extract a bundle into a directory after verifying it; all or nothing.",
            discussion: """
                The archive is read once, as by verify, and treated as hostile: absolute names, '..', empty \
                components, control characters and backslashes, every symbolic and hard link (whatever it \
                points at), devices, FIFOs, directory entries, duplicate names and archives beyond the caps \
                (10,000 entries, 8 GiB, compression ratio 100) are refused. Files are written into a fresh \
                staging directory inside DIR (never through a path from the archive; no existing link is \
                followed) and moved into DIR only when every entry matched the manifest and every envelope \
                verified with --key, or with --trust ROOTS as 'provenance-bundle verify --trust' verifies it. On any refusal or failure nothing of the bundle stays in DIR (and a DIR \
                the command made is removed). DIR must not already hold autoid-bundle.json, envelopes, certs, \
                crls, proofs, headers or content. A new DIR appears whole, by one rename. Into an existing \
                DIR the bundle's folders move one by one, autoid-bundle.json last; an extraction killed \
                during these moves is finished by the next extract into DIR, and one killed before them \
                is removed by it (provenance-bundle(5) says exactly what is guaranteed).

                --no-verify skips the envelopes' signatures (no key needed) and warns on standard error; the \
                manifest checks and every refusal above still apply.

                \(ExitStatus.documentation)
                """)

        @Option(name: .customShort("C"), help: ArgumentHelp("The directory to extract into (made if absent).", valueName: "dir"))
        var directory: String

        @Option(name: .shortAndLong, help: ArgumentHelp("Public key file (SubjectPublicKeyInfo PEM, Ed25519).", valueName: "key"))
        var key: String?

        @OptionGroup(title: "Provenance (verify Auto ID parties against trust roots; see autoid-provenance(5))")
        var provenance: ProvenanceVerifyOptions

        @Flag(name: .customLong("no-verify"), help: "Extract without checking signatures (dangerous; warns).")
        var noVerify = false

        @Flag(name: .shortAndLong, help: "Print nothing on standard output.")
        var quiet = false

        @OptionGroup var verbosity: VerbosityOptions

        @Argument(help: ArgumentHelp("The bundle (- for standard input).", valueName: "bundle"))
        var bundle: String

        func validate() throws {
            if noVerify {
                if key != nil || provenance.trust != nil { throw ValidationError("--no-verify and --key/--trust exclude each other.") }
            } else {
                try BundleTrustOptions.validate(key: key, provenance: provenance)
            }
        }

        func run() async throws {
            var status = ExitStatus.ok
            try await reportingErrors(tool: "provenance-bundle", verbose: verbosity.verbose) {
                let trust = noVerify ? nil : try BundleTrustOptions.load(key: key, provenance: provenance)
                if noVerify {
                    Console.printError("provenance-bundle: warning: --no-verify: extracting WITHOUT checking any signature; nothing vouches for these files")
                }
                let stage = try ExtractionStage(target: directory)
                let scan = try BundleScanner.scan(InputSource(argument: bundle), sink: stage)
                var lines = scan.problems.map(\.textLine)
                status = scan.problems.isEmpty ? .ok : .verificationFailed
                if let trust {
                    let verification = try await BundleVerifier.verify(scan, trust: trust)
                    lines = verification.textLines(keyName: key ?? "")
                    status = verification.status
                }
                if status == .ok { try stage.commit() }
                if !quiet {
                    for line in lines { try Console.printOut(line) }
                }
                if status != .ok {
                    Console.printError(
                        "provenance-bundle: \(bundle == "-" ? "standard input" : DisplayName.escape(bundle)): did not verify; nothing was extracted")
                }
            }
            if status != .ok { throw status.exitCode }
        }
    }
}
