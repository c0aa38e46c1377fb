import ArgumentParser
import AutoIDFiles
import AutoIDHashing
import AutoIDIdentity
import AutoIDRegistry
import AutoIDState
import AutoIDVerdict

extension AutoIDVerify {
    /// `autoid-verify registry-action`: check a registry action's signature as the pallet would.
    struct VerifyRegistryAction: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "registry-action",
            abstract: "Check that a registry action (revoke or deactivate) is signed by an Auto ID's key.",
            discussion: """
                --signature is the registry's Signature { signature_algorithm, value } in SCALE hex, as \
                'autoid-sign registry-action' prints it; --cert the Auto ID whose key must have signed \
                (RSA, ECDSA or Ed25519). Exit status 0 when it verifies, 1 when it does not, 3 when malformed.
                """)

        @Option(help: ArgumentHelp("The signer's Auto ID certificate.", valueName: "cert"))
        var cert: String

        @Option(help: ArgumentHelp("The registry Signature (SCALE, hex).", valueName: "hex"))
        var signature: String

        @OptionGroup var fields: RegistryActionOptions

        @OptionGroup var verbosity: VerbosityOptions

        @OptionGroup var talk: QuietOptions

        func run() throws {
            var verified = false
            try reportingErrors(tool: "autoid-verify", verbose: verbosity.verbose) {
                let signer = try AutoIDFile.load(path: cert)[0]
                guard let bytes = Hex.decode(signature) else { throw ValidationError("--signature is not hex.") }
                let decoded = try RegistrySignature(scale: bytes)
                verified = try fields.make().isAuthorised(by: decoded, signer: signer)
                try talk.say(
                    verified
                        ? "action: OK (signed by '\(signer.shownName)')" : "action: FAILED (the signature does not verify with '\(signer.shownName)''s key)")
            }
            if !verified { throw ExitStatus.verificationFailed.exitCode }
        }
    }
}
