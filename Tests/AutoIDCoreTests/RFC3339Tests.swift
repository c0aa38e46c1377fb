import AutoIDJSON
import Foundation
import Testing

/// RFC 3339 times (AutoIDJSON's `RFC3339`, on FoundationEssentials' ISO 8601 format style). Known
/// instants are typed in (`date -u -d 2026-01-01T00:00:00Z +%s` gives 1767225600); Foundation's
/// `ISO8601DateFormatter`, which the tools no longer link, checks the formatting.
@Suite("RFC 3339 times")
struct RFC3339Tests {
    @Test("seconds, fractions and zones parse to the instant they name")
    func parses() {
        let cases: [(String, Double)] = [
            ("2026-01-01T00:00:00Z", 1_767_225_600), ("2026-01-01T00:00:00.5Z", 1_767_225_600.5),
            ("2026-01-01T01:00:00+01:00", 1_767_225_600), ("2025-12-31T19:00:00-05:00", 1_767_225_600),
            ("1970-01-01T00:00:00Z", 0), ("2025-04-16T00:00:00.123456789Z", 1_744_761_600.123457),
        ]
        for (text, seconds) in cases {
            let date = RFC3339.date(text)
            #expect(date.map { abs($0.timeIntervalSince1970 - seconds) < 0.000_01 } == true, "\(text): \(String(describing: date))")
        }
    }

    @Test("dates without a time, seconds or zone, other separators, junk and oversized text are refused")
    func refuses() {
        for text in [
            "", "2026-01-01", "2026-01-01T00:00Z", "2026-01-01T00:00:00", "2026-01-01 00:00:00Z", "20260101T000000Z", " 2026-01-01T00:00:00Z",
            "2026-01-01t00:00:00z", "2026-01-01T00:00:00.Z", "+2026-01-01T00:00:00Z", "yesterday",
            "2026-01-01T00:00:00." + String(repeating: "1", count: 60) + "Z",
        ] {
            #expect(RFC3339.date(text) == nil, "\(text.debugDescription)")
        }
        let whole = "2026-01-01T00:00:00Z"
        for length in 0..<whole.utf8.count - 1 {
            #expect(RFC3339.date(String(whole.prefix(length))) == nil, "truncated to \(length)")
        }
    }

    @Test("random text is refused or parses to a time that formats and parses back; never a crash")
    func randomText() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789-:.TZ+ z\r\n\u{0}é")
        for _ in 0..<2000 {
            let text = String((0..<Int.random(in: 0...32, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            if let date = RFC3339.date(text) {
                #expect(RFC3339.date(RFC3339.format(date)) != nil, "\(text.debugDescription)")
            }
        }
    }

    @Test("formats in UTC to the second, as ISO8601DateFormatter does")
    func formats() {
        #expect(RFC3339.format(Date(timeIntervalSince1970: 1_767_225_600.75)) == "2026-01-01T00:00:00Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        let formatter = ISO8601DateFormatter()
        for _ in 0..<500 {
            let date = Date(timeIntervalSince1970: Double(Int64.random(in: 0...4_102_444_800)))
            #expect(RFC3339.format(date) == formatter.string(from: date))
            #expect(RFC3339.date(RFC3339.format(date)) == date)
        }
    }
}
