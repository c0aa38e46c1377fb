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
        try Self.validate(file: publicKeyFile, base64: publicKey)
    }

    /// The check of ``validate()`` on plain values (the fast path has no parsed options).
    static func validate(file: String?, base64: String?) throws {
        if (file == nil) == (base64 == nil) {
            throw ValidationError("Give the public key once: -p FILE or -P BASE64.")
        }
    }

    /// How reports name the key.
    var name: String { Self.name(file: publicKeyFile) }

    static func name(file: String?) -> String { file ?? "the -P key" }

    /// The key; a PEM public key gets the key id autoid derives for it (see autoid-minisign(5)).
    func load() throws -> MinisignPublicKey {
        try Self.load(file: publicKeyFile, base64: publicKey)
    }

    static func load(file: String?, base64: String?) throws -> MinisignPublicKey {
        if let base64 { return try MinisignPublicKey(base64: base64) }
        let path = file ?? ""
        let bytes = try SmallFile.read(path: path, limit: KeyFile.sizeLimit)
        if MinisignSecretKey.looksLikeKeyFile(bytes) { return try MinisignPublicKey(fileBytes: bytes, source: path) }
        return MinisignPublicKey(converting: try KeyEncoding.publicKey(from: bytes, source: path))
    }
}
