/// The signature type byte of a C2SP note key (c2sp.org/signed-note, "Signature types"): it goes into the
/// key ID and into verifier keys, and decides what the key signs.
public enum NoteSignatureType: UInt8, Sendable, CaseIterable {
    /// An Ed25519 signature over the note text (a log's checkpoint signature).
    case ed25519 = 0x01
    /// A timestamped Ed25519 witness cosignature, c2sp.org/tlog-cosignature (`cosignature/v1`).
    case cosignatureV1 = 0x04

    /// A word for reports.
    public var name: String {
        switch self {
        case .ed25519: "Ed25519 note signature"
        case .cosignatureV1: "Ed25519 cosignature/v1"
        }
    }
}
