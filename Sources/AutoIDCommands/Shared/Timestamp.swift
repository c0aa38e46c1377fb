import AutoIDJSON
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#endif

/// Times written into statements: RFC 3339 in UTC, to the second.
enum Timestamp {
    /// Now, or `SOURCE_DATE_EPOCH` when set, so that reproducible builds produce identical statements.
    /// Read with `getenv`: `ProcessInfo.processInfo.environment` copies the whole environment into a
    /// dictionary, which a one-file signing run paid for this one variable (about 40 µs).
    static func now() -> String {
        if let epoch = getenv("SOURCE_DATE_EPOCH").map({ String(cString: $0) }), let seconds = Int64(epoch) {
            return format(Date(timeIntervalSince1970: TimeInterval(seconds)))
        }
        return format(Date())
    }

    static func format(_ date: Date) -> String { RFC3339.format(date) }
}
