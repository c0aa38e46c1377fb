import AutoIDFiles
import AutoIDHashing
import AutoIDManifest
import AutoIDTestSupport
import Foundation
import Testing

@testable import AutoIDMinisign
@testable import AutoIDSigning

/// Every parser against truncated, oversized, random and malicious input: each must fail with its own
/// error (never crash, never hang, never allocate what the file asks for).
@Suite("minisign and signify parsers on hostile input")
struct MinisignHostileInputTests {
    static func key(_ raw: [UInt8]) -> [UInt8] {
        Array("untrusted comment: k\n\(Base64.encode(raw))\n".utf8)
    }

    /// The real unencrypted key's 158 bytes.
    static var secretRaw: [UInt8] {
        Base64.decode(String(Vectors.secretKey.split(separator: "\n")[1]))!
    }

    @Test func everyTruncationOfASignatureIsMalformed() {
        let bytes = Array(Vectors.prehashed.utf8)
        // Every prefix that cuts the last base64 line short or drops a line.
        for length in 0..<(bytes.count - 2) {
            #expect(throws: MinisignError.self, "prefix \(length)") {
                _ = try MinisignSignature(minisign: Array(bytes[..<length]), source: "s")
            }
        }
        #expect(throws: MinisignError.self) { _ = try MinisignSignature.signify(Array(bytes[..<20]), source: "s") }
    }

    @Test func oversizedAndOverlongInputs() {
        let huge = [UInt8](repeating: 0x41, count: MinisignSignature.sizeLimit + 1)
        #expect(throws: MinisignError.self) { _ = try MinisignSignature(minisign: huge, source: "s") }
        let longComment =
            "untrusted comment: " + String(repeating: "x", count: 2000) + "\n" + Vectors.prehashed.split(separator: "\n").dropFirst().joined(separator: "\n")
        #expect(throws: MinisignError.self) { _ = try MinisignSignature(minisign: Array(longComment.utf8), source: "s") }
        let longTrusted = Vectors.prehashed.replacing("file:f", with: String(repeating: "y", count: 9000))
        #expect(throws: MinisignError.self) { _ = try MinisignSignature(minisign: Array(longTrusted.utf8), source: "s") }
        #expect(throws: SigningError.self) { _ = try MinisignPublicKey(fileBytes: [UInt8](repeating: 0x41, count: 5000), source: "p") }
        #expect(throws: SigningError.self) { _ = try MinisignPublicKey(base64: String(repeating: "A", count: 100_000)) }
        let list = Array(("SHA256 (" + String(repeating: "n", count: 5000) + ") = " + String(repeating: "0", count: 64)).utf8)
        #expect(throws: MinisignError.self) { _ = try SignifyChecksumList(parsing: list[...], source: "l") }
    }

    @Test func wrongAlgorithmBytes() throws {
        var raw = Base64.decode(String(Vectors.prehashed.split(separator: "\n")[1]))!
        raw[0] = UInt8(ascii: "X")
        let text = Vectors.prehashed.replacing(String(Vectors.prehashed.split(separator: "\n")[1]), with: Base64.encode(raw))
        let error = #expect(throws: MinisignError.self) { _ = try MinisignSignature(minisign: Array(text.utf8), source: "s") }
        #expect(error?.code == .unsupported)
        #expect(throws: SigningError.self) { _ = try MinisignPublicKey(base64: Base64.encode(Array("Xd".utf8) + [UInt8](repeating: 0, count: 40))) }
        var secret = Self.secretRaw
        secret[0] = UInt8(ascii: "E")
        secret[1] = UInt8(ascii: "X")
        #expect(throws: SigningError.self) { _ = try MinisignSecretKey(fileBytes: Self.key(secret), source: "k", passphrase: nil) }
        secret = Self.secretRaw
        secret[2] = UInt8(ascii: "A")
        secret[3] = UInt8(ascii: "r")
        let kdf = #expect(throws: SigningError.self) { _ = try MinisignSecretKey(fileBytes: Self.key(secret), source: "k", passphrase: nil) }
        #expect(kdf?.code == .unsupportedEncryption)
        secret = Self.secretRaw
        secret[4] = 0
        #expect(throws: SigningError.self) { _ = try MinisignSecretKey(fileBytes: Self.key(secret), source: "k", passphrase: nil) }
    }

    @Test func base64Garbage() {
        for garbage in [
            "!!!!", "RWT4io4HtLsNg", "RWT4io4HtLsNgXFB3El4EGgOnrLdnI4hfqoR+X1T6wbgD2hIcOyp+49J==", "RWT4io4H tLsNgXFB3El4EGgOnrLdnI4hfqoR+X1T6wbgD2hIcOyp+49J",
            "RWT4io4HtLsNgXFB3El4EGgOnrLdnI4hfqoR-X1T6wbgD2hIcOyp_49J",
        ] {
            #expect(throws: SigningError.self, "\(garbage)") { _ = try MinisignPublicKey(base64: garbage) }
        }
        let text = Vectors.prehashed.replacing("RUT4io4H", with: "RUT4io4*")
        #expect(throws: MinisignError.self) { _ = try MinisignSignature(minisign: Array(text.utf8), source: "s") }
    }

    /// Huge scrypt limits are refused before the passphrase is asked for or memory allocated.
    @Test func hugeScryptLimitsAreRefused() throws {
        for (ops, mem) in [(UInt64.max, UInt64.max), (1 << 30, 1 << 40), (1 << 40, 1 << 30), (UInt64.max, 0)] {
            var secret = Self.secretRaw
            secret[2] = UInt8(ascii: "S")
            secret[3] = UInt8(ascii: "c")
            secret.replaceSubrange(38..<46, with: MinisignSecretKey.littleEndianBytes(ops))
            secret.replaceSubrange(46..<54, with: MinisignSecretKey.littleEndianBytes(mem))
            let error = #expect(throws: SigningError.self, "ops \(ops) mem \(mem)") {
                _ = try MinisignSecretKey(
                    fileBytes: Self.key(secret), source: "k",
                    passphrase: {
                        Issue.record("the passphrase must not be asked for")
                        var bytes = Array("x".utf8)
                        return try Passphrase(consuming: &bytes)
                    })
            }
            #expect(error?.code == .unsupportedEncryption || error?.code == .malformedKey)
        }
    }

    @Test func damagedUnencryptedKey() {
        var secret = Self.secretRaw
        secret[70] ^= 1  // a seed byte: no longer matches the stored public key
        #expect(throws: SigningError.self) { _ = try MinisignSecretKey(fileBytes: Self.key(secret), source: "k", passphrase: nil) }
        secret = Self.secretRaw
        secret[150] = 1  // a non-zero checksum that is not the checksum
        #expect(throws: SigningError.self) { _ = try MinisignSecretKey(fileBytes: Self.key(secret), source: "k", passphrase: nil) }
    }

    @Test func randomInputNeverCrashes() {
        var random = TestRandom(seed: 13)
        for round in 0..<300 {
            let bytes = random.bytes(Int(random.next() % 400))
            let framed = Array("untrusted comment: r\n".utf8) + bytes
            for input in [bytes, framed] {
                _ = try? MinisignSignature(minisign: input, source: "r")
                _ = try? MinisignSignature.signify(input, source: "r")
                _ = try? MinisignPublicKey(fileBytes: input, source: "r")
                _ = try? MinisignSecretKey(fileBytes: input, source: "r", passphrase: nil)
                _ = try? SignifyChecksumList(parsing: input[...], source: "r")
            }
            _ = round
        }
    }

    // "\r\n" is one Character: a Character search for "\r" or "\n" does not see it; the byte check does.
    @Test func commentsHoldNoLineBreakNotEvenInCRLF() throws {
        for trusted in [true, false] {
            for comment in ["a\nb", "a\rb", "a\r\nb", "\r\n", "x\u{2028}\r\n"] {
                #expect(throws: MinisignError.self, "\(comment.debugDescription)") { try MinisignSigner.validateComment(comment, trusted: trusted) }
            }
            try MinisignSigner.validateComment("timestamp:1\tfile:a b", trusted: trusted)
        }
    }

    @Test func checksumListLinesAndHostileNames() throws {
        let hex = String(repeating: "ab", count: 32)
        let list = try SignifyChecksumList(
            parsing: Array("SHA256 (a (1).txt) = \(hex)\nSHA512 (b) = \(hex + hex)\n\nBLAKE2B (c) = 00\n".utf8)[...], source: "l")
        #expect(list.entries.map(\.name) == ["a (1).txt", "b", "c"])
        for bad in ["SHA256 (a) = zz", "SHA256 (a) = \(hex)00", "SHA256 a = \(hex)", "(a) = \(hex)", "SHA256 () = \(hex)"] {
            #expect(throws: MinisignError.self, "\(bad)") { _ = try SignifyChecksumList(parsing: Array(bad.utf8)[...], source: "l") }
        }
        let directory = try TemporaryDirectory()
        let locator = SubjectLocator(baseDirectory: directory.path)
        for name in ["/etc/passwd", "../x", "a/../../x", "-"] {
            let result = SignifyChecker.check(.init(algorithm: "SHA256", name: name, digest: [UInt8](repeating: 0, count: 32)), locator: locator)
            guard case .refused = result.status else {
                Issue.record("\(name): \(result.status)")
                continue
            }
        }
        let unknown = SignifyChecker.check(list.entries[2], locator: locator)
        #expect(unknown.status == .noKnownDigest)
    }
}
