#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The names of an atomic output's temporary file, and how a writer takes over or cleans up the
/// temporary files that killed writers left beside an output.
///
/// A writer killed by SIGKILL (or a power cut) cannot remove its temporary file. So a writer first
/// tries the output's own temporary file on this system, `.NAME.tmp-TAG` (TAG as in ``WriterStamp``),
/// and holds an exclusive `flock` on it until it has renamed or removed it (``openLocked(in:)``). The
/// lock dies with its process, so a file of that name whose lock can be taken is a killed writer's:
/// the next writer removes it and creates its own, at the cost of a few calls, whatever the size of
/// the folder.
///
/// When that file is a live writer's (two writers of one output at once) or cannot be locked (a file
/// system without locks), the writer takes a name of its own that carries its ``WriterStamp`` (a tag
/// for the system the id is valid on, and the process id): `.NAME.tmp-TAG-PID-XXXXXX`, where XXXXXX is
/// `mkstemp`'s. Such a writer then removes the siblings of exactly that pattern whose writer is
/// provably gone (``removeStale(in:)``, which reads the whole folder):
///
/// - the TAG is its own (same boot, same PID namespace: the id means the same process here; a file
///   from another machine sharing the folder over NFS, another container, or before a reboot is
///   never touched),
/// - `kill(PID, 0)` fails with `ESRCH` (no such process: a live writer always exists, so its file is
///   kept; a PID reused by an unrelated process only keeps a stale file longer),
/// - it is a regular file owned by the same user.
///
/// Without `/proc` (not Linux) the TAG cannot be known: names are `.NAME.tmp-XXXXXX` and nothing is
/// cleaned. Temporary files of earlier versions (`.NAME.tmp-XXXXXX`) are never removed either.
struct TemporaryName {
    /// The output's own temporary file on this system, `.NAME.tmp-TAG`, which a writer holds locked
    /// (``openLocked(in:)``); `nil` when the TAG is unknown.
    let lockedName: String?
    /// A writer's own temporary file's base name up to `mkstemp`'s six characters: `.NAME.tmp-TAG-PID-`.
    let prefix: String
    /// The prefix shared by the temporary files of every writer of this output on this system:
    /// `.NAME.tmp-TAG-`; `nil` when the TAG is unknown (nothing is cleaned).
    let familyPrefix: String?

    /// The longest part of the output's name kept in the temporary file's (in UTF-8 bytes), so that
    /// `.NAME.tmp-TAG-PID-XXXXXX` stays under the 255-byte limit of a file name.
    static let baseLimit = 200

    /// The temporary name for an output whose last path component is `base`, written by this process.
    init(base: String, tag: String? = WriterStamp.systemTag, pid: Int32 = getpid()) {
        let kept = Self.truncated(base)
        if let tag {
            lockedName = "." + kept + ".tmp-" + tag
            familyPrefix = lockedName! + "-"
            prefix = familyPrefix! + String(pid) + "-"
        } else {
            lockedName = nil
            familyPrefix = nil
            prefix = "." + kept + ".tmp-"
        }
    }

    /// Creates this output's own temporary file in `directory` (``lockedName``), new (`O_EXCL`, mode
    /// 0600), and locks it (`flock`, exclusive); returns the locked descriptor, which the writer keeps
    /// open, and so the lock, until it has renamed or removed the file. A file of that name whose lock
    /// can be taken is a killed writer's: it is removed (under its lock) and a new one created, so no
    /// descriptor, mode or second name of the old file carries over, and a folder the writer may not
    /// change refuses here, before any work. `nil` when the name cannot be had: a live writer holds it,
    /// the file system has no locks, the folder cannot be written, the TAG is unknown, or what has that
    /// name is not a regular file of ours (left alone).
    func openLocked(in directory: String) -> (descriptor: Int32, path: String)? {
        guard let lockedName else { return nil }
        let path = directory + "/" + lockedName
        // Each round either gets a new file or removes a dead writer's; other writers racing for the
        // name can make a round fail (the name then leads elsewhere), hence a few.
        for _ in 0..<4 {
            let fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY, 0o600)
            if fd >= 0 {
                if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                    // Another writer locked our new file first (it takes it for a dead writer's and
                    // removes it); or the file system has no locks, and the file is ours to remove.
                    if errno != EWOULDBLOCK { unlink(path) }
                    close(fd)
                    return nil
                }
                guard Self.leads(path, to: fd) else {
                    close(fd)
                    continue
                }
                return (fd, path)
            }
            guard errno == EEXIST else { return nil }
            // There is a file of that name: a live writer's (locked) or a dead one's.
            let old = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
            if old < 0 {
                if errno == ENOENT { continue }  // renamed or removed meanwhile
                return nil  // a link, or not ours to open
            }
            defer { close(old) }
            guard flock(old, LOCK_EX | LOCK_NB) == 0 else { return nil }
            var held = stat()
            guard Self.leads(path, to: old, status: &held) else { continue }
            // Locked, and the name leads to it: no writer can rename or remove it now but us.
            guard (held.st_mode & S_IFMT) == S_IFREG, held.st_uid == geteuid(), unlink(path) == 0 else { return nil }
        }
        return nil
    }

    /// Whether `path` (not followed if a link) names the file open as `descriptor`; `status` gets its status.
    private static func leads(_ path: String, to descriptor: Int32, status: inout stat) -> Bool {
        var named = stat()
        return fstat(descriptor, &status) == 0 && lstat(path, &named) == 0 && status.st_dev == named.st_dev && status.st_ino == named.st_ino
    }

    private static func leads(_ path: String, to descriptor: Int32) -> Bool {
        var status = stat()
        return leads(path, to: descriptor, status: &status)
    }

    /// The process id in `name` when it is a temporary file of this output's family
    /// (`familyPrefix`, decimal PID, `-`, `mkstemp`'s six letters or digits); `nil` for any other name.
    func writer(of name: String) -> Int32? {
        guard let familyPrefix else { return nil }
        return WriterStamp.writer(of: name, family: familyPrefix, suffix: .mkstemp)
    }

    /// Removes, in `directory`, this output's temporary files whose writers are gone (see the type's
    /// documentation). Best effort: what cannot be examined or removed is left. Returns the names
    /// removed.
    @discardableResult
    func removeStale(in directory: String) -> [String] {
        guard familyPrefix != nil, let folder = opendir(directory) else { return [] }
        defer { closedir(folder) }
        var stale: [String] = []
        while let entry = readdir(folder) {
            let name = DirectoryEntry.text(entry)
            guard let pid = writer(of: name), WriterStamp.isGone(pid: pid) else { continue }
            stale.append(name)
        }
        let fd = dirfd(folder)
        var removed: [String] = []
        for name in stale {
            var info = stat()
            guard fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_uid == geteuid() else { continue }
            if unlinkat(fd, name, 0) == 0 { removed.append(name) }
        }
        return removed
    }

    /// `base` cut to at most ``baseLimit`` UTF-8 bytes, at a character boundary.
    static func truncated(_ base: String) -> String {
        guard base.utf8.count > baseLimit else { return base }
        var kept = ""
        var count = 0
        for character in base {
            count += character.utf8.count
            if count > baseLimit { break }
            kept.append(character)
        }
        return kept
    }
}
