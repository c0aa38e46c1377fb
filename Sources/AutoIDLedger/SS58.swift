import AutoIDHashing

/// SS58 addresses: how Substrate chains write an `AccountId32` for people.
///
/// `base58(prefix ++ account ++ checksum)`, where `prefix` is the chain's address format (`ss58Format` in
/// a chain spec's `properties`: 42 for a generic Substrate chain, 0 for Polkadot) in one byte (0 to 63) or
/// two (64 to 16383), and `checksum` is the first two bytes of `blake2b_512("SS58PRE" ++ prefix ++ account)`.
/// The base58 alphabet is Bitcoin's. Facts from Substrate's SS58 specification (the "External Address
/// Format" page of its wiki) and `sp-core`'s `crypto.rs`; only 32-byte account ids are read or written here.
public enum SS58 {
    /// The largest address format: 14 bits.
    public static let maxFormat: UInt16 = 16383
    /// Format 46 and 47 are reserved by the specification and never name a network.
    public static let reservedFormats: Set<UInt16> = [46, 47]
    /// The longest SS58 text of a 32-byte account (2 prefix bytes + 32 + 2 checksum bytes in base58 is 49
    /// characters); longer input is refused before any arithmetic.
    public static let maxTextLength = 50

    static let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)
    static let digitValues: [Int8] = {
        var table = [Int8](repeating: -1, count: 128)
        for (value, character) in alphabet.enumerated() { table[Int(character)] = Int8(value) }
        return table
    }()
    static let checksumPreamble = Array("SS58PRE".utf8)

    /// The address of `account` (32 bytes) under `format` (0 to ``maxFormat``).
    public static func encode(_ account: [UInt8], format: UInt16) -> String {
        precondition(account.count == 32 && format <= maxFormat, "SS58 takes a 32-byte account and a 14-bit format")
        let prefix = prefixBytes(format)
        let body = prefix + account
        let checksum = BLAKE2b.hash(checksumPreamble + body, outputByteCount: 64).prefix(2)
        return base58(body + checksum)
    }

    /// The account and address format of an SS58 `text`; checks the checksum.
    public static func decode(_ text: some StringProtocol) throws(AccountIDError) -> (account: [UInt8], format: UInt16) {
        guard text.utf8.count <= maxTextLength else { throw .tooLong }
        let bytes = try base58Decode(text)
        guard let first = bytes.first, bytes.count == 35 || bytes.count == 36 else { throw .badLength(bytes.count) }
        let format: UInt16
        let prefixLength: Int
        switch first {
        case 0..<64:
            format = UInt16(first)
            prefixLength = 1
        case 64..<128 where bytes.count == 36:
            // The two-byte form: the low 6 bits of the first byte and the high 2 bits of the second are the
            // format's low byte; the second byte's low 6 bits are its high bits.
            let low = UInt16((first << 2) | (bytes[1] >> 6))
            let high = UInt16(bytes[1] & 0b0011_1111)
            format = low | (high << 8)
            prefixLength = 2
        default:
            throw .badLength(bytes.count)
        }
        guard bytes.count == prefixLength + 34 else { throw .badLength(bytes.count) }
        guard !reservedFormats.contains(format) else { throw .reservedFormat(format) }
        let body = Array(bytes[..<(prefixLength + 32)])
        let checksum = BLAKE2b.hash(checksumPreamble + body, outputByteCount: 64).prefix(2)
        guard checksum.elementsEqual(bytes[(prefixLength + 32)...]) else { throw .badChecksum }
        return (Array(body[prefixLength...]), format)
    }

    /// The one or two prefix bytes of `format`.
    static func prefixBytes(_ format: UInt16) -> [UInt8] {
        if format < 64 { return [UInt8(format)] }
        return [
            UInt8((format & 0b1111_1100) >> 2) | 0b0100_0000,
            UInt8(format >> 8) | UInt8((format & 0b11) << 6),
        ]
    }

    /// Bitcoin's base58: leading zero bytes as '1', the rest as a big number in base 58.
    static func base58(_ bytes: [UInt8]) -> String {
        let zeros = bytes.prefix { $0 == 0 }.count
        var digits: [UInt8] = []  // base-58 digits, least significant first
        for byte in bytes[zeros...] {
            var carry = Int(byte)
            for index in digits.indices {
                carry += Int(digits[index]) << 8
                digits[index] = UInt8(carry % 58)
                carry /= 58
            }
            while carry > 0 {
                digits.append(UInt8(carry % 58))
                carry /= 58
            }
        }
        return String(decoding: [UInt8](repeating: alphabet[0], count: zeros) + digits.reversed().map { alphabet[Int($0)] }, as: UTF8.self)
    }

    static func base58Decode(_ text: some StringProtocol) throws(AccountIDError) -> [UInt8] {
        let characters = Array(text.utf8)
        let ones = characters.prefix { $0 == alphabet[0] }.count
        var bytes: [UInt8] = []  // least significant first
        for character in characters[ones...] {
            guard character < 128, case let value = digitValues[Int(character)], value >= 0 else {
                throw .notBase58(Character(Unicode.Scalar(character)))
            }
            var carry = Int(value)
            for index in bytes.indices {
                carry += Int(bytes[index]) * 58
                bytes[index] = UInt8(carry & 0xff)
                carry >>= 8
            }
            while carry > 0 {
                bytes.append(UInt8(carry & 0xff))
                carry >>= 8
            }
        }
        return [UInt8](repeating: 0, count: ones) + bytes.reversed()
    }
}
