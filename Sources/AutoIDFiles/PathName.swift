/// The two parts of a path string that writing a file and naming a subject need: its last component and
/// the directory that holds it.
///
/// swift-system's `FilePath` answers the same questions, but its component views are generic code that
/// the runtime instantiates on first use (a type lookup that scans every conformance record, about
/// 0.1 ms): too much for a tool that signs one file and exits. These work on the UTF-8 bytes, and
/// `PathNameTests` hold them equal to `FilePath` on fixed and random paths.
public enum PathName {
    private static let slash = UInt8(ascii: "/")

    /// The last component of `path`, trailing slashes ignored (`b` for `a/b/`); nil for an empty path
    /// and for the root (`/`, `//`).
    public static func lastComponent(of path: String) -> Substring? {
        let (begin, end) = lastComponentBounds(path)
        return begin == end ? nil : path[begin..<end]
    }

    /// `path` without its last component (and the slashes before it): `a` for `a/b/`, `/` for `/b` and
    /// for the root, and the empty string for a single relative component. Separators inside the
    /// result stay as written (`a//b` for `a//b//c`), which names the same directory.
    public static func directory(of path: String) -> String {
        let bytes = path.utf8
        let (begin, end) = lastComponentBounds(path)
        if begin == end { return path.isEmpty ? "" : "/" }
        var directoryEnd = begin
        while directoryEnd > bytes.startIndex, bytes[bytes.index(before: directoryEnd)] == slash {
            directoryEnd = bytes.index(before: directoryEnd)
        }
        if directoryEnd == bytes.startIndex { return begin == bytes.startIndex ? "" : "/" }
        return String(path[bytes.startIndex..<directoryEnd])
    }

    /// The components of `path` between its slashes (empty ones too, with `omittingEmpty` false), found
    /// on its bytes. A name's checks split it so, never with `String.split(separator: "/")`: a string
    /// splits at characters, and a slash followed by a combining mark (U+0301) is one character that is
    /// not "/", so "../\u{301}x" would be one component where the system reads two, the first "..".
    public static func components(of path: String, omittingEmpty: Bool = true) -> [Substring] {
        let bytes = path.utf8
        var components: [Substring] = []
        var start = bytes.startIndex
        var index = start
        while index < bytes.endIndex {
            if bytes[index] == slash {
                if !omittingEmpty || start < index { components.append(path[start..<index]) }
                start = bytes.index(after: index)
            }
            index = bytes.index(after: index)
        }
        if !omittingEmpty || start < index { components.append(path[start..<index]) }
        return components
    }

    /// Whether `path` starts with a slash, byte by byte (`String.hasPrefix("/")` is false for a slash and
    /// a combining mark, one character).
    public static func isAbsolute(_ path: String) -> Bool { path.utf8.first == slash }

    /// Whether a component of `path` is exactly `..`, byte by byte.
    public static func hasParentComponent(_ path: String) -> Bool {
        components(of: path).contains { $0.utf8.elementsEqual("..".utf8) }
    }

    /// Whether `path` is `directory` or lies below it, comparing bytes: Swift's string comparison treats
    /// canonically equivalent text as equal ("café" composed or decomposed), but the system names two
    /// folders by those two byte sequences. Both are absolute paths without `.`, `..` or links
    /// (`realpath`).
    public static func isInside(_ path: String, directory: String) -> Bool {
        if directory.utf8.elementsEqual("/".utf8) { return isAbsolute(path) }
        let base = directory.utf8
        let bytes = path.utf8
        guard bytes.starts(with: base) else { return false }
        let rest = bytes.dropFirst(base.count)
        return rest.isEmpty || rest.first == slash
    }

    /// Where the last component starts and ends (equal when there is none).
    private static func lastComponentBounds(_ path: String) -> (String.Index, String.Index) {
        let bytes = path.utf8
        var end = bytes.endIndex
        while end > bytes.startIndex, bytes[bytes.index(before: end)] == slash { end = bytes.index(before: end) }
        var begin = end
        while begin > bytes.startIndex, bytes[bytes.index(before: begin)] != slash { begin = bytes.index(before: begin) }
        return (begin, end)
    }
}
