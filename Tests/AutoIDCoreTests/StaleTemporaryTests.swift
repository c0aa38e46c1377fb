import AutoIDTestSupport
import Foundation
import Testing

@testable import AutoIDFiles

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Temporary files that killed writers leave beside an output are taken over or removed by the next
/// writer of that output, and only when their writer is provably gone (issue 12, TemporaryName).
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
        #expect(name.lockedName == ".out.json.tmp-\(tag)" && name.writer(of: name.lockedName!) == nil)
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
        // The output's own temporary file, held by a live writer (this test): the writer takes a name of
        // its own, and cleans up the names of its kind.
        let holder = try Self.lock(directory.file(".out.json.tmp-\(tag)"))
        defer { close(holder) }

        try AtomicFile.write(Array("new".utf8), to: directory.file("out.json"))
        let left = Set(try directory.contents())
        #expect(!left.contains(deadFile), "the dead writer's temporary file was not removed")
        #expect(
            left.isSuperset(of: [liveFile, ownFile, otherSystem, olderKind, otherOutput, deadFolder, "out.json", ".out.json.tmp-\(tag)"]), "\(left)")
        #expect(left.count == 8, "\(left)")
        #expect(try directory.read("out.json") == Array("new".utf8))
    }

    /// Opens (creating it) and locks `path` as a live writer does; the caller closes the descriptor.
    static func lock(_ path: String) throws -> Int32 {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        try #require(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0, "cannot lock \(path)")
        return fd
    }

    /// Whether `path` is locked by someone: a lock taken on a descriptor of our own conflicts with it.
    static func isLocked(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK
    }

    @Test(.enabled(if: WriterStamp.systemTag != nil, "needs /proc (boot id and PID namespace)"))
    func theWriterHoldsTheOutputsOwnTemporaryFileLocked() throws {
        let directory = try TemporaryDirectory()
        let tag = try #require(WriterStamp.systemTag)
        let output = try AtomicOutput(path: directory.file("b.tar"), existing: .refuse)
        #expect(try directory.contents() == [".b.tar.tmp-\(tag)"])
        #expect(Self.isLocked(directory.file(".b.tar.tmp-\(tag)")))
        // A second writer of the same output meanwhile takes a name of its own, with its process id.
        do {
            let second = try AtomicOutput(path: directory.file("b.tar"), existing: .replace)
            let names = Set(try directory.contents()).subtracting([".b.tar.tmp-\(tag)"])
            #expect(names.count == 1 && TemporaryName(base: "b.tar").writer(of: names.first!) == getpid(), "\(names)")
            try second.write([2])
            try second.commit()
        }
        #expect(Set(try directory.contents()) == [".b.tar.tmp-\(tag)", "b.tar"])
        try output.write([1])
        #expect(throws: FileError.self) { try output.commit() }  // refused: b.tar exists now
        #expect(try directory.contents() == ["b.tar"] && directory.read("b.tar") == [2])
        do {
            let third = try AtomicOutput(path: directory.file("c.tar"), existing: .refuse)
            try third.write([3])
            try third.commit()
        }
        #expect(try Set(directory.contents()) == ["b.tar", "c.tar"] && directory.read("c.tar") == [3])
        // Released without a commit: nothing is left.
        do { _ = try AtomicOutput(path: directory.file("d.tar")) }
        #expect(Set(try directory.contents()) == ["b.tar", "c.tar"])
    }

    @Test(.enabled(if: WriterStamp.systemTag != nil, "needs /proc (boot id and PID namespace)"))
    func aKilledWritersOwnTemporaryFileIsTakenOver() throws {
        let directory = try TemporaryDirectory()
        let tag = try #require(WriterStamp.systemTag)
        let leftover = ".out.json.tmp-\(tag)"
        try directory.write(leftover, Array(repeating: 7, count: 10_000))  // unlocked: its writer is gone
        try #require(chmod(directory.file(leftover), 0o644) == 0)
        // Someone still has the dead writer's file open: the new content must not reach them.
        let reader = open(directory.file(leftover), O_RDONLY | O_CLOEXEC)
        try #require(reader >= 0)
        defer { close(reader) }
        let output = try AtomicOutput(path: directory.file("out.json"))
        var info = stat()
        #expect(stat(directory.file(leftover), &info) == 0 && info.st_mode & 0o777 == 0o600 && info.st_size == 0, "a new file, not the old one")
        try output.write(Array("new".utf8))
        try output.commit(permissions: [.ownerReadWrite])
        #expect(try directory.contents() == ["out.json"] && directory.read("out.json") == Array("new".utf8))
        #expect(stat(directory.file("out.json"), &info) == 0 && info.st_mode & 0o777 == 0o600)
        var bytes = [UInt8](repeating: 0, count: 16)
        #expect(pread(reader, &bytes, 16, 0) == 16 && bytes.allSatisfy { $0 == 7 }, "the old file's reader sees the old bytes")
    }

    /// What has the output's own temporary name but is not a regular file of ours is never opened for
    /// writing: a link (to a file or nowhere) or a folder is left as it was and the writer takes a name of
    /// its own; a second name of another file (a hard link) is removed, which leaves that file as it was.
    @Test(.enabled(if: WriterStamp.systemTag != nil, "needs /proc (boot id and PID namespace)"))
    func anOddFileUnderTheOwnNameIsLeftAlone() throws {
        let tag = try #require(WriterStamp.systemTag)
        for kind in ["symlink", "dangling", "hardlink", "folder"] {
            let directory = try TemporaryDirectory()
            let own = directory.file(".out.json.tmp-\(tag)")
            try directory.write("victim", Array("keep".utf8))
            switch kind {
            case "symlink": try #require(symlink(directory.file("victim"), own) == 0)
            case "dangling": try #require(symlink(directory.file("nowhere"), own) == 0)
            case "hardlink": try #require(link(directory.file("victim"), own) == 0)
            default: try FileManager.default.createDirectory(atPath: own, withIntermediateDirectories: false)
            }
            try AtomicFile.write(Array("new".utf8), to: directory.file("out.json"))
            #expect(try directory.read("victim") == Array("keep".utf8), "\(kind)")
            #expect(try directory.read("out.json") == Array("new".utf8), "\(kind)")
            #expect(!FileManager.default.fileExists(atPath: directory.file("nowhere")), "\(kind)")
            let left: Set<String> = kind == "hardlink" ? ["victim", "out.json"] : ["victim", "out.json", ".out.json.tmp-\(tag)"]
            #expect(Set(try directory.contents()) == left, "\(kind)")
        }
    }
}
