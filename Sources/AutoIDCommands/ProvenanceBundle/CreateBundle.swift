public import ArgumentParser
import AutoIDBundle
public import AutoIDCompression
import AutoIDFiles
import AutoIDVerdict

extension ProvenanceBundle {
    /// `provenance-bundle create`: one deterministic archive from envelopes, content and trust material.
    struct CreateBundle: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Pack envelopes, their content, certificates, revocation lists and proofs into one archive.",
            discussion: """
                Each content FILE is stored under its path as given (a DIR's files under DIR/...): that path \
                is its subject name, so run create from the directory the envelopes were signed in. --from-tar - \
                takes content from a tar stream on standard input instead (a leading ./ is dropped). \
                --files-from LIST names more content, one path per line (with -0, NUL-terminated, as \
                'find -print0' writes them), each as if given with --content: the same list that was \
                signed with 'autoid-sign --files-from'. Every \
                subject of every envelope must be bundled and match (checked before anything is written); \
                subject names must be relative paths without '.', '..', control characters or backslashes.

                The archive is deterministic: entries in a fixed order (manifest, envelopes, certs, crls, \
                proofs, headers, content; sorted by name), time 0, owner 0, modes 0644. The same inputs give \
                the same bytes. The format follows --format, else the output's suffix (.tar.gz, .tgz, \
                .tar.zst, .zip), else tar. The bundle is written atomically (- is standard output); an \
                existing file is replaced only with --force (it keeps its mode), never when it is one of the \
                inputs; a device or FIFO is written into, not replaced. Layout: provenance-bundle(5).

                \(ExitStatus.documentation) Inputs that cannot make a bundle (a subject without content, an \
                unsafe name, a name twice) are usage errors (64); content that does not match its envelope fails (1).
                """)

        @Option(name: .shortAndLong, help: ArgumentHelp("The bundle to write (atomically); - for standard output.", valueName: "bundle"))
        var output: String

        @Flag(name: .shortAndLong, help: "Replace an existing --output file (it keeps its mode).")
        var force = false

        @Option(help: ArgumentHelp("Archive format: \(ArchiveFormat.bundleFormats.map(\.rawValue).joined(separator: ", ")).", valueName: "format"))
        var format: ArchiveFormat?

        @Option(name: .customLong("content"), help: ArgumentHelp("A content file or directory; repeat for several.", valueName: "path"))
        var content: [String] = []

        @Option(name: .customLong("from-tar"), help: ArgumentHelp("Take content from a tar stream (- for standard input).", valueName: "tar"))
        var fromTar: String?

        @Option(name: .customLong("cert"), help: ArgumentHelp("A certificate chain (PEM) to carry; repeat for several.", valueName: "pem"))
        var certificates: [String] = []

        @Option(name: .customLong("crl"), help: ArgumentHelp("A revocation list to carry; repeat for several.", valueName: "crl"))
        var revocationLists: [String] = []

        @Option(name: .customLong("proof"), help: ArgumentHelp("A registry read proof to carry (needs --header); repeat for several.", valueName: "file"))
        var proofs: [String] = []

        @Option(name: .customLong("header"), help: ArgumentHelp("A block header the proofs are checked against; repeat for several.", valueName: "file"))
        var headers: [String] = []

        @OptionGroup var verbosity: VerbosityOptions

        @OptionGroup(title: "Content list (each name as if given with --content)")
        var fileList: FileListOptions

        @Argument(help: ArgumentHelp("The envelopes (DSSE, from autoid-sign) to bundle.", valueName: "envelope"))
        var envelopes: [String] = []

        func validate() throws {
            guard !envelopes.isEmpty else { throw ValidationError("Name at least one envelope to bundle.") }
            if !proofs.isEmpty && headers.isEmpty { throw ValidationError("--proof needs the --header it is checked against.") }
            if let format, !ArchiveFormat.bundleFormats.contains(format) {
                throw ValidationError("--format must be one of \(ArchiveFormat.bundleFormats.map(\.rawValue).joined(separator: ", ")).")
            }
            if fileList.filesFrom == "-" && (fromTar == "-" || (envelopes + content).contains("-")) {
                throw ValidationError("--files-from - reads the list from standard input, so standard input cannot also be an input.")
            }
            try validate(content: content)
        }

        /// The checks on every input, with `content` the --content paths and the --files-from names.
        private func validate(content: [String]) throws {
            let inputs = envelopes + content + certificates + revocationLists + proofs + headers + (fromTar.map { [$0] } ?? [])
            if output != "-", inputs.contains(output) {
                throw ValidationError("--output '\(output)' is also an input; choose another name.")
            }
            if inputs.filter({ $0 == "-" }).count > (fromTar == "-" ? 1 : 0) {
                throw ValidationError("Only --from-tar reads standard input (-).")
            }
        }

        func run() throws {
            try reportingErrors(tool: "provenance-bundle", verbose: verbosity.verbose) {
                let content = try fileList.names(after: content)
                if fileList.filesFrom != nil {
                    guard !content.isEmpty || fromTar != nil else { throw ValidationError("The --files-from list names no content to bundle.") }
                    try validate(content: content)
                }
                let inputs = BundleInputs(
                    envelopes: envelopes, content: content, contentTar: fromTar.map(InputSource.init(argument:)),
                    certificates: certificates, revocationLists: revocationLists, proofs: proofs, headers: headers)
                try BundleCreator.create(
                    inputs, output: output, format: format ?? ArchiveFormat.forBundle(named: output), existing: force ? .replace : .refuse)
            }
        }
    }
}

extension ArchiveFormat: ExpressibleByArgument {
    /// The formats a bundle is written in.
    static let bundleFormats: [ArchiveFormat] = [.tar, .tarGzip, .tarZstd, .zip]

    /// The format a bundle's name suggests: .tar.gz or .tgz, .tar.zst, .zip, else tar.
    static func forBundle(named name: String) -> ArchiveFormat {
        if name.hasSuffix(".tar.gz") || name.hasSuffix(".tgz") { return .tarGzip }
        if name.hasSuffix(".tar.zst") { return .tarZstd }
        if name.hasSuffix(".zip") { return .zip }
        return .tar
    }
}

extension ProvenanceBundle.CreateBundle: OperandListCommand {
    var operands: [String] {
        get { envelopes }
        set { envelopes = newValue }
    }
}
