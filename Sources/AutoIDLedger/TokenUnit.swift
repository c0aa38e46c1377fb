public import AutoIDJSON

/// How a chain shows amounts: its token's symbol and the number of decimals between the smallest unit
/// stored in state and one token (Substrate chain specs say both under `properties`: `tokenSymbol`,
/// `tokenDecimals`; Autonomys' AI3 has 18).
public struct TokenUnit: Sendable, Hashable {
    /// The largest number of decimals accepted; `u128::MAX` has 39 digits.
    public static let maxDecimals = 38

    /// The symbol printed after amounts, or `nil` to print bare numbers.
    public var symbol: String?
    /// Digits after the decimal point; 0 prints amounts in the smallest unit.
    public var decimals: Int

    public init(symbol: String? = nil, decimals: Int = 0) {
        self.symbol = symbol
        self.decimals = min(max(0, decimals), Self.maxDecimals)
    }

    /// The unit a chain spec's `properties` declare (`tokenSymbol` and `tokenDecimals`, each a value or an
    /// array whose first element is the native token's). Values of the wrong type, symbols that are not
    /// short printable text and out-of-range decimals are left out and reported in `problems`.
    public static func from(properties: JSONValue?) -> (unit: TokenUnit, problems: [String]) {
        var unit = TokenUnit()
        var problems: [String] = []
        guard let properties, properties.objectValue != nil else { return (unit, problems) }
        let first: (JSONValue?) -> JSONValue? = { value in value?.arrayValue?.first ?? value }
        if let symbolValue = properties["tokenSymbol"] {
            if let symbol = first(symbolValue)?.stringValue, isPrintableSymbol(symbol) {
                unit.symbol = symbol
            } else {
                problems.append("properties.tokenSymbol is not a short printable string; amounts print without a symbol")
            }
        }
        if let decimalsValue = properties["tokenDecimals"] {
            if let decimals = first(decimalsValue)?.intValue, (0...maxDecimals).contains(decimals) {
                unit.decimals = decimals
            } else {
                problems.append("properties.tokenDecimals is not an integer from 0 to \(maxDecimals); amounts print in the smallest unit")
            }
        }
        return (unit, problems)
    }

    /// Whether `symbol` is safe and short enough to print after every amount: 1 to 16 letters or digits.
    public static func isPrintableSymbol(_ symbol: String) -> Bool {
        (1...16).contains(symbol.unicodeScalars.count)
            && symbol.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
    }

    /// `amount` in tokens, exactly: the integer part, and the fraction without trailing zeros (no
    /// rounding), then the symbol: `1234.5 AI3`, `0.000000000000000001 AI3`, `7 AI3`.
    public func format(_ amount: Amount) -> String {
        var digits = amount.description
        if decimals > 0 {
            if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
            let split = digits.index(digits.endIndex, offsetBy: -decimals)
            let integer = digits[..<split]
            let fraction = digits[split...].reversed().drop { $0 == "0" }.reversed()
            digits = fraction.isEmpty ? String(integer) : "\(integer).\(String(fraction))"
        }
        return symbol.map { "\(digits) \($0)" } ?? digits
    }

    /// `amount` as `format` prints it.
    public func format(_ amount: UInt128) -> String { format(Amount(amount)) }
}
