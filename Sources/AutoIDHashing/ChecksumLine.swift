import AutoIDFiles

/// One line of a checksum list, as coreutils and b3sum write them.
public struct ChecksumLine: Sendable, Equatable {
    public var digest: [UInt8]
    public var name: String

    public init(digest: [UInt8], name: String) {
        self.digest = digest
        self.name = name
    }

    /// `HEX  NAME`; names with `\`, newline or (with `escapesCarriageReturn`) carriage return are escaped
    /// and the line starts with `\`.
    ///
    /// coreutils (sha256sum, b2sum) escapes a carriage return as `\r`; b3sum 1.x does not and refuses
    /// `\r` when checking, so BLAKE3 lines leave it as it is for real `b3sum --check` to read them.
    public static func format(digest: [UInt8], name: String, escapesCarriageReturn: Bool = true) -> String {
        if needsEscaping(name, carriageReturn: escapesCarriageReturn) {
            return "\\\(Hex.encode(digest))  \(escaped(name, carriageReturn: escapesCarriageReturn))"
        }
        return "\(Hex.encode(digest))  \(name)"
    }

    /// `TAG (NAME) = HEX`, the BSD form coreutils writes with `--tag` (`SHA256`, `BLAKE2b`; `BLAKE3` for
    /// BLAKE3), with the same escaping as ``format(digest:name:escapesCarriageReturn:)``.
    public static func formatTagged(tag: String, digest: [UInt8], name: String) -> String {
        if needsEscaping(name, carriageReturn: true) {
            return "\\\(tag) (\(escaped(name, carriageReturn: true))) = \(Hex.encode(digest))"
        }
        return "\(tag) (\(name)) = \(Hex.encode(digest))"
    }

    /// Whether `name` holds a backslash, a newline or (with `carriageReturn`) a carriage return: one pass
    /// over its bytes (Foundation's substring search took a tenth of hashing many small files).
    static func needsEscaping(_ name: String, carriageReturn: Bool) -> Bool {
        name.utf8.contains { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\n") || (carriageReturn && $0 == UInt8(ascii: "\r")) }
    }

    /// `name` with `\` as `\\`, a newline as `\n` and (with `carriageReturn`) a carriage return as `\r`,
    /// byte by byte. Not with String's `replacing`, which works on characters: in a name holding
    /// "\r\n" (one character) it replaced neither, and the line break went out raw, splitting the line.
    static func escaped(_ name: String, carriageReturn: Bool) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(name.utf8.count + 8)
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\n"): out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\r") where carriageReturn: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The tag of `algorithm` in BSD-style lines, as coreutils spells it.
    public static func tag(of algorithm: HashAlgorithm) -> String {
        switch algorithm {
        case .sha256: "SHA256"
        case .blake2b: "BLAKE2b"
        case .blake3: "BLAKE3"
        }
    }

    /// A name in `--check` output (it comes from the list, so it is untrusted): as is, unless it holds a
    /// control character; then escaped (``DisplayName``) behind a `\`, as coreutils does for a newline, so
    /// every result stays on one line and no escape sequence reaches the terminal.
    public static func displayName(_ name: String) -> String {
        let escaped = DisplayName.escape(name)
        return escaped == name ? name : "\\" + escaped
    }

    /// Parses `HEX  NAME` or `HEX *NAME`, or with `tag` also the BSD form `TAG (NAME) = HEX` (with the
    /// escaping above); `nil` if the line is neither.
    public init?(parsing line: some Collection<UInt8>, digestLength: Int, tag: String? = nil) {
        var bytes = Array(line)
        if bytes.last == 0x0d { bytes.removeLast() }
        var escaped = false
        if bytes.first == UInt8(ascii: "\\") {
            escaped = true
            bytes.removeFirst()
        }
        let hexLength = digestLength * 2
        let digest: [UInt8]
        var name: String
        let tagged = tag.map { Array(($0 + " (").utf8) }
        if let tagged, bytes.starts(with: tagged), bytes.count > tagged.count + 4 + hexLength,
            bytes[(bytes.count - hexLength - 4)..<(bytes.count - hexLength)].elementsEqual(") = ".utf8)
        {
            guard let decoded = Hex.decode(String(decoding: bytes[(bytes.count - hexLength)...], as: UTF8.self)),
                let text = String(validating: bytes[tagged.count..<(bytes.count - hexLength - 4)], as: UTF8.self)
            else { return nil }
            digest = decoded
            name = text
        } else {
            guard bytes.count > hexLength + 2, bytes[hexLength] == UInt8(ascii: " "),
                bytes[hexLength + 1] == UInt8(ascii: " ") || bytes[hexLength + 1] == UInt8(ascii: "*"),
                let decoded = Hex.decode(String(decoding: bytes[0..<hexLength], as: UTF8.self)),
                let text = String(validating: bytes[(hexLength + 2)...], as: UTF8.self)
            else { return nil }
            digest = decoded
            name = text
        }
        guard !name.isEmpty else { return nil }
        if escaped {
            var out = ""
            var iterator = name.makeIterator()
            while let c = iterator.next() {
                guard c == "\\" else {
                    out.append(c)
                    continue
                }
                switch iterator.next() {
                case "\\": out.append("\\")
                case "n": out.append("\n")
                case "r": out.append("\r")
                default: return nil
                }
            }
            name = out
        }
        self.digest = digest
        self.name = name
    }
}
