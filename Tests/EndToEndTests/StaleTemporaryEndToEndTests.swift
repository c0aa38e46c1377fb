import AutoIDTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A writer killed by SIGKILL leaves its temporary file; the next writer of the same output takes it
/// over or removes it, and never a live writer's (issue 12, AtomicOutput and TemporaryName).
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

    /// The processes that hold a `flock` on `name` in the directory, read from /proc/locks (looking does
    /// not take a lock, so it cannot disturb a writer about to take one).
    func lockHolders(of name: String) throws -> Set<Int32> {
        var info = stat()
        guard stat(directory.file(name), &info) == 0 else { return [] }
        let text = try String(contentsOfFile: "/proc/locks", encoding: .utf8)
        var holders: Set<Int32> = []
        for line in text.split(separator: "\n") {
            // "1: FLOCK  ADVISORY  WRITE 4242 fd:01:1234567 0 EOF" (a blocked waiter's line has "->")
            let fields = line.split(separator: " ")
            guard fields.count >= 6, fields[1] == "FLOCK", !line.contains("->"), let pid = Int32(fields[4]) else { continue }
            if fields[5].split(separator: ":").last == Substring(String(info.st_ino)) { holders.insert(pid) }
        }
        return holders
    }

    /// A writer of `out.bin` that waits with its temporary file in place: `cid --stored-compressed -o`
    /// opens its output first, then reads standard input, which the test holds open and never writes.
    func waitingWriterArguments() throws -> [String] {
        let hashed = try run("autoid-sign", ["hash", "--cid", "f0"])
        let cid = try #require(hashed.stdoutText.split(separator: " ").first.map(String.init), "\(hashed.stderrText)")
        return ["cid", "--stored-compressed", "-o", "out.bin", "--force", cid, "-"]
    }

    /// Starts a waiting writer of `out.bin` (``waitingWriterArguments()``) and returns once it holds a
    /// temporary file beside it locked.
    func startLockedWriter(_ arguments: [String]) throws -> (Process, Pipe) {
        try startBlocked("autoid-verify", arguments) { process in
            try temporaries(of: "out.bin").contains { try lockHolders(of: $0) == [process.processIdentifier] }
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/sys/kernel/random/boot_id"), "needs /proc"))
    func aKilledWritersTemporaryFileIsTakenOverByTheNextWriter() throws {
        let arguments = try waitingWriterArguments()
        let (first, firstInput) = try startLockedWriter(arguments)
        let killed = try temporaries(of: "out.bin")
        try #require(killed.count == 1, "the writer never made its temporary file")
        let own = killed.first!
        #expect(own.range(of: #"^\.out\.bin\.tmp-[0-9a-f]{12}$"#, options: .regularExpression) != nil, "\(own)")
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        try? firstInput.fileHandleForWriting.close()
        #expect(try temporaries(of: "out.bin") == killed, "SIGKILL leaves the temporary file")
        #expect(try lockHolders(of: own).isEmpty, "the lock dies with its writer")

        // The next writer of out.bin removes the dead writer's file (under its lock), makes its own of the
        // same name, and waits too.
        let (second, secondInput) = try startBlocked("autoid-verify", arguments) { process in
            try lockHolders(of: own) == [process.processIdentifier]
        }
        // (Should a check below throw, the pipe closes with the test and the writer ends on its own.)
        #expect(try temporaries(of: "out.bin") == killed && lockHolders(of: own) == [second.processIdentifier])

        // Another writer of out.bin (any command) while the second one lives takes a name of its own and
        // leaves the live writer's file as it is.
        let next = try run("autoid-sign", ["-k", "autoid.key", "-o", "out.bin", "--force", "f0"])
        #expect(next.status == 0, "\(next.stderrText)")
        #expect(try temporaries(of: "out.bin") == killed && lockHolders(of: own) == [second.processIdentifier], "a live writer's file must stay")

        // Once the second writer is killed too, the next write replaces its file with its own and renames it.
        kill(second.processIdentifier, SIGKILL)
        second.waitUntilExit()
        try? secondInput.fileHandleForWriting.close()
        #expect(try run("autoid-sign", ["-k", "autoid.key", "-o", "out.bin", "--force", "f0"]).status == 0)
        #expect(try temporaries(of: "out.bin").isEmpty)
        #expect(try run("autoid-verify", ["-k", "autoid.pub", "out.bin"]).status == 0)
    }

    /// A killed writer that had taken a name of its own (another writer of the output held the shared
    /// one) leaves `.OUTPUT.tmp-TAG-PID-XXXXXX`: the next writer that takes a name of its own removes it.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/sys/kernel/random/boot_id"), "needs /proc"))
    func aKilledSecondWritersFileIsRemovedByTheNextSecondWriter() throws {
        let arguments = try waitingWriterArguments()
        let (holder, holderInput) = try startLockedWriter(arguments)
        defer {
            kill(holder.processIdentifier, SIGKILL)
            holder.waitUntilExit()
            try? holderInput.fileHandleForWriting.close()
        }
        let shared = try temporaries(of: "out.bin")
        let (second, secondInput) = try startBlocked("autoid-verify", arguments) { process in
            try temporaries(of: "out.bin").contains { $0.contains("-\(process.processIdentifier)-") }
        }
        let stamped = try temporaries(of: "out.bin").subtracting(shared)
        #expect(stamped.count == 1, "\(stamped)")
        kill(second.processIdentifier, SIGKILL)
        second.waitUntilExit()
        try? secondInput.fileHandleForWriting.close()
        #expect(try temporaries(of: "out.bin") == shared.union(stamped), "SIGKILL leaves the temporary file")
        #expect(try run("autoid-sign", ["-k", "autoid.key", "-o", "out.bin", "--force", "f0"]).status == 0)
        #expect(try temporaries(of: "out.bin") == shared, "the dead writer's file is removed, the live one's kept")
    }
}
