import AutoIDFiles
import AutoIDHashing
import AutoIDJSON
import AutoIDManifest
import AutoIDTestSupport
import AutoIDVerdict
import Foundation
import Testing

@testable import AutoIDMinisign
@testable import AutoIDSigning

/// Swift Testing has an ExitStatus of its own; ours is the one meant here.
typealias ExitStatus = AutoIDVerdict.ExitStatus

/// Files written by the real minisign 0.11 and signify-openbsd 31 (scripts/minisign-vectors.sh prints
/// them), typed in: a key made with `minisign -G -W`, signatures of "hello\n" in both algorithms, and a
/// signify key, signature and signed checksum list.
enum Vectors {
    static let content = Array("hello\n".utf8)
    static let publicKey = """
        untrusted comment: minisign public key 810DBBB4078E8AF8
        RWT4io4HtLsNgXFB3El4EGgOnrLdnI4hfqoR+X1T6wbgD2hIcOyp+49J

        """
    static let secretKey = """
        untrusted comment: minisign encrypted secret key
        RWQAAEIyAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+IqOB7S7DYFCAsk9KHGoksdEtS5tDzIBc4VIJ3dYC+ulNihIjtEEzHFB3El4EGgOnrLdnI4hfqoR+X1T6wbgD2hIcOyp+49JAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=

        """
    static let prehashed = """
        untrusted comment: signature from minisign secret key
        RUT4io4HtLsNgU/88aCk+nKJHLTbNnWlaKUAlTC6FEtES3ZB67HWVYO7o1gtqE+1Vp42vwjgHHA4ACajLoxMSJvypX7XLc7FMA0=
        trusted comment: timestamp:1796117848\tfile:f\thashed
        r6o/rQYHWvYJPWeZTm5/i5ZrBPBBfFA6ejjf81LD4mbNN68OuIpUJBzO2E1Xy0FG25abHO47Zpvl+lVdEso6Cg==

        """
    static let legacy = """
        untrusted comment: signature from minisign secret key
        RWT4io4HtLsNgcTf7PmAQVYmmJ9Mm8Z8SAvWGAN6GB8yHLEOwYoCbGjSQ5zy949pWkBg6CUvtnf/gQaL57NL82T9wVFkCwB4rwo=
        trusted comment: timestamp:1796117848\tfile:f
        rbt9CuCiEUhi+4x+tts3KF7kTwBg7XM89GMHXo9j4gSMzcfKR3VVy2LTb5RHk5VRKjVAKExYpu5dyyFzabR3Bw==

        """
    /// `minisign -G` with the password "pw": scrypt with 2^25 operations and 1 GiB.
    static let encryptedPublicKey = "RWTGSJSWhHGDQDFGuwfoLSm7XjK/bHUVU0e7N+AvvRCeVE7W/bc968dl"
    static let encryptedSecretKey = """
        untrusted comment: minisign encrypted secret key
        RWRTY0IyVF6SaBW02u3Q5dcsmRxrbCQEuIjLOr8fHNTgbc+V9dEAAAACAAAAAAAAAEAAAAAAh51vYekfbuPlpIRH1lwLPDU+rS9U6gktkAqIil/bED32w8Cnir0uC1p9D2BrZPPyzxa0rkOCIT4b1+95qpKrtZ3u1O/LbzN9H6I+aD3M7nR+MN5RUdSv4cYz4yQoPihCUzT5L2Jl/7A=

        """
    static let signifyPublicKey = """
        untrusted comment: signify public key
        RWRphB+/2DTh096f3vAfaVodQv4O0Ztz5SmtLVzZh1zlboltmHKecBEs

        """
    static let signifySignature = """
        untrusted comment: verify with sy.pub
        RWRphB+/2DTh0646IB1t+GZ2rajoi+4q+CEl/kDaQoHNoaxz4DXKjke2blYVlmNYTL5CJqLdLyiSaDeRZckcNus/l/qv2dR+xAM=

        """
    static let signedList = """
        untrusted comment: verify with sy.pub
        RWRphB+/2DTh04Y2LwxQ9TwKVc9trtVjgKNJ59dFkkaadJ0fPT/v/Ymn6tYhCEYCiMsaPTXk2KO7+DFlDnnlnuEQIMleDn2I/Qc=
        SHA256 (f) = 5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03

        """
    /// python3 hashlib.scrypt(b"pw", salt=32 x 0x01, n=2^14, r=8, p=1, dklen=104).
    static let scryptAnswer =
        "e7ae4f7b45ffa5bb322299af673b50ebbd0166d4a90f9f1f25d8101a545a86776ec2b3649180cf8aab7e5cc4fd3714bb1ad29859574e8ced02a1b1e315387aeba3f435c43d078c66cc31cae860c9a2d675de3e423a49b9b9bae6200b58e43602a1ce08a21d7ed185"

    static func key() throws -> MinisignPublicKey {
        try MinisignPublicKey(fileBytes: Array(publicKey.utf8), source: "un.pub")
    }
}

@Suite("minisign and signify formats")
struct MinisignFormatTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
        _ = try directory.write("f", Vectors.content)
    }

    func verify(_ signature: String, format: MinisignVerifier.Format = .minisign, key: MinisignPublicKey? = nil) throws -> MinisignResult {
        let path = try directory.write("f.sig-under-test", Array(signature.utf8))
        return MinisignVerifier.verify(.init(file: directory.file("f"), signature: path), key: try key ?? Vectors.key(), format: format)
    }

    @Test func publicKeyFileAndBase64() throws {
        let key = try Vectors.key()
        #expect(key.keyIDText == "810DBBB4078E8AF8")
        #expect(try MinisignPublicKey(base64: "RWT4io4HtLsNgXFB3El4EGgOnrLdnI4hfqoR+X1T6wbgD2hIcOyp+49J") == key)
        #expect(key.fileText == Vectors.publicKey)
    }

    @Test func realSignaturesVerify() throws {
        for text in [Vectors.prehashed, Vectors.legacy] {
            let result = try verify(text)
            guard case .verified = result.outcome else {
                Issue.record("\(result.outcome)")
                continue
            }
            #expect(result.status == .ok)
        }
        #expect(try verify(Vectors.prehashed).signature?.trustedComment == "timestamp:1796117848\tfile:f\thashed")
    }

    @Test("-o: the verified content goes to the writer, only when it verified")
    func writingVerifiedContent() throws {
        for text in [Vectors.prehashed, Vectors.legacy] {
            let path = try directory.write("f.minisig", Array(text.utf8))
            var written: [UInt8] = []
            let result = try MinisignVerifier.verify(.init(file: directory.file("f"), signature: path), key: try Vectors.key(), format: .minisign) {
                written += $0
            }
            #expect(result.status == .ok)
            #expect(written == Vectors.content)
        }
        _ = try directory.write("f", Array("hellO\n".utf8))
        for text in [Vectors.prehashed, Vectors.legacy, Vectors.prehashed.replacing("file:f", with: "file:g")] {
            let path = try directory.write("f.minisig", Array(text.utf8))
            var calls = 0
            let result = try MinisignVerifier.verify(.init(file: directory.file("f"), signature: path), key: try Vectors.key(), format: .minisign) { _ in
                calls += 1
            }
            #expect(result.status == .verificationFailed)
            #expect(calls == 0)
        }
    }

    @Test func tamperedContentCommentAndKey() throws {
        _ = try directory.write("f", Array("hellO\n".utf8))
        let content = try verify(Vectors.prehashed)
        guard case .signatureMismatch = content.outcome else {
            Issue.record("\(content.outcome)")
            return
        }
        #expect(content.status == .verificationFailed)
        _ = try directory.write("f", Vectors.content)
        let comment = try verify(Vectors.prehashed.replacing("file:f", with: "file:g"))
        guard case .trustedCommentMismatch = comment.outcome else {
            Issue.record("\(comment.outcome)")
            return
        }
        #expect(comment.status == .verificationFailed)
        let other = try MinisignPublicKey(base64: Vectors.encryptedPublicKey)
        let wrongKey = try verify(Vectors.prehashed, key: other)
        guard case .keyMismatch = wrongKey.outcome else {
            Issue.record("\(wrongKey.outcome)")
            return
        }
        #expect(wrongKey.status == .untrusted)
        // Same key id, other key: the signature does not verify.
        let impostor = MinisignPublicKey(keyID: try Vectors.key().keyID, key: other.key)
        guard case .signatureMismatch = try verify(Vectors.prehashed, key: impostor).outcome else {
            Issue.record("impostor")
            return
        }
    }

    @Test func aBatchChecksWithAPreparedKeyAndGivesTheSameVerdicts() throws {
        // Many files under one key go through Ed25519PreparedKey instead of libsodium: the same outcome
        // for every case, valid or not.
        _ = try directory.write("g", Array("hellO\n".utf8))
        let good = try directory.write("good.minisig", Array(Vectors.prehashed.utf8))
        let legacy = try directory.write("legacy.minisig", Array(Vectors.legacy.utf8))
        let comment = try directory.write("comment.minisig", Array(Vectors.prehashed.replacing("file:f", with: "file:g").utf8))
        let cases: [MinisignVerifier.Item] = [
            .init(file: directory.file("f"), signature: good), .init(file: directory.file("f"), signature: legacy),
            .init(file: directory.file("f"), signature: comment), .init(file: directory.file("g"), signature: good),
            .init(file: directory.file("g"), signature: legacy),
        ]
        let items = Array([[MinisignVerifier.Item]](repeating: cases, count: Ed25519SignatureChecker.preparedFrom).joined())
        let batch = MinisignVerifier.verify(items, key: try Vectors.key(), format: .minisign)
        let single = try items.map { MinisignVerifier.verify($0, key: try Vectors.key(), format: .minisign) }
        #expect(batch.prefix(5).map(\.status) == [.ok, .ok, .verificationFailed, .verificationFailed, .verificationFailed])
        #expect(batch.map { "\($0.outcome)" } == single.map { "\($0.outcome)" })
    }

    @Test func missingFilesAndTheirStatuses() throws {
        let missingSignature = MinisignVerifier.verify(
            .init(file: directory.file("f"), signature: directory.file("nope")), key: try Vectors.key(), format: .minisign)
        #expect(missingSignature.status == .ioError)
        let path = try directory.write("g.minisig", Array(Vectors.prehashed.utf8))
        let missingFile = MinisignVerifier.verify(.init(file: directory.file("g"), signature: path), key: try Vectors.key(), format: .minisign)
        #expect(missingFile.status == .ioError)
        #expect(missingFile.textLine(keyName: "k").contains("MISSING"))
    }

    /// Ed25519 is deterministic, so our signature of the same content with the same key and trusted
    /// comment is byte for byte what minisign wrote.
    @Test func ourSignaturesEqualMinisigns() throws {
        let key = try MinisignSecretKey(fileBytes: Array(Vectors.secretKey.utf8), source: "un.key", passphrase: nil)
        #expect(key.publicKey == (try Vectors.key()))
        for (text, algorithm, comment) in [
            (Vectors.prehashed, MinisignSignature.Algorithm.prehashed, "timestamp:1796117848\tfile:f\thashed"),
            (Vectors.legacy, .legacy, "timestamp:1796117848\tfile:f"),
        ] {
            let signature = try MinisignSigner.sign(path: directory.file("f"), key: key, algorithm: algorithm, trustedComment: nil, now: 1_796_117_848)
            #expect(signature.trustedComment == comment)
            #expect(signature.fileText == text)
        }
    }

    @Test func signifySignatureAndChecksumList() throws {
        let key = try MinisignPublicKey(fileBytes: Array(Vectors.signifyPublicKey.utf8), source: "sy.pub")
        let result = try verify(Vectors.signifySignature, format: .signify, key: key)
        guard case .verified = result.outcome else {
            Issue.record("\(result.outcome)")
            return
        }
        let list = try directory.write("SHA256.sig", Array(Vectors.signedList.utf8))
        let locator = SubjectLocator(baseDirectory: directory.path)
        let report = try SignifyChecker.check(signaturePath: list, key: key, locator: locator)
        #expect(report.status == .ok)
        #expect(report.subjects.map(\.name) == ["f"])
        // A file asked for that the list does not hold fails.
        #expect(try SignifyChecker.check(signaturePath: list, key: key, selecting: ["f", "other"], locator: locator).status == .verificationFailed)
        // A changed list no longer verifies; a changed file is a mismatch.
        let altered = try directory.write("bad.sig", Array(Vectors.signedList.replacing("SHA256 (f)", with: "SHA256 (g)").utf8))
        #expect(try SignifyChecker.check(signaturePath: altered, key: key, locator: locator).signature == .invalid)
        _ = try directory.write("f", Array("tampered".utf8))
        #expect(try SignifyChecker.check(signaturePath: list, key: key, locator: locator).subjects.first?.status == .mismatch(algorithms: ["SHA256"]))
    }

    @Test func scryptParametersAsLibsodiumPicksThem() throws {
        let sensitive = try ScryptParameters(opsLimit: 1 << 25, memLimit: 1 << 30, source: "k")
        #expect(sensitive.costLog2 == 20 && sensitive.blockSize == 8 && sensitive.parallelism == 1)
        let small = try ScryptParameters(opsLimit: 1 << 19, memLimit: 1 << 25, source: "k")
        #expect(small.costLog2 == 14 && small.blockSize == 8 && small.parallelism == 1)
        var bytes = Array("pw".utf8)
        let derived = try small.derive(passphrase: Passphrase(consuming: &bytes), salt: [UInt8](repeating: 1, count: 32), count: 104, source: "k")
        #expect(Hex.encode(derived) == Vectors.scryptAnswer)
    }

    @Test func encryptedKeysRoundTripAndRefuseWrongPassphrases() throws {
        let key = MinisignSecretKey(converting: Ed25519PrivateKey())
        var pass = Array("correct horse".utf8)
        let passphrase = try Passphrase(consuming: &pass)
        let file = try key.fileBytes(passphrase: passphrase, opsLimit: 1 << 19, memLimit: 1 << 25)
        let opened = try MinisignSecretKey(fileBytes: file, source: "k", passphrase: { passphrase })
        #expect(opened.keyID == key.keyID)
        #expect(opened.publicKey == key.publicKey)
        #expect(throws: SigningError.wrongPassphrase(source: "k")) {
            var wrong = Array("wrong horse".utf8)
            let other = try Passphrase(consuming: &wrong)
            _ = try MinisignSecretKey(fileBytes: file, source: "k", passphrase: { other })
        }
        let missing = #expect(throws: SigningError.self) { _ = try MinisignSecretKey(fileBytes: file, source: "k", passphrase: nil) }
        #expect(missing?.code == .encryptedKey)
        // Unencrypted, with the real checksum.
        let plain = try key.fileBytes(passphrase: nil)
        #expect(try MinisignSecretKey(fileBytes: plain, source: "k", passphrase: nil).publicKey == key.publicKey)
    }

    /// A key made by `minisign -G` with the password "pw" opens (scrypt with 1 GiB, a few seconds).
    @Test func realEncryptedKeyOpens() throws {
        var pass = Array("pw".utf8)
        let passphrase = try Passphrase(consuming: &pass)
        let key = try MinisignSecretKey(fileBytes: Array(Vectors.encryptedSecretKey.utf8), source: "enc.key", passphrase: { passphrase })
        #expect(key.publicKey == (try MinisignPublicKey(base64: Vectors.encryptedPublicKey)))
    }

    /// Trusted comments and names are the signer's: a line break or escape sequence never reaches the
    /// terminal raw, and minisign's tabs stay.
    @Test func reportsEscapeWhatTheSignerChose() throws {
        #expect(MinisignResult.displayComment("timestamp:1\tfile:a\nb: OK\u{1b}[2J") == "timestamp:1\tfile:a\\nb: OK\\e[2J")
        let result = MinisignResult(file: "x\ny: OK", signaturePath: "s", format: .minisign, signature: nil, outcome: .signatureMismatch)
        #expect(!result.textLine(keyName: "k").contains("\n"))
        #expect(result.status == .verificationFailed)
        let json = MinisignResult.batchJSON([result])
        #expect(json["exitCode"]?.intValue == 1 && json["verified"] == .bool(false))
    }

    @Test func pemKeysConvertWithAStableKeyID() throws {
        let key = Ed25519PrivateKey()
        let converted = MinisignPublicKey(converting: key.publicKey)
        #expect(Hex.encode(converted.keyID) == String(key.publicKey.keyID.prefix(16)))
        #expect(MinisignSecretKey(converting: key).publicKey == converted)
    }
}
