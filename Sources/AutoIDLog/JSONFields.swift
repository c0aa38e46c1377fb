import AutoIDJSON

/// Strict readers for the fields of our JSON formats, each failing with a ``LogError`` that names the file
/// and the field.
struct JSONFields {
    let object: [String: JSONValue]
    let source: String
    let hint: String

    init(_ value: JSONValue, source: String, what: String, hint: String) throws {
        guard let object = value.objectValue else {
            throw LogError(.malformedInput, input: source, detail: "\(what) is not a JSON object", hint: hint)
        }
        self.object = object
        self.source = source
        self.hint = hint
    }

    func error(_ detail: String) -> LogError { LogError(.malformedInput, input: source, detail: detail, hint: hint) }

    func string(_ key: String) throws -> String {
        guard let value = object[key]?.stringValue else { throw error("\"\(key)\" is missing or not a string") }
        return value
    }

    func unsigned(_ key: String) throws -> UInt64 {
        guard case .number(let text)? = object[key], let value = UInt64(text) else {
            throw error("\"\(key)\" is missing or not a whole number from 0 to 2^64-1")
        }
        return value
    }

    func hashes(_ key: String, limit: Int) throws -> [TreeHash] {
        guard let list = object[key]?.arrayValue else { throw error("\"\(key)\" is missing or not a list") }
        guard list.count <= limit else {
            throw LogError(.tooLarge, input: source, detail: "\"\(key)\" has \(list.count) hashes, more than any real proof (\(limit))", hint: hint)
        }
        return try list.enumerated().map { index, item in
            guard let text = item.stringValue, let hash = TreeHash(base64: text) else {
                throw error("\"\(key)\"[\(index)] is not standard base64 of 32 bytes")
            }
            return hash
        }
    }

    func expectFormat(_ format: String) throws {
        let found = try string("format")
        guard found == format else { throw error("format \"\(found.prefix(60))\" is not \"\(format)\"") }
    }
}

extension JSONValue {
    /// Parses `bytes` from `source` as JSON, as a ``LogError`` naming the file on failure.
    static func parseLogFile(_ bytes: [UInt8], source: String, hint: String) throws -> JSONValue {
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw LogError(.malformedInput, input: source, detail: "\(error)", hint: hint)
        }
    }
}
