import AutoIDHashing
import AutoIDJSON
import AutoIDState
import AutoIDTestSupport
import Testing

@Suite("Streaming pairs out of state_getPairs arrays and JSON Lines")
struct SnapshotPairStreamTests {
    /// Streams `text` in chunks of `chunk` bytes; the pairs, or `nil` for another shape.
    func stream(_ text: [UInt8], chunk: Int) -> (pairs: [([UInt8], [UInt8])], format: StateSnapshot.Format)? {
        var stream = SnapshotPairStream()
        var pairs: [([UInt8], [UInt8])] = []
        let collect: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> Void = { pairs.append((Array($0), Array($1))) }
        var start = 0
        while start < text.count {
            let end = min(text.count, start + chunk)
            let more = text[start..<end].withUnsafeBytes { stream.feed($0, collect) }
            if !more { return nil }
            start = end
        }
        guard case .pairs(let count) = stream.finish(collect) else { return nil }
        #expect(count == pairs.count)
        return (pairs, stream.format)
    }

    static func randomPairs(_ count: Int, seed: UInt64) -> [([UInt8], [UInt8])] {
        var random = TestRandom(seed: seed)
        return (0..<count).map { _ in
            (random.bytes(Int.random(in: 0...80, using: &random)), random.bytes(Int.random(in: 0...300, using: &random)))
        }
    }

    @Test("what streams gives exactly the pairs StateSnapshot reads, in any chunking", arguments: [1, 2, 7, 64, 4096, 1 << 20])
    func agreesWithStateSnapshot(chunk: Int) throws {
        let pairs = Self.randomPairs(300, seed: UInt64(chunk))
        let compact = JSONValue.array(pairs.map { .array([.string("0x" + Hex.encode($0.0)), .string("0x" + Hex.encode($0.1))]) }).jsonBytes()
        let pretty = JSONValue.array(pairs.map { .array([.string("0x" + Hex.encode($0.0)), .string("0x" + Hex.encode($0.1))]) })
            .jsonBytes(pretty: true)
        let lines = Array(pairs.map { "[ \"0x\(Hex.encode($0.0))\" , \"0X\(Hex.encode($0.1))\"]" }.joined(separator: "\r\n\n").utf8)
        let upperLines = Array(pairs.map { "[\"0x\(Hex.encode($0.0).uppercased())\",\"0x\(Hex.encode($0.1))\"]  " }.joined(separator: "\n").utf8) + [0x0a]
        for (text, format) in [(compact, StateSnapshot.Format.pairs), (pretty, .pairs), (upperLines, .jsonLines)] {
            let streamed = try #require(stream(text, chunk: chunk))
            let snapshot = try StateSnapshot(jsonBytes: text, source: "t")
            #expect(streamed.format == format)
            #expect(snapshot.format == format)
            #expect(streamed.pairs.map(\.0) == snapshot.top.map(\.0))
            #expect(streamed.pairs.map(\.1) == snapshot.top.map(\.1))
        }
        // "0X" is not the prefix hex strings have here: another shape, left to StateSnapshot.
        #expect(stream(lines, chunk: chunk) == nil)
    }

    @Test("anything outside the strict subset is another shape, never a wrong pair", arguments: [1, 5, 1 << 16])
    func otherShapes(chunk: Int) {
        let cases = [
            "", "   ", "{}", #"{"0x00":"0x01"}"#, "[", "[[", #"[["0x00","0x01"]"#, #"[["0x00","0x01"]]x"#, #"[["0x00","0x01"],]"#,
            #"[["0x00","0x01"]["0x00","0x01"]]"#, #"[["0x0","0x01"]]"#, #"[["0x00","0x0g"]]"#, #"[["0x00"]]"#, #"[["0x00","0x01","0x02"]]"#,
            #"[["0x00",1]]"#, #"[["\u0030x00","0x01"]]"#, #"{"jsonrpc":"2.0","result":[["0x00","0x01"]],"id":1}"#,
            #"["0x00","0x01"]["0x00","0x01"]"#, #"["0x00","0x01"] x"#, #"[["0x00","0x01"]] [["0x00","0x01"]]"#,
            "[\"0x00\",\n\"0x01\"]",
        ]
        for text in cases {
            #expect(stream(Array(text.utf8), chunk: chunk) == nil, "\(text)")
        }
        // The empty array and blank-line-separated JSON Lines are fine.
        #expect(stream(Array("[ ]".utf8), chunk: chunk)?.pairs.isEmpty == true)
        #expect(stream(Array("[\"0x00\",\"0x01\"]\n\n[\"0x02\",\"0x\"]\n".utf8), chunk: chunk)?.pairs.count == 2)
    }

    @Test("random bytes and truncations never pass on a pair StateSnapshot would not read")
    func hostile() throws {
        var random = TestRandom(seed: 5)
        let pairs = Self.randomPairs(20, seed: 5)
        let text = JSONValue.array(pairs.map { .array([.string("0x" + Hex.encode($0.0)), .string("0x" + Hex.encode($0.1))]) }).jsonBytes()
        for cut in stride(from: 0, to: text.count - 1, by: 13) {
            #expect(stream(Array(text.prefix(cut)), chunk: 100) == nil, "cut at \(cut)")
        }
        for _ in 0..<200 {
            var mutated = text
            mutated[Int.random(in: 0..<mutated.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            if let streamed = stream(mutated, chunk: 33) {
                let snapshot = try StateSnapshot(jsonBytes: mutated, source: "t")
                #expect(streamed.pairs.map(\.0) == snapshot.top.map(\.0))
                #expect(streamed.pairs.map(\.1) == snapshot.top.map(\.1))
            }
        }
    }
}
