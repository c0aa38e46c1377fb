import ArgumentParser
import AutoIDBundle
import AutoIDFiles
import AutoIDVerdict

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ProvenanceBundle {
    /// `provenance-bundle xmp`: write or check an XMP sidecar linking media to its manifest.
    struct XMPSidecarCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "xmp",
            abstract: "Write an XMP sidecar linking a media file to its manifest, or check one (--read).",
            discussion: """
                provenance-bundle xmp MEDIA --envelope E writes MEDIA.xmp (or -o OUT; - is standard output), \
                atomically, replacing an existing file only with --force (it keeps its mode) and never the \
                media or the envelope: \
                dcterms:provenance holds the envelope's location (as C2PA links an external manifest) and \
                autoid properties hold the SHA-256 and BLAKE3 digests of the media and of the envelope.

                provenance-bundle xmp --read SIDECAR checks the media (--media, default SIDECAR without .xmp) \
                and the envelope it names against the recorded digests: one line each, NAME: OK, FAILED or \
                MISSING. Sidecars are parsed by libxml2 without network access; any DOCTYPE or ENTITY \
                declaration is refused before parsing, and sidecars over 1 MiB are refused. Format: \
                provenance-bundle(5).

                \(ExitStatus.documentation)
                """)

        @Option(help: ArgumentHelp("The envelope (signed manifest) to link the media to.", valueName: "envelope"))
        var envelope: String?

        @Option(name: .shortAndLong, help: ArgumentHelp("Write the sidecar here instead of MEDIA.xmp.", valueName: "file"))
        var output: String?

        @Flag(name: .shortAndLong, help: "Replace an existing sidecar (it keeps its mode).")
        var force = false

        @Flag(help: "Check the sidecar FILE instead of writing one.")
        var read = false

        @Option(help: ArgumentHelp("With --read: the media file (default: the sidecar's name without .xmp).", valueName: "media"))
        var media: String?

        @OptionGroup var verbosity: VerbosityOptions

        @OptionGroup var talk: QuietOptions

        @Argument(help: ArgumentHelp("The media file, or with --read the sidecar.", valueName: "file"))
        var file: String

        func validate() throws {
            if read {
                if envelope != nil || output != nil || force {
                    throw ValidationError("--read checks a sidecar; --envelope, --output and --force are for writing one.")
                }
                if media == nil && !file.hasSuffix(".xmp") {
                    throw ValidationError("'\(file)' does not end in .xmp; name the media file with --media.")
                }
            } else {
                if envelope == nil { throw ValidationError("Name the envelope to link with --envelope (or check a sidecar with --read).") }
                if media != nil { throw ValidationError("--media is for --read; the media file is the operand.") }
                if file == "-" { throw ValidationError("The media file must be a file, not standard input.") }
            }
        }

        func run() throws {
            var status = ExitStatus.ok
            try reportingErrors(tool: "provenance-bundle", verbose: verbosity.verbose) {
                if read {
                    let check = try XMPLink.check(sidecar: file, media: media ?? String(file.dropLast(".xmp".count)))
                    for line in check.lines { try talk.say(line) }
                    status = check.status
                } else {
                    let destination = output ?? file + ".xmp"
                    let inputs = [file, envelope ?? ""]
                    let existing: AtomicFile.ExistingFile = force ? .replace : .refuse
                    try AtomicOutput.check(path: destination, existing: existing, inputs: inputs)  // before hashing the media
                    let sidecar = try XMPLink.sidecar(media: file, envelope: envelope ?? "", output: destination, currentDirectory: Self.currentDirectory())
                    try AtomicFile.write(sidecar.xmlBytes(), to: destination, existing: existing, inputs: inputs)
                }
            }
            if status != .ok { throw status.exitCode }
        }

        private static func currentDirectory() -> String {
            var buffer = [CChar](repeating: 0, count: 4096)
            guard getcwd(&buffer, buffer.count) != nil else { return "." }
            return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }
}
