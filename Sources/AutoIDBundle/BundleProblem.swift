import AutoIDFiles
public import AutoIDJSON

/// A difference between a bundle's entries and its manifest: damage, or entries added or removed.
/// Each fails verification (exit status 1).
public struct BundleProblem: Sendable, Equatable {
    /// What differs.
    public enum Kind: Sendable, Equatable {
        /// The archive holds an entry the manifest does not list.
        case notInManifest
        /// The manifest lists an entry the archive does not hold.
        case missing
        /// The entry's size is not the one listed.
        case sizeDiffers(listed: Int64, actual: Int64)
        /// These algorithms' digests differ from the ones listed.
        case digestsDiffer(algorithms: [String])
    }

    /// The entry's name.
    public var path: String
    /// What differs.
    public var kind: Kind

    public init(path: String, kind: Kind) {
        self.path = path
        self.kind = kind
    }

    /// `PATH: FAILED (...)`, the name escaped.
    public var textLine: String {
        let reason: String
        switch kind {
        case .notInManifest: reason = "in the archive but not in its manifest: added after the bundle was made"
        case .missing: reason = "listed in the manifest but not in the archive: removed"
        case .sizeDiffers(let listed, let actual): reason = "\(actual) bytes, the manifest lists \(listed)"
        case .digestsDiffer(let algorithms): reason = "\(algorithms.joined(separator: ", ")) differ from the manifest"
        }
        return "\(DisplayName.escape(path)): FAILED (\(reason))"
    }

    /// `{"path", "status", ...}` for the JSON report.
    public var json: JSONValue {
        var object: [String: JSONValue] = ["path": .string(path)]
        switch kind {
        case .notInManifest: object["status"] = .string("not-in-manifest")
        case .missing: object["status"] = .string("missing")
        case .sizeDiffers(let listed, let actual):
            object["status"] = .string("size-differs")
            object["listedSize"] = .integer(listed)
            object["size"] = .integer(actual)
        case .digestsDiffer(let algorithms):
            object["status"] = .string("digest-differs")
            object["mismatched"] = .array(algorithms.map(JSONValue.string))
        }
        return .object(object)
    }
}
