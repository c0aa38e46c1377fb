import ArgumentParser
import AutoIDDrive
import AutoIDFiles
import AutoIDHashing
import AutoIDVerdict

extension AutoIDSign {
    /// `autoid-sign hash`: checksums in the format of sha256sum and b3sum, and checking them.
    struct HashFiles: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hash",
            abstract: "Print or check checksums, line for line like b3sum, sha256sum and b2sum (BLAKE3 by default).",
            discussion: """
                Prints one line per FILE: the lowercase hex digest, two spaces, the name (- for standard \
                input, the default). Names containing a backslash or a newline are escaped and the line \
                starts with a backslash, as coreutils does, so existing scripts and 'sha256sum -c' read \
                the output. With --check, each FILE is a list of such lines (a '*' before the name, from \
                binary mode, is accepted) and every listed file is re-hashed: NAME: OK or NAME: FAILED; \
                as sha256sum, a summary follows on standard error when some did not match \
                (WARNING: N computed checksums did NOT match) or could not be read.

                With --cid, each line is instead the file's Auto Drive CID (bafkr6i..., as Autonomys' \
                auto-dag-data computes it for an upload stored as is), two spaces, the name. The file's \
                name is part of the CID: --name NAME records another name, --no-name none (standard \
                input has none). A CID of a compressed upload (Auto Drive's default) covers the \
                compressed bytes, which depend on the compressor: compute it over the stored form you \
                downloaded, or check a download with 'autoid-verify cid --stored-compressed'. A FILE that \
                is a folder gets the CID of an uncompressed Auto Drive folder upload: each file's CID under \
                its own name, children in byte order of names, the folder named by its base name or \
                --name; links, devices and FIFOs inside it are refused (3). See autoid-drive(5).

                A regular file of 4 MiB or more hashed with BLAKE3 is read by position on every thread, each \
                hashing the 256 KiB it just read while it is still in that core's cache; other input is read \
                in large blocks on a second thread while the previous block is hashed (AUTOID_READ=ahead \
                reads every file that way, AUTOID_READ=map maps files of 1 MiB or more, as b3sum does; \
                both measured slower). A file that changes or is truncated while it is hashed fails with "changed \
                while it was being read" (exit 4), never with a half-read digest.

                Exit status: 0 all matched; 1 a digest differed; 3 a list line was malformed; \
                4 a file could not be read; 64 usage error. A mismatch (1) outranks the others.
                """)

        @Option(
            name: .shortAndLong,
            help: ArgumentHelp("Digest algorithm (\(HashAlgorithm.allCases.map(\.rawValue).joined(separator: ", "))).", valueName: "algorithm"))
        var algorithm: HashAlgorithm = .blake3

        @Flag(name: .shortAndLong, help: "Read checksum lists from the FILEs and check them.")
        var check = false

        @Flag(name: .shortAndLong, help: "With --check, print only failures.")
        var quiet = false

        @Flag(help: "With --check, print nothing on standard output; the exit status tells the verdict.")
        var status = false

        @Flag(help: "With --check, skip listed files that do not exist instead of failing.")
        var ignoreMissing = false

        @Flag(help: "Print each file's Auto Drive CID instead of a digest.")
        var cid = false

        @Option(help: ArgumentHelp("With --cid, the name recorded in the CID's root node (default: the file's base name).", valueName: "name"))
        var name: String?

        @Flag(help: "With --cid, record no name (as for standard input).")
        var noName = false

        @Flag(help: "Print BSD-style lines, TAG (NAME) = HEX, as 'sha256sum --tag' (--check reads both forms).")
        var tag = false

        @Flag(name: [.customShort("z"), .customLong("zero")], help: "End each output line with a NUL byte instead of a newline, and leave names unescaped.")
        var zero = false

        @Flag(name: .customLong("no-names"), help: "Print only the digests, as 'b3sum --no-names'.")
        var noNames = false

        @Flag(help: "With --check, fail on improperly formatted lines (always the case here: exit 3); accepted for coreutils scripts.")
        var strict = false

        @Option(
            name: .customLong("num-threads"),
            help: ArgumentHelp("Hash each input with at most N threads (default: one per core), as 'b3sum --num-threads'.", valueName: "n"))
        var numThreads: Int?

        @OptionGroup var fileList: FileListOptions

        @Argument(help: ArgumentHelp("Files to hash, or with --check lists to check; - is standard input (the default).", valueName: "file"))
        var files: [String] = []

        @OptionGroup var verbosity: VerbosityOptions

        func validate() throws {
            if (status || ignoreMissing) && !check { throw ValidationError("--status and --ignore-missing go with --check.") }
            if (name != nil || noName) && !cid { throw ValidationError("--name and --no-name go with --cid.") }
            if cid && (check || algorithm != .blake3) { throw ValidationError("--cid prints Auto Drive CIDs; it does not go with --check or --algorithm.") }
            if name != nil && noName { throw ValidationError("--name and --no-name exclude each other.") }
            if name != nil && (max(files.count, 1) != 1 || fileList.filesFrom != nil) {
                throw ValidationError("--name names one file; give exactly one FILE with it.")
            }
            if let numThreads, !(1...1024).contains(numThreads) { throw ValidationError("--num-threads takes a number from 1 to 1024.") }
            if strict && !check { throw ValidationError("--strict goes with --check.") }
            if (tag || zero || noNames) && (check || cid) {
                throw ValidationError("--tag, --zero and --no-names shape digest lines; they do not go with --check or --cid.")
            }
            if tag && noNames { throw ValidationError("--tag and --no-names exclude each other.") }
            if fileList.filesFrom == "-" && files.contains("-") {
                throw ValidationError("--files-from - reads the list from standard input, so - cannot be a file too.")
            }
        }

        /// The operands and the --files-from names; standard input when there are none.
        private func inputs() throws -> [String] {
            let all = try fileList.names(after: files)
            return all.isEmpty && fileList.filesFrom == nil ? ["-"] : all
        }

        func run() throws {
            var status = ExitStatus.ok
            var progress: ProgressLine?
            defer { progress?.finish() }
            try reportingErrors(tool: "autoid-sign", verbose: verbosity.verbose) {
                let files = try inputs()
                progress = ProgressLine.start("hashing", totalBytes: check ? nil : ProgressLine.totalSize(of: files), quiet: quiet || self.status)
                if cid {
                    status = try printCIDs(files)
                } else if check {
                    for list in files {
                        status = ExitStatus.worst(of: [status] + (try checkList(list)))
                    }
                } else {
                    for file in files {
                        let digest: ContentDigest
                        do throws(FileError) {
                            digest = try ContentDigester.digest(InputSource(argument: file), algorithms: [algorithm], threads: numThreads)
                        } catch {
                            Console.printError("autoid-sign: \(error)")
                            status = ExitStatus.worst(status, error.exitStatus)
                            continue
                        }
                        let value = digest.digests[algorithm]!
                        if noNames {
                            try Console.writeOut(Array((Hex.encode(value) + (zero ? "\0" : "\n")).utf8))
                        } else if zero {  // as coreutils -z: NUL-terminated, names as they are
                            let line = tag ? "\(ChecksumLine.tag(of: algorithm)) (\(file)) = \(Hex.encode(value))" : "\(Hex.encode(value))  \(file)"
                            try Console.writeOut(Array((line + "\0").utf8))
                        } else if tag {
                            try Console.printOut(ChecksumLine.formatTagged(tag: ChecksumLine.tag(of: algorithm), digest: value, name: file))
                        } else {
                            try Console.printOut(ChecksumLine.format(digest: value, name: file, escapesCarriageReturn: algorithm != .blake3))
                        }
                    }
                }
            }
            if status != .ok { throw status.exitCode }
        }

        /// `--cid`: one `CID  NAME` line per file; unreadable files are reported and skipped.
        private func printCIDs(_ files: [String]) throws -> ExitStatus {
            var status = ExitStatus.ok
            for file in files {
                let input = InputSource(argument: file)
                do {
                    if file != "-" && FolderCID.isDirectory(file) {
                        if noName { throw ValidationError("A folder always records a name; --no-name goes with files.") }
                        let folder = try FolderCID.cid(ofDirectory: file, name: name ?? FolderCID.defaultName(for: file) ?? file)
                        try Console.printOut("\(folder.cid)  \(ChecksumLine.displayName(file))")
                        continue
                    }
                    let recorded = noName ? nil : name ?? CIDVerification.defaultName(for: input)
                    let result =
                        try numThreads.map { try CIDVerification.cid(of: input, name: recorded, threads: $0) }
                        ?? CIDVerification.cid(of: input, name: recorded)
                    try Console.printOut("\(result.cid)  \(ChecksumLine.displayName(file))")
                } catch let error as FileError {
                    Console.printError("autoid-sign: \(error)")
                    status = ExitStatus.worst(status, error.exitStatus)
                }
            }
            return status
        }

        /// Checks every line of one list, returning the status of each problem found.
        private func checkList(_ list: String) throws -> [ExitStatus] {
            let bytes: [UInt8]
            do {
                bytes = try SmallFile.read(path: list, limit: 256 * 1024 * 1024)
            } catch let error as FileError {
                Console.printError("autoid-sign: \(error)")
                return [.ioError]
            }
            var outcomes: [ExitStatus] = []
            var malformed = 0
            var wellFormed = 0
            var mismatched = 0
            var unreadable = 0
            var skipped = 0
            let printsResults = !self.status
            let shownList = list == "-" ? "standard input" : DisplayName.escape(list)
            for (number, line) in bytes.split(separator: 0x0a, omittingEmptySubsequences: false).enumerated()
            where !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0d }) {
                guard let entry = ChecksumLine(parsing: line, digestLength: algorithm.digestByteCount, tag: ChecksumLine.tag(of: algorithm)) else {
                    malformed += 1
                    Console.printError(
                        "autoid-sign: \(shownList): line \(number + 1): not a '\(algorithm.rawValue)' checksum line (HEX, two spaces, NAME; or \(ChecksumLine.tag(of: algorithm)) (NAME) = HEX)"
                    )
                    continue
                }
                wellFormed += 1
                do {
                    let actual = try ContentDigester.digest(InputSource(argument: entry.name), algorithms: [algorithm], threads: numThreads)
                    let shown = ChecksumLine.displayName(entry.name)
                    if actual.digests[algorithm]! == entry.digest {
                        if !quiet && printsResults { try Console.printOut("\(shown): OK") }
                    } else {
                        if printsResults { try Console.printOut("\(shown): FAILED") }
                        mismatched += 1
                        outcomes.append(.verificationFailed)
                    }
                } catch let error as FileError {
                    if ignoreMissing && error.code == .notFound {
                        skipped += 1  // as sha256sum: a skipped line checks nothing
                        continue
                    }
                    if printsResults {
                        try Console.printOut("\(ChecksumLine.displayName(entry.name)): FAILED open or read")
                        Console.printError("autoid-sign: \(error)")
                    }
                    unreadable += 1
                    outcomes.append(.ioError)
                }
            }
            if printsResults && mismatched > 0 {
                Console.printError("autoid-sign: WARNING: \(mismatched) computed checksum\(mismatched == 1 ? "" : "s") did NOT match")
            }
            if printsResults && unreadable > 0 {
                Console.printError("autoid-sign: WARNING: \(unreadable) listed file\(unreadable == 1 ? "" : "s") could not be read")
            }
            if wellFormed > 0 && skipped == wellFormed {
                Console.printError("autoid-sign: \(shownList): no file was verified (every listed file is missing)")
                return [.verificationFailed]
            }
            if wellFormed == 0 {
                // As sha256sum: a list that checks nothing must not pass for one whose files all match.
                Console.printError("autoid-sign: \(shownList): no properly formatted checksum lines found")
                return [.malformedInput]
            }
            if malformed > 0 { outcomes.append(.malformedInput) }
            return outcomes
        }
    }
}

extension AutoIDSign.HashFiles: OperandListCommand {
    var operands: [String] {
        get { files }
        set { files = newValue }
    }
}
