import ArgumentParser
import AutoIDFiles
import AutoIDSigning

/// `-p FILE` or `-P BASE64`: the public key minisign and signify signatures are checked with.
struct MinisignKeyOptions: ParsableArguments {
    @Option(
        name: [.customShort("p"), .customLong("public-key-file")],
        help: ArgumentHelp("Public key file: minisign's or signify's .pub, or an autoid PEM public key.", valueName: "file"))
    var publicKeyFile: String?

    @Option(
        name: [.customShort("P"), .customLong("public-key")],
        help: ArgumentHelp("Public key as base64 (the RWQ... string minisign -G prints).", valueName: "base64"))
    var publicKey: String?

    func validate() throws {
        if (publicKeyFile == nil) == (publicKey == nil) {
            throw ValidationError("Give the public key once: -p FILE or -P BASE64.")
        }
    }

    /// How reports name the key.
    var name: String { publicKeyFile ?? "the -P key" }

    /// The key; a PEM public key gets the key id autoid derives for it (see autoid-minisign(5)).
    func load() throws -> MinisignPublicKey {
        if let publicKey { return try MinisignPublicKey(base64: publicKey) }
        let path = publicKeyFile ?? ""
        let bytes = try SmallFile.read(path: path, limit: KeyFile.sizeLimit)
        if MinisignSecretKey.looksLikeKeyFile(bytes) { return try MinisignPublicKey(fileBytes: bytes, source: path) }
        return MinisignPublicKey(converting: try KeyEncoding.publicKey(from: bytes, source: path))
    }
}
