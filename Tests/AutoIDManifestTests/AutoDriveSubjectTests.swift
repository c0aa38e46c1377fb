import AutoIDDrive
import AutoIDFiles
import AutoIDHashing
import AutoIDJSON
import AutoIDSigning
import AutoIDTestSupport
import AutoIDVerdict
import Foundation
import Testing

@testable import AutoIDManifest

/// Subjects that name their Auto Drive CID (`uri` `autodrive:...`): signed from the same read as the
/// digests, recomputed by the verifier under the signed base name. Known CIDs are those of
/// scripts/generate-cid-vectors.py (see Tests/AutoIDDriveTests/KnownCIDTests.swift).
@Suite("Auto Drive CIDs in signed subjects")
struct AutoDriveSubjectTests {
    static let helloNamed = "bafkr6idbftayihbd3gc4ig7iajype6ltflxmwiw7jp43sfyjfp5z3z6nh4"  // "hello world\n" as hello.txt
    static let aNamed = "bafkr6idz5k6d6yjptacixts4ncqihrp7jv55zip2k3mxftfrtzo5yej4hq"  // "a" as a.txt
    static let twoNamed = "bafkr6ihsx4bkfdapd6awlyicrjzdcnqa3zr35qdtuyxu4li4tyohpbf73m"  // pattern(65067) as two.bin

    struct Fixture {
        let directory: TemporaryDirectory
        let key = Ed25519PrivateKey()
        let envelope: Envelope

        /// `docs/hello.txt`, `a.txt` and `two.bin` (two chunks), signed with CIDs.
        init() throws {
            let directory = try TemporaryDirectory()
            self.directory = directory
            try FileManager.default.createDirectory(atPath: directory.file("docs"), withIntermediateDirectories: true)
            try directory.write("docs/hello.txt", Array("hello world\n".utf8))
            try directory.write("a.txt", Array("a".utf8))
            try directory.write("two.bin", (0..<65_067).map { UInt8($0 % 251) })
            let inputs = ["docs/hello.txt", "a.txt", "two.bin"].map { ContentSigner.Input(name: $0, source: .file(.init(directory.file($0)))) }
            let statement = try ContentSigner.statement(
                for: inputs, algorithms: HashAlgorithm.contentDefaults, predicate: ContentPredicate.make(created: "2026-12-01T00:00:00Z", tool: "test"),
                autoDriveCIDs: true)
            envelope = ContentSigner.envelope(for: statement, signedBy: key)
        }

        func verify(_ envelope: Envelope? = nil) throws -> VerificationReport {
            try ContentVerifier.verify(envelope ?? self.envelope, source: "e", key: key.publicKey, locator: SubjectLocator(baseDirectory: directory.path))
        }

        /// An envelope signed by the fixture's key over `statement`.
        func signed(_ statement: Statement) -> Envelope { ContentSigner.envelope(for: statement, signedBy: key) }

        /// An envelope signed by the fixture's key over a payload edited as text.
        func signed(payload edit: (String) -> String) -> Envelope {
            var envelope = Envelope(payloadType: Statement.payloadType, payload: Array(edit(String(decoding: self.envelope.payload, as: UTF8.self)).utf8))
            envelope.sign(with: key)
            return envelope
        }
    }

    @Test("signing records each subject's CID under its base name, as uri autodrive:CID beside hex digests")
    func signedCIDs() throws {
        let fixture = try Fixture()
        let statement = try Statement(jsonBytes: fixture.envelope.payload, source: "e")
        #expect(statement.subjects.map { $0.autoDriveCID?.description } == [Self.helloNamed, Self.aNamed, Self.twoNamed])
        #expect(statement.subjects.map(\.autoDriveName) == ["hello.txt", "a.txt", "two.bin"])
        #expect(statement.subjects[1].digests["sha256"] == "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb")
        let payload = String(decoding: fixture.envelope.payload, as: UTF8.self)
        #expect(payload.contains("\"uri\":\"autodrive:\(Self.helloNamed)\""))
        // Without --cid nothing changes: no uri.
        let plain = try ContentSigner.statement(
            for: [ContentSigner.Input(name: "a.txt", source: .file(.init(fixture.directory.file("a.txt"))))], algorithms: [.sha256],
            predicate: .null)
        #expect(plain.subjects[0].autoDriveCID == nil)
        #expect(!String(decoding: plain.jsonBytes(), as: UTF8.self).contains("uri"))
    }

    @Test("standard input records the CID with no name; a base name over 255 bytes is refused")
    func names() throws {
        #expect(Statement.Subject.autoDriveName(forSubject: "-") == nil)
        #expect(Statement.Subject.autoDriveName(forSubject: "dist/v1/report.pdf") == "report.pdf")
        #expect(Statement.Subject.autoDriveName(forSubject: "./a.txt") == "a.txt")
        let fixture = try Fixture()
        let long = String(repeating: "x", count: 256)
        #expect(throws: DriveError.self) {
            try ContentSigner.statement(
                for: [ContentSigner.Input(name: "d/" + long, source: .file(.init(fixture.directory.file("a.txt"))))], algorithms: [.sha256],
                predicate: .null, autoDriveCIDs: true)
        }
    }

    @Test("verification recomputes every CID in the read that checks the digests, and reports it in JSON")
    func verifies() throws {
        let fixture = try Fixture()
        let report = try fixture.verify()
        #expect(report.status == .ok)
        #expect(report.subjects.allSatisfy { $0.checked.contains("autodrive-cid") && $0.autoDriveCID?.computed == $0.autoDriveCID?.signed })
        #expect(report.textLines(keyName: "k") == ["docs/hello.txt: OK", "a.txt: OK", "two.bin: OK"])
        let subject = try #require(report.json["subjects"]?.arrayValue?.first)
        #expect(subject["autoDriveCID"]?["signed"]?.stringValue == Self.helloNamed)
        #expect(subject["autoDriveCID"]?["computed"]?.stringValue == Self.helloNamed)
        #expect(subject["autoDriveCID"]?["name"]?.stringValue == "hello.txt")
        #expect(subject["autoDriveCID"]?["status"]?.stringValue == "ok")
    }

    @Test("changed content fails its digests and its CID (exit 1)")
    func changedContent() throws {
        let fixture = try Fixture()
        var bytes = try fixture.directory.read("two.bin")
        bytes[65_066] ^= 1  // the second chunk's only byte
        try fixture.directory.write("two.bin", bytes)
        let report = try fixture.verify()
        #expect(report.status == .verificationFailed)
        #expect(report.subjects[2].status == .mismatch(algorithms: ["blake3", "sha256"]))
        #expect(report.subjects[2].autoDriveCID?.differs == true)
        #expect(report.subjects[2].textLine == "two.bin: FAILED (blake3, sha256 digests differ; Auto Drive CID differs)")
    }

    @Test("a signed CID that is not the content's fails as a mismatch (exit 1), naming both CIDs")
    func wrongSignedCID() throws {
        let fixture = try Fixture()
        // The CID of "a" as a.txt, signed for hello.txt: digests match, the CID does not.
        let envelope = fixture.signed(payload: { $0.replacingOccurrences(of: "autodrive:\(Self.helloNamed)", with: "autodrive:\(Self.aNamed)") })
        let report = try fixture.verify(envelope)
        #expect(report.status == .verificationFailed)
        #expect(report.subjects[0].status == .cidMismatch)
        #expect(
            report.subjects[0].textLine
                == "docs/hello.txt: FAILED (Auto Drive CID differs: signed \(Self.aNamed), the content under the name 'hello.txt' gives \(Self.helloNamed))")
        #expect(report.json["subjects"]?.arrayValue?.first?["status"]?.stringValue == "cid-mismatch")
        #expect(report.json["subjects"]?.arrayValue?.first?["autoDriveCID"]?["status"]?.stringValue == "mismatch")
        #expect(report.subjects[1].status == .ok)
    }

    @Test("an edited CID breaks the signature: the CID is part of what was signed")
    func editedCID() throws {
        let fixture = try Fixture()
        var tampered = fixture.envelope
        let text = String(decoding: tampered.payload, as: UTF8.self).replacingOccurrences(of: Self.helloNamed, with: Self.aNamed)
        tampered.payload = Array(text.utf8)
        #expect(try fixture.verify(tampered).signature == .invalid)
    }

    @Test("the signed base name is used, wherever the content is read: a renamed file's own name is not")
    func signedNameIsUsed() throws {
        let fixture = try Fixture()
        // The same content under another name has another CID...
        let renamed = try FileCIDBuilder.cid(of: Array("hello world\n".utf8), name: "renamed.txt")
        #expect(renamed.description != Self.helloNamed)
        // ...but the envelope is checked under the signed name, from any base directory.
        let elsewhere = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: elsewhere.file("docs"), withIntermediateDirectories: true)
        try elsewhere.write("docs/hello.txt", Array("hello world\n".utf8))
        let subject = try Statement(jsonBytes: fixture.envelope.payload, source: "e").subjects[0]
        let result = ContentVerifier.check(subject, locator: SubjectLocator(baseDirectory: elsewhere.path))
        #expect(result.status == .ok)
        #expect(result.autoDriveCID?.name == "hello.txt")
    }

    @Test("malformed CIDs and uris in a signed statement are malformed input (3); other uri schemes are left alone")
    func malformed() throws {
        let fixture = try Fixture()
        let bad: [(String, String)] = [
            ("autodrive:\(Self.helloNamed)", "autodrive:\(Self.helloNamed.dropLast(3))"),  // truncated
            ("autodrive:\(Self.helloNamed)", "autodrive:\(Self.helloNamed.uppercased())"),
            ("autodrive:\(Self.helloNamed)", "autodrive:QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG"),
            ("autodrive:\(Self.helloNamed)", "autodrive:"),
            ("autodrive:\(Self.helloNamed)", "autodrive:" + String(repeating: "b", count: 100_000)),
            ("\"uri\":\"autodrive:\(Self.helloNamed)\"", "\"uri\":5"),
            ("\"uri\":\"autodrive:\(Self.helloNamed)\"", "\"uri\":null"),
        ]
        for (from, to) in bad {
            let envelope = fixture.signed(payload: { $0.replacingOccurrences(of: from, with: to) })
            #expect(envelope.payload != fixture.envelope.payload)
            do {
                _ = try fixture.verify(envelope)
                Issue.record("\(to) was accepted")
            } catch let error as ManifestError {
                #expect(error.location == "payload.subject[0].uri", "\(to)")
                #expect(AutoIDVerdict.ExitStatus.of(error) == .malformedInput)
            }
        }
        // A name Auto Drive would never record cannot carry a CID.
        let long = "d/" + String(repeating: "y", count: 256)
        let longName = fixture.signed(payload: { $0.replacingOccurrences(of: "\"docs/hello.txt\"", with: "\"\(long)\"") })
        #expect(throws: ManifestError.self) { try fixture.verify(longName) }
        // Another scheme is someone else's: kept out of the check, the subject verifies by its digests.
        let https = fixture.signed(payload: { $0.replacingOccurrences(of: "autodrive:\(Self.helloNamed)", with: "https://example.org/hello.txt") })
        let report = try fixture.verify(https)
        #expect(report.status == .ok)
        #expect(report.subjects[0].autoDriveCID == nil)
    }

    @Test("random bytes in the uri never crash the parser")
    func randomURIs() throws {
        let fixture = try Fixture()
        var random = TestRandom(seed: 77)
        for _ in 0..<200 {
            let junk = random.bytes(Int(random.bytes(1)[0]) % 70).map { "abcdefghijklmnopqrstuvwxyz234567=!\\\"Q0".utf8.map { $0 }[Int($0) % 38] }
            let text = "autodrive:b" + String(decoding: junk, as: UTF8.self).replacingOccurrences(of: "\\", with: "").replacingOccurrences(of: "\"", with: "")
            let envelope = fixture.signed(payload: { $0.replacingOccurrences(of: "autodrive:\(Self.helloNamed)", with: text) })
            _ = try? fixture.verify(envelope)
        }
    }

    @Test("content known only by its digests (a bundle) reports the CID unchecked")
    func knownContent() throws {
        let fixture = try Fixture()
        let subject = try Statement(jsonBytes: fixture.envelope.payload, source: "e").subjects[1]
        let digest = try ContentDigester.digest(.file(.init(fixture.directory.file("a.txt"))), algorithms: HashAlgorithm.contentDefaults)
        let result = ContentVerifier.check(subject, known: .init(digest: digest, location: "b.tar:a.txt"), container: "b.tar")
        #expect(result.status == .ok)
        #expect(result.unchecked == ["autodrive-cid"])
        #expect(result.textLine == "a.txt: OK (unchecked: autodrive-cid)")
    }
}
