import AutoIDRegistry
public import AutoIDState

/// Rollup proofs meet provenance: a read proof of the Auto ID registry's storage (pallet-auto-id's
/// `AutoIds` and `CertificateRevocationList`) against a block header the verifier trusts, showing that a
/// party's Auto ID is registered with the same public key, is not deactivated (deactivation removes it
/// from `AutoIds`) and is not on its issuer's revocation list at that block.
public struct RegistryEvidence: Sendable {
    /// The trusted header whose state root the proof is checked against.
    public var header: BlockHeader
    /// The proof's trie nodes (`state_getReadProof`'s `proof`).
    public var nodes: [[UInt8]]
    public var stateVersion: StateVersion
    /// The pallet's name in the runtime.
    public var pallet: String

    public init(header: BlockHeader, nodes: [[UInt8]], stateVersion: StateVersion = .v1, pallet: String = "AutoId") {
        self.header = header
        self.nodes = nodes
        self.stateVersion = stateVersion
        self.pallet = pallet
    }

    /// Why the registry does not back this party at the header's block, or `nil` when it does. A proof
    /// that does not cover the party's entries backs nothing (it cannot show absence either).
    public func rejection(identifier: String, subjectPublicKeyInfo: [UInt8]) -> String? {
        let block = "at block #\(header.number) \(header.hash.hex)"
        guard let id = H256(hex: identifier) else { return "the identifier \(identifier) is not 32 bytes of hex" }
        let entry: RegisteredAutoID
        do {
            let lookup = try ReadProof.verify(
                root: header.stateRoot, nodes: nodes, keys: [RegistryLayout.autoIDKey(id, pallet: pallet)], version: stateVersion)
            guard let value = lookup.results.first?.value else {
                return "Auto ID \(identifier) is not in the registry \(block) (never registered, or deactivated)"
            }
            entry = try SCALEDecoder.decode(RegisteredAutoID.self, from: value)
        } catch {
            return "the registry proof does not show Auto ID \(identifier) \(block): \(error)"
        }
        guard entry.subjectPublicKeyInfo == subjectPublicKeyInfo else {
            return "Auto ID \(identifier) is registered with another public key \(block) (renewed or replaced)"
        }
        guard let issuer = entry.issuerID else { return nil }  // a root: no issuer revokes it
        do {
            let lookup = try ReadProof.verify(
                root: header.stateRoot, nodes: nodes, keys: [RegistryLayout.revocationListKey(issuer, pallet: pallet)], version: stateVersion)
            guard let value = lookup.results.first?.value else { return nil }  // the issuer revoked nothing
            let revoked = try SCALEDecoder.decode(RevokedSerials.self, from: value)
            if revoked.serials.contains(entry.serial) {
                return "Auto ID \(identifier) is revoked on its issuer's registry revocation list \(block)"
            }
        } catch {
            return "the registry proof does not show the revocation list of Auto ID \(identifier)'s issuer \(block): \(error)"
        }
        return nil
    }
}
