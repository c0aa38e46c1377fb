import AutoIDHashing

/// Base64 as signed notes and checkpoints use it: the standard alphabet with padding (RFC 4648 section 4),
/// and only the canonical encoding of its bytes.
///
/// The project's ``Base64`` decoder also takes the URL-safe alphabet and missing padding (DSSE allows
/// both); a note must have exactly one spelling, so a text is accepted only when encoding its bytes again
/// gives the same text.
enum StrictBase64 {
    /// The bytes of canonical standard base64 `text`, or `nil`.
    static func decode(_ text: some StringProtocol) -> [UInt8]? {
        let string = String(text)
        guard let bytes = Base64.decode(string), Base64.encode(bytes) == string else { return nil }
        return bytes
    }
}
