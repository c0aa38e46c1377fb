import AutoIDFiles
import AutoIDHashing
import AutoIDTestSupport
import Foundation
import Testing

@testable import AutoIDSigning

@Suite("Ed25519 keys")
struct KeyTests {
    // RFC 8032 section 7.1, TEST 2: a published seed, its public key, and its signature of 0x72.
    @Test func rfc8032KnownAnswer() throws {
        let key = try Ed25519PrivateKey(seed: Hex.decode("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb")!)
        #expect(Hex.encode(key.publicKey.rawRepresentation) == "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c")
        let signature = key.signature(for: [0x72])
        #expect(
            Hex.encode(signature)
                == "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00")
        #expect(key.publicKey.isValidSignature(signature, for: [0x72]))
        #expect(!key.publicKey.isValidSignature(signature, for: [0x73]))
    }

    @Test func pemRoundTrip() throws {
        let key = Ed25519PrivateKey()
        let loaded = try KeyEncoding.privateKey(from: Array(KeyEncoding.pem(for: key).utf8), source: "k")
        #expect(loaded.publicKey == key.publicKey)
        let pub = try KeyEncoding.publicKey(from: Array(KeyEncoding.pem(for: key.publicKey).utf8), source: "p")
        #expect(pub == key.publicKey)
        #expect(KeyEncoding.subjectPublicKeyInfo(for: pub).count == 44)
    }

    @Test func savedPrivateKeyIsOwnerOnlyAndNeverOverwritten() throws {
        let directory = try TemporaryDirectory()
        let key = Ed25519PrivateKey()
        try KeyFile.save(key, privatePath: directory.file("k"), publicPath: directory.file("k.pub"), overwrite: false)
        let mode = try FileManager.default.attributesOfItem(atPath: directory.file("k"))[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let before = try directory.read("k")
        #expect(throws: FileError.self) {
            try KeyFile.save(Ed25519PrivateKey(), privatePath: directory.file("k"), publicPath: directory.file("other.pub"), overwrite: false)
        }
        #expect(try directory.read("k") == before)
        #expect(try directory.contents() == ["k", "k.pub"])
    }

    @Test func failingToWriteThePublicKeyTakesBackThePrivateKey() throws {
        let directory = try TemporaryDirectory()
        #expect(throws: FileError.self) {
            try KeyFile.save(Ed25519PrivateKey(), privatePath: directory.file("k"), publicPath: directory.file("no/dir/k.pub"), overwrite: false)
        }
        #expect(try directory.contents().isEmpty)
    }

    // MARK: OpenSSL interop (independent implementation)

    @Test(.enabled(if: ToolRunner.isAvailable("openssl")))
    func opensslKeysLoadAndSignaturesCrossVerify() throws {
        let directory = try TemporaryDirectory()
        let keyPath = directory.file("ossl.pem")
        try #require(try ToolRunner.run("openssl", ["genpkey", "-algorithm", "ed25519", "-out", keyPath]).status == 0)
        try #require(try ToolRunner.run("openssl", ["pkey", "-in", keyPath, "-pubout", "-out", directory.file("ossl.pub")]).status == 0)

        // OpenSSL's private key loads and derives the public key OpenSSL wrote.
        let key = try KeyFile.loadPrivateKey(path: keyPath)
        let pub = try KeyFile.loadPublicKey(path: directory.file("ossl.pub"))
        #expect(key.publicKey == pub)
        // Our encoding of OpenSSL's key is byte for byte OpenSSL's file.
        #expect(Array(KeyEncoding.pem(for: key).utf8) == (try directory.read("ossl.pem")))

        // A signature made by openssl pkeyutl -sign -rawin verifies with our public key.
        let message = Array("interop message\n".utf8)
        let messagePath = try directory.write("msg", message)
        let signed = try ToolRunner.run("openssl", ["pkeyutl", "-sign", "-rawin", "-inkey", keyPath, "-in", messagePath, "-out", directory.file("sig")])
        try #require(signed.status == 0, "\(signed.stderrText)")
        #expect(pub.isValidSignature(try directory.read("sig"), for: message))

        // Our signature verifies with openssl, with our key files read by openssl.
        let ours = Ed25519PrivateKey()
        try KeyFile.save(ours, privatePath: directory.file("ours.key"), publicPath: directory.file("ours.pub"), overwrite: false)
        try directory.write("oursig", ours.signature(for: message))
        let verified = try ToolRunner.run(
            "openssl",
            ["pkeyutl", "-verify", "-rawin", "-pubin", "-inkey", directory.file("ours.pub"), "-in", messagePath, "-sigfile", directory.file("oursig")])
        #expect(verified.status == 0, "\(verified.stdoutText) \(verified.stderrText)")
        let derived = try ToolRunner.run("openssl", ["pkey", "-in", directory.file("ours.key"), "-pubout"])
        #expect(derived.stdout == (try directory.read("ours.pub")))
    }

    @Test(.enabled(if: ToolRunner.isAvailable("openssl")))
    func otherKeyTypesAreRefusedByName() throws {
        let directory = try TemporaryDirectory()
        try #require(
            try ToolRunner.run("openssl", ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", directory.file("ec.pem")]).status == 0)
        try #require(try ToolRunner.run("openssl", ["pkey", "-in", directory.file("ec.pem"), "-pubout", "-out", directory.file("ec.pub")]).status == 0)
        try #require(
            try ToolRunner.run("openssl", ["genpkey", "-algorithm", "ed25519", "-aes-256-cbc", "-pass", "pass:secret", "-out", directory.file("enc.pem")])
                .status == 0)
        try #require(try ToolRunner.run("openssl", ["genpkey", "-algorithm", "x25519", "-out", directory.file("x.pem")]).status == 0)

        func code(_ body: () throws -> Void) -> SigningError.Code? {
            do { try body() } catch let error as SigningError { return error.code } catch {}
            return nil
        }
        #expect(code { _ = try KeyFile.loadPrivateKey(path: directory.file("ec.pem")) } == .unsupportedKeyType)
        #expect(code { _ = try KeyFile.loadPublicKey(path: directory.file("ec.pub")) } == .unsupportedKeyType)
        #expect(code { _ = try KeyFile.loadPrivateKey(path: directory.file("x.pem")) } == .unsupportedKeyType)
        #expect(code { _ = try KeyFile.loadPrivateKey(path: directory.file("enc.pem")) } == .encryptedKey)
        #expect(code { _ = try KeyFile.loadPublicKey(path: directory.file("enc.pem")) } == .wrongKeyKind)
    }

    // MARK: Hostile input

    @Test func malformedKeysAreRefusedWithoutCrashing() throws {
        let key = Ed25519PrivateKey()
        let pem = Array(KeyEncoding.pem(for: key).utf8)
        let pubPEM = Array(KeyEncoding.pem(for: key.publicKey).utf8)
        var cases: [[UInt8]] = [[], Array("   \n".utf8), Array("-----BEGIN PRIVATE KEY-----\n".utf8), [0x30], [0x30, 0x82, 0xff, 0xff]]
        for cut in stride(from: 1, to: pem.count, by: 7) { cases.append(Array(pem.prefix(cut))) }
        for cut in stride(from: 1, to: pubPEM.count, by: 7) { cases.append(Array(pubPEM.prefix(cut))) }
        var random = TestRandom(seed: 99)
        for size in [1, 16, 48, 100, 5000] { cases.append(random.bytes(size)) }
        // Oversized seed: a PKCS#8 structure whose inner OCTET STRING holds 33 bytes.
        cases.append([0x30, 0x2f, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x23, 0x04, 0x21] + [UInt8](repeating: 1, count: 33))
        for bytes in cases {
            #expect(throws: SigningError.self) { _ = try KeyEncoding.privateKey(from: bytes, source: "k") }
            #expect(throws: SigningError.self) { _ = try KeyEncoding.publicKey(from: bytes, source: "k") }
        }
    }

    @Test func flippedBitsInAKeyFileNeverCrash() throws {
        let der = Array(KeyEncoding.subjectPublicKeyInfo(for: Ed25519PrivateKey().publicKey))
        for index in 0..<der.count * 8 {
            var damaged = der
            damaged[index / 8] ^= 1 << UInt8(index % 8)
            // Either refused, or (a flip inside the key bytes) a different but well-formed key.
            if let key = try? KeyEncoding.publicKey(from: damaged, source: "k") {
                #expect(index / 8 >= 12)
                #expect(key.rawRepresentation != Array(der[12...]))
            }
        }
    }
}
