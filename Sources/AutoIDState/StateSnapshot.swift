import AutoIDHashing
public import AutoIDJSON

/// Key/value state read from the files operators have at hand, in one of four JSON shapes:
///
/// - a Substrate **raw chain spec**: `{"genesis": {"raw": {"top": {...}, "childrenDefault": {...}}}}`;
/// - a **map** of hex keys to hex values, as in a chain spec's `top`;
/// - the JSON-RPC **`state_getPairs`** result, `[["0xkey", "0xvalue"], ...]` (bare, or inside
///   `{"jsonrpc", "result"}`);
/// - **JSON Lines**, one `["0xkey", "0xvalue"]` or `{"key": .., "value": ..}` per line.
public struct StateSnapshot: Sendable {
    public enum Format: String, Sendable {
        case chainSpec = "chain-spec"
        case map
        case pairs
        case jsonLines = "json-lines"
    }

    public var format: Format
    /// Top-trie pairs in file order.
    public var top: [([UInt8], [UInt8])]
    /// Default child tries (chain specs only; flat snapshots carry child roots as top values).
    public var children: [StateRoot.ChildTrie]
    /// The chain spec's `name` and `id`, when present.
    public var chainName: String?
    public var chainID: String?
    /// The chain spec's `properties` (token symbol, decimals, address format...), when present.
    public var properties: JSONValue?

    /// Parses `bytes`, naming `source` in errors. Keys longer than a trie can hold
    /// (``TrieConstants/maxKeyBytes``) are refused here, so no audit of the snapshot meets them.
    public init(jsonBytes bytes: [UInt8], source: String) throws(StateError) {
        try self.init(parsing: bytes, source: source)
        try Trie.checkKeyLengths(top, what: source)
        for child in children {
            try Trie.checkKeyLengths(child.pairs, what: "\(source): child trie 0x\(Hex.encode(child.storageKey.prefix(32)))")
        }
    }

    private init(parsing bytes: [UInt8], source: String) throws(StateError) {
        chainName = nil
        chainID = nil
        properties = nil
        children = []
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            // Not one JSON document: maybe JSON Lines.
            guard let lines = try? Self.jsonLines(bytes) else {
                throw StateError(
                    .invalidInput, "\(source): \(error)", offset: nil,
                    hint: "a snapshot is a raw chain spec, a key/value map, a state_getPairs array or JSON Lines")
            }
            format = .jsonLines
            top = lines
            return
        }
        var root = document
        if let result = root["result"], root["jsonrpc"] != nil { root = result }
        switch root {
        case .object(let members) where members["genesis"] != nil:
            format = .chainSpec
            chainName = members["name"]?.stringValue
            chainID = members["id"]?.stringValue
            properties = members["properties"]
            guard let raw = members["genesis"]?["raw"] else {
                throw StateError(
                    .invalidInput, "\(source): the chain spec is not raw (no genesis.raw)", offset: nil,
                    hint: "export it with your node's `build-spec --raw`")
            }
            guard let topMap = raw["top"]?.objectValue else {
                throw StateError(
                    .invalidInput, "\(source): genesis.raw.top is missing or not an object", offset: nil,
                    hint: "a raw chain spec maps hex keys to hex values under genesis.raw.top")
            }
            top = try Self.pairs(fromMap: topMap, path: "genesis.raw.top", source: source)
            if let childMap = raw["childrenDefault"]?.objectValue {
                for (key, value) in childMap.sorted(by: { $0.key < $1.key }) {
                    let path = "genesis.raw.childrenDefault.\(key)"
                    guard let storageKey = Hex.decode(key), let content = value.objectValue else {
                        throw StateError(
                            .invalidInput, "\(source): \(path) is not a hex key with an object of pairs", offset: nil,
                            hint: "childrenDefault maps child storage keys (hex) to key/value maps")
                    }
                    children.append(StateRoot.ChildTrie(storageKey: storageKey, pairs: try Self.pairs(fromMap: content, path: path, source: source)))
                }
            }
        case .object(let members):
            format = .map
            top = try Self.pairs(fromMap: members, path: "$", source: source)
        case .array(let elements):
            format = .pairs
            top = try elements.enumerated().map { (index, element) throws(StateError) in
                try Self.pair(element, path: "$[\(index)]", source: source)
            }
        default:
            throw StateError(
                .invalidInput, "\(source): expected a JSON object or array", offset: nil,
                hint: "a snapshot is a raw chain spec, a key/value map, a state_getPairs array or JSON Lines")
        }
    }

    /// The trie layout the snapshot's own runtime declares, read from `:code`, or `nil` without `:code`.
    public func runtimeVersion() throws(StateError) -> RuntimeVersion? {
        guard let code = top.last(where: { $0.0 == StorageHashing.codeKey })?.1 else { return nil }
        return try RuntimeVersion(code: code)
    }

    /// The state root: child tries folded in for chain specs; flat snapshots hashed as they are.
    public func stateRoot(version: StateVersion) throws(StateError) -> H256 {
        if format == .chainSpec { return try StateRoot.compute(top: top, children: children, version: version) }
        return Trie.root(of: top, version: version)
    }

    private static func pairs(fromMap map: [String: JSONValue], path: String, source: String) throws(StateError) -> [([UInt8], [UInt8])] {
        var out: [([UInt8], [UInt8])] = []
        out.reserveCapacity(map.count)
        for (key, value) in map {
            guard let keyBytes = Hex.decode(key) else {
                throw StateError(
                    .invalidInput, "\(source): \(path): key \"\(key.prefix(80))\" is not hex", offset: nil,
                    hint: "keys and values are 0x-prefixed hex")
            }
            guard let text = value.stringValue, let valueBytes = Hex.decode(text) else {
                throw StateError(
                    .invalidInput, "\(source): \(path).\(key.prefix(80)): value is not a hex string", offset: nil,
                    hint: "keys and values are 0x-prefixed hex")
            }
            out.append((keyBytes, valueBytes))
        }
        return out
    }

    private static func pair(_ element: JSONValue, path: String, source: String) throws(StateError) -> ([UInt8], [UInt8]) {
        let key: JSONValue?
        let value: JSONValue?
        if let array = element.arrayValue, array.count == 2 {
            (key, value) = (array[0], array[1])
        } else {
            (key, value) = (element["key"], element["value"])
        }
        guard let keyText = key?.stringValue, let keyBytes = Hex.decode(keyText),
            let valueText = value?.stringValue, let valueBytes = Hex.decode(valueText)
        else {
            throw StateError(
                .invalidInput, "\(source): \(path): expected [\"0xkey\", \"0xvalue\"] or {\"key\", \"value\"}", offset: nil,
                hint: "keys and values are 0x-prefixed hex")
        }
        return (keyBytes, valueBytes)
    }

    private static func jsonLines(_ bytes: [UInt8]) throws -> [([UInt8], [UInt8])] {
        var out: [([UInt8], [UInt8])] = []
        for (number, line) in bytes.split(separator: 0x0a).enumerated() {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0d || $0 == 0x09 }) { continue }
            out.append(try pair(try JSONParser.parse(Array(line)), path: "line \(number + 1)", source: "JSON Lines"))
        }
        guard !out.isEmpty else { throw StateError(.invalidInput, "no lines", offset: nil, hint: "") }
        return out
    }
}
