import AutoIDHashing
public import AutoIDVerdict

/// An `AccountId32` as people write it: `0x` and 64 hex digits, or an SS58 address (any network's
/// format; the address format only says which network it was written for, the account is the same 32 bytes).
public enum AccountID {
    /// The 32 bytes of `text`.
    public static func parse(_ text: some StringProtocol) throws(AccountIDError) -> [UInt8] {
        if text.hasPrefix("0x") {
            guard text.utf8.count == 66, let bytes = Hex.decode(text) else { throw .notHex }
            return bytes
        }
        return try SS58.decode(text).account
    }

    /// `0x…` and, with an address format, its SS58 address in parentheses: how reports name accounts.
    public static func describe(_ account: [UInt8], format: UInt16?) -> String {
        "0x" + Hex.encode(account) + (format.map { " (\(SS58.encode(account, format: $0)))" } ?? "")
    }

    /// The SS58 address of a `0x`-prefixed hex account as reports keep them, when it is one and a format is known.
    static func ss58(ofHex text: String, format: UInt16?) -> String? {
        guard let format, text.hasPrefix("0x"), text.utf8.count == 66, let bytes = Hex.decode(text) else { return nil }
        return SS58.encode(bytes, format: format)
    }
}

/// Why a text is not an `AccountId32` (hex or SS58). Parsers of larger inputs fold it into their own error.
public enum AccountIDError: Error, Sendable, Hashable, CustomStringConvertible {
    case notHex
    case tooLong
    case notBase58(Character)
    case badLength(Int)
    case reservedFormat(UInt16)
    case badChecksum

    public var description: String {
        switch self {
        case .notHex: "an AccountId32 in hex is 0x and 64 hex digits"
        case .tooLong: "longer than the \(SS58.maxTextLength) characters of an SS58 account address"
        case .notBase58(let character): "'\(character)' is not a base58 character (neither 0x and 64 hex digits nor an SS58 address)"
        case .badLength(let count): "decodes to \(count) bytes; an SS58 address of an AccountId32 has 35 or 36"
        case .reservedFormat(let format): "SS58 address format \(format) is reserved and names no network"
        case .badChecksum: "the SS58 checksum does not match (a mistyped address?)"
        }
    }
}

extension AccountIDError: ReportableError {
    /// Every account id that does not parse is malformed input.
    public var exitStatus: ExitStatus { .malformedInput }
}
