import ArgumentParser
import AutoIDFiles
import AutoIDSigstore
import AutoIDVerdict

extension AutoIDVerify {
    /// `autoid-verify sigstore`: check a Sigstore bundle against the file it signs, offline.
    struct VerifySigstore: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sigstore",
            abstract: "Verify a Sigstore bundle (cosign, sigstore-python, GitHub attestations) against a file, offline.",
            discussion: """
                Checks, without any network access: the file's digest is the one signed (or, for a DSSE \
                envelope, an in-toto subject's sha256); the signature verifies with the signer's key; each \
                Rekor entry's body logs this signature, digest and key; its RFC 9162 inclusion proof leads \
                from the body's leaf hash to the checkpoint's root; and the checkpoint is signed by the log's \
                key (the signature line named for the log's origin whose key hint the log ID gives).

                The signer is trusted in one of two ways. --key pins its public key (PEM; ECDSA P-256, \
                P-384, P-521 or Ed25519): the bundle's key or certificate must hold it, and the certificate \
                chain is then not checked. Or --trusted-root (Sigstore's trusted_root.json) gives the Fulcio \
                certificate authorities: the certificate must chain to one at the signing time and be valid \
                then; --certificate-identity and --certificate-oidc-issuer require the identity (an email or \
                URI in the certificate) and the OIDC issuer, as cosign does. The signing time comes from the \
                bundle's RFC 3161 timestamps, each verified over the signature against the trusted root's \
                timestamp authorities, or from a Rekor v1 entry's integrated time; without one a certificate \
                is not trusted (exit 2). Log keys come from --trusted-root (matched by log ID) or --rekor-key \
                (PEM).

                The report lists every check, and what was not checked (signed certificate timestamps, \
                inclusion promises); --json prints it as JSON, --junit writes JUnit XML. \
                The bundle defaults to FILE.sigstore.json; see autoid-sigstore(5).

                \(ExitStatus.documentation)
                """)

        @Option(help: ArgumentHelp("The Sigstore bundle (default: FILE.sigstore.json).", valueName: "file"))
        var bundle: String?

        @Option(name: .shortAndLong, help: ArgumentHelp("The signer's public key (PEM) to pin; no certificate chain is then needed.", valueName: "pem"))
        var key: String?

        @Option(name: .customLong("trusted-root"), help: ArgumentHelp("Sigstore's trusted_root.json: Fulcio authorities and Rekor keys.", valueName: "file"))
        var trustedRoot: String?

        @Option(name: .customLong("rekor-key"), help: ArgumentHelp("A Rekor log's public key (PEM); repeat for several.", valueName: "pem"))
        var rekorKeys: [String] = []

        @Option(name: .customLong("certificate-identity"), help: ArgumentHelp("The identity (email or URI) the certificate must name.", valueName: "identity"))
        var certificateIdentity: String?

        @Option(name: .customLong("certificate-oidc-issuer"), help: ArgumentHelp("The OIDC issuer the certificate must name.", valueName: "url"))
        var certificateOIDCIssuer: String?

        @Flag(name: .customLong("insecure-ignore-tlog"), help: "Accept a bundle without a transparency log entry (entries present are still checked).")
        var insecureIgnoreTlog = false

        @OptionGroup var report: ReportOptions

        @Argument(help: ArgumentHelp("The file the bundle signs (- for standard input, with --bundle).", valueName: "file"))
        var file: String

        func validate() throws {
            if file == "-" && bundle == nil { throw ValidationError("Reading the file from standard input needs --bundle.") }
            if key == nil && trustedRoot == nil {
                throw ValidationError("Give the signer's key with --key PEM, or Sigstore's trusted root with --trusted-root FILE.")
            }
            if trustedRoot == nil && rekorKeys.isEmpty && !insecureIgnoreTlog {
                throw ValidationError("Give the log's key with --trusted-root or --rekor-key, or accept an unlogged signature with --insecure-ignore-tlog.")
            }
            if key != nil && (certificateIdentity != nil || certificateOIDCIssuer != nil) {
                throw ValidationError(
                    "--certificate-identity and --certificate-oidc-issuer check a certificate against --trusted-root; with --key the key is pinned.")
            }
        }

        func run() async throws {
            var status = ExitStatus.ok
            try await reportingErrors(tool: "autoid-verify", verbose: report.verbose) {
                let bundlePath = bundle ?? file + ".sigstore.json"
                let verification = SigstoreVerification(
                    bundle: try SigstoreBundle(jsonBytes: SmallFile.read(path: bundlePath, limit: SigstoreBundle.maximumSize + 1), source: bundlePath),
                    bundleName: bundlePath,
                    artifact: InputSource(argument: file),
                    pinnedKey: try key.map { try SignerKey(pem: Self.text(path: $0), source: $0) },
                    trustedRoot: try trustedRoot.map { try TrustedRoot(jsonBytes: SmallFile.read(path: $0, limit: TrustedRoot.maximumSize + 1), source: $0) },
                    logKeys: try rekorKeys.map { try SignerKey(pem: Self.text(path: $0), source: $0) },
                    certificateIdentity: certificateIdentity,
                    certificateOIDCIssuer: certificateOIDCIssuer,
                    requiresLogEntry: !insecureIgnoreTlog)
                status = try await verification.run().emit(report, suite: "autoid-verify sigstore", tool: "autoid-verify", inputs: [bundlePath, file])
            }
            if status != .ok { throw status.exitCode }
        }

        private static func text(path: String) throws -> String {
            String(decoding: try SmallFile.read(path: path, limit: 64 * 1024), as: UTF8.self)
        }
    }
}
