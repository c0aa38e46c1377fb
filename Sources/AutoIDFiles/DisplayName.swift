/// Names from untrusted input (subject names, archive paths, key ids) made safe to print on one line.
///
/// A signer chooses the names a verifier prints: a newline would forge an extra `NAME: OK` line, an
/// escape sequence would reach the terminal raw, and an invisible character (a zero-width space, a
/// direction override) would make one name print as another. A name without such characters is shown as
/// it is; otherwise backslashes and those characters are escaped (`\\`, `\n`, `\r`, `\t`, `\e`, `\x7f`,
/// `\u{202e}`, `\u{200b}`), so the shown text is always one line and tells apart names that differ.
/// Look-alike letters are escaped too: in a word that mixes scripts whose letters pass for one another
/// ("\u{410}lice", with a Cyrillic A, prints as "Alice"), or that uses fullwidth forms, every such letter
/// outside ASCII is written `\u{410}`. A name in one script ("Алиса", "Zoë") is shown as it is.
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
        guard mayNeedEscape(text.utf8) else { return text }
        let scalars = Array(text.unicodeScalars)
        // Names only: a line (oneLine) is free text, in which a word is not a name to tell apart.
        let lookAlike =
            backslashes
            ? lookAlikeLetters(
                scalars.map { scalar in
                    // The letters of `\n`, `\e`, `\x7f` join the word after them; `\\` and `\u{200b}` end in punctuation.
                    guard scalar == "\\" || escapes(scalar) else { return .shown(scalar) }
                    return .escape(joinsNextWord: scalar != "\\" && scalar.value < 0x80)
                }) : []
        guard scalars.contains(where: escapes) || lookAlike.contains(true) else { return text }
        var out = ""
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case _ where !lookAlike.isEmpty && lookAlike[index]: out += "\\u{" + String(scalar.value, radix: 16) + "}"
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
    /// format characters, look-alike letters (as ``escape(_:)``), backslashes and bytes that are not UTF-8
    /// written as `\xNN`, byte by byte.
    public static func escape(bytes: [UInt8]) -> String {
        func hex(_ byte: UInt8) -> String {
            let digits = Array("0123456789abcdef")
            return "\\x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 15)])
        }
        // Decode UTF-8 scalar by scalar; a byte that is not part of a valid scalar is nil (and ends a word).
        var decoded: [(scalar: Unicode.Scalar?, bytes: Range<Int>)] = []
        var iterator = bytes[...].makeIterator()
        var decoder = UTF8()
        var position = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                let length = UTF8.width(scalar)
                decoded.append((scalar, position..<position + length))
                position += length
            case .emptyInput:
                break loop
            case .error:
                // The decoder consumed at least one byte; take exactly one and resynchronise on the next
                // byte so that a valid scalar after garbage is still shown as text.
                decoded.append((nil, position..<position + 1))
                position += 1
                iterator = bytes[position...].makeIterator()
                decoder = UTF8()
            }
        }
        // A valid scalar is kept unless it is a control or format character (bidirectional overrides can
        // disguise a name) or a look-alike letter; everything else is escaped. The letters of every escape,
        // `\xNN`, join the word after it.
        let pieces = decoded.map { scalar, _ -> ShownPiece in
            guard let scalar, scalar != "\\", !needsEscape(scalar) else { return .escape(joinsNextWord: true) }
            return .shown(scalar)
        }
        let lookAlike = bytes.contains { $0 >= 0x80 } ? lookAlikeLetters(pieces) : []
        var result = ""
        for (index, (piece, range)) in zip(pieces, decoded.map(\.bytes)).enumerated() {
            if case .shown(let scalar) = piece, lookAlike.isEmpty || !lookAlike[index] {
                result.unicodeScalars.append(scalar)
            } else {
                for byte in bytes[range] { result += hex(byte) }
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

    /// Why `text` may not be signed text a report shows, or a name we certify, or nil when it may: the
    /// first character that ``isDeceptive(_:)`` accepts, or else the first word that mixes letters of
    /// scripts that pass for one another (``lookAlikeWord(in:)``), named for an error message.
    public static func deceptionProblem(in text: String) -> String? {
        // Printable ASCII holds neither a control or direction character nor letters of two scripts.
        guard mayNeedEscape(text.utf8) else { return nil }
        if let bad = text.unicodeScalars.first(where: isDeceptive) {
            return "holds the control or direction character U+\(String(bad.value, radix: 16, uppercase: true)), which would change how it prints"
        }
        if let word = lookAlikeWord(in: text) {
            return "has the word '\(escape(word))', which mixes letters of scripts that pass for one another (a look-alike of another name)"
        }
        return nil
    }

    /// The scripts whose letters pass for one another (Latin "a", Cyrillic "а", Greek "α", Armenian "օ",
    /// Cherokee "Ꭺ"), and fullwidth forms that pass for ASCII.
    enum Script { case latin, greek, cyrillic, armenian, cherokee, fullwidth }

    static func script(of scalar: Unicode.Scalar) -> Script? {
        switch scalar.value {
        case 0x41...0x5a, 0x61...0x7a, 0xc0...0xd6, 0xd8...0xf6, 0xf8...0x24f, 0x1e00...0x1eff: .latin
        case 0x370...0x3ff, 0x1f00...0x1fff: .greek
        case 0x400...0x52f, 0x1c80...0x1c8f, 0x2de0...0x2dff, 0xa640...0xa69f: .cyrillic
        case 0x530...0x58f: .armenian
        case 0x13a0...0x13ff, 0xab70...0xabbf: .cherokee
        case 0xff01...0xff5e: .fullwidth
        default: nil
        }
    }

    /// Whether `scalar` ends a word: white space or punctuation.
    private static func separatesWords(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation:
            true
        default: scalar.properties.isWhitespace
        }
    }

    /// A piece of a name as shown, for finding its words: a character shown as it is, or an escape, which
    /// ends the word before it (it starts with a backslash, punctuation) and, when it ends in Latin
    /// letters and digits (`\n`, `\x7f`, `\x10`), begins the word after it with them.
    enum ShownPiece {
        case shown(Unicode.Scalar)
        case escape(joinsNextWord: Bool)

        var script: Script? {
            switch self {
            case .shown(let scalar): DisplayName.script(of: scalar)
            case .escape(let joinsNextWord): joinsNextWord ? .latin : nil
            }
        }
    }

    /// The words of `pieces` as ranges: runs split at white space, punctuation and escapes, an escape whose
    /// letters join the next word starting it.
    private static func words(_ pieces: [ShownPiece]) -> [Range<Int>] {
        var words: [Range<Int>] = []
        var start = 0
        for (index, piece) in pieces.enumerated() {
            switch piece {
            case .shown(let scalar) where separatesWords(scalar):
                if start < index { words.append(start..<index) }
                start = index + 1
            case .escape(let joinsNextWord):
                if start < index { words.append(start..<index) }
                start = joinsNextWord ? index : index + 1
            case .shown: break
            }
        }
        if start < pieces.count { words.append(start..<pieces.count) }
        return words
    }

    /// Whether the letters of `word` come from two of the look-alike scripts, or it uses fullwidth forms.
    private static func mixesScripts(_ word: ArraySlice<ShownPiece>) -> Bool {
        var seen: Script?
        for piece in word {
            guard let script = piece.script else { continue }
            if script == .fullwidth || (seen != nil && seen != script) { return true }
            seen = script
        }
        return false
    }

    /// For each of `pieces`, whether it is a look-alike letter to escape: a letter outside ASCII of one of
    /// the look-alike scripts, shown in a word that mixes them. Escaping them all leaves no such word.
    static func lookAlikeLetters(_ pieces: [ShownPiece]) -> [Bool] {
        var marked = [Bool](repeating: false, count: pieces.count)
        for word in words(pieces) where mixesScripts(pieces[word]) {
            for index in word {
                if case .shown(let scalar) = pieces[index], scalar.value >= 0x80, script(of: scalar) != nil { marked[index] = true }
            }
        }
        return marked
    }

    /// The first word of `text` (split at white space and punctuation) whose letters come from two of the
    /// scripts that pass for one another, or that uses fullwidth forms: "\u{410}lice" with a Cyrillic A.
    public static func lookAlikeWord(in text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        let pieces = scalars.map(ShownPiece.shown)
        guard let word = words(pieces).first(where: { mixesScripts(pieces[$0]) }) else { return nil }
        var found = ""
        found.unicodeScalars.append(contentsOf: scalars[word])
        return found
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
