import ArgumentParser
import AutoIDBundle
import AutoIDManifest
import AutoIDSigning

/// `--key` or `--trust` (with the provenance policy options) for the commands that verify bundles: the one
/// place that turns them into a ``BundleVerifier/Trust``.
enum BundleTrustOptions {
    static func validate(key: String?, provenance: ProvenanceVerifyOptions) throws {
        if (key == nil) == (provenance.trust == nil) {
            throw ValidationError("Give either --key PUBLIC-KEY (bare-key envelopes) or --trust ROOTS (Auto ID parties), not both or neither.")
        }
        if !provenance.search.isEmpty {
            throw ValidationError("--search does not apply to a bundle: its ingredient envelopes must be inside it, so that it verifies offline.")
        }
    }

    static func load(key: String?, provenance: ProvenanceVerifyOptions) throws -> BundleVerifier.Trust {
        if let key { return .key(try KeyFile.loadPublicKey(path: key)) }
        return .provenance(try provenance.settings.verifier(locator: SubjectLocator()))
    }
}
