import AutoIDVerdict
import ArgumentParser
import AutoIDFiles
import AutoIDJSON
import AutoIDReports

/// `--json` and `--junit FILE`, shared by every auditing command.
struct ReportOptions: ParsableArguments {
    @Flag(help: "Print a JSON report on standard output instead of text.")
    var json = false

    @Option(help: ArgumentHelp("Also write a JUnit XML report (one test case per check) to this file, atomically.", valueName: "file"))
    var junit: String?

    @OptionGroup var verbosity: VerbosityOptions

    var verbose: Bool { verbosity.verbose }
}

/// One named check an audit made, for text, JSON and JUnit output alike.
struct AuditCheck {
    var name: String
    /// `nil` when it passed.
    var failure: String?
    /// Extra text shown when it failed.
    var detail: String?

    var passed: Bool { failure == nil }
}

/// What an audit prints and the exit status it ends with.
struct AuditOutcome {
    /// The JSON report's fields besides `checks` and `ok`.
    var fields: [String: JSONValue]
    /// Lines printed in text mode before the check results.
    var lines: [String]
    var checks: [AuditCheck]

    var status: ExitStatus { checks.allSatisfy(\.passed) ? .ok : .verificationFailed }

    /// Prints text or JSON, writes the JUnit file when asked, and returns the exit status.
    func emit(_ options: ReportOptions, suite: String) throws -> ExitStatus {
        if let path = options.junit {
            let report = JUnitReport(
                suiteName: suite,
                cases: checks.map { .init(name: $0.name, className: suite, failure: $0.failure, detail: $0.detail) })
            try AtomicFile.write(report.xmlBytes(), to: path)
        }
        if options.json {
            var object = fields
            object["ok"] = .bool(status == .ok)
            object["checks"] = .array(checks.map { check in
                var entry: [String: JSONValue] = ["name": .string(check.name), "ok": .bool(check.passed)]
                if let failure = check.failure { entry["failure"] = .string(failure) }
                if let detail = check.detail { entry["detail"] = .string(detail) }
                return .object(entry)
            })
            try Console.writeOut(JSONValue.object(object).jsonBytes(pretty: true) + [0x0a])
        } else {
            for line in lines { try Console.printOut(line) }
            for check in checks {
                if let failure = check.failure {
                    try Console.printOut("FAILED  \(check.name): \(failure)")
                    if let detail = check.detail { try Console.printOut("        \(detail)") }
                } else {
                    try Console.printOut("ok      \(check.name)")
                }
            }
        }
        return status
    }
}

/// `--state-version 0|1`.
enum StateVersionArgument: String, ExpressibleByArgument, CaseIterable {
    case v0 = "0"
    case v1 = "1"
}
