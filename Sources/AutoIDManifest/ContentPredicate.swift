public import AutoIDJSON

/// autoid's predicate for signed content, version 0.1: when the statement was made and by which tool.
///
/// Specified in autoid-envelope(5). Later versions add who (Auto IDs with roles), what happened
/// (actions, IPTC digital source types) and ingredients.
public enum ContentPredicate {
    /// The `predicateType` URI.
    public static let type = "urn:autoid:predicate:content:v0.1"

    /// The predicate object: `{"created": RFC 3339 UTC time, "tool": name and version}`.
    public static func make(created: String, tool: String) -> JSONValue {
        .object(["created": .string(created), "tool": .string(tool)])
    }
}
