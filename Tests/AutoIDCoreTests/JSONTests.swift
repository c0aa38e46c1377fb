import AutoIDTestSupport
import Foundation
import Testing

@testable import AutoIDJSON

@Suite("JSON")
struct JSONTests {
    @Test func parsesAndWritesEveryKind() throws {
        let text = #"{"a":[1,-2.5e3,true,false,null,"x\n\"\u00e9\ud83d\ude00"],"b":{},"c":[],"big":340282366920938463463374607431768211455}"#
        let value = try JSONParser.parse(Array(text.utf8))
        #expect(value["big"] == .number("340282366920938463463374607431768211455"))
        #expect(value["a"]?.arrayValue?[5] == .string("x\n\"é😀"))
        let written = value.jsonBytes()
        #expect(try JSONParser.parse(written) == value)
        #expect(String(decoding: written, as: UTF8.self).hasPrefix(#"{"a":[1,-2.5e3,true,false,null,"x\n\"é😀"],"b":{},"big":"#))
        #expect(try JSONParser.parse(value.jsonBytes(pretty: true)) == value)
    }

    @Test(arguments: [
        ("", "unexpected end of input"),
        ("{\"a\":1,\"a\":2}", "duplicate key \"a\""),
        ("[01]", "expected ',' or ']'"),
        ("[1.]", "expected a digit after '.'"),
        ("[-]", "expected a digit"),
        ("[1e]", "expected a digit in the exponent"),
        ("\"\\ud800\"", "lone high surrogate"),
        ("\"\\udc00\"", "lone low surrogate"),
        ("\"\\x\"", "unknown escape"),
        ("\"a\u{1}\"", "control character"),
        ("[1] x", "unexpected data after"),
        ("{\"a\" 1}", "expected ':'"),
        ("{1:2}", "expected a string key"),
        ("tru", "unexpected end of input"),
        ("nul!", "unknown literal"),
        ("[1,]", "unexpected character"),
    ])
    func rejectsWithOffsetAndReason(text: String, reason: String) {
        #expect {
            try JSONParser.parse(Array(text.utf8))
        } throws: { error in
            (error as? JSONParser.Error)?.reason.contains(reason) ?? false
        }
    }

    @Test func rejectsInvalidUTF8AndDeepNesting() {
        #expect(throws: JSONParser.Error.self) { try JSONParser.parse([0x22, 0xff, 0x22]) }
        #expect(throws: JSONParser.Error.self) { try JSONParser.parse([0x22, 0xc3, 0x22]) }
        let deep = Array(String(repeating: "[", count: 1_000_000).utf8)
        #expect(throws: JSONParser.Error.self) { try JSONParser.parse(deep) }
        let justDeepEnough = String(repeating: "[", count: JSONParser.maximumDepth) + String(repeating: "]", count: JSONParser.maximumDepth)
        #expect((try? JSONParser.parse(Array(justDeepEnough.utf8))) != nil)
    }

    /// Whatever Foundation's parser accepts in random documents, ours reads to the same value.
    @Test func agreesWithFoundationOnRandomDocuments() throws {
        var random = TestRandom(seed: 21)
        func make(_ depth: Int) -> Any {
            switch Int.random(in: 0..<(depth > 3 ? 3 : 6), using: &random) {
            case 0: return Int.random(in: -1_000_000...1_000_000, using: &random)
            case 1:
                return String((0..<Int.random(in: 0..<8, using: &random)).map { _ in Character(Unicode.Scalar(UInt8.random(in: 32...126, using: &random))) })
            case 2: return Bool.random(using: &random)
            case 3: return (0..<Int.random(in: 0..<4, using: &random)).map { _ in make(depth + 1) }
            default:
                var object: [String: Any] = [:]
                for index in 0..<Int.random(in: 0..<4, using: &random) { object["k\(index)"] = make(depth + 1) }
                return object
            }
        }
        for _ in 0..<200 {
            let document = ["root": make(0)]
            let data = try JSONSerialization.data(withJSONObject: document)
            let ours = try JSONParser.parse(Array(data))
            let again = try JSONSerialization.jsonObject(with: Data(ours.jsonBytes())) as? NSDictionary
            #expect(again == (document as NSDictionary))
        }
    }

    @Test func randomBytesNeverCrash() {
        var random = TestRandom(seed: 8)
        let alphabet = Array("{}[]\",:0123456789-.eE+tfnrulas\\ \n".utf8)
        for size in [1, 2, 5, 20, 200] {
            for _ in 0..<300 {
                let bytes = (0..<size).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] }
                _ = try? JSONParser.parse(bytes)
                _ = try? JSONParser.parse(random.bytes(size))
            }
        }
    }
}
