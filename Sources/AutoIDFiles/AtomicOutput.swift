public import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file being written in pieces that appears at its path complete or not at all (the streaming form
/// of ``AtomicFile``), and the one place every command's output option (`-o`, `--junit`...) is decided.
///
/// What happens depends on what the destination is when the output is opened:
///
/// - `-` is standard output, written directly.
/// - `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` and `/proc/self/fd/N` are that open descriptor, written
///   directly (never replaced: they are links the system owns).
/// - An existing file that is not a regular file (a device such as `/dev/null`, a FIFO, a socket), or a
///   symbolic link to one, is opened and written into: renaming over it would destroy it.
/// - Anything else is written atomically: the bytes go to a temporary file in the destination's
///   directory (so the final `rename` stays on one file system); ``commit(permissions:existing:)`` gives
///   it its mode, flushes it with `fsync` and moves it into place. An existing regular file is replaced
///   only with ``AtomicFile/ExistingFile/replace`` (the command's `--force`), and keeps its mode; a
///   symbolic link to a regular file keeps pointing at it, its target is replaced.
///
/// In every case the destination is refused (``FileError/Code/sameFileAsInput(_:)``) when it is the
/// same file (device and inode, whatever the spelling) as one of the inputs the caller names, such as
/// the files being signed or the signing key.
///
/// Released without a commit, or after a failed one, the temporary file is removed: an interrupted
/// writer leaves nothing behind but, at worst, its temporary file after a crash or SIGKILL
/// (`.NAME.tmp-TAG`, locked while its writer lives, or `.NAME.tmp-TAG-PID-XXXXXX` when another writer
/// of the same output held that one). The next output to the same path takes over or removes such
/// files once their writer is provably gone, never a live writer's (``TemporaryName``).
public final class AtomicOutput {
    /// The destination, as given.
    public let path: String
    /// The descriptor to write the content to (a temporary file unless written directly).
    public let descriptor: FileDescriptor
    private let target: Target
    private let existing: AtomicFile.ExistingFile
    private var state = State.open

    private enum State { case open, closed, committed, discarded }

    private enum Target {
        /// A temporary file renamed to `destination` on commit; `replacedMode` is the mode of the
        /// regular file found there when the output was opened; `lock` a second descriptor of it that
        /// holds its `flock` (``TemporaryName``) until it is renamed or removed, so that ``descriptor``
        /// can be closed, and its errors seen, before the rename.
        case temporary(path: String, destination: String, replacedMode: mode_t?, lock: Int32?)
        /// Written in place; the descriptor is closed on commit when `closes`.
        case direct(closes: Bool)
    }

    /// Opens the output at `path` with the default policy of the library: an existing file may be
    /// replaced, unless ``commit(permissions:existing:)`` says otherwise. Throws ``FileError``.
    public convenience init(path: String) throws(FileError) {
        try self.init(path: path, existing: .replace)
    }

    /// Opens the output at `path` (see the type's documentation for what each kind of destination
    /// gets).
    ///
    /// - Parameters:
    ///   - existing: whether an existing regular file at `path` may be replaced; checked here (so a
    ///     refusal comes before any expensive work) and again, atomically, on commit.
    ///   - inputs: paths the command reads (the files it signs, its key): an output that is the same
    ///     file as one of them is refused. `-` (standard input) and paths that do not exist are skipped.
    /// - Throws: ``FileError``, naming `path`.
    public init(path: String, existing: AtomicFile.ExistingFile, inputs: [String] = []) throws(FileError) {
        self.path = path
        self.existing = existing
        let destination: String
        let replacedMode: mode_t?
        switch try Self.plan(path: path, existing: existing, inputs: inputs) {
        case .descriptor(let number):
            descriptor = FileDescriptor(rawValue: number)
            target = .direct(closes: false)
            return
        case .into:
            let fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY)
            if fd < 0 { throw FileError(errno: errno, operation: "write", path: path) }
            descriptor = FileDescriptor(rawValue: fd)
            target = .direct(closes: true)
            return
        case .atomic(let file, let mode):
            destination = file
            replacedMode = mode
        }
        let directory = PathName.directory(of: destination)
        let directoryName = directory.isEmpty ? "." : directory
        let name = TemporaryName(base: PathName.lastComponent(of: destination).map(String.init) ?? "output")
        if let locked = name.openLocked(in: directoryName) {
            let writing = fcntl(locked.descriptor, F_DUPFD_CLOEXEC, 0)
            if writing < 0 {
                let failure = errno
                unlink(locked.path)
                close(locked.descriptor)
                throw FileError(errno: failure, operation: "write", path: path)
            }
            descriptor = FileDescriptor(rawValue: writing)
            target = .temporary(path: locked.path, destination: destination, replacedMode: replacedMode, lock: locked.descriptor)
            return
        }
        // The output's own temporary file is a live writer's (or cannot be locked here): a name of our own.
        var template = Array(directoryName.utf8CString.dropLast())
        template += Array("/\(name.prefix)XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if fd < 0 {
            let failure = errno
            if failure == ENOENT || failure == ENOTDIR {
                throw FileError(
                    code: .notFound, operation: "write", path: path,
                    hint: "the directory '\(DisplayName.escape(directoryName))' does not exist")
            }
            throw FileError(errno: failure, operation: "write", path: path, hint: "in directory '\(DisplayName.escape(directoryName))'")
        }
        descriptor = FileDescriptor(rawValue: fd)
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        target = .temporary(path: temporary, destination: destination, replacedMode: replacedMode, lock: nil)
        // What writers of this output killed earlier left behind (never a live writer's file).
        name.removeStale(in: directoryName)
    }

    /// Checks, without creating anything, that an output could be opened at `path` with these
    /// arguments (``init(path:existing:inputs:)`` throws the same errors): for commands that refuse
    /// before slow or interactive work such as asking for a passphrase.
    public static func check(path: String, existing: AtomicFile.ExistingFile, inputs: [String] = []) throws(FileError) {
        _ = try plan(path: path, existing: existing, inputs: inputs)
    }

    /// Whether the output appears only on ``commit(permissions:existing:)`` (a temporary file renamed into
    /// place), rather than being written in place (`-`, a device, a FIFO): callers that must not let
    /// unverified bytes reach a reader refuse the latter.
    public var isAtomic: Bool {
        if case .temporary = target { return true }
        return false
    }

    /// Writes all of `bytes` to ``descriptor``. Throws ``FileError`` naming ``path``.
    public func write(_ bytes: some Collection<UInt8>) throws(FileError) {
        do {
            _ = try descriptor.writeAll(bytes)
        } catch {
            throw FileError(errno: (error as? Errno)?.rawValue ?? EIO, operation: "write", path: path)
        }
    }

    /// How an output at a path is written.
    private enum Plan {
        /// An open descriptor (`-`, `/dev/stdout`, `/dev/fd/N`).
        case descriptor(Int32)
        /// An existing special file, opened and written into.
        case into
        /// A temporary file renamed to `destination`; `replacedMode` is the mode of the regular file
        /// it replaces.
        case atomic(destination: String, replacedMode: mode_t?)
    }

    /// Decides how to write to `path`, and refuses what must not be written (see the type's
    /// documentation).
    private static func plan(path: String, existing: AtomicFile.ExistingFile, inputs: [String]) throws(FileError) -> Plan {
        if let number = descriptorNumber(path) {
            try refuseInputs(inputs, output: path) { fstat(number, &$0) == 0 }
            return .descriptor(number)
        }
        var linkInfo = stat()
        var info = stat()
        let present = lstat(path, &linkInfo) == 0
        let resolves = present && stat(path, &info) == 0
        if resolves {
            try refuseInputs(inputs, output: path) {
                $0 = info
                return true
            }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                throw FileError(code: .isDirectory, operation: "write", path: path)
            }
            if (info.st_mode & S_IFMT) != S_IFREG { return .into }
        }
        if present && existing == .refuse {
            throw FileError(code: .refusedToOverwrite, operation: "write", path: path)
        }
        // A link to a regular file: replace the file it names, keep the link.
        var destination = path
        if resolves && (linkInfo.st_mode & S_IFMT) == S_IFLNK, let resolved = realpath(path, nil) {
            destination = String(cString: resolved)
            free(resolved)
        }
        return .atomic(destination: destination, replacedMode: resolves ? info.st_mode & 0o7777 : nil)
    }

    /// Finishes the output: a temporary file gets its permissions, is flushed to disk and moved to
    /// ``path``; a direct output is closed if we opened it.
    ///
    /// On failure the temporary file is removed at once and the output cannot be committed again.
    ///
    /// - Parameters:
    ///   - permissions: the mode of a new file, such as `0o600` for secret keys. A replaced file keeps
    ///     its own mode, less any group and other bits when `permissions` has none (a secret stays
    ///     private).
    ///   - existing: whether an existing file at ``path`` may be replaced; `nil` keeps what the output
    ///     was opened with.
    public func commit(
        permissions: FilePermissions = [.ownerReadWrite, .groupRead, .otherRead],
        existing: AtomicFile.ExistingFile? = nil
    ) throws(FileError) {
        precondition(state == .open, "AtomicOutput committed twice")
        state = .closed
        let existing = existing ?? self.existing
        guard case .temporary(let temporary, let destination, let replacedMode, let lock) = target else {
            if case .direct(closes: true) = target, close(descriptor.rawValue) != 0 {
                state = .discarded
                throw FileError(errno: errno, operation: "write", path: path)
            }
            state = .committed
            return
        }
        // The lock goes only once the temporary file is renamed or removed: until then it tells the
        // next writer that the file is still ours (TemporaryName).
        defer {
            if state != .committed {
                unlink(temporary)
                state = .discarded
            }
            if let lock { close(lock) }
        }
        let fd = descriptor.rawValue
        var mode = mode_t(permissions.rawValue)
        if let replacedMode {
            mode = (mode & 0o077) == 0 ? replacedMode & 0o700 : replacedMode
        }
        var failure: Int32 = 0
        if fchmod(fd, mode) != 0 || fsync(fd) != 0 { failure = errno }
        // A file system may report a write error only here (one that writes out on close, under FUSE).
        if close(fd) != 0 && failure == 0 { failure = errno }
        if failure != 0 { throw FileError(errno: failure, operation: "write", path: path) }

        switch existing {
        case .replace:
            if rename(temporary, destination) != 0 { throw FileError(errno: errno, operation: "write", path: path) }
        case .refuse:
            if link(temporary, destination) != 0 {
                if errno == EEXIST {
                    throw FileError(code: .refusedToOverwrite, operation: "write", path: path)
                }
                throw FileError(errno: errno, operation: "write", path: path)
            }
            unlink(temporary)
        }
        state = .committed
    }

    deinit {
        switch target {
        case .temporary(let temporary, _, _, let lock):
            if state == .open {  // removed before the lock goes, as in commit
                close(descriptor.rawValue)
                unlink(temporary)
                if let lock { close(lock) }
            }
        case .direct(let closes):
            if closes && state == .open { close(descriptor.rawValue) }
        }
    }

    /// The descriptor a path stands for: `-` and `/dev/stdout` are 1, `/dev/stderr` 2, `/dev/fd/N` and
    /// `/proc/self/fd/N` are N; `nil` for any other path.
    static func descriptorNumber(_ path: String) -> Int32? {
        switch path {
        case "-", "/dev/stdout": return STDOUT_FILENO
        case "/dev/stderr": return STDERR_FILENO
        default: break
        }
        for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
            let digits = path.dropFirst(prefix.count)
            guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy(\.isASCII), let number = Int32(digits) else { return nil }
            return number
        }
        return nil
    }

    /// Whether two paths name the same file (device and inode, after following links), as `test -ef`
    /// does; false when either cannot be examined.
    public static func isSameFile(_ a: String, _ b: String) -> Bool {
        var first = stat()
        var second = stat()
        return stat(a, &first) == 0 && stat(b, &second) == 0 && first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }

    /// Throws ``FileError/Code/sameFileAsInput(_:)`` when the output (described by `outputStatus`, which
    /// returns false when it cannot tell) is the same file as one of `inputs`.
    private static func refuseInputs(
        _ inputs: [String], output: String, outputStatus: (inout stat) -> Bool
    ) throws(FileError) {
        guard !inputs.isEmpty else { return }
        var out = stat()
        guard outputStatus(&out) else { return }
        for input in inputs where input != "-" {
            var info = stat()
            guard stat(input, &info) == 0 else { continue }
            if info.st_dev == out.st_dev && info.st_ino == out.st_ino {
                throw FileError(code: .sameFileAsInput(input), operation: "write", path: output)
            }
        }
    }
}
