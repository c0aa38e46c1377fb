public import AutoIDJSON

/// autoid's predicate for signed content, version 0.1: when the statement was made and by which tool.
///
/// Specified in autoid-envelope(5). The provenance predicate (parties, actions, ingredients) is a
/// separate, later type.
public struct ContentPredicate: StatementPredicate, Equatable {
    /// The `predicateType` URI.
    public static let type = "urn:autoid:predicate:content:v0.1"

    /// When the statement was made: an RFC 3339 UTC time.
    public var created: String
    /// The tool that made it, with its version.
    public var tool: String

    public init(created: String, tool: String) {
        self.created = created
        self.tool = tool
    }

    /// The predicate object: `{"created": RFC 3339 UTC time, "tool": name and version}`.
    public static func make(created: String, tool: String) -> JSONValue {
        ContentPredicate(created: created, tool: tool).json
    }

    public init(json: JSONValue, source: String, path: String) throws(ManifestError) {
        guard case .object = json else {
            throw ManifestError(source: source, location: path, detail: "not a JSON object (expected {\"created\", \"tool\"})")
        }
        guard let created = json["created"]?.stringValue else {
            throw ManifestError(source: source, location: "\(path).created", detail: "missing or not a string")
        }
        guard let tool = json["tool"]?.stringValue else {
            throw ManifestError(source: source, location: "\(path).tool", detail: "missing or not a string")
        }
        self.init(created: created, tool: tool)
    }

    public var json: JSONValue {
        .object(["created": .string(created), "tool": .string(tool)])
    }
}
