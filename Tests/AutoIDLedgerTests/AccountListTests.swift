import AutoIDHashing
import AutoIDIdentity
import AutoIDJSON
import AutoIDLedger
import AutoIDManifest
import AutoIDReports
import AutoIDSigning
import AutoIDState
import AutoIDTestSupport
import AutoIDVerdict
import Foundation
import Testing

/// A users' root, a human and an AI agent under it, and a registrar (under the same root) that signs
/// account lists. The accounts are sr25519-like: 32 bytes no certificate holds.
struct AccountListFixture {
    let rootKey = Ed25519PrivateKey()
    let registrarKey = Ed25519PrivateKey()
    let root: AutoID
    let registrar: AutoID
    let alice: AutoID
    let agent: AutoID
    let mallory: AutoID
    static let start = Date(timeIntervalSince1970: 1_735_689_600)
    static let end = Date(timeIntervalSince1970: 1_893_456_000)
    static let now = start.addingTimeInterval(86_400)

    init() throws {
        root = try AutoIDIssuer.issueRoot(
            subjectCommonName: "AutoFi Users", kind: .organisation, key: rootKey, notValidBefore: Self.start, notValidAfter: Self.end)
        let (root, rootKey) = (root, rootKey)
        func leaf(_ name: String, _ kind: SubjectKind, key: Ed25519PrivateKey = Ed25519PrivateKey()) throws -> AutoID {
            try AutoIDIssuer.issueLeaf(
                issuer: root, issuerKey: rootKey, subjectPublicKey: key.publicKey, subjectCommonName: name, kind: kind,
                notValidBefore: Self.start, notValidAfter: Self.end)
        }
        registrar = try leaf("AutoFi Registrar", .organisation, key: registrarKey)
        alice = try leaf("Alice", .human)
        agent = try leaf("trading-agent", .aiAgent)
        mallory = try leaf("Mallory", .human)
    }

    static func account(_ n: UInt8) -> [UInt8] { [UInt8](repeating: n, count: 32) }

    func list(_ entries: [(UInt8, AutoID)], key: Ed25519PrivateKey? = nil) throws -> Envelope {
        try AccountList.make(
            entries: entries.map { AccountList.Entry(account: Self.account($0.0), autoID: $0.1.identifier!) }, issuer: [registrar, root],
            key: key ?? registrarKey)
    }

    func verify(_ envelope: Envelope, roots: [AutoID]? = nil) async throws -> AccountList.Verified {
        try await AccountList.verify(envelope, source: "list.json", trustRoots: roots ?? [root], at: Self.now)
    }

    func revoke(_ identity: AutoID) throws -> (list: RevocationList, source: String) {
        let list = try RevocationList.issue(
            issuer: root, issuerKey: rootKey, entries: [.init(serial: identity.serialNumber, revocationDate: Self.start)], number: 1,
            thisUpdate: Self.start, nextUpdate: Self.end)
        return (list, "root.crl")
    }
}

@Suite("Signed account lists: accounts to Auto IDs")
struct AccountListTests {
    @Test("a list resolves sr25519 accounts to the kinds of the Auto IDs it names; an account with both is both")
    func resolves() async throws {
        let fixture = try AccountListFixture()
        #expect(fixture.alice.identifier != nil)
        let verified = try await fixture.verify(try fixture.list([(1, fixture.alice), (2, fixture.agent), (3, fixture.alice), (3, fixture.agent)]))
        #expect(verified.issuerName == "AutoFi Registrar")
        #expect(verified.list.entries.count == 4)
        let resolved = await AccountAutoIDs.resolve(
            [fixture.alice, fixture.agent, fixture.root], lists: [verified], trustRoots: [fixture.root], at: AccountListFixture.now)
        #expect(resolved.kinds[AccountListFixture.account(1)] == ["human"])
        #expect(resolved.kinds[AccountListFixture.account(2)] == ["ai-agent"])
        #expect(resolved.kinds[AccountListFixture.account(3)] == ["human", "ai-agent"])
        #expect(resolved.unresolved.isEmpty)

        // The ledger: 1, 2, 3 funded and resolved; 4 funded and unlisted; 5 listed but empty.
        let accounts = (1...5).map { (AccountListFixture.account(UInt8($0)), AccountInfo(free: $0 == 5 ? 0 : 10)) }
        let pairs = LedgerState.pairs(accounts: accounts, issuance: 40)
        var audit = LedgerAudit(ss58Format: 6094)
        audit.autoIDs = resolved
        let report = audit.run(try LedgerFixtures.snapshot(pairs), name: "s.json")
        let check = try #require(report.checks.first { $0.name == "every funded account resolves to a valid, unrevoked Auto ID" })
        #expect(!check.passed)
        let failure = try #require(check.failure)
        #expect(failure.hasPrefix("1 funded account(s) have no Auto ID: account 0x" + Hex.encode(AccountListFixture.account(4))))
        // SS58 beside hex, with the format given.
        #expect(failure.contains("(\(SS58.encode(AccountListFixture.account(4), format: 6094)))"))
        #expect(failure.contains("no valid, unrevoked Auto ID holds its key or is listed for it"))
        #expect(report.lines.contains("auto ids       4 funded account(s): 1 ai-agent, 1 ai-agent and human, 1 human, 1 none"), "\(report.lines)")
        #expect(report.lines.contains("account list   list.json: 4 entries, signed by 'AutoFi Registrar'"))
        let missing = try #require(report.fields["problems"]?["withoutAutoId"]?.arrayValue?.first)
        #expect(missing["ss58"] == .string(SS58.encode(AccountListFixture.account(4), format: 6094)))
        #expect(report.fields["ss58Format"] == .integer(6094))
    }

    @Test("a listed Auto ID that is revoked, untrusted or not given leaves its account unresolved, and the report says why")
    func unresolvedReasons() async throws {
        let fixture = try AccountListFixture()
        // Another root, unknown to the auditor, and an Auto ID under it. (Identifiers derive from names, so
        // it has its own names: the same names under another root would give the same identifiers, and only
        // the trusted certificate would bind.)
        let elsewhereKey = Ed25519PrivateKey()
        let elsewhere = try AutoIDIssuer.issueRoot(
            subjectCommonName: "Elsewhere", kind: .organisation, key: elsewhereKey, notValidBefore: AccountListFixture.start,
            notValidAfter: AccountListFixture.end)
        let eve = try AutoIDIssuer.issueLeaf(
            issuer: elsewhere, issuerKey: elsewhereKey, subjectPublicKey: Ed25519PrivateKey().publicKey, subjectCommonName: "Eve", kind: .human,
            notValidBefore: AccountListFixture.start, notValidAfter: AccountListFixture.end)
        let verified = try await fixture.verify(
            try fixture.list([(1, fixture.alice), (2, fixture.mallory), (3, eve), (4, fixture.agent)]))
        let resolved = await AccountAutoIDs.resolve(
            [fixture.alice, fixture.mallory, eve, elsewhere], lists: [verified], trustRoots: [fixture.root],
            revocationLists: [try fixture.revoke(fixture.mallory)], at: AccountListFixture.now)
        #expect(resolved.kinds[AccountListFixture.account(1)] == ["human"])
        #expect(resolved.kinds[AccountListFixture.account(2)] == nil)
        #expect(resolved.unresolved[AccountListFixture.account(2)]?.contains("revoked") == true, "\(resolved.unresolved)")
        #expect(resolved.unresolved[AccountListFixture.account(3)]?.contains("not trusted") == true, "\(resolved.unresolved)")
        #expect(resolved.unresolved[AccountListFixture.account(4)]?.contains("not among the --auto-ids certificates") == true)

        let accounts = (1...4).map { (AccountListFixture.account(UInt8($0)), AccountInfo(free: 1)) }
        var audit = LedgerAudit()
        audit.autoIDs = resolved
        let report = audit.run(try LedgerFixtures.snapshot(LedgerState.pairs(accounts: accounts, issuance: 4)), name: "s.json")
        let reasons = try #require(report.fields["problems"]?["withoutAutoId"]?.arrayValue).compactMap { $0["reason"]?.stringValue }
        #expect(reasons.count == 3)
        #expect(reasons.allSatisfy { $0.hasPrefix("funded, but the account list list.json names Auto ID ") }, "\(reasons)")
    }

    @Test("with a registry, an Auto ID it does not back binds nothing, and the account says why")
    func registryBacksAutoIDs() async throws {
        let fixture = try AccountListFixture()
        let verified = try await fixture.verify(try fixture.list([(1, fixture.alice), (2, fixture.agent), (3, fixture.alice), (3, fixture.agent)]))
        let agentID = try #require(fixture.agent.identifier)
        var asked: [AutoIDIdentifier] = []
        let resolved = await AccountAutoIDs.resolve(
            [fixture.alice, fixture.agent, fixture.root], lists: [verified], trustRoots: [fixture.root],
            registry: { identifier, key in
                asked.append(identifier)
                #expect(key == (identifier == agentID ? fixture.agent : fixture.alice).subjectPublicKeyInfo)
                return identifier == agentID ? "revoked on its issuer's registry revocation list" : nil
            }, at: AccountListFixture.now)
        #expect(Set(asked) == [agentID, try #require(fixture.alice.identifier)])
        #expect(resolved.kinds[AccountListFixture.account(1)] == ["human"])
        #expect(resolved.kinds[AccountListFixture.account(2)] == nil)
        #expect(resolved.unresolved[AccountListFixture.account(2)]?.hasSuffix("which is revoked on its issuer's registry revocation list") == true)
        // Account 3 is still Alice's: one valid controller is enough.
        #expect(resolved.kinds[AccountListFixture.account(3)] == ["human"])
        #expect(resolved.refused.contains("'trading-agent': revoked on its issuer's registry revocation list"))
    }

    @Test("a forged list fails (1), a list from an untrusted issuer is untrusted (2), a malformed one is malformed (3)")
    func refusals() async throws {
        let fixture = try AccountListFixture()
        let other = try AccountListFixture()
        let envelope = try fixture.list([(1, fixture.alice)])
        // Signed by another key: the registrar's signature is missing.
        let forged = try AccountList.make(
            entries: [AccountList.Entry(account: AccountListFixture.account(1), autoID: fixture.mallory.identifier!)],
            issuer: [other.registrar, other.root], key: other.registrarKey)
        var swapped = forged
        swapped.signatures = envelope.signatures
        do {
            _ = try await fixture.verify(swapped)
            Issue.record("a forged list verified")
        } catch let error as LedgerError {
            #expect(error.code == .badSignature)
            #expect(ExitStatus.of(error) == .verificationFailed)
        }
        do {
            _ = try await fixture.verify(envelope, roots: [other.root])
            Issue.record("an issuer under other roots was trusted")
        } catch let error as LedgerError {
            #expect(error.code == .untrustedIssuer)
            #expect(ExitStatus.of(error) == .untrusted)
        }
        let ballot = Envelope(payloadType: "application/vnd.autoid.dao-ballot+json", payload: Array("{}".utf8))
        do {
            _ = try await fixture.verify(ballot)
            Issue.record("a ballot was read as an account list")
        } catch let error as LedgerError {
            #expect(error.code == .malformedAccountList)
            #expect(ExitStatus.of(error) == .malformedInput)
        }
    }

    @Test("the predicate is read strictly: SS58 or hex accounts, identifiers of 64 hex digits, no unknown members")
    func strictParsing() throws {
        let alice = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
        let id = String(repeating: "ab", count: 32)
        let entries = try AccountList.draft(
            json: try JSONParser.parse(Array(#"{"entries":[{"account":"\#(alice)","autoId":"\#(id)"}]}"#.utf8)), source: "d.json")
        #expect(entries.first?.account == Hex.decode(SS58Tests.alice))
        #expect(entries.first?.autoID.hexDigits == id)
        let bad: [(String, String)] = [
            (#"{"entries":[{"account":"\#(alice.dropLast())x","autoId":"\#(id)"}]}"#, "$.entries[0].account"),
            (#"{"entries":[{"account":"0x01","autoId":"\#(id)"}]}"#, "$.entries[0].account"),
            (#"{"entries":[{"account":"\#(alice)","autoId":"\#(id.dropLast())"}]}"#, "$.entries[0].autoId"),
            (#"{"entries":[{"account":"\#(alice)","autoId":"\#(id)","note":1}]}"#, "$.entries[0].note"),
            (#"{"entries":[{"account":"\#(alice)"}]}"#, "$.entries[0].autoId"),
            (#"{"entries":{}}"#, "$.entries"),
            (#"{"entries":[],"extra":true}"#, "$.extra"),
            (#"{"entries":[],"issuer":{"certificates":[]}}"#, "$.issuer"),
            (#"{"_type":"urn:autoid:predicate:ledger-journal:v0.1","entries":[]}"#, "$._type"),
            (#"[]"#, "$"),
        ]
        for (text, location) in bad {
            do {
                _ = try AccountList.draft(json: try JSONParser.parse(Array(text.utf8)), source: "d.json")
                Issue.record("accepted \(text)")
            } catch {
                #expect("\(error)".contains(location), "\(text): \(error)")
            }
        }
    }

    @Test("truncated and random payloads never crash the reader", arguments: [1, 2])
    func hostilePayloads(seed: UInt64) async throws {
        let fixture = try AccountListFixture()
        let envelope = try fixture.list([(1, fixture.alice), (2, fixture.agent)])
        var random = TestRandom(seed: seed)
        for cut in stride(from: 0, to: envelope.payload.count, by: 7) {
            let truncated = Envelope(payloadType: AccountList.payloadType, payload: Array(envelope.payload.prefix(cut)))
            #expect(throws: ManifestError.self) { try AccountList(envelope: truncated, source: "t") }
        }
        for _ in 0..<200 {
            var bytes = envelope.payload
            for _ in 0..<4 { bytes[Int(random.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: random.next()) }
            _ = try? AccountList(envelope: Envelope(payloadType: AccountList.payloadType, payload: bytes), source: "r")
        }
        // Too many entries are refused before any is read.
        let many = JSONValue.object([
            "_type": .string(AccountList.type),
            "entries": .array(Array(repeating: .null, count: AccountList.maxEntries + 1)),
            "issuer": .object(["certificates": .array([.string("AA==")])]),
        ])
        #expect(throws: ManifestError.self) { try AccountList(json: many, source: "m", path: "$") }
    }

    @Test("the chain spec's ss58Format is the address format; an option overrides it; a reserved one is a warning")
    func chainSpecFormat() throws {
        let accounts = [(AccountListFixture.account(9), AccountInfo(free: 10))]
        let pairs = LedgerState.pairs(accounts: accounts, issuance: 10)
        for (value, option, expected, warns) in [
            (JSONValue.integer(6094), UInt16?.none, UInt16?.some(6094), false), (.integer(42), 0, 0, false), (.integer(46), nil, nil, true),
            (.string("6094"), nil, nil, true), (.integer(16384), nil, nil, true),
        ] {
            let spec = try StateSnapshot(jsonBytes: LedgerFixtures.chainSpec(pairs, properties: ["ss58Format": value]), source: "spec")
            let settings = LedgerAudit(ss58Format: option).settings(for: spec)
            #expect(settings.ss58Format == expected, "\(value)")
            #expect(settings.warnings.contains { $0.contains("ss58Format") } == warns, "\(value): \(settings.warnings)")
        }
    }

    @Test("journals take SS58 accounts too")
    func journalSS58() throws {
        let json = #"""
            {"previousIssuance":"0","issuance":"5","entries":[{"op":"mint","account":"5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY","amount":"5"}]}
            """#
        let draft = try LedgerJournal.draft(json: try JSONParser.parse(Array(json.utf8)), source: "j")
        #expect(draft.entries == [.mint(account: try #require(Hex.decode(SS58Tests.alice)), amount: 5)])
    }
}
