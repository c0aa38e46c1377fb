#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file open for reads by position from several threads at once (`pread`): each thread reads
/// its own range, so copying out of the page cache is spread over the cores like the work on the bytes
/// (see ``InputSource/read(bufferSize:positionedFrom:positioned:chunks:)``).
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
