public import FoundationEssentials

/// RFC 3339 times as statements, Sigstore's trusted roots (protobuf JSON) and `--at` options carry
/// them: `2026-01-01T00:00:00Z`, with or without fractional seconds, `Z` or a numeric offset.
///
/// `Date.ISO8601FormatStyle` rather than Foundation's `ISO8601DateFormatter`: the formatter lives in
/// corelibs Foundation, which links all of ICU into each tool (38 MB, about 1 ms of every start);
/// the format style is FoundationEssentials, pure Swift. It is also cheap to make: creating an
/// `ISO8601DateFormatter` per call cost far more than parsing, in batches of thousands of envelopes.
public enum RFC3339 {
    /// The instant `text` names, or `nil` when it is not a date-time with seconds and a zone.
    public static func date(_ text: String) -> Date? {
        guard text.utf8.count <= 64 else { return nil }
        return try? Date(text, strategy: Date.ISO8601FormatStyle())
    }

    /// `date` in UTC to the second: `2026-01-01T00:00:00Z`.
    public static func format(_ date: Date) -> String {
        Date.ISO8601FormatStyle().format(date)
    }
}
