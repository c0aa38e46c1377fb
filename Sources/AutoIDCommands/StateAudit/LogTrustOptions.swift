import ArgumentParser
import AutoIDLog

/// `--key`, `--witness`, `--witness-threshold` and `--origin`: which checkpoints `state-audit log` trusts.
struct LogTrustOptions: ParsableArguments {
    @Option(name: .customLong("key"), help: ArgumentHelp("A verifier key of the log (NAME+HINT+BASE64). Repeat for several.", valueName: "vkey"))
    var logKeys: [String] = []

    @Option(
        name: .customLong("witness"), help: ArgumentHelp("A witness's verifier key (note signature or cosignature/v1). Repeat for several.", valueName: "vkey"))
    var witnessKeys: [String] = []

    @Option(help: ArgumentHelp("How many distinct witnesses must have signed.", valueName: "n"))
    var witnessThreshold: Int = 0

    @Option(help: ArgumentHelp("The origin the checkpoint must name (default: the name of a --key).", valueName: "origin"))
    var origin: String?

    func validate() throws {
        guard !logKeys.isEmpty else { throw ValidationError("Give the log's verifier key with --key NAME+HINT+BASE64.") }
        guard witnessThreshold >= 0, witnessThreshold <= witnessKeys.count else {
            throw ValidationError("--witness-threshold must be between 0 and the number of --witness keys (\(witnessKeys.count)).")
        }
        for key in logKeys + witnessKeys { _ = try parse(key) }
    }

    private func parse(_ text: String) throws -> NoteVerifierKey {
        do {
            return try NoteVerifierKey(text: text, source: "verifier key '\(text.prefix(60))'")
        } catch {
            throw ValidationError("\(error)")
        }
    }

    /// The verifier for these options.
    func verifier() throws -> CheckpointVerifier {
        CheckpointVerifier(
            logKeys: try logKeys.map(parse), witnessKeys: try witnessKeys.map(parse),
            witnessThreshold: witnessThreshold, origin: origin)
    }
}
