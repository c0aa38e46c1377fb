public import AutoIDVerdict

/// A problem with a key or a signature: what is wrong, with which input, and what to do about it.
public struct SigningError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// Not PEM, not DER, or not the structure the file claims to be.
        case malformedKey
        /// A well-formed key of a type autoid cannot use here (RSA, EC, X25519...).
        case unsupportedKeyType
        /// A passphrase-protected key (`ENCRYPTED PRIVATE KEY`) and no passphrase to open it.
        case encryptedKey
        /// The passphrase does not open the key. (With AES-CBC a damaged file looks the same.)
        case wrongPassphrase
        /// An empty passphrase, which would protect nothing.
        case emptyPassphrase
        /// An encrypted key whose scheme, key derivation, cipher or cost autoid does not support.
        case unsupportedEncryption
        /// A public key given where a private key is needed, or the reverse.
        case wrongKeyKind
    }

    public var code: Code
    /// The file or argument the key came from.
    public var source: String
    /// What exactly is wrong.
    public var detail: String

    public init(_ code: Code, source: String, detail: String) {
        self.code = code
        self.source = source
        self.detail = detail
    }

    public var description: String { "\(source): \(detail)" }
}

extension SigningError {
    /// The one message for a passphrase that does not open a key: the two cannot be told apart.
    static func wrongPassphrase(source: String) -> SigningError {
        SigningError(.wrongPassphrase, source: source, detail: "wrong passphrase, or the key file is damaged")
    }
}

extension SigningError: ReportableError {
    /// Malformed input (3) for keys that cannot be read or used; usage (64) for a missing, empty or wrong
    /// passphrase, which the caller fixes like a wrong option (autoid-key(5)).
    public var exitStatus: ExitStatus {
        switch code {
        case .encryptedKey, .wrongPassphrase, .emptyPassphrase: .usage
        case .malformedKey, .unsupportedKeyType, .unsupportedEncryption, .wrongKeyKind: .malformedInput
        }
    }
}
