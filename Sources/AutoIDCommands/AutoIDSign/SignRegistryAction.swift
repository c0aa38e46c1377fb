import ArgumentParser
import AutoIDFiles
import AutoIDHashing
import AutoIDJSON
import AutoIDRegistry
import AutoIDSigning
import AutoIDState

/// The fields of a registry action, shared by signing and verifying.
struct RegistryActionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The Auto ID identifier the action is on (hex).", valueName: "hex"))
    var id: String

    @Option(help: ArgumentHelp("The Auto ID's current nonce in the registry (decimal or 0x hex).", valueName: "n"))
    var nonce: String

    @Option(help: ArgumentHelp("revoke (RevokeCertificate) or deactivate (DeactivateAutoId).", valueName: "action"))
    var action: String

    func validate() throws {
        guard CertificateAction.ActionType(name: action) != nil else { throw ValidationError("--action must be revoke or deactivate.") }
        _ = try make()
    }

    func make() throws -> CertificateAction {
        guard let identifier = H256(hex: id) else { throw ValidationError("--id must be a 32-byte hex identifier.") }
        let value: U256?
        if nonce.hasPrefix("0x") {
            value = Hex.decode(nonce.count % 2 == 0 ? nonce : "0x0" + nonce.dropFirst(2)).flatMap { U256(bigEndianBytes: $0) }
        } else {
            value = UInt64(nonce).map { U256($0) }
        }
        guard let value else { throw ValidationError("--nonce must be a decimal number below 2^64, or 0x hex up to 256 bits.") }
        return CertificateAction(id: identifier, nonce: value, type: CertificateAction.ActionType(name: action)!)
    }
}

extension AutoIDSign {
    /// `autoid-sign registry-action`: authorise a revoke or deactivate call in the Auto ID registry.
    struct SignRegistryAction: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "registry-action",
            abstract: "Sign an Auto ID registry action (revoke or deactivate) as pallet-auto-id checks it.",
            discussion: """
                Signs the SCALE encoding of CertificateAction { id, nonce, action_type } with --key and \
                prints the encoded action and the registry's Signature { signature_algorithm, value } \
                (SCALE, hex), ready for the revoke_certificate or deactivate_auto_id call. The nonce is \
                the Auto ID's current nonce in the registry.
                """)

        @Option(name: .shortAndLong, help: ArgumentHelp("The private key of the Auto ID entitled to act.", valueName: "key"))
        var key: String

        @OptionGroup var passphraseOptions: PassphraseOptions

        @OptionGroup var fields: RegistryActionOptions

        @Flag(help: "Print JSON instead of two lines.")
        var json = false

        @OptionGroup var verbosity: VerbosityOptions

        func run() throws {
            try reportingErrors(tool: "autoid-sign", verbose: verbosity.verbose) {
                let action = try fields.make()
                let signature = action.sign(with: try KeyFile.loadPrivateKey(path: key, passphrase: passphraseOptions.unlocking(keyPath: key)))
                let actionHex = "0x" + Hex.encode(action.encoded)
                let signatureHex = "0x" + Hex.encode(signature.encoded)
                if json {
                    try Console.writeOut(
                        JSONValue.object([
                            "action": .string(actionHex), "signature": .string(signatureHex),
                            "signatureValue": .string("0x" + Hex.encode(signature.value)),
                        ]).jsonBytes(pretty: true) + [0x0a])
                } else {
                    try Console.printOut("action     \(actionHex)")
                    try Console.printOut("signature  \(signatureHex)")
                }
            }
        }
    }
}
