import AutoIDHashing

/// An Auto ID's identifier in the registry: a 32-byte BLAKE2b-256 (H256).
///
/// A root's identifier is `blake2b_256(subject CN)`; a leaf's is
/// `blake2b_256(issuer identifier || subject CN)`, with the CN as the bytes encoded in the certificate.
public struct AutoIDIdentifier: Sendable, Hashable, CustomStringConvertible {
    /// The 32 bytes.
    public let bytes: [UInt8]

    /// Wraps 32 bytes; `nil` for any other length.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        self.bytes = bytes
    }

    /// Parses 64 hex digits (optional `0x`).
    public init(hex: String) throws {
        guard let bytes = Hex.decode(hex), bytes.count == 32 else {
            throw IdentityError(
                .malformed, source: "identifier '\(hex)'",
                detail: "an Auto ID identifier is 64 hexadecimal digits (32 bytes)")
        }
        self.bytes = bytes
    }

    /// The identifier of a root (self-issued) Auto ID with common name `commonName`.
    public static func root(commonName: [UInt8]) -> AutoIDIdentifier {
        AutoIDIdentifier(unchecked: BLAKE2b.hash(commonName, outputByteCount: 32))
    }

    /// The identifier of an Auto ID with common name `commonName` issued by the Auto ID `issuer`.
    public static func leaf(issuer: AutoIDIdentifier, commonName: [UInt8]) -> AutoIDIdentifier {
        AutoIDIdentifier(unchecked: BLAKE2b.hash(issuer.bytes + commonName, outputByteCount: 32))
    }

    private init(unchecked bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Lowercase hex digits, no `0x` prefix: the form in SAN URIs (`autoid:auto:<digits>`) and reports.
    ///
    /// Across the package `hex` means the `0x`-prefixed form Substrate's JSON uses (``H256``'s `hex`);
    /// bare digits are always `hexDigits`.
    public var hexDigits: String { Hex.encode(bytes) }

    public var description: String { hexDigits }
}
