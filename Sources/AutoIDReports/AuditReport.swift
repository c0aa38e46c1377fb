public import AutoIDJSON
public import AutoIDVerdict

/// What an audit established and the checks it made: the one result every audit returns, whatever prints it.
///
/// A domain audit (`SnapshotAudit`, `RegistryAudit`...) builds the report; a command only prints it, as
/// text (``textLines``) or JSON (``json``), writes ``junit(suiteName:)`` for CI and exits with ``status``.
/// The verdict follows from the checks alone: one failed check fails the audit.
public struct AuditReport: Sendable {
    /// The JSON report's members besides `ok` and `checks` (which ``json`` adds, overriding any of that name).
    public var fields: [String: JSONValue]
    /// The text report's lines before the check results: the facts the audit computed.
    public var lines: [String]
    /// Every check made, in the order the reports list them.
    public var checks: [AuditCheck]
    /// Remarks that do not fail the audit, one line each without a prefix (commands print them on
    /// standard error as `tool: warning: ...`).
    public var warnings: [String]

    /// A report of `checks`, with the facts shown in JSON (`fields`) and text (`lines`).
    public init(fields: [String: JSONValue] = [:], lines: [String] = [], checks: [AuditCheck] = [], warnings: [String] = []) {
        self.fields = fields
        self.lines = lines
        self.checks = checks
        self.warnings = warnings
    }

    /// Whether every check passed (also when there are none).
    public var passed: Bool { checks.allSatisfy(\.passed) }

    /// The exit status the audit ends with: ``ExitStatus/ok``, or the worst ``AuditCheck/failureStatus`` of
    /// the checks that failed (``ExitStatus/verificationFailed`` outranks ``ExitStatus/untrusted``).
    public var status: ExitStatus { ExitStatus.worst(of: checks.filter { !$0.passed }.map(\.failureStatus)) }

    /// The JSON report: ``fields``, plus `ok` (the verdict) and `checks`, each check an object with `name` and
    /// `ok`, and `failure` and `detail` when it has them.
    public var json: JSONValue {
        var object = fields
        object["ok"] = .bool(passed)
        object["checks"] = .array(
            checks.map { check in
                var entry: [String: JSONValue] = ["name": .string(check.name), "ok": .bool(check.passed)]
                if let failure = check.failure { entry["failure"] = .string(failure) }
                if let detail = check.detail { entry["detail"] = .string(detail) }
                if !check.passed, check.failureStatus != .verificationFailed { entry["exitStatus"] = .integer(check.failureStatus.rawValue) }
                return .object(entry)
            })
        return .object(object)
    }

    /// The text report: ``lines``, then one line per check, `ok      NAME` or `FAILED  NAME: FAILURE`, a
    /// failure's detail on the next line, indented to the names.
    public var textLines: [String] {
        var out = lines
        for check in checks {
            if let failure = check.failure {
                out.append("FAILED  \(check.name): \(failure)")
                if let detail = check.detail { out.append("        \(detail)") }
            } else {
                out.append("ok      \(check.name)")
            }
        }
        return out
    }

    /// The JUnit report: one suite named `suiteName`, one test case per check (class name `suiteName` too).
    public func junit(suiteName: String) -> JUnitReport {
        JUnitReport(
            suiteName: suiteName,
            cases: checks.map { .init(name: $0.name, className: suiteName, failure: $0.failure, detail: $0.detail) })
    }
}
