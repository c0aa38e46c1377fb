import AutoIDTestSupport
import Foundation
import Testing

/// Our code imports FoundationEssentials, never corelibs Foundation. Importing `Foundation` anywhere
/// in Sources/ makes the statically linked tools carry all of ICU (about 38 MB of tables and 10,000
/// symbols) and costs every run about 1 ms of start-up (dynamic relocations and page faults; issue 16,
/// README "Start-up"), even when nothing calls ICU. The same holds for the modules built on it.
/// Tests may import Foundation: they are not linked into the tools.
@Suite("Sources import FoundationEssentials, not Foundation (ICU)")
struct FoundationImportTests {
    /// Modules that link ICU into a static executable (corelibs Foundation and what it is built on).
    static let forbidden = ["Foundation", "FoundationInternationalization", "FoundationNetworking", "FoundationXML", "CoreFoundation", "_FoundationICU"]

    /// `import Foundation` in any form (`public`, `@preconcurrency`, `@_exported`, `import struct
    /// Foundation.NSLock`, a submodule) at the start of a line.
    static func importLine() -> Regex<AnyRegexOutput> {
        try! Regex(
            #"(?m)^[ \t]*(?:@\w+[ \t]+)*(?:(?:public|package|internal|private|fileprivate)[ \t]+)?import[ \t]+"#
                + #"(?:(?:typealias|struct|class|enum|protocol|let|var|func)[ \t]+)?(\w+)"#)
    }

    /// The forbidden modules `text` imports, with their line numbers.
    static func forbiddenImports(in text: String) -> [String] {
        text.matches(of: importLine()).compactMap { match in
            guard let module = match.output[1].substring.map(String.init), forbidden.contains(module) else { return nil }
            let line = text[..<match.range.lowerBound].utf8.count(where: { $0 == 0x0a }) + 1
            return "line \(line): import \(module)"
        }
    }

    @Test func theScanSeesEveryFormOfTheImport() {
        for text in [
            "import Foundation\n", "public import Foundation\n", "  @preconcurrency import Foundation\n", "@_exported public import Foundation\n",
            "internal import FoundationInternationalization\n", "import struct Foundation.NSLock\n", "import Foundation.NSString\n",
            "import AutoIDJSON\n#if os(Linux)\nimport CoreFoundation\n#endif\n",
        ] {
            #expect(Self.forbiddenImports(in: text).count == 1, "missed in: \(text.debugDescription)")
        }
        for text in ["import FoundationEssentials\n", "public import FoundationEssentials\n", "// import Foundation\n", "/// `import Foundation`\n"] {
            #expect(Self.forbiddenImports(in: text).isEmpty, "wrongly flagged: \(text.debugDescription)")
        }
        #expect(Self.forbiddenImports(in: "import A\n\nimport Foundation\n") == ["line 3: import Foundation"])
    }

    @Test func noSourceFileImportsFoundation() throws {
        let sources = PackagePaths.root.appendingPathComponent("Sources")
        let walker = try #require(FileManager.default.enumerator(atPath: sources.path), "cannot list \(sources.path)")
        var scanned = 0
        var offenders: [String] = []
        for case let relative as String in walker where relative.hasSuffix(".swift") {
            let text = try String(contentsOf: sources.appendingPathComponent(relative), encoding: .utf8)
            scanned += 1
            offenders += Self.forbiddenImports(in: text).map { "Sources/\(relative) \($0)" }
        }
        #expect(scanned > 100, "the scan found only \(scanned) Swift files under \(sources.path)")
        #expect(
            offenders.isEmpty,
            """
            these files import corelibs Foundation: \(offenders.joined(separator: "; ")). It links all of ICU into every \
            tool (38 MB, about 1 ms of each start). Import FoundationEssentials instead; for what it lacks use the \
            standard library: RFC3339 (AutoIDJSON) for times, Locked (AutoIDThreads) for locks, Threads.detach for \
            threads, byte checks such as `text.utf8.contains(UInt8(ascii: "\\r"))` or \
            `text.utf8.firstRange(of: "x".utf8) != nil` instead of `contains`/`range(of:)` on Strings
            """)
    }
}
