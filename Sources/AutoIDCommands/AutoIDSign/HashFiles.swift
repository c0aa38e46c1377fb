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

                A regular file of 4 MiB or more hashed with BLAKE3 alone (256 KiB at a time) or given a \
                CID (16 chunks at a time) is taken by position on every thread (on the one thread with \
                --num-threads 1): in place through a mapping of the file while the kernel maps it cheaply (the page \
                cache holds it in 2 MiB folios; probed every 4 MiB by counting page faults), otherwise read \
                into that core's cache and hashed there. Other input is read in large blocks on a second \
                thread while the previous block is hashed. AUTOID_READ=pread never maps, AUTOID_READ=map \
                maps files of 1 MiB or more whole, as b3sum does (each slower in one page-cache state, see \
                Benchmarks/page-cache.sh), AUTOID_READ=ahead reads every file on a second thread (slower). \
                A file that changes or is truncated while it is hashed (its size, modification or change \
                time, or the file its name names, differ after reading) fails with "changed while it was \
                being read" (exit 4), never with a half-read digest. Files of /proc and /sys, whose sizes \
                say nothing of their content, are read to the end, as b3sum reads them.

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
            try invocation.validate()
        }

        func run() throws {
            try invocation.run()
        }

        /// What this command line asks for, without the argument parser's types.
        var invocation: Invocation {
            Invocation(
                algorithm: algorithm, check: check, quiet: quiet, status: status, ignoreMissing: ignoreMissing, cid: cid, name: name,
                noName: noName, tag: tag, zero: zero, noNames: noNames, strict: strict, numThreads: numThreads, filesFrom: fileList.filesFrom,
                nullSeparated: fileList.nullSeparated, files: files, verbose: verbosity.verbose)
        }
    }
}

extension AutoIDSign.HashFiles: OperandListCommand {
    var operands: [String] {
        get { files }
        set { files = newValue }
    }
}
