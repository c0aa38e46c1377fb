import ArgumentParser
import AutoIDFiles
import AutoIDManifest
import AutoIDMinisign
import AutoIDVerdict

extension AutoIDVerify {
    /// `autoid-verify signify`: `.sig` signatures and signed checksum lists, like `signify -V` and `-C`.
    struct VerifySignify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "signify",
            abstract: "Verify OpenBSD signify signatures (.sig) and signed checksum lists (-C).",
            discussion: """
                Without -C, like 'signify -V -p KEY -m FILE' for every FILE: each is checked against \
                FILE.sig (or -x SIG for one FILE), one line per file as 'autoid-verify minisign' prints.

                With -C, like 'signify -C -p KEY -x SHA256.sig [FILE...]': SIG is a checksum list signed \
                with its signature embedded ('signify -S -e'); the signature is verified first, then every \
                file the list names (or only the FILEs given; a FILE the list does not name fails) is \
                re-hashed: SHA256 and SHA512 lines, as signify accepts. Names in the list are the signer's: \
                they are read relative to --base-dir (default: the current directory), and a name that is \
                absolute, has a .. component or leads outside it is REFUSED (3). One line per listed file: \
                NAME: OK, NAME: FAILED (...), NAME: MISSING (...) or NAME: REFUSED (...).

                Public keys: signify's .pub (-p), or base64 (-P); minisign's and autoid's work too.

                \(ExitStatus.documentation)
                """)

        @OptionGroup var key: MinisignKeyOptions

        @Option(
            name: [.customShort("x"), .customLong("signature")],
            help: ArgumentHelp("The signature file (default: FILE.sig); with -C, the signed checksum list.", valueName: "sig"))
        var signature: String?

        @Flag(name: [.customShort("C"), .customLong("check")], help: "Verify the signed checksum list -x, then the files it names.")
        var check = false

        @Option(name: .customLong("base-dir"), help: ArgumentHelp("With -C, the directory names in the list are relative to.", valueName: "dir"))
        var baseDirectory: String?

        @Flag(help: "Print a JSON report on standard output.")
        var json = false

        @Flag(name: .shortAndLong, help: "Print nothing; the exit status tells the verdict.")
        var quiet = false

        @OptionGroup var fileList: FileListOptions

        @OptionGroup var verbosity: VerbosityOptions

        @Argument(help: ArgumentHelp("Files to verify (with -C: only these of the list).", valueName: "file"))
        var files: [String] = []

        func validate() throws {
            if json && quiet { throw ValidationError("--json and --quiet exclude each other.") }
            if check {
                if signature == nil { throw ValidationError("-C checks the signed list named by -x SIG.") }
            } else {
                if baseDirectory != nil { throw ValidationError("--base-dir is for the names in a -C list.") }
                if files.isEmpty && fileList.filesFrom == nil { throw ValidationError("Name at least one file to verify (or -C -x LIST).") }
                if signature != nil && (files.count != 1 || fileList.filesFrom != nil) {
                    throw ValidationError("-x names the signature of one file; with several files each is checked against FILE.sig.")
                }
            }
        }

        func run() throws {
            var status = ExitStatus.ok
            try reportingErrors(tool: "autoid-verify", verbose: verbosity.verbose) {
                let publicKey = try key.load()
                let names = try fileList.names(after: files)
                if check, let signature {
                    let report = try SignifyChecker.check(
                        signaturePath: signature, key: publicKey, selecting: names, locator: SubjectLocator(baseDirectory: baseDirectory))
                    status = report.status
                    if json {
                        try Console.writeOut(report.json.jsonBytes(pretty: true) + [0x0a])
                    } else if !quiet {
                        for line in Self.textLines(report, keyName: key.name) { try Console.printOut(line) }
                    }
                    return
                }
                let items = names.map { MinisignVerifier.Item(file: $0, signature: signature ?? MinisignVerifier.Format.signify.signaturePath(for: $0)) }
                let results = MinisignVerifier.verify(items, key: publicKey, format: .signify)
                try MinisignOutput.print(results, json: json, quiet: quiet, keyName: key.name)
                status = ExitStatus.worst(of: results.map(\.status))
            }
            if status != .ok { throw status.exitCode }
        }

        /// The report's lines, with the signature's failures said for a checksum list.
        static func textLines(_ report: VerificationReport, keyName: String) -> [String] {
            let list = DisplayName.escape(report.envelope)
            switch report.signature {
            case .invalid:
                return ["\(list): FAILED (the signature does not verify with \(DisplayName.escape(keyName)): the list was altered)"]
            case .untrustedKey(let ids):
                return [
                    "\(list): UNTRUSTED (signed by key id \(ids.map(DisplayName.escape).joined(separator: ", ")), not by the key given (\(DisplayName.escape(keyName))))"
                ]
            case .valid:
                return report.textLines(keyName: keyName)
            }
        }
    }
}

extension AutoIDVerify.VerifySignify: OperandListCommand {
    var operands: [String] {
        get { files }
        set { files = newValue }
    }
}
