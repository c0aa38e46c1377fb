public import ArgumentParser
import AutoIDFiles
public import AutoIDVerdict

extension ExitStatus {
    /// The argument parser's exit code for this status.
    public var exitCode: ExitCode { ExitCode(rawValue) }

    /// The status for an error that stopped a command: the error's own (``ReportableError``), usage for
    /// the argument parser's validation errors, and ``ExitStatus/internalError`` for anything else.
    static func forError(_ error: any Error) -> ExitStatus {
        if error is ValidationError { return .usage }
        return .of(error)
    }
}

/// Runs a command body, turning library errors into one line on stderr and the documented exit code.
///
/// An error nobody planned for (not a ``ReportableError``) is reported as an internal error (70) with
/// its full description, so that a bug never passes for a verdict on the input.
func reportingErrors(tool: String, verbose: Bool = false, _ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        report(error, tool: tool, verbose: verbose)
        throw ExitStatus.forError(error).exitCode
    }
}

/// The async form of ``reportingErrors(tool:verbose:_:)``.
func reportingErrors(tool: String, verbose: Bool = false, _ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        report(error, tool: tool, verbose: verbose)
        throw ExitStatus.forError(error).exitCode
    }
}

/// Prints one line for `error` on stderr, and its cause with `--verbose`.
func report(_ error: any Error, tool: String, verbose: Bool) {
    let status = ExitStatus.forError(error)
    if status == .internalError {
        Console.printError("\(tool): internal error (please report it): \(String(reflecting: error))")
        return
    }
    Console.printError("\(tool): \(error)")
    guard verbose else { return }
    if let cause = (error as? any ReportableError)?.cause {
        Console.printError("\(tool): cause: \(String(reflecting: cause))")
    } else {
        Console.printError("\(tool): cause: \(String(reflecting: error))")
    }
}
