public import AutoIDJSON
public import AutoIDManifest
public import AutoIDVerdict

/// What verifying a bundle found: differences from its manifest, then one ``VerificationReport`` per
/// envelope, the same report `autoid-verify` gives for an envelope and its files.
public struct BundleVerification: Sendable {
    /// The bundle as the user named it.
    public var bundle: String
    /// Entries added, removed or altered since the manifest was written.
    public var problems: [BundleProblem]
    /// One report per envelope, in archive order.
    public var reports: [VerificationReport]

    public init(bundle: String, problems: [BundleProblem], reports: [VerificationReport]) {
        self.bundle = bundle
        self.problems = problems
        self.reports = reports
    }

    /// The verdict: a difference from the manifest fails verification (1); otherwise the worst of the
    /// envelopes' verdicts, ranked as ``ExitStatus/worst(of:)`` ranks them.
    public var status: ExitStatus {
        ExitStatus.worst(of: [problems.isEmpty ? .ok : .verificationFailed] + reports.map(\.status))
    }

    /// The manifest's problems, one line each, then every envelope's lines as autoid-verify prints them.
    public func textLines(keyName: String) -> [String] {
        problems.map(\.textLine) + reports.flatMap { $0.textLines(keyName: keyName) }
    }

    /// `{"bundle", "verified", "exitCode", "entries": [problems], "envelopes": [reports]}`
    /// (provenance-bundle(5)).
    public var json: JSONValue {
        let status = status
        return .object([
            "bundle": .string(bundle),
            "verified": .bool(status == .ok),
            "exitCode": .integer(status.rawValue),
            "entries": .array(problems.map(\.json)),
            "envelopes": .array(reports.map(\.json)),
        ])
    }
}
