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
        let count = (utf8.count - start) / 2
        guard count > 0, let base = utf8.baseAddress else { return [] }
        var valid = true
        let out = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            valid = decode(digits: base + start, count: count, into: buffer.baseAddress!)
            initialized = valid ? count : 0
        }
        return valid ? out : nil
    }

    /// Decodes the `2 * count` hex digits (either case) at `digits` into `count` bytes at `out`;
    /// false if any of them is not a hex digit (`out` then holds unspecified bytes). Sixteen digits at
    /// a time in one vector (SSE2 on x86-64, NEON on ARM): state snapshots are mostly hex, and the
    /// table-per-digit loop was a tenth of a snapshot audit.
    public static func decode(digits: UnsafePointer<UInt8>, count: Int, into out: UnsafeMutablePointer<UInt8>) -> Bool {
        var index = 0
        // Only wrapping arithmetic, shifts and bitwise operations: the standard library's SIMD
        // comparisons compile to a loop over the lanes. A byte b is at most `limit` (< 0x80) exactly
        // when the top bits of both b and b + (0x7F - limit) are clear.
        var invalid = SIMD16<UInt8>()
        while index + 8 <= count {
            let characters = UnsafeRawPointer(digits + 2 * index).loadUnaligned(as: SIMD16<UInt8>.self)
            let digit = characters &- 0x30
            let letter = (characters | 0x20) &- 0x61
            let notDigit = ((digit &+ 0x76) | digit) & 0x80
            let notLetter = ((letter &+ 0x7A) | letter) & 0x80
            invalid |= notDigit & notLetter
            // 0xFF in the lanes that hold a decimal digit, 0 elsewhere.
            let digitLanes = unsafeBitCast(unsafeBitCast(notDigit ^ 0x80, to: SIMD16<Int8>.self) &>> 7, to: SIMD16<UInt8>.self)
            let values = (digit & digitLanes) | ((letter &+ 10) & ~digitLanes)
            // Little-endian pairs: each 16-bit lane holds a high digit, then a low one.
            let pairs = unsafeBitCast(values, to: SIMD8<UInt16>.self)
            let bytes = ((pairs & 0x0F) &<< 4) | (pairs &>> 8)
            UnsafeMutableRawPointer(out + index).storeBytes(of: SIMD8<UInt8>(truncatingIfNeeded: bytes), as: SIMD8<UInt8>.self)
            index += 8
        }
        let words = unsafeBitCast(invalid, to: SIMD2<UInt64>.self)
        var bad: UInt8 = words[0] | words[1] == 0 ? 0 : 0xF0
        while index < count {
            let high = value(digits[2 * index])
            let low = value(digits[2 * index + 1])
            bad |= high | low
            out[index] = high << 4 | low
            index += 1
        }
        return bad & 0xF0 == 0
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
