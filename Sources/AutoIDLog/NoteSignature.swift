import AutoIDHashing

/// One signature line of a signed note: `— NAME BASE64(KEYID[4] || SIGNATURE)`.
public struct NoteSignature: Sendable, Hashable {
    /// The signing key's name.
    public let name: String
    /// The key ID (big-endian, the first four decoded bytes).
    public let keyID: UInt32
    /// The bytes after the key ID: a 64-byte Ed25519 signature, or for a cosignature an 8-byte timestamp
    /// and the signature.
    public let signature: [UInt8]

    /// A signature from its parts.
    public init(name: String, keyID: UInt32, signature: [UInt8]) {
        self.name = name
        self.keyID = keyID
        self.signature = signature
    }

    /// The em dash (U+2014) and space that open every signature line.
    static let prefix = "\u{2014} "

    /// The line, with its newline.
    public var line: String {
        let id = withUnsafeBytes(of: keyID.bigEndian) { Array($0) }
        return "\(Self.prefix)\(name) \(Base64.encode(id + signature))\n"
    }

    /// Parses one line (without its newline); `nil` when it is not a signature line.
    static func parse(line: Substring) -> NoteSignature? {
        guard line.hasPrefix(prefix) else { return nil }
        let rest = line.dropFirst(prefix.count)
        let parts = rest.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 2, NoteKeyName.isValid(parts[0]), let bytes = StrictBase64.decode(parts[1]), bytes.count > 4 else {
            return nil
        }
        let id = bytes.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return NoteSignature(name: String(parts[0]), keyID: id, signature: Array(bytes[4...]))
    }
}
