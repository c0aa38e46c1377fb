/// The parts of a WebAssembly binary that state-audit reads: its custom sections.
///
/// Only the section framing is parsed (magic, version, then `id, LEB128 size, payload` records), strictly:
/// a size that runs past the end, an overlong LEB128 or a bad custom-section name is an error.
public struct WasmModule: Sendable {
    /// Custom sections (id 0) in file order: name and payload.
    public let customSections: [(name: String, payload: [UInt8])]

    /// Parses the framing of `bytes`.
    public init(_ bytes: [UInt8]) throws(StateError) {
        guard bytes.count >= 8, bytes[0..<4] == [0x00, 0x61, 0x73, 0x6d] else {
            throw StateError(
                .invalidInput, "not a WebAssembly module (no \\0asm magic)", offset: 0,
                hint: "`:code` should hold the runtime's wasm, possibly zstd-compressed behind Substrate's prefix")
        }
        guard bytes[4..<8] == [0x01, 0x00, 0x00, 0x00] else {
            throw StateError(.invalidInput, "unsupported WebAssembly version", offset: 4, hint: "only version 1 modules are read")
        }
        var offset = 8
        var sections: [(String, [UInt8])] = []
        while offset < bytes.count {
            let sectionStart = offset
            let id = bytes[offset]
            offset += 1
            let size = try Self.readULEB32(bytes, &offset)
            guard size <= bytes.count - offset else {
                throw StateError(
                    .truncatedInput, "section \(id) claims \(size) bytes but only \(bytes.count - offset) remain",
                    offset: sectionStart, hint: "the wasm blob is truncated or damaged")
            }
            let end = offset + size
            if id == 0 {
                var cursor = offset
                let nameLength = try Self.readULEB32(bytes, &cursor)
                guard nameLength <= end - cursor, let name = String(validating: bytes[cursor..<cursor + nameLength], as: UTF8.self) else {
                    throw StateError(
                        .invalidValue, "custom section name is not valid UTF-8 within the section", offset: cursor,
                        hint: "the wasm blob is damaged")
                }
                cursor += nameLength
                sections.append((name, Array(bytes[cursor..<end])))
            }
            offset = end
        }
        customSections = sections
    }

    /// The payload of the first custom section named `name`.
    public func customSection(named name: String) -> [UInt8]? {
        customSections.first { $0.name == name }?.payload
    }

    private static func readULEB32(_ bytes: [UInt8], _ offset: inout Int) throws(StateError) -> Int {
        var result: UInt32 = 0
        var shift: UInt32 = 0
        let start = offset
        while true {
            guard offset < bytes.count else {
                throw StateError(.truncatedInput, "LEB128 number runs past the end", offset: start, hint: "the wasm blob is truncated")
            }
            let byte = bytes[offset]
            offset += 1
            guard shift < 35, !(shift == 28 && byte & 0x70 != 0) else {
                throw StateError(.invalidValue, "LEB128 number is longer than 32 bits", offset: start, hint: "the wasm blob is damaged")
            }
            result |= UInt32(byte & 0x7f) << shift
            if byte & 0x80 == 0 { return Int(result) }
            shift += 7
        }
    }
}
