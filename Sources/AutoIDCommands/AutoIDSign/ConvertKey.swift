import ArgumentParser
import AutoIDFiles
import AutoIDMinisign
import AutoIDSigning

extension AutoIDSign {
    /// `autoid-sign convert-key`: keys between autoid's PEM and minisign's (and signify's) format.
    struct ConvertKey: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "convert-key",
            abstract: "Convert Ed25519 keys between autoid's PEM and minisign's format, both ways.",
            discussion: """
                KEY is any of autoid's PEM private or public keys (autoid-key(5)) or minisign's .key or .pub \
                (signify's .pub too); its format is recognised. --to names the format to write (default: the \
                other one). -s writes the secret key (from a secret KEY only), -p the public key.

                A PEM key gets the minisign key id autoid derives from its public key (the first 8 bytes of \
                its autoid keyid, see autoid-minisign(5)), so converting the same key always gives the same \
                id and 'autoid-sign minisign -k autoid.key' signs under it. A minisign key keeps its id in \
                minisign's format; PEM has no place for it.

                Secret keys: an encrypted KEY is opened with the passphrase (from --passphrase-file, \
                --passphrase-fd, --passphrase-env, else the terminal), and the new secret key is protected \
                with the same passphrase (minisign: scrypt with minisign's own limits, 2^25 operations and \
                1 GiB; PEM: autoid-key(5)). -W (--unencrypted) writes it without one, as minisign -G -W \
                does. A plain KEY gives a plain secret key unless --passphrase (asked twice) or a \
                --passphrase-* option is given. The secret key file has mode 0600; existing files are \
                replaced only with --force. The key id of the written key is printed.
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case minisign
            case pem
        }

        @Argument(help: ArgumentHelp("The key to convert.", valueName: "key"))
        var key: String

        @Option(help: ArgumentHelp("The format to write: minisign or pem (default: the other one).", valueName: "format"))
        var to: Format?

        @Option(name: [.customShort("s"), .customLong("secret-key")], help: ArgumentHelp("Where to write the secret key.", valueName: "file"))
        var secretKey: String?

        @Option(name: [.customShort("p"), .customLong("public-key")], help: ArgumentHelp("Where to write the public key.", valueName: "file"))
        var publicKey: String?

        @Flag(name: [.customShort("W"), .customLong("unencrypted")], help: "Write the secret key without a passphrase.")
        var unencrypted = false

        @Flag(help: "Protect the new secret key with a passphrase asked twice on the terminal (when KEY is not encrypted).")
        var passphrase = false

        @Flag(name: .shortAndLong, help: "Replace existing files.")
        var force = false

        @OptionGroup(title: "Passphrase")
        var passphraseOptions: PassphraseOptions

        @OptionGroup var verbosity: VerbosityOptions

        @OptionGroup var talk: QuietOptions

        func validate() throws {
            if secretKey == nil && publicKey == nil { throw ValidationError("Say what to write: -s SECRET-KEY, -p PUBLIC-KEY or both.") }
            if let secretKey, secretKey == publicKey { throw ValidationError("The secret and public key files must differ.") }
            if [secretKey, publicKey].contains(key) { throw ValidationError("The converted key cannot replace '\(key)'; choose another file.") }
            if unencrypted && passphrase { throw ValidationError("-W (--unencrypted) and --passphrase exclude each other.") }
        }

        /// What KEY turned out to be.
        enum Source {
            case pemSecret
            case pemPublic
            case minisignSecret
            case minisignPublic

            var isMinisign: Bool { self == .minisignSecret || self == .minisignPublic }
            var isSecret: Bool { self == .pemSecret || self == .minisignSecret }
        }

        func run() throws {
            try reportingErrors(tool: "autoid-sign", verbose: verbosity.verbose) {
                let existing: AtomicFile.ExistingFile = force ? .replace : .refuse
                for path in [secretKey, publicKey].compactMap({ $0 }) { try AtomicOutput.check(path: path, existing: existing, inputs: [key]) }
                var bytes = try SmallFile.read(path: key, limit: KeyFile.sizeLimit)
                defer { Passphrase.wipe(&bytes) }
                let source = Self.recognise(bytes)
                let format = to ?? (source.isMinisign ? .pem : .minisign)
                if secretKey != nil && !source.isSecret {
                    throw ValidationError("'\(key)' is a public key; only -p can be written from it.")
                }
                // The passphrase that opened KEY, kept to protect the new secret key.
                let opened = OpenedPassphrase()
                let unlock = passphraseOptions.unlocking(keyPath: key)
                let remember: () throws -> Passphrase = {
                    let value = try unlock()
                    opened.value = value
                    return value
                }
                var secret: MinisignSecretKey?
                let minisignPublic: MinisignPublicKey
                switch source {
                case .minisignSecret:
                    secret = try MinisignSecretKey(fileBytes: bytes, source: key, passphrase: remember)
                    minisignPublic = secret!.publicKey
                case .pemSecret:
                    secret = MinisignSecretKey(converting: try KeyEncoding.privateKey(from: bytes, source: key, passphrase: remember))
                    minisignPublic = secret!.publicKey
                case .minisignPublic:
                    minisignPublic = try MinisignPublicKey(fileBytes: bytes, source: key)
                case .pemPublic:
                    minisignPublic = MinisignPublicKey(converting: try KeyEncoding.publicKey(from: bytes, source: key))
                }
                if let secretKey, let secret {
                    let protection: Passphrase?
                    if unencrypted {
                        protection = nil
                    } else if let value = opened.value {
                        protection = value
                    } else if passphrase || passphraseOptions.isGiven {
                        protection = try passphraseOptions.newPassphrase(keyPath: secretKey)
                    } else {
                        protection = nil
                    }
                    var out: [UInt8]
                    switch format {
                    case .minisign: out = try secret.fileBytes(passphrase: protection)
                    case .pem:
                        out = Array(
                            (try protection.map { try KeyEncoding.pem(for: secret.privateKey, passphrase: $0) } ?? KeyEncoding.pem(for: secret.privateKey)).utf8
                        )
                    }
                    defer { Passphrase.wipe(&out) }
                    try AtomicFile.write(out, to: secretKey, permissions: [.ownerReadWrite], existing: existing, inputs: [key])
                }
                if let publicKey {
                    let text = format == .minisign ? minisignPublic.fileText : KeyEncoding.pem(for: minisignPublic.key)
                    try AtomicFile.write(Array(text.utf8), to: publicKey, existing: existing, inputs: [key])
                }
                try talk.say(format == .minisign ? minisignPublic.keyIDText : minisignPublic.key.keyID)
            }
        }

        /// minisign files start with their untrusted comment, and a public key's line is 56 characters.
        static func recognise(_ bytes: [UInt8]) -> Source {
            if MinisignSecretKey.looksLikeKeyFile(bytes) {
                let lines = bytes.split(separator: 0x0a, maxSplits: 2)
                let second = lines.count > 1 ? lines[1].count - (lines[1].last == 0x0d ? 1 : 0) : 0
                return second == 56 ? .minisignPublic : .minisignSecret
            }
            return bytes.prefix(200).firstRange(of: "PUBLIC KEY".utf8) != nil ? .pemPublic : .pemSecret
        }
    }
}

/// The passphrase a key was opened with, if it was asked for.
private final class OpenedPassphrase {
    var value: Passphrase?
}
