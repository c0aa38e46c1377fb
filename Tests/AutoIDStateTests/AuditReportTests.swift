import AutoIDJSON
import AutoIDReports
import AutoIDVerdict
import Testing

/// The report model every audit returns: the verdict, and the JSON, text and JUnit shapes the tools print.
@Suite("Audit report")
struct AuditReportTests {
    static let report = AuditReport(
        fields: ["root": .string("0xab"), "count": .integer(2)],
        lines: ["root           0xab"],
        checks: [
            AuditCheck(name: "first"),
            AuditCheck(name: "second", failure: "computed 1, expected 2", detail: "look at the layout"),
            AuditCheck(name: "third & <last>", failure: "\"quoted\""),
        ])

    @Test("one failed check fails the audit (exit status 1); no checks, or only passed ones, pass it")
    func verdict() {
        #expect(Self.report.status == .verificationFailed && !Self.report.passed)
        #expect(AuditReport().status == .ok)
        #expect(AuditReport(checks: [AuditCheck(name: "a"), AuditCheck(name: "b")]).status == .ok)
    }

    @Test("JSON: the fields, ok, and each check with failure and detail only when present")
    func json() {
        #expect(
            Self.report.json
                == .object([
                    "root": .string("0xab"), "count": .integer(2), "ok": .bool(false),
                    "checks": .array([
                        .object(["name": .string("first"), "ok": .bool(true)]),
                        .object([
                            "name": .string("second"), "ok": .bool(false), "failure": .string("computed 1, expected 2"),
                            "detail": .string("look at the layout"),
                        ]),
                        .object(["name": .string("third & <last>"), "ok": .bool(false), "failure": .string("\"quoted\"")]),
                    ]),
                ]))
        #expect(AuditReport(fields: ["ok": .string("mine")]).json["ok"] == .bool(true))
    }

    @Test("text: the lines, then ok or FAILED per check, a failure's detail indented under it")
    func text() {
        #expect(
            Self.report.textLines == [
                "root           0xab",
                "ok      first",
                "FAILED  second: computed 1, expected 2",
                "        look at the layout",
                "FAILED  third & <last>: \"quoted\"",
            ])
    }

    @Test("JUnit: one test case per check in the named suite, failures counted and escaped")
    func junit() {
        let xml = String(decoding: Self.report.junit(suiteName: "state-audit demo").xmlBytes(), as: UTF8.self)
        #expect(xml.contains(#"<testsuite name="state-audit demo" tests="3" failures="2" errors="0""#))
        #expect(xml.contains(#"<testcase name="first" classname="state-audit demo""#))
        #expect(xml.contains(#"<failure message="computed 1, expected 2">look at the layout</failure>"#))
        #expect(xml.contains(#"name="third &amp; &lt;last&gt;""#))
    }
}
