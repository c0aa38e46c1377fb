import AutoIDFiles
import AutoIDJSON
import AutoIDTestSupport
import Foundation
import Testing

@testable import AutoIDManifest

/// Subject names are the signer's choice: what the locator refuses, and what a statement may not list
/// (issue 12).
@Suite("Subject names")
struct SubjectNameTests {
    func reason(_ locator: SubjectLocator, _ name: String) -> String? {
        do {
            _ = try locator.locate(name)
            return nil
        } catch {
            if case .refusedName(let reason) = error.code { return reason }
            return "\(error)"
        }
    }

    @Test func hostileNamesAreRefused() throws {
        let directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.file("base/sub"), withIntermediateDirectories: true)
        try directory.write("base/sub/a", [1])
        try directory.write("outside", [2])
        try FileManager.default.createSymbolicLink(atPath: directory.file("base/up"), withDestinationPath: "../outside")
        try FileManager.default.createSymbolicLink(atPath: directory.file("base/ok"), withDestinationPath: "sub/a")
        let locator = SubjectLocator(baseDirectory: directory.file("base"))
        #expect(reason(locator, "sub/a") == nil)
        #expect(reason(locator, "./sub//a") == nil)
        #expect(reason(locator, "ok") == nil)
        #expect(reason(locator, "-") == nil)
        #expect(reason(locator, "") == "the name is empty")
        #expect(reason(locator, "sub/a\u{0}x") == "the name contains a NUL byte")
        #expect(reason(locator, "/etc/hostname") == "an absolute name; pass --allow-outside-paths to read it")
        #expect(reason(locator, "sub/../../outside") == "a '..' component; pass --allow-outside-paths to read it")
        #expect(reason(locator, "up") == "a symbolic link leads outside the base directory; pass --allow-outside-paths to read it")
        #expect(reason(locator, "sub")?.hasPrefix("not a regular file") == true)
        #expect(reason(locator, "nothing")?.hasSuffix("cannot open: no such file") == true)

        let open = SubjectLocator(baseDirectory: directory.file("base"), allowsPathsOutsideBase: true)
        #expect(reason(open, "up") == nil)
        #expect(reason(open, "../outside") == nil)
        #expect(reason(open, "/dev/zero")?.hasPrefix("not a regular file") == true)
        #expect(reason(open, "a\u{0}") == "the name contains a NUL byte")

        // Standard input already spent on the envelope cannot carry a subject too.
        var piped = locator
        piped.standardInputCarries = "the envelope"
        #expect(
            reason(piped, "-")
                == "standard input carried the envelope, so it cannot carry this content too; give the envelope as a file and the content on standard input")
        #expect(reason(piped, "sub/a") == nil)
    }

    /// Checks made on characters miss what the system reads: a slash and a combining mark are one Swift
    /// character, and composed and decomposed "é" are equal strings but different folders on disk.
    @Test func namesAreCheckedOnTheirBytes() throws {
        let directory = try TemporaryDirectory()
        let base = directory.file("caf\u{e9}")  // composed
        let sibling = directory.file("cafe\u{301}")  // decomposed: another folder, equal as a String
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: sibling, withIntermediateDirectories: true)
        try Data([1]).write(to: URL(fileURLWithPath: sibling + "/secret"))
        try Data([2]).write(to: URL(fileURLWithPath: directory.file("\u{301}x")))
        try FileManager.default.createSymbolicLink(atPath: base + "/link", withDestinationPath: sibling + "/secret")
        let locator = SubjectLocator(baseDirectory: base)
        #expect(reason(locator, "link") == "a symbolic link leads outside the base directory; pass --allow-outside-paths to read it")
        #expect(reason(locator, "../\u{301}x") == "a '..' component; pass --allow-outside-paths to read it")
        #expect(reason(locator, "/\u{301}x") == "an absolute name; pass --allow-outside-paths to read it")
    }

    @Test func refusedAndUnreadableSubjectsAreToldApart() {
        let refused = VerificationReport.SubjectResult(
            name: "/etc/x", location: "/etc/x",
            status: .refused(FileError(code: .refusedName("an absolute name"), operation: "read", path: "/etc/x")),
            checked: ["sha256"], unchecked: [])
        #expect(refused.textLine == "/etc/x: REFUSED (an absolute name)")
        #expect(refused.status.exitStatus == .malformedInput)
        #expect(refused.json["status"] == .string("refused"))
        let denied = VerificationReport.SubjectResult(
            name: "a", location: "a", status: .unreadable(FileError(code: .permissionDenied, operation: "open", path: "a")),
            checked: ["sha256"], unchecked: [])
        #expect(denied.textLine == "a: UNREADABLE (a: cannot open: permission denied)")
        let missing = VerificationReport.SubjectResult(
            name: "a", location: "a", status: .unreadable(FileError(code: .notFound, operation: "open", path: "a")),
            checked: ["sha256"], unchecked: [])
        #expect(missing.textLine == "a: MISSING (a: cannot open: no such file)")
    }

    func statement(names: [String]) -> [UInt8] {
        let subjects = names.map { JSONValue.object(["name": .string($0), "digest": .object(["sha256": .string("00")])]) }
        return JSONValue.object([
            "_type": .string(Statement.typeV1), "subject": .array(subjects),
            "predicateType": .string("https://example.org/p"), "predicate": .object([:]),
        ]).jsonBytes()
    }

    @Test func aStatementListsEachNameOnceAndNoEmptyName() throws {
        _ = try Statement(jsonBytes: statement(names: ["a", "b"]), source: "s")
        #expect(throws: ManifestError(source: "s", location: "payload.subject[2].name", detail: "the subject name is listed twice")) {
            try Statement(jsonBytes: statement(names: ["a", "b", "a"]), source: "s")
        }
        #expect(throws: ManifestError(source: "s", location: "payload.subject[0].name", detail: "the subject name is empty")) {
            try Statement(jsonBytes: statement(names: [""]), source: "s")
        }
    }

    @Test func onlyAnErrorAtTheEndSuggestsTruncation() {
        let duplicate = #expect(throws: ManifestError.self) { try Envelope(jsonBytes: Array("{\"a\": 1, \"a\": 2}".utf8), source: "e") }
        #expect(duplicate?.description.contains("duplicate key") == true)
        #expect(duplicate?.description.contains("truncated") == false)
        let cut = #expect(throws: ManifestError.self) { try Envelope(jsonBytes: Array("{\"a\": ".utf8), source: "e") }
        #expect(cut?.description.hasSuffix("(the file ends too early: truncated?)") == true)
    }
}
