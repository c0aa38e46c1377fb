import AutoIDTestSupport

/// The `openssl` command-line tool, for interoperability tests (through the shared ToolRunner).
enum OpenSSL {
    static var available: Bool { ToolRunner.isAvailable("openssl") }

    static let skipMessage = "openssl is not installed; interoperability tests skipped"

    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    /// Runs `openssl arguments...` and waits for it.
    static func run(_ arguments: [String]) throws -> Result {
        let result = try ToolRunner.run("openssl", arguments)
        return Result(status: result.status, output: result.stdoutText, error: result.stderrText)
    }
}

/// The shared deterministic generator under the name these tests use.
typealias SeededGenerator = TestRandom

extension TemporaryDirectory {
    /// Writes `text` to `name` inside the directory and returns its path.
    func write(_ text: String, to name: String) throws -> String {
        try write(name, Array(text.utf8))
    }

    /// The directory is removed when released; kept for call sites that clean up explicitly.
    func remove() {}
}
