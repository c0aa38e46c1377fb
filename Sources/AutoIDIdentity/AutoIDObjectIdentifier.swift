public import SwiftASN1

/// The object identifiers of autoid's own certificate extensions, specified in autoid-identity(5).
///
/// The arc lives under `2.25` (ITU-T X.667, OIDs from UUIDs). X.667 makes the arc's single component the
/// UUID's full 128-bit integer value, but swift-asn1 (1.7.4, the version this package builds against)
/// cannot represent an OID component above 63 bits: every certificate carrying such an OID would fail to
/// parse. The arc therefore uses the leading 63 bits of one random version-4 UUID
/// (`95447aeb-6995-4123-9bc3-c8d86730cce1`, integer value >> 65). See NOTES.md.
public enum AutoIDObjectIdentifier {
    /// The UUID the arc was derived from.
    public static let sourceUUID = "95447aeb-6995-4123-9bc3-c8d86730cce1"

    /// `2.25.5377928480787439761`: the root of autoid's extensions.
    public static let arc: ASN1ObjectIdentifier = [2, 25, 5_377_928_480_787_439_761]

    /// `<arc>.1`: the kind of subject (human, AI model, AI agent, organisation).
    public static let subjectKind: ASN1ObjectIdentifier = [2, 25, 5_377_928_480_787_439_761, 1]

    /// `<arc>.2`: the AI model's provider, name and version.
    public static let aiModelInfo: ASN1ObjectIdentifier = [2, 25, 5_377_928_480_787_439_761, 2]
}
