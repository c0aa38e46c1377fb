#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes to standard output and standard error without Foundation's buffering surprises.
///
/// Data goes to stdout; talk (warnings, progress, errors) goes to stderr. A line printed with ``printOut(_:)``
/// or ``printError(_:)`` is always one line on the terminal: its control characters are escaped
/// (``DisplayName/oneLine(_:)``), so a name from input that reached a message unescaped can neither forge
/// a line of a report nor send the terminal an escape sequence.
public enum Console {
    /// Writes `bytes` to standard output in full, retrying short writes.
    public static func writeOut(_ bytes: some Collection<UInt8>) throws {
        try writeAll(bytes, to: STDOUT_FILENO)
    }

    /// Writes a line of text to standard output.
    public static func printOut(_ line: String) throws {
        try writeOut(Array((DisplayName.oneLine(line) + "\n").utf8))
    }

    /// Writes a line of data to standard output as it is, for formats that escape names their own way
    /// (checksum lines, which `sha256sum -c` and `b3sum --check` read back).
    public static func writeOutLine(_ line: String) throws {
        try writeOut(Array((line + "\n").utf8))
    }

    /// Writes a line of text to standard error; failures to write are ignored.
    public static func printError(_ line: String) {
        try? writeAll(Array((DisplayName.oneLine(line) + "\n").utf8), to: STDERR_FILENO)
    }

    private static func writeAll(_ bytes: some Collection<UInt8>, to fd: Int32) throws {
        let array = Array(bytes)
        var failure: Int32?
        // A progress line on the terminal is cleared first and stays away until the write is done.
        WorkProgress.writingOutput {
            var offset = 0
            array.withUnsafeBytes { raw in
                while offset < raw.count {
                    let written = write(fd, raw.baseAddress! + offset, raw.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        failure = errno
                        return
                    }
                    offset += written
                }
            }
        }
        if let failure {
            throw FileError(errno: failure, operation: "write", path: fd == STDOUT_FILENO ? "standard output" : "standard error")
        }
    }
}
