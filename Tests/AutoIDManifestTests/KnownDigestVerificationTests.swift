import AutoIDFiles
import AutoIDHashing
import AutoIDSigning
import AutoIDTestSupport
import Testing

@testable import AutoIDManifest

/// Verifying against digests computed elsewhere (an archive stream) gives the report reading the files
/// gives: same verdicts, text and JSON, apart from where the content was read.
@Suite("Verifying subjects against known digests")
struct KnownDigestVerificationTests {
    static func setUp() throws -> (TemporaryDirectory, Ed25519PrivateKey, Envelope) {
        let directory = try TemporaryDirectory()
        try directory.write("a.txt", Array("hello\n".utf8))
        var random = TestRandom(seed: 5)
        try directory.write("b.bin", random.bytes(90_000))
        let key = Ed25519PrivateKey()
        let inputs = ["a.txt", "b.bin"].map { ContentSigner.Input(name: $0, source: .file(.init(directory.file($0)))) }
        let statement = try ContentSigner.statement(
            for: inputs, algorithms: HashAlgorithm.allCases, predicate: ContentPredicate.make(created: "2026-12-01T00:00:00Z", tool: "test"))
        return (directory, key, ContentSigner.envelope(for: statement, signedBy: key))
    }

    static func known(_ directory: TemporaryDirectory, _ name: String, algorithms: [HashAlgorithm] = HashAlgorithm.allCases) throws
        -> ContentVerifier.KnownContent
    {
        let digest = try ContentDigester.digest(.file(.init(directory.file(name))), algorithms: algorithms)
        return ContentVerifier.KnownContent(digest: digest, location: directory.file(name))
    }

    @Test("the same report as reading the files, when the content is intact, altered or missing")
    func sameReport() throws {
        let (directory, key, envelope) = try Self.setUp()
        let a = try Self.known(directory, "a.txt")
        let b = try Self.known(directory, "b.bin")
        let fromFiles = try ContentVerifier.verify(envelope, source: "e", key: key.publicKey, locator: SubjectLocator(baseDirectory: directory.path))
        let fromDigests = try ContentVerifier.verify(envelope, source: "e", key: key.publicKey, container: "c") { ["a.txt": a, "b.bin": b][$0] }
        #expect(fromDigests.status == .ok)
        #expect(fromDigests.json == fromFiles.json)
        #expect(fromDigests.textLines(keyName: "k") == fromFiles.textLines(keyName: "k"))

        var other = TestRandom(seed: 6)
        try directory.write("b.bin", other.bytes(90_000))
        let altered = try Self.known(directory, "b.bin")
        let mismatch = try ContentVerifier.verify(envelope, source: "e", key: key.publicKey, container: "c") { ["a.txt": a, "b.bin": altered][$0] }
        let fileMismatch = try ContentVerifier.verify(envelope, source: "e", key: key.publicKey, locator: SubjectLocator(baseDirectory: directory.path))
        #expect(mismatch.status == .verificationFailed)
        #expect(mismatch.textLines(keyName: "k") == fileMismatch.textLines(keyName: "k"))

        let missing = try ContentVerifier.verify(envelope, source: "e", key: key.publicKey, container: "bundle.tar") { $0 == "a.txt" ? a : nil }
        #expect(missing.status == .ioError)
        #expect(missing.textLines(keyName: "k")[1] == "b.bin: MISSING (b.bin: cannot find: no such file (not in bundle.tar))")

        let wrongKey = try ContentVerifier.verify(envelope, source: "e", key: Ed25519PrivateKey().publicKey, container: "c") { _ in a }
        #expect(wrongKey.status == .untrusted)
    }

    @Test("digests the caller did not compute are unchecked; none left fails")
    func partialDigests() throws {
        let (directory, key, envelope) = try Self.setUp()
        let onlySHA = try Self.known(directory, "a.txt", algorithms: [.sha256])
        let b = try Self.known(directory, "b.bin")
        let report = try ContentVerifier.verify(envelope, source: "e", key: key.publicKey, container: "c") { ["a.txt": onlySHA, "b.bin": b][$0] }
        #expect(report.subjects[0].checked == ["sha256"])
        #expect(report.subjects[0].unchecked == ["blake2b", "blake3"])
        #expect(report.status == .ok)
    }
}
