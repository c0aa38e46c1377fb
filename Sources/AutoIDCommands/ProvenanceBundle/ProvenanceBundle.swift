public import ArgumentParser
import AutoIDVerdict

/// `provenance-bundle`: pack and check offline provenance bundles.
public struct ProvenanceBundle: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "provenance-bundle",
        abstract: "Pack content, envelopes and keys into one archive that verifies offline.",
        discussion: """
            provenance-bundle create packs content, envelopes, certificates, revocation lists and proofs into \
            one deterministic archive (tar, tar.gz, tar.zst or zip); verify checks it in one streaming pass \
            with autoid-verify's verdicts; extract writes its files only after they verified, all or nothing; \
            list shows what it holds; xmp links a media file to its manifest with an XMP sidecar. The layout \
            and the sidecar are specified in provenance-bundle(5).

            \(ExitStatus.documentation)
            """,
        version: AutoIDVersion.current,
        subcommands: [CreateBundle.self, VerifyBundle.self, ExtractBundle.self, ListBundle.self, XMPSidecarCommand.self])

    public init() {}
}
