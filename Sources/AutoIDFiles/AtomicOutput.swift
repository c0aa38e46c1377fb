public import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file being written in pieces that appears at its path complete or not at all (the streaming form
/// of ``AtomicFile``).
///
/// The bytes go to a temporary file in the destination's directory (so the final `rename` stays on one
/// file system); ``commit(permissions:existing:)`` gives it its mode, flushes it with `fsync` and moves
/// it into place. Released without a commit, or after a failed one, the temporary file is removed: an
/// interrupted writer leaves nothing behind but, at worst, a `.NAME.tmp-XXXXXX` after a crash.
public final class AtomicOutput {
    /// The destination, as given.
    public let path: String
    /// The descriptor of the temporary file: write the content here.
    public let descriptor: FileDescriptor
    private let temporary: String
    private var state = State.open

    private enum State { case open, closed, committed, discarded }

    /// Creates the temporary file next to `path`. Throws ``FileError`` naming `path`.
    public init(path: String) throws(FileError) {
        let directory = FilePath(path).removingLastComponent()
        let base = FilePath(path).lastComponent?.string ?? "output"
        var template = Array((directory.isEmpty ? "." : directory.string).utf8CString.dropLast())
        template += Array("/.\(base).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if fd < 0 { throw FileError(errno: errno, operation: "create a temporary file for", path: path) }
        self.path = path
        self.descriptor = FileDescriptor(rawValue: fd)
        self.temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Sets the final permissions, flushes the file to disk and moves it to ``path``.
    ///
    /// On failure the temporary file is removed at once and the output cannot be committed again.
    ///
    /// - Parameters:
    ///   - permissions: the mode of the new file, such as `0o600` for secret keys.
    ///   - existing: whether an existing file at ``path`` may be replaced.
    public func commit(
        permissions: FilePermissions = [.ownerReadWrite, .groupRead, .otherRead],
        existing: AtomicFile.ExistingFile = .replace
    ) throws(FileError) {
        precondition(state == .open, "AtomicOutput committed twice")
        state = .closed
        defer { if state != .committed { unlink(temporary); state = .discarded } }
        let fd = descriptor.rawValue
        var failure: Int32 = 0
        if fchmod(fd, mode_t(permissions.rawValue)) != 0 || fsync(fd) != 0 { failure = errno }
        if close(fd) != 0 && failure == 0 { failure = errno }
        if failure != 0 { throw FileError(errno: failure, operation: "write", path: path) }

        switch existing {
        case .replace:
            if rename(temporary, path) != 0 { throw FileError(errno: errno, operation: "write", path: path) }
        case .refuse:
            if link(temporary, path) != 0 {
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
        if state == .open { close(descriptor.rawValue) }
        if state == .open || state == .closed { unlink(temporary) }
    }
}
