public import Foundation

/// RFC 3339 times as statements carry them (`2026-01-01T00:00:00Z`), parsed without building an
/// `ISO8601DateFormatter` per call: creating one costs far more than parsing (it showed in batches
/// of thousands of envelopes, each with several time fields).
public enum RFC3339 {
    /// The instant `text` names, or `nil` when it is not an RFC 3339 date-time with seconds and a zone.
    public static func date(_ text: String) -> Date? {
        try? Date(text, strategy: Date.ISO8601FormatStyle())
    }
}
