import AutoIDTestSupport
import Testing

@testable import AutoIDFiles

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one parser of writer-stamped names (`FAMILY` `PID` `-` `SUFFIX`), which decides what a later
/// writer may remove once the name's writer is gone (TemporaryName, PairSorter's sort folders,
/// ExtractionStage's staging folders): it must accept exactly what a writer writes and nothing else.
@Suite("Writer stamps")
struct WriterStampTests {
    /// A family as ``WriterStamp/family(_:)`` makes it, with a fixed TAG so that no /proc is needed.
    static let family = ".out.json.tmp-0123456789ab-"

    @Test func whatWritersWriteParsesBack() {
        #expect(WriterStamp.writer(of: Self.family + "4242-aB3xZ9", family: Self.family, suffix: .mkstemp) == 4242)
        #expect(WriterStamp.writer(of: Self.family + "1-000000", family: Self.family, suffix: .mkstemp) == 1)
        #expect(WriterStamp.writer(of: Self.family + "2147483647-ZZZZZZ", family: Self.family, suffix: .mkstemp) == Int32.max)
        #expect(WriterStamp.writer(of: Self.family + "77-0", family: Self.family, suffix: .hex) == 77)
        #expect(WriterStamp.writer(of: Self.family + "77-ffffffffffffffff", family: Self.family, suffix: .hex) == 77)
        // Substrings too (a name cut out of a longer path).
        let path = "/tmp/" + Self.family + "4242-aB3xZ9"
        #expect(WriterStamp.writer(of: path.dropFirst(5), family: Self.family, suffix: .mkstemp) == 4242)
        // Whatever a writer makes of a UInt64 and a PID parses back to that PID.
        var random = TestRandom(seed: 7)
        for _ in 0..<1000 {
            let pid = Int32.random(in: 1...Int32.max, using: &random)
            let name = Self.family + String(pid) + "-" + String(random.next(), radix: 16)
            #expect(WriterStamp.writer(of: name, family: Self.family, suffix: .hex) == pid, "\(name)")
        }
    }

    /// Hostile or foreign names: none of them is a stamped name of the family.
    @Test(arguments: [
        "",  // empty
        ".out.json.tmp-0123456789ab-",  // only the family
        ".out.json.tmp-0123456789ab",  // less than the family
        ".out.json.tmp-0123456789ab-4242",  // no suffix
        ".out.json.tmp-0123456789ab-4242-",  // empty suffix
        ".out.json.tmp-0123456789ab--aB3xZ9",  // no PID
        ".out.json.tmp-0123456789ab-0-aB3xZ9",  // PID 0
        ".out.json.tmp-0123456789ab-00-aB3xZ9",  // PID 0, spelt twice
        ".out.json.tmp-0123456789ab-04242-aB3xZ9",  // a leading zero: no writer writes it
        ".out.json.tmp-0123456789ab-2147483648-aB3xZ9",  // Int32.max + 1
        ".out.json.tmp-0123456789ab-4294967297-aB3xZ9",  // 2^32 + 1 (would wrap to 1)
        ".out.json.tmp-0123456789ab-99999999999-aB3xZ9",  // 11 digits
        ".out.json.tmp-0123456789ab-12345678901234567890123-aB3xZ9",  // more than Int64
        ".out.json.tmp-0123456789ab--4242-aB3xZ9",  // a sign
        ".out.json.tmp-0123456789ab-+4242-aB3xZ9",
        ".out.json.tmp-0123456789ab- 4242-aB3xZ9",
        ".out.json.tmp-0123456789ab-42a-aB3xZ9",
        ".out.json.tmp-0123456789ab-٤٢-aB3xZ9",  // Arabic-Indic digits
        ".out.json.tmp-0123456789ab-４２-aB3xZ9",  // fullwidth digits
        ".out.json.tmp-0123456789ab-4242-aB3xZ",  // five characters
        ".out.json.tmp-0123456789ab-4242-aB3xZ9x",  // seven
        ".out.json.tmp-0123456789ab-4242-aB/xZ9",  // a slash: a path, not a name
        ".out.json.tmp-0123456789ab-4242-aB.xZ9",
        ".out.json.tmp-0123456789ab-4242-aB-xZ9",
        ".out.json.tmp-0123456789ab-4242-a_3xZ9",
        ".out.json.tmp-0123456789ab-4242-aéxZ9",  // six bytes, five characters
        ".out.json.tmp-0123456789ab-4242-ａB3xZ9",  // a fullwidth letter
        ".out.json.tmp-0123456789ab-4242-aB3xZ\u{0}",
        ".out.json.tmp-0123456789ab-4242-aB3xZ9\n",
        ".out.json.tmp-0123456789ab-4242-../../x",
        ".out.json.tmp-aB3xZ9",  // an unstamped (older) name
        ".out.json.tmp-000000000000-4242-aB3xZ9",  // another system's TAG
        ".out.jsonx.tmp-0123456789ab-4242-aB3xZ9",  // another output
        "x.out.json.tmp-0123456789ab-4242-aB3xZ9",
        ".OUT.json.tmp-0123456789ab-4242-aB3xZ9",
    ])
    func foreignNamesAreNotStamped(name: String) {
        #expect(WriterStamp.writer(of: name, family: Self.family, suffix: .mkstemp) == nil)
        #expect(WriterStamp.writer(of: name, family: Self.family, suffix: .hex) == nil)
    }

    @Test func suffixesAreCheckedByKind() {
        let name = { (suffix: String) in Self.family + "4242-" + suffix }
        // mkstemp's six letters or digits are not hex, and hex is not always six characters.
        #expect(WriterStamp.writer(of: name("aB3xZ9"), family: Self.family, suffix: .hex) == nil)
        #expect(WriterStamp.writer(of: name("5eed"), family: Self.family, suffix: .mkstemp) == nil)
        #expect(WriterStamp.writer(of: name("5eed"), family: Self.family, suffix: .hex) == 4242)
        #expect(WriterStamp.writer(of: name("5EED"), family: Self.family, suffix: .hex) == nil)  // writers write lowercase
        #expect(WriterStamp.writer(of: name("5eeg"), family: Self.family, suffix: .hex) == nil)
        #expect(WriterStamp.writer(of: name("１"), family: Self.family, suffix: .hex) == nil)  // a fullwidth hex digit
        #expect(WriterStamp.writer(of: name(String(repeating: "f", count: 17)), family: Self.family, suffix: .hex) == nil)
    }

    /// The family is compared byte for byte: a file name is bytes, and the same text normalised
    /// otherwise is another file's name (String's `hasPrefix` would call them equal).
    @Test func theFamilyIsComparedByBytesNotByCanonicalEquivalence() {
        let composed = ".caf\u{E9}.tmp-0123456789ab-"
        let decomposed = ".cafe\u{301}.tmp-0123456789ab-"
        #expect(composed == decomposed)  // Swift's String equality: canonical equivalence
        #expect(WriterStamp.writer(of: composed + "4242-aB3xZ9", family: composed, suffix: .mkstemp) == 4242)
        #expect(WriterStamp.writer(of: decomposed + "4242-aB3xZ9", family: decomposed, suffix: .mkstemp) == 4242)
        #expect(WriterStamp.writer(of: decomposed + "4242-aB3xZ9", family: composed, suffix: .mkstemp) == nil)
        #expect(WriterStamp.writer(of: composed + "4242-aB3xZ9", family: decomposed, suffix: .mkstemp) == nil)
    }

    /// Random bytes, and random changes to a good name: never a crash, and whatever is accepted is
    /// exactly the name a writer of that PID would have written.
    @Test func randomNamesParseOnlyWhenAWriterCouldHaveWrittenThem() {
        var random = TestRandom(seed: 12)
        let alphabet = Array("0123456789-./aBzZ\u{0}é٤".utf8)
        var accepted = 0
        for round in 0..<20_000 {
            var bytes: [UInt8]
            if round % 2 == 0 {
                bytes = Array(Self.family.utf8) + random.bytes(Int.random(in: 0...24, using: &random)).map { alphabet[Int($0) % alphabet.count] }
            } else {
                bytes = Array((Self.family + "4242-aB3xZ9").utf8)
                for _ in 0..<Int.random(in: 1...3, using: &random) {
                    let at = Int.random(in: 0..<bytes.count, using: &random)
                    switch random.next() % 3 {
                    case 0: bytes[at] = alphabet[Int(random.next() % UInt64(alphabet.count))]
                    case 1: bytes.remove(at: at)
                    default: bytes.insert(alphabet[Int(random.next() % UInt64(alphabet.count))], at: at)
                    }
                    if bytes.isEmpty { break }
                }
            }
            let name = String(decoding: bytes, as: UTF8.self)
            guard let pid = WriterStamp.writer(of: name, family: Self.family, suffix: .mkstemp) else { continue }
            accepted += 1
            let suffix = name.utf8.suffix(6)
            #expect(Array(name.utf8) == Array((Self.family + String(pid) + "-").utf8) + suffix, "\(name)")
            #expect(pid > 0)
        }
        #expect(accepted > 0)  // the mutations do not only break names
    }

    @Test(.enabled(if: WriterStamp.systemTag != nil, "needs /proc (boot id and PID namespace)"))
    func familiesCarryThisSystemsTag() throws {
        let tag = try #require(WriterStamp.systemTag)
        #expect(WriterStamp.family("state-audit-sort-") == "state-audit-sort-" + tag + "-")
        let current = try #require(WriterStamp.current)
        #expect(current == tag + "-" + String(getpid()))
        #expect(WriterStamp.writer(of: "state-audit-sort-" + current + "-Ab12Cd", family: "state-audit-sort-" + tag + "-", suffix: .mkstemp) == getpid())
        #expect(!WriterStamp.isGone(pid: getpid()))  // never this process
    }
}
