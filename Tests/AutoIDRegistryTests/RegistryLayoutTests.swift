import AutoIDHashing
import AutoIDIdentity
import AutoIDRegistry
import AutoIDSigning
import AutoIDState
import AutoIDTestSupport
import Foundation
import Testing

@Suite("Registry layout and malformed values")
struct RegistryLayoutTests {
    static let issuer = H256([UInt8](repeating: 0xaa, count: 32))!

    static let sample = RegisteredAutoID(
        issuerID: issuer, serial: U256(limbs: (0x0102, 0, 0, 0x0a00_0000_0000_0000)), subjectCommonName: Array("Al".utf8),
        subjectPublicKeyInfo: [0x30, 0x00], validity: .init(notBefore: 1_000, notAfter: 0x0100_0000_0000),
        raw: [0x30, 0x01, 0x05], issuedSerials: [U256(3), U256(1), U256(3)], nonce: U256(7))

    @Test("AutoId encodes as Certificate::X509 with the fields in pallet order")
    func encodingByHand() throws {
        func u256(_ low: [UInt8], top: UInt8 = 0) -> [UInt8] {
            low + [UInt8](repeating: 0, count: 31 - low.count) + [top]
        }
        var expected: [UInt8] = [0x00]  // Certificate::X509
        expected += [0x01] + [UInt8](repeating: 0xaa, count: 32)  // Some(issuer)
        expected += u256([0x02, 0x01], top: 0x0a)  // serial, little-endian
        expected += [2 << 2] + Array("Al".utf8)  // subject_common_name
        expected += [2 << 2, 0x30, 0x00]  // subject_public_key_info
        expected += [0xe8, 0x03, 0, 0, 0, 0, 0, 0] + [0, 0, 0, 0, 0, 0x01, 0, 0]  // validity, u64 LE each
        expected += [3 << 2, 0x30, 0x01, 0x05]  // raw
        expected += [2 << 2] + u256([1]) + u256([3])  // issued_serials: BTreeSet, sorted, no duplicates
        expected += u256([7])  // nonce
        let encoded = SCALEEncoder.encode(Self.sample)
        #expect(encoded == expected)
        let decoded = try SCALEDecoder.decode(RegisteredAutoID.self, from: encoded)
        var canonical = Self.sample
        canonical.issuedSerials = [U256(1), U256(3)]
        #expect(decoded == canonical)
        // A root: issuer_id None is one zero byte.
        var root = Self.sample
        root.issuerID = nil
        #expect(SCALEEncoder.encode(root)[1] == 0x00 && SCALEEncoder.encode(root).count == encoded.count - 32)
    }

    @Test("storage keys: twox128(pallet) ++ twox128(item) ++ identifier")
    func keys() {
        let key = RegistryLayout.autoIDKey(Self.issuer)
        #expect(key == StorageHashing.twox128("AutoId") + StorageHashing.twox128("AutoIds") + Self.issuer.bytes)
        #expect(
            RegistryLayout.revocationListKey(Self.issuer, pallet: "Registry")
                == StorageHashing.twox128("Registry") + StorageHashing.twox128("CertificateRevocationList") + Self.issuer.bytes)
    }

    @Test("U256 from big-endian certificate serials, and as hex")
    func serials() {
        #expect(U256(bigEndianBytes: [0x00, 0x66, 0x1a]) == U256(0x661a))
        #expect(U256(bigEndianBytes: [UInt8](repeating: 0xff, count: 33)) == nil)
        #expect(U256(bigEndianBytes: [0x00] + [UInt8](repeating: 0xff, count: 32)) != nil)
        #expect(U256(0).hex == "0x0" && U256(0x3039).hex == "0x3039" && U256(0xa).hex == "0xa")
        #expect(U256(limbs: (1, 0, 0, 1)).hex == "0x1" + String(repeating: "0", count: 47) + "1")
    }

    /// Pairs with one valid root and the given malformed value stored under another key.
    func audit(malformed value: [UInt8]) -> (RegistryAuditReport, H256) {
        let key = H256(StorageHashing.blake2_256(value))!
        let good = RegisteredAutoID(
            issuerID: nil, serial: U256(1), subjectCommonName: [0x41], subjectPublicKeyInfo: [], validity: .init(notBefore: 0, notAfter: 0),
            raw: [0x05, 0x00], issuedSerials: [U256(1)])
        let pairs = RegistryState.pairs(autoIDs: [good]) + [(RegistryLayout.autoIDKey(key), value)]
        return (RegistryAudit.run(RegistryState(pairs: pairs)), key)
    }

    @Test("truncated at every length, trailing bytes, a wrong variant or an impossible length: clear errors, no crash")
    func malformedValues() throws {
        let encoded = SCALEEncoder.encode(Self.sample)
        for length in 0..<encoded.count {
            let (report, key) = audit(malformed: Array(encoded.prefix(length)))
            let finding = try #require(report.failed(.decodes, on: key.subject))
            let text = finding.failure ?? ""
            #expect(text.contains("input ended while reading") || text.contains("byte(s) follow"), "\(length): \(text)")
            #expect(text.contains("at byte offset"), "\(text)")
        }
        let cases: [([UInt8], String)] = [
            (encoded + [0x00], "1 byte(s) left over"),
            ([0x01] + encoded.dropFirst(), "Certificate has no variant 1"),
            ([0x00, 0x02] + encoded.dropFirst(2), "Option tag is 2"),
            (Array(encoded.prefix(66)) + [0xfe, 0xff, 0xff, 0xff] + encoded.dropFirst(67), "byte(s) follow"),
        ]
        for (value, words) in cases {
            let (report, key) = audit(malformed: value)
            let finding = try #require(report.failed(.decodes, on: key.subject))
            #expect(finding.failure?.contains(words) == true, "\(finding.failure ?? "")")
            #expect(report.findings.filter { $0.subject == key.subject }.count == 1)  // nothing else is claimed
        }
    }

    @Test("random values never crash and never decode", arguments: [1, 2, 3] as [UInt64])
    func randomValues(seed: UInt64) throws {
        var random = TestRandom(seed: seed)
        for _ in 0..<300 {
            let value = random.bytes(Int(random.next() % 400))
            let (report, key) = audit(malformed: value)
            let decoded = report.findings.first { $0.subject == key.subject && $0.rule == .decodes }
            #expect(decoded != nil)
        }
    }

    @Test("a raw value that is not a certificate fails the certificate rule with a reason")
    func rawNotACertificate() throws {
        for raw: [UInt8] in [[], [0x05, 0x00], [0x30, 0x03, 0x02, 0x01, 0x01], [0x30, 0x82, 0x01]] {
            var value = Self.sample
            value.issuerID = nil
            value.raw = raw
            let pairs = RegistryState.pairs(autoIDs: [value])
            let report = RegistryAudit.run(RegistryState(pairs: pairs))
            let finding = try #require(report.failed(.certificate, on: value.derivedIdentifier.subject))
            #expect(finding.failure?.hasPrefix("raw: ") == true, "\(finding.failure ?? "")")
        }
    }

    @Test("a malformed revocation list is reported, and keys of the wrong length too")
    func malformedRevocationList() throws {
        let list = RegistryLayout.revocationListKey(Self.issuer)
        let pairs: [([UInt8], [UInt8])] = [
            (list, [0x04] + [UInt8](repeating: 1, count: 31)),
            (RegistryLayout.autoIDsPrefix() + [1, 2, 3], SCALEEncoder.encode(Self.sample)),
        ]
        let report = RegistryAudit.run(RegistryState(pairs: pairs))
        let crl = try #require(report.failed(.decodes, on: "CertificateRevocationList \(Self.issuer.hex)"))
        #expect(crl.failure?.contains("input ended while reading") == true)
        let short = try #require(report.failed(.identifier, on: "AutoId 0x010203"))
        #expect(short.failure?.contains("3 bytes after the map prefix") == true)
    }
}

/// Issue 9 item 6: `hex` has one meaning across the package (0x-prefixed), bare digits are `hexDigits`.
@Suite("Hex names")
struct HexNamingTests {
    @Test func hexIsPrefixedAndHexDigitsBareOnEveryType() throws {
        let bytes = (0..<32).map { UInt8($0 * 7 & 0xff) }
        let digits = bytes.map { String(format: "%02x", $0) }.joined()
        let hash = try #require(H256(bytes))
        let identifier = try #require(AutoIDIdentifier(bytes: bytes))
        #expect(hash.hex == "0x" + digits)
        #expect(hash.hexDigits == digits)
        #expect(identifier.hexDigits == digits)
        #expect("\(identifier)" == digits)
        #expect(H256(hex: hash.hex) == hash)
        #expect(try AutoIDIdentifier(hex: identifier.hexDigits) == identifier)
    }
}
