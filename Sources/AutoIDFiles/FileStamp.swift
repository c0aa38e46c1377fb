#if canImport(Glibc)
package import Glibc
#elseif canImport(Darwin)
package import Darwin
#endif

/// What tells that a file changed, as GNU tar tells it: which file it is (device and inode), its size,
/// and its modification and status-change times to the nanosecond.
///
/// The change time is the one that matters against a writer that covers its tracks: the modification
/// time can be set back (`touch -d`, `futimens`), but setting it moves the change time, which no
/// unprivileged call can set. `chmod`, `chown`, a new link, a rename and an extended attribute move it
/// too, so they count as changes (as they do for tar). What no stamp sees: a write through a shared
/// mapping whose times the kernel has not updated yet, or a same-size rewrite within one tick of a
/// file system's clock.
package struct FileStamp: Equatable, Sendable {
    package let device: UInt64
    package let inode: UInt64
    package let size: Int64
    package let modified: Time
    package let changed: Time

    /// A time to the nanosecond.
    package struct Time: Equatable, Sendable {
        package let seconds: Int
        package let nanoseconds: Int
    }

    package init(_ status: stat) {
        device = UInt64(truncatingIfNeeded: status.st_dev)
        inode = UInt64(truncatingIfNeeded: status.st_ino)
        size = Int64(status.st_size)
        #if canImport(Darwin)
        modified = Time(seconds: Int(status.st_mtimespec.tv_sec), nanoseconds: Int(status.st_mtimespec.tv_nsec))
        changed = Time(seconds: Int(status.st_ctimespec.tv_sec), nanoseconds: Int(status.st_ctimespec.tv_nsec))
        #else
        modified = Time(seconds: Int(status.st_mtim.tv_sec), nanoseconds: Int(status.st_mtim.tv_nsec))
        changed = Time(seconds: Int(status.st_ctim.tv_sec), nanoseconds: Int(status.st_ctim.tv_nsec))
        #endif
    }

    /// The stamp of the file open as `descriptor`, or `nil` when its status cannot be had.
    package init?(descriptor: Int32) {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        self.init(status)
    }
}
