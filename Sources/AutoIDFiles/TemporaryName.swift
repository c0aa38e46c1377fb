#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The name of an atomic output's temporary file, which says who wrote it, and the clean-up of the
/// temporary files that killed writers left beside an output.
///
/// A writer killed by SIGKILL (or a power cut) cannot remove its temporary file. So the name carries
/// the writer's ``WriterStamp`` (a tag for the system the id is valid on, and the process id):
/// `.NAME.tmp-TAG-PID-XXXXXX`, where XXXXXX is `mkstemp`'s. A later writer of the same output
/// removes the siblings of exactly that pattern whose writer is provably gone:
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
    /// The temporary file's base name up to `mkstemp`'s six characters: `.NAME.tmp-TAG-PID-`.
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
            familyPrefix = "." + kept + ".tmp-" + tag + "-"
            prefix = familyPrefix! + String(pid) + "-"
        } else {
            familyPrefix = nil
            prefix = "." + kept + ".tmp-"
        }
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
