import AutoIDSigning
import AutoIDTestSupport
import Foundation
import Testing

@testable import AutoIDIdentity

@Suite("Revocation lists")
struct RevocationListTests {
    let key = Ed25519PrivateKey()
    let root: AutoID
    let leaf: AutoID

    init() throws {
        root = try AutoIDIssuer.issueRoot(
            subjectCommonName: "Root", kind: .organisation, key: key,
            notValidBefore: Date().addingTimeInterval(-60), notValidAfter: Date().addingTimeInterval(86_400))
        leaf = try AutoIDIssuer.issueLeaf(
            issuer: root, issuerKey: key, subjectPublicKey: Ed25519PrivateKey().publicKey, subjectCommonName: "Leaf",
            kind: .human, notValidBefore: Date().addingTimeInterval(-60), notValidAfter: Date().addingTimeInterval(86_400))
    }

    func list(_ entries: [RevocationList.Entry], number: UInt64 = 7) throws -> RevocationList {
        try RevocationList.issue(
            issuer: root, issuerKey: key, entries: entries, number: number,
            thisUpdate: Date().addingTimeInterval(-10), nextUpdate: Date().addingTimeInterval(3600))
    }

    @Test func roundTripAndCheck() throws {
        let entry = RevocationList.Entry(serial: Array(leaf.certificate.serialNumber.bytes), revocationDate: Date(timeIntervalSince1970: 1_800_000_000))
        let crl = try list([entry])
        let parsed = try RevocationList(bytes: Array(crl.pemString.utf8), source: "crl")
        #expect(parsed == crl)
        #expect(parsed.numberValue == 7)
        #expect(parsed.entries == [entry])
        try parsed.verify(issuedBy: root, at: Date(), source: "crl")
        #expect(throws: IdentityError.self) { try RevocationList.check(chain: [leaf, root], lists: [(parsed, "crl")], at: Date()) }
        try RevocationList.check(chain: [leaf, root], lists: [(try list([]), "empty")], at: Date())
    }

    @Test func everyTruncationAndBitFlipIsRefusedOrDetected() throws {
        let crl = try list([RevocationList.Entry(serial: [1, 2, 3], revocationDate: Date(timeIntervalSince1970: 1_700_000_000))])
        let der = crl.derBytes
        for cut in 0..<der.count {
            #expect(throws: IdentityError.self) { try RevocationList(bytes: Array(der.prefix(cut)), source: "cut") }
        }
        for bit in stride(from: 0, to: der.count * 8, by: 3) {
            var damaged = der
            damaged[bit / 8] ^= 1 << UInt8(bit % 8)
            guard let parsed = try? RevocationList(bytes: damaged, source: "flip") else { continue }
            // Parsed despite the flip: then the signature or the issuer name must give it away.
            #expect(throws: IdentityError.self) { try parsed.verify(issuedBy: root, at: Date(), source: "flip") }
        }
        var random = TestRandom(seed: 17)
        for size in [0, 1, 10, 200, 5000] {
            #expect(throws: IdentityError.self) { try RevocationList(bytes: random.bytes(size), source: "random") }
        }
    }

    @Test func aListFromAnotherKeyIsABadSignature() throws {
        let otherKey = Ed25519PrivateKey()
        let impostor = try AutoIDIssuer.issueRoot(
            subjectCommonName: "Root", kind: .organisation, key: otherKey,
            notValidBefore: Date().addingTimeInterval(-60), notValidAfter: Date().addingTimeInterval(86_400))
        let forged = try RevocationList.issue(
            issuer: impostor, issuerKey: otherKey, entries: [], number: 1,
            thisUpdate: Date(), nextUpdate: Date().addingTimeInterval(60))
        #expect {
            try forged.verify(issuedBy: root, at: Date(), source: "forged")
        } throws: { ($0 as? IdentityError)?.code == .badSignature }
    }
}
