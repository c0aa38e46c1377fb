import AutoIDJSON
import FoundationEssentials

/// Times written into statements: RFC 3339 in UTC, to the second.
enum Timestamp {
    /// Now, or `SOURCE_DATE_EPOCH` when set, so that reproducible builds produce identical statements.
    static func now(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let epoch = environment["SOURCE_DATE_EPOCH"], let seconds = Int64(epoch) {
            return format(Date(timeIntervalSince1970: TimeInterval(seconds)))
        }
        return format(Date())
    }

    static func format(_ date: Date) -> String { RFC3339.format(date) }
}
