import AutoIDSigning
import Crypto
import SwiftASN1
public import X509

/// A public key that verifies Sigstore signatures: ECDSA P-256, P-384 or P-521 (DER signatures over a
/// SHA-2 digest), or Ed25519 (over the whole message, checked with libsodium).
///
/// Built from a certificate's key, a PEM file (`-----BEGIN PUBLIC KEY-----`, as `cosign generate-key-pair`
/// writes), or DER SubjectPublicKeyInfo (a trusted root's `rawBytes`). RSA keys are refused as
/// unsupported, with a clear message.
public struct SignerKey: Sendable, Equatable {
    /// The key as swift-certificates holds it.
    public let key: Certificate.PublicKey

    /// The key's DER SubjectPublicKeyInfo: what Rekor bodies and log IDs are computed over.
    public var subjectPublicKeyInfo: [UInt8] { Array(key.subjectPublicKeyInfoBytes) }

    /// A word for reports: `ECDSA P-256`, `Ed25519`.
    public var typeName: String {
        if P256.Signing.PublicKey(key) != nil { return "ECDSA P-256" }
        if P384.Signing.PublicKey(key) != nil { return "ECDSA P-384" }
        if P521.Signing.PublicKey(key) != nil { return "ECDSA P-521" }
        if Curve25519.Signing.PublicKey(key) != nil { return "Ed25519" }
        return "RSA"
    }

    /// The key of a certificate; throws for RSA.
    public init(_ key: Certificate.PublicKey, source: String) throws {
        self.key = key
        guard typeName != "RSA" else {
            throw SigstoreError(
                .unsupported, input: source, detail: "RSA keys are not supported",
                hint: "autoid verifies Sigstore signatures made with ECDSA (P-256, P-384, P-521) or Ed25519 keys")
        }
    }

    /// A key from DER SubjectPublicKeyInfo.
    public init(subjectPublicKeyInfo der: [UInt8], source: String) throws {
        let key: Certificate.PublicKey
        do {
            key = try Certificate.PublicKey(derEncoded: der)
        } catch {
            throw SigstoreError(
                .malformedInput, input: source, detail: "not a DER SubjectPublicKeyInfo of a supported key type",
                hint: "give an ECDSA or Ed25519 public key")
        }
        try self.init(key, source: source)
    }

    /// A key from PEM text: a `PUBLIC KEY`, or a `CERTIFICATE` whose key is taken.
    public init(pem text: String, source: String) throws {
        let hint = "give a PEM public key (-----BEGIN PUBLIC KEY-----), as 'cosign generate-key-pair' or 'openssl pkey -pubout' writes"
        let document: PEMDocument
        do {
            document = try PEMDocument(pemString: text)
        } catch {
            throw SigstoreError(.malformedInput, input: source, detail: "not a PEM document", hint: hint)
        }
        switch document.discriminator {
        case "PUBLIC KEY":
            try self.init(subjectPublicKeyInfo: document.derBytes, source: source)
        case "CERTIFICATE":
            do {
                try self.init(try Certificate(derEncoded: document.derBytes).publicKey, source: source)
            } catch let error as SigstoreError {
                throw error
            } catch {
                throw SigstoreError(.malformedInput, input: source, detail: "the PEM certificate cannot be read: \(error)", hint: hint)
            }
        case let other where other.utf8.firstRange(of: "PRIVATE KEY".utf8) != nil:
            throw SigstoreError(.malformedInput, input: source, detail: "this is a private key; verification takes the public key", hint: hint)
        case let other:
            throw SigstoreError(.malformedInput, input: source, detail: "a PEM '\(other.prefix(40))' is not a public key", hint: hint)
        }
    }

    /// Whether `signature` signs the message whose digest is `digest` (ECDSA keys only; Ed25519 signs
    /// whole messages, see ``isValidSignature(_:for:)``).
    public func isValidSignature(_ signature: [UInt8], digest: ArtifactDigest) -> Bool {
        func check<D: Digest>(_ d: D) -> Bool {
            if let p256 = P256.Signing.PublicKey(key) {
                guard let sig = try? P256.Signing.ECDSASignature(derRepresentation: signature) else { return false }
                return p256.isValidSignature(sig, for: d)
            }
            if let p384 = P384.Signing.PublicKey(key) {
                guard let sig = try? P384.Signing.ECDSASignature(derRepresentation: signature) else { return false }
                return p384.isValidSignature(sig, for: d)
            }
            if let p521 = P521.Signing.PublicKey(key) {
                guard let sig = try? P521.Signing.ECDSASignature(derRepresentation: signature) else { return false }
                return p521.isValidSignature(sig, for: d)
            }
            return false
        }
        switch digest {
        case .sha256(let d): return check(d)
        case .sha384(let d): return check(d)
        case .sha512(let d): return check(d)
        }
    }

    /// Whether the key signs whole messages (Ed25519) rather than digests.
    public var signsWholeMessages: Bool { Curve25519.Signing.PublicKey(key) != nil }

    /// Whether `signature` signs `message`: ECDSA over the curve's SHA-2 hash (SHA-256 for P-256, SHA-384
    /// for P-384, SHA-512 for P-521), Ed25519 over the message itself.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        if let ed25519 = Curve25519.Signing.PublicKey(key) {
            guard let ours = try? Ed25519PublicKey(rawRepresentation: Array(ed25519.rawRepresentation)) else { return false }
            return ours.isValidSignature(signature, for: message)
        }
        if P256.Signing.PublicKey(key) != nil { return isValidSignature(signature, digest: .sha256(SHA256.hash(data: message))) }
        if P384.Signing.PublicKey(key) != nil { return isValidSignature(signature, digest: .sha384(SHA384.hash(data: message))) }
        if P521.Signing.PublicKey(key) != nil { return isValidSignature(signature, digest: .sha512(SHA512.hash(data: message))) }
        return false
    }

    /// The raw 32-byte Ed25519 key, or `nil` for other types.
    var ed25519Raw: [UInt8]? { Curve25519.Signing.PublicKey(key).map { Array($0.rawRepresentation) } }
}
