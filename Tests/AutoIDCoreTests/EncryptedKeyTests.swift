import AutoIDFiles
import AutoIDHashing
import AutoIDTestSupport
import Foundation
import SwiftASN1
import Testing

@testable import AutoIDSigning

/// Passphrase-protected keys: PKCS#8 `EncryptedPrivateKeyInfo` with PBES2 (scrypt or PBKDF2, AES-CBC).
///
/// Most tests use cheap key derivation through the internal `protection:` parameter (the production cost,
/// ``KeyProtection/standard``, is about a quarter of a second per key); one test checks the standard
/// parameters end to end, and the OpenSSL tests use them too.
@Suite("Passphrase-protected keys")
struct EncryptedKeyTests {
    static let cheapScrypt = KeyProtection(keyDerivation: .scrypt(costLog2: 4, blockSize: 8, parallelism: 1))
    static let cheapPBKDF2 = KeyProtection(keyDerivation: .pbkdf2(iterations: 1000, digest: .hmacSHA256))
    static let cheap: [KeyProtection] = [
        cheapScrypt, cheapPBKDF2,
        KeyProtection(keyDerivation: .pbkdf2(iterations: 10, digest: .hmacSHA1), aesKeyByteCount: 16),
        KeyProtection(keyDerivation: .pbkdf2(iterations: 10, digest: .hmacSHA512), aesKeyByteCount: 24),
        KeyProtection(keyDerivation: .scrypt(costLog2: 1, blockSize: 1, parallelism: 3)),
    ]

    static func passphrase(_ text: String) -> Passphrase {
        var bytes = Array(text.utf8)
        return try! Passphrase(consuming: &bytes)
    }

    static func load(_ bytes: [UInt8], _ text: String?) throws -> Ed25519PrivateKey {
        try KeyEncoding.privateKey(from: bytes, source: "k", passphrase: text.map { text in { passphrase(text) } })
    }

    static func code(_ body: () throws -> Void) -> SigningError.Code? {
        do { try body() } catch let error as SigningError { return error.code } catch {}
        return nil
    }

    static func der(ofPEM pem: String) throws -> [UInt8] {
        try PEMDocument(pemString: pem).derBytes
    }

    // MARK: Round trips

    @Test(arguments: cheap)
    func roundTrip(protection: KeyProtection) throws {
        let key = Ed25519PrivateKey()
        let pem = try KeyEncoding.pem(for: key, passphrase: Self.passphrase("correct horse"), protection: protection)
        #expect(pem.hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"))
        #expect(try Self.load(Array(pem.utf8), "correct horse").publicKey == key.publicKey)
        // DER without armour opens the same way.
        #expect(try Self.load(try Self.der(ofPEM: pem), "correct horse").publicKey == key.publicKey)
        // Fresh salt and IV every time.
        let again = try KeyEncoding.pem(for: key, passphrase: Self.passphrase("correct horse"), protection: protection)
        #expect(again != pem)
        // The parameters read back are the ones written.
        #expect(try EncryptedKey(der: try Self.der(ofPEM: pem), source: "k").protection == protection)
    }

    @Test func standardParametersAreWrittenAndRead() throws {
        let key = Ed25519PrivateKey()
        let start = ContinuousClock.now
        let pem = try KeyEncoding.pem(for: key, passphrase: Self.passphrase("pass"))
        let elapsed = ContinuousClock.now - start
        let parsed = try EncryptedKey(der: try Self.der(ofPEM: pem), source: "k")
        #expect(parsed.protection == KeyProtection(keyDerivation: .scrypt(costLog2: 14, blockSize: 8, parallelism: 8), aesKeyByteCount: 32))
        #expect(parsed.salt.count == 16 && parsed.iv.count == 16 && parsed.ciphertext.count == 64)
        #expect(try Self.load(Array(pem.utf8), "pass").publicKey == key.publicKey)
        // A lower bound only: shared CI machines make upper bounds flaky.
        #expect(elapsed > .milliseconds(20), "standard key derivation took only \(elapsed)")
    }

    @Test func unicodePassphrasesAreBytesAsGiven() throws {
        let key = Ed25519PrivateKey()
        let pem = try KeyEncoding.pem(for: key, passphrase: Self.passphrase("pässwörd ✓"), protection: Self.cheapScrypt)
        #expect(try Self.load(Array(pem.utf8), "pässwörd ✓").publicKey == key.publicKey)
        // The decomposed form of ä is other bytes, so another passphrase.
        #expect(Self.code { _ = try Self.load(Array(pem.utf8), "pa\u{0308}sswörd ✓") } == .wrongPassphrase)
    }

    // MARK: Passphrase problems

    @Test(arguments: [cheapScrypt, cheapPBKDF2])
    func wrongPassphraseIsOneClearError(protection: KeyProtection) throws {
        let pem = Array(try KeyEncoding.pem(for: Ed25519PrivateKey(), passphrase: Self.passphrase("right"), protection: protection).utf8)
        for wrong in ["wrong", "righ", "right ", "Right", "rightright"] {
            do {
                _ = try Self.load(pem, wrong)
                Issue.record("'\(wrong)' opened the key")
            } catch let error as SigningError {
                #expect(error.code == .wrongPassphrase)
                #expect(error.description == "k: wrong passphrase, or the key file is damaged")
            }
        }
    }

    @Test func encryptedKeyWithoutPassphraseAndPlainKeyWithout() throws {
        let key = Ed25519PrivateKey()
        let encrypted = Array(try KeyEncoding.pem(for: key, passphrase: Self.passphrase("p"), protection: Self.cheapScrypt).utf8)
        #expect(Self.code { _ = try Self.load(encrypted, nil) } == .encryptedKey)
        // A plain key never asks for a passphrase.
        let plain = Array(KeyEncoding.pem(for: key).utf8)
        let loaded = try KeyEncoding.privateKey(from: plain, source: "k") {
            Issue.record("asked for a passphrase for a plain key")
            return Self.passphrase("unused")
        }
        #expect(loaded.publicKey == key.publicKey)
        // Nor does a damaged encrypted one: structure is checked first.
        #expect(
            Self.code {
                _ = try KeyEncoding.privateKey(from: Array(encrypted.prefix(60)) + Array("\n-----END ENCRYPTED PRIVATE KEY-----\n".utf8), source: "k") {
                    Issue.record("asked for a passphrase for a damaged key")
                    return Self.passphrase("unused")
                }
            } != nil)
    }

    @Test func emptyPassphrasesAreRefused() throws {
        var empty: [UInt8] = []
        #expect(throws: SigningError(.emptyPassphrase, source: "x", detail: "the passphrase is empty; an empty passphrase protects nothing")) {
            _ = try Passphrase(consuming: &empty, source: "x")
        }
        var bytes = Array("secret".utf8)
        let passphrase = try Passphrase(consuming: &bytes)
        #expect(bytes.isEmpty)
        #expect(passphrase.count == 6)
        #expect(passphrase.matches(Self.passphrase("secret")) && !passphrase.matches(Self.passphrase("secreT")))
    }

    @Test func savingWithAPassphraseWritesNoPlaintext() throws {
        let directory = try TemporaryDirectory()
        let key = Ed25519PrivateKey()
        try KeyFile.save(
            key, privatePath: directory.file("k"), publicPath: directory.file("k.pub"), overwrite: false,
            passphrase: Self.passphrase("pw"), protection: Self.cheapScrypt)
        #expect(try directory.contents() == ["k", "k.pub"])
        let written = try directory.read("k")
        #expect(String(decoding: written, as: UTF8.self).hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"))
        let plainBody = KeyEncoding.pem(for: key).split(separator: "\n")[1]
        #expect(!String(decoding: written, as: UTF8.self).contains(plainBody))
        let der = try Self.der(ofPEM: String(decoding: written, as: UTF8.self))
        let seed = key.withSeed { Array($0) }
        #expect(!der.indices.dropLast(31).contains { Array(der[$0..<$0 + 32]) == seed })
        let mode = try FileManager.default.attributesOfItem(atPath: directory.file("k"))[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try KeyFile.loadPrivateKey(path: directory.file("k")) { Self.passphrase("pw") }.publicKey == key.publicKey)
    }

    // MARK: Hostile and unsupported input

    @Test func everyTruncationIsRefused() throws {
        let pem = Array(try KeyEncoding.pem(for: Ed25519PrivateKey(), passphrase: Self.passphrase("pw"), protection: Self.cheapScrypt).utf8)
        let der = try Self.der(ofPEM: String(decoding: pem, as: UTF8.self))
        for cut in 0..<pem.count - 1 {  // the last byte is the final newline, which PEM does not need
            #expect(throws: SigningError.self, "PEM cut at \(cut)") { _ = try Self.load(Array(pem.prefix(cut)), "pw") }
        }
        for cut in 0..<der.count {
            #expect(throws: SigningError.self, "DER cut at \(cut)") { _ = try Self.load(Array(der.prefix(cut)), "pw") }
        }
    }

    /// AES-CBC has no integrity check (neither has the format): a flip in the ciphertext block holding the
    /// first half of the seed decrypts to a different, well-formed key. Every other flip is refused.
    @Test(arguments: [cheapScrypt, cheapPBKDF2])
    func everyFlippedBitIsRefusedOrChangesOnlyTheSeed(protection: KeyProtection) throws {
        let key = Ed25519PrivateKey()
        let der = try Self.der(ofPEM: try KeyEncoding.pem(for: key, passphrase: Self.passphrase("pw"), protection: protection))
        let ciphertextStart = der.count - 64
        var accepted = 0
        for bit in 0..<der.count * 8 {
            var damaged = der
            damaged[bit / 8] ^= 1 << UInt8(bit % 8)
            do {
                let loaded = try Self.load(damaged, "pw")
                accepted += 1
                let inSecondBlock = (ciphertextStart + 16..<ciphertextStart + 32).contains(bit / 8)
                #expect(inSecondBlock || loaded.publicKey == key.publicKey, "bit \(bit) gave another key")
            } catch is SigningError {
            } catch {
                Issue.record("bit \(bit): \(error)")
            }
        }
        #expect(accepted <= 16 * 8 + 8)
    }

    @Test func unsupportedSchemesAreNamed() throws {
        let der = try Self.der(ofPEM: try KeyEncoding.pem(for: Ed25519PrivateKey(), passphrase: Self.passphrase("pw"), protection: Self.cheapScrypt))
        func replacing(_ old: [UInt8], _ new: [UInt8]) -> [UInt8] {
            let index = der.indices.first { der[$0...].starts(with: old) }!
            return Array(der[..<index]) + new + Array(der[(index + old.count)...])
        }
        func detail(_ bytes: [UInt8]) -> String? {
            do { _ = try Self.load(bytes, "pw") } catch let error as SigningError {
                #expect(error.code == .unsupportedEncryption, "\(error)")
                return error.detail
            } catch {}
            return nil
        }
        let pbes2: [UInt8] = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0d]
        let scrypt: [UInt8] = [0x2b, 0x06, 0x01, 0x04, 0x01, 0xda, 0x47, 0x04, 0x0b]
        let aes256: [UInt8] = [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x2a]
        #expect(detail(replacing(pbes2, pbes2.dropLast() + [0x0a]))?.contains("PBES1 pbeWithSHA1AndDES-CBC (1.2.840.113549.1.5.10)") == true)
        #expect(detail(replacing(scrypt, scrypt.dropLast() + [0x0c]))?.contains("key derivation function 1.3.6.1.4.1.11591.4.12 is not supported") == true)
        #expect(detail(replacing(aes256, aes256.dropLast() + [0x2e]))?.contains("aes-256-gcm (2.16.840.1.101.3.4.1.46)") == true)
        #expect(detail(replacing(aes256, aes256.dropLast() + [0x7f]))?.contains("the cipher 2.16.840.1.101.3.4.1.127;") == true)

        let pbkdf2 = try Self.der(ofPEM: try KeyEncoding.pem(for: Ed25519PrivateKey(), passphrase: Self.passphrase("pw"), protection: Self.cheapPBKDF2))
        let sha256: [UInt8] = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x09]
        let index = pbkdf2.indices.first { pbkdf2[$0...].starts(with: sha256) }!
        var md5 = pbkdf2
        md5[index + 7] = 0x05
        #expect(detail(md5)?.contains("PBKDF2 with hmacWithMD5 (1.2.840.113549.2.5) is not supported") == true)
    }

    @Test func costsBeyondTheLimitsAreRefusedBeforeAnyWork() throws {
        func detail(_ protection: KeyProtection) -> String? {
            let key = EncryptedKey(protection: protection, salt: [1, 2, 3], iv: Array(repeating: 0, count: 16), ciphertext: Array(repeating: 0, count: 64))
            do { _ = try Self.load(key.serialized(), "pw") } catch let error as SigningError {
                #expect(error.code == .unsupportedEncryption, "\(error)")
                return error.detail
            } catch {}
            return nil
        }
        #expect(
            detail(KeyProtection(keyDerivation: .scrypt(costLog2: 30, blockSize: 8, parallelism: 1)))?.contains(
                "scrypt with N=2^30, r=8, p=1 is beyond autoid's limits") == true)
        #expect(detail(KeyProtection(keyDerivation: .scrypt(costLog2: 14, blockSize: 8, parallelism: 1024)))?.contains("beyond autoid's limits") == true)
        #expect(detail(KeyProtection(keyDerivation: .scrypt(costLog2: 62, blockSize: 1 << 20, parallelism: 1)))?.contains("beyond autoid's limits") == true)
        #expect(
            detail(KeyProtection(keyDerivation: .pbkdf2(iterations: 50_000_000, digest: .hmacSHA256)))?.contains("PBKDF2 with 50000000 iterations is beyond")
                == true)
    }

    // MARK: OpenSSL interop (independent implementation)

    @Test(.enabled(if: ToolRunner.isAvailable("openssl"), "openssl is not installed"), arguments: [KeyProtection.standard, cheapPBKDF2])
    func opensslReadsOurEncryptedKeys(protection: KeyProtection) throws {
        let directory = try TemporaryDirectory()
        let key = Ed25519PrivateKey()
        try KeyFile.save(
            key, privatePath: directory.file("ours.key"), publicPath: directory.file("ours.pub"), overwrite: false,
            passphrase: Self.passphrase("s3cret pass"), protection: protection)
        let derived = try ToolRunner.run("openssl", ["pkey", "-in", directory.file("ours.key"), "-passin", "pass:s3cret pass", "-pubout"])
        #expect(derived.status == 0, "\(derived.stderrText)")
        #expect(derived.stdout == (try directory.read("ours.pub")))
        let wrong = try ToolRunner.run("openssl", ["pkey", "-in", directory.file("ours.key"), "-passin", "pass:nope", "-pubout"])
        #expect(wrong.status != 0)
    }

    static let opensslWriters: [[String]] = [
        ["genpkey", "-algorithm", "ed25519", "-aes-256-cbc"],  // PBES2, PBKDF2-HMAC-SHA256, 2048 iterations
        ["pkcs8", "-topk8", "-v2", "aes-256-cbc", "-scrypt"],  // scrypt N=2^14, r=8, p=1
        ["pkcs8", "-topk8", "-v2", "aes-256-cbc", "-scrypt", "-scrypt_N", "16384", "-scrypt_p", "5"],
        ["pkcs8", "-topk8", "-v2", "aes-128-cbc", "-v2prf", "hmacWithSHA512", "-iter", "1000"],
        ["pkcs8", "-topk8", "-v2", "aes-192-cbc", "-v2prf", "hmacWithSHA1"],
    ]

    @Test(.enabled(if: ToolRunner.isAvailable("openssl"), "openssl is not installed"), arguments: opensslWriters)
    func weReadOpenSSLEncryptedKeys(writer: [String]) throws {
        let directory = try TemporaryDirectory()
        try #require(try ToolRunner.run("openssl", ["genpkey", "-algorithm", "ed25519", "-out", directory.file("plain.pem")]).status == 0)
        let arguments =
            writer[0] == "genpkey"
            ? writer + ["-pass", "pass:open sesame", "-out", directory.file("enc.pem")]
            : writer + ["-in", directory.file("plain.pem"), "-passout", "pass:open sesame", "-out", directory.file("enc.pem")]
        let written = try ToolRunner.run("openssl", arguments)
        try #require(written.status == 0, "\(written.stderrText)")
        let public_ = try ToolRunner.run("openssl", ["pkey", "-in", directory.file("enc.pem"), "-passin", "pass:open sesame", "-pubout"])
        try #require(public_.status == 0, "\(public_.stderrText)")
        let key = try KeyFile.loadPrivateKey(path: directory.file("enc.pem")) { Self.passphrase("open sesame") }
        #expect(KeyEncoding.pem(for: key.publicKey) == public_.stdoutText)
        #expect(Self.code { _ = try KeyFile.loadPrivateKey(path: directory.file("enc.pem")) { Self.passphrase("open sesame!") } } == .wrongPassphrase)
    }

    @Test(.enabled(if: ToolRunner.isAvailable("openssl"), "openssl is not installed"))
    func opensslSchemesWeDoNotReadAreNamed() throws {
        let directory = try TemporaryDirectory()
        try #require(try ToolRunner.run("openssl", ["genpkey", "-algorithm", "ed25519", "-out", directory.file("plain.pem")]).status == 0)
        let cases: [([String], String)] = [
            (["-v2", "des3"], "des-ede3-cbc (1.2.840.113549.3.7)"),
            (["-v1", "PBE-SHA1-3DES"], "PKCS#12 pbeWithSHAAnd3-KeyTripleDES-CBC (1.2.840.113549.1.12.1.3)"),
        ]
        for (options, name) in cases {
            let path = directory.file("enc.pem")
            let written = try ToolRunner.run(
                "openssl", ["pkcs8", "-topk8", "-in", directory.file("plain.pem"), "-passout", "pass:pw", "-out", path] + options)
            guard written.status == 0 else { continue }  // this OpenSSL build lacks the legacy scheme
            do {
                _ = try KeyFile.loadPrivateKey(path: path) { Self.passphrase("pw") }
                Issue.record("\(options) opened")
            } catch let error as SigningError {
                #expect(error.code == .unsupportedEncryption)
                #expect(error.detail.contains(name), "\(error)")
            }
        }
    }
}
