import ArgumentParser

/// `--verbose`, shared by every command that reports errors: the cause of an error in full.
struct VerbosityOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print the cause of errors in full.")
    var verbose = false
}
