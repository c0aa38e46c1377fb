import AutoIDTestSupport
import Foundation
import Testing

/// Our envelopes against securesystemslib, the in-toto project's DSSE implementation (Python).
@Suite("DSSE interop with securesystemslib")
struct InTotoInteropTests {
    static let script = PackagePaths.file("Tests/Interop/dsse_interop.py")
    static let available: Bool = {
        guard let result = try? ToolRunner.run("python3", ["-c", "import securesystemslib.dsse, cryptography"]) else { return false }
        return result.status == 0
    }()

    @Test(.enabled(if: available, "python3 with securesystemslib is not installed (pip install securesystemslib)"))
    func bothDirections() throws {
        let directory = try TemporaryDirectory()
        let run = { (tool: String, args: [String]) in try ToolRunner.run(tool, args, in: directory.path) }
        #expect(try run("autoid-sign", ["keygen"]).status == 0)
        try directory.write("a.txt", Array("alpha\n".utf8))
        try directory.write("b.txt", Array("beta\n".utf8))
        #expect(try run("autoid-sign", ["-k", "autoid.key", "--digest", "sha256", "--digest", "blake2b", "-o", "ours.json", "a.txt", "b.txt"]).status == 0)

        let theirsVerify = try run("python3", [Self.script, "verify", "ours.json", "autoid.pub"])
        #expect(theirsVerify.status == 0, "\(theirsVerify.stderrText)")
        #expect(theirsVerify.stdoutText == "https://in-toto.io/Statement/v1 2\n")

        let theirsSign = try run("python3", [Self.script, "sign", "autoid.key", "a.txt", "theirs.json"])
        #expect(theirsSign.status == 0, "\(theirsSign.stderrText)")
        let oursVerify = try run("autoid-verify", ["-k", "autoid.pub", "theirs.json"])
        #expect(oursVerify.status == 0, "\(oursVerify.stdoutText)\(oursVerify.stderrText)")
        #expect(oursVerify.stdoutText == "a.txt: OK\n")

        // A payload they signed, altered afterwards, fails here too.
        var text = String(decoding: try directory.read("theirs.json"), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"payload\": \"eyJ", with: "\"payload\": \"eyK")
        try directory.write("altered.json", Array(text.utf8))
        #expect(try run("autoid-verify", ["-k", "autoid.pub", "altered.json"]).status != 0)
    }
}
