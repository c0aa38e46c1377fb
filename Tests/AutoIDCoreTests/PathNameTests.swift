import AutoIDFiles
import AutoIDTestSupport
import SystemPackage
import Testing

/// `PathName` against swift-system's `FilePath`, which it replaces where a one-file run writes its output
/// or names a subject: the same last component and the same directory.
@Suite("Path names")
struct PathNameTests {
    @Test(
        arguments: [
            ("", nil, ""),
            ("/", nil, "/"),
            ("//", nil, "/"),
            ("a", "a", ""),
            ("a/", "a", ""),
            ("/a", "a", "/"),
            ("//a//", "a", "/"),
            ("a/b", "b", "a"),
            ("a/b/", "b", "a"),
            ("a//b//c", "c", "a//b"),
            ("dir/ünïcode ✓.txt", "ünïcode ✓.txt", "dir"),
            ("./out.json", "out.json", "."),
            ("../x/..", "..", "../x"),
        ] as [(String, String?, String)])
    func fixedPaths(path: String, last: String?, directory: String) {
        #expect(PathName.lastComponent(of: path).map(String.init) == last)
        #expect(PathName.directory(of: path) == directory)
    }

    /// Random paths over slashes, dots, letters and a two-byte letter: the same component as `FilePath`
    /// and the same directory once repeated slashes are folded (both name the same folder).
    @Test func randomPathsAgreeWithFilePath() {
        var generator = TestRandom(seed: 0x5eed_a7)
        let alphabet = ["/", "/", "a", "b", ".", "é"]
        for _ in 0..<5_000 {
            let length = Int(generator.next() % 9)
            let path = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }.joined()
            let reference = FilePath(path)
            #expect(PathName.lastComponent(of: path).map(String.init) == reference.lastComponent?.string, "\(path)")
            #expect(folded(PathName.directory(of: path)) == reference.removingLastComponent().string, "\(path)")
        }
    }

    private func folded(_ path: String) -> String {
        var result = ""
        for character in path where !(character == "/" && result.hasSuffix("/")) { result.append(character) }
        return result
    }
}
