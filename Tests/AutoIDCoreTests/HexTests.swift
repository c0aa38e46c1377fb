import AutoIDHashing
import AutoIDTestSupport
import Testing

/// `Hex.decode` reads sixteen digits at a time with vector arithmetic and the rest one by one: both
/// against a plain reference, on every byte value in every position of the vector and of the tail.
@Suite("Hex")
struct HexTests {
    /// The reference: one digit at a time, by ranges.
    static func reference(_ text: [UInt8]) -> [UInt8]? {
        func value(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        guard text.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        for index in stride(from: 0, to: text.count, by: 2) {
            guard let high = value(text[index]), let low = value(text[index + 1]) else { return nil }
            out.append(high << 4 | low)
        }
        return out
    }

    static func decode(_ text: [UInt8]) -> [UInt8]? {
        text.withUnsafeBufferPointer { digits -> [UInt8]? in
            let count = digits.count / 2
            var out = [UInt8](repeating: 0, count: count)
            let valid = out.withUnsafeMutableBufferPointer { buffer in
                Hex.decode(digits: digits.baseAddress!, count: count, into: buffer.baseAddress!)
            }
            return valid ? out : nil
        }
    }

    @Test func roundTripsEveryLengthInBothCases() {
        var random = TestRandom(seed: 0x4e58)
        for length in 0..<70 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            let lower = Hex.encode(bytes)
            #expect(Hex.decode(lower) == bytes && Hex.decode(lower.uppercased()) == bytes && Hex.decode("0x" + lower) == bytes)
            if length > 0 { #expect(Self.decode(Array(lower.utf8)) == bytes) }
        }
        #expect(Hex.decode("") == [] && Hex.decode("0x") == [] && Hex.decode("abc") == nil)
    }

    /// Every byte value at every position of a 40-digit text (two vectors of sixteen digits, then
    /// eight one by one): decoded exactly when the reference decodes it, to the same bytes.
    @Test func everyByteInEveryPositionAgreesWithTheReference() {
        let base = Array("0123456789abcdefABCDEF0123456789aBcDeF01".utf8)
        for position in base.indices {
            for byte in UInt8.min...UInt8.max {
                var text = base
                text[position] = byte
                #expect(Self.decode(text) == Self.reference(text), "byte \(byte) at \(position)")
            }
        }
    }

    @Test func randomTextsAgreeWithTheReference() {
        var random = TestRandom(seed: 0x4e59)
        let alphabet = Array("0123456789abcdefABCDEF/:@`gG\u{0}\u{7f}".utf8) + [0x80, 0xb0, 0xc6, 0xff]
        for _ in 0..<20_000 {
            let length = 2 * Int.random(in: 1...40, using: &random)
            let hexOnly = Bool.random(using: &random)
            let text = (0..<length).map { _ in
                hexOnly ? alphabet[Int.random(in: 0..<22, using: &random)] : alphabet[Int.random(in: 0..<alphabet.count, using: &random)]
            }
            #expect(Self.decode(text) == Self.reference(text), "\(text)")
        }
    }
}
