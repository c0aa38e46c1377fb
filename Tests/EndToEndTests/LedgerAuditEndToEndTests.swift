import AutoIDHashing
import AutoIDJSON
import AutoIDLedger
import AutoIDState
import AutoIDTestSupport
import Foundation
import Testing

/// `state-audit ledger` as CI runs it: a snapshot file in; exit code, text, JSON and JUnit out.
@Suite("state-audit ledger, end to end")
struct LedgerAuditEndToEndTests {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory() }

    static func accounts() -> [([UInt8], AccountInfo)] {
        (1...20).map { n in
            ([UInt8](repeating: UInt8(n), count: 32), AccountInfo(nonce: UInt32(n), free: UInt128(n) * 1_000_000_000_000_000_000, reserved: UInt128(n)))
        }
    }

    static func issuance(_ accounts: [([UInt8], AccountInfo)]) -> UInt128 { accounts.reduce(0) { $0 + $1.1.free + $1.1.reserved } }

    /// A raw chain spec with these accounts in genesis, AI3 with 18 decimals and an existential deposit.
    func writeSpec(_ accounts: [([UInt8], AccountInfo)], issuance: UInt128, to name: String) throws {
        var top: [String: JSONValue] = [:]
        for (key, value) in LedgerState.pairs(accounts: accounts, issuance: issuance) {
            top["0x" + Hex.encode(key)] = .string("0x" + Hex.encode(value))
        }
        let spec = JSONValue.object([
            "name": .string("ledger e2e"), "id": .string("ledger_e2e"),
            "properties": .object(["tokenSymbol": .string("AI3"), "tokenDecimals": .integer(18), "existentialDeposit": .integer(500)]),
            "genesis": .object(["raw": .object(["top": .object(top), "childrenDefault": .object([:])])]),
        ])
        try directory.write(name, spec.jsonBytes())
    }

    func run(_ arguments: [String]) throws -> ToolResult {
        try ToolRunner.run("state-audit", arguments, in: directory.path)
    }

    @Test func conservedGenesisPassesInTextJSONAndJUnit() throws {
        let accounts = Self.accounts()
        try writeSpec(accounts, issuance: Self.issuance(accounts), to: "spec.json")

        let text = try run(["ledger", "spec.json"])
        #expect(text.status == 0, "\(text.stderrText)\(text.stdoutText)")
        #expect(text.stdoutText.contains("accounts       20\n"))
        // 210 AI3 free and 210 of the smallest unit reserved: 210.00000000000000021 AI3 in all.
        #expect(text.stdoutText.contains("total          210.00000000000000021 AI3 (free + reserved)"), "\(text.stdoutText)")
        #expect(text.stdoutText.contains("ok      conservation: free + reserved of every account sums to Balances.TotalIssuance"))
        #expect(text.stdoutText.contains("ok      existential deposit 0.0000000000000005 AI3 respected"))
        #expect(text.stderr.isEmpty, "\(text.stderrText)")

        let json = try run(["ledger", "--json", "--junit", "ledger.xml", "spec.json"])
        #expect(json.status == 0)
        let report = try JSONParser.parse(json.stdout)
        #expect(report["ok"] == .bool(true))
        #expect(report["accounts"] == .integer(20))
        #expect(report["totalIssuance"] == .string("210000000000000000210"))
        #expect(report["total"] == .string("210000000000000000210"))
        #expect(report["existentialDeposit"] == .string("500"))
        let checks = try #require(report["checks"]?.arrayValue)
        let xml = String(decoding: try directory.read("ledger.xml"), as: UTF8.self)
        #expect(xml.contains(#"<testsuite name="state-audit ledger" tests="\#(checks.count)" failures="0""#))

        // The JUnit file is not replaced without --force (64), and is replaced with it.
        let again = try run(["ledger", "--junit", "ledger.xml", "spec.json"])
        #expect(again.status == 64)
        #expect(again.stderrText.hasPrefix("state-audit: ") && again.stderrText.contains("--force"))
        #expect(try run(["ledger", "--junit", "ledger.xml", "--force", "spec.json"]).status == 0)
    }

    @Test func aChangedBalanceFailsWithExitStatus1() throws {
        var accounts = Self.accounts()
        let issuance = Self.issuance(accounts)
        accounts[3].1.frozen = accounts[3].1.free + 10_000
        accounts[5].1.free += 1
        try writeSpec(accounts, issuance: issuance, to: "spec.json")
        let result = try run(["ledger", "--json", "--junit", "ledger.xml", "spec.json"])
        #expect(result.status == 1, "\(result.stderrText)")
        let report = try JSONParser.parse(result.stdout)
        #expect(report["ok"] == .bool(false))
        #expect(report["imbalance"] == .string("1"))
        let frozen = try #require(report["problems"]?["frozenAboveTotal"]?.arrayValue)
        #expect(frozen.count == 1)
        #expect(frozen.first?["account"] == .string("0x" + Hex.encode(accounts[3].0)))
        let xml = String(decoding: try directory.read("ledger.xml"), as: UTF8.self)
        #expect(xml.contains(#"failures="2""#))

        let text = try run(["ledger", "spec.json"])
        #expect(text.status == 1)
        #expect(text.stdoutText.contains("FAILED  conservation"))
        #expect(text.stdoutText.contains("0.000000000000000001 AI3 more than was issued"))
        #expect(text.stdoutText.contains("account 0x" + Hex.encode(accounts[3].0)))
    }

    @Test func pairsAndJSONLinesAreStreamedAndRepeatedRecordsCaught() throws {
        let accounts = Self.accounts()
        let pairs = LedgerState.pairs(accounts: accounts, issuance: Self.issuance(accounts))
        let element = { (pair: ([UInt8], [UInt8])) in #"["0x\#(Hex.encode(pair.0))","0x\#(Hex.encode(pair.1))"]"# }
        try directory.write("pairs.json", Array(("[" + pairs.map(element).joined(separator: ",") + "]").utf8))
        try directory.write("pairs.jsonl", Array(pairs.map(element).joined(separator: "\n").utf8))
        // The same record twice, out of order: found on the second pass.
        try directory.write("twice.jsonl", Array((pairs + [pairs[0]]).map(element).joined(separator: "\n").utf8))
        for (name, format) in [("pairs.json", "pairs"), ("pairs.jsonl", "json-lines")] {
            let result = try run(["ledger", "--token-symbol", "AI3", "--token-decimals", "18", name])
            #expect(result.status == 0, "\(result.stdoutText)")
            #expect(result.stdoutText.contains("snapshot       \(name) (\(format), 21 pairs)"))
            #expect(result.stdoutText.contains("total          210.00000000000000021 AI3 (free + reserved)"))
        }
        let twice = try run(["ledger", "--json", "twice.jsonl"])
        #expect(twice.status == 1)
        let report = try JSONParser.parse(twice.stdout)
        let malformed = try #require(report["problems"]?["malformed"]?.arrayValue)
        #expect(malformed.count == 1)
        #expect(malformed.first?["account"] == .string("0x" + Hex.encode(Array(pairs[0].0.suffix(32)))))
        // Standard input is read whole, with the same result.
        let piped = try ToolRunner.run("state-audit", ["ledger", "-"], in: directory.path, stdinPath: directory.file("pairs.json"))
        #expect(piped.status == 0)
        #expect(piped.stdoutText.contains("accounts       20"))
    }

    @Test func optionsOverrideTheChainSpec() throws {
        let accounts = Self.accounts()
        try writeSpec(accounts, issuance: Self.issuance(accounts), to: "spec.json")
        let result = try run(["ledger", "--token-symbol", "TSSC", "--token-decimals", "0", "--existential-deposit", "2000000000000000000", "spec.json"])
        // Every account has something reserved, so a deposit above account 1's free balance still holds.
        #expect(result.status == 0, "\(result.stdoutText)")
        #expect(result.stdoutText.contains("total          210000000000000000210 TSSC"))
        #expect(result.stdoutText.contains("ok      existential deposit 2000000000000000000 TSSC respected"))
    }

    @Test func malformedAndUsageErrors() throws {
        try directory.write("garbage.json", Array("{\"genesis\": 3}".utf8))
        for (arguments, status, message) in [
            (["ledger", "missing.json"], Int32(4), "missing.json"),
            (["ledger", "garbage.json"], 3, "garbage.json"),
            (["ledger", "--existential-deposit", "-5", "garbage.json"], 64, "--existential-deposit"),
            (["ledger", "--existential-deposit", "340282366920938463463374607431768211456", "garbage.json"], 64, "--existential-deposit"),
            (["ledger", "--token-decimals", "39", "garbage.json"], 64, "--token-decimals"),
            (["ledger", "--token-symbol", "$(rm)", "garbage.json"], 64, "--token-symbol"),
        ] {
            let result = try run(arguments)
            #expect(result.status == status, "\(arguments): \(result.stderrText)")
            #expect(result.stderrText.hasPrefix("state-audit: ") || result.stderrText.hasPrefix("Error: "), "\(result.stderrText)")
            #expect(result.stderrText.contains(message), "\(arguments): \(result.stderrText)")
            #expect(result.stdout.isEmpty)
        }
    }

    // MARK: Two snapshots and a signed journal

    /// Writes a state_getPairs snapshot of `accounts` with `issuance`.
    func writePairs(_ accounts: [([UInt8], AccountInfo)], issuance: UInt128, to name: String) throws {
        let pairs = LedgerState.pairs(accounts: accounts, issuance: issuance)
        try directory.write(
            name, JSONValue.array(pairs.map { .array([.string("0x" + Hex.encode($0.0)), .string("0x" + Hex.encode($0.1))]) }).jsonBytes())
    }

    static func id(_ n: UInt8) -> String { "0x" + String(repeating: String(format: "%02x", n), count: 32) }

    @Test func aSignedJournalExplainsTheChangeAndNamesTheAccountItDoesNot() throws {
        // The issuer: a root Auto ID made with the tools, as an operator would.
        #expect(try run(["--version"]).status == 0)
        let keygen = try ToolRunner.run("autoid-sign", ["keygen", "-s", "issuer.key", "-p", "issuer.pub"], in: directory.path)
        #expect(keygen.status == 0, "\(keygen.stderrText)")
        let issue = try ToolRunner.run(
            "autoid-sign", ["issue", "-k", "issuer.key", "--cn", "AutoFi Issuer", "--kind", "organisation", "-o", "issuer.pem"], in: directory.path)
        #expect(issue.status == 0, "\(issue.stderrText)")
        try ToolRunner.run("autoid-sign", ["keygen", "-s", "other.key", "-p", "other.pub"], in: directory.path)
        try ToolRunner.run("autoid-sign", ["issue", "-k", "other.key", "--cn", "Impostor", "--kind", "organisation", "-o", "other.pem"], in: directory.path)

        let one = [UInt8](repeating: 1, count: 32)
        let two = [UInt8](repeating: 2, count: 32)
        let three = [UInt8](repeating: 3, count: 32)
        try writePairs([(one, AccountInfo(free: 100)), (two, AccountInfo(free: 50))], issuance: 150, to: "before.json")
        try writePairs(
            [(one, AccountInfo(free: 70)), (two, AccountInfo(free: 60, reserved: 15)), (three, AccountInfo(free: 40))], issuance: 185,
            to: "after.json")
        let draft = """
            {"previousIssuance": "150", "issuance": "185", "entries": [
              {"op": "transfer", "from": "\(Self.id(1))", "to": "\(Self.id(2))", "amount": "30"},
              {"op": "mint", "account": "\(Self.id(3))", "amount": "40"},
              {"op": "burn", "account": "\(Self.id(2))", "amount": "5"}]}
            """
        try directory.write("draft.json", Array(draft.utf8))
        let signed = try ToolRunner.run(
            "autoid-sign", ["journal", "-k", "issuer.key", "--id", "issuer.pem", "-o", "journal.dsse.json", "draft.json"], in: directory.path)
        #expect(signed.status == 0, "\(signed.stderrText)")

        let base = ["ledger", "--previous", "before.json", "--trust", "issuer.pem", "--journal", "journal.dsse.json"]
        let ok = try run(base + ["after.json"])
        #expect(ok.status == 0, "\(ok.stdoutText)\(ok.stderrText)")
        #expect(ok.stdoutText.contains("journals       1, signed by 'AutoFi Issuer'"))
        #expect(ok.stdoutText.contains("ok      every account's change is explained by the journals"))

        // One changed balance, conservation intact: only the journal names the account.
        try writePairs(
            [(one, AccountInfo(free: 71)), (two, AccountInfo(free: 59, reserved: 15)), (three, AccountInfo(free: 40))], issuance: 185,
            to: "tampered.json")
        let tampered = try run(base + ["--json", "tampered.json"])
        #expect(tampered.status == 1)
        let report = try JSONParser.parse(tampered.stdout)
        let unexplained = try #require(report["unexplainedAccounts"]?.arrayValue)
        #expect(unexplained.compactMap { $0["account"]?.stringValue } == [Self.id(1), Self.id(2)])
        #expect(unexplained.first?["after"] == .string("71"))
        #expect(
            report["checks"]?.arrayValue?.contains {
                $0["name"] == .string("conservation: free + reserved of every account sums to Balances.TotalIssuance") && $0["ok"] == .bool(true)
            } == true)

        // An issuer under other roots: 2. A changed journal: 1. Not a journal: 3. No --trust: 64.
        for (arguments, status, message) in [
            (["ledger", "--previous", "before.json", "--trust", "other.pem", "--journal", "journal.dsse.json", "after.json"], Int32(2), "not trusted"),
            (["ledger", "--previous", "before.json", "--trust", "issuer.pem", "--journal", "draft.json", "after.json"], 3, "draft.json"),
            (["ledger", "--previous", "before.json", "--journal", "journal.dsse.json", "after.json"], 64, "--trust"),
            (["ledger", "--journal", "journal.dsse.json", "after.json"], 64, "--previous"),
        ] {
            let result = try run(arguments)
            #expect(result.status == status, "\(arguments): \(result.stderrText)")
            #expect(result.stderrText.contains(message), "\(arguments): \(result.stderrText)")
            #expect(result.stdout.isEmpty)
        }
        var envelope = try JSONParser.parse(try directory.read("journal.dsse.json"))
        if case .object(var members) = envelope, let payload = members["payload"]?.stringValue, var bytes = Base64.decode(payload) {
            let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\"amount\":\"40\"", with: "\"amount\":\"41\"")
            bytes = Array(text.utf8)
            members["payload"] = .string(Base64.encode(bytes))
            envelope = .object(members)
        }
        try directory.write("forged.dsse.json", envelope.jsonBytes())
        let forged = try run(["ledger", "--previous", "before.json", "--trust", "issuer.pem", "--journal", "forged.dsse.json", "after.json"])
        #expect(forged.status == 1, "\(forged.stderrText)")
        #expect(forged.stderrText.contains("signature does not verify"))
    }

    @Test func requireAutoIDNamesFundedAccountsWithoutOne() throws {
        for arguments in [
            ["keygen", "-s", "root.key", "-p", "root.pub"], ["keygen", "-s", "alice.key", "-p", "alice.pub"],
            ["issue", "-k", "root.key", "--cn", "AutoFi Users", "--kind", "organisation", "-o", "root.pem"],
            ["issue", "-k", "root.key", "--issuer", "root.pem", "--subject-key", "alice.pub", "--cn", "Alice", "--kind", "human", "-o", "alice.pem"],
        ] {
            let result = try ToolRunner.run("autoid-sign", arguments, in: directory.path)
            #expect(result.status == 0, "\(arguments): \(result.stderrText)")
        }
        // Alice's account is her Ed25519 public key: the last 32 bytes of the SubjectPublicKeyInfo in alice.pub.
        let pem = String(decoding: try directory.read("alice.pub"), as: UTF8.self)
        let base64 = pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        let alice = Array(try #require(Base64.decode(base64)).suffix(32))
        let stranger = [UInt8](repeating: 7, count: 32)
        try writePairs([(alice, AccountInfo(free: 5)), (stranger, AccountInfo(free: 6))], issuance: 11, to: "state.json")
        let result = try run(["ledger", "--require-auto-id", "--auto-ids", "alice.pem", "--trust", "root.pem", "state.json"])
        #expect(result.status == 1, "\(result.stderrText)")
        #expect(result.stdoutText.contains("auto ids       2 funded account(s): 1 human, 1 none"), "\(result.stdoutText)")
        #expect(result.stdoutText.contains("account 0x\(Hex.encode(stranger)): funded, but no valid, unrevoked Auto ID holds its key"))
        let usage = try run(["ledger", "--require-auto-id", "state.json"])
        #expect(usage.status == 64)
        #expect(usage.stderrText.contains("--auto-ids"))
    }
}
