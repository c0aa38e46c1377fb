import AutoIDFiles
import AutoIDHashing
public import AutoIDSigning

/// A public key that verifies note signatures, in the common verifier-key text form
/// `NAME+HINT+BASE64`, where HINT is the 8 hex digits of the key ID and BASE64 encodes the signature
/// type byte followed by the 32-byte Ed25519 public key.
///
/// The key ID is `SHA-256(name || 0x0A || type || public key)[:4]`, read as a big-endian number.
public struct NoteVerifierKey: Sendable, Hashable, CustomStringConvertible {
    /// The key's name: what signature lines carry (for a log, usually its origin).
    public let name: String
    /// What the key signs: note signatures or cosignatures.
    public let type: NoteSignatureType
    /// The Ed25519 public key.
    public let publicKey: Ed25519PublicKey
    /// The 32-bit key ID (hint) that signature lines carry.
    public let keyID: UInt32

    /// A key from its parts; throws ``LogError`` for a name the spec forbids.
    public init(name: String, type: NoteSignatureType, publicKey: Ed25519PublicKey, source: String = "key name") throws {
        guard NoteKeyName.isValid(name) else {
            throw LogError(
                .malformedInput, input: source, detail: "'\(name)' is not a valid note key name",
                hint: "use a non-empty name without spaces or '+', such as example.com/log")
        }
        self.name = name
        self.type = type
        self.publicKey = publicKey
        self.keyID = Self.keyID(name: name, type: type, publicKey: publicKey)
    }

    /// Parses the `NAME+HINT+BASE64` text form; `source` names it in errors.
    public init(text: String, source: String) throws {
        let fields = text.split(separator: "+", omittingEmptySubsequences: false)
        func bad(_ detail: String) -> LogError {
            LogError(
                .malformedInput, input: source, detail: detail,
                hint: "give a verifier key as NAME+HINT+BASE64 (print one with 'state-audit log vkey')")
        }
        guard text.utf8.count <= 1024 else { throw bad("the verifier key is longer than 1024 bytes") }
        guard fields.count == 3 else { throw bad("a verifier key has three '+'-separated fields, this one has \(fields.count)") }
        guard fields[1].utf8.count == 8, let hint = UInt32(fields[1], radix: 16), fields[1].allSatisfy(\.isHexDigit) else {
            throw bad("the key hint '\(fields[1].prefix(20))' is not 8 hex digits")
        }
        guard let material = StrictBase64.decode(fields[2]), material.count == 33 else {
            throw bad("the key material is not base64 of a type byte and a 32-byte Ed25519 key")
        }
        guard let type = NoteSignatureType(rawValue: material[0]) else {
            throw bad("signature type \(material[0]) is not supported (1, Ed25519, and 4, cosignature/v1, are)")
        }
        let publicKey = try Ed25519PublicKey(rawRepresentation: Array(material[1...]), source: source)
        try self.init(name: String(fields[0]), type: type, publicKey: publicKey, source: source)
        guard keyID == hint else {
            throw LogError(
                .malformedInput, input: source, detail: "the key hint \(fields[1]) does not match the key (it should be \(Self.hex(keyID)))",
                hint: "copy the verifier key again from its publisher")
        }
    }

    /// The text form `NAME+HINT+BASE64`.
    public var description: String {
        "\(name)+\(Self.hex(keyID))+\(Base64.encode([type.rawValue] + publicKey.rawRepresentation))"
    }

    /// `SHA-256(name || 0x0A || type || public key)[:4]` as a big-endian number.
    public static func keyID(name: String, type: NoteSignatureType, publicKey: Ed25519PublicKey) -> UInt32 {
        let digest = SHA256Hasher.hash(Array(name.utf8) + [0x0a, type.rawValue] + publicKey.rawRepresentation)
        return digest.prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    static func hex(_ id: UInt32) -> String {
        let digits = String(id, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }

    /// Tells whether `signature` (already matched by name and key ID) is valid for `text` under this key.
    ///
    /// An Ed25519 key checks the signature over the note text; a cosignature key reads the 8-byte
    /// big-endian timestamp and checks the signature over `cosignature/v1\ntime T\n` followed by the text.
    public func verifies(_ signature: NoteSignature, text: [UInt8]) -> Bool {
        guard signature.name.hasSameBytes(as: name), signature.keyID == keyID else { return false }
        switch type {
        case .ed25519:
            return signature.signature.count == 64 && publicKey.isValidSignature(signature.signature, for: text)
        case .cosignatureV1:
            guard signature.signature.count == 72 else { return false }
            let timestamp = signature.signature.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            guard timestamp <= UInt64(Int64.max) else { return false }
            let message = Cosignature.message(timestamp: timestamp, text: text)
            return publicKey.isValidSignature(Array(signature.signature[8...]), for: message)
        }
    }

    /// The timestamp a cosignature carries, for reports; `nil` for other keys or malformed signatures.
    public func timestamp(of signature: NoteSignature) -> UInt64? {
        guard type == .cosignatureV1, signature.signature.count == 72 else { return nil }
        return signature.signature.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }
}
