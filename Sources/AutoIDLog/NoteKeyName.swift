/// The rules for C2SP note key names: non-empty, no Unicode spaces, no `+`.
enum NoteKeyName {
    /// The longest name accepted (the spec sets none; a name is a short URL).
    static let maximumLength = 256

    /// Tells whether `name` may name a note key.
    static func isValid(_ name: some StringProtocol) -> Bool {
        !name.isEmpty && name.utf8.count <= maximumLength
            && !name.unicodeScalars.contains { $0 == "+" || $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7f }
    }
}
