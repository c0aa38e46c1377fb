import AutoIDHashing
public import AutoIDJSON

extension BlockHeader {
    /// Reads a header as `chain_getHeader` returns it (bare, or inside `{"jsonrpc", "result"}`):
    /// `{"parentHash", "number": "0x..", "stateRoot", "extrinsicsRoot", "digest": {"logs": ["0x.."]}}`, each
    /// log a SCALE-encoded digest item; or as a JSON string holding the SCALE-encoded header in hex.
    public init(json: JSONValue, source: String) throws(StateError) {
        var root = json
        if let result = root["result"], root["jsonrpc"] != nil { root = result }
        if let text = root.stringValue {
            guard let bytes = Hex.decode(text) else {
                throw StateError(
                    .invalidInput, "\(source): the header string is not hex", offset: nil, hint: "give chain_getHeader JSON or the SCALE-encoded header in hex")
            }
            self = try BlockHeader.decode(bytes)
            return
        }
        func hash(_ field: String) throws(StateError) -> H256 {
            guard let text = root[field]?.stringValue, let value = H256(hex: text) else {
                throw StateError(
                    .invalidInput, "\(source): \(field) is missing or not a 32-byte hex hash", offset: nil,
                    hint: "give chain_getHeader JSON or the SCALE-encoded header in hex")
            }
            return value
        }
        let number: UInt64
        switch root["number"] {
        case .string(let text)?:
            guard text.hasPrefix("0x"), let value = UInt64(text.dropFirst(2), radix: 16) else {
                throw StateError(
                    .invalidInput, "\(source): number \"\(text)\" is not 0x-prefixed hex", offset: nil, hint: "chain_getHeader gives numbers as hex strings")
            }
            number = value
        case .number(let literal)?:
            guard let value = UInt64(literal) else {
                throw StateError(.invalidInput, "\(source): number \(literal) is not a block number", offset: nil, hint: "")
            }
            number = value
        default:
            throw StateError(.invalidInput, "\(source): number is missing", offset: nil, hint: "give chain_getHeader JSON")
        }
        var digest: [DigestItem] = []
        if let logs = root["digest"]?["logs"]?.arrayValue {
            for (index, log) in logs.enumerated() {
                guard let text = log.stringValue, let bytes = Hex.decode(text) else {
                    throw StateError(.invalidInput, "\(source): digest.logs[\(index)] is not hex", offset: nil, hint: "each log is a SCALE-encoded digest item")
                }
                digest.append(try SCALEDecoder.decode(DigestItem.self, from: bytes))
            }
        }
        self.init(
            parentHash: try hash("parentHash"), number: number, stateRoot: try hash("stateRoot"),
            extrinsicsRoot: try hash("extrinsicsRoot"), digest: digest)
    }

    /// The header as `chain_getHeader` JSON.
    public var json: JSONValue {
        .object([
            "parentHash": .string(parentHash.hex),
            "number": .string("0x" + String(number, radix: 16)),
            "stateRoot": .string(stateRoot.hex),
            "extrinsicsRoot": .string(extrinsicsRoot.hex),
            "digest": .object(["logs": .array(digest.map { .string("0x" + Hex.encode(SCALEEncoder.encode($0))) })]),
        ])
    }
}
