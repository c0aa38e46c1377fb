import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file open for reads by position from several threads at once (`pread`): each thread reads
/// its own range, so copying out of the page cache is spread over the cores like the work on the bytes
/// (see ``InputSource/withPositionedReads(minimumSize:_:)``).
public struct PositionedFile: Sendable {
    /// The file's size when it was opened: the bytes to read.
    public let size: Int
    let descriptor: Int32
    let name: String

    /// Fills `buffer` with the bytes at `offset`. A file that ends early (it was truncated) fails with
    /// ``FileError/Code/changedWhileReading``.
    public func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(FileError) {
        var done = 0
        while done < buffer.count {
            let n = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if n < 0 {
                if errno == EINTR { continue }
                throw FileError(errno: errno, operation: "read", path: name)
            }
            if n == 0 { throw FileError(code: .changedWhileReading, operation: "read", path: name) }
            done += n
        }
        WorkProgress.addBytes(buffer.count)
    }
}

extension InputSource {
    /// Calls `body` with the input open for positioned reads when it is a regular file of at least
    /// `minimumSize` bytes, and returns what `body` returns; returns nil without calling it for standard
    /// input, anything else that is not a regular file, and smaller files (read those with
    /// ``forEachChunk(bufferSize:_:)``).
    ///
    /// As with ``forEachChunk(bufferSize:_:)``, a file that changes while it is read (size, modification
    /// time, or the file its path names) fails with ``FileError/Code/changedWhileReading``. Memory is
    /// whatever `body`'s buffers are. Returns nil too when `AUTOID_READ` asks for another way
    /// (`map`, `ahead`: see ``readMode``).
    public func withPositionedReads<Result>(
        minimumSize: Int, _ body: (PositionedFile) throws(FileError) -> Result
    ) throws(FileError) -> Result? {
        guard case .file(let path) = self, Self.readsByPosition else { return nil }
        let descriptor: FileDescriptor
        do {
            descriptor = try FileDescriptor.open(path, .readOnly, options: [.closeOnExec])
        } catch let error as Errno {
            throw FileError(errno: error.rawValue, operation: "open", path: description)
        } catch {
            throw FileError(errno: EIO, operation: "open", path: description)
        }
        defer { try? descriptor.close() }
        var before = stat()
        guard fstat(descriptor.rawValue, &before) == 0, (before.st_mode & S_IFMT) == S_IFREG, before.st_size >= minimumSize else {
            return nil
        }
        let file = PositionedFile(size: Int(before.st_size), descriptor: descriptor.rawValue, name: description)
        let result = try body(file)
        try checkUnchanged(descriptor, before: before, count: Int64(before.st_size), start: 0)
        return result
    }
}
