#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Asks for a secret on the controlling terminal with echo off, as `readpassphrase(3)` does.
///
/// The prompt and the answer go through `/dev/tty`, never standard input or output, which carry content.
/// Echo is restored afterwards, also when SIGINT, SIGTERM, SIGHUP or SIGQUIT arrives while we wait.
public enum TerminalPrompt {
    /// The longest answer read; the rest of a longer line is discarded.
    public static let maximumLength = 1023

    /// Prints `prompt` on the terminal and reads one line with echo off; `nil` when there is no terminal.
    ///
    /// The caller owns the returned bytes and should wipe them after use.
    public static func readSecret(prompt: String) throws -> [UInt8]? {
        guard isatty(STDIN_FILENO) == 1 || isatty(STDERR_FILENO) == 1 else { return nil }
        let fd = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY)
        if fd < 0 { return nil }
        defer { close(fd) }

        var original = termios()
        let hasTermios = tcgetattr(fd, &original) == 0
        if hasTermios {
            var silent = original
            silent.c_lflag &= ~tcflag_t(ECHO | ECHONL)
            silent.c_lflag |= tcflag_t(ICANON)
            promptTerminal = (fd, original)
            let handlers = caughtSignals.map { ($0, signal($0, restoreTerminalAndResignal)) }
            defer {
                for (number, handler) in handlers { signal(number, handler) }
            }
            _ = tcsetattr(fd, TCSAFLUSH, &silent)
            defer {
                var restore = original
                _ = tcsetattr(fd, TCSAFLUSH, &restore)
                promptTerminal = nil
            }
            return try ask(fd: fd, prompt: prompt)
        }
        return try ask(fd: fd, prompt: prompt)
    }

    private static func ask(fd: Int32, prompt: String) throws -> [UInt8] {
        writeAll(fd, Array(prompt.utf8))
        defer { writeAll(fd, [0x0a]) }  // echo was off, so end the prompt's line ourselves
        var answer: [UInt8] = []
        answer.reserveCapacity(maximumLength + 1)  // never reallocated, so no stray copies of the secret
        var byte: UInt8 = 0
        while true {
            let count = read(fd, &byte, 1)
            if count < 0 {
                if errno == EINTR { continue }
                throw FileError(errno: errno, operation: "read", path: "/dev/tty")
            }
            if count == 0 || byte == 0x0a { break }
            if answer.count < maximumLength { answer.append(byte) }
        }
        byte = 0
        if answer.last == 0x0d { answer.removeLast() }
        return answer
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
    }
}

private let caughtSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

/// The terminal whose echo a prompt turned off, for the signal handler to restore. Only set while one
/// prompt runs on the main thread.
nonisolated(unsafe) private var promptTerminal: (fd: Int32, settings: termios)?

/// Restores echo, then lets the signal do what it would have done.
private func restoreTerminalAndResignal(_ number: Int32) {
    if var saved = promptTerminal {
        _ = tcsetattr(saved.fd, TCSAFLUSH, &saved.settings)
        var newline: UInt8 = 0x0a
        _ = write(saved.fd, &newline, 1)
    }
    signal(number, SIG_DFL)
    raise(number)
}
