import AutoIDFiles
import AutoIDHashing
import AutoIDSigning
import AutoIDTestSupport
import Foundation
import Testing

@testable import AutoIDManifest

@Suite("Signing and verifying content")
struct VerificationTests {
    struct Fixture {
        let directory: TemporaryDirectory
        let key = Ed25519PrivateKey()
        let names = ["a.txt", "b.bin", "empty"]
        let envelope: Envelope

        init() throws {
            let directory = try TemporaryDirectory()
            self.directory = directory
            var random = TestRandom(seed: 42)
            try directory.write("a.txt", Array("hello\n".utf8))
            try directory.write("b.bin", random.bytes(70_000))
            try directory.write("empty", [])
            let inputs = ["a.txt", "b.bin", "empty"].map { ContentSigner.Input(name: $0, source: .file(.init(directory.file($0)))) }
            let statement = try ContentSigner.statement(
                for: inputs, algorithms: HashAlgorithm.allCases,
                predicate: ContentPredicate.make(created: "2026-11-25T00:00:00Z", tool: "test"))
            envelope = ContentSigner.envelope(for: statement, signedBy: key)
        }

        func verify(_ envelope: Envelope, with key: Ed25519PublicKey? = nil) throws -> VerificationReport {
            try ContentVerifier.verify(
                envelope, source: "e", key: key ?? self.key.publicKey, locator: SubjectLocator(baseDirectory: directory.path))
        }
    }

    @Test func untouchedContentVerifies() throws {
        let fixture = try Fixture()
        let report = try fixture.verify(fixture.envelope)
        #expect(report.isVerified)
        #expect(report.subjects.map(\.name) == fixture.names)
        #expect(report.subjects.allSatisfy { $0.checked == ["blake2b", "blake3", "sha256"] })
    }

    @Test func statementListsEveryFileWithItsDigests() throws {
        let fixture = try Fixture()
        let statement = try Statement(jsonBytes: fixture.envelope.payload, source: "e")
        #expect(statement.subjects.map(\.name) == fixture.names)
        #expect(statement.subjects[2].digests["sha256"] == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(statement.predicateType == ContentPredicate.type)
    }

    @Test func oneFlippedBitInContentFails() throws {
        let fixture = try Fixture()
        var bytes = try fixture.directory.read("b.bin")
        bytes[12_345] ^= 0x10
        try fixture.directory.write("b.bin", bytes)
        let report = try fixture.verify(fixture.envelope)
        #expect(!report.isVerified)
        #expect(report.subjects[1].status == .mismatch(algorithms: ["blake2b", "blake3", "sha256"]))
        #expect(report.subjects[0].status == .ok)
    }

    @Test func oneFlippedBitInPayloadOrSignatureFails() throws {
        let fixture = try Fixture()
        for bit in stride(from: 0, to: fixture.envelope.payload.count * 8, by: 97) {
            var tampered = fixture.envelope
            tampered.payload[bit / 8] ^= 1 << UInt8(bit % 8)
            #expect(try fixture.verify(tampered).signature == .invalid)
        }
        for bit in 0..<512 {
            var tampered = fixture.envelope
            tampered.signatures[0].signature[bit / 8] ^= 1 << UInt8(bit % 8)
            #expect(try fixture.verify(tampered).signature == .invalid)
        }
        var retyped = fixture.envelope
        retyped.payloadType = "application/json"
        #expect(try fixture.verify(retyped).signature == .invalid)
    }

    @Test func reorderedSubjectsFail() throws {
        let fixture = try Fixture()
        var statement = try Statement(jsonBytes: fixture.envelope.payload, source: "e")
        statement.subjects.reverse()
        var tampered = fixture.envelope
        tampered.payload = statement.jsonBytes()
        #expect(try fixture.verify(tampered).signature == .invalid)
    }

    @Test func anotherKeyIsUntrustedNotTampered() throws {
        let fixture = try Fixture()
        let other = Ed25519PrivateKey().publicKey
        #expect(try fixture.verify(fixture.envelope, with: other).signature == .untrustedKey(keyIDs: [fixture.key.publicKey.keyID]))
    }

    @Test func coSignedEnvelopeVerifiesWithEitherKey() throws {
        let fixture = try Fixture()
        let second = Ed25519PrivateKey()
        var envelope = fixture.envelope
        envelope.sign(with: second)
        #expect(try fixture.verify(envelope).isVerified)
        #expect(try fixture.verify(envelope, with: second.publicKey).isVerified)
    }

    @Test func missingContentIsReportedNotFatal() throws {
        let fixture = try Fixture()
        try FileManagerShim.remove(fixture.directory.file("a.txt"))
        let report = try fixture.verify(fixture.envelope)
        guard case .unreadable(let error) = report.subjects[0].status else {
            Issue.record("expected unreadable, got \(report.subjects[0].status)")
            return
        }
        #expect(error.code == .notFound)
        #expect(report.subjects[1].status == .ok)
    }

    @Test func unknownDigestsAreReportedAsUnchecked() throws {
        let fixture = try Fixture()
        let statement = Statement(
            subjects: [
                .init(name: "a.txt", digests: ["sha256": "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03", "sha512": "00"]),
                .init(name: "empty", digests: ["md5": "d41d8cd98f00b204e9800998ecf8427e"]),
            ],
            predicateType: "x", predicate: .null)
        let envelope = ContentSigner.envelope(for: statement, signedBy: fixture.key)
        let report = try fixture.verify(envelope)
        #expect(report.subjects[0].status == .ok)
        #expect(report.subjects[0].unchecked == ["sha512"])
        #expect(report.subjects[1].status == .noKnownDigest)
        #expect(!report.isVerified)
    }

    @Test(arguments: [
        ("[]", "not a JSON object"),
        ("{\"_type\":\"x\"}", "unknown statement type"),
        ("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[]}", "payload.subject"),
        (
            "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"a\",\"digest\":{\"sha256\":\"zz\"}}],\"predicateType\":\"p\"}",
            "payload.subject[0].digest.sha256"
        ),
        ("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"digest\":{\"sha256\":\"00\"}}],\"predicateType\":\"p\"}", "payload.subject[0].name"),
    ])
    func signedButMalformedStatementsAreMalformedInput(payload: String, expected: String) throws {
        let fixture = try Fixture()
        var envelope = Envelope(payloadType: Statement.payloadType, payload: Array(payload.utf8))
        envelope.sign(with: fixture.key)
        #expect {
            _ = try fixture.verify(envelope)
        } throws: { error in
            (error as? ManifestError)?.description.contains(expected) ?? false
        }
    }
}

enum FileManagerShim {
    static func remove(_ path: String) throws { try FileManager.default.removeItem(atPath: path) }
}
