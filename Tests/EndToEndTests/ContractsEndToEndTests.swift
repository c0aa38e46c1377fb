import AutoIDHashing
import AutoIDJSON
import AutoIDState
import AutoIDTestSupport
import Foundation
import Testing

/// `state-audit contracts` with attestations made by `autoid-sign review`.
@Suite("state-audit contracts, end to end")
struct ContractsEndToEndTests {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory() }

    func sign(_ arguments: [String]) throws {
        let result = try ToolRunner.run("autoid-sign", arguments, in: directory.path)
        #expect(result.status == 0, "\(arguments): \(result.stderrText)")
    }

    @Test func reviewedCodePassesAndUnderReviewedCodeIsNamed() throws {
        for name in ["gov", "firm", "r1", "r2", "aud"] { try sign(["keygen", "-s", "\(name).key", "-p", "\(name).pub"]) }
        try sign(["issue", "-k", "gov.key", "--cn", "AutoCo Governance", "--kind", "organisation", "-o", "gov.pem"])
        try sign(["issue", "-k", "firm.key", "--cn", "Audit Firm", "--kind", "organisation", "-o", "firm.pem"])
        for (name, issuer) in [("r1", "gov"), ("r2", "gov"), ("aud", "firm")] {
            try sign([
                "issue", "-k", "\(issuer).key", "--issuer", "\(issuer).pem", "--subject-key", "\(name).pub", "--cn", name, "--kind", "human", "-o",
                "\(name)-leaf.pem",
            ])
            try directory.write("\(name).pem", try directory.read("\(name)-leaf.pem") + directory.read("\(issuer).pem"))
        }
        try directory.write("token.bin", [0x60, 0x80, 0x60, 0x40, 0x52])
        let other = "0x" + String(repeating: "ab", count: 32)
        try sign(["review", "--code", "token.bin", "-k", "r1.key", "--id", "r1.pem", "-o", "r1.json"])
        try sign(["review", "--code", "token.bin", "-k", "r2.key", "--id", "r2.pem", "-o", "r2.json"])
        try sign(["review", "--code", "token.bin", "--kind", "security-audit", "-k", "aud.key", "--id", "aud.pem", "-o", "aud.json"])
        try sign(["review", "--code-hash", other, "-k", "r1.key", "--id", "r1.pem", "-o", "r1-other.json"])
        // The tool hashed the file with Keccak-256; pycryptodome 3.23.0 gives the same for 60 80 60 40 52.
        let payload = try JSONParser.parse(try directory.read("r1.json"))["payload"]?.stringValue
        let review = try JSONParser.parse(Array(Data(base64Encoded: try #require(payload))!))
        let tokenHash = try #require(review["codeHash"]?.stringValue)
        #expect(tokenHash == "0x1c3374235d773b2189aed115aa13143020fcdbbe86e38f358cf3e4771b2f0244")
        try directory.write(
            "deployed.txt", Array("0x\(String(repeating: "aa", count: 20)) \(tokenHash)\n0x\(String(repeating: "bb", count: 20)) \(other)\n".utf8))

        let base = ["contracts", "--list", "deployed.txt", "--governance", "gov.pem", "--auditors", "firm.pem"]
        let all = try ToolRunner.run("state-audit", base + ["r1.json", "r2.json", "aud.json", "r1-other.json", "--json"], in: directory.path)
        #expect(all.status == 1, "\(all.stderrText)")
        let report = try JSONParser.parse(all.stdout)
        #expect(report["lacking"] == .integer(1))
        let contracts = try #require(report["contracts"]?.arrayValue)
        #expect(contracts.first?["approvals"] == .integer(2))
        #expect(contracts.first?["audits"] == .integer(1))
        #expect(contracts.last?["approvals"] == .integer(1))
        let text = try ToolRunner.run("state-audit", base + ["r1.json", "r2.json", "aud.json", "r1-other.json"], in: directory.path)
        #expect(text.stdoutText.contains("FAILED  contract 0x\(String(repeating: "bb", count: 20)) (code \(other))"))
        #expect(text.stdoutText.contains("only 1 of 2 distinct reviewer approvals and 0 of 1 security audit(s)"))
        // Only the token deployed: passes. An auditor under the wrong roots: the audit does not count.
        try directory.write("token.txt", Array("\(tokenHash)\n".utf8))
        #expect(
            try ToolRunner.run(
                "state-audit", ["contracts", "--list", "token.txt", "--governance", "gov.pem", "--auditors", "firm.pem", "r1.json", "r2.json", "aud.json"],
                in: directory.path
            ).status == 0)
        let wrongRoots = try ToolRunner.run(
            "state-audit", ["contracts", "--list", "token.txt", "--governance", "gov.pem", "--auditors", "gov.pem", "r1.json", "r2.json", "aud.json"],
            in: directory.path)
        #expect(wrongRoots.status == 1)
        #expect(wrongRoots.stdoutText.contains("'aud' is not an auditor under the auditor roots"))
        // From an EVM domain's snapshot: pallet-evm's AccountCodes holds the token's code (SCALE Vec<u8>), keyed
        // twox128("EVM") ++ twox128("AccountCodes") ++ blake2_128(address) ++ address.
        let address = [UInt8](repeating: 0xaa, count: 20)
        let key = StorageHashing.storagePrefix(pallet: "EVM", item: "AccountCodes") + StorageHasher.blake2_128Concat.hash(address)
        try directory.write("evm.json", Array(#"[["0x\#(Hex.encode(key))","0x18608060405200"]]"#.utf8))
        let fromState = try ToolRunner.run(
            "state-audit", ["contracts", "--snapshot", "evm.json", "--governance", "gov.pem", "--auditors", "firm.pem", "r1.json", "r2.json", "aud.json"],
            in: directory.path)
        #expect(fromState.status == 1, "\(fromState.stdoutText)\(fromState.stderrText)")  // 60 80 60 40 52 00 is not the reviewed code
        #expect(fromState.stdoutText.contains("FAILED  contract 0x\(Hex.encode(address))"))
        try directory.write("evm.json", Array(#"[["0x\#(Hex.encode(key))","0x146080604052"]]"#.utf8))
        let reviewed = try ToolRunner.run(
            "state-audit", ["contracts", "--snapshot", "evm.json", "--governance", "gov.pem", "--auditors", "firm.pem", "r1.json", "r2.json", "aud.json"],
            in: directory.path)
        #expect(reviewed.status == 0, "\(reviewed.stdoutText)\(reviewed.stderrText)")
        #expect(reviewed.stdoutText.contains("ok      contract 0x\(Hex.encode(address)) (code \(tokenHash))"))
        // Usage: neither or both of --list and --snapshot.
        let usage = try ToolRunner.run("state-audit", ["contracts", "--governance", "gov.pem", "--auditors", "firm.pem"], in: directory.path)
        #expect(usage.status == 64)
    }
}
