#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The entries a zip file's central directory lists: what `unzip`, Python's zipfile and most other
/// tools extract, read straight from the file.
///
/// ``ArchiveReader`` reads a zip as a stream, from its local headers; a hostile zip can make its local
/// headers and its central directory disagree, so that a verifier reading one and an extractor reading
/// the other see different files. Comparing the two lists closes that gap. Only a seekable file has a
/// reachable central directory: a zip read from a pipe cannot be checked this way.
public enum ZipCentralDirectory {
    /// One central directory record: the name's raw bytes and the uncompressed size (nil when a ZIP64
    /// extra field holds it).
    public struct Record: Sendable, Equatable {
        /// The entry's name exactly as the directory gives it.
        public var nameBytes: [UInt8]
        /// The uncompressed size, or nil when only a ZIP64 extra field holds it.
        public var size: Int64?

        public init(nameBytes: [UInt8], size: Int64?) {
            self.nameBytes = nameBytes
            self.size = size
        }
    }

    /// The central directory of the zip at `path`, in order, with at most `maximumEntries` records.
    ///
    /// Throws ``ArchiveError`` (malformed) when no end-of-central-directory record is found or the
    /// directory is damaged, and (read failed) when the file cannot be read.
    public static func records(path: String, maximumEntries: Int) throws(ArchiveError) -> [Record] {
        func malformed(_ detail: String) -> ArchiveError { ArchiveError(.malformed, input: path, detail: "zip central directory: \(detail)") }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw ArchiveError(.readFailed(errno: errno), input: path, detail: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw ArchiveError(.readFailed(errno: errno), input: path, detail: String(cString: strerror(errno))) }
        let size = Int64(info.st_size)
        func read(_ offset: Int64, _ count: Int) throws(ArchiveError) -> [UInt8] {
            guard offset >= 0, count >= 0, offset + Int64(count) <= size else { throw malformed("a record points outside the file") }
            var bytes = [UInt8](repeating: 0, count: count)
            var done = 0
            while done < count {
                let got = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(offset) + off_t(done)) }
                if got < 0 { throw ArchiveError(.readFailed(errno: errno), input: path, detail: String(cString: strerror(errno))) }
                if got == 0 { throw malformed("the file ended early") }
                done += got
            }
            return bytes
        }
        func u16(_ b: [UInt8], _ at: Int) -> Int { Int(b[at]) | Int(b[at + 1]) << 8 }
        func u32(_ b: [UInt8], _ at: Int) -> Int64 { Int64(u16(b, at)) | Int64(u16(b, at + 2)) << 16 }
        func u64(_ b: [UInt8], _ at: Int) -> Int64 {
            let value = UInt64(u32(b, at)) | UInt64(u32(b, at + 4)) << 32
            return value > UInt64(Int64.max) ? -1 : Int64(value)
        }

        // The end-of-central-directory record: the last 22 bytes, or up to 64 KiB earlier behind a comment.
        let tailCount = Int(min(size, 22 + 0xFFFF))
        let tail = try read(size - Int64(tailCount), tailCount)
        guard tailCount >= 22,
            let eocd = stride(from: tailCount - 22, through: 0, by: -1).first(where: {
                tail[$0] == 0x50 && tail[$0 + 1] == 0x4B && tail[$0 + 2] == 5 && tail[$0 + 3] == 6
            })
        else { throw malformed("no end-of-central-directory record") }
        var count = Int64(u16(tail, eocd + 10))
        var directorySize = u32(tail, eocd + 12)
        var directoryOffset = u32(tail, eocd + 16)
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            // ZIP64: a locator just before the record points at the ZIP64 end record.
            let locatorAt = size - Int64(tailCount - eocd) - 20
            let locator = try read(locatorAt, 20)
            guard locator.starts(with: [0x50, 0x4B, 6, 7]) else { throw malformed("a ZIP64 end record is needed but missing") }
            let end = try read(u64(locator, 8), 56)
            guard end.starts(with: [0x50, 0x4B, 6, 6]) else { throw malformed("the ZIP64 end record is damaged") }
            count = u64(end, 32)
            directorySize = u64(end, 40)
            directoryOffset = u64(end, 48)
        }
        guard count >= 0, count <= Int64(maximumEntries) else {
            throw ArchiveError(.tooManyEntries(limit: maximumEntries), input: path, detail: "the central directory lists \(count)")
        }
        guard directorySize >= 0, directorySize <= 64 << 20 else { throw malformed("larger than 64 MiB") }
        let directory = try read(directoryOffset, Int(directorySize))
        var records: [Record] = []
        var at = 0
        for _ in 0..<count {
            guard at + 46 <= directory.count, directory[at..<at + 4].elementsEqual([0x50, 0x4B, 1, 2]) else {
                throw malformed("record \(records.count + 1) is damaged")
            }
            let nameLength = u16(directory, at + 28)
            let extraLength = u16(directory, at + 30)
            let commentLength = u16(directory, at + 32)
            let end = at + 46 + nameLength + extraLength + commentLength
            guard end <= directory.count else { throw malformed("record \(records.count + 1) runs past the directory") }
            let uncompressed = u32(directory, at + 24)
            records.append(Record(nameBytes: Array(directory[at + 46..<at + 46 + nameLength]), size: uncompressed == 0xFFFF_FFFF ? nil : uncompressed))
            at = end
        }
        return records
    }
}
