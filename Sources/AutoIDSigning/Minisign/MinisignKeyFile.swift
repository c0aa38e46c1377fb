import AutoIDHashing

/// The text layout shared by minisign and signify key and signature files: a line
/// `untrusted comment: TEXT`, then one line of base64, and (signatures only) more lines after it.
///
/// Lines end with `\n`; a `\r` before it is dropped, as minisign's `trim` does. Every line is capped, so
/// a hostile file never makes us hold more than a few kilobytes.
package enum MinisignText {
    /// `untrusted comment: `, the prefix of every first line.
    package static let untrustedPrefix = "untrusted comment: "
    /// `trusted comment: `, the prefix of a minisign signature's third line.
    package static let trustedPrefix = "trusted comment: "
    /// minisign's limit for an untrusted comment line (COMMENTMAXBYTES).
    package static let commentLimit = 1024
    /// minisign's limit for a trusted comment line (TRUSTEDCOMMENTMAXBYTES).
    package static let trustedCommentLimit = 8192

    /// Splits `bytes` into at most `count` lines (the rest, after the last newline taken, is returned as
    /// `rest`), each without its line end. `nil` when a line is not UTF-8.
    package static func lines(_ bytes: ArraySlice<UInt8>, count: Int) -> (lines: [String], rest: ArraySlice<UInt8>)? {
        var lines: [String] = []
        var rest = bytes
        while lines.count < count, !rest.isEmpty {
            let end = rest.firstIndex(of: 0x0a) ?? rest.endIndex
            var line = rest[rest.startIndex..<end]
            if line.last == 0x0d { line = line.dropLast() }
            guard let text = String(validating: line, as: UTF8.self) else { return nil }
            lines.append(text)
            rest = end == rest.endIndex ? rest[end...] : rest[(end + 1)...]
        }
        return (lines, rest)
    }

    /// Decodes one base64 line, padded, to exactly `count` bytes; `nil` for anything else (garbage, wrong
    /// length, missing padding).
    package static func decode(_ line: String, count: Int) -> [UInt8]? {
        // Standard alphabet only, as minisign's sodium_base642bin(VARIANT_ORIGINAL) and signify's b64_pton.
        guard line.utf8.count == (count + 2) / 3 * 4, !line.utf8.contains(where: { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }),
            let bytes = Base64.decode(line), bytes.count == count
        else { return nil }
        return bytes
    }

    /// The key id as minisign prints it: the 8 bytes read as a little-endian integer, in upper-case hex
    /// without leading zeros (`%PRIX64`).
    package static func keyIDText(_ keyID: [UInt8]) -> String {
        var value: UInt64 = 0
        for byte in keyID.reversed() { value = value << 8 | UInt64(byte) }
        return String(value, radix: 16, uppercase: true)
    }
}

/// A minisign (or signify) Ed25519 public key: an 8-byte key id and the 32-byte key.
///
/// File format (minisign's `.pub`, signify's `.pub`): `untrusted comment: ...` then base64 of
/// `"Ed" || keyid[8] || pk[32]`. minisign's `-P` takes the base64 line alone.
public struct MinisignPublicKey: Sendable, Equatable {
    /// The key id that signatures carry, so that the right key can be picked (never a reason to trust).
    public var keyID: [UInt8]
    public var key: Ed25519PublicKey
    /// False for a key converted from PEM, which has no minisign key id of its own: its derived id is
    /// written into files, but a signature under another id is still checked with it (the key id is
    /// only a hint for picking a key; the signature decides).
    public var hasOwnKeyID: Bool

    public init(keyID: [UInt8], key: Ed25519PublicKey) {
        precondition(keyID.count == 8, "a minisign key id is 8 bytes")
        self.keyID = keyID
        self.key = key
        self.hasOwnKeyID = true
    }

    /// The key id autoid gives a key converted from its own PEM format: the first 8 bytes of its keyid
    /// (the SHA-256 of its SubjectPublicKeyInfo), so the same key always gets the same minisign id.
    public init(converting key: Ed25519PublicKey) {
        self.init(keyID: Array(Hex.decode(key.keyID)!.prefix(8)), key: key)
        hasOwnKeyID = false
    }

    /// Whether a signature under `signatureKeyID` is meant for this key.
    public func accepts(keyID signatureKeyID: [UInt8]) -> Bool {
        !hasOwnKeyID || signatureKeyID == keyID
    }

    /// Keys are equal when their id and key are (however they were made).
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.keyID == rhs.keyID && lhs.key == rhs.key
    }

    /// The key id as minisign prints it (upper-case hex).
    public var keyIDText: String { MinisignText.keyIDText(keyID) }

    /// The size of a key file autoid reads (a comment of up to 1024 bytes and the key).
    public static let sizeLimit = 4096

    /// Parses the base64 form minisign's `-P` takes: `RWQ...` (56 characters).
    public init(base64 text: String, source: String = "-P") throws {
        guard let bytes = MinisignText.decode(text.trimmingSpaces, count: 42) else {
            throw SigningError(
                .malformedKey, source: source,
                detail: "not a minisign public key (expected the 56 base64 characters of 'Ed', a key id and the key, as minisign -G prints)")
        }
        guard bytes[0] == UInt8(ascii: "E"), bytes[1] == UInt8(ascii: "d") else {
            throw SigningError(
                .unsupportedKeyType, source: source,
                detail: "the key's algorithm is '\(Self.algorithmText(bytes[0..<2]))', not 'Ed' (Ed25519), the only one minisign and signify define")
        }
        self.init(keyID: Array(bytes[2..<10]), key: try Ed25519PublicKey(rawRepresentation: Array(bytes[10..<42]), source: source))
    }

    /// Parses a public key file (`untrusted comment:` line, then the key in base64).
    public init(fileBytes bytes: [UInt8], source: String) throws {
        guard bytes.count <= Self.sizeLimit else {
            throw SigningError(.malformedKey, source: source, detail: "larger than \(Self.sizeLimit) bytes: not a minisign public key")
        }
        guard let (lines, _) = MinisignText.lines(bytes[...], count: 2), lines.count == 2,
            lines[0].hasPrefix(MinisignText.untrustedPrefix), lines[0].utf8.count <= MinisignText.commentLimit
        else {
            throw SigningError(
                .malformedKey, source: source,
                detail: "not a minisign public key file (expected an 'untrusted comment:' line, then the key in base64)")
        }
        if MinisignText.decode(lines[1], count: 158) != nil {
            throw SigningError(
                .wrongKeyKind, source: source,
                detail: "this is a minisign secret key; verification takes the public key (never hand out the secret one)")
        }
        try self.init(base64: lines[1], source: source)
    }

    /// The 42 bytes `"Ed" || keyid || pk`.
    public var bytes: [UInt8] { Array("Ed".utf8) + keyID + key.rawRepresentation }

    /// The base64 line, as minisign's `-P` takes it.
    public var base64: String { Base64.encode(bytes) }

    /// The file minisign -G writes: `untrusted comment: minisign public key KEYID` and the key.
    public var fileText: String {
        "\(MinisignText.untrustedPrefix)minisign public key \(keyIDText)\n\(base64)\n"
    }

    static func algorithmText(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.allSatisfy { (0x21...0x7e).contains($0) } ? String(decoding: bytes, as: UTF8.self) : "0x" + Hex.encode(bytes)
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and line ends.
    var trimmingSpaces: String {
        var view = Substring(self)
        while let first = view.first, first == " " || first == "\t" || first == "\r\n" || first == "\n" || first == "\r" { view.removeFirst() }
        while let last = view.last, last == " " || last == "\t" || last == "\r\n" || last == "\n" || last == "\r" { view.removeLast() }
        return String(view)
    }
}
