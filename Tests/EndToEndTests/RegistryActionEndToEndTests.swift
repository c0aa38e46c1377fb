import AutoIDTestSupport
import Foundation
import Testing

/// Registry actions (CertificateAction) signed and checked as pallet-auto-id does.
@Suite("Registry actions, end to end")
struct RegistryActionEndToEndTests {
    static let fixtures = PackagePaths.vector("autonomys-auto-id")
    static let haveFixtures = FileManager.default.fileExists(atPath: fixtures + "/private.issuer.pem")
    static let id = String(repeating: "11", count: 32)

    @Test func encodingSigningAndTampering() throws {
        let directory = try TemporaryDirectory()
        let run = { (tool: String, args: [String]) in try ToolRunner.run(tool, args, in: directory.path) }
        #expect(try run("autoid-sign", ["keygen"]).status == 0)
        #expect(try run("autoid-sign", ["issue", "-k", "autoid.key", "--cn", "Issuer", "--kind", "organisation", "-o", "issuer.pem"]).status == 0)
        let signed = try run("autoid-sign", ["registry-action", "-k", "autoid.key", "--id", Self.id, "--nonce", "1", "--action", "revoke"])
        #expect(signed.status == 0, "\(signed.stderrText)")
        let lines = signed.stdoutText.split(separator: "\n").map { $0.split(separator: " ").last.map(String.init) ?? "" }
        // SCALE: id (32 bytes), nonce as U256 little-endian (32 bytes), variant 0 = RevokeCertificate.
        #expect(lines[0] == "0x" + Self.id + "01" + String(repeating: "00", count: 31) + "00")
        // Signature { signature_algorithm: DerVec(Ed25519 AlgorithmIdentifier), value: Vec(64 bytes) }.
        #expect(lines[1].hasPrefix("0x1c300506032b6570" + "0101"))
        #expect(lines[1].count == 2 + 2 * (1 + 7 + 2 + 64))

        let args = ["registry-action", "--cert", "issuer.pem", "--id", Self.id, "--nonce", "1", "--signature", lines[1]]
        #expect(try run("autoid-verify", args + ["--action", "revoke"]).status == 0)
        #expect(try run("autoid-verify", args + ["--action", "deactivate"]).status == 1)  // another action
        var otherNonce = args
        otherNonce[6] = "2"
        #expect(try run("autoid-verify", otherNonce + ["--action", "revoke"]).status == 1)  // a replay at the next nonce
        var truncated = args
        truncated[8] = String(lines[1].dropLast(10))
        #expect(try run("autoid-verify", truncated + ["--action", "revoke"]).status == 3)
    }

    @Test(.enabled(if: haveFixtures && ToolRunner.isAvailable("openssl"), "needs the Autonomys fixtures and openssl"))
    func realRSAAutoIDAuthorisesAnAction() throws {
        let directory = try TemporaryDirectory()
        // The issuer's own identifier, nonce 0, RevokeCertificate: encoded independently here.
        let issuerID = "8d66f57e35d26fb7a81de8eb274ebd9e672288dcbf3f7313335e8feeec3e3bf9"
        let action = Array(Data(hexString: issuerID)) + [UInt8](repeating: 0, count: 32) + [0]
        try directory.write("action.bin", action)
        let signed = try ToolRunner.run(
            "openssl", ["dgst", "-sha256", "-sign", Self.fixtures + "/private.issuer.pem", "-out", directory.file("sig.bin"), directory.file("action.bin")])
        try #require(signed.status == 0, "\(signed.stderrText)")
        let value = try directory.read("sig.bin")
        // sha256WithRSAEncryption AlgorithmIdentifier (with NULL parameters), then the 256-byte value.
        let algorithm = "300d06092a864886f70d01010b0500"
        let scale = "0x3c" + algorithm + "0104" + value.map { String(format: "%02x", $0) }.joined()
        let result = try ToolRunner.run(
            "autoid-verify",
            [
                "registry-action", "--cert", Self.fixtures + "/issuer.cert.der", "--id", issuerID, "--nonce", "0",
                "--action", "revoke", "--signature", scale,
            ])
        #expect(result.status == 0, "\(result.stdoutText)\(result.stderrText)")
        #expect(result.stdoutText == "action: OK (signed by 'Vedhavyas Sinhareddi')\n")
    }
}
