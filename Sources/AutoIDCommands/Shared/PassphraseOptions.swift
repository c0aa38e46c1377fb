import ArgumentParser
import AutoIDFiles
import AutoIDSigning
import AutoIDVerdict

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `--passphrase-file`, `--passphrase-fd` and `--passphrase-env`: where the passphrase of a private key
/// comes from when nobody types it. Shared by every command that reads or writes a private key.
///
/// Each source gives the first line (up to a newline; a final carriage return is dropped); the bytes are
/// used as they are. With none of them, an encrypted key is opened by asking on the terminal, and without
/// a terminal the command fails with exit status 64, naming the three options.
struct PassphraseOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Read the key's passphrase from the first line of this file.", valueName: "file"))
    var passphraseFile: String?

    @Option(help: ArgumentHelp("Read the key's passphrase from this inherited file descriptor, up to a newline.", valueName: "fd"))
    var passphraseFd: Int32?

    @Option(help: ArgumentHelp("Read the key's passphrase from this environment variable.", valueName: "name"))
    var passphraseEnv: String?

    /// Names the three options, for errors.
    static let alternatives = "--passphrase-file FILE, --passphrase-fd N or --passphrase-env NAME"

    /// The longest passphrase read from a file or descriptor.
    static let sizeLimit = 64 * 1024

    /// Whether a source was named on the command line.
    var isGiven: Bool { passphraseFile != nil || passphraseFd != nil || passphraseEnv != nil }

    func validate() throws {
        if [passphraseFile != nil, passphraseFd != nil, passphraseEnv != nil].filter({ $0 }).count > 1 {
            throw ValidationError("Give the passphrase one way: \(Self.alternatives).")
        }
        if passphraseFile == "-" {
            throw ValidationError("--passphrase-file cannot be - (standard input may carry content); use --passphrase-fd 0.")
        }
        if let fd = passphraseFd, fd < 0 || fd == STDOUT_FILENO || fd == STDERR_FILENO {
            throw ValidationError("--passphrase-fd must be an open input descriptor: 0 or 3 and up, not \(fd).")
        }
        if let name = passphraseEnv, name.isEmpty || name.utf8.contains(UInt8(ascii: "=")) {
            throw ValidationError("--passphrase-env takes the name of an environment variable.")
        }
    }

    /// The three options as plain values.
    var source: PassphraseSource { PassphraseSource(file: passphraseFile, fd: passphraseFd, environment: passphraseEnv) }

    /// See ``PassphraseSource/fromSource()``.
    func fromSource() throws -> Passphrase? { try source.fromSource() }

    /// See ``PassphraseSource/unlocking(keyPath:)``.
    func unlocking(keyPath: String) -> () throws -> Passphrase { source.unlocking(keyPath: keyPath) }

    /// See ``PassphraseSource/newPassphrase(keyPath:)``.
    func newPassphrase(keyPath: String) throws -> Passphrase { try source.newPassphrase(keyPath: keyPath) }
}

/// Where a passphrase comes from (``PassphraseOptions`` as plain values, also for a command line read
/// without the argument parser): at most one of a file, an inherited descriptor or an environment
/// variable, else the terminal.
struct PassphraseSource: Equatable {
    var file: String?
    var fd: Int32?
    var environment: String?

    static let alternatives = PassphraseOptions.alternatives
    static let sizeLimit = PassphraseOptions.sizeLimit

    /// The passphrase from the source given on the command line, or `nil` when none was given.
    func fromSource() throws -> Passphrase? {
        var bytes: [UInt8]
        let source: String
        if let path = file {
            source = path
            bytes = try SmallFile.read(path: path, limit: Self.sizeLimit)
        } else if let fd {
            source = "--passphrase-fd \(fd)"
            bytes = try Self.readLine(fd: fd)
        } else if let name = environment {
            source = "--passphrase-env \(name)"
            guard let value = getenv(name) else {
                throw PassphraseError("\(source): the environment variable \(name) is not set")
            }
            bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(value).assumingMemoryBound(to: UInt8.self), count: strlen(value)))
        } else {
            return nil
        }
        defer { Passphrase.wipe(&bytes) }
        var line = Self.firstLine(bytes)
        return try Passphrase(consuming: &line, source: source)
    }

    /// The passphrase that opens the existing key at `keyPath`, for `KeyFile.loadPrivateKey`: called only
    /// when the key is encrypted. Asks on the terminal when no source was given and one is there.
    func unlocking(keyPath: String) -> () throws -> Passphrase {
        {
            if let given = try fromSource() { return given }
            guard var typed = try TerminalPrompt.readSecret(prompt: "Passphrase for \(keyPath): ") else {
                throw PassphraseError(
                    "\(keyPath): this key is passphrase-protected and there is no terminal to ask on; "
                        + "give the passphrase with \(Self.alternatives)")
            }
            return try Passphrase(consuming: &typed, source: keyPath)
        }
    }

    /// A passphrase for a new key at `keyPath`: from the given source, or typed twice on the terminal.
    func newPassphrase(keyPath: String) throws -> Passphrase {
        if let given = try fromSource() { return given }
        guard var first = try TerminalPrompt.readSecret(prompt: "New passphrase for \(keyPath): ") else {
            throw PassphraseError(
                "--passphrase asks on a terminal and there is none; give the passphrase with \(Self.alternatives)")
        }
        let passphrase = try Passphrase(consuming: &first, source: keyPath)
        guard var second = try TerminalPrompt.readSecret(prompt: "The same passphrase again: ") else {
            throw PassphraseError("\(keyPath): the terminal went away before the passphrase was repeated")
        }
        let repeated = try Passphrase(consuming: &second, source: keyPath)
        guard passphrase.matches(repeated) else {
            throw PassphraseError("\(keyPath): the two passphrases differ; nothing was written")
        }
        return passphrase
    }

    /// The bytes before the first newline, without a final carriage return.
    private static func firstLine(_ bytes: [UInt8]) -> [UInt8] {
        var end = bytes.firstIndex(of: 0x0a) ?? bytes.endIndex
        if end > bytes.startIndex, bytes[end - 1] == 0x0d { end -= 1 }
        var line: [UInt8] = []
        line.reserveCapacity(end)
        line.append(contentsOf: bytes[..<end])
        return line
    }

    /// Reads from `fd` up to a newline or end of file, a byte at a time so nothing after the line is
    /// consumed (the descriptor may carry more). The descriptor is left open. A non-blocking descriptor
    /// (a pipe or socket its writer set up that way) is waited on until the line comes, as a blocking
    /// one would be.
    private static func readLine(fd: Int32) throws -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1024)
        var byte: UInt8 = 0
        defer { byte = 0 }
        while bytes.count < sizeLimit {
            let count = read(fd, &byte, 1)
            if count < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK {
                    try waitUntilReadable(fd: fd)
                    continue
                }
                if errno == EBADF {
                    throw PassphraseError("--passphrase-fd \(fd): not an open file descriptor")
                }
                throw FileError(errno: errno, operation: "read", path: "--passphrase-fd \(fd)")
            }
            if count == 0 || byte == 0x0a { break }
            bytes.append(byte)
        }
        return bytes
    }

    /// Blocks until `fd` has bytes to read, has reached end of file or has failed (the next read says
    /// which).
    private static func waitUntilReadable(fd: Int32) throws {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while poll(&entry, 1, -1) < 0 {
            if errno == EINTR { continue }
            throw FileError(errno: errno, operation: "wait for", path: "--passphrase-fd \(fd)")
        }
    }
}

/// A passphrase that could not be had: no source and no terminal, an unset variable, a closed
/// descriptor, two different answers. A usage problem (exit status 64).
struct PassphraseError: ReportableError {
    var description: String

    init(_ description: String) { self.description = description }

    var exitStatus: ExitStatus { .usage }
}
