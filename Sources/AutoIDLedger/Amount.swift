/// An exact unsigned amount of a token's smallest unit, wide enough for any sum of `u128` balances a
/// snapshot can hold: 192 bits (a `u128` low part and 64 more bits), so adding 2^64 balances of
/// `u128::MAX` still fits. Sums are never wrapped: ``adding(_:)`` traps only past 2^192, which no
/// snapshot reaches (it would need more than 2^64 records), and ``fitsInU128`` says whether a sum can
/// still equal a `u128` such as `TotalIssuance`.
public struct Amount: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The bits above 128.
    public private(set) var high: UInt64
    /// The low 128 bits.
    public private(set) var low: UInt128

    public static let zero = Amount(high: 0, low: 0)

    public init(_ value: UInt128) {
        high = 0
        low = value
    }

    public init(high: UInt64, low: UInt128) {
        self.high = high
        self.low = low
    }

    /// Whether the amount is at most `u128::MAX` (a balance or an issuance can hold it).
    public var fitsInU128: Bool { high == 0 }

    /// The amount as a `u128`, when it fits.
    public var u128: UInt128? { high == 0 ? low : nil }

    /// Adds `value`, carrying into the high bits.
    public mutating func add(_ value: UInt128) {
        let (sum, carry) = low.addingReportingOverflow(value)
        low = sum
        if carry { high += 1 }
    }

    /// Adds `other`, carrying into the high bits.
    public mutating func add(_ other: Amount) {
        add(other.low)
        high += other.high
    }

    /// `self + other`.
    public func adding(_ other: Amount) -> Amount {
        var sum = self
        sum.add(other)
        return sum
    }

    /// `self - other`, or `nil` when `other` is larger.
    public func subtracting(_ other: Amount) -> Amount? {
        guard other <= self else { return nil }
        let (difference, borrow) = low.subtractingReportingOverflow(other.low)
        return Amount(high: high - other.high - (borrow ? 1 : 0), low: difference)
    }

    public static func < (a: Amount, b: Amount) -> Bool {
        a.high != b.high ? a.high < b.high : a.low < b.low
    }

    /// Parses a decimal integer string (digits only, no sign, no separators), as amounts travel in JSON.
    public init?(decimal text: some StringProtocol) {
        guard !text.isEmpty, text.count <= 58 else { return nil }  // 2^192 has 58 digits
        var value = Amount.zero
        for character in text.utf8 {
            guard character >= 0x30 && character <= 0x39 else { return nil }
            guard let times10 = value.multiplied(by: 10) else { return nil }
            value = times10
            value.add(UInt128(character - 0x30))
            if value.high == UInt64.max { return nil }  // keep headroom: no wrap on the next add
        }
        self = value
    }

    /// `self * factor`, or `nil` past 192 bits.
    func multiplied(by factor: UInt64) -> Amount? {
        let lowWord = UInt64(truncatingIfNeeded: low)
        let midWord = UInt64(truncatingIfNeeded: low >> 64)
        let p0 = lowWord.multipliedFullWidth(by: factor)
        let p1 = midWord.multipliedFullWidth(by: factor)
        let p2 = high.multipliedFullWidth(by: factor)
        // word 0 = p0.low; word 1 = p0.high + p1.low; word 2 = p1.high + p2.low (+ carry); p2.high must be 0.
        let (word1, carry1) = p0.high.addingReportingOverflow(p1.low)
        let (word2a, carry2a) = p1.high.addingReportingOverflow(p2.low)
        let (word2, carry2b) = word2a.addingReportingOverflow(carry1 ? 1 : 0)
        guard p2.high == 0, !carry2a, !carry2b else { return nil }
        return Amount(high: word2, low: UInt128(word1) << 64 | UInt128(p0.low))
    }

    /// `(self / divisor, self % divisor)` for a divisor below 2^64.
    func dividedWithRemainder(by divisor: UInt64) -> (quotient: Amount, remainder: UInt64) {
        var remainder: UInt64 = 0
        var words: [UInt64] = [high, UInt64(truncatingIfNeeded: low >> 64), UInt64(truncatingIfNeeded: low)]
        for index in words.indices {
            let (q, r) = divisor.dividingFullWidth((high: remainder, low: words[index]))
            words[index] = q
            remainder = r
        }
        return (Amount(high: words[0], low: UInt128(words[1]) << 64 | UInt128(words[2])), remainder)
    }

    /// The exact decimal digits, as `--json` prints every amount.
    public var description: String {
        if high == 0 { return String(low) }
        var chunks: [UInt64] = []
        var rest = self
        let base: UInt64 = 10_000_000_000_000_000_000  // 10^19
        while rest != .zero {
            let (quotient, remainder) = rest.dividedWithRemainder(by: base)
            chunks.append(remainder)
            rest = quotient
        }
        var text = String(chunks.removeLast())
        for chunk in chunks.reversed() {
            let digits = String(chunk)
            text += String(repeating: "0", count: 19 - digits.count) + digits
        }
        return text
    }
}
