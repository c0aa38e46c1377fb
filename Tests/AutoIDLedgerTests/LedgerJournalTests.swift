import AutoIDHashing
import AutoIDIdentity
import AutoIDJSON
import AutoIDLedger
import AutoIDManifest
import AutoIDReports
import AutoIDSigning
import AutoIDState
import AutoIDVerdict
import Foundation
import Testing

/// An issuer (a root Auto ID for the token's treasury) and the ledger it keeps.
struct JournalFixture {
    let rootKey = Ed25519PrivateKey()
    let treasuryKey = Ed25519PrivateKey()
    let root: AutoID
    let treasury: AutoID
    static let start = Date(timeIntervalSince1970: 1_735_689_600)
    static let end = Date(timeIntervalSince1970: 1_893_456_000)

    init() throws {
        root = try AutoIDIssuer.issueRoot(
            subjectCommonName: "AutoFi Issuer", kind: .organisation, key: rootKey, notValidBefore: Self.start, notValidAfter: Self.end)
        treasury = try AutoIDIssuer.issueLeaf(
            issuer: root, issuerKey: rootKey, subjectPublicKey: treasuryKey.publicKey, subjectCommonName: "AutoFi Treasury",
            kind: .organisation, notValidBefore: Self.start, notValidAfter: Self.end)
    }

    static func id(_ n: UInt8) -> [UInt8] { [UInt8](repeating: n, count: 32) }

    func journal(from: UInt128, to: UInt128, _ entries: [LedgerJournal.Entry], key: Ed25519PrivateKey? = nil) throws -> Envelope {
        try LedgerJournal.make(previousIssuance: from, issuance: to, entries: entries, issuer: [treasury, root], key: key ?? treasuryKey)
    }

    func verify(_ envelope: Envelope, roots: [AutoID]? = nil) async throws -> LedgerJournal.Verified {
        try await LedgerJournal.verify(envelope, source: "j.json", trustRoots: roots ?? [root], at: Self.start.addingTimeInterval(86_400))
    }
}

@Suite("Signed mint/burn journals between two snapshots")
struct LedgerJournalTests {
    let unit = TokenUnit(symbol: "AI3", decimals: 0)

    func ledger(_ accounts: [([UInt8], AccountInfo)], issuance: UInt128) -> LedgerState {
        LedgerState(pairs: LedgerState.pairs(accounts: accounts, issuance: issuance), keepAccounts: true)
    }

    func check(_ checks: [AuditCheck], _ prefix: String) -> AuditCheck? { checks.first { $0.name.hasPrefix(prefix) } }

    // Before: 1 holds 100, 2 holds 50 (150 issued). After: 1 sends 30 to 2, 40 are minted to 3, 5 burned from 2.
    static let before: [([UInt8], AccountInfo)] = [(JournalFixture.id(1), AccountInfo(free: 100)), (JournalFixture.id(2), AccountInfo(free: 50))]
    static let after: [([UInt8], AccountInfo)] = [
        (JournalFixture.id(1), AccountInfo(free: 70)), (JournalFixture.id(2), AccountInfo(free: 60, reserved: 15)),
        (JournalFixture.id(3), AccountInfo(free: 40)),
    ]
    static let entries: [LedgerJournal.Entry] = [
        .transfer(from: JournalFixture.id(1), to: JournalFixture.id(2), amount: 30), .mint(account: JournalFixture.id(3), amount: 40),
        .burn(account: JournalFixture.id(2), amount: 5),
    ]

    @Test("a journal that explains every change passes every check")
    func explained() async throws {
        let fixture = try JournalFixture()
        let verified = try await fixture.verify(try fixture.journal(from: 150, to: 185, Self.entries))
        #expect(verified.issuerName == "AutoFi Treasury")
        #expect(verified.journal.minted == Amount(40))
        let result = LedgerChange.checks(
            previous: ledger(Self.before, issuance: 150), current: ledger(Self.after, issuance: 185), journals: [verified], unit: unit)
        let failed = result.checks.filter { !$0.passed }
        #expect(failed.isEmpty, "\(failed)")
        #expect(result.fields["changedAccounts"] == .integer(3))
    }

    @Test("one changed balance is named; the issuance check still holds")
    func unexplainedAccount() async throws {
        let fixture = try JournalFixture()
        let verified = try await fixture.verify(try fixture.journal(from: 150, to: 185, Self.entries))
        var after = Self.after
        after[0].1.free += 7
        after[2].1.free -= 7  // conservation still holds: only the journal can tell
        let result = LedgerChange.checks(
            previous: ledger(Self.before, issuance: 150), current: ledger(after, issuance: 185), journals: [verified], unit: unit)
        let failure = try #require(check(result.checks, "every account's change")?.failure)
        #expect(failure.hasPrefix("2 account(s) changed otherwise"))
        #expect(failure.contains("account 0x" + Hex.encode(JournalFixture.id(1)) + ": held 100 AI3, holds 77 AI3, journals credit 0 AI3 and debit 30 AI3"))
        #expect(failure.contains("0x" + Hex.encode(JournalFixture.id(3))))
        #expect(check(result.checks, "issuance change equals")?.passed == true)

        // With an address format, accounts are also named in SS58, in text and JSON.
        let named = LedgerChange.checks(
            previous: ledger(Self.before, issuance: 150), current: ledger(after, issuance: 185), journals: [verified], unit: unit, ss58Format: 42)
        let address = SS58.encode(JournalFixture.id(1), format: 42)
        #expect(check(named.checks, "every account's change")?.failure?.contains("account 0x\(Hex.encode(JournalFixture.id(1))) (\(address)): held") == true)
        #expect(named.fields["unexplainedAccounts"]?.arrayValue?.first?["ss58"] == .string(address))
    }

    @Test("issuance that moved without a mint, or journals that do not chain, fail")
    func issuanceMismatch() async throws {
        let fixture = try JournalFixture()
        // The journal claims 150 -> 185 but mints only 40 and burns 5... and the chain says 190.
        let inconsistent = try await fixture.verify(try fixture.journal(from: 150, to: 190, Self.entries))
        let result = LedgerChange.checks(
            previous: ledger(Self.before, issuance: 150), current: ledger(Self.after, issuance: 185), journals: [inconsistent], unit: unit)
        #expect(check(result.checks, "journal j.json: issuance change")?.passed == false)
        #expect(check(result.checks, "journals chain")?.failure?.contains("end at 190 AI3") == true)
        // No journal at all: the issuance grew by 35 without a mint, and every account is unexplained.
        let none = LedgerChange.checks(
            previous: ledger(Self.before, issuance: 150), current: ledger(Self.after, issuance: 185), journals: [], unit: unit)
        #expect(check(none.checks, "issuance change equals")?.passed == false)
        #expect(check(none.checks, "every account's change")?.failure?.hasPrefix("3 account(s)") == true)
    }

    @Test("a forged, re-signed or untrusted journal is refused with the right status")
    func refusals() async throws {
        let fixture = try JournalFixture()
        let good = try fixture.journal(from: 150, to: 185, Self.entries)
        // A changed payload: the signature no longer verifies (1).
        var payload = try JSONParser.parse(good.payload)
        if case .object(var members) = payload {
            members["issuance"] = .string("999")
            payload = .object(members)
        }
        let forged = Envelope(payloadType: good.payloadType, payload: payload.jsonBytes(), signatures: good.signatures)
        do {
            _ = try await fixture.verify(forged)
            Issue.record("a forged journal passed")
        } catch let error as LedgerError {
            #expect(error.code == .badSignature)
            #expect(error.exitStatus == .verificationFailed)
        }
        // Signed by another key than the issuer certificate's: refused when made; one made by hand fails to verify (1).
        #expect(throws: IdentityError.self) { _ = try fixture.journal(from: 150, to: 185, Self.entries, key: Ed25519PrivateKey()) }
        var resigned = Envelope(payloadType: good.payloadType, payload: good.payload)
        resigned.sign(with: Ed25519PrivateKey())
        do {
            _ = try await fixture.verify(resigned)
            Issue.record("a journal signed by another key passed")
        } catch let error as LedgerError {
            #expect(error.code == .badSignature)
        }
        // An issuer under other roots (2).
        let stranger = try JournalFixture()
        do {
            _ = try await fixture.verify(good, roots: [stranger.root])
            Issue.record("an untrusted issuer passed")
        } catch let error as LedgerError {
            #expect(error.code == .untrustedIssuer)
            #expect(error.exitStatus == .untrusted)
        }
        // Not a journal (3).
        let other = Envelope(payloadType: "application/vnd.in-toto+json", payload: Array("{}".utf8))
        do {
            _ = try await fixture.verify(other)
            Issue.record("a non-journal passed")
        } catch let error as LedgerError {
            #expect(error.code == .malformedJournal)
            #expect(error.exitStatus == .malformedInput)
        }
    }

    @Test(
        "the predicate reads strictly and round-trips",
        arguments: [
            #"{"_type":"urn:autoid:predicate:ledger-journal:v0.1","previousIssuance":"1","issuance":"1","entries":[],"issuer":{"certificates":["AAAA"]},"extra":1}"#,
            #"{"_type":"urn:autoid:predicate:ledger-journal:v0.2","previousIssuance":"1","issuance":"1","entries":[],"issuer":{"certificates":["AAAA"]}}"#,
            #"{"_type":"urn:autoid:predicate:ledger-journal:v0.1","previousIssuance":1,"issuance":"1","entries":[],"issuer":{"certificates":["AAAA"]}}"#,
            #"{"_type":"urn:autoid:predicate:ledger-journal:v0.1","previousIssuance":"-1","issuance":"1","entries":[],"issuer":{"certificates":["AAAA"]}}"#,
            #"{"_type":"urn:autoid:predicate:ledger-journal:v0.1","previousIssuance":"340282366920938463463374607431768211456","issuance":"1","entries":[],"issuer":{"certificates":["AAAA"]}}"#,
            #"{"_type":"urn:autoid:predicate:ledger-journal:v0.1","previousIssuance":"1","issuance":"1","entries":[{"op":"mint","account":"0x01","amount":"1"}],"issuer":{"certificates":["AAAA"]}}"#,
            #"{"_type":"urn:autoid:predicate:ledger-journal:v0.1","previousIssuance":"1","issuance":"1","entries":[{"op":"steal","account":"0x0101010101010101010101010101010101010101010101010101010101010101","amount":"1"}],"issuer":{"certificates":["AAAA"]}}"#,
            #"{"_type":"urn:autoid:predicate:ledger-journal:v0.1","previousIssuance":"1","issuance":"1","entries":[{"op":"burn","account":"0x0101010101010101010101010101010101010101010101010101010101010101","amount":"1","to":"x"}],"issuer":{"certificates":["AAAA"]}}"#,
            #"{"_type":"urn:autoid:predicate:ledger-journal:v0.1","previousIssuance":"1","issuance":"1","entries":[],"issuer":{"certificates":[]}}"#,
            #"[]"#,
        ])
    func strictReading(text: String) throws {
        #expect(throws: ManifestError.self) { _ = try LedgerJournal(json: try JSONParser.parse(Array(text.utf8)), source: "j", path: "payload") }
    }

    @Test("a made journal reads back as it was made")
    func roundTrip() throws {
        let fixture = try JournalFixture()
        let envelope = try fixture.journal(from: 150, to: 185, Self.entries)
        let journal = try LedgerJournal(envelope: envelope, source: "j")
        #expect(journal.entries == Self.entries)
        #expect(journal.previousIssuance == 150 && journal.issuance == 185)
        #expect(journal.issuerCertificates == [fixture.treasury.derBytes, fixture.root.derBytes])
        #expect(try LedgerJournal(json: journal.json, source: "j", path: "p") == journal)
    }
}

@Suite("--require-auto-id: funded accounts resolve to Auto IDs holding their Ed25519 key")
struct AccountAutoIDTests {
    @Test("accounts held by a human, an AI agent, both, or nobody; untrusted Auto IDs do not resolve")
    func resolution() async throws {
        let fixture = try JournalFixture()
        let start = JournalFixture.start
        let end = JournalFixture.end
        let humanKey = Ed25519PrivateKey()
        let agentKey = Ed25519PrivateKey()
        let sharedKey = Ed25519PrivateKey()
        let strangerKey = Ed25519PrivateKey()
        func leaf(_ key: Ed25519PrivateKey, _ name: String, _ kind: SubjectKind, issuer: AutoID? = nil, issuerKey: Ed25519PrivateKey? = nil) throws -> AutoID {
            try AutoIDIssuer.issueLeaf(
                issuer: issuer ?? fixture.root, issuerKey: issuerKey ?? fixture.rootKey, subjectPublicKey: key.publicKey, subjectCommonName: name,
                kind: kind, notValidBefore: start, notValidAfter: end)
        }
        let otherRootKey = Ed25519PrivateKey()
        let otherRoot = try AutoIDIssuer.issueRoot(
            subjectCommonName: "Elsewhere", kind: .organisation, key: otherRootKey, notValidBefore: start, notValidAfter: end)
        let candidates = [
            try leaf(humanKey, "Alice", .human), try leaf(agentKey, "agent", .aiAgent), try leaf(sharedKey, "Bob", .human),
            try leaf(sharedKey, "bob-agent", .aiAgent), try leaf(strangerKey, "Mallory", .human, issuer: otherRoot, issuerKey: otherRootKey), fixture.root,
            otherRoot,
        ]
        let resolved = await AccountAutoIDs.resolve(candidates, trustRoots: [fixture.root], at: start.addingTimeInterval(60))
        #expect(resolved.kinds[humanKey.publicKey.rawRepresentation] == ["human"])
        #expect(resolved.kinds[sharedKey.publicKey.rawRepresentation] == ["human", "ai-agent"])
        #expect(resolved.kinds[strangerKey.publicKey.rawRepresentation] == nil)
        #expect(resolved.refused.contains { $0.hasPrefix("'Mallory': not trusted") })

        let unheld = [UInt8](repeating: 9, count: 32)
        let accounts: [([UInt8], AccountInfo)] = [
            (humanKey.publicKey.rawRepresentation, AccountInfo(free: 10)), (agentKey.publicKey.rawRepresentation, AccountInfo(free: 20)),
            (sharedKey.publicKey.rawRepresentation, AccountInfo(free: 30)), (strangerKey.publicKey.rawRepresentation, AccountInfo(free: 40)),
            (unheld, AccountInfo(providers: 0, free: 0)),  // not funded: needs no Auto ID
        ]
        var audit = LedgerAudit()
        audit.autoIDs = resolved
        let pairs = LedgerState.pairs(accounts: accounts, issuance: 100)
        let snapshot = try StateSnapshot(
            jsonBytes: JSONValue.array(pairs.map { .array([.string("0x" + Hex.encode($0.0)), .string("0x" + Hex.encode($0.1))]) }).jsonBytes(),
            source: "s")
        let report = audit.run(snapshot, name: "s")
        let check = try #require(report.checks.first { $0.name == "every funded account resolves to a valid, unrevoked Auto ID" })
        #expect(check.failure?.hasPrefix("1 funded account(s) have no Auto ID: account 0x\(Hex.encode(strangerKey.publicKey.rawRepresentation))") == true)
        #expect(report.fields["controlledBy"] == .object(["human": .integer(1), "ai-agent": .integer(1), "ai-agent and human": .integer(1)]))
    }
}
