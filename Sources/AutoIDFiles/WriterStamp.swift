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

    /// `prefix`, this system's TAG and `-`: how every stamped name of one kind begins on this system
    /// (`.out.json.tmp-TAG-`); `nil` when the TAG is unknown (then nothing is stamped or cleaned).
    public static func family(_ prefix: String) -> String? {
        systemTag.map { prefix + $0 + "-" }
    }

    /// What a writer puts after `TAG-PID-` in a stamped name, to make it unique.
    public enum Suffix: Sendable {
        /// `mkstemp`'s or `mkdtemp`'s `XXXXXX`: exactly six ASCII letters or digits.
        case mkstemp
        /// A random `UInt64` as `String(_:radix: 16)` writes it: 1 to 16 digits `0-9a-f`.
        case hex
    }

    /// The writer's process id in the stamped name `name`: `family` (see ``family(_:)``), the PID in
    /// decimal as a writer writes it (1 to 10 digits, no leading zero, positive, at most `Int32.max`),
    /// `-`, and a `suffix`; `nil` for any other name.
    ///
    /// The one parser of stamped names: whatever it accepts may be removed once its writer is gone, so
    /// it compares bytes (a file name is bytes: a differently normalised spelling of `family` is
    /// another file's name) and accepts only what a writer of this family could have written.
    public static func writer(of name: some StringProtocol, family: some StringProtocol, suffix: Suffix) -> Int32? {
        let bytes = name.utf8
        guard bytes.starts(with: family.utf8) else { return nil }
        let rest = bytes.dropFirst(family.utf8.count)
        guard let dash = rest.firstIndex(of: UInt8(ascii: "-")) else { return nil }
        let digits = rest[..<dash]
        guard (1...10).contains(digits.count), digits.first != UInt8(ascii: "0") else { return nil }
        var pid: Int64 = 0
        for digit in digits {
            guard (0x30...0x39).contains(digit) else { return nil }
            pid = pid * 10 + Int64(digit - 0x30)
        }
        guard pid <= Int64(Int32.max) else { return nil }
        let tail = rest[rest.index(after: dash)...]
        switch suffix {
        case .mkstemp:
            guard tail.count == 6, tail.allSatisfy({ (0x30...0x39).contains($0) || (0x41...0x5a).contains($0) || (0x61...0x7a).contains($0) })
            else { return nil }
        case .hex:
            guard (1...16).contains(tail.count), tail.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else { return nil }
        }
        return Int32(pid)
    }

    /// Whether no process has `pid` (`kill(pid, 0)` fails with `ESRCH`); never true for this process.
    /// For a PID from ``writer(of:family:suffix:)``, whose family carries this system's TAG: the PID
    /// of another boot or namespace means nothing here.
    public static func isGone(pid: Int32) -> Bool {
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
