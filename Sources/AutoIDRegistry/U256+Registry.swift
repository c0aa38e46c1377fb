public import AutoIDState

extension U256 {
    /// The integer whose unsigned big-endian bytes are `bytes` (leading zeros allowed); `nil` above 2^256 - 1.
    public init?(bigEndianBytes bytes: some Collection<UInt8>) {
        let significant = Array(bytes.drop { $0 == 0 })
        guard significant.count <= 32 else { return nil }
        self.init(littleEndianBytes: significant.reversed() + [UInt8](repeating: 0, count: 32 - significant.count))!
    }

    /// `0x`-prefixed big-endian hex without leading zeros (`0x0` for zero), as Substrate's JSON shows a U256.
    public var hex: String {
        let bigEndian = littleEndianBytes.reversed().drop { $0 == 0 }
        guard !bigEndian.isEmpty else { return "0x0" }
        let digits = bigEndian.map { byte in
            let text = String(byte, radix: 16)
            return text.count == 1 ? "0" + text : text
        }.joined()
        return "0x" + String(digits.drop { $0 == "0" })
    }
}
