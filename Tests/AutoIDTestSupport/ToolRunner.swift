import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs the project's executables (and other programs) as real processes for end-to-end tests.
///
/// Output goes to temporary files rather than pipes, so large outputs never deadlock, and the child runs
/// under GNU time (apt package `time`) so tests can read its own peak resident memory.
public struct ToolResult: Sendable {
    public var status: Int32
    public var stdout: [UInt8]
    public var stderr: [UInt8]
    /// Peak resident set size of the program itself, in bytes, as GNU time measures it; -1 when
    /// `/usr/bin/time` is missing.
    ///
    /// Not `wait4` on our own child: posix_spawn starts it with vfork, and Linux carries the test
    /// runner's peak RSS over into the child's `ru_maxrss` at exec, so a 30 MiB tool "used" whatever the
    /// test process held (seen: 127 MiB for every tool once the test runner had grown). GNU time forks
    /// from its own ~2 MiB, so its reading is the program's.
    public var peakResidentBytes: Int

    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}

public enum ToolRunner {
    /// The folder holding the built executables: `AUTOID_BIN_DIR`, else the test binary's own folder
    /// (SwiftPM puts products and tests side by side).
    public static let binaryDirectory: String = {
        if let dir = ProcessInfo.processInfo.environment["AUTOID_BIN_DIR"] { return dir }
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var url = URL(fileURLWithPath: exe).deletingLastPathComponent()
        // Test bundles on some platforms are nested (X.xctest/Contents/MacOS); climb to the products folder.
        while url.path != "/", !FileManager.default.fileExists(atPath: url.appendingPathComponent("autoid-sign").path) {
            url = url.deletingLastPathComponent()
        }
        return url.path
    }()

    /// The path of one of our executables.
    public static func path(of tool: String) -> String {
        binaryDirectory + "/" + tool
    }

    /// Runs `executable` (a path, or one of our tool names) with `arguments` in `directory`.
    ///
    /// - Parameters:
    ///   - stdinPath: a file to connect to standard input; `/dev/null` when `nil`.
    ///   - stdinBytes: bytes to feed to standard input (written to a temporary file first).
    ///   - environment: variables to add to (or replace in) the test's own environment.
    ///   - inheritedInputs: bytes the child can read on further descriptors (3 and up), each opened
    ///     read-only on a temporary file, as a shell's `3< FILE` would (for `--passphrase-fd 3`).
    ///   - inheritedDescriptors: descriptors of this process to hand to the child, keyed by the number
    ///     the child sees them as (3 and up), as a shell's `7<&5` would (for a pipe).
    ///
    /// The child gets descriptors 0-2 and the ones named here, nothing else: whatever the test runner
    /// inherited from its own parent (a CI harness may leave a pipe open on fd 7) or opened without
    /// close-on-exec stays out, so a test that names an unused descriptor sees it closed.
    @discardableResult
    public static func run(
        _ executable: String, _ arguments: [String], in directory: String? = nil,
        stdinPath: String? = nil, stdinBytes: [UInt8]? = nil, environment: [String: String] = [:],
        inheritedInputs: [Int32: [UInt8]] = [:], inheritedDescriptors: [Int32: Int32] = [:]
    ) throws -> ToolResult {
        precondition(Set(inheritedInputs.keys).isDisjoint(with: inheritedDescriptors.keys), "one source per descriptor")
        let program = executable.contains("/") ? executable : (FileManager.default.fileExists(atPath: path(of: executable)) ? path(of: executable) : executable)
        let scratch = try TemporaryDirectory()
        let outPath = scratch.path + "/stdout"
        let errPath = scratch.path + "/stderr"
        var inPath = stdinPath ?? "/dev/null"
        if let stdinBytes {
            inPath = scratch.path + "/stdin"
            try Data(stdinBytes).write(to: URL(fileURLWithPath: inPath))
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // Handed-over descriptors first (dup2 clears close-on-exec on the copy), then every other
        // descriptor from 3 up is closed, then the input files are opened on their numbers.
        for (fd, source) in inheritedDescriptors.sorted(by: { $0.key < $1.key }) {
            precondition(fd > 2 && source > 2, "standard descriptors have their own parameters")
            precondition(!inheritedDescriptors.keys.contains(source) || source == fd, "a source must not be another target")
            posix_spawn_file_actions_adddup2(&actions, source, fd)
        }
        let highest = inheritedDescriptors.keys.max() ?? 2
        if highest > 2 {
            // glibc ignores a close action on a descriptor that is not open (it fails only out of range).
            for fd in 3..<highest where inheritedDescriptors[fd] == nil {
                posix_spawn_file_actions_addclose(&actions, fd)
            }
        }
        try closeDescriptors(from: highest + 1, in: &actions)
        for (fd, bytes) in inheritedInputs.sorted(by: { $0.key < $1.key }) {
            precondition(fd > 2, "standard descriptors have their own parameters")
            let path = scratch.path + "/fd\(fd)"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            posix_spawn_file_actions_addopen(&actions, fd, path, O_RDONLY, 0)
        }

        // A clean signal state: the test runner's threads block signals, and a child inheriting that mask
        // would ignore SIGINT and SIGTERM.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        // `env -C DIR` changes directory and then execs the program; GNU time measures what it runs.
        let rssPath = scratch.path + "/rss"
        let timer = FileManager.default.isExecutableFile(atPath: "/usr/bin/time") ? ["/usr/bin/time", "-f", "%M", "-o", rssPath] : []
        let command = timer + (directory.map { ["/usr/bin/env", "-C", $0, program] } ?? [program])
        let argv = (command + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid = pid_t()
        let spawned: Int32
        if command[0].contains("/") {
            spawned = posix_spawn(&pid, command[0], &actions, &attributes, argv, envp)
        } else {
            spawned = posix_spawnp(&pid, command[0], &actions, &attributes, argv, envp)
        }
        guard spawned == 0 else {
            throw NSError(
                domain: "ToolRunner", code: Int(spawned),
                userInfo: [NSLocalizedDescriptionKey: "cannot start \(program): \(String(cString: strerror(spawned)))"])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // GNU time exits with the program's status, or 128 + N when signal N ended it: the same mapping.
        let exitStatus: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        // Its report's last line is the figure (a line about the exit status may come first).
        let report = (try? String(contentsOfFile: rssPath, encoding: .utf8)) ?? ""
        let kibibytes = report.split(separator: "\n").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        return ToolResult(
            status: exitStatus,
            stdout: Array(try Data(contentsOf: URL(fileURLWithPath: outPath))),
            stderr: Array(try Data(contentsOf: URL(fileURLWithPath: errPath))),
            peakResidentBytes: kibibytes.map { $0 * 1024 } ?? -1)
    }

    /// Adds "close every descriptor from `first` up" to `actions`: glibc's
    /// `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift's Glibc module does not
    /// declare (it sits behind `_GNU_SOURCE`), so it is looked up by name.
    private static func closeDescriptors(from first: Int32, in actions: inout posix_spawn_file_actions_t) throws {
        typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        guard let symbol = addCloseFrom else {
            throw NSError(
                domain: "ToolRunner", code: Int(ENOSYS),
                userInfo: [NSLocalizedDescriptionKey: "this C library has no posix_spawn_file_actions_addclosefrom_np (glibc 2.34 or later)"])
        }
        let added = unsafeBitCast(symbol, to: AddCloseFrom.self)(&actions, first)
        guard added == 0 else {
            throw NSError(
                domain: "ToolRunner", code: Int(added),
                userInfo: [NSLocalizedDescriptionKey: "cannot add a close-from action: \(String(cString: strerror(added)))"])
        }
    }

    private nonisolated(unsafe) static let addCloseFrom: UnsafeMutableRawPointer? = dlsym(
        UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np")

    /// The sanitizer the tools under test were built with (`AUTOID_SANITIZER`, which scripts/sanitize
    /// sets), or nil.
    public static let sanitizer: String? = ProcessInfo.processInfo.environment["AUTOID_SANITIZER"]

    /// qemu-user's x86-64 emulator (apt package qemu-user), to run our binaries as an older processor
    /// (`-cpu Nehalem`: no AVX; `-cpu qemu64`: not even SSE4.1); nil when absent, not on x86-64, or when
    /// the tools are sanitized (qemu-user cannot map a sanitizer's shadow memory: they die with SIGKILL).
    public static let emulator: String? = {
        if sanitizer != nil { return nil }
        #if arch(x86_64)
        return ["/usr/bin/qemu-x86_64", "/usr/bin/qemu-x86_64-static"].first { FileManager.default.isExecutableFile(atPath: $0) }
        #else
        return nil
        #endif
    }()

    /// Tells whether a program is on the PATH (for interop tests with openssl, b3sum...).
    public static func isAvailable(_ program: String) -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(program)")
        }
    }
}
