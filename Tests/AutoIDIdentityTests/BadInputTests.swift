import AutoIDIdentity
import AutoIDSigning
import AutoIDTestSupport
import Crypto
import Foundation
import SwiftASN1
import Testing

@Suite("Bad input")
struct BadInputTests {
    static let now = Date()

    /// A freshly issued Ed25519 leaf, so these tests do not depend on the fixtures.
    static let sample: AutoID = {
        let key = Ed25519PrivateKey()
        let root = try! AutoIDIssuer.issueRoot(
            subjectCommonName: "Sample Root", kind: .organisation, key: key, notValidBefore: now,
            notValidAfter: now.addingTimeInterval(86400))
        return try! AutoIDIssuer.issueLeaf(
            issuer: root, issuerKey: key, subjectPublicKey: Ed25519PrivateKey().publicKey,
            subjectCommonName: "Sample Leaf", kind: .human, linkedIdentities: [.uri("https://sample.example/")],
            notValidBefore: now, notValidAfter: now.addingTimeInterval(86400))
    }()

    static let malformedInputs: [(String, [UInt8])] = [
        ("empty", []),
        ("whitespace", Array(" \n\t".utf8)),
        ("short sequence", [0x30, 0x03, 0x02, 0x01, 0x01]),
        ("length past the end", [0x30, 0x82, 0xff, 0xff, 0x00]),
        ("indefinite length", [0x30, 0x80, 0x00, 0x00]),
        ("not a sequence", [0x04, 0x02, 0xaa, 0xbb]),
        ("text", Array("hello, certificate".utf8)),
        ("PEM header only", Array("-----BEGIN CERTIFICATE-----\n".utf8)),
        ("PEM with bad base64", Array("-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n".utf8)),
        ("invalid UTF-8 PEM", [0x2d, 0x2d, 0xff, 0xfe]),
    ]

    @Test("malformed DER and PEM give 'malformed' errors", arguments: malformedInputs.indices)
    func malformed(index: Int) throws {
        let (label, bytes) = Self.malformedInputs[index]
        let error = #expect(throws: IdentityError.self, "\(label)") { try AutoID.parseAll(bytes, source: label) }
        #expect(error?.code == .malformed, "\(label): \(String(describing: error))")
        #expect(error?.source.hasPrefix(label) == true)
    }

    @Test("truncated PEM is refused")
    func truncatedPEM() throws {
        let pem = Self.sample.pemString
        let withoutEnd = String(pem.prefix(pem.count / 2))
        let lines = pem.split(separator: "\n")
        let shortBody = ([lines[0], lines[1], lines[2]] + [lines.last!]).joined(separator: "\n")
        // The message counts the BEGIN and END lines of a block cut short, or of a second block cut
        // short; a whole block whose body is cut short holds truncated DER.
        let cases: [(text: String, detail: String)] = [
            (withoutEnd, "1 BEGIN line(s) but 0 END line(s)"), (pem + withoutEnd, "2 BEGIN line(s) but 1 END line(s)"),
            (shortBody, "the DER ends in the middle of a field"),
        ]
        for (text, detail) in cases {
            let error = #expect(throws: IdentityError.self) { try AutoID.parseAll(Array(text.utf8), source: "cut.pem") }
            #expect(error?.code == .malformed)
            #expect(error?.description.contains(detail) == true, "\(String(describing: error))")
        }
    }

    @Test("a PEM block that is not a certificate is named")
    func wrongPEMBlock() throws {
        let key = KeyEncoding.pem(for: Ed25519PrivateKey())
        let error = #expect(throws: IdentityError.self) {
            try AutoID.parseAll(Array((Self.sample.pemString + key).utf8), source: "mixed.pem")
        }
        #expect(error?.description.contains("'PRIVATE KEY'") == true)
        #expect(error?.source == "mixed.pem (PEM block 2)")
    }

    @Test("inputs over 1 MiB are refused as too large, in memory and on disk")
    func huge() throws {
        let big = [UInt8](repeating: 0x30, count: AutoIDFile.sizeLimit + 1)
        #expect(
            throws: IdentityError(
                .tooLarge, source: "big",
                detail: "\(big.count) bytes is larger than the \(AutoIDFile.sizeLimit)-byte limit for certificate files")
        ) {
            try AutoID.parseAll(big, source: "big")
        }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("huge.pem")
        let padding = String(repeating: "A", count: 3 << 19)
        try Data((Self.sample.pemString + padding).utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: IdentityError.self) { try AutoIDFile.load(path: path) }
        #expect(error?.code == .tooLarge)
        #expect(error?.description.contains("huge.pem") == true)
    }

    @Test("a missing file is a file error, not a certificate error")
    func missingFile() throws {
        #expect(throws: (any Error).self) { try AutoIDFile.load(path: "/nonexistent/autoid/cert.pem") }
    }

    @Test("random bytes never parse and never crash")
    func randomBytes() throws {
        var generator = SeededGenerator(seed: 0x5eed_1234)
        for round in 0..<2000 {
            var bytes = (0..<Int.random(in: 0...600, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if round % 2 == 0, !bytes.isEmpty { bytes[0] = 0x30 }  // look like DER half the time
            if round % 4 == 1 {  // or look like PEM
                bytes = Array("-----BEGIN CERTIFICATE-----\n".utf8) + bytes + Array("\n-----END CERTIFICATE-----\n".utf8)
            }
            #expect(throws: IdentityError.self) { try AutoID.parseAll(bytes, source: "random") }
        }
    }

    @Test("every truncation of a certificate is refused")
    func everyTruncation() throws {
        var certificates = [Self.sample.derBytes]
        if Fixtures.available { certificates.append(try Fixtures.bytes("leaf.cert.der")) }
        for der in certificates {
            for length in 0..<der.count {
                let error = #expect(throws: IdentityError.self) { try AutoID.parseAll(Array(der[..<length])) }
                #expect(error?.code == .malformed, "length \(length)")
            }
        }
    }

    @Test("every single flipped bit-0 in an issued certificate breaks parsing or the signature")
    func everyFlip() throws {
        let key = Ed25519PrivateKey()
        let root = try AutoIDIssuer.issueRoot(
            subjectCommonName: "Flip Root", kind: .organisation, key: key, notValidBefore: Self.now,
            notValidAfter: Self.now.addingTimeInterval(86400))
        let der = root.derBytes
        var undetected: [Int] = []
        for index in der.indices {
            var damaged = der
            damaged[index] ^= 0x01
            guard let parsed = try? AutoID(derEncoded: damaged) else { continue }
            if (try? AutoIDChainVerifier.verifySignature(of: parsed, issuedBy: root)) != nil { undetected.append(index) }
        }
        #expect(undetected.isEmpty, "flips at \(undetected) were not detected")
    }

    @Test("an issuer with a non-Ed25519 key cannot issue")
    func wrongKeyType() throws {
        let ecKey = P256.Signing.PrivateKey()
        let ecRoot = try CertificateFactory.make(
            commonName: "EC Root", publicKey: .init(ecKey.publicKey), issuerKey: .init(ecKey), isCA: true)
        let key = Ed25519PrivateKey()
        let error = #expect(throws: IdentityError.self) {
            try AutoIDIssuer.issueLeaf(
                issuer: ecRoot, issuerKey: key, subjectPublicKey: key.publicKey, subjectCommonName: "x", kind: .human,
                notValidBefore: Self.now, notValidAfter: Self.now.addingTimeInterval(60))
        }
        #expect(error?.code == .wrongKeyType)
        #expect(error?.description.contains("ECDSA P-256") == true)
    }

    @Test("malformed autoid extensions are reported, not ignored")
    func malformedExtension() throws {
        // Re-sign a certificate whose subject-kind extension holds a UTF8String instead of an ENUMERATED.
        let key = P256.Signing.PrivateKey()
        var serializer = DER.Serializer()
        try serializer.serialize(ASN1UTF8String("human"))
        let certificate = try CertificateFactory.selfSignedDER(
            commonName: "Bad Kind", key: key,
            extra: .init(oid: AutoIDObjectIdentifier.subjectKind, critical: false, value: serializer.serializedBytes[...]))
        let error = #expect(throws: IdentityError.self) { try AutoID(derEncoded: certificate, source: "bad-kind") }
        #expect(error?.code == .malformed)
    }

    @Test("the extension OIDs sit under the 2.25 arc and fit swift-asn1")
    func objectIdentifiers() throws {
        #expect(AutoIDObjectIdentifier.arc.oidComponents.prefix(2) == [2, 25])
        #expect(AutoIDObjectIdentifier.subjectKind.oidComponents == AutoIDObjectIdentifier.arc.oidComponents + [1])
        #expect(AutoIDObjectIdentifier.aiModelInfo.oidComponents == AutoIDObjectIdentifier.arc.oidComponents + [2])
        // The arc is the leading 63 bits of the documented UUID.
        let hex = AutoIDObjectIdentifier.sourceUUID.replacingOccurrences(of: "-", with: "")
        let high = UInt64(hex.prefix(16), radix: 16)!
        #expect(AutoIDObjectIdentifier.arc.oidComponents[2] == UInt(high >> 1))
    }
}
