import AutoIDHashing

/// A storage key as a person writes it, and its bytes: `0x…` hex; `Pallet.Item`, a plain storage value
/// (`twox128(Pallet) ++ twox128(Item)`); or `Pallet.Item:HASHER:0xKEY`, a map entry whose SCALE-encoded
/// key is hashed with one of FRAME's hashers (`System.Account:blake2_128Concat:0x<account id>`).
public struct StorageKeySpec: Sendable, Hashable {
    /// The key as written; reports show it beside the value.
    public let text: String
    /// The storage key.
    public let bytes: [UInt8]

    /// Parses `text`.
    ///
    /// - Throws: ``StateAuditError`` (usage) naming the part that is wrong: the form, the hasher, or the map key.
    public init(_ text: String) throws(StateAuditError) {
        self.text = text
        if let bytes = Hex.decode(text), text.hasPrefix("0x") || !text.utf8.contains(UInt8(ascii: ".")) {
            self.bytes = bytes
            return
        }
        let fields = text.split(separator: ":", maxSplits: 2).map(String.init)
        let parts = fields.first?.split(separator: ".") ?? []
        guard parts.count == 2 else {
            throw StateAuditError(.invalidStorageKey, "--key \(text) is neither hex, Pallet.Item nor Pallet.Item:HASHER:0xKEY.")
        }
        let prefix = StorageHashing.storagePrefix(pallet: String(parts[0]), item: String(parts[1]))
        guard fields.count > 1 else {
            self.bytes = prefix
            return
        }
        guard fields.count == 3, let hasher = StorageHasher(rawValue: fields[1]) else {
            let names = StorageHasher.allCases.map(\.rawValue).joined(separator: ", ")
            throw StateAuditError(.invalidStorageKey, "--key \(text): the hasher must be one of \(names).")
        }
        guard let mapKey = Hex.decode(fields[2]) else {
            throw StateAuditError(.invalidStorageKey, "--key \(text): the map key must be hex (its SCALE encoding).")
        }
        self.bytes = prefix + hasher.hash(mapKey)
    }
}
