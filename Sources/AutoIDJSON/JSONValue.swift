/// A JSON document as a value: what envelopes, statements, predicates, chain specs and reports are made of.
///
/// Numbers keep their literal text, so 128-bit balances and other large integers survive a round trip
/// exactly. Objects keep no order; ``JSONWriter`` sorts keys, so one value always gives the same bytes.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number, as its validated JSON literal (for example `-12`, `3.5e10`).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// A number from an integer. Inlinable, so each caller formats its own integer type: unspecialised,
    /// `String(value)` looks the type's associated types up at run time on first use.
    @inlinable public static func integer(_ value: some BinaryInteger) -> JSONValue { .number(String(value)) }

    /// The member `key` of an object, or `nil`.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The string inside a `.string`, or `nil`.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The value of a `.number` that is an integer fitting in `Int`, or `nil`.
    public var intValue: Int? {
        if case .number(let text) = self { return Int(text) }
        return nil
    }

    /// The elements of an `.array`, or `nil`.
    public var arrayValue: [JSONValue]? {
        if case .array(let values) = self { return values }
        return nil
    }

    /// The members of an `.object`, or `nil`.
    public var objectValue: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The bool inside a `.bool`, or `nil`.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// Serialises compactly (or indented, for people) with sorted keys. See ``JSONWriter``.
    public func jsonBytes(pretty: Bool = false) -> [UInt8] {
        JSONWriter.write(self, pretty: pretty)
    }

    /// Parses strictly; `nil` when the bytes are not one JSON value. Use ``JSONParser`` to learn why.
    public init?(jsonBytes bytes: [UInt8]) {
        guard let value = try? JSONParser.parse(bytes) else { return nil }
        self = value
    }
}
