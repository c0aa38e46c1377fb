import AutoIDHashing
public import AutoIDState

/// The Auto ID registry found in a state snapshot: every `AutoIds` and `CertificateRevocationList` entry of
/// one pallet, each value decoded (or the reason it could not be).
///
/// Building it never throws: a value that does not decode is kept with its error, so an audit can report it
/// next to the entries that do.
public struct RegistryState: Sendable {
    /// One `AutoIds` entry.
    public struct Entry: Sendable {
        /// The key after the map prefix: the identifier itself (the map's hasher is `Identity`).
        public let keySuffix: [UInt8]
        /// The value, or why it does not decode as an `AutoId`.
        public let value: Result<RegisteredAutoID, StateError>

        /// The identifier, when the key has the 32 bytes of an H256.
        public var identifier: H256? { H256(keySuffix) }
    }

    /// One `CertificateRevocationList` entry.
    public struct RevocationEntry: Sendable {
        /// The key after the map prefix: the issuer's identifier.
        public let keySuffix: [UInt8]
        /// The revoked serials, or why the value does not decode as a `BTreeSet<U256>`.
        public let value: Result<RevokedSerials, StateError>

        public var issuer: H256? { H256(keySuffix) }
    }

    /// The pallet name whose storage was read.
    public let pallet: String
    /// `AutoIds` entries, ordered by key.
    public let autoIDs: [Entry]
    /// `CertificateRevocationList` entries, ordered by key.
    public let revocationLists: [RevocationEntry]

    /// Picks the registry's entries out of a snapshot's top-trie `pairs`.
    public init(pairs: [([UInt8], [UInt8])], pallet: String = RegistryLayout.defaultPallet) {
        self.pallet = pallet
        let autoIDsPrefix = RegistryLayout.autoIDsPrefix(pallet: pallet)
        let revocationPrefix = RegistryLayout.revocationListPrefix(pallet: pallet)
        var autoIDs: [Entry] = []
        var revocations: [RevocationEntry] = []
        for (key, value) in pairs {
            if key.starts(with: autoIDsPrefix) {
                let suffix = Array(key.dropFirst(autoIDsPrefix.count))
                autoIDs.append(
                    Entry(
                        keySuffix: suffix,
                        value: Result { () throws(StateError) in
                            try SCALEDecoder.decode(RegisteredAutoID.self, from: value)
                        }))
            } else if key.starts(with: revocationPrefix) {
                let suffix = Array(key.dropFirst(revocationPrefix.count))
                revocations.append(
                    RevocationEntry(
                        keySuffix: suffix,
                        value: Result { () throws(StateError) in
                            try SCALEDecoder.decode(RevokedSerials.self, from: value)
                        }))
            }
        }
        self.autoIDs = autoIDs.sorted { $0.keySuffix.lexicographicallyPrecedes($1.keySuffix) }
        self.revocationLists = revocations.sorted { $0.keySuffix.lexicographicallyPrecedes($1.keySuffix) }
    }

    /// The decoded Auto ID stored under `identifier`, if there is one and it decodes.
    public func autoID(_ identifier: H256) -> RegisteredAutoID? {
        guard let entry = autoIDs.first(where: { $0.keySuffix == identifier.bytes }) else { return nil }
        return try? entry.value.get()
    }

    /// The pairs that store `autoIDs` (under their derived identifiers) and `revoked` lists, for building test or
    /// demo snapshots.
    public static func pairs(
        autoIDs: [RegisteredAutoID], revoked: [H256: [U256]] = [:], pallet: String = RegistryLayout.defaultPallet
    ) -> [([UInt8], [UInt8])] {
        autoIDs.map { (RegistryLayout.autoIDKey($0.derivedIdentifier, pallet: pallet), SCALEEncoder.encode($0)) }
            + revoked.sorted { $0.key.bytes.lexicographicallyPrecedes($1.key.bytes) }.map {
                (RegistryLayout.revocationListKey($0.key, pallet: pallet), SCALEEncoder.encode(RevokedSerials($0.value)))
            }
    }
}
