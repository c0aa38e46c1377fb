public import ArgumentParser
import AutoIDVerdict

/// `provenance-bundle`: pack and check offline provenance bundles.
public struct ProvenanceBundle: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "provenance-bundle",
        abstract: "Pack content, envelopes and keys into one archive that verifies offline.",
        discussion: "\(ExitStatus.documentation)",
        version: AutoIDVersion.current,
        subcommands: [])

    public init() {}
}
