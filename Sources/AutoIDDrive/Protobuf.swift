/// The few protobuf encodings Auto Drive nodes use, written by hand (proto3 wire format): varints,
/// varint fields and length-delimited fields, appended to a byte array.
struct ProtobufWriter {
    private(set) var bytes: [UInt8] = []

    init(reservingCapacity capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// The number of bytes `value` takes as a varint.
    static func varintLength(_ value: UInt64) -> Int {
        value == 0 ? 1 : (64 - value.leadingZeroBitCount + 6) / 7
    }

    /// Base-128 varint: seven bits a byte, least significant first, high bit set on all but the last.
    mutating func varint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// A varint field (wire type 0): key `number << 3`, then the value.
    mutating func field(_ number: UInt64, varint value: UInt64) {
        varint(number << 3)
        varint(value)
    }

    /// A length-delimited field (wire type 2): key `number << 3 | 2`, length, bytes.
    mutating func field(_ number: UInt64, bytes value: some Collection<UInt8>) {
        fieldHeader(number, length: value.count)
        bytes.append(contentsOf: value)
    }

    /// The key and length of a length-delimited field whose `length` bytes the caller appends (or hashes
    /// in place: a chunk node's data is never copied).
    mutating func fieldHeader(_ number: UInt64, length: Int) {
        varint(number << 3 | 2)
        varint(UInt64(length))
    }
}
