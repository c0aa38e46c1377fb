import AutoIDBLAKE3
import AutoIDTestSupport
import AutoIDThreads
import Foundation
import SystemPackage
import Testing

@testable import AutoIDFiles
@testable import AutoIDHashing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Outputs that must not destroy what they replace, and inputs that must not change while read (issue 12).
@Suite("Safe outputs and stable inputs")
struct SafeOutputAndInputTests {
    func mode(_ path: String) -> mode_t {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & 0o7777 : 0
    }

    @Test func theSameFileAsAnInputIsRefusedWhateverItsSpelling() throws {
        let directory = try TemporaryDirectory()
        let input = try directory.write("input", Array("keep".utf8))
        try FileManager.default.createSymbolicLink(atPath: directory.file("link"), withDestinationPath: "input")
        #expect(link(input, directory.file("hard")) == 0)
        for spelling in [input, directory.path + "/./input", directory.file("link"), directory.file("hard")] {
            #expect(throws: FileError(code: .sameFileAsInput(input), operation: "write", path: spelling)) {
                try AtomicFile.write(Array("new".utf8), to: spelling, existing: .replace, inputs: [input])
            }
        }
        #expect(try directory.read("input") == Array("keep".utf8))
        #expect(try directory.contents() == ["hard", "input", "link"])
    }

    @Test func aReplacedFileKeepsItsModeAndASecretStaysPrivate() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("out", Array("old".utf8))
        #expect(chmod(path, 0o640) == 0)
        try AtomicFile.write(Array("new".utf8), to: path, existing: .replace)
        #expect(mode(path) == 0o640)
        #expect(try directory.read("out") == Array("new".utf8))
        // A secret written over a readable file does not become readable by others.
        #expect(chmod(path, 0o644) == 0)
        try AtomicFile.write(Array("secret".utf8), to: path, permissions: [.ownerReadWrite], existing: .replace)
        #expect(mode(path) == 0o600)
    }

    @Test func specialFilesAreWrittenIntoAndDescriptorNamesAreRecognised() throws {
        try AtomicFile.write(Array("discarded".utf8), to: "/dev/null", existing: .refuse)
        var info = stat()
        #expect(stat("/dev/null", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)
        #expect(AtomicOutput.descriptorNumber("-") == 1)
        #expect(AtomicOutput.descriptorNumber("/dev/stdout") == 1)
        #expect(AtomicOutput.descriptorNumber("/dev/stderr") == 2)
        #expect(AtomicOutput.descriptorNumber("/dev/fd/7") == 7)
        #expect(AtomicOutput.descriptorNumber("/proc/self/fd/12") == 12)
        #expect(AtomicOutput.descriptorNumber("/dev/fd/x") == nil)
        #expect(AtomicOutput.descriptorNumber("out") == nil)
    }

    @Test func aMissingDirectoryIsNamed() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("no/out")
        #expect(throws: FileError(code: .notFound, operation: "write", path: path, hint: "the directory '\(directory.file("no"))' does not exist")) {
            try AtomicFile.write([1], to: path)
        }
    }

    @Test func pathsInMessagesAreEscaped() {
        let error = FileError(code: .notFound, operation: "open", path: "evil\n\u{1b}[2Jname")
        #expect(error.description == "evil\\n\\e[2Jname: cannot open: no such file")
    }

    @Test(arguments: [false, true])
    func aFileThatChangesWhileReadFails(truncates: Bool) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("data", [UInt8](repeating: 7, count: 64 * 1024))
        var calls = 0
        #expect(throws: FileError(code: .changedWhileReading, operation: "read", path: path)) {
            try InputSource.file(.init(path)).forEachChunk(bufferSize: 4096) { _ in
                calls += 1
                guard calls == 2 else { return }
                let handle = try #require(FileHandle(forWritingAtPath: path))
                if truncates {
                    try handle.truncate(atOffset: 10_000)
                } else {
                    try handle.seekToEnd()
                    try handle.write(contentsOf: Data([1, 2, 3]))
                }
                try handle.close()
            }
        }
    }

    #if os(Linux)
    /// A writer that rewrites bytes in place (same size) and sets the modification time back, as
    /// `touch -d` or `futimens` can, still moves the change time: caught on every read path (one buffer,
    /// chunks read ahead, ranges by position).
    @Test(arguments: ["one buffer", "chunks", "positioned"])
    func aWriterThatSetsTheModificationTimeBackIsCaught(path readPath: String) throws {
        let directory = try TemporaryDirectory()
        let size = readPath == "one buffer" ? 1000 : 64 * 1024
        let path = try directory.write("data", [UInt8](repeating: 7, count: size))
        var original = stat()
        #expect(stat(path, &original) == 0)
        var rewritten = false
        func rewrite() {
            guard !rewritten else { return }
            rewritten = true
            usleep(20_000)  // a later change time on a clock that ticks every few milliseconds
            // A file system with whole-second times: wait for the next second.
            while original.st_ctim.tv_nsec == 0 && time(nil) <= original.st_ctim.tv_sec { usleep(10_000) }
            let fd = open(path, O_WRONLY)
            #expect(pwrite(fd, "xyz", 3, 100) == 3)
            var times = [original.st_atim, original.st_mtim]
            #expect(futimens(fd, &times) == 0)
            close(fd)
            var now = stat()
            #expect(stat(path, &now) == 0 && now.st_mtim.tv_sec == original.st_mtim.tv_sec && now.st_mtim.tv_nsec == original.st_mtim.tv_nsec)
            #expect(now.st_size == original.st_size)
        }
        #expect(throws: FileError(code: .changedWhileReading, operation: "read", path: path)) {
            if readPath == "positioned" {
                try readByPosition(path, changing: rewrite)
            } else {
                try InputSource.file(.init(path)).forEachChunk(bufferSize: 4096) { _ in rewrite() }
            }
        }
        #expect(rewritten)
    }

    /// Files of /proc and /sys report a size (0, or a page) that says nothing of what a read gives: they
    /// are read to the end, as b3sum and sha256sum read them, and their size is not held against the
    /// count (it failed them as changed). Files that stay the same from read to read (/proc/filesystems
    /// holds a few hundred bytes), read with buffers smaller than the file too (64 bytes: the small
    /// buffer fills, and the rest is read a whole buffer at a time).
    @Test(arguments: ["/proc/filesystems", "/sys/kernel/mm/transparent_hugepage/enabled"])
    func filesOfProcAndSysAreReadToTheEnd(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            #expect(path != "/proc/filesystems", "every Linux has /proc/filesystems")
            print("skipped: \(path) cannot be opened here")
            return
        }
        let expected = [UInt8](try handle.readToEnd() ?? Data())
        try handle.close()
        #expect(!expected.isEmpty)
        for bufferSize in [64, 4096, InputSource.defaultBufferSize] {
            var seen: [UInt8] = []
            try InputSource.file(.init(path)).forEachChunk(bufferSize: bufferSize) { seen += $0 }
            #expect(seen == expected, "\(path), \(bufferSize)-byte buffer: \(seen.count) bytes read, \(expected.count) expected")
        }
        var hasher = HashAlgorithm.blake3.makeHasher()
        hasher.update(expected)
        #expect(try ContentDigester.digest(.file(.init(path)), algorithms: [.blake3]).digests[.blake3] == hasher.finalize())
    }

    /// A lookup of a file of /proc/net makes a new inode (the same number, new times) every time, so the
    /// path's status after reading (30 ms later here) differs from the open file's: that is no change. (Its counters move,
    /// so only that it is read whole is checked.)
    @Test func aFileOfProcNetIsNotChangedByLookingItUp() throws {
        for bufferSize in [4096, InputSource.defaultBufferSize] {
            var seen: [UInt8] = []
            try InputSource.file("/proc/self/net/dev").forEachChunk(bufferSize: bufferSize) { chunk in
                seen += chunk
                usleep(30_000)  // the next lookup's inode gets times a few ticks later
            }
            #expect(seen.starts(with: Array("Inter-|".utf8)) && seen.last == 0x0a)
        }
    }

    @Test func onlyFilesOfGeneratedFileSystemsAreGenerated() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("data", [1, 2, 3])
        for (name, generated) in [(path, false), ("/proc/filesystems", true)] {
            let descriptor = try FileDescriptor.open(FilePath(name), .readOnly)
            defer { try? descriptor.close() }
            #expect(InputSource.isGenerated(descriptor) == generated, "\(name)")
        }
    }

    #endif

    @Test func aFileReplacedWhileReadFails() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("data", [UInt8](repeating: 7, count: 16 * 1024))
        var replaced = false
        #expect(throws: FileError(code: .changedWhileReading, operation: "read", path: path)) {
            try InputSource.file(.init(path)).forEachChunk(bufferSize: 4096) { _ in
                guard !replaced else { return }
                replaced = true
                let other = try directory.write("other", [UInt8](repeating: 7, count: 16 * 1024))
                #expect(rename(other, path) == 0)
            }
        }
    }

    @Test func anUnchangedFilePasses() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("data", [UInt8](repeating: 7, count: 64 * 1024))
        var total = 0
        try InputSource.file(.init(path)).forEachChunk(bufferSize: 4096) { total += $0.count }
        #expect(total == 64 * 1024)
    }

    /// Large regular files hashed with BLAKE3 alone are read by position on every thread
    /// (`InputSource.read(positionedFrom:positioned:chunks:)`): the same digest as reading, and the same
    /// failures when the file changes underneath.
    @Test func positionedReadsGiveTheDigestOfTheBytes() throws {
        let directory = try TemporaryDirectory()
        let size = ContentDigester.positionedThreshold * 2 + 77_777
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 11) }
        let path = try directory.write("data", bytes)
        var hasher = HashAlgorithm.blake3.makeHasher()
        hasher.update(bytes)
        for threads in [1, 2, 3] {
            let digest = try ContentDigester.digest(.file(.init(path)), algorithms: [.blake3], threads: threads)
            #expect(digest.digests == [.blake3: hasher.finalize()] && digest.byteCount == UInt64(size))
        }
        // Smaller files and anything not regular are read in chunks (standard input is never a `.file`).
        let small = try directory.write("small", [1, 2, 3])
        var chunks: [UInt8] = []
        let positioned = try InputSource.file(.init(small)).read(
            positionedFrom: 4, positioned: { _ in Issue.record("a 3-byte file read by position") }, chunks: { chunks += $0 })
        #expect(!positioned && chunks == [1, 2, 3])
        #expect(throws: FileError.self) {
            _ = try InputSource.file(.init(directory.path)).read(
                positionedFrom: 0, positioned: { _ in Issue.record("a folder read by position") }, chunks: { _ in })
        }
    }

    @Test(arguments: ["truncated", "appended", "replaced"])
    func aFileThatChangesDuringPositionedReadsFails(change: String) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("data", [UInt8](repeating: 5, count: 1 << 20))
        #expect(throws: FileError(code: .changedWhileReading, operation: "read", path: path)) {
            try readByPosition(path) {
                switch change {
                case "truncated": #expect(truncate(path, 10_000) == 0)
                case "appended":
                    let fd = open(path, O_WRONLY | O_APPEND)
                    #expect(write(fd, "xyz", 3) == 3)
                    close(fd)
                default:
                    let other = try? directory.write("other", [UInt8](repeating: 5, count: 1 << 20))
                    #expect(rename(other ?? "", path) == 0)
                }
            }
        }
    }

    /// Reads the file at `path` by position: its first 4 KiB, then `change()`, then its last 4 KiB (past
    /// the new end when the change truncated it); the checks of `InputSource.read` after that.
    func readByPosition(_ path: String, changing change: () -> Void) throws {
        _ = try InputSource.file(.init(path)).read(
            positionedFrom: 0,
            positioned: { file in
                let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 16)
                defer { buffer.deallocate() }
                try file.read(at: 0, into: buffer)
                change()
                try file.read(at: file.size - 4096, into: buffer)
            }, chunks: { _ in Issue.record("read in chunks") })
    }

    /// A name is escaped byte by byte: "\r\n" is one Character in Swift, and String's `replacing`
    /// left it whole, so its line break went out raw and split the checksum line (a forged line could
    /// follow it). The escaped line parses back to the same name.
    @Test func checksumLinesNeverBreakOnAName() throws {
        let digest = [UInt8](repeating: 0xab, count: 32)
        let hex = String(repeating: "ab", count: 32)
        let name = "a\r\nb\\c\nd"
        let sha = ChecksumLine.format(digest: digest, name: name)
        #expect(sha == "\\\(hex)  a\\r\\nb\\\\c\\nd")
        let blake3 = ChecksumLine.format(digest: digest, name: name, escapesCarriageReturn: false)
        #expect(blake3 == "\\\(hex)  a\r\\nb\\\\c\\nd")  // b3sum's form: a carriage return as it is
        #expect(ChecksumLine.formatTagged(tag: "SHA256", digest: digest, name: name) == "\\SHA256 (a\\r\\nb\\\\c\\nd) = \(hex)")
        for line in [sha, blake3] { #expect(!line.utf8.contains(UInt8(ascii: "\n"))) }
        let parsed = try #require(ChecksumLine(parsing: Array(sha.utf8), digestLength: 32))
        #expect(parsed.name == name)
        #expect(ChecksumLine.format(digest: digest, name: "plain") == "\(hex)  plain")
    }

    @Test func checkListNamesAreEscapedLikeCoreutils() {
        #expect(ChecksumLine.displayName("plain name") == "plain name")
        #expect(ChecksumLine.displayName("a\nb") == "\\a\\nb")
        #expect(ChecksumLine.displayName("\u{1b}[31mred\\") == "\\\\e[31mred\\\\")
    }
}

/// Inputs read through a mapping (issue 16). Serialized: one test holds every guard slot.
@Suite("Mapped inputs", .serialized)
struct MappedInputTests {
    /// Files of at least `InputSource.mappingThreshold` bytes, mapped (AUTOID_READ=map): the same chunks, and
    /// a file truncated under the mapping fails as changed instead of killing the process with SIGBUS.
    @Test func aMappedFileGivesTheSameChunksAsReading() throws {
        let directory = try TemporaryDirectory()
        let size = Int(InputSource.mappingThreshold) * 3 + 12_345
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
        let path = try directory.write("data", bytes)
        var seen: [UInt8] = []
        var sizes: [Int] = []
        try InputSource.file(.init(path)).forEachChunk(bufferSize: 1 << 20, mapsLargeFiles: true) { chunk in
            seen.append(contentsOf: chunk)
            sizes.append(chunk.count)
        }
        let same = seen == bytes
        #expect(same)
        #expect(sizes == [1 << 20, 1 << 20, 1 << 20, 12_345])
        let digest = try ContentDigester.digest(.file(.init(path)), algorithms: [.blake3, .sha256])
        for algorithm in [HashAlgorithm.blake3, .sha256] {
            var hasher = algorithm.makeHasher()
            hasher.update(bytes)
            #expect(digest.digests[algorithm] == hasher.finalize())
        }
        #expect(digest.byteCount == UInt64(size))
    }

    @Test(arguments: [0, 1, 4096, 1 << 20])
    func aFileTruncatedUnderItsMappingFailsAsChanged(newSize: Int) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("data", [UInt8](repeating: 9, count: 8 << 20))
        var calls = 0
        var zeros = 0
        #expect(throws: FileError(code: .changedWhileReading, operation: "read", path: path)) {
            try InputSource.file(.init(path)).forEachChunk(bufferSize: 1 << 20, mapsLargeFiles: true) { chunk in
                calls += 1
                if calls == 2 { #expect(truncate(path, off_t(newSize)) == 0) }
                // Touch every byte: past the new end this faults, and must read zeros instead of dying.
                zeros += chunk.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
            }
        }
        #expect(calls == 8)
        #expect(zeros >= 6 << 20)
    }

    @Test func manyFilesMappedAtOnceFallBackToReading() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("data", [UInt8](repeating: 3, count: 2 << 20))
        // Hold every guard slot: the next input is read, not mapped, with the same result.
        let held = (0..<TruncationGuard.capacity).compactMap { _ in TruncationGuard.reserve() }
        defer { held.forEach(TruncationGuard.release) }
        var total = 0
        try InputSource.file(.init(path)).forEachChunk(bufferSize: 1 << 20, mapsLargeFiles: true) { total += $0.count }
        #expect(total == 2 << 20)
    }

    /// Files mapped on several threads at once (the first mappings install the SIGBUS handler, under the
    /// guard's lock): each thread reads its own file's bytes, every time. Part of the ThreadSanitizer
    /// stage of scripts/test.
    @Test func filesMappedOnSeveralThreadsAtOnceReadTheirOwnBytes() throws {
        let directory = try TemporaryDirectory()
        let size = Int(InputSource.mappingThreshold) * 2 + 4321
        let contents = (0..<4).map { file in (0..<size).map { UInt8(truncatingIfNeeded: ($0 &* (file + 3)) >> 7) } }
        let paths = try contents.indices.map { try directory.write("data\($0)", contents[$0]) }
        let mismatches = Locked<[String]>([])
        Threads.run(4) { thread in
            for round in 0..<4 {
                var offset = 0
                do {
                    try InputSource.file(.init(paths[thread])).forEachChunk(bufferSize: 1 << 19, mapsLargeFiles: true) { chunk in
                        let same = contents[thread].withUnsafeBytes { expected in
                            offset + chunk.count <= size && memcmp(chunk.baseAddress!, expected.baseAddress! + offset, chunk.count) == 0
                        }
                        if !same { mismatches.withLock { $0.append("thread \(thread), round \(round): bytes differ at \(offset)") } }
                        offset += chunk.count
                    }
                } catch {
                    mismatches.withLock { $0.append("thread \(thread), round \(round): \(error)") }
                }
                if offset != size { mismatches.withLock { $0.append("thread \(thread), round \(round): \(offset) bytes of \(size)") } }
            }
        }
        #expect(mismatches.withLock { $0 }.isEmpty, "\(mismatches.withLock { $0 })")
    }

    /// Guard slots taken and freed on several threads at once: a slot is never handed to two holders.
    @Test func aGuardSlotHasOneHolderAtATime() {
        let holders = Locked<[Int: Int]>([:])  // slot index -> thread
        let shared = Locked(0)
        let taken = Locked(0)
        Threads.run(4) { thread in
            for round in 0..<500 {
                guard let slot = TruncationGuard.reserve() else { continue }
                let clash = holders.withLock { holders in
                    defer { holders[slot.index] = thread }
                    return holders[slot.index] != nil
                }
                if clash { shared.withLock { $0 += 1 } }
                if round % 32 == 0 { sched_yield() }
                #expect(!TruncationGuard.faulted(slot))
                holders.withLock { $0[slot.index] = nil }  // before the release: then another thread may take it
                TruncationGuard.release(slot)
                taken.withLock { $0 += 1 }
            }
        }
        #expect(shared.withLock { $0 } == 0)
        // At most 4 of the 64 slots held at once (the suite is serialized: no test of its own holds any).
        #expect(taken.withLock { $0 } == 4 * 500)
    }
}

/// Files read by position and taken in place from a mapping where that is cheaper (issue 16,
/// `UnitMapping`). The probes' page faults are scripted, so both verdicts are had on any machine; one
/// test measures real faults. Inside the serialized suite: it holds every guard slot in one test.
extension MappedInputTests {
    @Suite("Positioned ranges in place")
    struct PositionedRanges {
        static let unit = 256 << 10

        /// Takes every unit of `path` (size `size`) in order through `PositionedFile.bytes(at:scratch:)`, with
        /// probes reporting `faults(offset)`; returns for each unit whether it came from the mapping, and checks
        /// the bytes against `expected`.
        static func takeUnits(
            _ path: String, expected: [UInt8], rangeBytes: Int = unit, faults: @escaping @Sendable (Int) -> Int
        ) throws -> (inPlace: [Bool], residentKiB: Int?) {
            var inPlace: [Bool] = []
            var resident: Int?
            let positioned = try InputSource.file(.init(path)).read(
                bufferSize: 1 << 20, mapsLargeFiles: false, positionedFrom: 0, positionedMapping: .scripted(faults),
                positioned: { file in
                    let mapping = try #require(file.mapping)
                    let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: rangeBytes, alignment: 64)
                    defer { scratch.deallocate() }
                    for offset in stride(from: 0, to: file.size, by: rangeBytes) {
                        let count = min(rangeBytes, file.size - offset)
                        let range = try file.bytes(at: offset, scratch: UnsafeMutableRawBufferPointer(rebasing: scratch[..<count]))
                        let mapped = mapping.bytes
                        inPlace.append(range.baseAddress! >= mapped.baseAddress! && range.baseAddress! < mapped.baseAddress! + mapped.count)
                        let same = range.count == count && expected.withUnsafeBytes { memcmp(range.baseAddress!, $0.baseAddress! + offset, count) == 0 }
                        #expect(same, "unit at \(offset)")
                    }
                    resident = residentKiB(of: mapping.bytes.baseAddress!)
                }, chunks: { _ in Issue.record("read in chunks") })
            #expect(positioned)
            return (inPlace, resident)
        }

        /// The resident size of this process's mapping that starts at `address` (/proc/self/smaps), or nil.
        static func residentKiB(of address: UnsafeRawPointer) -> Int? {
            // Read to the end: a /proc file reports a size of 0, which String(contentsOfFile:) believes.
            guard let handle = FileHandle(forReadingAtPath: "/proc/self/smaps"), let data = try? handle.readToEnd() else { return nil }
            let smaps = String(decoding: data, as: UTF8.self)
            let start = String(UInt(bitPattern: address), radix: 16) + "-"
            var inside = false
            for line in smaps.split(separator: "\n") {
                if line.first?.isHexDigit == true, line.contains("-"), !line.hasPrefix("Rss") {
                    inside = line.hasPrefix(start)
                } else if inside, line.hasPrefix("Rss:") {
                    return Int(line.split(separator: " ")[1])
                }
            }
            return nil
        }

        @Test func probesDecideWhichRangesAreTakenInPlace() throws {
            let directory = try TemporaryDirectory()
            let size = 24 << 20
            let bytes = TestRandom.bytes(size, seed: 1)
            let path = try directory.write("data", bytes)
            // Probes every 4 MiB: cheap (0 faults), dear (4: a fault per 64 KiB), cheap, dear, ... A dear probe's
            // own range is in place too (its pages are mapped by then); the ranges after it are read.
            let (inPlace, _) = try Self.takeUnits(path, expected: bytes) { offset in (offset / (4 << 20)) % 2 == 0 ? 0 : 4 }
            let perProbe = (4 << 20) / Self.unit
            let expected = (0..<(size / Self.unit)).map { unit in unit % perProbe == 0 || (unit / perProbe) % 2 == 0 }
            #expect(inPlace == expected)
        }

        /// Every range in place, 96 MiB, in order: behind the ranges being taken the mapping lets go, 16 MiB
        /// at a time, so at the end the lag and one release are still mapped, 32 MiB and part of a range
        /// (without the release: all 96; without the last release: 48).
        @Test func theMappingLetsGoBehind() throws {
            let directory = try TemporaryDirectory()
            let size = 96 << 20
            let bytes = TestRandom.bytes(size, seed: 5)
            let path = try directory.write("data", bytes)
            let (inPlace, resident) = try Self.takeUnits(path, expected: bytes) { _ in 0 }
            #expect(inPlace.allSatisfy { $0 })
            let residentKiB = try #require(resident, "no Rss line for the mapping in /proc/self/smaps")
            #expect(residentKiB <= (UnitMapping.releaseLag + UnitMapping.releaseBytes + Self.unit) >> 10, "\(residentKiB) KiB resident")
        }

        /// Ranges of any size (the CID takes 16 chunks of 65,x bytes) that straddle the 16 MiB boundaries:
        /// each region is let go of once, and as tightly behind as with whole units (the file ends short of
        /// 96 MiB, so the last release is at 80 MiB: 32 MiB stay mapped; one release late, 48).
        @Test func rangesOfAnySizeLetGoBehind() throws {
            let directory = try TemporaryDirectory()
            let size = (96 << 20) - 777
            let bytes = TestRandom.bytes(size, seed: 6)
            let path = try directory.write("data", bytes)
            let rangeBytes = 1_000_003
            let (inPlace, resident) = try Self.takeUnits(path, expected: bytes, rangeBytes: rangeBytes) { _ in 0 }
            #expect(inPlace.allSatisfy { $0 })
            let residentKiB = try #require(resident, "no Rss line for the mapping in /proc/self/smaps")
            #expect(residentKiB <= (UnitMapping.releaseLag + UnitMapping.releaseBytes + 2 * rangeBytes) >> 10, "\(residentKiB) KiB resident")
        }

        /// Ranges of any size (the CID takes 16 chunks of 65,x bytes): a range that holds a multiple of
        /// 4 MiB is a probe (26 MiB: too short for a release, which `rangesOfAnySizeLetGoBehind` checks).
        @Test func rangesOfAnySizeProbeAtEachMultipleOf4MiB() throws {
            let directory = try TemporaryDirectory()
            let size = 26 << 20 | 777
            let bytes = TestRandom.bytes(size, seed: 4)
            let path = try directory.write("data", bytes)
            let rangeBytes = 1_000_003
            // Every probe dear: only the probes themselves are in place.
            let (inPlace, _) = try Self.takeUnits(path, expected: bytes, rangeBytes: rangeBytes) { _ in 9 }
            let expected = stride(from: 0, to: size, by: rangeBytes).map { offset in
                let end = min(offset + rangeBytes, size)
                return (offset + (4 << 20) - 1) / (4 << 20) * (4 << 20) < end
            }
            #expect(inPlace == expected)
            #expect(inPlace.filter { $0 }.count == 7)  // 0, 4, 8, ..., 24 MiB
        }

        /// What a probe measures: the calling thread's page faults go up when it first touches a mapped page
        /// and not when it touches it again.
        @Test func threadFaultsCountTheFirstTouchOfAPage() throws {
            let directory = try TemporaryDirectory()
            let path = try directory.write("data", TestRandom.bytes(8 << 20, seed: 2))
            let descriptor = open(path, O_RDONLY)
            defer { close(descriptor) }
            let mapping = try #require(UnitMapping(descriptor: descriptor, size: 8 << 20))
            let page = mapping.bytes.baseAddress! + (5 << 20)
            let before = try #require(UnitMapping.threadFaults())
            var touched = page.load(as: UInt8.self)
            let first = try #require(UnitMapping.threadFaults()) - before
            // The fewest faults of three touches again: an instrumented build (ThreadSanitizer) can take
            // a fault of its own in between (its shadow and history memory; seen once in CI), but a page
            // that faulted at every touch never gives 0.
            var second = first
            for _ in 0..<3 {
                let start = try #require(UnitMapping.threadFaults())
                touched |= page.load(as: UInt8.self)
                second = min(second, try #require(UnitMapping.threadFaults()) - start)
            }
            withExtendedLifetime(touched) {}
            #expect(first >= 1 && second == 0, "first touch \(first) faults, second \(second)")
        }

        /// A file truncated while its ranges are taken in place: the ranges past the new end read zeros (no
        /// SIGBUS), and reading fails as changed.
        @Test(arguments: [0, 4096, 3 << 20])
        func aFileTruncatedUnderItsRangesFailsAsChanged(newSize: Int) throws {
            let directory = try TemporaryDirectory()
            let size = 8 << 20
            let path = try directory.write("data", [UInt8](repeating: 9, count: size))
            var zeros = 0
            #expect(throws: FileError(code: .changedWhileReading, operation: "read", path: path)) {
                _ = try InputSource.file(.init(path)).read(
                    bufferSize: 1 << 20, mapsLargeFiles: false, positionedFrom: 0, positionedMapping: .scripted({ _ in 0 }),
                    positioned: { file in
                        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.unit, alignment: 64)
                        defer { scratch.deallocate() }
                        for offset in stride(from: 0, to: file.size, by: Self.unit) {
                            if offset == 4 << 20 { #expect(truncate(path, off_t(newSize)) == 0) }
                            let range = try file.bytes(at: offset, scratch: scratch)
                            zeros += range.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }  // every byte touched
                        }
                    }, chunks: { _ in Issue.record("read in chunks") })
            }
            #expect(zeros >= 4 << 20)
        }

        /// A SIGBUS under a mapping is told apart afterwards: the file shrank (changed while reading), or it
        /// did not and the kernel failed to read a page (an I/O error, as `read` would report it).
        @Test func aFaultUnderTheMappingIsAChangeOnlyWhenTheFileShrank() throws {
            let directory = try TemporaryDirectory()
            let path = try directory.write("data", TestRandom.bytes(64 << 10, seed: 7))
            let descriptor = try FileDescriptor.open(FilePath(path), .readOnly)
            defer { try? descriptor.close() }
            var now = stat()
            #expect(fstat(descriptor.rawValue, &now) == 0)
            let source = InputSource.file(.init(path))
            #expect(source.failureUnderMapping(descriptor, before: now) == FileError(errno: EIO, operation: "read", path: path))
            var larger = now
            larger.st_size += 1
            #expect(source.failureUnderMapping(descriptor, before: larger) == FileError(code: .changedWhileReading, operation: "read", path: path))
        }

        /// Three threads taking ranges in place, past where the mapping lets go behind them, when the file
        /// is truncated: zeros past the new end (no SIGBUS), and the hash fails as changed.
        @Test func aFileTruncatedUnderThreadsTakingRangesFailsAsChanged() throws {
            let directory = try TemporaryDirectory()
            let size = 40 << 20
            let path = try directory.write("data", TestRandom.bytes(size, seed: 6))
            let truncated = Locked(false)
            #expect(throws: FileError(code: .changedWhileReading, operation: "read", path: path)) {
                _ = try InputSource.file(.init(path)).read(
                    bufferSize: 1 << 20, mapsLargeFiles: false, positionedFrom: 0, positionedMapping: .scripted({ _ in 0 }),
                    positioned: { file in
                        _ = try BLAKE3.hash(length: file.size, threads: 3) { (offset, scratch) throws(FileError) in
                            if offset >= 20 << 20,
                                truncated.withLock({ done in
                                    defer { done = true }
                                    return !done
                                })
                            {
                                #expect(truncate(path, off_t(22 << 20)) == 0)
                            }
                            return try file.bytes(at: offset, scratch: scratch)
                        }
                    }, chunks: { _ in Issue.record("read in chunks") })
            }
            #expect(truncated.withLock { $0 })
        }

        /// The positioned hash `autoid-sign hash` runs (ContentDigester) gives the digest of the bytes with
        /// ranges all in place, all read, or alternating by probe, on 3 threads (2 vCPUs: units interleave).
        @Test func digestsAreTheSameWhicheverWayRangesCome() throws {
            let directory = try TemporaryDirectory()
            let size = 5 << 20 + 12_345
            let bytes = TestRandom.bytes(size, seed: 3)
            let path = try directory.write("data", bytes)
            let expected = BLAKE3.hash(bytes)
            let scripts: [String: @Sendable (Int) -> Int] = [
                "in place": { _ in 0 }, "read": { _ in 9 }, "alternating": { offset in (offset >> 22) % 2 == 0 ? 0 : 9 },
            ]
            for (name, script) in scripts {
                var digest: [UInt8]?
                _ = try InputSource.file(.init(path)).read(
                    bufferSize: 1 << 20, mapsLargeFiles: false, positionedFrom: 0, positionedMapping: .scripted(script),
                    positioned: { file in
                        digest = try BLAKE3.hash(length: file.size, threads: 3) { (offset, scratch) throws(FileError) in
                            try file.bytes(at: offset, scratch: scratch)
                        }
                    }, chunks: { _ in Issue.record("read in chunks") })
                #expect(digest == expected, "\(name)")
            }
        }
    }
}
