/// Where things live inside a bundle (provenance-bundle(5)): the manifest first, then one folder per
/// kind of file, in this order.
///
/// Every name in a bundle is relative, `/`-separated, valid UTF-8, without empty, `.` or `..`
/// components, control characters or backslashes; the same rules confine names when a bundle is made
/// and when one is read.
public enum BundleLayout {
    /// The bundle manifest: the first entry, listing every other entry with its size and digests.
    public static let manifestPath = "autoid-bundle.json"

    /// The folders of a bundle, in archive order.
    public enum Section: String, CaseIterable, Sendable, Comparable {
        /// DSSE envelopes (signed content manifests).
        case envelopes
        /// Certificate chains (Auto IDs, PEM).
        case certs
        /// Certificate revocation lists.
        case crls
        /// Registry read proofs.
        case proofs
        /// Block headers the proofs are checked against.
        case headers
        /// The content, each file under its subject name.
        case content

        /// The folder's prefix in entry names (`content/`).
        public var prefix: String { rawValue + "/" }

        public static func < (lhs: Section, rhs: Section) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// The section an entry name belongs to, or nil for the manifest and for names outside the layout.
    public static func section(of path: String) -> Section? {
        // The first slash byte: a slash and a combining mark after it are one Character, not "/".
        guard let slash = path.utf8.firstIndex(of: UInt8(ascii: "/")) else { return nil }
        return Section(rawValue: String(path[..<slash]))
    }

    /// Whether `a` comes before `b` in a bundle: the manifest first, then by section, then by the
    /// names' bytes.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        if a == manifestPath || b == manifestPath { return a == manifestPath && b != manifestPath }
        let sa = section(of: a)
        let sb = section(of: b)
        if sa != sb, let sa, let sb { return sa < sb }
        return Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8))
    }

    /// Names longer than this are refused (a subject name is a path, and paths have limits).
    public static let maximumNameBytes = 1024

    /// Why `bytes` cannot be a name in a bundle, or nil when it can.
    public static func problem(withName bytes: [UInt8]) -> String? {
        if bytes.isEmpty { return "an empty name" }
        if bytes.count > maximumNameBytes { return "a name longer than \(maximumNameBytes) bytes" }
        if bytes.first == UInt8(ascii: "/") { return "an absolute name" }
        if bytes.contains(0) { return "a NUL byte in the name" }
        if bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }) { return "a control character in the name" }
        if bytes.contains(UInt8(ascii: "\\")) { return "a backslash in the name (a separator on some systems)" }
        guard String(validating: bytes, as: UTF8.self) != nil else { return "a name that is not valid UTF-8" }
        for component in bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            if component.isEmpty { return "an empty component (a leading, doubled or trailing '/')" }
            if component.elementsEqual([UInt8(ascii: ".")]) { return "a '.' component" }
            if component.elementsEqual([UInt8(ascii: "."), UInt8(ascii: ".")]) { return "a '..' component" }
        }
        return nil
    }

    /// ``problem(withName:)`` for a string.
    public static func problem(withName name: String) -> String? { problem(withName: Array(name.utf8)) }
}
