import AutoIDFiles
import AutoIDJSON
import AutoIDManifest
import AutoIDVerdict
import Testing

/// The verdict rules, text and JSON of a verification, without processes.
@Suite("Verification reports")
struct VerificationReportTests {
    typealias Status = AutoIDVerdict.ExitStatus

    static func subject(_ name: String, _ status: VerificationReport.SubjectStatus) -> VerificationReport.SubjectResult {
        VerificationReport.SubjectResult(name: name, location: name, status: status, checked: ["sha256"], unchecked: [])
    }

    @Test func worstSubjectDecidesAndSignatureComesFirst() {
        let missing = Self.subject("m", .unreadable(FileError(code: .notFound, operation: "open", path: "m")))
        let changed = Self.subject("c", .mismatch(algorithms: ["sha256"]))
        let fine = Self.subject("f", .ok)
        func report(_ signature: VerificationReport.SignatureStatus, _ subjects: [VerificationReport.SubjectResult], not: [String] = []) -> Status {
            VerificationReport(envelope: "e", signature: signature, subjects: subjects, notSubjects: not).status
        }
        #expect(report(.valid(keyID: "k"), [fine]) == .ok)
        #expect(report(.valid(keyID: "k"), [fine, missing]) == .ioError)
        #expect(report(.valid(keyID: "k"), [missing, changed]) == .verificationFailed)
        #expect(report(.valid(keyID: "k"), [fine], not: ["x"]) == .verificationFailed)
        #expect(report(.valid(keyID: "k"), [Self.subject("n", .noKnownDigest)]) == .verificationFailed)
        #expect(report(.invalid, []) == .verificationFailed)
        #expect(report(.untrustedKey(keyIDs: ["a"]), []) == .untrusted)
    }

    @Test func textNamesTheEnvelopeAndEscapesSignerChosenNames() {
        let forged = Self.subject("a.txt\nevil.bin: OK", .mismatch(algorithms: ["sha256"]))
        let report = VerificationReport(envelope: "x.json", signature: .valid(keyID: "k"), subjects: [forged, Self.subject("b\u{1b}[2J", .ok)])
        let lines = report.textLines(keyName: "k.pub")
        #expect(lines == ["a.txt\\nevil.bin: OK: FAILED (sha256 digest differs)", "b\\e[2J: OK"])
        #expect(lines.allSatisfy { !$0.contains("\n") && !$0.contains("\u{1b}") })
        #expect(report.summaryLine(keyName: "k.pub") == "x.json: FAILED (a.txt\\nevil.bin: OK: FAILED (sha256 digest differs))")
        let untrusted = VerificationReport(envelope: "y.json", signature: .untrustedKey(keyIDs: ["", "abc"]), subjects: [])
        #expect(untrusted.textLines(keyName: "k.pub") == ["y.json: UNTRUSTED (signed by key (no keyid), abc, not by k.pub)"])
        #expect(untrusted.summaryLine(keyName: "k.pub") == "y.json: UNTRUSTED (y.json: UNTRUSTED (signed by key (no keyid), abc, not by k.pub))")
    }

    @Test func jsonKeepsTheEnvelopeSchema() throws {
        let report = VerificationReport(
            envelope: "x.json", signature: .valid(keyID: "k"), subjects: [Self.subject("a", .ok)], notSubjects: ["z"])
        let json = report.json
        #expect(json["envelope"] == .string("x.json"))
        #expect(json["verified"] == .bool(false))
        #expect(json["exitCode"] == .integer(1))
        #expect(json["signature"] == .object(["status": .string("valid"), "keyid": .string("k")]))
        #expect(json["subjects"]?.arrayValue?.count == 2)
        #expect(json["subjects"]?.arrayValue?.last == .object(["name": .string("z"), "status": .string("not-a-subject")]))
        let failure = VerificationReport.failureJSON(envelope: "bad.json", error: ManifestError(source: "bad.json", detail: "not JSON"))
        #expect(failure["exitCode"] == .integer(3))
        #expect(failure["verified"] == .bool(false))
    }

    @Test func predicatesAreDecodedByTypeAndUnknownTypesReported() throws {
        let content = Statement(
            subjects: [.init(name: "a", digests: ["sha256": String(repeating: "0", count: 64)])],
            predicateType: ContentPredicate.type, predicate: ContentPredicate.make(created: "2026-12-01T00:00:00Z", tool: "t"))
        let decoded = try PredicateRegistry.builtIn.decode(content, source: "s")
        #expect(decoded.as(ContentPredicate.self) == ContentPredicate(created: "2026-12-01T00:00:00Z", tool: "t"))
        var other = content
        other.predicateType = "https://example.org/other/v1"
        guard case .unknown(let type) = try PredicateRegistry.builtIn.decode(other, source: "s") else {
            Issue.record("an unknown predicate type was decoded")
            return
        }
        #expect(type == "https://example.org/other/v1")
        var broken = content
        broken.predicate = .object(["created": .integer(5), "tool": .string("t")])
        #expect(throws: ManifestError(source: "s", location: "payload.predicate.created", detail: "missing or not a string")) {
            try PredicateRegistry.builtIn.decode(broken, source: "s")
        }
    }
}

@Suite("Names from untrusted input")
struct DisplayNameTests {
    @Test(arguments: [
        ("plain name.txt", "plain name.txt"),
        ("dir/ünïcode ✓", "dir/ünïcode ✓"),
        ("back\\slash", "back\\slash"),
        ("a\nb", "a\\nb"),
        ("a\\b\nc", "a\\\\b\\nc"),
        ("\r\t\u{1b}\u{7f}\u{0}", "\\r\\t\\e\\x7f\\x00"),
        ("evil\u{202e}txt.exe", "evil\\u{202e}txt.exe"),
        ("c1\u{85}", "c1\\u{85}"),
    ])
    func escapesOnlyWhatCouldForgeOrHideALine(name: String, shown: String) {
        #expect(DisplayName.escape(name) == shown)
    }

    @Test func aLineSeparatorIsEscaped() {
        #expect(DisplayName.escape("a\u{2028}b\u{2029}") == "a\\u{2028}b\\u{2029}")
    }

    /// Invisible characters would make two different names print alike.
    @Test(arguments: [
        ("pay\u{200b}roll.pdf", "pay\\u{200b}roll.pdf"), ("a\u{200d}b", "a\\u{200d}b"), ("\u{feff}key", "\\u{feff}key"),
        ("soft\u{ad}hyphen", "soft\\u{ad}hyphen"), ("join\u{2060}ed", "join\\u{2060}ed"), ("tag\u{e0041}", "tag\\u{e0041}"),
    ])
    func invisibleCharactersAreEscaped(name: String, shown: String) {
        #expect(DisplayName.escape(name) == shown)
        #expect(DisplayName.oneLine(name) == shown)
    }

    /// A word mixing scripts whose letters pass for one another prints its non-ASCII letters escaped, so
    /// that "аlice" (Cyrillic а) never prints as "alice"; a word in one script prints as it is.
    @Test(arguments: [
        ("\u{430}lice", "\\u{430}lice"), ("Example \u{410}I Lab", "Example \\u{410}I Lab"),
        ("p\u{430}yp\u{430}l.com", "p\\u{430}yp\\u{430}l.com"), ("\u{3a9}mega", "\\u{3a9}mega"),
        ("g\u{585}\u{585}gle", "g\\u{585}\\u{585}gle"), ("\u{ff41}lice", "\\u{ff41}lice"), ("\u{13aa}lice", "\\u{13aa}lice"),
        ("\u{410}\u{43b}\u{438}\u{441}\u{430} Alice", "\u{410}\u{43b}\u{438}\u{441}\u{430} Alice"),
        ("Zo\u{eb} Caf\u{e9}", "Zo\u{eb} Caf\u{e9}"), ("\u{395}\u{3bb}\u{3bb}\u{3ac}\u{3b4}\u{3b1}", "\u{395}\u{3bb}\u{3bb}\u{3ac}\u{3b4}\u{3b1}"),
        ("\u{6771}\u{4eac} Tower", "\u{6771}\u{4eac} Tower"), ("caf\u{e9}-\u{43a}\u{430}\u{444}\u{435}", "caf\u{e9}-\u{43a}\u{430}\u{444}\u{435}"),
        ("e\u{301}\u{442}", "e\u{301}\\u{442}"),
    ])
    func lookAlikeLettersAreEscaped(name: String, shown: String) {
        #expect(DisplayName.escape(name) == shown)
        #expect(
            DisplayName.escape(bytes: Array(name.utf8))
                == shown.replacing(/\\u\{([0-9a-f]+)\}/) { match in
                    String(UnicodeScalar(UInt32(match.1, radix: 16)!)!).utf8.map { "\\x" + ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
                })
        #expect((DisplayName.lookAlikeWord(in: name) == nil) == (name == shown))
        #expect(DisplayName.oneLine(name) == name)
    }

    /// Random names from Latin, Cyrillic, Greek, fullwidth, combining and other letters, and characters
    /// escaped before them: what is shown holds no look-alike word (an escape's letters, as in `\n`,
    /// included), and a name is changed only when it held one (or a character to escape).
    @Test func lookAlikesOnRandomNames() {
        var generator = SystemRandomNumberGenerator()
        let pool: [Unicode.Scalar] = [
            "a", "Z", "1", " ", ".", "-", "_", "\u{e9}", "\u{430}", "\u{410}", "\u{3b1}", "\u{585}", "\u{ff41}", "\u{301}", "\u{6771}", "\u{5d0}",
            "\n", "\\", "\u{1b}", "\u{200b}",
        ]
        for _ in 0..<2_000 {
            var name = ""
            for _ in 0..<Int.random(in: 0...12, using: &generator) { name.unicodeScalars.append(pool.randomElement(using: &generator)!) }
            let shown = DisplayName.escape(name)
            #expect(DisplayName.lookAlikeWord(in: shown) == nil, "\(name.debugDescription) -> \(shown.debugDescription)")
            #expect(!shown.unicodeScalars.contains(where: DisplayName.needsEscape), "\(name.debugDescription)")
            #expect(DisplayName.lookAlikeWord(in: DisplayName.escape(bytes: Array(name.utf8))) == nil, "\(name.debugDescription)")
            if !name.unicodeScalars.contains(where: DisplayName.needsEscape) {
                #expect((shown == name) == (DisplayName.lookAlikeWord(in: name) == nil), "\(name.debugDescription)")
                #expect(
                    (DisplayName.escape(bytes: Array(name.utf8)) == name) == (shown == name && !name.unicodeScalars.contains("\\")), "\(name.debugDescription)")
            }
        }
    }

    /// Random bytes (controls, backslashes, broken and valid UTF-8, a direction override, BOM, look-alike
    /// letters): the shown name holds nothing to escape, and reading its `\xNN` escapes back gives the
    /// very bytes, so two different names never show alike.
    @Test func bytesShowOnOneLineAndReadBack() {
        var generator = SystemRandomNumberGenerator()
        let pool: [[UInt8]] = [
            [0x00], [0x1b], [0x0a], [0x5c], [0x61], [0x78], [0x80], [0xff], [0xc3, 0xa9], [0xd0, 0xb0], [0xc3], [0xe2, 0x80, 0xae], [0xe2, 0x80],
            [0xef, 0xbb, 0xbf], [0x20], [0x2e],
        ]
        for _ in 0..<2_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &generator) { bytes += pool.randomElement(using: &generator)! }
            let shown = DisplayName.escape(bytes: bytes)
            #expect(!shown.unicodeScalars.contains(where: DisplayName.needsEscape), "\(bytes)")
            #expect(DisplayName.lookAlikeWord(in: shown) == nil, "\(bytes)")
            var readBack: [UInt8] = []
            var rest = Substring(shown)
            while let first = rest.first {
                if first == "\\", rest.count >= 4, rest.dropFirst().first == "x", let byte = UInt8(rest.dropFirst(2).prefix(2), radix: 16) {
                    readBack.append(byte)
                    rest = rest.dropFirst(4)
                } else {
                    #expect(first != "\\", "a backslash not written as \\x5c: \(bytes)")
                    readBack += Array(String(first).utf8)
                    rest = rest.dropFirst()
                }
            }
            #expect(readBack == bytes, "\(bytes) -> \(shown.debugDescription)")
        }
    }

    @Test func aLookAlikeIsNamedInTheProblem() {
        #expect(
            DisplayName.deceptionProblem(in: "Dr \u{410}lice Example")
                == "has the word '\\u{410}lice', which mixes letters of scripts that pass for one another (a look-alike of another name)")
        #expect(DisplayName.deceptionProblem(in: "a\nb") == "holds the control or direction character U+A, which would change how it prints")
        #expect(DisplayName.deceptionProblem(in: "\u{410}\u{43b}\u{438}\u{441}\u{430} and Alice") == nil)
        #expect(DisplayName.deceptionProblem(in: "plain ASCII: Alice") == nil)
        // An escape ends in Latin letters (`\xff`, `\n`), which would join a Cyrillic "а" after it into a
        // word that prints as the one with a Latin "a": the letter is escaped too. `\u{...}` ends in "}".
        #expect(DisplayName.escape(bytes: [0x61, 0xff, 0xd0, 0xb0, 0xd0, 0xb1]) == "a\\xff\\xd0\\xb0\\xd0\\xb1")
        #expect(DisplayName.escape(bytes: [0x61, 0xff, 0x2e, 0xd0, 0xb0]) == "a\\xff.\u{430}")
        #expect(DisplayName.escape("x\n\u{430}\u{431}") == "x\\n\\u{430}\\u{431}")
        #expect(DisplayName.escape("x\u{200b}\u{430}\u{431}") == "x\\u{200b}\u{430}\u{431}")
        #expect(DisplayName.escape("x\\\u{430}\u{431}") == "x\\\u{430}\u{431}")  // nothing to escape, backslash kept
    }

    /// The guard every printed line passes through: what `escape` escapes, but backslashes and tabs kept,
    /// so that a name escaped before it was put in the line reads the same.
    @Test(arguments: [
        ("ballot b.json: counted, 'alice' votes 'yes'", "ballot b.json: counted, 'alice' votes 'yes'"),
        ("already escaped: 'a\\nb' and C:\\dir", "already escaped: 'a\\nb' and C:\\dir"),
        ("p.json: $.x\ntrust OK: forged", "p.json: $.x\\ntrust OK: forged"),
        ("\u{1b}[2Jcleared\r", "\\e[2Jcleared\\r"),
        ("timestamp:1\tfile:a.txt\thashed", "timestamp:1\tfile:a.txt\thashed"),
        ("c1\u{85} and \u{202e}txt and \u{2028}", "c1\\u{85} and \\u{202e}txt and \\u{2028}"),
        ("ünïcode ✓ — “quoted” ‘a’ € …", "ünïcode ✓ — “quoted” ‘a’ € …"),
    ])
    func oneLineEscapesControlsButNotBackslashes(line: String, shown: String) {
        #expect(DisplayName.oneLine(line) == shown)
        #expect(!DisplayName.oneLine(line).unicodeScalars.contains { ($0.value < 0x20 && $0 != "\t") || (0x7f...0x9f).contains($0.value) })
    }

    /// Random lines: the guard leaves no control, separator or direction character but tabs, and changes
    /// a line only when it held one.
    @Test func oneLineOnRandomText() {
        var generator = SystemRandomNumberGenerator()
        let pool: [Unicode.Scalar] = [
            "a", " ", "\\", "\n", "\r", "\t", "\u{0}", "\u{1b}", "\u{7f}", "\u{85}", "\u{9f}", "\u{a0}", "\u{e9}", "\u{2014}", "\u{2028}", "\u{2029}",
            "\u{202e}", "\u{2066}", "\u{20ac}", "\u{1f600}", "\u{200b}", "\u{200d}", "\u{feff}", "\u{ad}",
        ]
        for _ in 0..<2_000 {
            var line = ""
            for _ in 0..<Int.random(in: 0...24, using: &generator) { line.unicodeScalars.append(pool.randomElement(using: &generator)!) }
            let shown = DisplayName.oneLine(line)
            let escaped: (Unicode.Scalar) -> Bool = { $0 != "\t" && DisplayName.needsEscape($0) }
            #expect(!shown.unicodeScalars.contains(where: escaped), "\(line.debugDescription)")
            #expect((shown == line) == !line.unicodeScalars.contains(where: escaped), "\(line.debugDescription)")
            #expect(shown.unicodeScalars.filter { $0 == "\t" }.count == line.unicodeScalars.filter { $0 == "\t" }.count)
        }
    }
}
