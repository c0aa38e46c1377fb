public import AutoIDDrive
import AutoIDFiles
public import AutoIDHashing

/// What one streaming pass over a bundle found: its manifest, the digests of every entry as read,
/// the small entries (envelopes, certificates, revocation lists, proofs, headers) in memory, and every
/// difference from the manifest. Content is never held: only its digests.
public struct BundleScan: Sendable {
    /// The bundle as the user named it ("-" for standard input).
    public var bundle: String
    /// libarchive's name of the format and compression, for display.
    public var format: String?
    /// The manifest (the first entry).
    public var manifest: BundleManifest
    /// Every entry after the manifest, in archive order, with the digests of its data as read.
    public var entries: [(path: String, digest: ContentDigest)]
    /// The data of every entry outside `content/`, by name.
    public var kept: [String: [UInt8]]
    /// Differences between the entries and the manifest.
    public var problems: [BundleProblem]
    /// The Auto Drive CIDs computed as the archive streamed past, by entry name: one for each `content/`
    /// entry whose subject an envelope read before it records a CID for (``BundleScanner``).
    public var autoDriveCIDs: [String: AutoDriveCID]

    /// The digests of the entry called `path` (these very bytes, not a canonically equivalent spelling,
    /// which names another file), or nil when the archive has none.
    public func digest(of path: String) -> ContentDigest? {
        guard let position = index[path], entries[position].path.hasSameBytes(as: path) else { return nil }
        return entries[position].digest
    }

    /// The names of the envelopes, in archive order.
    public var envelopePaths: [String] {
        entries.map(\.path).filter { BundleLayout.section(of: $0) == .envelopes }
    }

    private var index: [String: Int]

    init(
        bundle: String, format: String?, manifest: BundleManifest, entries: [(path: String, digest: ContentDigest)],
        kept: [String: [UInt8]], problems: [BundleProblem], autoDriveCIDs: [String: AutoDriveCID] = [:]
    ) {
        self.bundle = bundle
        self.format = format
        self.manifest = manifest
        self.entries = entries
        self.kept = kept
        self.problems = problems
        self.autoDriveCIDs = autoDriveCIDs
        var index: [String: Int] = [:]
        for (position, entry) in entries.enumerated() { index[entry.path] = position }
        self.index = index
    }
}
