import AutoIDJSON
import FoundationEssentials

/// The `rfc3339` target: ``RFC3339/date(_:)`` against a grammar check of its own (RFC 3339, section
/// 5.6, with the restrictions the parser documents), and ``RFC3339/format(_:)`` against both.
///
/// - The parser accepts exactly what the grammar check accepts with valid fields (month 1-12, a day
///   the month has in the proleptic Gregorian calendar, hour < 24, minute < 60, second <= 60, offset
///   hour < 24 and minute < 60), at most 64 bytes, naming an instant from 0000-01-01T00:00:00Z up to
///   the end of 9999 (what a UTC RFC 3339 time can write).
/// - What it accepts is the instant the fields name (days counted here another way).
/// - It formats to the UTC time of that instant to the second (computed here), which parses back to
///   the same instant, the fraction dropped.
///
/// The grammar check walks the text one byte at a time through a table of byte classes, unlike the
/// parser, which reads fixed-width numbers at fixed offsets.
enum RFC3339Check {
    static func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let parsed = RFC3339.date(text)
        let utf8 = Array(text.utf8)
        let expected = expectedInstant(utf8)
        switch (parsed, expected) {
        case (nil, nil):
            return
        case (let date?, nil):
            fail("RFC3339.date accepted \(quoted(utf8)) as \(date.timeIntervalSince1970), which the grammar check refuses")
        case (nil, let instant?):
            fail("RFC3339.date refused \(quoted(utf8)), which names \(instant.seconds) s + \(instant.fraction)")
        case (let date?, let instant?):
            let seconds = date.timeIntervalSince1970
            let wanted = Double(instant.seconds) + instant.fraction
            guard abs(seconds - wanted) <= 1e-4 else {
                fail("RFC3339.date read \(quoted(utf8)) as \(seconds), the fields name \(wanted)")
            }
            let whole = seconds.rounded(.down)
            let formatted = RFC3339.format(date)
            let canonical = utcText(Int(whole))
            guard formatted == canonical else {
                fail("RFC3339.format gave \(formatted.debugDescription) for \(quoted(utf8)) (\(seconds)), expected \(canonical)")
            }
            guard let back = RFC3339.date(formatted), back.timeIntervalSince1970 == whole else {
                fail("\(formatted.debugDescription), formatted from \(quoted(utf8)), does not parse back to \(whole)")
            }
        }
    }

    struct Instant {
        var seconds: Int
        var fraction: Double
    }

    /// The byte classes of a date-time: `d` a digit, `s` a sign of the offset, anything else itself.
    /// After `SS` the walk goes to the fraction or the zone.
    static let dateTimeHead = Array("dddd-dd-ddTdd:dd:dd".utf8)
    static let offsetTail = Array("sdd:dd".utf8)

    /// The instant `text` names when it is an RFC 3339 date-time within the parser's rules, else nil.
    static func expectedInstant(_ text: [UInt8]) -> Instant? {
        guard text.count <= 64 else { return nil }
        func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
        var numbers: [Int] = []  // year, month, day, hour, minute, second, then the offset's hour and minute
        var current: Int?
        var fractionDigits: [UInt8] = []
        var sign = 0
        enum Phase { case head, afterSeconds, fraction, offset, end }
        var phase = Phase.head
        var slot = 0
        func close() {
            if let value = current { numbers.append(value) }
            current = nil
        }
        // Where a zone designator may start (after the seconds or their fraction): Z ends the time, + or
        // - starts a numeric offset; false for any other byte.
        func zoneDesignator(_ byte: UInt8) -> Bool {
            if byte == UInt8(ascii: "Z") {
                phase = .end
                return true
            }
            guard byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") else { return false }
            sign = byte == UInt8(ascii: "-") ? -1 : 1
            phase = .offset
            slot = 1
            return true
        }
        for byte in text {
            switch phase {
            case .head, .offset:
                let pattern = phase == .head ? dateTimeHead : offsetTail
                let expected = pattern[slot]
                if expected == UInt8(ascii: "d") {
                    guard isDigit(byte) else { return nil }
                    current = (current ?? 0) * 10 + Int(byte - 48)
                } else if expected == UInt8(ascii: "s") {
                    guard byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") else { return nil }
                    sign = byte == UInt8(ascii: "-") ? -1 : 1
                } else {
                    guard byte == expected else { return nil }
                    close()
                }
                slot += 1
                if slot == pattern.count {
                    close()
                    phase = phase == .head ? .afterSeconds : .end
                    slot = 0
                }
            case .afterSeconds:
                if byte == UInt8(ascii: ".") {
                    phase = .fraction
                } else if !zoneDesignator(byte) {
                    return nil
                }
            case .fraction:
                if isDigit(byte) {
                    fractionDigits.append(byte)
                } else if fractionDigits.isEmpty || !zoneDesignator(byte) {
                    return nil
                }
            case .end:
                return nil
            }
        }
        guard phase == .end else { return nil }
        let fields = numbers + (numbers.count == 6 ? [0, 0] : [])
        guard fields.count == 8 else { return nil }
        let (year, month, day, hour, minute, second, offsetHour, offsetMinute) =
            (fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6], fields[7])
        let monthLengths = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard month >= 1, month <= 12, day >= 1, day <= monthLengths[month - 1], hour < 24, minute < 60, second <= 60, offsetHour < 24,
            offsetMinute < 60
        else { return nil }
        let offset = sign * (offsetHour * 3600 + offsetMinute * 60)
        let seconds = daysFromCivil(year: year, month: month, day: day) * 86400 + hour * 3600 + minute * 60 + second - offset
        // From 0000-01-01T00:00:00Z up to, not including, 10000-01-01T00:00:00Z: RFC 3339 writes no UTC time outside.
        guard seconds >= -62_167_219_200, seconds < 253_402_300_800 else { return nil }
        let kept = fractionDigits.prefix(9)
        var fraction = 0.0
        if !kept.isEmpty {
            let value = kept.reduce(0) { $0 * 10 + Int($1 - 48) }
            var scale = 1.0
            for _ in kept { scale *= 10 }
            fraction = Double(value) / scale
        }
        return Instant(seconds: seconds, fraction: fraction)
    }

    static func isLeapYear(_ year: Int) -> Bool { year % 400 == 0 || (year % 100 != 0 && year % 4 == 0) }

    /// Days from 1970-01-01, proleptic Gregorian, counted in 400-year eras from 0000-03-01 (March
    /// first, so the leap day ends a year), for years 0 and later.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The UTC text of `seconds` since 1970, the inverse of the above.
    static func utcText(_ seconds: Int) -> String {
        let days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400)
        let secondOfDay = seconds - days * 86400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))Z"
    }

    static func quoted(_ utf8: [UInt8]) -> String { String(decoding: utf8, as: UTF8.self).debugDescription }

    static func fail(_ message: String) -> Never { fatalError("rfc3339: \(message)") }
}
