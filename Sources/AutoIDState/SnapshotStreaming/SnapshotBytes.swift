import AutoIDFiles

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of one snapshot, read front to back in chunks into a window that holds only what the
/// reader has not used up yet: a file descriptor (a file, or standard input) or bytes in memory.
///
/// A reader looks at ``window``/``position``/``end`` and calls ``refill()`` when it needs more; refilling
/// moves the unused tail to the front, so memory stays at one chunk whatever the input size.
/// The first ``keptLimit`` bytes are also kept whole (``kept``) while the input is no longer than that, so a
/// small input that the streaming reader cannot read can be handed to the whole-document reader, which
/// gives the exact error it always gave.
final class SnapshotBytes {
    private enum Origin {
        case descriptor(Int32, closes: Bool)
        case memory([UInt8])
    }

    private let origin: Origin
    private var memoryOffset = 0
    /// Size of one read; tests make it tiny to split the input at every point.
    let chunkSize: Int
    private(set) var window: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// The next unused byte and the end of the bytes read, in ``window``.
    var position = 0
    private(set) var end = 0
    /// Offset in the input of `window[0]`.
    private(set) var base = 0
    private(set) var atEnd = false
    /// The whole input while it is at most ``keptLimit`` bytes long; `nil` once it is longer.
    private(set) var kept: [UInt8]?
    let keptLimit: Int
    let name: String

    /// Reads the file at `path` (`-`: standard input).
    init(path: String, chunkSize: Int = 1 << 20, keptLimit: Int) throws(FileError) {
        if path == "-" {
            origin = .descriptor(0, closes: false)
        } else {
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw FileError(errno: errno, operation: "open", path: path) }
            origin = .descriptor(descriptor, closes: true)
        }
        self.chunkSize = max(1, chunkSize)
        capacity = max(self.chunkSize * 2, 64)
        window = .allocate(capacity: capacity)
        self.keptLimit = keptLimit
        kept = keptLimit > 0 ? [] : nil
        name = path
        // A regular file with more than the limit left to read (standard input may be one, part read)
        // will never be read whole: copy nothing.
        var status = stat()
        if kept != nil, case .descriptor(let descriptor, _) = origin, fstat(descriptor, &status) == 0,
            status.st_mode & S_IFMT == S_IFREG, Int(status.st_size) - max(0, Int(lseek(descriptor, 0, SEEK_CUR))) > keptLimit
        {
            kept = nil
        }
    }

    /// Reads `bytes` (tests, and inputs already in memory).
    init(bytes: [UInt8], chunkSize: Int = 1 << 20, keptLimit: Int = 0, name: String = "snapshot") {
        origin = .memory(bytes)
        self.chunkSize = max(1, chunkSize)
        capacity = max(self.chunkSize * 2, 64)
        window = .allocate(capacity: capacity)
        self.keptLimit = keptLimit
        kept = keptLimit > 0 ? [] : nil
        self.name = name
    }

    deinit {
        window.deallocate()
        if case .descriptor(let descriptor, true) = origin { close(descriptor) }
    }

    /// Offset in the input of the next unused byte.
    var offset: Int { base + position }

    /// Reads one more chunk after ``end``, first moving the unused bytes to the front (growing the window
    /// if they fill it). Returns `false` at the end of the input.
    func refill() throws(FileError) -> Bool {
        if atEnd { return false }
        if position > 0 {
            let unused = end - position
            if unused > 0 { window.update(from: window + position, count: unused) }
            base += position
            end = unused
            position = 0
        }
        if capacity - end < chunkSize {
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: max(capacity * 2, end + chunkSize))
            grown.update(from: window, count: end)
            window.deallocate()
            window = grown
            capacity = max(capacity * 2, end + chunkSize)
        }
        let count: Int
        switch origin {
        case .memory(let bytes):
            count = min(chunkSize, bytes.count - memoryOffset)
            if count > 0 {
                bytes.withUnsafeBufferPointer { (window + end).update(from: $0.baseAddress! + memoryOffset, count: count) }
            }
            memoryOffset += count
        case .descriptor(let descriptor, _):
            var got = 0
            while true {
                got = read(descriptor, window + end, chunkSize)
                if got >= 0 { break }
                if errno != EINTR { throw FileError(errno: errno, operation: "read", path: name) }
            }
            count = got
        }
        if count == 0 {
            atEnd = true
            return false
        }
        if kept != nil {
            if base + end + count <= keptLimit {
                kept!.append(contentsOf: UnsafeBufferPointer(start: window + end, count: count))
            } else {
                kept = nil
            }
        }
        end += count
        WorkProgress.addBytes(count)  // the progress line on a terminal, as InputSource counts its chunks
        return true
    }

    /// Reads what is left to the end, keeping a copy only while within ``keptLimit``.
    func drain() throws(FileError) {
        while true {
            position = end
            guard try refill() else { return }
        }
    }
}
