import AutoIDHashing
import AutoIDJSON
import AutoIDReports
import AutoIDState
import AutoIDVerdict
import Testing

@Suite("Header chain audit")
struct HeaderChainAuditTests {
    /// Genesis and `count` blocks on it, each on the hash of the previous.
    static func chain(_ count: UInt64) -> [BlockHeader] {
        var headers = [BlockHeader.genesis(stateRoot: TrieConstants.emptyRoot)]
        for number in 1...count {
            headers.append(AuditInputs.header(number: number, stateRoot: TrieConstants.emptyRoot, parent: headers.last!.hash))
        }
        return headers
    }

    static func entries(_ headers: [BlockHeader], file: String = "chain.json") -> [HeaderChainAudit.Entry] {
        headers.enumerated().map { HeaderChainAudit.Entry($0.element, source: "\(file)[\($0.offset)]") }
    }

    @Test("a linked chain passes link by link, and the last hash is checked; the fields list every header")
    func linked() throws {
        let headers = Self.chain(4)
        let last = headers.last!.hash
        let report = HeaderChainAudit(expectedLastHash: last.hex).run(Self.entries(headers))
        #expect(report.status == .ok)
        #expect(report.checks.map(\.name) == ["#1 follows #0", "#2 follows #1", "#3 follows #2", "#4 follows #3", "last header #4 hash"])
        #expect(
            report.fields == [
                "headers": .array(
                    headers.enumerated().map {
                        .object(["number": .integer($0.offset), "hash": .string($0.element.hash.hex), "source": .string("chain.json[\($0.offset)]")])
                    })
            ])
        #expect(report.lines[2] == "#2  \(headers[2].hash.hex)  state root \(TrieConstants.emptyRoot.hex)")
    }

    @Test("a broken parent link fails that link and the next, naming the hashes and the files")
    func brokenParentLink() throws {
        var headers = Self.chain(5)
        let forged = H256([UInt8](repeating: 0x42, count: 32))!
        headers[3] = AuditInputs.header(number: 3, stateRoot: TrieConstants.emptyRoot, parent: forged)
        let report = HeaderChainAudit().run(Self.entries(headers, file: "fork.json"))
        #expect(report.status == .verificationFailed)
        let failed = report.checks.filter { !$0.passed }
        #expect(
            failed == [
                AuditCheck(
                    name: "#3 follows #2", failure: "parentHash \(forged.hex) is not the hash of #2, \(headers[2].hash.hex)",
                    detail: "fork.json[3] does not build on fork.json[2]: a fork, a gap, or an altered header"),
                AuditCheck(
                    name: "#4 follows #3", failure: "parentHash \(headers[4].parentHash.hex) is not the hash of #3, \(headers[3].hash.hex)",
                    detail: "fork.json[4] does not build on fork.json[3]: a fork, a gap, or an altered header"),
            ])
        #expect(report.checks.count == 5)
    }

    @Test("numbers must rise by one: a gap or a restart is named before the parent hash is looked at")
    func numberGap() {
        let headers = Self.chain(2)
        let report = HeaderChainAudit().run(Self.entries(headers, file: "a") + Self.entries(headers, file: "b"))
        #expect(report.checks[2] == AuditCheck(name: "#0 follows #2", failure: "number 0 does not follow 2 (b[0])"))
        #expect(report.checks.filter { !$0.passed }.count == 1)
    }

    @Test("a wrong last hash fails with both hashes; a value that is not a hash fails too")
    func lastHash() {
        let headers = Self.chain(1)
        let wrong = H256([UInt8](repeating: 0xcd, count: 32))!
        #expect(
            HeaderChainAudit(expectedLastHash: wrong.hex).run(Self.entries(headers)).checks.last
                == AuditCheck(name: "last header #1 hash", failure: "computed \(headers[1].hash.hex), expected \(wrong.hex)"))
        #expect(
            HeaderChainAudit(expectedLastHash: "tip").run(Self.entries(headers)).checks.last
                == AuditCheck(name: "last header #1 hash", failure: "expected value \"tip\" is not a 32-byte hex hash"))
        // No headers (an empty file, []): nothing can end in the expected hash, so the audit fails
        // (issue 12: it used to pass with ok: true).
        let none = HeaderChainAudit(expectedLastHash: wrong.hex).run([])
        #expect(none.checks == [AuditCheck(name: "headers present", failure: "the input holds no headers, so none can have the expected last hash")])
        #expect(none.status == .verificationFailed)
        #expect(HeaderChainAudit().run([]).status == .verificationFailed)
    }

    @Test("a file holds one header, an array, JSON Lines or a SCALE hex string; each is named FILE[INDEX]")
    func fileShapes() throws {
        let headers = Self.chain(3)
        let array = JSONValue.array(headers.map(\.json)).jsonBytes()
        let lines = Array(("\n" + headers.map { String(decoding: $0.json.jsonBytes(), as: UTF8.self) }.joined(separator: "\n \r\n")).utf8)
        let single = headers[2].json.jsonBytes()
        let scale = Array(("  0x" + Hex.encode(headers[2].encoded) + "\n").utf8)
        for (bytes, expected) in [(array, headers), (lines, headers), (single, [headers[2]]), (scale, [headers[2]])] {
            let entries = try HeaderChainAudit.entries(in: bytes, source: "f")
            #expect(entries.map(\.header) == expected)
            #expect(entries.map(\.source) == expected.indices.map { "f[\($0)]" })
        }
        let broken = Array((String(decoding: headers[0].json.jsonBytes(), as: UTF8.self) + "\n\n{oops\n").utf8)
        let error = try #require(throws: StateError.self) { try HeaderChainAudit.entries(in: broken, source: "bad.jsonl") }
        #expect(error.message.hasPrefix("bad.jsonl: line 2: "))
        #expect(error.hint == "one header per line")
        let notHeader = try #require(throws: StateError.self) { try HeaderChainAudit.entries(in: Array("[{}]".utf8), source: "h") }
        #expect(notHeader.message.hasPrefix("h[0]: "))
    }
}
