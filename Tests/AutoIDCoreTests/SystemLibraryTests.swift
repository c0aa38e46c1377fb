import AutoIDLibArchive
import AutoIDLibXML2
import AutoIDSystemLibrary
import AutoIDTestSupport
import Foundation
import Testing

/// libarchive and libxml2 are loaded at their first use (AutoIDLibArchive, AutoIDLibXML2), never by the
/// dynamic loader at start: they load and work, a missing one is one clear line and exit status 4,
/// and no executable we build links them.
@Suite("System libraries loaded at first use")
struct SystemLibraryTests {
    @Test func libarchiveLoadsAndWorks() throws {
        try LibArchive.load()
        #expect(archive_version_number() >= 3_000_000)
    }

    @Test func libxml2LoadsAndWorks() throws {
        try LibXML2.load()
        xmlCheckVersion(20900)
        let document = xmlNewDoc("1.0")
        #expect(document != nil)
        xmlFreeDoc(document)
    }

    @Test func aMissingLibraryNamesItselfAndItsPackage() {
        let specification = SystemLibrary.Specification(
            name: "libmissing", fileNames: ["libautoid-missing.so.7", "libautoid-missing.so.8"], debianPackage: "libmissing7")
        #expect {
            _ = try SystemLibrary.load(specification)
        } throws: { error in
            guard let error = error as? SystemLibraryError else { return false }
            return error.exitStatus == .ioError && error.library == "libmissing"
                && error.description.hasPrefix("cannot load libmissing (")
                && error.description.contains("libautoid-missing.so.7") && error.description.contains("libautoid-missing.so.8")
                && error.description.hasSuffix("; install it with: apt-get install libmissing7")
                && !error.description.contains("\n")
        }
    }

    @Test func aMissingFunctionIsAnErrorNotACrash() throws {
        let library = try SystemLibrary.load(LibArchive.specification)
        let present = try library.function("archive_version_number", as: (@convention(c) () -> Int32).self)
        #expect(present() >= 3_000_000)
        #expect {
            _ = try library.function("archive_no_such_function", as: (@convention(c) () -> Int32).self)
        } throws: { error in
            (error as? SystemLibraryError)?.description.contains("has no function archive_no_such_function") == true
        }
    }

    @Test func aLibraryThatCannotLoadEndsTheRunWithOneLineAndStatus4() async {
        await #expect(processExitsWith: .exitCode(4), observing: [\.standardErrorContent]) {
            let error = SystemLibraryError(
                specification: .init(name: "libmissing", fileNames: ["libautoid-missing.so.7"], debianPackage: "libmissing7"),
                detail: "libautoid-missing.so.7: cannot open shared object file")
            SystemLibrary.exit(with: error)
        }.map { result in
            let text = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(
                text.hasSuffix(
                    ": cannot load libmissing (libautoid-missing.so.7: cannot open shared object file); install it with: apt-get install libmissing7\n"))
            #expect(text.split(separator: "\n").count == 1)
        }
    }

    /// The point of loading at first use: no tool has libarchive or libxml2 among the libraries the
    /// dynamic loader maps at start (DT_NEEDED), and no call binds to one of their symbols directly.
    @Test(arguments: ["autoid-sign", "autoid-verify", "provenance-bundle", "state-audit"])
    func noExecutableLinksThem(_ tool: String) throws {
        let path = ToolRunner.path(of: tool)
        guard FileManager.default.isExecutableFile(atPath: path) else { try Test.cancel("\(path) not built; skipped") }
        let readelf = ["/usr/bin/readelf", "/opt/swift/usr/bin/llvm-readelf"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let nm = ["/usr/bin/nm", "/opt/swift/usr/bin/llvm-nm"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let readelf, let nm else { try Test.cancel("readelf or nm not found; skipped") }

        let needed = try Self.output(readelf, ["-d", path]).split(separator: "\n").filter { $0.contains("(NEEDED)") }
        #expect(!needed.isEmpty, "readelf -d listed no libraries at all for \(tool): the check would prove nothing")
        #expect(needed.filter { $0.contains("libarchive") || $0.contains("libxml2") }.isEmpty, "\(tool) links: \(needed)")

        let undefined = try Self.output(nm, ["-u", "-D", path]).split(separator: "\n").map { $0.split(separator: " ").last ?? "" }
        #expect(undefined.contains { $0.hasPrefix("dlopen") }, "\(tool) does not call dlopen: \(undefined.prefix(5))")
        let direct = undefined.filter { $0.hasPrefix("archive_") || $0.hasPrefix("xml") }
        #expect(direct.isEmpty, "\(tool) calls into libarchive or libxml2 directly: \(direct.prefix(10))")
    }

    private static func output(_ program: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
