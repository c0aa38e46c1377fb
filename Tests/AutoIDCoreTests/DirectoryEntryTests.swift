import AutoIDFiles
import AutoIDTestSupport
import Glibc
import Testing

/// Directory names read where they lie (`DirectoryEntry`): every length up to 255 bytes, bytes that are
/// not UTF-8, and enough records to fill readdir's buffer, whose last record is where copying the whole
/// 256-byte field read past the buffer (the AddressSanitizer stage runs this suite).
@Suite("directory entries")
struct DirectoryEntryTests {
    @Test func namesOfEveryLengthAndByteComeBackExactly() throws {
        let directory = try TemporaryDirectory()
        var expected: Set<[UInt8]> = []
        for length in 1...255 {
            var name = [UInt8](repeating: UInt8(ascii: "a") + UInt8(length % 26), count: length)
            if length % 7 == 0 { name[0] = 0xff }  // not UTF-8
            expected.insert(name)
            let path = Array(directory.path.utf8) + [UInt8(ascii: "/")] + name + [0]
            let descriptor = path.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY | O_EXCL, 0o600) }
            }
            try #require(descriptor >= 0, "create a \(length)-byte name")
            close(descriptor)
        }
        let handle = try #require(opendir(directory.path))
        defer { closedir(handle) }
        var found: Set<[UInt8]> = []
        var dots = 0
        while let entry = readdir(handle) {
            let name = DirectoryEntry.name(entry)
            if name == [0x2e] || name == [0x2e, 0x2e] {
                #expect(DirectoryEntry.isDotOrDotDot(entry))
                dots += 1
                continue
            }
            #expect(!name.contains(0) && !name.contains(UInt8(ascii: "/")))
            found.insert(name)
            #expect(DirectoryEntry.text(entry) == String(decoding: name, as: UTF8.self))
            #expect(!DirectoryEntry.isDotOrDotDot(entry))
            if name.first == 0xff {
                #expect(DirectoryEntry.utf8Text(entry) == nil)
                let shown = "\\xff" + String(decoding: name.dropFirst(), as: UTF8.self)
                #expect(
                    throws: FileError(
                        code: .refusedName("it holds a name that is not UTF-8: '\(shown)'"), operation: "sign", path: "d", hint: "rename it with a UTF-8 name")
                ) {
                    try DirectoryEntry.text(entry, in: "d", operation: "sign")
                }
            } else {
                #expect(DirectoryEntry.utf8Text(entry) == String(decoding: name, as: UTF8.self))
                #expect(try DirectoryEntry.text(entry, in: "d", operation: "sign") == String(decoding: name, as: UTF8.self))
            }
        }
        #expect(dots == 2)
        #expect(found == expected)
    }
}
