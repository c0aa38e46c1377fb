import AutoIDFiles
public import AutoIDHashing
import AutoIDJSON

/// The bundle manifest (`autoid-bundle.json`, the first entry): every other entry's name, size and
/// digests (BLAKE3 and SHA-256).
///
/// The manifest is not signed: it lets a reader find damage and extra or missing entries, while the
/// envelopes' signatures are what vouch for the content. See provenance-bundle(5).
public struct BundleManifest: Sendable, Equatable {
    /// `_type` of this version of the manifest.
    public static let type = "urn:autoid:bundle:v0.1"
    /// The algorithms every entry is hashed with.
    public static let algorithms: [HashAlgorithm] = [.blake3, .sha256]
    /// Manifests larger than this are refused before parsing.
    public static let sizeLimit = 16 << 20

    /// One entry as the manifest lists it.
    public struct Entry: Sendable, Equatable {
        /// The entry's name in the archive.
        public var path: String
        /// Its size in bytes.
        public var size: Int64
        /// Lowercase hex digests by algorithm name (`blake3`, `sha256`).
        public var digests: [String: String]

        public init(path: String, size: Int64, digests: [String: String]) {
            self.path = path
            self.size = size
            self.digests = digests
        }

        /// The entry of content with `digest` at `path`.
        public init(path: String, digest: ContentDigest) {
            self.init(path: path, size: Int64(digest.byteCount), digests: digest.hexDigests)
        }
    }

    /// The entries, in archive order.
    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// The manifest as JSON: keys sorted, entries in archive order, a trailing newline.
    public func jsonBytes() -> [UInt8] {
        let list: [JSONValue] = entries.map { entry in
            .object([
                "path": .string(entry.path),
                "size": .integer(entry.size),
                "digest": .object(entry.digests.mapValues(JSONValue.string)),
            ])
        }
        return JSONValue.object(["_type": .string(Self.type), "entries": .array(list)]).jsonBytes(pretty: true) + [0x0a]
    }

    /// Parses and checks a manifest: the known `_type`, every entry with a safe name inside the layout,
    /// a size, and a BLAKE3 and a SHA-256 digest of the right length; no name twice.
    ///
    /// `source` names the bundle in errors; at most `maximumEntries` entries are accepted.
    public init(jsonBytes bytes: [UInt8], source: String, maximumEntries: Int) throws(BundleError) {
        func fail(_ location: String, _ detail: String) -> BundleError {
            BundleError(.malformedManifest, input: source, entry: BundleLayout.manifestPath, detail: "\(location): \(detail)")
        }
        guard bytes.count <= Self.sizeLimit else { throw fail("$", "larger than \(Self.sizeLimit) bytes") }
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            throw fail("$", "\(error)")
        }
        guard root["_type"]?.stringValue == Self.type else {
            throw fail("$._type", "expected '\(Self.type)' (not a bundle of this version)")
        }
        guard let list = root["entries"]?.arrayValue else { throw fail("$.entries", "missing or not a list") }
        guard list.count <= maximumEntries else { throw fail("$.entries", "more than \(maximumEntries) entries") }
        var seen = Set<String>()
        var entries: [Entry] = []
        for (index, element) in list.enumerated() {
            let at = "$.entries[\(index)]"
            guard let path = element["path"]?.stringValue else { throw fail("\(at).path", "missing or not a string") }
            if let problem = BundleLayout.problem(withName: path) { throw fail("\(at).path", problem) }
            guard BundleLayout.section(of: path) != nil else {
                throw fail("\(at).path", "'\(DisplayName.escape(path))' is outside the bundle layout")
            }
            guard seen.insert(path).inserted else { throw fail("\(at).path", "'\(DisplayName.escape(path))' is listed twice") }
            guard let size = element["size"].flatMap(\.intValue), size >= 0 else {
                throw fail("\(at).size", "missing or not a non-negative integer")
            }
            guard let digestObject = element["digest"]?.objectValue else { throw fail("\(at).digest", "missing or not an object") }
            var digests: [String: String] = [:]
            for algorithm in Self.algorithms {
                guard let hex = digestObject[algorithm.rawValue]?.stringValue,
                    hex.utf8.count == algorithm.digestByteCount * 2, let raw = Hex.decode(hex)
                else { throw fail("\(at).digest.\(algorithm.rawValue)", "missing, or not \(algorithm.digestByteCount * 2) hex digits") }
                digests[algorithm.rawValue] = Hex.encode(raw)
            }
            entries.append(Entry(path: path, size: Int64(size), digests: digests))
        }
        self.entries = entries
    }
}
