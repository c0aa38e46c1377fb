import AutoIDTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A writer killed by SIGKILL leaves its temporary file; the next writer of the same output removes it,
/// and never a live writer's (issue 12, AtomicOutput and TemporaryName).
@Suite("Stale temporary files, end to end")
struct StaleTemporaryEndToEndTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
        try #require(try run("autoid-sign", ["keygen"]).status == 0)
        try directory.write("f0", Array("content 0\n".utf8))
    }

    func run(_ tool: String, _ arguments: [String], stdin: [UInt8]? = nil) throws -> ToolResult {
        try ToolRunner.run(tool, arguments, in: directory.path, stdinBytes: stdin)
    }

    /// Starts `tool` with its standard input a pipe that is never written, and returns the process
    /// once `ready` holds for it (polling, 30 s at most).
    func startBlocked(_ tool: String, _ arguments: [String], until ready: (Process) throws -> Bool) throws -> (Process, Pipe) {
        let process = Process()
        let input = Pipe()
        process.executableURL = URL(fileURLWithPath: ToolRunner.path(of: tool))
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<600 where !(try ready(process)) { usleep(50_000) }
        return (process, input)
    }

    /// The temporary files beside `output` (`.OUTPUT.tmp-...`).
    func temporaries(of output: String) throws -> Set<String> {
        Set(try directory.contents().filter { $0.hasPrefix(".\(output).tmp-") })
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/sys/kernel/random/boot_id"), "needs /proc"))
    func aKilledWritersTemporaryFileIsRemovedByTheNextWriter() throws {
        // `cid --stored-compressed -o` opens its output first, then reads standard input: held open and
        // never written, the writer waits with its temporary file in place.
        let hashed = try run("autoid-sign", ["hash", "--cid", "f0"])
        let cid = try #require(hashed.stdoutText.split(separator: " ").first.map(String.init), "\(hashed.stderrText)")
        let arguments = ["cid", "--stored-compressed", "-o", "out.bin", "--force", cid, "-"]
        let (first, firstInput) = try startBlocked("autoid-verify", arguments) { _ in try temporaries(of: "out.bin").count == 1 }
        let killed = try temporaries(of: "out.bin")
        try #require(killed.count == 1, "the writer never made its temporary file")
        #expect(killed.first!.contains("-\(first.processIdentifier)-"), "the name carries the writer's id: \(killed)")
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        try? firstInput.fileHandleForWriting.close()
        #expect(try temporaries(of: "out.bin") == killed, "SIGKILL leaves the temporary file")

        // The next writer of out.bin removes the dead writer's file as it opens its own, and waits too.
        let (second, secondInput) = try startBlocked("autoid-verify", arguments) { process in
            try temporaries(of: "out.bin").contains { $0.contains("-\(process.processIdentifier)-") }
        }
        // (Should a check below throw, the pipe closes with the test and the writer ends on its own.)
        let live = try temporaries(of: "out.bin")
        #expect(live.count == 1 && live.isDisjoint(with: killed), "the killed writer's file is still there: \(live)")

        // Another writer of out.bin (any command) while the second one lives: its file is kept.
        let next = try run("autoid-sign", ["-k", "autoid.key", "-o", "out.bin", "--force", "f0"])
        #expect(next.status == 0, "\(next.stderrText)")
        let left = try temporaries(of: "out.bin")
        #expect(left == live, "a live writer's file must stay: \(left)")

        // Once the second writer is killed too, the next write removes its file.
        kill(second.processIdentifier, SIGKILL)
        second.waitUntilExit()
        try? secondInput.fileHandleForWriting.close()
        #expect(try run("autoid-sign", ["-k", "autoid.key", "-o", "out.bin", "--force", "f0"]).status == 0)
        #expect(try temporaries(of: "out.bin").isEmpty)
    }
}
