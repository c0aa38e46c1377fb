import ArgumentParser
import AutoIDBundle
import AutoIDSigning

/// `--key` and `--trust` for the commands that verify bundles: the one place that turns them into a
/// ``BundleVerifier/Trust``.
enum BundleTrustOptions {
    static func validate(key: String?, trust: String?) throws {
        if trust != nil {
            throw ValidationError("--trust is not supported yet: Auto ID provenance verification of bundles is still being built; verify with --key PUB.")
        }
        guard key != nil else { throw ValidationError("Name the signer's public key with --key.") }
    }

    static func load(key: String?) throws -> BundleVerifier.Trust {
        guard let key else { throw ValidationError("Name the signer's public key with --key.") }
        return .key(try KeyFile.loadPublicKey(path: key))
    }
}
