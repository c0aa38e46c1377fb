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

                As minisign -V does: -Q prints only the trusted comment of each verified file (problems \
                still go to standard error), -q prints nothing, and -o writes the content of the one FILE \
                to standard output once it verified, with the line about it (or, with -Q, the trusted \
                comment) on standard error. A prehashed signature covers a hash of the file, so -o reads \
                it twice; when it changed in between, what was written is not the verified content and \
                the exit status is 4.

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

        @Flag(
            name: [.customShort("Q"), .customLong("comment-only")],
            help: "Print only the trusted comment of each verified file, as minisign -V -Q.")
        var commentOnly = false

        @Flag(
            name: [.customShort("o"), .customLong("output-content")],
            help: "Write the verified content of the one FILE to standard output, as minisign -V -o (reports go to standard error).")
        var outputContent = false

        @OptionGroup var fileList: FileListOptions

        @OptionGroup var verbosity: VerbosityOptions

        @Argument(help: ArgumentHelp("Files to verify.", valueName: "file"))
        var files: [String] = []

        func validate() throws {
            try invocation.validate()
        }

        func run() throws {
            try invocation.run()
        }

        /// What this command line asks for, without the argument parser's types.
        var invocation: Invocation {
            Invocation(
                publicKeyFile: key.publicKeyFile, publicKey: key.publicKey, signature: signature, messages: messages, json: json,
                quiet: quiet, commentOnly: commentOnly, outputContent: outputContent, filesFrom: fileList.filesFrom,
                nullSeparated: fileList.nullSeparated, verbose: verbosity.verbose, files: files)
        }

        /// One `autoid-verify minisign` run as plain values: what the parsed command holds
        /// (``invocation``) or what ``fastPath(_:)`` reads off the command line, and the code that checks
        /// and runs it (one copy for both).
        struct Invocation {
            var publicKeyFile: String?
            var publicKey: String?
            var signature: String?
            var messages: [String] = []
            var json = false
            var quiet = false
            var commentOnly = false
            var outputContent = false
            var filesFrom: String?
            var nullSeparated = false
            var verbose = false
            var files: [String] = []

            func validate() throws {
                try MinisignKeyOptions.validate(file: publicKeyFile, base64: publicKey)
                if nullSeparated && filesFrom == nil { throw ValidationError(FileListOptions.nullNeedsList) }
                if json && quiet { throw ValidationError("--json and --quiet exclude each other.") }
                if commentOnly && (json || quiet) { throw ValidationError("-Q prints the trusted comment; it does not go with --json or --quiet.") }
                if outputContent {
                    if json { throw ValidationError("-o writes the content to standard output, so it does not go with --json.") }
                    if files.count + messages.count != 1 || filesFrom != nil {
                        throw ValidationError("-o writes the content of one file; name exactly one FILE.")
                    }
                    if (files + messages) == ["-"] {
                        throw ValidationError("-o reads the file again to write it once it verified, so it needs a file, not standard input.")
                    }
                }
                if files.isEmpty && messages.isEmpty && filesFrom == nil { throw ValidationError("Name at least one file to verify.") }
                if signature != nil && (files.count + messages.count != 1 || filesFrom != nil) {
                    throw ValidationError("-x names the signature of one file; with several files each is checked against FILE.minisig.")
                }
            }

            func run() throws {
                var status = ExitStatus.ok
                try reportingErrors(tool: "autoid-verify", verbose: verbose) {
                    let key = try MinisignKeyOptions.load(file: publicKeyFile, base64: publicKey)
                    let keyName = MinisignKeyOptions.name(file: publicKeyFile)
                    let names = try FileListOptions.names(after: messages + files, filesFrom: filesFrom, nullSeparated: nullSeparated)
                    let items = names.map { MinisignVerifier.Item(file: $0, signature: signature ?? MinisignVerifier.Format.minisign.signaturePath(for: $0)) }
                    let style: MinisignOutput.Style = json ? .json : quiet ? .quiet : commentOnly ? .commentOnly : .lines
                    if outputContent {
                        let result = try MinisignVerifier.verify(items[0], key: key, format: .minisign) { try Console.writeOut($0) }
                        MinisignOutput.printReport(result, style: style, keyName: keyName)
                        status = result.status
                    } else {
                        let results = MinisignVerifier.verify(items, key: key, format: .minisign)
                        try MinisignOutput.print(results, style: style, keyName: keyName)
                        status = ExitStatus.worst(of: results.map(\.status))
                    }
                }
                if status != .ok { throw status.exitCode }
            }

            /// `autoid-verify minisign` with `-p KEY` or `-P BASE64`, `-m FILE` and FILE operands, and `-x SIG`,
            /// `--json`, `-q`, `-Q`, `-o` or `-v`, in any order (what a shell loop that replaces
            /// `minisign -Vm FILE -p KEY` runs once per file), read without the argument parser (see
            /// ``FastPath``). Spellings as ``FastPath`` reads them; anything else (another option, a line
            /// ``validate()`` refuses) gives nil, and the
            /// argument parser reads the line as always. `FastPathTests` holds both readings equal.
            static func fastPath(_ arguments: [String]) -> Self? {
                guard arguments.count >= 4, arguments[0] == "minisign" else { return nil }
                var invocation = Self()
                let read = FastPath.read(arguments[1...]) { option in
                    switch option {
                    case "-p", "--public-key-file", "-P", "--public-key", "-x", "--signature", "-m", "--message": .value
                    case "--json", "-q", "--quiet", "-Q", "--comment-only", "-o", "--output-content", "-v", "--verbose": .flag
                    default: nil
                    }
                } take: { item in
                    switch item {
                    case .operand(let file): FastPath.append(&invocation.files, file)
                    case .option("-m", let value), .option("--message", let value): FastPath.append(&invocation.messages, value)
                    case .option("-p", let value), .option("--public-key-file", let value): FastPath.set(&invocation.publicKeyFile, value)
                    case .option("-P", let value), .option("--public-key", let value): FastPath.set(&invocation.publicKey, value)
                    case .option("-x", let value), .option("--signature", let value): FastPath.set(&invocation.signature, value)
                    case .flag("--json"): FastPath.set(&invocation.json)
                    case .flag("-q"), .flag("--quiet"): FastPath.set(&invocation.quiet)
                    case .flag("-Q"), .flag("--comment-only"): FastPath.set(&invocation.commentOnly)
                    case .flag("-o"), .flag("--output-content"): FastPath.set(&invocation.outputContent)
                    case .flag("-v"), .flag("--verbose"): FastPath.set(&invocation.verbose)
                    default: false
                    }
                }
                guard read else { return nil }
                guard (try? invocation.validate()) != nil else { return nil }
                return invocation
            }
        }
    }
}

/// Printing minisign and signify verdicts, shared by both subcommands.
enum MinisignOutput {
    /// What to print.
    enum Style {
        /// One line per file on standard output.
        case lines
        /// The JSON report.
        case json
        /// Nothing (`-q`).
        case quiet
        /// Only each verified file's trusted comment, as `minisign -V -Q`; problems on standard error.
        case commentOnly
    }

    static func print(_ results: [MinisignResult], json: Bool, quiet: Bool, keyName: String) throws {
        try print(results, style: json ? .json : quiet ? .quiet : .lines, keyName: keyName)
    }

    static func print(_ results: [MinisignResult], style: Style, keyName: String) throws {
        switch style {
        case .json:
            try Console.writeOut(MinisignResult.batchJSON(results).jsonBytes(pretty: true) + [0x0a])
        case .quiet:
            break
        case .lines:
            var text = ""
            for result in results { text += result.textLine(keyName: keyName) + "\n" }
            try Console.writeOut(Array(text.utf8))
        case .commentOnly:
            var text = ""
            for result in results {
                if let comment = result.verifiedComment {
                    text += MinisignResult.displayComment(comment) + "\n"
                } else if result.status != .ok {
                    Console.printError(result.textLine(keyName: keyName))
                }
            }
            try Console.writeOut(Array(text.utf8))
        }
    }

    /// The report on a file whose content went to standard output (`-o`): on standard error, as
    /// `minisign -V -o` does, since standard output carries the content.
    static func printReport(_ result: MinisignResult, style: Style, keyName: String) {
        switch style {
        case .quiet, .json: break
        case .lines: Console.printError(result.textLine(keyName: keyName))
        case .commentOnly:
            if let comment = result.verifiedComment {
                Console.printError(MinisignResult.displayComment(comment))
            } else if result.status != .ok {
                Console.printError(result.textLine(keyName: keyName))
            }
        }
    }
}

extension AutoIDVerify.VerifyMinisign: OperandListCommand {
    var operands: [String] {
        get { files }
        set { files = newValue }
    }
}
