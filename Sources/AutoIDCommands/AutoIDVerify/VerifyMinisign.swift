import ArgumentParser
import AutoIDFiles
import AutoIDMinisign
import AutoIDVerdict

extension AutoIDVerify {
    /// `autoid-verify minisign`: files against their `.minisig` signatures, like `minisign -Vm FILE -p KEY`.
    struct VerifyMinisign: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "minisign",
            abstract: "Verify files against minisign signatures (.minisig), many at a time.",
            discussion: """
                Like 'minisign -Vm FILE -p KEY' for every FILE at once: each FILE is checked against \
                FILE.minisig (or -x SIG when there is one FILE) with the public key given by -p (a minisign \
                .pub file, or an autoid PEM public key) or -P (base64). Both signature algorithms are \
                accepted: prehashed ED (BLAKE2b-512, minisign's default) and legacy Ed; the trusted comment's \
                signature is always checked. Files are verified in parallel on every core; --files-from \
                reads the names from a file (one per line, or NUL-terminated with -0).

                One line per file on standard output: FILE: OK (trusted comment: ...), FILE: FAILED (the \
                file, its signature or its trusted comment was altered: 1), FILE: UNTRUSTED (signed by \
                another key id: 2), FILE: ERROR (a malformed signature: 3) or FILE: MISSING (4). The exit \
                status is the worst of them. --json prints one report (autoid-minisign(5)).

                \(ExitStatus.documentation)
                """)

        @OptionGroup var key: MinisignKeyOptions

        @Option(
            name: [.customShort("x"), .customLong("signature")],
            help: ArgumentHelp("The signature file, when one FILE is verified (default: FILE.minisig).", valueName: "sig"))
        var signature: String?

        @Option(
            name: [.customShort("m"), .customLong("message")], help: ArgumentHelp("A file to verify, as minisign -m takes it (repeatable).", valueName: "file"))
        var messages: [String] = []

        @Flag(help: "Print a JSON report on standard output.")
        var json = false

        @Flag(name: .shortAndLong, help: "Print nothing; the exit status tells the verdict.")
        var quiet = false

        @OptionGroup var fileList: FileListOptions

        @OptionGroup var verbosity: VerbosityOptions

        @Argument(help: ArgumentHelp("Files to verify.", valueName: "file"))
        var files: [String] = []

        func validate() throws {
            if json && quiet { throw ValidationError("--json and --quiet exclude each other.") }
            if files.isEmpty && messages.isEmpty && fileList.filesFrom == nil { throw ValidationError("Name at least one file to verify.") }
            if signature != nil && (files.count + messages.count != 1 || fileList.filesFrom != nil) {
                throw ValidationError("-x names the signature of one file; with several files each is checked against FILE.minisig.")
            }
        }

        func run() throws {
            var status = ExitStatus.ok
            try reportingErrors(tool: "autoid-verify", verbose: verbosity.verbose) {
                let publicKey = try key.load()
                let names = try fileList.names(after: messages + files)
                let items = names.map { MinisignVerifier.Item(file: $0, signature: signature ?? MinisignVerifier.Format.minisign.signaturePath(for: $0)) }
                let results = MinisignVerifier.verify(items, key: publicKey, format: .minisign)
                try MinisignOutput.print(results, json: json, quiet: quiet, keyName: key.name)
                status = ExitStatus.worst(of: results.map(\.status))
            }
            if status != .ok { throw status.exitCode }
        }
    }
}

/// Printing minisign and signify verdicts, shared by both subcommands.
enum MinisignOutput {
    static func print(_ results: [MinisignResult], json: Bool, quiet: Bool, keyName: String) throws {
        if json {
            try Console.writeOut(MinisignResult.batchJSON(results).jsonBytes(pretty: true) + [0x0a])
        } else if !quiet {
            var text = ""
            for result in results { text += result.textLine(keyName: keyName) + "\n" }
            try Console.writeOut(Array(text.utf8))
        }
    }
}

extension AutoIDVerify.VerifyMinisign: OperandListCommand {
    var operands: [String] {
        get { files }
        set { files = newValue }
    }
}
