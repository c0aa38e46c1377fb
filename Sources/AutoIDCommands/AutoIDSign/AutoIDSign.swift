public import ArgumentParser
import AutoIDVerdict

/// `autoid-sign`: make keys and sign files and streams.
public struct AutoIDSign: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "autoid-sign",
        abstract: "Make Ed25519 keys and sign files or standard input into DSSE envelopes.",
        discussion: """
            Signing hashes every FILE (or standard input, given as -) in one streaming pass, lists them \
            with their digests as subjects of one in-toto Statement, and signs it into a DSSE envelope \
            (see autoid-envelope(5)). The envelope goes to standard output unless --output names a file, \
            which is written atomically.

            Typical use:
              autoid-sign keygen
              autoid-sign --key autoid.key --output release.dsse.json dist/*.tar.gz
              make-report | autoid-sign --key autoid.key - > report.dsse.json

            Private keys may be passphrase-protected (autoid-sign keygen --passphrase; see \
            autoid-key(5)). A missing or wrong passphrase is a usage error (64): a wrong passphrase and \
            a damaged encrypted key cannot be told apart, and the message says so.

            \(ExitStatus.documentation)
            """,
        version: AutoIDVersion.current,
        subcommands: [
            SignFiles.self, CosignEnvelope.self, KeyGen.self, HashFiles.self, IssueIdentity.self, RevokeIdentity.self, AttestIdentity.self,
            SignRegistryAction.self, SignMinisign.self, ConvertKey.self, SignJournal.self, SignAccountList.self, SignProposal.self, SignBallot.self,
            SignPost.self, SignReview.self,
        ],
        defaultSubcommand: SignFiles.self)

    public init() {}
}
