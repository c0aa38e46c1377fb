import ArgumentParser
import AutoIDFiles
import AutoIDMinisign
import AutoIDSigning

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension AutoIDSign {
    /// `autoid-sign minisign`: signatures minisign (or signify) verifies, like `minisign -Sm FILE -s KEY`.
    struct SignMinisign: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "minisign",
            abstract: "Sign files into minisign signatures (.minisig), or signify's (.sig) with --signify.",
            discussion: """
                Like 'minisign -S -s KEY -m FILE...': writes FILE.minisig beside each FILE (or -x SIG for \
                one FILE), which 'minisign -Vm FILE -p KEY.pub' and 'autoid-verify minisign' verify. The \
                signature is prehashed (ED: Ed25519 over the file's BLAKE2b-512, minisign's default); \
                --legacy signs the whole file (Ed, minisign -l; files up to 1 GiB). The trusted comment \
                (signed too) is minisign's 'timestamp:SECONDS<TAB>file:NAME<TAB>hashed' unless -t sets it; \
                -c sets the untrusted one.

                The key (-s or -k) is a minisign secret key (plain, or scrypt-encrypted as minisign -G \
                writes it) or an autoid PEM private key, whose minisign key id autoid derives (see \
                autoid-minisign(5); 'autoid-sign convert-key' writes the matching .pub). Encrypted keys take \
                their passphrase from --passphrase-file, --passphrase-fd or --passphrase-env, else the \
                terminal.

                --signify writes OpenBSD signify's FILE.sig instead (Ed over the whole file, no trusted \
                comment), which 'signify -V' checks; with --embed the file follows the signature \
                ('signify -S -e'), as signed checksum lists for 'signify -C' are made.

                Signature files are written atomically and never replace an existing file without --force.
                """)

        @Option(
            name: [.customShort("s"), .customLong("secret-key"), .customShort("k"), .customLong("key")],
            help: ArgumentHelp("Secret key: minisign's .key or an autoid PEM private key.", valueName: "key"))
        var secretKey: String

        @Option(
            name: [.customShort("x"), .customLong("signature")],
            help: ArgumentHelp("Where to write the signature, when one FILE is signed (default: FILE.minisig, or FILE.sig with --signify).", valueName: "sig"))
        var signature: String?

        @Option(
            name: [.customShort("m"), .customLong("message")], help: ArgumentHelp("A file to sign, as minisign -m takes it (repeatable).", valueName: "file"))
        var messages: [String] = []

        @Option(
            name: [.customShort("t"), .customLong("trusted-comment")],
            help: ArgumentHelp("The trusted comment (signed; default: timestamp and file name).", valueName: "text"))
        var trustedComment: String?

        @Option(name: [.customShort("c"), .customLong("comment")], help: ArgumentHelp("The untrusted comment (not signed).", valueName: "text"))
        var comment: String?

        @Flag(
            name: [.customShort("l"), .customLong("legacy")],
            help: "Sign the whole file (Ed) instead of its BLAKE2b-512 (ED); for verifiers older than minisign 0.8.")
        var legacy = false

        @Flag(help: "Write signify signatures (FILE.sig) instead of minisign's.")
        var signify = false

        @Flag(help: "With --signify, put the signed file after the signature (signify -S -e).")
        var embed = false

        @Flag(name: .shortAndLong, help: "Replace existing signature files (they keep their mode).")
        var force = false

        @OptionGroup var fileList: FileListOptions

        @OptionGroup(title: "Passphrase (for an encrypted key)")
        var passphraseOptions: PassphraseOptions

        @OptionGroup var verbosity: VerbosityOptions

        @Argument(help: ArgumentHelp("Files to sign (- for standard input, with -x).", valueName: "file"))
        var files: [String] = []

        func validate() throws {
            if files.isEmpty && messages.isEmpty && fileList.filesFrom == nil { throw ValidationError("Name at least one file to sign.") }
            if signature != nil && (files.count + messages.count != 1 || fileList.filesFrom != nil) {
                throw ValidationError("-x names the signature of one file; with several files each gets FILE.minisig.")
            }
            if (files + messages).contains("-") && signature == nil {
                throw ValidationError("Standard input (-) has no name to put a signature beside; give -x SIG.")
            }
            if embed && !signify { throw ValidationError("--embed makes signify signatures; add --signify.") }
            if signify && (trustedComment != nil || legacy) {
                throw ValidationError("signify signatures have no trusted comment and are always Ed; drop -t and --legacy.")
            }
            if let trustedComment { try MinisignSigner.validateComment(trustedComment, trusted: true) }
            if let comment { try MinisignSigner.validateComment(comment, trusted: false) }
        }

        func run() throws {
            try reportingErrors(tool: "autoid-sign", verbose: verbosity.verbose) {
                let names = try fileList.names(after: messages + files)
                let format: MinisignVerifier.Format = signify ? .signify : .minisign
                let outputs = names.map { signature ?? format.signaturePath(for: $0) }
                let inputs = names + [secretKey]
                let existing: AtomicFile.ExistingFile = force ? .replace : .refuse
                var seen = Set<String>()
                for output in outputs {  // refuse before asking for a passphrase
                    guard seen.insert(output).inserted else { throw ValidationError("'\(output)' would be written twice; each file is signed once.") }
                    try AtomicOutput.check(path: output, existing: existing, inputs: inputs)
                }
                let key = try Self.loadSecretKey(path: secretKey, passphrase: passphraseOptions.unlocking(keyPath: secretKey))
                let now = Int(time(nil))
                for (name, output) in zip(names, outputs) {
                    let signed = try MinisignSigner.sign(
                        path: name, key: key, algorithm: legacy ? .legacy : .prehashed, signify: signify,
                        trustedComment: trustedComment, untrustedComment: comment, now: now)
                    var bytes = Array(signed.fileText.utf8)
                    if embed { bytes += try SmallFile.read(path: name, limit: MinisignSignature.embeddedSizeLimit - bytes.count) }
                    try AtomicFile.write(bytes, to: output, existing: existing, inputs: inputs)
                }
            }
        }

        /// A minisign secret key file, or an autoid PEM private key given its derived key id.
        static func loadSecretKey(path: String, passphrase: @escaping () throws -> Passphrase) throws -> MinisignSecretKey {
            var bytes = try SmallFile.read(path: path, limit: KeyFile.sizeLimit)
            defer { Passphrase.wipe(&bytes) }
            if MinisignSecretKey.looksLikeKeyFile(bytes) {
                return try MinisignSecretKey(fileBytes: bytes, source: path, passphrase: passphrase)
            }
            return MinisignSecretKey(converting: try KeyEncoding.privateKey(from: bytes, source: path, passphrase: passphrase))
        }
    }
}

extension AutoIDSign.SignMinisign: OperandListCommand {
    var operands: [String] {
        get { files }
        set { files = newValue }
    }
}
