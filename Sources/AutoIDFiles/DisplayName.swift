/// Names from untrusted input (subject names, archive paths, key ids) made safe to print on one line.
///
/// A signer chooses the names a verifier prints: a newline would forge an extra `NAME: OK` line, an
/// escape sequence would reach the terminal raw, and an invisible character (a zero-width space, a
/// direction override) would make one name print as another. A name without such characters is shown as
/// it is; otherwise backslashes and those characters are escaped (`\\`, `\n`, `\r`, `\t`, `\e`, `\x7f`,
/// `\u{202e}`, `\u{200b}`), so the shown text is always one line and tells apart names that differ.
public enum DisplayName {
    /// The name as it may be printed.
    public static func escape(_ name: String) -> String {
        escaped(name, backslashes: true)
    }

    /// `line` as one printable line of output: control characters, line separators and bidirectional
    /// controls escaped as ``escape(_:)`` does, but backslashes and tabs left as they are (a name escaped
    /// before it was put in the line reads the same; tabs separate fields, as in minisign's trusted
    /// comments). ``Console`` passes every line it prints through this: the last guard for a name from
    /// input that reached a message without ``escape(_:)``.
    public static func oneLine(_ line: String) -> String {
        escaped(line, backslashes: false)
    }

    private static func escaped(_ text: String, backslashes: Bool) -> String {
        func escapes(_ scalar: Unicode.Scalar) -> Bool { needsEscape(scalar) && (backslashes || scalar != "\t") }
        guard mayNeedEscape(text.utf8), text.unicodeScalars.contains(where: escapes) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\" where backslashes: out += "\\\\"
            case "\t" where !backslashes: out += "\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{1b}": out += "\\e"
            case _ where scalar.value < 0x80 && needsEscape(scalar):
                out += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            case _ where needsEscape(scalar):
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Whether `utf8` holds anything but printable ASCII, the only text ``needsEscape(_:)`` never accepts.
    /// Most lines are printable ASCII and are passed over without decoding.
    private static func mayNeedEscape(_ utf8: String.UTF8View) -> Bool {
        utf8.contains { $0 < 0x20 || $0 >= 0x7F }
    }

    /// Bytes from untrusted input that should be a UTF-8 name (an archive path, a file name `readdir`
    /// returned) as one printable line: printable ASCII and valid UTF-8 letters kept; control and
    /// format characters, backslashes and bytes that are not UTF-8 written as `\xNN`, byte by byte.
    public static func escape(bytes: [UInt8]) -> String {
        var result = ""
        func hex(_ byte: UInt8) -> String {
            let digits = Array("0123456789abcdef")
            return "\\x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 15)])
        }
        // Decode UTF-8 scalar by scalar: a valid multi-byte scalar is kept unless it is a control or
        // format character (bidirectional overrides can disguise a name); everything else is escaped.
        var iterator = bytes[...].makeIterator()
        var decoder = UTF8()
        var position = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                let length = UTF8.width(scalar)
                let printable =
                    scalar.value >= 0x20 && scalar.value != 0x7F && scalar != "\\"
                    && !(0x80...0x9F).contains(scalar.value)
                    && scalar.properties.generalCategory != .format
                    && scalar.properties.generalCategory != .lineSeparator
                    && scalar.properties.generalCategory != .paragraphSeparator
                if printable {
                    result.unicodeScalars.append(scalar)
                } else {
                    for byte in bytes[position..<position + length] { result += hex(byte) }
                }
                position += length
            case .emptyInput:
                break loop
            case .error:
                // The decoder consumed at least one byte; escape exactly one and resynchronise on the
                // next byte so that a valid scalar after garbage is still shown as text.
                result += hex(bytes[position])
                position += 1
                iterator = bytes[position...].makeIterator()
                decoder = UTF8()
            }
        }
        return result
    }

    /// Whether `scalar` changes how the text around it prints: C0 and C1 controls, DEL, the line and
    /// paragraph separators, bidirectional overrides and isolates, zero-width characters and the byte
    /// order mark. Readers of signed text that a report shows (party names, DAO titles and choices) refuse
    /// text holding one, rather than print it escaped: such a text could pass for another.
    public static func isDeceptive(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1f, 0x7f...0x9f, 0x200b...0x200f, 0x2028...0x202e, 0x2060...0x2069, 0xfeff: true
        default: false
        }
    }

    /// Why `text` may not be signed text a report shows, or nil when it may: the first character that
    /// ``isDeceptive(_:)`` accepts, named for an error message.
    public static func deceptionProblem(in text: String) -> String? {
        guard let bad = text.unicodeScalars.first(where: isDeceptive) else { return nil }
        return "holds the control or direction character U+\(String(bad.value, radix: 16, uppercase: true)), which would change how it prints"
    }

    /// What ``escape(_:)`` and ``oneLine(_:)`` escape: C0 and C1 controls, DEL, the Unicode line and
    /// paragraph separators (U+2028, U+2029), which some terminals and viewers break a line on, and every
    /// format character (Unicode category Cf): the bidirectional controls that reorder what a terminal
    /// shows (U+200E, U+200F, U+202A...U+202E, U+2066...U+2069) and the invisible ones that make two names
    /// print alike (zero-width space and joiners U+200B...U+200D, word joiner U+2060, byte order mark
    /// U+FEFF, soft hyphen U+00AD, tag characters), as ``escape(bytes:)`` does.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1f, 0x7f...0x9f, 0x2028, 0x2029: true
        case 0x20...0x7e: false
        default: scalar.properties.generalCategory == .format
        }
    }
}
