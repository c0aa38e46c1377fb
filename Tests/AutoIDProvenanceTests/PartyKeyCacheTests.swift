import AutoIDSigning
import Testing

@testable import AutoIDProvenance

/// The batch's signature checkers: libsodium for a key's first uses, one shared prepared key after,
/// and no more prepared keys than the cap.
@Suite("Provenance batch signature checkers")
struct PartyKeyCacheTests {
    @Test func aKeyIsPreparedOnceItHasSignedEnough() {
        let cache = ChainCache()
        let key = Ed25519PrivateKey().publicKey
        for _ in 1..<Ed25519SignatureChecker.preparedFrom {
            guard case .direct = cache.checker(for: key) else {
                Issue.record("prepared too early")
                return
            }
        }
        guard case .prepared(let first) = cache.checker(for: key), case .prepared(let again) = cache.checker(for: key) else {
            Issue.record("not prepared after \(Ed25519SignatureChecker.preparedFrom) uses")
            return
        }
        #expect(first.publicKey == key && again.publicKey == key)
        let message: [UInt8] = [1, 2, 3]
        let signer = Ed25519PrivateKey()
        #expect(!first.isValidSignature(signer.signature(for: message), for: message))
    }

    @Test func preparedKeysAreCapped() {
        let cache = ChainCache(preparedKeyLimit: 2)
        var prepared = 0
        for _ in 0..<4 {
            let key = Ed25519PrivateKey().publicKey
            for _ in 1..<Ed25519SignatureChecker.preparedFrom { _ = cache.checker(for: key) }
            if case .prepared = cache.checker(for: key) { prepared += 1 }
        }
        #expect(prepared == 2)
    }
}
