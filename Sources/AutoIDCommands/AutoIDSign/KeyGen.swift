import ArgumentParser
import AutoIDFiles
import AutoIDSigning

extension AutoIDSign {
    /// `autoid-sign keygen`: a new Ed25519 key pair.
    struct KeyGen: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "keygen",
            abstract: "Generate an Ed25519 key pair.",
            discussion: """
                The private key is written as PKCS#8 PEM with mode 0600, the public key as \
                SubjectPublicKeyInfo PEM (see autoid-key(5)); both are the formats OpenSSL uses, so \
                'openssl pkey' reads them and keys from 'openssl genpkey -algorithm ed25519' work here. \
                Existing files are never replaced unless --force is given. The public key's identifier \
                (the keyid written into envelopes) is printed on standard output.

                With --passphrase, or with any --passphrase-* option, the private key is encrypted \
                (PKCS#8 ENCRYPTED PRIVATE KEY: PBES2 with scrypt and AES-256-CBC, which 'openssl pkey \
                -passin' opens) before it is written; its plaintext never reaches the disk. --passphrase \
                alone asks twice on the terminal. The default is --no-passphrase.
                """)

        @Option(name: [.customShort("s"), .customLong("secret-key")], help: ArgumentHelp("Where to write the private key.", valueName: "file"))
        var secretKey = "autoid.key"

        @Option(name: [.customShort("p"), .customLong("public-key")], help: ArgumentHelp("Where to write the public key.", valueName: "file"))
        var publicKey = "autoid.pub"

        @Flag(name: .shortAndLong, help: "Replace existing key files.")
        var force = false

        @Flag(
            inversion: .prefixedNo,
            help:
                "Encrypt the private key with a passphrase, asked twice on the terminal unless a --passphrase-* option gives it (default: --no-passphrase, unless such an option is given)."
        )
        var passphrase: Bool?

        @OptionGroup(title: "Passphrase")
        var passphraseOptions: PassphraseOptions

        @OptionGroup var verbosity: VerbosityOptions

        @OptionGroup var talk: QuietOptions

        func validate() throws {
            if secretKey == publicKey { throw ValidationError("The secret and public key files must differ.") }
            if passphrase == false && passphraseOptions.isGiven {
                throw ValidationError("--no-passphrase contradicts giving a passphrase with --passphrase-*.")
            }
        }

        func run() throws {
            try reportingErrors(tool: "autoid-sign", verbose: verbosity.verbose) {
                if !force {  // refuse before asking for a passphrase
                    for path in [secretKey, publicKey] where AtomicFile.exists(path) {
                        throw FileError(code: .refusedToOverwrite, operation: "write", path: path)
                    }
                }
                let protection =
                    try passphrase == true || passphraseOptions.isGiven
                    ? passphraseOptions.newPassphrase(keyPath: secretKey) : nil
                let key = Ed25519PrivateKey()
                try KeyFile.save(key, privatePath: secretKey, publicPath: publicKey, overwrite: force, passphrase: protection)
                try talk.say(key.publicKey.keyID)
            }
        }
    }
}
