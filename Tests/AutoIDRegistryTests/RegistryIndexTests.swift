import AutoIDIdentity
import AutoIDRegistry
import AutoIDSigning
import AutoIDState
import Testing

@Suite("The registry backs an Auto ID: registered with its key, not deactivated, not revoked")
struct RegistryIndexTests {
    @Test("registered and unrevoked backs; revoked, absent, another key and undecodable entries say why")
    func rejections() throws {
        var (fixture, _, _) = try RegistryFixture.ed25519()
        // autoIDs: 0 the root, 1 'Model Seven' (revoked by the root), 2 'Ada'.
        let root = fixture.autoIDs[0]
        let model = fixture.autoIDs[1]
        let ada = fixture.autoIDs[2]
        let garbled = H256([UInt8](repeating: 0xee, count: 32))!
        fixture.extraPairs = [(RegistryLayout.autoIDKey(garbled), [0x07, 0x01])]
        let index = RegistryIndex(fixture.state)
        #expect(index.count == 4)
        #expect(index.rejection(identifier: root.derivedIdentifier, subjectPublicKeyInfo: root.subjectPublicKeyInfo) == nil)
        #expect(index.rejection(identifier: ada.derivedIdentifier, subjectPublicKeyInfo: ada.subjectPublicKeyInfo) == nil)
        #expect(
            index.rejection(identifier: model.derivedIdentifier, subjectPublicKeyInfo: model.subjectPublicKeyInfo)
                == "revoked on its issuer's registry revocation list")
        #expect(
            index.rejection(identifier: ada.derivedIdentifier, subjectPublicKeyInfo: model.subjectPublicKeyInfo)
                == "registered with another public key (renewed or replaced)")
        let absent = H256([UInt8](repeating: 0x42, count: 32))!
        #expect(index.rejection(identifier: absent, subjectPublicKeyInfo: []) == "not in the registry (never registered, or deactivated)")
        #expect(index.rejection(identifier: garbled, subjectPublicKeyInfo: [])?.hasPrefix("its registry entry does not decode") == true)

        // A revocation list that does not decode backs nothing under that issuer.
        fixture.revoked = [:]
        fixture.extraPairs = [(RegistryLayout.revocationListKey(root.derivedIdentifier), [0x09])]
        let broken = RegistryIndex(fixture.state)
        #expect(
            broken.rejection(identifier: ada.derivedIdentifier, subjectPublicKeyInfo: ada.subjectPublicKeyInfo)?
                .hasPrefix("its issuer's registry revocation list does not decode") == true)
    }
}
