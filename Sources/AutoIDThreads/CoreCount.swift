#if os(Linux)
internal import CCPUID
#endif

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How many cores this process may use, read once at first use.
///
/// On Linux: the CPUs its affinity mask allows (`sched_getaffinity`, as `taskset` and container CPU
/// sets restrict them), capped by a cgroup CPU quota when one is set (cgroup v2 `cpu.max`, else v1
/// `cpu.cfs_quota_us` over `cpu.cfs_period_us`, rounded up: a quota of 1.5 CPUs lets two threads run).
/// Foundation's `activeProcessorCount`, used before, ignores the affinity mask (under `taskset -c 0` it
/// still said 2 here, so two threads shared one CPU) and took ~0.26 ms of every tool's start (measured
/// in a program that only asks it); this is a system call and two small reads.
/// Elsewhere: the online processors (`sysconf`).
enum CoreCount {
    static let available: Int = {
        #if os(Linux)
        var count = affinityCount() ?? Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        if let quota = quotaCores() { count = min(count, quota) }
        return max(1, count)
        #else
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #endif
    }()

    #if os(Linux)
    /// The CPUs in this process's affinity mask; nil when it cannot be read (more than 1,024 CPUs).
    static func affinityCount() -> Int? {
        let count = Int(autoid_affinity_cpu_count())
        return count > 0 ? count : nil
    }

    /// The cgroup CPU quota in whole cores (rounded up), or nil for none.
    static func quotaCores() -> Int? {
        if let line = readSmall("/sys/fs/cgroup/cpu.max") {
            return quotaCores(v2: line)
        }
        guard let quota = readSmall("/sys/fs/cgroup/cpu/cpu.cfs_quota_us"), let period = readSmall("/sys/fs/cgroup/cpu/cpu.cfs_period_us")
        else { return nil }
        return quotaCores(quota: quota, period: period)
    }

    /// cgroup v2 `cpu.max`: `max PERIOD` (no quota) or `QUOTA PERIOD`, in microseconds.
    static func quotaCores(v2 line: String) -> Int? {
        let fields = line.split(separator: " ")
        guard fields.count == 2 else { return nil }
        return quotaCores(quota: String(fields[0]), period: String(fields[1]))
    }

    /// A quota and a period in microseconds (`-1` or `max`: no quota) as whole cores, rounded up.
    static func quotaCores(quota: String, period: String) -> Int? {
        guard let quota = Int(quota), let period = Int(period), quota > 0, period > 0 else { return nil }
        return max(1, (quota + period - 1) / period)
    }

    /// The first line of a small file without the spaces and tabs around it, or nil.
    private static func readSmall(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        var line = buffer[0..<count].prefix { $0 != 0x0a }
        while let first = line.first, first == 0x20 || first == 0x09 { line.removeFirst() }
        while let last = line.last, last == 0x20 || last == 0x09 { line.removeLast() }
        return String(decoding: line, as: UTF8.self)
    }
    #endif
}
