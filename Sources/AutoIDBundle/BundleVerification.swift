public import AutoIDJSON
public import AutoIDManifest
public import AutoIDProvenance
public import AutoIDVerdict

/// What verifying a bundle found: differences from its manifest, then the envelopes' reports: with a key,
/// one ``VerificationReport`` per envelope, the same report `autoid-verify --key` gives for an envelope and
/// its files; with trust roots, one ``ProvenanceReport`` tree per top envelope (ingredients inside it), as
/// `autoid-verify --trust` gives.
public struct BundleVerification: Sendable {
    /// The bundle as the user named it.
    public var bundle: String
    /// Entries added, removed or altered since the manifest was written.
    public var problems: [BundleProblem]
    /// With a key: one report per envelope, in archive order.
    public var reports: [VerificationReport]
    /// With trust roots: one report per top envelope, in archive order.
    public var provenance: [ProvenanceReport]

    public init(bundle: String, problems: [BundleProblem], reports: [VerificationReport] = [], provenance: [ProvenanceReport] = []) {
        self.bundle = bundle
        self.problems = problems
        self.reports = reports
        self.provenance = provenance
    }

    /// The verdict: a difference from the manifest fails verification (1); otherwise the worst of the
    /// envelopes' verdicts, ranked as ``ExitStatus/worst(of:)`` ranks them.
    public var status: ExitStatus {
        ExitStatus.worst(of: [problems.isEmpty ? .ok : .verificationFailed] + reports.map(\.status) + provenance.map(\.status))
    }

    /// The manifest's problems, one line each, then every envelope's lines as autoid-verify prints them.
    public func textLines(keyName: String) -> [String] {
        problems.map(\.textLine) + reports.flatMap { $0.textLines(keyName: keyName) } + provenance.flatMap { $0.textLines() }
    }

    /// `{"bundle", "verified", "exitCode", "entries": [problems], "envelopes": [reports]}`
    /// (provenance-bundle(5)); with trust roots the envelopes are provenance reports (autoid-provenance(5)).
    public var json: JSONValue {
        let status = status
        return .object([
            "bundle": .string(bundle),
            "verified": .bool(status == .ok),
            "exitCode": .integer(status.rawValue),
            "entries": .array(problems.map(\.json)),
            "envelopes": .array(reports.map(\.json) + provenance.map(\.json)),
        ])
    }
}
