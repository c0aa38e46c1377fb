#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Who left a temporary file or folder behind, written into its name (`TAG-PID`), and whether that
/// writer is provably gone, so that what a killed process left can be cleaned up without ever touching
/// what a live one is still writing.
///
/// TAG is 12 hex digits of a hash of the boot id (`/proc/sys/kernel/random/boot_id`) and the PID
/// namespace (`/proc/self/ns/pid`): a PID means one process only within one boot and one namespace.
/// A writer is gone when its TAG is this system's and `kill(PID, 0)` fails with `ESRCH` (no such
/// process). A live writer always exists, so its leftovers are never taken; a stamp from another
/// machine sharing the folder over NFS, another container, or before a reboot is never taken either
/// (its PID means nothing here); a PID reused by an unrelated process only keeps a leftover longer.
/// Without `/proc` (not Linux) the TAG is unknown: nothing is stamped, nothing cleaned.
public enum WriterStamp {
    /// This system's TAG, read once; `nil` when it cannot be known.
    public static let systemTag: String? = {
        guard let boot = readSmall("/proc/sys/kernel/random/boot_id"), let namespace = readLink("/proc/self/ns/pid") else { return nil }
        // FNV-1a, 64 bits: not a secret, only a short name for (boot, namespace).
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in Array(boot.utf8) + [0] + Array(namespace.utf8) {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash >> 16, radix: 16)
        return String(repeating: "0", count: 12 - hex.count) + hex
    }()

    /// `TAG-PID` for this process; `nil` when the TAG is unknown.
    public static var current: String? {
        systemTag.map { "\($0)-\(getpid())" }
    }

    /// The process id in `stamp` when it is `TAG-PID` with this system's TAG (PID in decimal, 1 to 10
    /// digits, positive); `nil` otherwise.
    public static func processID(in stamp: Substring) -> Int32? {
        guard let tag = systemTag, stamp.hasPrefix(tag + "-") else { return nil }
        let digits = stamp.utf8.dropFirst(tag.utf8.count + 1)
        guard (1...10).contains(digits.count), digits.allSatisfy({ (0x30...0x39).contains($0) }),
            let pid = Int32(String(decoding: digits, as: UTF8.self)), pid > 0
        else { return nil }
        return pid
    }

    /// Whether the writer that stamped `stamp` is provably gone (see the type's documentation); false
    /// for this process, a live one, one we may not signal, or a stamp of another system.
    public static func isGone(_ stamp: Substring) -> Bool {
        guard let pid = processID(in: stamp) else { return false }
        return isGone(pid: pid)
    }

    /// Whether no process has `pid` (`kill(pid, 0)` fails with `ESRCH`); never true for this process.
    static func isGone(pid: Int32) -> Bool {
        guard pid != getpid() else { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    private static func readSmall(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let count = read(fd, &buffer, buffer.count)
        guard count > 0 else { return nil }
        var text = String(decoding: buffer[..<count], as: UTF8.self)
        while text.last == "\n" { text.removeLast() }
        return text
    }

    private static func readLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 128)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
