import ArgumentParser
import AutoIDFiles
import AutoIDJSON
import AutoIDLog

extension StateAudit.Log {
    /// `state-audit log root`: the RFC 9162 root of entries or leaf hashes, streamed.
    struct Root: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "root",
            abstract: "Compute the RFC 9162 Merkle root of entries or leaf hashes.",
            discussion: """
                Leaves are entry files (leaf hash SHA-256(0x00 || contents)) or a list of leaf hashes. \
                Memory stays bounded whatever the number of leaves. Prints the tree size and root; with \
                --origin, prints an unsigned checkpoint body instead, ready for 'state-audit log sign'.
                """)

        @OptionGroup var leaves: LogLeafInput

        @Option(help: ArgumentHelp("Print a checkpoint body for this origin instead.", valueName: "origin"))
        var origin: String?

        @Flag(help: "Print JSON: {\"size\": N, \"root\": BASE64}.")
        var json = false

        @OptionGroup var verbosity: VerbosityOptions

        func validate() throws {
            if origin != nil && json { throw ValidationError("Give --origin or --json, not both.") }
        }

        func run() throws {
            try reportingErrors(tool: "state-audit", verbose: verbosity.verbose) {
                var builder = MerkleRootBuilder()
                try leaves.forEachLeaf { builder.append(leafHash: $0) }
                if let origin {
                    try Console.writeOut(Array(try Checkpoint(origin: origin, size: builder.size, root: builder.root).text.utf8))
                } else if json {
                    let value = JSONValue.object(["size": .integer(builder.size), "root": .string(builder.root.base64)])
                    try Console.writeOut(value.jsonBytes(pretty: true) + [0x0a])
                } else {
                    try Console.printOut("size \(builder.size)")
                    try Console.printOut("root \(builder.root.base64)")
                }
            }
        }
    }
}

extension StateAudit.Log.Root: OperandListCommand {
    var operands: [String] {
        get { leaves.entries }
        set { leaves.entries = newValue }
    }
}
