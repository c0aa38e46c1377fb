import ArgumentParser
import AutoIDDrive
import AutoIDFiles
import AutoIDHashing
import AutoIDVerdict

extension AutoIDSign.HashFiles {
    /// One `autoid-sign hash` run as plain values: what the parsed command holds (``invocation``) or
    /// what ``fastPath(_:)`` reads off the command line, and the code that checks and runs it.
    struct Invocation: Equatable {
        var algorithm: HashAlgorithm = .blake3
        var check = false
        var quiet = false
        var status = false
        var ignoreMissing = false
        var cid = false
        var name: String?
        var noName = false
        var tag = false
        var zero = false
        var noNames = false
        var strict = false
        var numThreads: Int?
        var filesFrom: String?
        var nullSeparated = false
        var files: [String] = []
        var verbose = false

        func validate() throws {
            if (status || ignoreMissing) && !check { throw ValidationError("--status and --ignore-missing go with --check.") }
            if (name != nil || noName) && !cid { throw ValidationError("--name and --no-name go with --cid.") }
            if cid && (check || algorithm != .blake3) { throw ValidationError("--cid prints Auto Drive CIDs; it does not go with --check or --algorithm.") }
            if name != nil && noName { throw ValidationError("--name and --no-name exclude each other.") }
            if name != nil && (max(files.count, 1) != 1 || filesFrom != nil) {
                throw ValidationError("--name names one file; give exactly one FILE with it.")
            }
            if let numThreads, !(1...1024).contains(numThreads) { throw ValidationError("--num-threads takes a number from 1 to 1024.") }
            if strict && !check { throw ValidationError("--strict goes with --check.") }
            if (tag || zero || noNames) && (check || cid) {
                throw ValidationError("--tag, --zero and --no-names shape digest lines; they do not go with --check or --cid.")
            }
            if tag && noNames { throw ValidationError("--tag and --no-names exclude each other.") }
            if filesFrom == "-" && files.contains("-") {
                throw ValidationError("--files-from - reads the list from standard input, so - cannot be a file too.")
            }
        }

        /// The operands and the --files-from names; standard input when there are none.
        private func inputs() throws -> [String] {
            let all = try FileListOptions.names(after: files, filesFrom: filesFrom, nullSeparated: nullSeparated)
            return all.isEmpty && filesFrom == nil ? ["-"] : all
        }

        func run() throws {
            var status = ExitStatus.ok
            var progress: ProgressLine?
            defer { progress?.finish() }
            try reportingErrors(tool: "autoid-sign", verbose: verbose) {
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
                            try Console.writeOutLine(ChecksumLine.formatTagged(tag: ChecksumLine.tag(of: algorithm), digest: value, name: file))
                        } else {
                            try Console.writeOutLine(ChecksumLine.format(digest: value, name: file, escapesCarriageReturn: algorithm != .blake3))
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

extension AutoIDSign.HashFiles.Invocation {
    /// `autoid-sign hash [OPTION...] FILE...`, the form a shell loop runs once per file as it would
    /// b3sum or sha256sum, read without the argument parser (see ``FastPath``): every option of the
    /// command but `--files-from` and `--null` (`-a`, `-c`, `-q`, `--status`, `--ignore-missing`,
    /// `--strict`, `--cid`, `--name`, `--no-name`, `--tag`, `-z`, `--no-names`, `--num-threads`, `-v`;
    /// long forms too), options and files in any order, spelled as ``FastPath`` reads them. Anything
    /// else (a value the parser would refuse, a file named `help`, a line ``validate()`` refuses) gives
    /// nil and the argument parser reads the line as always. `FastPathTests` hold both
    /// readings equal.
    static func fastPath(_ arguments: [String]) -> Self? {
        guard arguments.count >= 2, arguments[0] == "hash" else { return nil }
        var invocation = Self()
        var algorithm: HashAlgorithm?
        let read = FastPath.read(arguments[1...]) { option in
            switch option {
            case "-a", "--algorithm", "--name", "--num-threads": .value
            case "-c", "--check", "-q", "--quiet", "--status", "--ignore-missing", "--strict", "--cid", "--no-name", "--tag", "-z", "--zero",
                "--no-names", "-v", "--verbose":
                .flag
            default: nil
            }
        } take: { item in
            switch item {
            case .operand(let file): file != "help" && FastPath.append(&invocation.files, file)
            case .option("-a", let value), .option("--algorithm", let value): HashAlgorithm(rawValue: value).map { FastPath.set(&algorithm, $0) } ?? false
            case .option("--name", let value): FastPath.set(&invocation.name, value)
            case .option("--num-threads", let value): Int(value).map { FastPath.set(&invocation.numThreads, $0) } ?? false
            case .flag("-c"), .flag("--check"): FastPath.set(&invocation.check)
            case .flag("-q"), .flag("--quiet"): FastPath.set(&invocation.quiet)
            case .flag("--status"): FastPath.set(&invocation.status)
            case .flag("--ignore-missing"): FastPath.set(&invocation.ignoreMissing)
            case .flag("--strict"): FastPath.set(&invocation.strict)
            case .flag("--cid"): FastPath.set(&invocation.cid)
            case .flag("--no-name"): FastPath.set(&invocation.noName)
            case .flag("--tag"): FastPath.set(&invocation.tag)
            case .flag("-z"), .flag("--zero"): FastPath.set(&invocation.zero)
            case .flag("--no-names"): FastPath.set(&invocation.noNames)
            case .flag("-v"), .flag("--verbose"): FastPath.set(&invocation.verbose)
            default: false
            }
        }
        guard read else { return nil }
        invocation.algorithm = algorithm ?? .blake3
        guard !invocation.files.isEmpty, (try? invocation.validate()) != nil else { return nil }
        return invocation
    }
}
