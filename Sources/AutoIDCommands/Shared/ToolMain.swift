public import ArgumentParser
import AutoIDFiles

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ParsableCommand {
    /// Runs the tool as `main()` does, except that a usage error is one line on stderr,
    /// `TOOL: MESSAGE (see 'TOOL --help')`, with exit status 64, as the README promises (the argument
    /// parser's own report takes four lines: the error, a help line, the whole usage and a hint).
    /// Help, version and the exit codes our commands throw pass through unchanged.
    public static func mainReportingUsageOnOneLine(tool: String) {
        do {
            var command = try parseAsRootLinear()
            try command.run()
        } catch {
            exitReporting(error, tool: tool)
        }
    }

    /// The `async` form of ``mainReportingUsageOnOneLine(tool:)``, for tools with asynchronous
    /// subcommands.
    public static func mainReportingUsageOnOneLine(tool: String) async {
        do {
            var command = try parseAsRootLinear()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            exitReporting(error, tool: tool)
        }
    }

    /// Exits for `error`: one line for a usage error, else what the argument parser does.
    static func exitReporting(_ error: any Error, tool: String) -> Never {
        if !(error is ExitCode), exitCode(for: error) == .validationFailure {
            Console.printError(usageLine(fullMessage(for: error), tool: tool))
            terminateProcess(ExitCode.validationFailure.rawValue)
        }
        exit(withError: error)
    }

    /// `TOOL: MESSAGE (see 'TOOL --help')` from the argument parser's report, whose first line is
    /// `Error: MESSAGE`.
    /// The help command is the report's own (`See 'TOOL SUBCOMMAND --help'`) when it names one.
    static func usageLine(_ report: String, tool: String) -> String {
        let lines = report.split(separator: "\n", omittingEmptySubsequences: true)
        var message = lines.first.map(String.init) ?? "usage error"
        if message.hasPrefix("Error: ") { message.removeFirst("Error: ".count) }
        var help = "\(tool) --help"
        if let hint = lines.last(where: { $0.utf8.firstRange(of: "See '".utf8) != nil }), let start = hint.utf8.firstRange(of: "See '".utf8)?.upperBound,
            let end = hint[start...].firstIndex(of: "'"), hint[start..<end].hasSuffix("--help")
        {
            help = String(hint[start..<end])
        }
        return "\(tool): \(message) (see '\(help)')"
    }
}

/// `exit(3)` (inside a command type, `exit` names the argument parser's `exit(withError:)`).
private func terminateProcess(_ status: Int32) -> Never {
    exit(status)
}
