import AutoIDTestSupport
import Foundation
import Testing

@testable import AutoIDFiles

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Temporary files that killed writers leave beside an output are removed by the next writer of that
/// output, and only when their writer is provably gone (issue 12, TemporaryName).
@Suite("Stale temporary files")
struct StaleTemporaryTests {
    /// Starts `program` with `arguments` and returns its process id (reap it with `waitpid`).
    static func spawn(_ program: String, _ arguments: [String] = []) throws -> pid_t {
        var pid = pid_t()
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let status = posix_spawn(&pid, program, nil, nil, argv, environ)
        try #require(status == 0, "cannot start \(program)")
        return pid
    }

    /// The id of a process that has exited and been reaped: no process has it now (unless the system
    /// reuses it at once, which it does not do before cycling through the id space).
    static func deadProcessID() throws -> pid_t {
        let pid = try spawn("/bin/true")
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return pid
    }

    @Test(.enabled(if: WriterStamp.systemTag != nil, "needs /proc (boot id and PID namespace)"))
    func namesCarryTheWriterAndParseBack() throws {
        let name = TemporaryName(base: "out.json")
        let tag = try #require(WriterStamp.systemTag)
        #expect(tag.count == 12 && tag.allSatisfy(\.isHexDigit))
        #expect(name.prefix == ".out.json.tmp-\(tag)-\(getpid())-")
        #expect(name.writer(of: ".out.json.tmp-\(tag)-4242-aB3xZ9") == 4242)
        // Anything else is not ours to remove: another output, another system, an older name, a
        // different suffix.
        for other in [
            ".out.json.tmp-aB3xZ9", ".out.jsonx.tmp-\(tag)-4242-aB3xZ9", ".other.tmp-\(tag)-4242-aB3xZ9",
            ".out.json.tmp-000000000000-4242-aB3xZ9", ".out.json.tmp-\(tag)-4242-aB3xZ", ".out.json.tmp-\(tag)-4242-aB3xZ9x",
            ".out.json.tmp-\(tag)--aB3xZ9", ".out.json.tmp-\(tag)-42a-aB3xZ9", ".out.json.tmp-\(tag)-0-aB3xZ9",
            ".out.json.tmp-\(tag)-99999999999-aB3xZ9", ".out.json.tmp-\(tag)-4242-aB.xZ9",
        ] where other != ".out.json.tmp-\(tag)-4242-aB3xZ9" {
            #expect(name.writer(of: other) == nil, "\(other)")
        }
    }

    @Test func longOutputNamesStillGetATemporaryFile() throws {
        let directory = try TemporaryDirectory()
        let base = String(repeating: "é", count: 120)  // 240 bytes: the temporary name is cut, not refused
        try AtomicFile.write([1, 2, 3], to: directory.file(base))
        #expect(try directory.read(base) == [1, 2, 3])
        #expect(TemporaryName.truncated(base).utf8.count <= TemporaryName.baseLimit)
        #expect(TemporaryName.truncated(base).unicodeScalars.allSatisfy { $0 == "é" })
    }

    @Test(.enabled(if: WriterStamp.systemTag != nil, "needs /proc (boot id and PID namespace)"))
    func aDeadWritersFileIsRemovedALiveOnesIsKept() throws {
        let directory = try TemporaryDirectory()
        let tag = try #require(WriterStamp.systemTag)
        let dead = try Self.deadProcessID()
        let live = try Self.spawn("/bin/sleep", ["60"])
        defer {
            kill(live, SIGKILL)
            var status: Int32 = 0
            waitpid(live, &status, 0)
        }
        let deadFile = ".out.json.tmp-\(tag)-\(dead)-aB3xZ9"
        let liveFile = ".out.json.tmp-\(tag)-\(live)-Qw8rT2"
        let ownFile = ".out.json.tmp-\(tag)-\(getpid())-Zz9Yy8"
        let otherSystem = ".out.json.tmp-\(tag == "000000000000" ? "111111111111" : "000000000000")-\(dead)-aB3xZ9"
        let olderKind = ".out.json.tmp-aB3xZ9"
        let otherOutput = ".other.json.tmp-\(tag)-\(dead)-aB3xZ9"
        for name in [deadFile, liveFile, ownFile, otherSystem, olderKind, otherOutput] { try directory.write(name, [0]) }
        // A folder of the right name is not a file we wrote.
        let deadFolder = ".out.json.tmp-\(tag)-\(dead)-Fo1der"
        try FileManager.default.createDirectory(atPath: directory.file(deadFolder), withIntermediateDirectories: false)

        try AtomicFile.write(Array("new".utf8), to: directory.file("out.json"))
        let left = Set(try directory.contents())
        #expect(!left.contains(deadFile), "the dead writer's temporary file was not removed")
        #expect(left.isSuperset(of: [liveFile, ownFile, otherSystem, olderKind, otherOutput, deadFolder, "out.json"]), "\(left)")
        #expect(left.count == 7, "\(left)")
    }

    @Test(.enabled(if: WriterStamp.systemTag != nil, "needs /proc (boot id and PID namespace)"))
    func theWritersOwnTemporaryFileHasTheNewName() throws {
        let directory = try TemporaryDirectory()
        let output = try AtomicOutput(path: directory.file("b.tar"), existing: .refuse)
        let names = try directory.contents()
        #expect(names.count == 1 && TemporaryName(base: "b.tar").writer(of: names[0]) == getpid(), "\(names)")
        try output.write([1])
        try output.commit()
        #expect(try directory.contents() == ["b.tar"])
    }
}
