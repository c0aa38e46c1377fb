public import AutoIDManifest
public import AutoIDSigning

/// Verifies what a ``BundleScan`` read: every envelope's signature with the existing verifier
/// (``ContentVerifier``), and its subjects against the digests computed from the archive stream.
public enum BundleVerifier {
    /// Who must have signed. Today a public key; Auto ID trust roots (provenance verification of the
    /// parties) will be another case, and this is the one place that will read it.
    public enum Trust: Sendable {
        /// Envelopes must be signed with this Ed25519 key.
        case key(Ed25519PublicKey)
    }

    /// Verifies every envelope in `scan` with `trust`.
    ///
    /// Throws ``BundleError`` for a bundle with no envelope, and ``ManifestError`` for an envelope that
    /// is not a DSSE envelope or whose payload is not a statement (malformed input, as autoid-verify).
    public static func verify(_ scan: BundleScan, trust: Trust, predicates: PredicateRegistry = .builtIn) throws -> BundleVerification {
        let paths = scan.envelopePaths
        guard !paths.isEmpty else {
            throw BundleError(
                .notABundle, input: scan.bundle,
                detail: "the bundle holds no envelope (\(BundleLayout.Section.envelopes.prefix)); nothing vouches for its content")
        }
        let location = scan.bundle == "-" ? "standard input" : scan.bundle
        var reports: [VerificationReport] = []
        for path in paths {
            let source = "\(location):\(path)"
            let envelope = try Envelope(jsonBytes: scan.kept[path] ?? [], source: source)
            switch trust {
            case .key(let key):
                let report = try ContentVerifier.verify(envelope, source: source, key: key, predicates: predicates, container: location) { name in
                    let entry = BundleLayout.Section.content.prefix + name
                    guard BundleLayout.problem(withName: name) == nil, let digest = scan.digest(of: entry) else { return nil }
                    return ContentVerifier.KnownContent(digest: digest, location: "\(location):\(entry)")
                }
                reports.append(report)
            }
        }
        return BundleVerification(bundle: scan.bundle, problems: scan.problems, reports: reports)
    }
}
