import ArgumentParser
import AutoIDFiles
import AutoIDLog

extension StateAudit.Log {
    /// `state-audit log prove`: writes consistency or inclusion proofs for a tree the caller holds.
    struct Prove: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "prove",
            abstract: "Write an RFC 9162 consistency or inclusion proof file, or a subtree consistency proof, for a list of leaves.",
            discussion: """
                For logs that hold their leaves: --consistency OLD-SIZE writes the proof that the first \
                OLD-SIZE leaves are a prefix of all of them; --inclusion INDEX (repeatable) writes proofs \
                that those leaves are in the tree; --subtree START:END writes the proof that the subtree of \
                leaves START to END-1 (Merkle tree certificates) is in the tree. The leaves are held in memory (32 bytes each, at most \
                16,777,216). Proof files: autoid-checkpoint(5).
                """)

        /// The most leaves `prove` holds in memory (512 MiB of hashes).
        static let maximumLeaves = 1 << 24

        @OptionGroup var leaves: LogLeafInput

        @Option(help: ArgumentHelp("Prove consistency from this tree size to the whole list.", valueName: "old-size"))
        var consistency: UInt64?

        @Option(help: ArgumentHelp("Prove inclusion of the leaf at this 0-based index. Repeat for several.", valueName: "index"))
        var inclusion: [UInt64] = []

        @Option(
            help: ArgumentHelp(
                "Prove that the subtree of leaves START up to END-1 is in the tree (START a multiple of the smallest power of two >= END-START).",
                valueName: "start:end"))
        var subtree: String?

        @Option(name: [.short, .long], help: ArgumentHelp("Write the proof to this file, atomically (default: standard output).", valueName: "file"))
        var output: String?

        @OptionGroup var verbosity: VerbosityOptions

        func validate() throws {
            guard [consistency != nil, !inclusion.isEmpty, subtree != nil].filter({ $0 }).count == 1 else {
                throw ValidationError("Give one of --consistency OLD-SIZE, --inclusion INDEX or --subtree START:END.")
            }
            if let subtree { _ = try Self.parseSubtree(subtree) }
            if inclusion.count > LogProofFile.maximumInclusionProofs {
                throw ValidationError("At most \(LogProofFile.maximumInclusionProofs) --inclusion indices per file.")
            }
        }

        func run() throws {
            try reportingErrors(tool: "state-audit", verbose: verbosity.verbose) {
                var all: [TreeHash] = []
                try leaves.forEachLeaf { hash in
                    guard all.count < Self.maximumLeaves else {
                        throw LogError(
                            .tooLarge, input: leaves.leafHashes ?? "entries", detail: "more than \(Self.maximumLeaves) leaves",
                            hint: "prove from the log's own tile storage instead")
                    }
                    all.append(hash)
                }
                let file: LogProofFile
                if let subtree {
                    let range = try Self.parseSubtree(subtree)
                    guard let proof = SubtreeConsistencyProof.generate(subtree: range, leaves: all) else {
                        throw ValidationError("--subtree \(subtree) must end at most at the number of leaves (\(all.count)).")
                    }
                    file = .subtreeConsistency(proof)
                } else if let consistency {
                    guard let proof = ConsistencyProof.generate(oldSize: consistency, leaves: all) else {
                        throw ValidationError("--consistency must be from 1 to the number of leaves (\(all.count)).")
                    }
                    file = .consistency(proof)
                } else {
                    file = .inclusion(
                        try inclusion.map { index in
                            guard let proof = InclusionProof.generate(leafIndex: index, leaves: all) else {
                                throw ValidationError("--inclusion \(index) is not below the number of leaves (\(all.count)).")
                            }
                            return proof
                        })
                }
                if let output {
                    try AtomicFile.write(file.bytes, to: output)
                } else {
                    try Console.writeOut(file.bytes)
                }
            }
        }
    }
}

extension StateAudit.Log.Prove {
    /// `START:END` as a subtree, or a usage error that says why it is not one.
    static func parseSubtree(_ text: String) throws -> Subtree {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let start = UInt64(parts[0]), let end = UInt64(parts[1]) else {
            throw ValidationError("--subtree \(text.prefix(70)) is not START:END (two leaf numbers, END excluded).")
        }
        do {
            return try Subtree.checked(start: start, end: end, input: "--subtree")
        } catch let error as LogError {
            throw ValidationError(error.description + ".")
        }
    }
}

extension StateAudit.Log.Prove: OperandListCommand {
    var operands: [String] {
        get { leaves.entries }
        set { leaves.entries = newValue }
    }
}
