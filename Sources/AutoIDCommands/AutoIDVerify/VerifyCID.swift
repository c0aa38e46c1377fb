import ArgumentParser
import AutoIDDrive
import AutoIDFiles
import AutoIDReports
import AutoIDVerdict

extension AutoIDVerify {
    /// `autoid-verify cid`: check that a download has the Auto Drive CID it was published under.
    struct VerifyCID: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cid",
            abstract: "Verify that a file (or standard input) or a folder has an Auto Drive CID.",
            discussion: """
                Computes FILE's Auto Drive CID exactly as Autonomys' auto-dag-data library does (chunks of \
                65,066 bytes in DAG-PB nodes, BLAKE3, CIDv1 base32; see autoid-drive(5)) and compares it \
                with CID. The file's name is part of the CID: it defaults to FILE's base name (none for \
                standard input); --name records another, --no-name none.

                Auto Drive compresses uploads by default (zlib, level 9) and returns the stored, compressed \
                bytes; their CID covers those bytes and records the compression. With --stored-compressed, \
                FILE is that stored form: the CID is checked over it and, in the same pass, the zlib stream \
                is inflated into -o OUT (never recompressed), which appears only when the CID matched and \
                the stream was complete (atomically; an existing OUT is replaced only with --force). \
                Without -o the stream is still inflated, to check it. --max-output caps the inflated size \
                (default 64 GiB) against decompression bombs.

                A FILE that is a folder (a downloaded Auto Drive folder, unpacked) is checked as Auto Drive \
                stores an uncompressed folder upload: every file's CID under its own name, folders in byte \
                order of names, the folder named by --name or its own base name (see autoid-drive(5)). \
                Symbolic links, devices and FIFOs inside it are refused, never followed (3), as are names \
                that are not UTF-8 or longer than 255 bytes, more than 1,000,000 entries or folders nested \
                more than 64 deep.

                Prints the expected and computed CIDs and one line per check; --json prints the same as one \
                JSON object. Exit status: 0 the CID matches; 1 it does not; 3 CID malformed, or stored bytes \
                that match but do not inflate; 4 I/O error; 64 usage error.
                """)

        @Argument(help: ArgumentHelp("The CID the content should have (bafkr6i...).", valueName: "cid"))
        var cid: String

        @Argument(help: ArgumentHelp("The downloaded file or folder; - for standard input.", valueName: "file"))
        var file: String

        @Option(help: ArgumentHelp("The name recorded in the CID's root node (default: FILE's base name).", valueName: "name"))
        var name: String?

        @Flag(help: "Record no name (the default for standard input).")
        var noName = false

        @Flag(help: "FILE is Auto Drive's stored, zlib-compressed form: check its CID, then inflate it.")
        var storedCompressed = false

        @Option(name: .shortAndLong, help: ArgumentHelp("With --stored-compressed, write the inflated content here once the CID matched.", valueName: "out"))
        var output: String?

        @Flag(help: "Replace an existing -o file (it keeps its mode).")
        var force = false

        @Option(help: ArgumentHelp("With --stored-compressed, the most bytes the content may inflate to.", valueName: "bytes"))
        var maxOutput: UInt64 = CIDVerification.defaultOutputLimit

        @Flag(help: "Print a JSON report on standard output.")
        var json = false

        @Flag(name: .shortAndLong, help: "Print nothing; the exit status tells the verdict.")
        var quiet = false

        @OptionGroup var verbosity: VerbosityOptions

        func validate() throws {
            try invocation.validate()
        }

        func run() throws {
            try invocation.run()
        }

        /// What this command line asks for, without the argument parser's types.
        var invocation: Invocation {
            Invocation(
                cid: cid, file: file, name: name, noName: noName, storedCompressed: storedCompressed, output: output, force: force,
                maxOutput: maxOutput, json: json, quiet: quiet, verbose: verbosity.verbose)
        }

        /// One `autoid-verify cid` run as plain values: what the parsed command holds (``invocation``)
        /// or what ``fastPath(_:)`` reads off the command line, and the code that checks and runs it (one
        /// copy for both).
        struct Invocation {
            var cid: String
            var file: String
            var name: String?
            var noName = false
            var storedCompressed = false
            var output: String?
            var force = false
            var maxOutput: UInt64 = CIDVerification.defaultOutputLimit
            var json = false
            var quiet = false
            var verbose = false

            func validate() throws {
                if name != nil && noName { throw ValidationError("--name and --no-name exclude each other.") }
                if output != nil && !storedCompressed {
                    throw ValidationError("-o writes the inflated content of --stored-compressed; the content itself is FILE.")
                }
                if json && quiet { throw ValidationError("--json and --quiet exclude each other.") }
            }

            func run() throws {
                var status = ExitStatus.ok
                try reportingErrors(tool: "autoid-verify", verbose: verbose) {
                    let expected = try AutoDriveCID(parsing: cid)
                    if file != "-" && FolderCID.isDirectory(file) {
                        if noName { throw ValidationError("A folder always records a name; --no-name goes with files.") }
                        if storedCompressed || output != nil {
                            throw ValidationError(
                                "A folder is checked as an uncompressed folder upload; --stored-compressed and -o are for files (a folder uploaded with a password is one encrypted zip file)."
                            )
                        }
                        let report = try CIDVerification.verifyFolder(expected: expected, path: file, name: name ?? FolderCID.defaultName(for: file) ?? file)
                        status = report.status
                        try print(report)
                        return
                    }
                    let input = InputSource(argument: file)
                    let recorded = noName ? nil : name ?? CIDVerification.defaultName(for: input)
                    let out = try output.map { try AtomicOutput(path: $0, existing: force ? .replace : .refuse, inputs: [file]) }
                    let report = try CIDVerification.verify(
                        expected: expected, input: input, name: recorded, storedCompressed: storedCompressed, output: out,
                        outputLimit: maxOutput)
                    status = report.status
                    try print(report)
                }
                if status != .ok { throw status.exitCode }
            }

            private func print(_ report: AuditReport) throws {
                if json {
                    try Console.writeOut(report.json.jsonBytes(pretty: true) + [0x0a])
                } else if !quiet {
                    for line in report.textLines { try Console.printOut(line) }
                }
            }

            /// `autoid-verify cid CID FILE` with `--name NAME`, `--no-name`, `--json`, `-q` or `-v`, in any
            /// order, the form a loop over downloads runs once per file, read without the argument parser
            /// (see ``FastPath``): exactly two operands, spelled as ``FastPath`` reads them. Anything else
            /// (another option, a line ``validate()`` refuses) gives nil, and the argument parser
            /// reads the line as always. `FastPathTests` holds both readings equal.
            static func fastPath(_ arguments: [String]) -> Self? {
                guard arguments.count >= 3, arguments[0] == "cid" else { return nil }
                var invocation = Self(cid: "", file: "")
                var operands: [String] = []
                let read = FastPath.read(arguments[1...]) { option in
                    switch option {
                    case "--name": .value
                    case "--no-name", "--json", "-q", "--quiet", "-v", "--verbose": .flag
                    default: nil
                    }
                } take: { item in
                    switch item {
                    case .operand(let operand): FastPath.append(&operands, operand)
                    case .option("--name", let value): FastPath.set(&invocation.name, value)
                    case .flag("--no-name"): FastPath.set(&invocation.noName)
                    case .flag("--json"): FastPath.set(&invocation.json)
                    case .flag("-q"), .flag("--quiet"): FastPath.set(&invocation.quiet)
                    case .flag("-v"), .flag("--verbose"): FastPath.set(&invocation.verbose)
                    default: false
                    }
                }
                guard read else { return nil }
                guard operands.count == 2 else { return nil }
                invocation.cid = operands[0]
                invocation.file = operands[1]
                guard (try? invocation.validate()) != nil else { return nil }
                return invocation
            }
        }
    }
}
