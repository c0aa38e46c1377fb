public import AutoIDJSON

/// A small JSON document the audits read beside a snapshot (a block header, a read proof), or a bare
/// `0x…` hex string in its place (a SCALE-encoded header as some tools write it).
public enum StateDocument {
    /// The largest document read whole: headers and proofs are far smaller; a bigger file is not one.
    public static let sizeLimit = 64 * 1024 * 1024

    /// The document in `bytes`: `.string` holding the text when it is `0x…` (surrounding white space
    /// dropped), otherwise the parsed JSON. `source` names the input in errors.
    public static func parse(_ bytes: [UInt8], source: String) throws(StateError) -> JSONValue {
        let text = String(decoding: bytes, as: UTF8.self)
        let scalars = text.unicodeScalars
        let start = scalars.firstIndex { !$0.properties.isWhitespace } ?? scalars.endIndex
        let end = scalars.lastIndex { !$0.properties.isWhitespace }.map(scalars.index(after:)) ?? start
        let trimmed = String(scalars[start..<end])
        if trimmed.hasPrefix("0x") { return .string(trimmed) }
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw StateError(.invalidInput, "\(source): \(error)", offset: nil, hint: "give chain_getHeader JSON or a hex string")
        }
    }
}
