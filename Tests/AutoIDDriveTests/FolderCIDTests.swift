import AutoIDDrive
import AutoIDFiles
import AutoIDTestSupport
import AutoIDVerdict
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Folder CIDs (uncompressed Auto Drive folder uploads): known answers from
/// scripts/generate-cid-vectors.py (its trees are written to disk here), and the hostile-folder rules.
@Suite("Auto Drive folder CIDs")
struct FolderCIDTests {
    /// A file tree: a name maps to a file's bytes or to a folder.
    indirect enum Node {
        case file([UInt8])
        case folder([String: Node])
    }

    static func pattern(_ count: Int) -> [UInt8] { (0..<count).map { UInt8($0 % 251) } }

    static let docs: [String: Node] = ["hello.txt": .file(Array("hello world\n".utf8)), "a.txt": .file(Array("a".utf8))]
    static let site: [String: Node] = [
        "index.html": .file(Array("<h1>hi</h1>\n".utf8)),
        "b.txt": .file(Array("b".utf8)),
        "img": .folder(["logo.bin": .file(pattern(65_067)), "icon.txt": .file(Array("icon".utf8))]),
        "empty": .folder(["nothing": .folder([:])]),
        "\u{e9}t\u{e9}.txt": .file(Array("summer".utf8)),
    ]
    static func numbered(_ count: Int) -> [String: Node] {
        Dictionary(uniqueKeysWithValues: (0..<count).map { (String(format: "f%04d", $0), Node.file(Array(String($0).utf8))) })
    }

    /// Writes `tree` as the folder `name` in `directory`; returns its path.
    @discardableResult
    static func write(_ tree: [String: Node], as name: String, in directory: String) throws -> String {
        let path = directory + "/" + name
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (child, node) in tree {
            switch node {
            case .file(let bytes): try Data(bytes).write(to: URL(fileURLWithPath: path + "/" + child))
            case .folder(let sub): try write(sub, as: child, in: path)
            }
        }
        return path
    }

    static let known: [(String, String, [String: Node], String, UInt64)] = [
        ("docs", "docs", docs, "bafkr6ibysrvvwk2mjlj7l76es75uxtnqwspw5uhx5sliq4i5wms6f6burm", 13),
        ("docs", "papers", docs, "bafkr6idasazdbavrhgoxdixlukgqforj5es7y5yaa6dnz26uajdskkloii", 13),
        ("site", "site", site, "bafkr6ib4vmce626ukd452z374qb5yup3bltxsukbsa4agvosbmjhnmy2um", 65_090),
        ("one", "one", ["only.txt": .file(Array("x".utf8))], "bafkr6iflu7uo6v72iln2jyals4lt2ajqhkbxj5b3s4b3r7zpjprgh3spjy", 1),
        ("full", "full", numbered(1_626), "bafkr6idgzgx2eo5izmaxhxa3qnbutagy5atdjbiashkeblie4xx6mocw6q", 5_394),
        ("wide", "wide", numbered(1_627), "bafkr6iccz346b53nmvohiyi2yqh35vtcmfl6k56pnj3kbwfm3eyfs6jsuq", 5_398),
    ]

    @Test(
        "known answers: names, nesting, empty folders left out, 1,626 children in one node, 1,627 in a FolderInlink level",
        arguments: 0..<known.count)
    func knownAnswers(index: Int) throws {
        let (directoryName, recordedName, tree, cid, size) = Self.known[index]
        let directory = try TemporaryDirectory()
        let path = try Self.write(tree, as: directoryName, in: directory.path)
        for threads in [1, 4] {
            let result = try FolderCID.cid(ofDirectory: path, name: recordedName, threads: threads)
            #expect(result.cid.description == cid)
            #expect(result.size == size)
        }
        // The report: match (0), and a wrong expectation is a mismatch (1).
        let report = try CIDVerification.verifyFolder(expected: try AutoDriveCID(parsing: cid), path: path, name: recordedName)
        #expect(report.status == .ok)
        let wrong = try CIDVerification.verifyFolder(
            expected: try AutoDriveCID(parsing: Self.known[(index + 1) % Self.known.count].3), path: path, name: recordedName)
        #expect(wrong.status == .verificationFailed)
    }

    @Test("the default name is the folder's own, however the path is spelled")
    func defaultName() throws {
        let directory = try TemporaryDirectory()
        let path = try Self.write(Self.docs, as: "docs", in: directory.path)
        #expect(FolderCID.defaultName(for: path) == "docs")
        #expect(FolderCID.defaultName(for: path + "/") == "docs")
        #expect(FolderCID.defaultName(for: path + "/.") == "docs")
        #expect(FolderCID.isDirectory(path))
        #expect(!FolderCID.isDirectory(path + "/a.txt"))
    }

    @Test("any change to a file, a name or the set of files changes the CID")
    func sensitivity() throws {
        let directory = try TemporaryDirectory()
        let path = try Self.write(Self.site, as: "site", in: directory.path)
        let original = try FolderCID.cid(ofDirectory: path, name: "site").cid
        try Data("B".utf8).write(to: URL(fileURLWithPath: path + "/b.txt"))
        let changed = try FolderCID.cid(ofDirectory: path, name: "site").cid
        #expect(changed != original)
        try Data("b".utf8).write(to: URL(fileURLWithPath: path + "/b.txt"))
        #expect(try FolderCID.cid(ofDirectory: path, name: "site").cid == original)
        try FileManager.default.moveItem(atPath: path + "/img/icon.txt", toPath: path + "/img/icon2.txt")
        #expect(try FolderCID.cid(ofDirectory: path, name: "site").cid != original)
        try FileManager.default.moveItem(atPath: path + "/img/icon2.txt", toPath: path + "/icon.txt")
        #expect(try FolderCID.cid(ofDirectory: path, name: "site").cid != original)
    }

    /// Runs `body` expecting a refused folder (malformed input, 3) whose message contains `message`.
    func expectRefused(_ message: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("accepted", sourceLocation: sourceLocation)
        } catch let error as DriveError {
            #expect(error.code == .refusedFolder, sourceLocation: sourceLocation)
            #expect(AutoIDVerdict.ExitStatus.of(error) == .malformedInput, sourceLocation: sourceLocation)
            #expect(error.description.contains(message), "\(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(error)", sourceLocation: sourceLocation)
        }
    }

    @Test("symbolic links (inside or out), FIFOs and non-UTF-8 names are refused, never followed")
    func hostileEntries() throws {
        let directory = try TemporaryDirectory()
        let secret = try directory.write("secret", Array("outside".utf8))
        let path = try Self.write(Self.docs, as: "docs", in: directory.path)
        try FileManager.default.createSymbolicLink(atPath: path + "/link", withDestinationPath: secret)
        expectRefused("symbolic link") { _ = try FolderCID.cid(ofDirectory: path, name: "docs") }
        try FileManager.default.removeItem(atPath: path + "/link")
        try FileManager.default.createSymbolicLink(atPath: path + "/inner", withDestinationPath: "a.txt")
        expectRefused("symbolic link") { _ = try FolderCID.cid(ofDirectory: path, name: "docs") }
        try FileManager.default.removeItem(atPath: path + "/inner")
        try FileManager.default.createSymbolicLink(atPath: path + "/up", withDestinationPath: "..")
        expectRefused("symbolic link") { _ = try FolderCID.cid(ofDirectory: path, name: "docs") }
        try FileManager.default.removeItem(atPath: path + "/up")
        #expect(mkfifo(path + "/fifo", 0o600) == 0)
        expectRefused("FIFO") { _ = try FolderCID.cid(ofDirectory: path, name: "docs") }
        try FileManager.default.removeItem(atPath: path + "/fifo")
        // A name that is not UTF-8 (0xff): uploaders would record something else.
        // NUL-terminated: without it open(2) read on past the array (this failed, by chance, once
        // under AddressSanitizer, whose allocations leave other bytes there).
        let bad = path + "/bad\u{1}"
        var bytes = Array(bad.utf8) + [0]
        bytes[bytes.count - 2] = 0xff
        let fd = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o600) }
        }
        try #require(fd >= 0)
        close(fd)
        expectRefused("not UTF-8") { _ = try FolderCID.cid(ofDirectory: path, name: "docs") }
        // The message names the entry by its bytes, escaped (not by a repaired name).
        expectRefused("/bad\\xff: ") { _ = try FolderCID.cid(ofDirectory: path, name: "docs") }
    }

    @Test("empty folders have no CID; nesting deeper than 64 is refused; the root name is checked")
    func limits() throws {
        let directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.file("hollow/a/b"), withIntermediateDirectories: true)
        expectRefused("holds no file") { _ = try FolderCID.cid(ofDirectory: directory.file("hollow"), name: "hollow") }
        let deep = (0...65).map { "d\($0)" }.joined(separator: "/")
        try FileManager.default.createDirectory(atPath: directory.file("deep/" + deep), withIntermediateDirectories: true)
        try directory.write("deep/" + deep + "/leaf.txt", Array("leaf".utf8))
        expectRefused("nested more than 64") { _ = try FolderCID.cid(ofDirectory: directory.file("deep"), name: "deep") }
        let path = try Self.write(Self.docs, as: "docs", in: directory.path)
        #expect(throws: DriveError.self) { try FolderCID.cid(ofDirectory: path, name: String(repeating: "n", count: 256)) }
        #expect(throws: DriveError.self) { try FolderCID.cid(ofDirectory: path, name: "") }
        #expect(throws: DriveError.self) { try FolderCID.cid(ofDirectory: path, name: "a/b") }
        #expect(try FolderCID.cid(ofDirectory: path, name: String(repeating: "n", count: 255)).fileCount == 2)
        // A missing folder is an I/O error.
        #expect(throws: FileError.self) { try FolderCID.cid(ofDirectory: directory.file("nope"), name: "nope") }
    }
}
