import AutoIDHashing
import AutoIDJSON

/// Strict typed access to one JSON object of a bundle or trusted root, with errors that name the file
/// and the JSON path of the field (`verificationMaterial.tlogEntries[0].logIndex`).
///
/// Sigstore's JSON is protobuf's JSON mapping: 64-bit integers are strings (numbers are accepted too),
/// bytes are base64 (standard or URL-safe alphabet, padding optional).
struct JSONReader {
    let object: [String: JSONValue]
    let source: String
    let path: String
    let hint: String

    init(_ value: JSONValue, source: String, path: String, hint: String) throws {
        guard let object = value.objectValue else {
            throw SigstoreError(.malformedInput, input: source, detail: "\(path.isEmpty ? "the document" : path) is not a JSON object", hint: hint)
        }
        self.object = object
        self.source = source
        self.path = path
        self.hint = hint
    }

    func at(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func error(_ key: String, _ detail: String) -> SigstoreError {
        SigstoreError(.malformedInput, input: source, detail: "\(at(key)) \(detail)", hint: hint)
    }

    func has(_ key: String) -> Bool { object[key] != nil && object[key] != .null }

    func object(_ key: String) throws -> JSONReader {
        guard let value = object[key] else { throw error(key, "is missing") }
        return try JSONReader(value, source: source, path: at(key), hint: hint)
    }

    func optionalObject(_ key: String) throws -> JSONReader? {
        guard has(key) else { return nil }
        return try object(key)
    }

    func string(_ key: String, limit: Int = 4096) throws -> String {
        guard let value = object[key] else { throw error(key, "is missing") }
        guard let text = value.stringValue else { throw error(key, "is not a string") }
        guard text.utf8.count <= limit else {
            throw SigstoreError(.tooLarge, input: source, detail: "\(at(key)) is longer than \(limit) bytes", hint: hint)
        }
        return text
    }

    func optionalString(_ key: String, limit: Int = 4096) throws -> String? {
        guard has(key) else { return nil }
        return try string(key, limit: limit)
    }

    /// Base64 bytes (at most `limit` decoded bytes).
    func bytes(_ key: String, limit: Int) throws -> [UInt8] {
        let text = try string(key, limit: (limit / 3 + 2) * 4)
        guard let bytes = Base64.decode(text) else { throw error(key, "is not base64") }
        return bytes
    }

    /// A list of base64 32-byte hashes (at most `limit` of them).
    func hashes(_ key: String, limit: Int) throws -> [[UInt8]] {
        try array(key, limit: limit).map { item in
            guard let text = item.value.stringValue, text.utf8.count <= 64, let bytes = Base64.decode(text), bytes.count == 32 else {
                throw SigstoreError(.malformedInput, input: source, detail: "\(item.path) is not base64 of a 32-byte hash", hint: hint)
            }
            return bytes
        }
    }

    /// A 64-bit unsigned integer, as a decimal string or a JSON number.
    func unsigned(_ key: String) throws -> UInt64 {
        guard let value = object[key] else { throw error(key, "is missing") }
        let text: String
        switch value {
        case .string(let string): text = string
        case .number(let number): text = number
        default: throw error(key, "is not an integer")
        }
        guard text.utf8.count <= 20, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let number = UInt64(text) else {
            throw error(key, "is not a whole number from 0 to 2^64-1")
        }
        return number
    }

    func optionalUnsigned(_ key: String) throws -> UInt64? {
        guard has(key) else { return nil }
        return try unsigned(key)
    }

    /// The items of a list, each with its path; at most `limit` items, else ``SigstoreError/Code/tooLarge``.
    func array(_ key: String, limit: Int) throws -> [(value: JSONValue, path: String)] {
        guard let value = object[key] else { throw error(key, "is missing") }
        guard let list = value.arrayValue else { throw error(key, "is not a list") }
        guard list.count <= limit else {
            throw SigstoreError(
                .tooLarge, input: source, detail: "\(at(key)) has \(list.count) items, more than \(limit)",
                hint: "no real Sigstore bundle has that many; do not trust this file")
        }
        return list.enumerated().map { ($1, "\(at(key))[\($0)]") }
    }

    func optionalArray(_ key: String, limit: Int) throws -> [(value: JSONValue, path: String)] {
        guard has(key) else { return [] }
        return try array(key, limit: limit)
    }

    /// The objects of a list.
    func objects(_ key: String, limit: Int) throws -> [JSONReader] {
        try array(key, limit: limit).map { try JSONReader($0.value, source: source, path: $0.path, hint: hint) }
    }

    func optionalObjects(_ key: String, limit: Int) throws -> [JSONReader] {
        guard has(key) else { return [] }
        return try objects(key, limit: limit)
    }

    /// Parses `bytes` (at most `limit`) from `source` as a JSON document.
    static func parse(_ bytes: [UInt8], source: String, limit: Int, what: String, hint: String) throws -> JSONReader {
        guard bytes.count <= limit else {
            throw SigstoreError(.tooLarge, input: source, detail: "\(what) is at most \(limit) bytes, this one has \(bytes.count)", hint: hint)
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw SigstoreError(.malformedInput, input: source, detail: "not \(what): \(error)", hint: hint)
        }
        return try JSONReader(value, source: source, path: "", hint: hint)
    }
}
