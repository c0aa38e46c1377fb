public import AutoIDSigning

/// Signs note texts with one of our Ed25519 keys under a key name: as a log (type 0x01, the checkpoint's
/// own signature) or as a witness (type 0x04, a timestamped cosignature/v1).
public struct NoteSigner: Sendable {
    /// The matching verifier key (name, type, public key, key ID).
    public let verifierKey: NoteVerifierKey
    private let privateKey: Ed25519PrivateKey

    /// A signer for `name` with `privateKey`.
    public init(name: String, type: NoteSignatureType, privateKey: Ed25519PrivateKey) throws {
        self.verifierKey = try NoteVerifierKey(name: name, type: type, publicKey: privateKey.publicKey)
        self.privateKey = privateKey
    }

    /// The signature line for `text`; `timestamp` (seconds since the epoch) is used by cosignatures only.
    public func sign(text: String, timestamp: UInt64) throws -> NoteSignature {
        try SignedNote.validateText(text, source: "note text")
        let message = Array(text.utf8)
        switch verifierKey.type {
        case .ed25519:
            return NoteSignature(name: verifierKey.name, keyID: verifierKey.keyID, signature: privateKey.signature(for: message))
        case .cosignatureV1:
            guard timestamp <= UInt64(Int64.max) else {
                throw LogError(.malformedInput, input: "timestamp", detail: "a cosignature time is at most 2^63-1", hint: "give seconds since the epoch")
            }
            let signature = privateKey.signature(for: Cosignature.message(timestamp: timestamp, text: message))
            let time = withUnsafeBytes(of: timestamp.bigEndian) { Array($0) }
            return NoteSignature(name: verifierKey.name, keyID: verifierKey.keyID, signature: time + signature)
        }
    }
}
