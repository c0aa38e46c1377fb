import AutoIDLedger
import Testing

@Suite("Exact amounts and token units")
struct AmountTests {
    @Test("sums past u128::MAX stay exact and print every digit")
    func wideSums() {
        var sum = Amount(UInt128.max)
        sum.add(UInt128.max)
        // 2 * (2^128 - 1), from Python: 2 * (2**128 - 1)
        #expect(sum.description == "680564733841876926926749214863536422910")
        #expect(!sum.fitsInU128)
        #expect(sum.u128 == nil)
        sum.add(2)
        // 2^129
        #expect(sum.description == "680564733841876926926749214863536422912")
        var many = Amount.zero
        for _ in 0..<1000 { many.add(UInt128.max) }
        // 1000 * (2^128 - 1)
        // 1000 * (2^128 - 1) = 2^128 * 1000 - 1000
        #expect(many.description == "340282366920938463463374607431768211455000")
    }

    @Test("decimal strings parse exactly, and nothing else does")
    func parsing() {
        #expect(Amount(decimal: "0") == .zero)
        #expect(Amount(decimal: "340282366920938463463374607431768211455")?.u128 == UInt128.max)
        #expect(Amount(decimal: "340282366920938463463374607431768211456")?.fitsInU128 == false)
        #expect(Amount(decimal: "680564733841876926926749214863536422912")?.description == "680564733841876926926749214863536422912")
        for bad in ["", "-1", "1.5", "1e3", " 1", "0x10", "12a", String(repeating: "9", count: 59)] {
            #expect(Amount(decimal: bad) == nil, "\(bad)")
        }
    }

    @Test("subtraction is exact and refuses to go below zero")
    func subtraction() {
        let big = Amount(decimal: "680564733841876926926749214863536422912")!
        #expect(big.subtracting(Amount(UInt128.max))?.description == "340282366920938463463374607431768211457")
        #expect(Amount(1).subtracting(Amount(2)) == nil)
    }

    @Test("amounts print in tokens exactly, never rounded")
    func formatting() {
        let ai3 = TokenUnit(symbol: "AI3", decimals: 18)
        #expect(ai3.format(1_500_000_000_000_000_000 as UInt128) == "1.5 AI3")
        #expect(ai3.format(1 as UInt128) == "0.000000000000000001 AI3")
        #expect(ai3.format(0 as UInt128) == "0 AI3")
        #expect(ai3.format(7_000_000_000_000_000_000 as UInt128) == "7 AI3")
        #expect(ai3.format(UInt128.max) == "340282366920938463463.374607431768211455 AI3")
        #expect(TokenUnit().format(12345 as UInt128) == "12345")
        #expect(TokenUnit(symbol: nil, decimals: 3).format(12345 as UInt128) == "12.345")
    }

    @Test("a chain spec's properties give the unit; bad ones are reported, not used")
    func properties() {
        let (unit, problems) = TokenUnit.from(properties: .object(["tokenSymbol": .string("AI3"), "tokenDecimals": .integer(18)]))
        #expect(unit == TokenUnit(symbol: "AI3", decimals: 18))
        #expect(problems.isEmpty)
        let (multi, _) = TokenUnit.from(properties: .object(["tokenSymbol": .array([.string("DOT")]), "tokenDecimals": .array([.integer(10)])]))
        #expect(multi == TokenUnit(symbol: "DOT", decimals: 10))
        let (bad, badProblems) = TokenUnit.from(
            properties: .object(["tokenSymbol": .string("A\u{1b}[31m"), "tokenDecimals": .integer(400)]))
        #expect(bad == TokenUnit())
        #expect(badProblems.count == 2)
    }
}
