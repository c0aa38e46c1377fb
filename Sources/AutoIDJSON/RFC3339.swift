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
/// the Gregorian calendar, before 1582 too (as ISO 8601 does; Foundation's format style switches to
/// Julian, so formatting is our own as well).
///
/// Every time `date` accepts, `format` writes, and that text parses back to the same second: an
/// instant before 0000-01-01T00:00:00Z or from 10000-01-01T00:00:00Z on (`0000-01-01T00:00:00+01:00`,
/// `9999-12-31T23:00:00-01:00`, `9999-12-31T23:59:60Z`), which no UTC RFC 3339 time can write, is
/// refused.
public enum RFC3339 {
    /// The instant `text` names, or `nil` when it is not a date-time with seconds and a zone:
    /// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)`, at most 64 bytes, naming an instant in the
    /// years 0000 to 9999 in UTC.
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
        guard writable.contains(seconds) else { return nil }
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// The seconds since 1970 that a UTC RFC 3339 time can write: 0000-01-01T00:00:00Z up to, not
    /// including, 10000-01-01T00:00:00Z.
    static let writable = -62_167_219_200..<253_402_300_800

    /// `date` in UTC to the second (the fraction dropped, towards the past): `2026-01-01T00:00:00Z`,
    /// in the proleptic Gregorian calendar. Outside the years 0000 to 9999, which RFC 3339 cannot
    /// write, Foundation's ISO 8601 text (other digits, a sign, a Julian calendar).
    public static func format(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970.rounded(.down)
        guard interval >= Double(writable.lowerBound), interval < Double(writable.upperBound) else {
            return Date.ISO8601FormatStyle().format(date)
        }
        let seconds = Int(interval)
        var days = floorDivide(seconds, 86_400)
        let secondOfDay = seconds - days * 86_400
        // From 0000-01-01: whole 400-year cycles (146,097 days each), then years, then months.
        days += 719_528
        var year = days / 146_097 * 400
        days %= 146_097
        while days >= (isLeap(year) ? 366 : 365) {
            days -= isLeap(year) ? 366 : 365
            year += 1
        }
        var month = 1
        while days >= daysIn(month: month, year: year) {
            days -= daysIn(month: month, year: year)
            month += 1
        }
        return digits(year, 4) + "-" + digits(month, 2) + "-" + digits(days + 1, 2) + "T" + digits(secondOfDay / 3_600, 2) + ":"
            + digits(secondOfDay / 60 % 60, 2) + ":" + digits(secondOfDay % 60, 2) + "Z"
    }

    /// `value` (not negative) in decimal, zero-padded to `width` digits.
    private static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.utf8.count)) + text
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
