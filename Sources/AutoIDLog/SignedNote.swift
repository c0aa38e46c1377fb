/// A C2SP signed note (c2sp.org/signed-note): a text ending in a newline, a blank line, and one or more
/// signature lines.
///
/// Parsing checks the form only; whether any signature is trusted and valid is decided by
/// ``CheckpointVerifier`` (or ``NoteVerifierKey/verifies(_:text:)``) against keys the caller trusts.
public struct SignedNote: Sendable, Equatable {
    /// The largest note accepted, in bytes: checkpoints are a few hundred bytes; witnesses add a line each.
    public static let maximumSize = 256 * 1024
    /// The most signature lines accepted (the spec asks verifiers to accept at least 16).
    public static let maximumSignatures = 100

    /// The signed text, with its final newline (what Ed25519 note signatures sign).
    public let text: String
    /// The signature lines, in order.
    public let signatures: [NoteSignature]

    /// A note from its parts; the text must be a valid note text (see ``validateText(_:source:)``).
    public init(text: String, signatures: [NoteSignature], source: String = "note") throws {
        try Self.validateText(text, source: source)
        self.text = text
        self.signatures = signatures
    }

    /// Parses a signed note; `source` names the input in errors.
    ///
    /// Refuses: more than ``maximumSize`` bytes, invalid UTF-8, control characters other than newline, a
    /// missing final newline, no blank line before the signatures, no signature, a malformed signature
    /// line, more than ``maximumSignatures``.
    public init(bytes: [UInt8], source: String) throws {
        func bad(_ detail: String, _ hint: String = "give a signed note: text, a blank line, then '\u{2014} name signature' lines") -> LogError {
            LogError(.malformedInput, input: source, detail: detail, hint: hint)
        }
        guard bytes.count <= Self.maximumSize else {
            throw LogError(
                .tooLarge, input: source, detail: "a signed note is at most \(Self.maximumSize) bytes, this input has \(bytes.count)",
                hint: "check that this is a checkpoint")
        }
        guard !bytes.isEmpty else { throw bad("empty input") }
        guard Array(String(decoding: bytes, as: UTF8.self).utf8) == bytes else { throw bad("not valid UTF-8") }
        if let index = bytes.firstIndex(where: { $0 < 0x20 && $0 != 0x0a }) {
            throw bad("control character 0x\(NoteVerifierKey.hex(UInt32(bytes[index])).suffix(2)) at byte \(index)", "signed notes hold only text and newlines")
        }
        guard bytes.last == 0x0a else { throw bad("missing final newline", "a signed note ends with a newline; was the file cut short?") }
        // The text ends at the last blank line: find the last "\n\n".
        var split: Int?
        var index = bytes.count - 2
        while index >= 0 {
            if bytes[index] == 0x0a && bytes[index + 1] == 0x0a {
                split = index
                break
            }
            index -= 1
        }
        guard let split else { throw bad("no blank line before the signatures", "is this an unsigned checkpoint body? sign it with 'state-audit log sign'") }
        let text = String(decoding: bytes[...split], as: UTF8.self)
        let block = String(decoding: bytes[(split + 2)...], as: UTF8.self)
        guard !block.isEmpty else { throw bad("no signature lines after the blank line") }
        var signatures: [NoteSignature] = []
        for (number, line) in block.dropLast().split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard signatures.count < Self.maximumSignatures else {
                throw LogError(.tooLarge, input: source, detail: "more than \(Self.maximumSignatures) signature lines", hint: "check that this is a checkpoint")
            }
            guard let signature = NoteSignature.parse(line: line) else {
                throw bad("signature line \(number + 1) is not '\u{2014} NAME BASE64' with a valid name and standard base64 of a key ID and a signature")
            }
            signatures.append(signature)
        }
        try self.init(text: text, signatures: signatures, source: source)
    }

    /// Checks a note text: non-empty, valid, ends with a newline, no control characters but newlines.
    public static func validateText(_ text: String, source: String) throws {
        let hint = "a note text is one or more lines, each ending with a newline"
        guard !text.isEmpty else { throw LogError(.malformedInput, input: source, detail: "empty note text", hint: hint) }
        guard text.utf8.last == 0x0a else { throw LogError(.malformedInput, input: source, detail: "the note text does not end with a newline", hint: hint) }
        guard !text.utf8.contains(where: { $0 < 0x20 && $0 != 0x0a }) else {
            throw LogError(.malformedInput, input: source, detail: "the note text holds a control character", hint: hint)
        }
        guard text.utf8.count <= maximumSize else {
            throw LogError(.tooLarge, input: source, detail: "the note text is longer than \(maximumSize) bytes", hint: hint)
        }
    }

    /// The note as bytes: text, blank line, signature lines.
    public var bytes: [UInt8] {
        Array((text + "\n" + signatures.map(\.line).joined()).utf8)
    }

    /// This note with one more signature line, unless an identical one is there already.
    public func adding(_ signature: NoteSignature) -> SignedNote {
        guard !signatures.contains(signature) else { return self }
        return try! SignedNote(text: text, signatures: signatures + [signature])
    }
}
