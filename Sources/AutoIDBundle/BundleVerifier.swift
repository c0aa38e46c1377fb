import AutoIDHashing
import AutoIDIdentity
public import AutoIDManifest
public import AutoIDProvenance
public import AutoIDSigning

/// Verifies what a ``BundleScan`` read: every envelope's signature with the existing verifiers
/// (``ContentVerifier`` for a bare key, ``ProvenanceVerifier`` for Auto ID parties), and its subjects
/// against the digests computed from the archive stream. Nothing is read from outside the bundle but
/// the trust the user gives.
public enum BundleVerifier {
    /// Who must have signed: the one place that reads the user's `--key` or `--trust`.
    public enum Trust: Sendable {
        /// Envelopes must be signed with this Ed25519 key.
        case key(Ed25519PublicKey)
        /// Envelopes carry the provenance predicate; their parties are verified against the verifier's
        /// trust roots and policy. Ingredients are looked up among the bundle's envelopes, and the
        /// bundle's revocation lists (`crls/`) are checked beside the verifier's own.
        case provenance(ProvenanceVerifier)
    }

    /// Verifies every envelope in `scan` with `trust`.
    ///
    /// Throws ``BundleError`` for a bundle with no envelope; with a key, ``ManifestError`` for an envelope
    /// that is not a DSSE envelope or whose payload is not a statement (malformed input, as autoid-verify).
    /// With trust roots such envelopes are reported in their ``ProvenanceReport`` instead.
    public static func verify(_ scan: BundleScan, trust: Trust, predicates: PredicateRegistry = .builtIn) async throws -> BundleVerification {
        let paths = scan.envelopePaths
        guard !paths.isEmpty else {
            throw BundleError(
                .notABundle, input: scan.bundle,
                detail: "the bundle holds no envelope (\(BundleLayout.Section.envelopes.prefix)); nothing vouches for its content")
        }
        let location = scan.bundle == "-" ? "standard input" : scan.bundle
        switch trust {
        case .key(let key):
            var reports: [VerificationReport] = []
            for path in paths {
                let source = "\(location):\(path)"
                let envelope = try Envelope(jsonBytes: scan.kept[path] ?? [], source: source)
                let report = try ContentVerifier.verify(envelope, source: source, key: key, predicates: predicates, container: location) { name in
                    BundleProvenanceSources.knownContent(name, in: scan, location: location)
                }
                reports.append(report)
            }
            return BundleVerification(bundle: scan.bundle, problems: scan.problems, reports: reports)
        case .provenance(var verifier):
            verifier.revocationLists += try revocationLists(in: scan, location: location)
            let sources = BundleProvenanceSources(scan: scan, location: location)
            var reports = await verifier.verify(envelopes: sources.topEnvelopes(), sources: sources)
            // Envelopes that only name each other (a cycle) are reached from no top envelope: verify them
            // on their own, so that every envelope in the bundle is accounted for.
            var reached = Set(reports.flatMap(\.allEnvelopeSHA256s))
            for envelope in sources.envelopes where !reached.contains(envelope.sha256) {
                let report = await verifier.verify(envelopes: [(envelope.path, envelope.bytes)], sources: sources)[0]
                reached.formUnion(report.allEnvelopeSHA256s)
                reports.append(report)
            }
            return BundleVerification(bundle: scan.bundle, problems: scan.problems, provenance: reports)
        }
    }

    /// The bundle's revocation lists: they can only add revocations, never trust, so they are checked
    /// beside the user's own. A list that does not parse is malformed input.
    static func revocationLists(in scan: BundleScan, location: String) throws -> [(list: RevocationList, source: String)] {
        try scan.entries.map(\.path).filter { BundleLayout.section(of: $0) == .crls }.map { path in
            let source = "\(location):\(path)"
            return (try RevocationList(bytes: scan.kept[path] ?? [], source: source), source)
        }
    }
}

/// A bundle as the place provenance verification reads from: subjects are `content/` entries (by the
/// digests computed as the archive streamed past), ingredients are the bundle's own envelopes, found by
/// the SHA-256 of their bytes. Nothing outside the bundle is read.
struct BundleProvenanceSources: ProvenanceSources {
    /// An envelope of the bundle: its entry name as reports show it, bytes and SHA-256 (hex).
    struct EnvelopeEntry: Sendable {
        var path: String
        var bytes: [UInt8]
        var sha256: String
    }

    let scan: BundleScan
    let location: String
    /// Every envelope, in archive order.
    let envelopes: [EnvelopeEntry]
    private let bySHA256: [String: EnvelopeEntry]

    init(scan: BundleScan, location: String) {
        self.scan = scan
        self.location = location
        let envelopes = scan.envelopePaths.map { path in
            let bytes = scan.kept[path] ?? []
            return EnvelopeEntry(path: "\(location):\(path)", bytes: bytes, sha256: Hex.encode(SHA256Hasher.hash(bytes)))
        }
        self.envelopes = envelopes
        var bySHA256: [String: EnvelopeEntry] = [:]
        for envelope in envelopes where bySHA256[envelope.sha256] == nil { bySHA256[envelope.sha256] = envelope }
        self.bySHA256 = bySHA256
    }

    /// The envelopes no other envelope of the bundle names as an ingredient (the finished works; their
    /// ingredients are verified through them), in archive order. An envelope that cannot be read as a
    /// provenance statement is a top envelope, so that its verification reports why.
    func topEnvelopes() -> [(path: String, bytes: [UInt8])] {
        var named = Set<String>()
        for envelope in envelopes {
            for digest in Self.ingredientDigests(of: envelope) where digest != envelope.sha256 { named.insert(digest) }
        }
        return envelopes.filter { !named.contains($0.sha256) }.map { ($0.path, $0.bytes) }
    }

    /// The SHA-256s an envelope names as ingredients; none when it is not a readable provenance statement.
    static func ingredientDigests(of envelope: EnvelopeEntry) -> [String] {
        guard let parsed = try? Envelope(jsonBytes: envelope.bytes, source: envelope.path), parsed.payloadType == Statement.payloadType,
            let statement = try? Statement(jsonBytes: parsed.payload, source: envelope.path), statement.predicateType == ProvenancePredicate.type,
            let predicate = try? ProvenancePredicate(json: statement.predicate, source: envelope.path, path: "payload.predicate")
        else { return [] }
        return predicate.ingredients.compactMap(\.envelopeSHA256)
    }

    /// The digests of the `content/` entry for subject `name`, or nil when the bundle has none (or the
    /// name could not be an entry's).
    static func knownContent(_ name: String, in scan: BundleScan, location: String) -> ContentVerifier.KnownContent? {
        let entry = BundleLayout.Section.content.prefix + name
        guard BundleLayout.problem(withName: name) == nil, let digest = scan.digest(of: entry) else { return nil }
        return ContentVerifier.KnownContent(digest: digest, location: "\(location):\(entry)", autoDriveCID: scan.autoDriveCIDs[entry])
    }

    func check(_ subject: Statement.Subject, ofEnvelopeAt envelopePath: String, depth: Int) -> VerificationReport.SubjectResult? {
        let known = Self.knownContent(subject.name, in: scan, location: location)
        // Only the top envelopes' content must be in the bundle; an ingredient's earlier content may not be.
        if known == nil && depth > 0 { return nil }
        return ContentVerifier.check(subject, known: known, container: location)
    }

    func ingredient(sha256: String, hint: String?, namedBy envelopePath: String) -> (path: String, bytes: [UInt8])? {
        bySHA256[sha256].map { ($0.path, $0.bytes) }
    }

    var ingredientPlaces: String { "among the bundle's envelopes" }
}

extension ProvenanceReport {
    /// The SHA-256 of this envelope and of every ingredient envelope verified below it.
    var allEnvelopeSHA256s: [String] {
        (sha256.map { [$0] } ?? []) + ingredients.flatMap { $0.report?.allEnvelopeSHA256s ?? [] }
    }
}
