public import ArgumentParser
import AutoIDFiles
import AutoIDThreads

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
    ///
    /// Synchronous on purpose, for every tool: parsing and a command with a synchronous `run()` stay
    /// on the main thread and start no thread. An asynchronous command (one that awaits
    /// swift-certificates' chain validation, say) runs through ``waitForTask(_:)``, which starts the
    /// concurrency runtime's threads only then. An `async` `main` made every run, `--version`
    /// included, hop to a Dispatch worker thread at once: about 0.7 ms of a 4.5 ms start.
    ///
    /// `fastPath` may run a tool's most common one-file form without the argument parser (whose
    /// reflection is most of a short run's time): given the arguments, it returns the run, or nil for
    /// the parser to read them as always. `TOOL --version` is answered here for every tool, as the
    /// parser answers it (``FastPath/version(_:of:)``). `AUTOID_FAST_PATH=0` in the environment sends
    /// every line to the parser (tests compare the two readings of one line; ``FastPath/isEnabled``).
    public static func mainReportingUsageOnOneLine(tool: String, fastPath: ([String]) -> (() throws -> Void)? = { _ in nil }) {
        if let refusal = argumentThatIsNotUTF8() {
            Console.printError("\(tool): \(refusal) (see '\(tool) --help')")
            terminateProcess(ExitCode.validationFailure.rawValue)
        }
        do {
            let arguments = Array(CommandLine.arguments.dropFirst())
            if FastPath.isEnabled, let version = FastPath.version(arguments, of: configuration) {
                print(version)
                return
            }
            if FastPath.isEnabled, let run = fastPath(arguments) {
                try run()
                return
            }
            var command = try parseAsRootLinear()
            if let asynchronous = command as? any AsyncParsableCommand {
                let handed = HandedOver(asynchronous)
                try waitForTask {
                    var command = handed.value
                    try await command.run()
                }
            } else {
                try command.run()
            }
        } catch {
            exitReporting(error, tool: tool)
        }
    }

    /// Which command-line argument is not UTF-8, if one is: `CommandLine.arguments` repairs such bytes
    /// (U+FFFD), so a file name given that way would name another file ("cannot open: no such file"
    /// for a file that exists). Refused as a usage error instead, the bytes shown escaped.
    static func argumentThatIsNotUTF8() -> String? {
        for index in 1..<Int(CommandLine.argc) {
            guard let argument = CommandLine.unsafeArgv[index], String(validatingCString: argument) == nil else { continue }
            let bytes = Array(UnsafeRawBufferPointer(start: argument, count: strlen(argument)))
            return "argument \(index) is not UTF-8: '\(DisplayName.escape(bytes: bytes))'; names are taken as UTF-8 text: rename the file"
        }
        return nil
    }

    /// Exits for `error`: one line for a usage error, else what the argument parser does.
    static func exitReporting(_ error: any Error, tool: String) -> Never {
        // A verdict's exit status: nothing to print (the argument parser's exit(withError:) would
        // render the command's usage first, only to drop it).
        if let code = error as? ExitCode { terminateProcess(code.rawValue) }
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

/// Runs `body` as a task on Swift's concurrency runtime, its jobs on the calling thread
/// (``CallingThreadExecutor``): what it returns, or the error it throws.
///
/// The tools' `main` is synchronous (see ``ParsableCommand/mainReportingUsageOnOneLine(tool:)``), so
/// this is where a run that needs `await` enters the runtime. Call it from plain threads only, never
/// from a task: the calling thread is busy until `body` is done, and nothing here runs on the main
/// actor, which that thread would otherwise have to serve. Handing the task to the global executor
/// instead started a Dispatch worker thread for it and woke this one when it was done: about 0.5 ms
/// of a one-envelope `autoid-verify --trust` run (README, "Start-up").
func waitForTask<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    try CallingThreadExecutor.run(body)
}

/// A value handed to the task ``waitForTask(_:)`` runs, such as a parsed command (the argument
/// parser's types are not `Sendable`). Unchecked, and sound there: the handing thread only waits
/// until the task is done, so the value is never used by two threads at once.
struct HandedOver<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}
