import ArgumentParser
import AutoIDFiles
import AutoIDJSON
import AutoIDReports
import AutoIDVerdict

/// `--json` and `--junit FILE`, shared by every auditing command.
struct ReportOptions: ParsableArguments {
    @Flag(help: "Print a JSON report on standard output instead of text.")
    var json = false

    @Option(help: ArgumentHelp("Also write a JUnit XML report (one test case per check) to this file, atomically.", valueName: "file"))
    var junit: String?

    @Flag(help: "Replace an existing --junit file (it keeps its mode).")
    var force = false

    @OptionGroup var verbosity: VerbosityOptions

    @OptionGroup var talk: QuietOptions

    var verbose: Bool { verbosity.verbose }

    func validate() throws {
        if json && talk.quiet { throw ValidationError("--json and --quiet exclude each other.") }
    }
}

extension AuditReport {
    /// Prints the report the way `options` ask: warnings on standard error (`TOOL: warning: ...`), the JUnit
    /// file written atomically when asked, then JSON or text on standard output (no text with `--quiet`). Returns the exit status.
    /// The JUnit file is refused when it exists (without `--force`) or is one of `inputs`.
    func emit(_ options: ReportOptions, suite: String, tool: String = "state-audit", inputs: [String] = []) throws -> ExitStatus {
        for warning in warnings { Console.printError("\(tool): warning: \(warning)") }
        if let path = options.junit {
            try AtomicFile.write(junit(suiteName: suite).xmlBytes(), to: path, existing: options.force ? .replace : .refuse, inputs: inputs)
        }
        if options.json {
            try Console.writeOut(json.jsonBytes(pretty: true) + [0x0a])
        } else if !options.talk.quiet {
            for line in textLines { try Console.printOut(line) }
        }
        return status
    }
}

/// `--state-version 0|1`.
enum StateVersionArgument: String, ExpressibleByArgument, CaseIterable {
    case v0 = "0"
    case v1 = "1"
}
