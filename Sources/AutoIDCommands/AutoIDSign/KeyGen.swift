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
                """)

        @Option(name: [.customShort("s"), .customLong("secret-key")], help: ArgumentHelp("Where to write the private key.", valueName: "file"))
        var secretKey = "autoid.key"

        @Option(name: [.customShort("p"), .customLong("public-key")], help: ArgumentHelp("Where to write the public key.", valueName: "file"))
        var publicKey = "autoid.pub"

        @Flag(name: .shortAndLong, help: "Replace existing key files.")
        var force = false

        func validate() throws {
            if secretKey == publicKey { throw ValidationError("The secret and public key files must differ.") }
        }

        func run() throws {
            try reportingErrors(tool: "autoid-sign") {
                let key = Ed25519PrivateKey()
                try KeyFile.save(key, privatePath: secretKey, publicPath: publicKey, overwrite: force)
                try Console.printOut(key.publicKey.keyID)
            }
        }
    }
}
