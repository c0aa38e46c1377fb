// SCALE codec (Substrate's "Simple Concatenated Aggregate Little-Endian").
//
// Strict decoding: short input, leftover bytes (when decoding a whole value with
// `SCALEDecoder.decode(_:from:)`), non-canonical compact integers, invalid bool/option/
// enum tags and invalid UTF-8 are all errors that carry the byte offset.

/// A value that can be written in SCALE.
public protocol SCALEEncodable {
    func encode(to encoder: inout SCALEEncoder)
}

/// A value that can be read from SCALE.
public protocol SCALEDecodable {
    init(from decoder: inout SCALEDecoder) throws(StateError)
}

public typealias SCALECodable = SCALEEncodable & SCALEDecodable

// MARK: - Encoder

public struct SCALEEncoder: Sendable {
    public private(set) var bytes: [UInt8]

    public init(reservingCapacity capacity: Int = 0) {
        bytes = []
        if capacity > 0 { bytes.reserveCapacity(capacity) }
    }

    /// Encodes one value to a fresh byte array.
    public static func encode<T: SCALEEncodable>(_ value: T) -> [UInt8] {
        var e = SCALEEncoder()
        value.encode(to: &e)
        return e.bytes
    }

    public mutating func encode<T: SCALEEncodable>(_ value: T) {
        value.encode(to: &self)
    }

    /// Encodes a tuple's elements one after the other (SCALE tuples have no framing).
    public mutating func encodeTuple<each T: SCALEEncodable>(_ values: repeat each T) {
        repeat (each values).encode(to: &self)
    }

    public mutating func appendByte(_ byte: UInt8) { bytes.append(byte) }

    /// Appends raw bytes with no length prefix (fixed-size arrays, hashes).
    public mutating func appendRaw<C: Collection>(_ raw: C) where C.Element == UInt8 {
        bytes.append(contentsOf: raw)
    }

    /// Appends a byte vector: compact length, then the bytes.
    public mutating func appendByteVector<C: Collection>(_ raw: C) where C.Element == UInt8 {
        appendCompact(UInt64(raw.count))
        bytes.append(contentsOf: raw)
    }

    /// Appends an enum variant index (one byte).
    public mutating func appendEnumTag(_ tag: UInt8) { bytes.append(tag) }

    /// Appends a fixed-size array: the elements with no length prefix.
    public mutating func appendFixedArray<T: SCALEEncodable>(_ elements: [T]) {
        for e in elements { e.encode(to: &self) }
    }

    public mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        var v = value.littleEndian
        withUnsafeBytes(of: &v) { bytes.append(contentsOf: $0) }
    }

    /// Appends a compact integer in the smallest (canonical) mode.
    public mutating func appendCompact(_ value: UInt64) {
        if value < 1 << 6 {
            bytes.append(UInt8(value) << 2)
        } else if value < 1 << 14 {
            appendLittleEndian(UInt16(value) << 2 | 0b01)
        } else if value < 1 << 30 {
            appendLittleEndian(UInt32(value) << 2 | 0b10)
        } else {
            let n = (64 - value.leadingZeroBitCount + 7) / 8  // 4...8
            bytes.append(UInt8(n - 4) << 2 | 0b11)
            for i in 0..<n { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(i)))) }
        }
    }

    public mutating func appendCompact(_ value: UInt128) {
        if value <= UInt128(UInt64.max) {
            appendCompact(UInt64(value))
            return
        }
        let n = (128 - value.leadingZeroBitCount + 7) / 8  // 9...16
        bytes.append(UInt8(n - 4) << 2 | 0b11)
        for i in 0..<n { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * i))) }
    }

    /// Appends a compact integer given as little-endian magnitude bytes (any size up to 67 bytes).
    public mutating func appendCompact(littleEndianMagnitude magnitude: [UInt8]) {
        var n = magnitude.count
        while n > 0 && magnitude[n - 1] == 0 { n -= 1 }
        precondition(n <= 67, "compact integers hold at most 67 bytes (536 bits)")
        if n <= 8 {
            var v: UInt64 = 0
            for i in 0..<n { v |= UInt64(magnitude[i]) << (8 * UInt64(i)) }
            appendCompact(v)
            return
        }
        bytes.append(UInt8(n - 4) << 2 | 0b11)
        bytes.append(contentsOf: magnitude[0..<n])
    }
}

// MARK: - Decoder

public struct SCALEDecoder: Sendable {
    public let bytes: [UInt8]
    /// Offset of the next unread byte.
    public private(set) var offset: Int

    public init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    public var remaining: Int { bytes.count - offset }
    public var isAtEnd: Bool { offset >= bytes.count }

    /// Decodes one value that must span all of `bytes`.
    public static func decode<T: SCALEDecodable>(_ type: T.Type, from bytes: [UInt8]) throws(StateError) -> T {
        var d = SCALEDecoder(bytes)
        let v = try T(from: &d)
        try d.finish(what: "\(T.self)")
        return v
    }

    /// Errors if any input is left unread.
    public func finish(what: String = "value") throws(StateError) {
        if offset != bytes.count {
            throw StateError(
                .trailingBytes,
                "\(bytes.count - offset) byte(s) left over after decoding \(what) from \(bytes.count) bytes",
                offset: offset,
                hint: "Check that the input holds exactly one encoded \(what) and that the type matches the encoder's")
        }
    }

    public mutating func decode<T: SCALEDecodable>(_ type: T.Type = T.self) throws(StateError) -> T {
        try T(from: &self)
    }

    /// Decodes a tuple's elements one after the other.
    public mutating func decodeTuple<each T: SCALEDecodable>(_ types: repeat (each T).Type) throws(StateError) -> (repeat each T) {
        return (repeat try (each T)(from: &self))
    }

    func truncated(_ what: String, needed: Int) -> StateError {
        StateError(
            .truncatedInput,
            "input ended while reading \(what): needed \(needed) byte(s), \(max(0, remaining)) left of \(bytes.count)",
            offset: offset,
            hint: "The input is cut short or the wrong type is being decoded; supply the complete encoding")
    }

    public mutating func readByte(_ what: String = "byte") throws(StateError) -> UInt8 {
        guard offset < bytes.count else { throw truncated(what, needed: 1) }
        let b = bytes[offset]
        offset += 1
        return b
    }

    /// Reads `count` raw bytes (fixed-size byte array, no length prefix).
    public mutating func readBytes(_ count: Int, _ what: String = "bytes") throws(StateError) -> [UInt8] {
        guard count >= 0, count <= remaining else { throw truncated(what, needed: count) }
        let out = Array(bytes[offset..<offset + count])
        offset += count
        return out
    }

    public mutating func readLittleEndian<T: FixedWidthInteger>(_ type: T.Type) throws(StateError) -> T {
        let size = MemoryLayout<T>.size
        guard size <= remaining else { throw truncated("\(T.self)", needed: size) }
        var v: T = 0
        for i in 0..<size { v |= T(truncatingIfNeeded: bytes[offset + i]) << (8 * i) }
        offset += size
        return v
    }

    /// Reads a compact integer as little-endian magnitude bytes (canonical, any size up to 67 bytes).
    /// The result has no trailing zero bytes (zero is `[]`).
    public mutating func decodeCompactMagnitude() throws(StateError) -> [UInt8] {
        let start = offset
        let first = try readByte("compact integer")
        switch first & 0b11 {
        case 0b00, 0b01, 0b10:
            offset = start
            var v = try decodeCompactUInt64()
            var out: [UInt8] = []
            while v != 0 {
                out.append(UInt8(truncatingIfNeeded: v))
                v >>= 8
            }
            return out
        default:
            let n = Int(first >> 2) + 4
            if n <= 8 {
                offset = start
                var v = try decodeCompactUInt64()
                var out: [UInt8] = []
                while v != 0 {
                    out.append(UInt8(truncatingIfNeeded: v))
                    v >>= 8
                }
                return out
            }
            let mag = try readBytes(n, "big-integer compact payload")
            if mag[n - 1] == 0 {
                throw nonCanonical(start, "big-integer mode with \(n) bytes has a zero top byte")
            }
            return mag
        }
    }

    func nonCanonical(_ at: Int, _ why: String) -> StateError {
        StateError(
            .nonCanonicalCompact, "non-canonical compact integer: \(why)", offset: at,
            hint: "Compact integers must use the shortest mode; re-encode the value canonically")
    }

    /// Reads a compact integer that must fit in 64 bits.
    public mutating func decodeCompactUInt64() throws(StateError) -> UInt64 {
        let start = offset
        let first = try readByte("compact integer")
        switch first & 0b11 {
        case 0b00:
            return UInt64(first >> 2)
        case 0b01:
            offset = start
            let v = UInt64(try readLittleEndian(UInt16.self) >> 2)
            if v < 1 << 6 { throw nonCanonical(start, "two-byte mode holds \(v), which fits the one-byte mode") }
            return v
        case 0b10:
            offset = start
            let v = UInt64(try readLittleEndian(UInt32.self) >> 2)
            if v < 1 << 14 { throw nonCanonical(start, "four-byte mode holds \(v), which fits a shorter mode") }
            return v
        default:
            let n = Int(first >> 2) + 4
            if n > 8 {
                // Either too large for 64 bits or non-canonical; find out which for a useful message.
                offset = start
                _ = try decodeCompactMagnitude()
                offset = start
                throw StateError(
                    .compactOverflow, "compact integer of \(n) bytes does not fit in 64 bits", offset: start,
                    hint: "Decode it with a wider type (decodeCompactUInt128 / decodeCompactMagnitude)")
            }
            guard n <= remaining else { throw truncated("big-integer compact payload", needed: n) }
            var v: UInt64 = 0
            for i in 0..<n { v |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
            offset += n
            if bytes[offset - 1] == 0 { throw nonCanonical(start, "big-integer mode with \(n) bytes has a zero top byte") }
            if v < 1 << 30 { throw nonCanonical(start, "big-integer mode holds \(v), which fits the four-byte mode") }
            return v
        }
    }

    /// Reads a compact integer that must fit in 128 bits.
    public mutating func decodeCompactUInt128() throws(StateError) -> UInt128 {
        let start = offset
        let mag = try decodeCompactMagnitude()
        if mag.count > 16 {
            throw StateError(
                .compactOverflow, "compact integer of \(mag.count) bytes does not fit in 128 bits", offset: start,
                hint: "Decode it with decodeCompactMagnitude")
        }
        var v: UInt128 = 0
        for (i, b) in mag.enumerated() { v |= UInt128(b) << (8 * i) }
        return v
    }

    /// Reads a compact-encoded length and checks that it can fit in the remaining input,
    /// assuming every element takes at least one byte (true for all built-in conformances).
    public mutating func decodeLength(_ what: String) throws(StateError) -> Int {
        let start = offset
        let n = try decodeCompactUInt64()
        if n > UInt64(remaining) {
            throw StateError(
                .lengthOutOfRange,
                "length prefix of \(what) says \(n) but only \(remaining) byte(s) follow",
                offset: start,
                hint: "The input is truncated or not a \(what); supply the complete encoding")
        }
        return Int(n)
    }

    /// Reads a byte vector (compact length + bytes).
    public mutating func decodeByteVector(_ what: String = "byte vector") throws(StateError) -> [UInt8] {
        let n = try decodeLength(what)
        return try readBytes(n, what)
    }

    /// Reads an enum variant index that must be below `variantCount`.
    public mutating func decodeEnumTag(variantCount: Int, of what: String) throws(StateError) -> UInt8 {
        let start = offset
        let tag = try readByte("\(what) variant index")
        if Int(tag) >= variantCount {
            throw StateError(
                .invalidValue, "\(what) has no variant \(tag) (valid: 0..<\(variantCount))", offset: start,
                hint: "The input is corrupt or encodes a different type")
        }
        return tag
    }

    /// Reads a fixed-size array (no length prefix).
    public mutating func decodeFixedArray<T: SCALEDecodable>(_ type: T.Type, count: Int) throws(StateError) -> [T] {
        var out: [T] = []
        out.reserveCapacity(min(count, remaining))
        for _ in 0..<count { out.append(try T(from: &self)) }
        return out
    }
}

// MARK: - Conformances

extension Bool: SCALECodable {
    public func encode(to encoder: inout SCALEEncoder) { encoder.appendByte(self ? 1 : 0) }
    public init(from decoder: inout SCALEDecoder) throws(StateError) {
        let start = decoder.offset
        switch try decoder.readByte("bool") {
        case 0: self = false
        case 1: self = true
        case let b:
            throw StateError(
                .invalidValue, "bool byte is 0x\(String(b, radix: 16)), not 0x00 or 0x01", offset: start,
                hint: "The input is corrupt or encodes a different type")
        }
    }
}

extension UInt8: SCALECodable {
    public func encode(to encoder: inout SCALEEncoder) { encoder.appendByte(self) }
    public init(from decoder: inout SCALEDecoder) throws(StateError) { self = try decoder.readByte("u8") }
}
extension UInt16: SCALECodable {
    public func encode(to encoder: inout SCALEEncoder) { encoder.appendLittleEndian(self) }
    public init(from decoder: inout SCALEDecoder) throws(StateError) { self = try decoder.readLittleEndian(Self.self) }
}
extension UInt32: SCALECodable {
    public func encode(to encoder: inout SCALEEncoder) { encoder.appendLittleEndian(self) }
    public init(from decoder: inout SCALEDecoder) throws(StateError) { self = try decoder.readLittleEndian(Self.self) }
}
extension UInt64: SCALECodable {
    public func encode(to encoder: inout SCALEEncoder) { encoder.appendLittleEndian(self) }
    public init(from decoder: inout SCALEDecoder) throws(StateError) { self = try decoder.readLittleEndian(Self.self) }
}
extension UInt128: SCALECodable {
    public func encode(to encoder: inout SCALEEncoder) { encoder.appendLittleEndian(self) }
    public init(from decoder: inout SCALEDecoder) throws(StateError) { self = try decoder.readLittleEndian(Self.self) }
}
extension Int8: SCALECodable {
    public func encode(to encoder: inout SCALEEncoder) { encoder.appendLittleEndian(self) }
    public init(from decoder: inout SCALEDecoder) throws(StateError) { self = try decoder.readLittleEndian(Self.self) }
}
extension Int16: SCALECodable {
    public func encode(to encoder: inout SCALEEncoder) { encoder.appendLittleEndian(self) }
    public init(from decoder: inout SCALEDecoder) throws(StateError) { self = try decoder.readLittleEndian(Self.self) }
}
extension Int32: SCALECodable {
    public func encode(to encoder: inout SCALEEncoder) { encoder.appendLittleEndian(self) }
    public init(from decoder: inout SCALEDecoder) throws(StateError) { self = try decoder.readLittleEndian(Self.self) }
}
extension Int64: SCALECodable {
    public func encode(to encoder: inout SCALEEncoder) { encoder.appendLittleEndian(self) }
    public init(from decoder: inout SCALEDecoder) throws(StateError) { self = try decoder.readLittleEndian(Self.self) }
}
extension Int128: SCALECodable {
    public func encode(to encoder: inout SCALEEncoder) { encoder.appendLittleEndian(self) }
    public init(from decoder: inout SCALEDecoder) throws(StateError) { self = try decoder.readLittleEndian(Self.self) }
}

/// `Option<T>`: 0x00 = None, 0x01 + T = Some. `Option<bool>` uses parity-scale-codec's
/// single-byte form: 0x00 = None, 0x01 = Some(true), 0x02 = Some(false).
extension Optional: SCALEEncodable where Wrapped: SCALEEncodable {
    public func encode(to encoder: inout SCALEEncoder) {
        if Wrapped.self == Bool.self {
            switch self {
            case .none: encoder.appendByte(0)
            case .some(let v): encoder.appendByte((v as! Bool) ? 1 : 2)
            }
            return
        }
        switch self {
        case .none: encoder.appendByte(0)
        case .some(let v):
            encoder.appendByte(1)
            v.encode(to: &encoder)
        }
    }
}

extension Optional: SCALEDecodable where Wrapped: SCALEDecodable {
    public init(from decoder: inout SCALEDecoder) throws(StateError) {
        let start = decoder.offset
        let tag = try decoder.readByte("Option tag")
        if Wrapped.self == Bool.self {
            switch tag {
            case 0: self = .none
            case 1: self = .some(true as! Wrapped)
            case 2: self = .some(false as! Wrapped)
            default:
                throw StateError(
                    .invalidValue, "Option<bool> byte is \(tag), not 0, 1 or 2", offset: start,
                    hint: "The input is corrupt or encodes a different type")
            }
            return
        }
        switch tag {
        case 0: self = .none
        case 1: self = .some(try Wrapped(from: &decoder))
        default:
            throw StateError(
                .invalidValue, "Option tag is \(tag), not 0 (None) or 1 (Some)", offset: start,
                hint: "The input is corrupt or encodes a different type")
        }
    }
}

/// `Vec<T>`: compact length, then the elements.
extension Array: SCALEEncodable where Element: SCALEEncodable {
    public func encode(to encoder: inout SCALEEncoder) {
        if Element.self == UInt8.self {
            encoder.appendByteVector(unsafeBitCast(self, to: [UInt8].self))
            return
        }
        encoder.appendCompact(UInt64(count))
        for e in self { e.encode(to: &encoder) }
    }
}

extension Array: SCALEDecodable where Element: SCALEDecodable {
    public init(from decoder: inout SCALEDecoder) throws(StateError) {
        if Element.self == UInt8.self {
            self = unsafeBitCast(try decoder.decodeByteVector("Vec<u8>"), to: [Element].self)
            return
        }
        let n = try decoder.decodeLength("Vec<\(Element.self)>")
        var out: [Element] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try Element(from: &decoder)) }
        self = out
    }
}

/// `String`: compact byte length, then UTF-8.
extension String: SCALECodable {
    public func encode(to encoder: inout SCALEEncoder) { encoder.appendByteVector(Array(utf8)) }
    public init(from decoder: inout SCALEDecoder) throws(StateError) {
        let start = decoder.offset
        let raw = try decoder.decodeByteVector("string")
        guard let s = String(validating: raw, as: UTF8.self) else {
            throw StateError(
                .invalidValue, "string of \(raw.count) bytes is not valid UTF-8", offset: start,
                hint: "The input is corrupt or encodes raw bytes; decode it as [UInt8] instead")
        }
        self = s
    }
}

/// `Result<T, E>`: 0x00 + T = Ok, 0x01 + E = Err.
extension Result: SCALEEncodable where Success: SCALEEncodable, Failure: SCALEEncodable {
    public func encode(to encoder: inout SCALEEncoder) {
        switch self {
        case .success(let v):
            encoder.appendEnumTag(0)
            v.encode(to: &encoder)
        case .failure(let e):
            encoder.appendEnumTag(1)
            e.encode(to: &encoder)
        }
    }
}

extension Result: SCALEDecodable where Success: SCALEDecodable, Failure: SCALEDecodable {
    public init(from decoder: inout SCALEDecoder) throws(StateError) {
        switch try decoder.decodeEnumTag(variantCount: 2, of: "Result") {
        case 0: self = .success(try Success(from: &decoder))
        default: self = .failure(try Failure(from: &decoder))
        }
    }
}

/// A value that SCALE-encodes as a compact integer (`Compact<T>` in Rust).
public struct Compact<T: UnsignedInteger & FixedWidthInteger & Sendable>: SCALECodable, Hashable, Sendable {
    public let value: T
    public init(_ value: T) { self.value = value }

    public func encode(to encoder: inout SCALEEncoder) {
        if T.bitWidth <= 64 { encoder.appendCompact(UInt64(value)) } else { encoder.appendCompact(UInt128(value)) }
    }

    public init(from decoder: inout SCALEDecoder) throws(StateError) {
        let start = decoder.offset
        let wide = try decoder.decodeCompactUInt128()
        guard let v = T(exactly: wide) else {
            throw StateError(
                .compactOverflow, "compact integer \(wide) does not fit in \(T.self)", offset: start,
                hint: "The input encodes a larger integer type; decode it with a wider Compact type")
        }
        value = v
    }
}
