import AutoIDBundle
import Testing

/// The naming rules every bundle entry and subject name obeys, and the canonical order.
@Suite("Bundle layout")
struct BundleLayoutTests {
    @Test(
        "safe names pass", arguments: ["content/a.txt", "content/dir/b c.bin", "envelopes/x.dsse.json", "content/été ✓.txt", "content/.hidden", "content/a..b"])
    func safe(_ name: String) {
        #expect(BundleLayout.problem(withName: name) == nil)
    }

    @Test(
        "unsafe names are refused with the reason",
        arguments: [
            ("", "an empty name"), ("/etc/passwd", "an absolute name"), ("content/../x", "a '..' component"),
            ("..", "a '..' component"), ("content/./x", "a '.' component"), ("content//x", "an empty component"),
            ("content/x/", "an empty component"), ("content/a\u{1b}[2J", "a control character"), ("content/a\nb", "a control character"),
            ("content\\..\\x", "a backslash"), ("content/\u{7f}", "a control character"),
        ])
    func unsafe(_ name: String, _ reason: String) {
        let problem = BundleLayout.problem(withName: name)
        #expect(problem?.hasPrefix(reason) == true, "\(name.debugDescription): \(problem ?? "accepted")")
    }

    @Test("raw bytes: NUL and invalid UTF-8 are refused")
    func rawBytes() {
        #expect(BundleLayout.problem(withName: Array("content/a".utf8) + [0, 0x41]) == "a NUL byte in the name")
        #expect(BundleLayout.problem(withName: Array("content/".utf8) + [0xC3, 0x28]) == "a name that is not valid UTF-8")
        #expect(BundleLayout.problem(withName: [UInt8](repeating: 0x61, count: 1025))?.contains("longer than 1024") == true)
    }

    @Test("the manifest first, then sections in order, then names by bytes")
    func order() {
        let names = ["content/b", "certs/c.pem", "content/a", "autoid-bundle.json", "envelopes/z.json", "envelopes/a.json", "headers/h", "crls/l", "proofs/p"]
        #expect(
            names.sorted(by: BundleLayout.precedes) == [
                "autoid-bundle.json", "envelopes/a.json", "envelopes/z.json", "certs/c.pem", "crls/l", "proofs/p", "headers/h", "content/a", "content/b",
            ])
        #expect(BundleLayout.section(of: "content/x/y") == .content)
        #expect(BundleLayout.section(of: "autoid-bundle.json") == nil)
        #expect(BundleLayout.section(of: "other/x") == nil)
    }
}
