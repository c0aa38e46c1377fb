import AutoIDFiles
import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Extraction that is all or nothing: entries are written into a fresh staging directory inside the
/// target (`DIR/.provenance-bundle-XXXXXXXX`, mode 0700), and moved into place only by ``commit()``;
/// released without a commit, the stage removes everything it wrote (and the target, if it made it).
///
/// A target that does not exist yet is made under a hidden name beside it (`.DIR.provenance-bundle-
/// TAG-PID-XXXXXXXX`) and renamed to DIR by the commit's last step, so even a process killed during the
/// commit leaves no DIR holding part of a bundle (only the hidden folder, which the next extraction
/// to DIR removes once its writer is gone).
///
/// An existing target receives the bundle's top-level names one by one, the manifest last: POSIX has
/// no rename of several names at once. So the commit first marks the staging directory (a `.commit`
/// file, synced): from then on the extraction is decided, and a process killed during the moves is
/// finished by the next extraction into the same target, which moves the rest (manifest last) before
/// anything else. A staging directory without the mark is removed by that next extraction. Only
/// staging directories whose writer is provably gone are touched (``WriterStamp``: the name carries
/// `TAG-PID`), never a live extraction's. Between a kill and that next run the target can hold some of
/// the bundle's folders but never its manifest: `autoid-bundle.json` appears only once all of the
/// bundle has.
///
/// Everything is written relative to directory descriptors, never through a path from the archive:
/// each directory is made with `mkdirat` and opened with `O_NOFOLLOW`, each file created with
/// `O_CREAT | O_EXCL | O_NOFOLLOW`, so no symbolic link (one already in DIR, or one planted by a
/// race) is ever followed. The target itself must not already hold the names a bundle writes
/// (`autoid-bundle.json` and the section folders): the stage refuses such a target before reading
/// anything, and the final moves cannot replace them either (files are moved with `linkat`, which
/// never replaces; folders with `renameat`, which can replace only an empty folder).
public final class ExtractionStage: BundleEntrySink {
    /// The target directory, as given.
    public let target: String

    private let targetFD: Int32
    /// When the stage made the target: the parent's descriptor, the target's name in it, and the
    /// hidden name it has until the commit renames it.
    private let madeTarget: (parentFD: Int32, name: String, hiddenName: String)?
    private let stagingName: String
    private let stagingFD: Int32
    /// Everything written, relative to the staging directory, in creation order.
    private var created: [(path: String, isDirectory: Bool)] = []
    private var directoryFDs: [String: Int32] = [:]
    private var file: (path: String, fd: Int32)?
    private var finished = false

    /// The names a bundle writes at the top of the target.
    static let topLevelNames = [BundleLayout.manifestPath] + BundleLayout.Section.allCases.map(\.rawValue)

    /// The staging directory's prefix, and the mark that its commit into an existing target began.
    static let stagingPrefix = ".provenance-bundle-"
    static let commitMark = ".commit"

    /// Prepares extraction into `target` (made when it does not exist).
    ///
    /// Throws ``BundleError`` when the target holds a name a bundle writes (usage), or cannot be made
    /// or opened (I/O).
    public init(target: String) throws(BundleError) {
        self.target = target
        func failure(_ operation: String, _ value: Int32) -> BundleError {
            BundleError(.writeFailed(errno: value), input: target, detail: "cannot \(operation): \(String(cString: strerror(value)))")
        }
        var info = stat()
        var madeTarget: (parentFD: Int32, name: String, hiddenName: String)?
        let targetFD: Int32
        if lstat(target, &info) != 0 {
            guard errno == ENOENT else { throw failure("examine the target", errno) }
            let path = FilePath(target)
            guard let name = path.lastComponent?.string, name != "..", name != "." else {
                throw BundleError(.invalidInput, input: target, detail: "not a directory name to extract into")
            }
            let parent = path.removingLastComponent()
            let parentFD = open(parent.isEmpty ? "." : parent.string, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if parentFD < 0 { throw failure("open the target's parent directory", errno) }
            // Made under a hidden, fresh name; the commit renames it to `name`.
            // Hidden folders of earlier extractions to this name whose writers were killed go first.
            Self.removeAbandoned(in: parentFD, prefix: "." + name + Self.stagingPrefix)
            var generator = SystemRandomNumberGenerator()
            var hiddenName = ""
            var value: Int32 = EEXIST
            for _ in 0..<16 where value == EEXIST {
                hiddenName = "." + name + Self.stagingPrefix + Self.stamped(String(generator.next() as UInt64, radix: 16))
                value = mkdirat(parentFD, hiddenName, 0o755) == 0 ? 0 : errno
            }
            if value != 0 {
                close(parentFD)
                throw failure("make the target directory", value)
            }
            targetFD = openat(parentFD, hiddenName, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if targetFD < 0 {
                let value = errno
                unlinkat(parentFD, hiddenName, AT_REMOVEDIR)
                close(parentFD)
                throw failure("open the target directory", value)
            }
            madeTarget = (parentFD, name, hiddenName)
        } else {
            targetFD = open(target, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if targetFD < 0 {
                let value = errno
                if value == ENOTDIR { throw BundleError(.invalidInput, input: target, detail: "not a directory; -C names the directory to extract into") }
                throw failure("open the target directory", value)
            }
            // What killed extractions into this target left: finished when their commit had begun,
            // else removed (never a live extraction's).
            let finished: Bool
            do {
                finished = try Self.recoverInterrupted(targetFD: targetFD, target: target)
            } catch {
                close(targetFD)
                throw error
            }
            for name in Self.topLevelNames where fstatat(targetFD, name, &info, AT_SYMLINK_NOFOLLOW) == 0 {
                close(targetFD)
                throw BundleError(
                    .targetExists, input: target, entry: name,
                    detail: finished
                        ? "already exists: an extraction into this directory that was interrupted has been finished (nothing else was written)"
                        : "already exists; extract into an empty or new directory (nothing was written)")
            }
        }
        // The staging directory: a fresh name, mode 0700, never one that existed before.
        var generator = SystemRandomNumberGenerator()
        var stagingName = ""
        var made = false
        for _ in 0..<16 {
            stagingName = Self.stagingPrefix + Self.stamped(String(generator.next() as UInt64, radix: 16))
            if mkdirat(targetFD, stagingName, 0o700) == 0 {
                made = true
                break
            }
            if errno != EEXIST { break }
        }
        let stagingFD = made ? openat(targetFD, stagingName, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) : -1
        if stagingFD < 0 {
            let value = errno
            if made { unlinkat(targetFD, stagingName, AT_REMOVEDIR) }
            close(targetFD)
            if let madeTarget {
                unlinkat(madeTarget.parentFD, madeTarget.hiddenName, AT_REMOVEDIR)
                close(madeTarget.parentFD)
            }
            throw failure("make a staging directory", value)
        }
        self.targetFD = targetFD
        self.madeTarget = madeTarget
        self.stagingName = stagingName
        self.stagingFD = stagingFD
    }

    deinit {
        if !finished { discard() }
        closeDirectories()
        close(stagingFD)
        close(targetFD)
        if let madeTarget { close(madeTarget.parentFD) }
    }

    // MARK: BundleEntrySink

    public func begin(_ path: String) throws {
        precondition(file == nil && !finished, "an entry began inside another, or after the stage was finished")
        let components = PathName.components(of: path).map(String.init)  // on bytes, as the system splits it
        var directoryFD = stagingFD
        var prefix = ""
        for component in components.dropLast() {
            prefix = prefix.isEmpty ? component : prefix + "/" + component
            if let fd = directoryFDs[prefix] {
                directoryFD = fd
                continue
            }
            if mkdirat(directoryFD, component, 0o755) != 0 { throw writeError(prefix, "make directory") }
            created.append((prefix, true))
            let fd = openat(directoryFD, component, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if fd < 0 { throw writeError(prefix, "open directory") }
            directoryFDs[prefix] = fd
            directoryFD = fd
        }
        let fd = openat(directoryFD, components.last ?? path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        if fd < 0 { throw writeError(path, "create") }
        created.append((path, false))
        file = (path, fd)
    }

    public func write(_ chunk: UnsafeRawBufferPointer) throws {
        guard let file else { return }
        var offset = 0
        while offset < chunk.count {
            let count = writeBytes(file.fd, chunk.baseAddress! + offset, chunk.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                throw writeError(file.path, "write")
            }
            offset += count
        }
    }

    public func end() throws {
        guard let file else { return }
        self.file = nil
        let failed = fsync(file.fd) != 0
        let value = errno
        close(file.fd)
        if failed {
            throw BundleError(
                .writeFailed(errno: value), input: target, entry: DisplayName.escape(file.path), detail: "cannot write: \(String(cString: strerror(value)))")
        }
    }

    // MARK: Commit

    /// Moves everything written into the target; on failure, puts back what was moved and removes the
    /// rest, so the target is as it was.
    public func commit() throws(BundleError) {
        precondition(file == nil && !finished, "commit inside an entry, or twice")
        closeDirectories()
        // The manifest last: in an existing target, a bundle's manifest appears only once all of it has.
        let tops = (Self.topLevelNames.dropFirst() + [BundleLayout.manifestPath]).filter { name in created.contains { $0.path == name } }
        var moved: [(name: String, isDirectory: Bool)] = []
        func rollBack(_ value: Int32, entry: String?) -> BundleError {
            for item in moved.reversed() {
                if item.isDirectory {
                    renameat(targetFD, item.name, stagingFD, item.name)
                } else {
                    linkat(targetFD, item.name, stagingFD, item.name, 0)
                    unlinkat(targetFD, item.name, 0)
                }
            }
            discard()
            finished = true
            return value == EEXIST || value == ENOTEMPTY || value == ENOTDIR
                ? BundleError(.targetExists, input: target, entry: entry, detail: "appeared in the target during extraction; nothing was kept")
                : BundleError(
                    .writeFailed(errno: value), input: target, entry: entry,
                    detail: "cannot move into place: \(String(cString: strerror(value))); nothing was kept")
        }
        if madeTarget == nil {
            // From here on the extraction is decided: a kill during the moves is finished by the next
            // extraction into this target (recoverInterrupted).
            let mark = openat(stagingFD, Self.commitMark, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if mark < 0 || fsync(mark) != 0 || fsync(stagingFD) != 0 {
                let value = errno
                if mark >= 0 { close(mark) }
                throw rollBack(value, entry: nil)
            }
            close(mark)
        }
        for name in tops {
            let isDirectory = name != BundleLayout.manifestPath
            let ok: Bool
            if isDirectory {
                ok = renameat(stagingFD, name, targetFD, name) == 0
            } else {
                ok = linkat(stagingFD, name, targetFD, name, 0) == 0 && unlinkat(stagingFD, name, 0) == 0
            }
            if !ok {
                let value = errno
                if !isDirectory { unlinkat(targetFD, name, 0) }
                throw rollBack(value, entry: name)
            }
            moved.append((name, isDirectory))
        }
        if let madeTarget {
            // One rename reveals the whole target. It replaces nothing but an empty directory that
            // appeared meanwhile; over a file, a link or a non-empty directory it fails.
            if renameat(madeTarget.parentFD, madeTarget.hiddenName, madeTarget.parentFD, madeTarget.name) != 0 {
                throw rollBack(errno, entry: nil)
            }
            fsync(madeTarget.parentFD)
        }
        unlinkat(stagingFD, Self.commitMark, 0)
        unlinkat(targetFD, stagingName, AT_REMOVEDIR)
        fsync(targetFD)
        finished = true
    }

    // MARK: Interrupted extractions

    /// `suffix` after this process's ``WriterStamp`` (`TAG-PID-suffix`), or `suffix` alone when the
    /// stamp is unknown (such a folder is never cleaned up automatically).
    private static func stamped(_ suffix: String) -> String {
        WriterStamp.current.map { $0 + "-" + suffix } ?? suffix
    }

    /// The names in the directory `fd` that are `prefix` + `TAG-PID-HEX`, folders of ours whose writer
    /// is provably gone.
    static func abandoned(in fd: Int32, prefix: String) -> [String] {
        guard let family = WriterStamp.family(prefix) else { return [] }
        let copy = dup(fd)
        guard copy >= 0, let folder = fdopendir(copy) else {
            if copy >= 0 { close(copy) }
            return []
        }
        defer { closedir(folder) }
        rewinddir(folder)
        var found: [String] = []
        while let entry = readdir(folder) {
            let name = DirectoryEntry.text(entry)
            guard let pid = WriterStamp.writer(of: name, family: family, suffix: .hex), WriterStamp.isGone(pid: pid) else { continue }
            var info = stat()
            guard fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0, (info.st_mode & S_IFMT) == S_IFDIR, info.st_uid == geteuid() else { continue }
            found.append(name)
        }
        return found.sorted()
    }

    /// Removes the abandoned folders (see ``abandoned(in:prefix:)``) in the directory `fd`, whole.
    private static func removeAbandoned(in fd: Int32, prefix: String) {
        for name in abandoned(in: fd, prefix: prefix) {
            let folder = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard folder >= 0 else { continue }
            removeContents(of: folder, depth: 0)
            close(folder)
            unlinkat(fd, name, AT_REMOVEDIR)
        }
    }

    /// Finishes or removes the staging directories that killed extractions left in the target `fd`:
    /// one with the commit mark has its remaining top-level names moved into the target (the manifest
    /// last); one without is removed. Returns whether a commit was finished.
    ///
    /// Throws ``BundleError`` when a commit cannot be finished (a name it would move appeared in the
    /// target meanwhile): the staging directory is left for the user to inspect.
    static func recoverInterrupted(targetFD: Int32, target: String) throws(BundleError) -> Bool {
        var finished = false
        for name in abandoned(in: targetFD, prefix: stagingPrefix) {
            let stagingFD = openat(targetFD, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard stagingFD >= 0 else { continue }
            defer { close(stagingFD) }
            var info = stat()
            guard fstatat(stagingFD, commitMark, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
                removeContents(of: stagingFD, depth: 0)
                unlinkat(targetFD, name, AT_REMOVEDIR)
                continue
            }
            let tops = topLevelNames.dropFirst() + [BundleLayout.manifestPath]
            for top in tops where fstatat(stagingFD, top, &info, AT_SYMLINK_NOFOLLOW) == 0 {
                let moved: Bool
                if (info.st_mode & S_IFMT) == S_IFDIR {
                    moved = renameat(stagingFD, top, targetFD, top) == 0
                } else {
                    // Killed between the link and the unlink, the manifest is already in place.
                    var there = stat()
                    let linked =
                        linkat(stagingFD, top, targetFD, top, 0) == 0
                        || (errno == EEXIST && fstatat(targetFD, top, &there, AT_SYMLINK_NOFOLLOW) == 0 && there.st_ino == info.st_ino
                            && there.st_dev == info.st_dev)
                    moved = linked && unlinkat(stagingFD, top, 0) == 0
                }
                if !moved {
                    let value = errno
                    throw BundleError(
                        .targetExists, input: target, entry: top,
                        detail:
                            "an interrupted extraction ('\(DisplayName.escape(name))') cannot be finished: \(String(cString: strerror(value))); move its folders into place or delete it by hand (nothing was written)"
                    )
                }
            }
            unlinkat(stagingFD, commitMark, 0)
            unlinkat(targetFD, name, AT_REMOVEDIR)
            finished = true
        }
        if finished { fsync(targetFD) }
        return finished
    }

    /// Removes everything inside the directory `fd` without following links (what a stage wrote:
    /// folders and regular files); gives up below 64 levels, deeper than any bundle a stage writes.
    private static func removeContents(of fd: Int32, depth: Int) {
        guard depth < 64 else { return }
        let copy = dup(fd)
        guard copy >= 0, let folder = fdopendir(copy) else {
            if copy >= 0 { close(copy) }
            return
        }
        defer { closedir(folder) }
        // Names as the bytes they are (NUL-terminated for the *at calls), so that a name that is not
        // UTF-8 is removed too.
        var names: [[CChar]] = []
        while let entry = readdir(folder) {
            if DirectoryEntry.isDotOrDotDot(entry) { continue }
            names.append(DirectoryEntry.name(entry).map { CChar(bitPattern: $0) } + [0])
        }
        for name in names {
            var info = stat()
            guard fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                let child = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard child >= 0 else { continue }
                removeContents(of: child, depth: depth + 1)
                close(child)
                unlinkat(fd, name, AT_REMOVEDIR)
            } else {
                unlinkat(fd, name, 0)
            }
        }
    }

    // MARK: Private

    private func writeError(_ path: String, _ operation: String) -> BundleError {
        let value = errno
        return BundleError(
            .writeFailed(errno: value), input: target, entry: DisplayName.escape(path),
            detail: "cannot \(operation): \(String(cString: strerror(value)))")
    }

    private func closeDirectories() {
        for fd in directoryFDs.values { close(fd) }
        directoryFDs = [:]
    }

    /// Removes everything written (deepest first), the staging directory, and the target if the stage
    /// made it.
    private func discard() {
        if let file {
            close(file.fd)
            self.file = nil
        }
        closeDirectories()
        for item in created.reversed() {
            unlinkat(stagingFD, item.path, item.isDirectory ? AT_REMOVEDIR : 0)
        }
        created = []
        unlinkat(stagingFD, Self.commitMark, 0)
        unlinkat(targetFD, stagingName, AT_REMOVEDIR)
        if let madeTarget { unlinkat(madeTarget.parentFD, madeTarget.hiddenName, AT_REMOVEDIR) }
    }
}

/// `write(2)`, named apart from ``ExtractionStage/write(_:)``.
private func writeBytes(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, bytes, count)
}
