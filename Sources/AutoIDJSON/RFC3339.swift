public import FoundationEssentials

/// RFC 3339 times as statements, Sigstore's trusted roots (protobuf JSON) and `--at` options carry
/// them: `2026-01-01T00:00:00Z`, with or without fractional seconds, `Z` or a numeric offset.
///
/// `Date.ISO8601FormatStyle` rather than Foundation's `ISO8601DateFormatter`: the formatter lives in
/// corelibs Foundation, which links all of ICU into each tool (38 MB, about 1 ms of every start);
/// the format style is FoundationEssentials, pure Swift. It is also cheap to make: creating an
/// `ISO8601DateFormatter` per call cost far more than parsing, in batches of thousands of envelopes.
///
/// Parsing is our own and strict, to RFC 3339's grammar (section 5.6): `Date.ISO8601FormatStyle`
/// accepted trailing junk (`...Zjunk`), other zone names (`GMT`), `24:00:00`, and days a month does
/// not have (`2025-02-30` rolled over into March). `T` and `Z` must be upper case (the restriction
/// section 5.6 allows). A leap second (`:60`) names the instant one second after `:59`. Days count in
/// the Gregorian calendar, before 1582 too (as ISO 8601 does; Foundation's formatter switches to Julian).
public enum RFC3339 {
    /// The instant `text` names, or `nil` when it is not a date-time with seconds and a zone:
    /// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)`, at most 64 bytes.
    public static func date(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard (20...64).contains(bytes.count) else { return nil }
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<start + count] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        func isByte(_ index: Int, _ ascii: Unicode.Scalar) -> Bool { index < bytes.count && bytes[index] == UInt8(ascii: ascii) }
        guard let year = number(0, 4), isByte(4, "-"), let month = number(5, 2), isByte(7, "-"), let day = number(8, 2), isByte(10, "T"),
            let hour = number(11, 2), isByte(13, ":"), let minute = number(14, 2), isByte(16, ":"), let second = number(17, 2),
            (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day), hour <= 23, minute <= 59, second <= 60
        else { return nil }
        var index = 19
        var fraction = 0.0
        if isByte(index, ".") {
            index += 1
            let start = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            guard index > start else { return nil }
            // Nine digits are more than a Date holds; the rest are read and dropped.
            let kept = min(index - start, 9)
            fraction = Double(number(start, kept)!) / pow10(kept)
        }
        var offset = 0
        if isByte(index, "Z") {
            index += 1
        } else if isByte(index, "+") || isByte(index, "-") {
            guard let offsetHour = number(index + 1, 2), isByte(index + 3, ":"), let offsetMinute = number(index + 4, 2), offsetHour <= 23,
                offsetMinute <= 59
            else { return nil }
            offset = (offsetHour * 60 + offsetMinute) * 60 * (bytes[index] == UInt8(ascii: "-") ? -1 : 1)
            index += 6
        } else {
            return nil
        }
        guard index == bytes.count else { return nil }
        let seconds = daysSince1970(year: year, month: month, day: day) * 86_400 + hour * 3_600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// `date` in UTC to the second: `2026-01-01T00:00:00Z`.
    public static func format(_ date: Date) -> String {
        Date.ISO8601FormatStyle().format(date)
    }

    private static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to the given day of the proleptic Gregorian calendar (negative before).
    static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        // Whole years from 1970, with their leap days, then the months of this year.
        var days = (year - 1970) * 365
        days += leapYears(before: year) - leapYears(before: 1970)
        for earlier in 1..<month { days += daysIn(month: earlier, year: year) }
        return days + day - 1
    }

    /// Leap years from year 1 up to, not including, `year` (year 0 and earlier: counted backwards,
    /// which the difference above cancels out).
    private static func leapYears(before year: Int) -> Int {
        let y = year - 1
        return floorDivide(y, 4) - floorDivide(y, 100) + floorDivide(y, 400)
    }

    private static func floorDivide(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }

    private static func pow10(_ exponent: Int) -> Double {
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }
}
