import ArgumentParser
import AutoIDFiles

/// `-q/--quiet`, for every command that talks on success: a verdict, a report, a progress line, or a
/// note of what it wrote (a key id, an identifier). Silences that talk only: errors and warnings still
/// go to standard error, requested output (an envelope, a certificate, a JSON report) still goes where it
/// was asked, and the exit status is the same.
///
/// Which commands count as talking is listed in DocumentationTests (`talkingSubcommandsTakeQuiet`):
/// every subcommand takes `--quiet` unless it prints only the data asked for, or nothing.
struct QuietOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print nothing but errors and warnings; the exit status tells the outcome.")
    var quiet = false

    /// Prints `line` on standard output unless `--quiet`.
    func say(_ line: String) throws {
        guard !quiet else { return }
        try Console.printOut(line)
    }
}
