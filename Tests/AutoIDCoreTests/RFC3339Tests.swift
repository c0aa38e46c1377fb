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

    @Test("what the grammar does not allow is refused: trailing text, zone names, hour 24, days a month lacks")
    func strict() {
        for text in [
            "2026-01-01T00:00:00Zjunk", "2026-01-01T00:00:00GMT", "2026-01-01T00:00:00UTC", "2026-01-01T24:00:00Z", "2025-02-30T00:00:00Z",
            "2025-02-29T00:00:00Z", "2100-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-01T00:00:00Z",
            "2026-01-00T00:00:00Z", "2026-01-01T00:60:00Z", "2026-01-01T00:00:61Z", "2026-01-01T00:00:00+24:00", "2026-01-01T00:00:00+01:60",
            "2026-01-01T00:00:00+0100", "2026-01-01T00:00:00+01", "2026-01-01T00:00:00Z ", "2026-01-01T00:00:00Z\n", "2026-1-01T00:00:00Z",
            "2026-01-01T00:00:00.5.5Z", "２026-01-01T00:00:00Z",
        ] {
            #expect(RFC3339.date(text) == nil, "\(text.debugDescription)")
        }
        // Leap days, a leap second (one second after :59), the smallest and largest years.
        #expect(RFC3339.date("2024-02-29T00:00:00Z")?.timeIntervalSince1970 == 1_709_164_800)
        #expect(RFC3339.date("2000-02-29T12:00:00Z")?.timeIntervalSince1970 == 951_825_600)
        #expect(RFC3339.date("2016-12-31T23:59:60Z")?.timeIntervalSince1970 == 1_483_228_800)
        #expect(RFC3339.date("0000-01-01T00:00:00Z")?.timeIntervalSince1970 == -62_167_219_200)
        #expect(RFC3339.date("9999-12-31T23:59:59Z")?.timeIntervalSince1970 == 253_402_300_799)
    }

    /// From 1583 on: before the Gregorian reform ISO8601DateFormatter counts Julian days, where RFC 3339
    /// (ISO 8601) counts the Gregorian calendar backwards, as we do.
    @Test("random date-times with random offsets parse to the instant ISO8601DateFormatter gives")
    func agreesWithFoundation() {
        var generator = SystemRandomNumberGenerator()
        let formatter = ISO8601DateFormatter()
        for _ in 0..<2000 {
            let year = Int.random(in: 1583...9999, using: &generator)
            let month = Int.random(in: 1...12, using: &generator)
            let day = Int.random(in: 1...28, using: &generator)
            let zone =
                Bool.random(using: &generator)
                ? "Z"
                : String(
                    format: "%@%02d:%02d", Bool.random(using: &generator) ? "+" : "-", Int.random(in: 0...23, using: &generator),
                    Int.random(in: 0...59, using: &generator))
            let text =
                String(
                    format: "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, Int.random(in: 0...23, using: &generator),
                    Int.random(in: 0...59, using: &generator),
                    Int.random(in: 0...59, using: &generator)) + zone
            #expect(RFC3339.date(text) == formatter.date(from: text), "\(text)")
        }
    }

    @Test("random text is refused or parses to a time that formats and parses back; never a crash")
    func randomText() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789-:.TZ+ z\r\n\u{0}é")
        for _ in 0..<2000 {
            let text = String((0..<Int.random(in: 0...32, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            if let date = RFC3339.date(text) {
                let second = Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
                #expect(RFC3339.date(RFC3339.format(date)) == second, "\(text.debugDescription)")
            }
        }
    }

    /// Found by the `rfc3339` fuzz target (Fuzz/RESULTS.md): Foundation's format style, which `format`
    /// used, writes days before 1582-10-15 in the Julian calendar, so `1000-01-01T00:00:00Z` was written
    /// back as `0999-12-26T00:00:00Z`; and `date` accepted times whose instant in UTC lies outside the
    /// years 0000 to 9999, which no UTC RFC 3339 text can write.
    @Test("every time it accepts formats back to the same second, before 1582 too; instants past the years 0000-9999 in UTC are refused")
    func roundTripsInTheGregorianCalendar() {
        for text in [
            "1000-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "0004-02-29T23:59:59Z", "1582-10-04T23:59:59Z",
            "1582-10-15T00:00:00Z", "1600-02-29T12:00:00Z", "1970-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
        ] {
            #expect(RFC3339.date(text).map(RFC3339.format) == text, "\(text)")
        }
        // Typed in from `date -u -d @SECONDS +%Y-%m-%dT%H:%M:%SZ` (GNU date counts Gregorian days).
        #expect(RFC3339.format(Date(timeIntervalSince1970: -30_610_224_000)) == "1000-01-01T00:00:00Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: -12_219_292_801)) == "1582-10-14T23:59:59Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: -62_167_219_200.25)) != "0000-01-01T00:00:00Z")
        // Offsets that move the instant out of the years RFC 3339 writes, and the leap second after 9999.
        for text in ["0000-01-01T00:00:00+00:01", "0000-01-01T00:59:59.9+01:00", "9999-12-31T23:59:59-00:01", "9999-12-31T23:59:60Z"] {
            #expect(RFC3339.date(text) == nil, "\(text)")
        }
        #expect(RFC3339.date("0000-01-01T01:00:00+01:00")?.timeIntervalSince1970 == -62_167_219_200)
        #expect(RFC3339.date("9999-12-31T23:59:59.999-00:00") != nil)
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
