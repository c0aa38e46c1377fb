public import AutoIDState

/// A snapshot's registry indexed by identifier, to ask many times whether it backs an Auto ID.
public struct RegistryIndex: Sendable {
    let autoIDs: [H256: Result<RegisteredAutoID, StateError>]
    let revocationLists: [H256: Result<RevokedSerials, StateError>]

    /// Indexes `state` (the first entry wins when a key is given twice; `state-audit registry` reports that).
    public init(_ state: RegistryState) {
        var autoIDs: [H256: Result<RegisteredAutoID, StateError>] = [:]
        for entry in state.autoIDs {
            if let identifier = entry.identifier, autoIDs[identifier] == nil { autoIDs[identifier] = entry.value }
        }
        var lists: [H256: Result<RevokedSerials, StateError>] = [:]
        for entry in state.revocationLists {
            if let issuer = entry.issuer, lists[issuer] == nil { lists[issuer] = entry.value }
        }
        self.autoIDs = autoIDs
        self.revocationLists = lists
    }

    /// How many Auto IDs the registry holds.
    public var count: Int { autoIDs.count }

    /// Why the registry does not back the Auto ID `identifier` with the key `subjectPublicKeyInfo`, or `nil`
    /// when it does: the Auto ID is in `AutoIds` (registered and not deactivated: deactivation removes it),
    /// with the same public key (not renewed with or replaced by another), and its serial is not on its
    /// issuer's `CertificateRevocationList`. The facts `RegistryEvidence` reads from a read proof, here from
    /// a whole snapshot.
    public func rejection(identifier: H256, subjectPublicKeyInfo: [UInt8]) -> String? {
        guard let entry = autoIDs[identifier] else { return "not in the registry (never registered, or deactivated)" }
        let registered: RegisteredAutoID
        do {
            registered = try entry.get()
        } catch {
            return "its registry entry does not decode: \(error)"
        }
        guard registered.subjectPublicKeyInfo == subjectPublicKeyInfo else {
            return "registered with another public key (renewed or replaced)"
        }
        guard let issuer = registered.issuerID, let list = revocationLists[issuer] else { return nil }  // roots: no issuer revokes them
        do {
            if try list.get().serials.contains(registered.serial) { return "revoked on its issuer's registry revocation list" }
        } catch {
            return "its issuer's registry revocation list does not decode: \(error)"
        }
        return nil
    }
}
