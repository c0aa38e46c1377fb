import AutoIDHashing
import AutoIDJSON
import AutoIDLedger
import AutoIDReports
import AutoIDState
import AutoIDTestSupport
import AutoIDVerdict
import Testing

/// Swift Testing has an ExitStatus of its own; ours is the one meant here.
typealias ExitStatus = AutoIDVerdict.ExitStatus

@Suite("state-audit ledger: System.Account and TotalIssuance")
struct LedgerAuditTests {
    static let audit = LedgerAudit(tokenSymbol: "AI3", tokenDecimals: 18)

    func check(_ report: AuditReport, _ prefix: String) -> AuditCheck? {
        report.checks.first { $0.name.hasPrefix(prefix) }
    }

    @Test("the storage keys are the published ones")
    func publishedKeys() {
        // The well-known prefixes every Substrate explorer uses (System.Account, Balances.TotalIssuance).
        #expect(Hex.encode(LedgerLayout.accountPrefix()) == "26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9")
        #expect(Hex.encode(LedgerLayout.totalIssuanceKey()) == "c2261276cc9d1f8598ea4b6a74b15c2f57c875e4cff74148e4628f264b974c80")
    }

    @Test("AccountInfo is 80 bytes; the fast decoder agrees with the SCALE one and refuses other lengths")
    func accountInfoLayout() throws {
        let info = AccountInfo(nonce: 7, consumers: 1, providers: 2, sufficients: 3, free: UInt128.max - 5, reserved: 1 << 100, frozen: 9)
        let bytes = SCALEEncoder.encode(info)
        #expect(bytes.count == LedgerLayout.accountInfoSize)
        // nonce 7 as u32 LE, then consumers 1, providers 2, sufficients 3
        #expect(Array(bytes.prefix(16)) == [7, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0])
        #expect(try SCALEDecoder.decode(AccountInfo.self, from: bytes) == info)
        #expect(try bytes.withUnsafeBytes { try AccountInfo(exactly: $0) } == info)
        for length in [0, 1, 79, 81, 4096] {
            let other = Array((bytes + [UInt8](repeating: 0xff, count: 4096)).prefix(length))
            #expect(throws: StateError.self) { try other.withUnsafeBytes { try AccountInfo(exactly: $0) } }
        }
    }

    @Test("a generated ledger that conserves issuance passes every check", arguments: [0, 1, 2, 1000, 40_000])
    func conserved(count: Int) throws {
        let accounts = LedgerFixtures.accounts(count)
        let issuance = LedgerFixtures.issuance(of: accounts)
        let report = Self.audit.run(try LedgerFixtures.snapshot(LedgerState.pairs(accounts: accounts, issuance: issuance)), name: "s")
        if count == 0 {
            #expect(check(report, "System.Account present")?.passed == false)
        } else {
            #expect(report.passed, "\(report.textLines)")
        }
        #expect(report.fields["accounts"] == .integer(count))
        #expect(report.fields["totalIssuance"] == .string(String(issuance)))
        #expect(report.fields["total"] == .string(String(issuance)))
    }

    @Test("one changed balance breaks conservation, by exactly the change")
    func changedBalance() throws {
        var accounts = LedgerFixtures.accounts(100)
        let issuance = LedgerFixtures.issuance(of: accounts)
        accounts[42].1.free += 1_000_000_000_000_000_000  // one AI3 more
        let report = Self.audit.run(try LedgerFixtures.snapshot(LedgerState.pairs(accounts: accounts, issuance: issuance)), name: "s")
        #expect(report.status == .verificationFailed)
        let failure = try #require(check(report, "conservation")?.failure)
        #expect(failure.contains("1 AI3 more than was issued"))
        #expect(report.fields["imbalance"] == .string("1000000000000000000"))
    }

    @Test("frozen above free + reserved names the account")
    func frozenAbove() throws {
        var accounts = LedgerFixtures.accounts(50)
        accounts[7].1.frozen = accounts[7].1.free + accounts[7].1.reserved + 1
        let report = Self.audit.run(
            try LedgerFixtures.snapshot(LedgerState.pairs(accounts: accounts, issuance: LedgerFixtures.issuance(of: accounts))), name: "s")
        let failure = try #require(check(report, "frozen is not above")?.failure)
        #expect(failure.contains("0x" + Hex.encode(accounts[7].0)))
        #expect(failure.hasPrefix("1 account(s)"))
        #expect(check(report, "conservation")?.passed == true)
    }

    @Test("the existential deposit: nothing or at least the deposit free, unless something is reserved")
    func existentialDeposit() throws {
        let id = { (n: UInt8) in [UInt8](repeating: n, count: 32) }
        let accounts: [([UInt8], AccountInfo)] = [
            (id(1), AccountInfo(free: 500)),  // ok: at the deposit
            (id(2), AccountInfo(free: 499)),  // below, nothing reserved
            (id(3), AccountInfo(free: 0, reserved: 10)),  // ok: holds only reserved
            (id(4), AccountInfo(free: 1, reserved: 10)),  // ok: something reserved
            (id(5), AccountInfo(providers: 0, free: 0)),  // ok: empty
        ]
        let pairs = LedgerState.pairs(accounts: accounts, issuance: LedgerFixtures.issuance(of: accounts))
        let report = LedgerAudit(existentialDeposit: 500).run(try LedgerFixtures.snapshot(pairs), name: "s")
        let failure = try #require(check(report, "existential deposit 500")?.failure)
        #expect(failure.contains("0x" + Hex.encode(id(2))))
        #expect(!failure.contains("0x" + Hex.encode(id(4))))
        #expect(failure.hasPrefix("1 account(s)"))
        // Without a deposit the rule is not checked, and a warning says so.
        let unchecked = LedgerAudit().run(try LedgerFixtures.snapshot(pairs), name: "s")
        #expect(check(unchecked, "existential deposit") == nil)
        #expect(unchecked.warnings.contains { $0.contains("--existential-deposit") })
    }

    @Test("a raw chain spec with balances in genesis: unit and deposit from its properties")
    func chainSpecGenesis() throws {
        let accounts = LedgerFixtures.accounts(200, seed: 9)
        let issuance = LedgerFixtures.issuance(of: accounts)
        let spec = LedgerFixtures.chainSpec(
            LedgerState.pairs(accounts: accounts, issuance: issuance),
            properties: ["tokenSymbol": .string("AI3"), "tokenDecimals": .integer(18), "existentialDeposit": .string("1")])
        let snapshot = try StateSnapshot(jsonBytes: spec, source: "spec.json")
        #expect(snapshot.format == .chainSpec)
        let report = LedgerAudit().run(snapshot, name: "spec.json")
        #expect(report.passed, "\(report.textLines)")
        #expect(report.textLines.contains { $0.hasPrefix("issuance ") && $0.hasSuffix(" AI3") })
        #expect(report.fields["existentialDeposit"] == .string("1"))
        #expect(check(report, "existential deposit 0.000000000000000001 AI3")?.passed == true)
    }

    @Test("malformed records fail the decode check and name the account; they are not summed")
    func malformedRecords() throws {
        let accounts = LedgerFixtures.accounts(10)
        var pairs = LedgerState.pairs(accounts: accounts, issuance: LedgerFixtures.issuance(of: accounts))
        let prefix = LedgerLayout.accountPrefix()
        let victims = [[UInt8](repeating: 0xa1, count: 32), [UInt8](repeating: 0xa2, count: 32), [UInt8](repeating: 0xa3, count: 32)]
        let good = SCALEEncoder.encode(AccountInfo(free: 5))
        pairs.append((LedgerLayout.accountKey(victims[0]), Array(good.dropLast())))  // truncated
        pairs.append((LedgerLayout.accountKey(victims[1]), good + [0]))  // a trailing byte
        pairs.append((LedgerLayout.accountKey(victims[2]), [UInt8](repeating: 0x7f, count: 1 << 20)))  // huge
        pairs.append((prefix + [UInt8](repeating: 0, count: 16) + [UInt8](repeating: 0xa4, count: 32), good))  // hash of another account
        pairs.append((prefix + [1, 2, 3], good))  // a short key
        let report = Self.audit.run(try LedgerFixtures.snapshot(pairs), name: "s")
        let failure = try #require(check(report, "every System.Account record decodes")?.failure)
        #expect(failure.hasPrefix("5 record(s) are malformed"))
        for victim in victims { #expect(failure.contains("0x" + Hex.encode(victim))) }
        #expect(report.fields["records"] == .integer(15))
        #expect(report.fields["accounts"] == .integer(10))
        #expect(check(report, "conservation")?.passed == true)  // malformed values are not counted
        #expect(report.status == .verificationFailed)
    }

    @Test("a record given twice in a pairs snapshot is malformed, not counted twice")
    func repeatedRecord() throws {
        let accounts = LedgerFixtures.accounts(5)
        var pairs = LedgerState.pairs(accounts: accounts, issuance: LedgerFixtures.issuance(of: accounts))
        pairs.append(pairs[0])
        let report = Self.audit.run(try LedgerFixtures.snapshot(pairs), name: "s")
        #expect(check(report, "every System.Account record decodes")?.failure?.contains("more than once") == true)
    }

    @Test("sums that overflow a u128 are reported, never wrapped")
    func overflow() throws {
        let id = { (n: UInt8) in [UInt8](repeating: n, count: 32) }
        // One account whose own total overflows, and two whose sum does.
        let accounts: [([UInt8], AccountInfo)] = [
            (id(1), AccountInfo(free: UInt128.max, reserved: 1)),
            (id(2), AccountInfo(free: UInt128.max)),
        ]
        let report = Self.audit.run(try LedgerFixtures.snapshot(LedgerState.pairs(accounts: accounts, issuance: UInt128.max)), name: "s")
        let failure = try #require(check(report, "free + reserved fits in a u128")?.failure)
        #expect(failure.contains("0x" + Hex.encode(id(1))))
        #expect(!failure.contains("0x" + Hex.encode(id(2))))
        // (2^128 - 1) + 1 + (2^128 - 1) = 2^129 - 1 held against 2^128 - 1 issued: 2^128 more, exactly.
        #expect(report.fields["total"] == .string("680564733841876926926749214863536422911"))
        #expect(report.fields["imbalance"] == .string("340282366920938463463374607431768211456"))
        #expect(check(report, "conservation")?.passed == false)
    }

    @Test("a missing or malformed TotalIssuance fails, and conservation cannot pass without it")
    func issuanceProblems() throws {
        let accounts = LedgerFixtures.accounts(3)
        let missing = Self.audit.run(try LedgerFixtures.snapshot(LedgerState.pairs(accounts: accounts, issuance: nil)), name: "s")
        #expect(check(missing, "Balances.TotalIssuance")?.passed == false)
        #expect(check(missing, "conservation")?.passed == false)
        var pairs = LedgerState.pairs(accounts: accounts, issuance: nil)
        pairs.append((LedgerLayout.totalIssuanceKey(), [1, 2, 3]))
        let short = Self.audit.run(try LedgerFixtures.snapshot(pairs), name: "s")
        #expect(check(short, "Balances.TotalIssuance")?.failure?.contains("16 bytes") == true)
    }

    @Test("random keys and values under the prefix never crash the audit")
    func randomInput() throws {
        var random = TestRandom(seed: 77)
        let prefix = LedgerLayout.accountPrefix()
        for round in 0..<20 {
            var pairs: [([UInt8], [UInt8])] = []
            for _ in 0..<200 {
                let keyLength = Int.random(in: 0...80, using: &random)
                let valueLength = [0, 1, 79, 80, 81, Int.random(in: 0...300, using: &random)].randomElement(using: &random)!
                pairs.append((prefix + random.bytes(keyLength), random.bytes(valueLength)))
            }
            if round % 2 == 0 { pairs.append((LedgerLayout.totalIssuanceKey(), random.bytes(Int.random(in: 0...32, using: &random)))) }
            let report = Self.audit.run(try LedgerFixtures.snapshot(pairs), name: "random")
            #expect(report.fields["records"] == .integer(200))
            #expect(!report.passed)
        }
    }

    @Test("JSON carries counts and every amount as an exact integer string")
    func jsonFields() throws {
        let accounts = LedgerFixtures.accounts(3)
        let issuance = LedgerFixtures.issuance(of: accounts)
        let report = Self.audit.run(try LedgerFixtures.snapshot(LedgerState.pairs(accounts: accounts, issuance: issuance)), name: "s")
        let json = report.json
        #expect(json["accounts"] == .integer(3))
        for field in ["totalFree", "totalReserved", "totalFrozen", "total", "totalIssuance"] {
            let text = try #require(json[field]?.stringValue, "\(field)")
            #expect(Amount(decimal: text) != nil)
        }
        #expect(json["token"]?["symbol"] == .string("AI3"))
        #expect(json["ok"] == .bool(true))
    }
}

@Suite("state-audit ledger: flat snapshots streamed")
struct LedgerStreamTests {
    @Test("a map and a JSON-RPC response on disk are streamed and read as the whole reader reads them; a repeated account key in a map is malformed")
    func mapsAndResponsesStream() throws {
        let audit = LedgerAudit(tokenSymbol: "AI3", tokenDecimals: 18)
        let accounts = LedgerFixtures.accounts(300)
        var pairs = LedgerState.pairs(accounts: accounts, issuance: LedgerFixtures.issuance(of: accounts))
        pairs.reverse()  // out of order: the second pass runs
        let map = JSONValue.object(Dictionary(uniqueKeysWithValues: pairs.map { ("0x" + Hex.encode($0.0), JSONValue.string("0x" + Hex.encode($0.1))) }))
        let list = JSONValue.array(pairs.map { .array([.string("0x" + Hex.encode($0.0)), .string("0x" + Hex.encode($0.1))]) })
        let response = JSONValue.object(["jsonrpc": .string("2.0"), "id": .integer(1), "result": list])
        let directory = try TemporaryDirectory()
        for (name, document) in [("map.json", map), ("response.json", response)] {
            let bytes = document.jsonBytes()
            let path = try directory.write(name, bytes)
            let streamed = try audit.run(path: path, name: name, limit: 1 << 30)
            let whole = audit.run(try StateSnapshot(jsonBytes: bytes, source: name), name: name)
            #expect(streamed.fields == whole.fields && streamed.lines == whole.lines && streamed.checks == whole.checks, "\(name)")
            #expect(streamed.passed)
        }
        // A repeated account key, once in lower and once in upper case hex (JSON sees two members).
        let key = pairs.first { $0.0.starts(with: LedgerLayout.accountPrefix(pallet: "System")) }!
        var text = String(decoding: map.jsonBytes(), as: UTF8.self)
        text.removeLast()
        text += ",\"0x\(Hex.encode(key.0).uppercased())\":\"0x\(Hex.encode(key.1))\"}"
        let twice = try directory.write("twice.json", Array(text.utf8))
        let error = try #require(throws: StateError.self) { try audit.run(path: twice, name: "twice.json", limit: 1 << 30) }
        #expect(error.message.contains("is given twice"))
    }
}
