public import ArgumentParser
import AutoIDVerdict

/// `autoid-verify`: check signed content manifests and Auto IDs.
public struct AutoIDVerify: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "autoid-verify",
        abstract: "Verify signed content manifests, Auto ID chains and downloads (minisign, signify, Sigstore, Auto Drive CIDs).",
        discussion: """
            autoid-verify ENVELOPE checks a signed content manifest (the default subcommand, envelope); \
            autoid-verify identity CERT shows an Auto ID and checks its chain; autoid-verify minisign and \
            autoid-verify signify check downloads signed with minisign or OpenBSD's signify, autoid-verify \
            sigstore Sigstore bundles, and autoid-verify cid CID FILE a download against its Auto Drive CID.

            \(ExitStatus.documentation)
            """,
        version: AutoIDVersion.current,
        subcommands: [
            VerifyEnvelope.self, VerifyIdentity.self, VerifyRegistryAction.self, VerifySigstore.self, VerifyCID.self, VerifyMinisign.self,
            VerifySignify.self,
        ],
        defaultSubcommand: VerifyEnvelope.self)

    public init() {}
}
