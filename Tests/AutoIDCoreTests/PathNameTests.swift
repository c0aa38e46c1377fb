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

    /// Components, absolute names, `..` and containment on bytes, where String's characters and
    /// canonical equivalence would differ from what the system reads.
    @Test func checksOnBytes() {
        #expect(PathName.components(of: "../\u{301}x") == ["..", "\u{301}x"])
        #expect(PathName.components(of: "a//b/", omittingEmpty: false) == ["a", "", "b", ""])
        #expect(PathName.components(of: "/a//b/") == ["a", "b"])
        #expect(PathName.components(of: "") == [])
        #expect(PathName.isAbsolute("/\u{301}etc") && !PathName.isAbsolute("\u{301}/etc"))
        #expect(PathName.hasParentComponent("a/../\u{301}b") && PathName.hasParentComponent("../\u{301}x"))
        #expect(!PathName.hasParentComponent("..\u{301}/x") && !PathName.hasParentComponent("a/./b"))
        #expect(PathName.isInside("/w/caf\u{e9}/x", directory: "/w/caf\u{e9}"))
        #expect(!PathName.isInside("/w/cafe\u{301}/x", directory: "/w/caf\u{e9}"))
        #expect(!PathName.isInside("/w/caf\u{e9}2/x", directory: "/w/caf\u{e9}"))
        #expect(PathName.isInside("/w", directory: "/w") && PathName.isInside("/x", directory: "/") && !PathName.isInside("x", directory: "/"))
    }

    /// Random paths: the components joined with slashes give the path back, none holds a slash byte.
    @Test func componentsOnRandomPaths() {
        var generator = SystemRandomNumberGenerator()
        let pool: [String] = ["a", "/", ".", "\u{301}", "\u{e9}", "e", "\u{430}"]
        for _ in 0..<1_000 {
            var path = ""
            for _ in 0..<Int.random(in: 0...10, using: &generator) { path += pool.randomElement(using: &generator)! }
            let all = PathName.components(of: path, omittingEmpty: false)
            #expect(all.joined(separator: "/").utf8.elementsEqual(path.utf8), "\(path.debugDescription)")
            #expect(all.allSatisfy { !$0.utf8.contains(UInt8(ascii: "/")) })
            #expect(PathName.components(of: path).map(String.init) == all.filter { !$0.isEmpty }.map(String.init))
        }
    }
}
