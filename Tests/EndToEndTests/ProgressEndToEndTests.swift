import AutoIDTestSupport
import Foundation
import Testing

/// The progress line: on a terminal (a pseudo-terminal from script(1)) for work that runs long, never when
/// standard error is not a terminal or with --quiet, and always cleared before results and at the end.
/// AUTOID_PROGRESS_DELAY=0 shows it at once, so a short test input is enough.
@Suite("Progress on a terminal")
struct ProgressEndToEndTests {
    /// Runs `command` (a shell line) on a pseudo-terminal; what the terminal received, `\r` and escapes included.
    func onTerminal(_ command: String, in directory: TemporaryDirectory, delay: String = "0") throws -> String {
        let result = try ToolRunner.run(
            "/usr/bin/script", ["-qfec", command, "/dev/null"], in: directory.path, environment: ["AUTOID_PROGRESS_DELAY": delay])
        #expect(result.status == 0, "\(result.stderrText)")
        return result.stdoutText
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs script(1) from util-linux for a pseudo-terminal"))
    func hashingShowsAndClearsALine() throws {
        let directory = try TemporaryDirectory()
        var random = TestRandom(seed: 5)
        try directory.write("big.bin", random.bytes(3 << 20))  // AUTOID_PROGRESS_DELAY=0: the line shows at once
        let sign = ToolRunner.path(of: "autoid-sign")
        let expected = try ToolRunner.run(sign, ["hash", "big.bin"], in: directory.path)
        #expect(expected.stderr.isEmpty, "no terminal, no progress line")

        let shown = try onTerminal("'\(sign)' hash big.bin", in: directory)
        #expect(shown.contains("\rhashing "), "\(shown.debugDescription)")
        #expect(shown.contains(" of 3.0 MiB ("), "\(shown.debugDescription)")
        // Cleared before the result, which then stands alone on its line.
        #expect(shown.contains("\r\u{1B}[K" + expected.stdoutText.replacingOccurrences(of: "\n", with: "\r\n")), "\(shown.debugDescription)")

        let quiet = try onTerminal("'\(sign)' hash -c -q /dev/null; '\(sign)' hash big.bin", in: directory, delay: "60")
        #expect(!quiet.contains("hashing"), "a job shorter than the delay shows nothing: \(quiet.debugDescription)")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs script(1) from util-linux for a pseudo-terminal"))
    func batchesCountItemsAndQuietShowsNothing() throws {
        let directory = try TemporaryDirectory()
        #expect(try ToolRunner.run("autoid-sign", ["keygen"], in: directory.path).status == 0)
        var envelopes: [String] = []
        for index in 0..<20 {
            try directory.write("f\(index)", Array("file \(index)\n".utf8))
            #expect(try ToolRunner.run("autoid-sign", ["-k", "autoid.key", "-o", "e\(index).json", "f\(index)"], in: directory.path).status == 0)
            envelopes.append("e\(index).json")
        }
        let verify = ToolRunner.path(of: "autoid-verify")
        let shown = try onTerminal("'\(verify)' -k autoid.pub --each \(envelopes.joined(separator: " "))", in: directory)
        #expect(shown.contains("\rverifying "), "\(shown.debugDescription)")
        #expect(shown.contains(" of 20"), "\(shown.debugDescription)")
        let quiet = try onTerminal("'\(verify)' -q -k autoid.pub --each \(envelopes.joined(separator: " "))", in: directory)
        #expect(!quiet.contains("verifying"), "\(quiet.debugDescription)")
    }
}
