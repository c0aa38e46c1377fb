import ArgumentParser
import AutoIDFiles
import AutoIDLog
import AutoIDSigning

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension StateAudit.Log {
    /// `state-audit log sign`: signs a checkpoint as a log, or cosigns it as a witness.
    struct Sign: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sign",
            abstract: "Sign a checkpoint with an Ed25519 key: as the log, or as a witness (--cosign).",
            discussion: """
                CHECKPOINT is an unsigned checkpoint body ('state-audit log root --origin' prints one) or \
                a signed checkpoint; the new signature line is added after any already there. The key is \
                an autoid Ed25519 private key (autoid-sign keygen). A log signs with a note signature \
                (type 1); a witness, which must first have audited the checkpoint with 'state-audit log \
                audit', adds a timestamped cosignature/v1 (type 4) with --cosign. 'state-audit log vkey' \
                prints the verifier key to publish.
                """)

        @Argument(help: ArgumentHelp("The checkpoint to sign, or - for standard input.", valueName: "checkpoint"))
        var checkpoint: String

        @Option(help: ArgumentHelp("The private key (PEM).", valueName: "file"))
        var key: String

        @Option(help: ArgumentHelp("The key name on the signature line (default: the checkpoint's origin; required with --cosign).", valueName: "name"))
        var name: String?

        @Flag(help: "Add a witness cosignature (cosignature/v1, type 4) instead of a log signature.")
        var cosign = false

        @Option(help: ArgumentHelp("The cosignature's time, seconds since the epoch (default: now).", valueName: "seconds"))
        var time: UInt64?

        @Option(
            name: [.short, .long], help: ArgumentHelp("Write the signed checkpoint to this file, atomically (default: standard output).", valueName: "file"))
        var output: String?

        @OptionGroup var passphraseOptions: PassphraseOptions

        @OptionGroup var verbosity: VerbosityOptions

        func validate() throws {
            if cosign && name == nil { throw ValidationError("--cosign needs --name, the witness's name.") }
            if time != nil && !cosign { throw ValidationError("--time only applies to --cosign.") }
        }

        func run() throws {
            try reportingErrors(tool: "state-audit", verbose: verbosity.verbose) {
                let bytes = try SmallFile.read(path: checkpoint, limit: SignedNote.maximumSize)
                let note: SignedNote
                if Self.hasSignatureBlock(bytes) {
                    note = try SignedNote(bytes: bytes, source: checkpoint)
                } else {
                    let text = String(decoding: bytes, as: UTF8.self)
                    guard Array(text.utf8) == bytes else {
                        throw LogError(.malformedInput, input: checkpoint, detail: "not valid UTF-8", hint: "give a checkpoint")
                    }
                    note = try SignedNote(text: text, signatures: [], source: checkpoint)
                }
                let body = try Checkpoint(text: note.text, source: checkpoint)
                let privateKey = try KeyFile.loadPrivateKey(path: key, passphrase: passphraseOptions.unlocking(keyPath: key))
                let signer = try NoteSigner(name: name ?? body.origin, type: cosign ? .cosignatureV1 : .ed25519, privateKey: privateKey)
                let now = Self.now()
                let signed = note.adding(try signer.sign(text: note.text, timestamp: time ?? now))
                if let output {
                    try AtomicFile.write(signed.bytes, to: output)
                } else {
                    try Console.writeOut(signed.bytes)
                }
            }
        }

        /// Seconds since the epoch.
        static func now() -> UInt64 {
            #if canImport(Glibc)
            UInt64(max(0, Glibc.time(nil)))
            #else
            UInt64(max(0, Darwin.time(nil)))
            #endif
        }

        /// Whether the bytes hold a blank line followed by a signature line (a signed note).
        static func hasSignatureBlock(_ bytes: [UInt8]) -> Bool {
            let marker = Array("\n\n\u{2014} ".utf8)
            guard bytes.count >= marker.count else { return false }
            for start in 0...(bytes.count - marker.count) where bytes[start] == 0x0a && Array(bytes[start..<start + marker.count]) == marker {
                return true
            }
            return false
        }
    }
}
