/// Lowercase hexadecimal, the way digests are printed everywhere in autoid.
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    /// Encodes bytes as lowercase hex.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        // Arrays and slices (every caller's) are encoded from their storage: iterating an unspecialized
        // sequence looked its iterator type up at run time, which on first use scanned every protocol
        // conformance in the tool (perf: ~1.5% of a one-file verification).
        if let text = bytes.withContiguousStorageIfAvailable({ encode(buffer: $0) }) { return text }
        return Array(bytes).withUnsafeBufferPointer { encode(buffer: $0) }
    }

    private static func encode(buffer: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: buffer.count * 2) { out in
            for (index, byte) in buffer.enumerated() {
                out[2 * index] = digits[Int(byte >> 4)]
                out[2 * index + 1] = digits[Int(byte & 0x0f)]
            }
            return buffer.count * 2
        }
    }

    /// Decodes hex (either case, optional `0x` prefix); `nil` for odd length or a non-hex character.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        // Native strings are contiguous UTF-8: decode in place, no copy (state snapshots hold millions).
        if let decoded = text.utf8.withContiguousStorageIfAvailable({ decode(utf8: $0) }) { return decoded }
        return Array(text.utf8).withUnsafeBufferPointer { decode(utf8: $0) }
    }

    private static func decode(utf8: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var start = 0
        if utf8.count >= 2, utf8[0] == UInt8(ascii: "0"), utf8[1] | 0x20 == UInt8(ascii: "x") { start = 2 }
        guard (utf8.count - start) % 2 == 0 else { return nil }
        var valid = true
        let out = [UInt8](unsafeUninitializedCapacity: (utf8.count - start) / 2) { buffer, count in
            var index = start
            count = 0
            while index < utf8.count {
                let high = value(utf8[index])
                let low = value(utf8[index + 1])
                guard (high | low) & 0xF0 == 0 else {
                    valid = false
                    return
                }
                buffer[count] = high << 4 | low
                count += 1
                index += 2
            }
        }
        return valid ? out : nil
    }

    /// The value of one hex digit, or 0xFF for any other byte.
    @inline(__always)
    private static func value(_ c: UInt8) -> UInt8 {
        let digit = c &- UInt8(ascii: "0")
        if digit < 10 { return digit }
        let letter = (c | 0x20) &- UInt8(ascii: "a")
        return letter < 6 ? letter + 10 : 0xFF
    }
}
