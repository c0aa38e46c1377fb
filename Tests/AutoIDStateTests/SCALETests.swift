import AutoIDState
import Testing

@Suite("SCALE codec")
struct SCALETests {
    // Known encodings from the parity-scale-codec documentation.
    @Test(
        "compact integers: known encodings",
        arguments: [
            (UInt64(0), "00"), (1, "04"), (42, "a8"), (63, "fc"), (64, "0101"), (69, "1501"),
            (16383, "fdff"), (16384, "02000100"), (65535, "feff0300"), (1073741823, "feffffff"),
            (1073741824, "0300000040"), (4294967295, "03ffffffff"), (4294967296, "070000000001"),
            (100000000000000, "0b00407a10f35a"), (UInt64.max, "13ffffffffffffffff"),
        ])
    func compactKnown(value: UInt64, expected: String) throws {
        var e = SCALEEncoder()
        e.appendCompact(value)
        #expect(toHex(e.bytes) == expected)
        var d = SCALEDecoder(hex(expected))
        #expect(try d.decodeCompactUInt64() == value)
        try d.finish()
        #expect(try SCALEDecoder.decode(Compact<UInt64>.self, from: hex(expected)).value == value)
    }

    @Test("compact: 128-bit and big-integer mode")
    func compactBig() throws {
        let max128 = UInt128.max
        let enc = SCALEEncoder.encode(Compact(max128))
        #expect(toHex(enc) == "33" + String(repeating: "ff", count: 16))
        #expect(try SCALEDecoder.decode(Compact<UInt128>.self, from: enc).value == max128)
        // 67-byte magnitude: the largest compact integer.
        let mag = [UInt8](repeating: 0xAB, count: 67)
        var e = SCALEEncoder()
        e.appendCompact(littleEndianMagnitude: mag)
        #expect(e.bytes.count == 68 && e.bytes[0] == 0xFF)
        var d = SCALEDecoder(e.bytes)
        #expect(try d.decodeCompactMagnitude() == mag)
        // Too big for 64 bits.
        var d2 = SCALEDecoder(enc)
        #expect(throws: StateError.self) { try d2.decodeCompactUInt64() }
        // Compact<UInt8> range check: 256 does not fit.
        #expect(throws: StateError.self) { try SCALEDecoder.decode(Compact<UInt8>.self, from: hex("01040000")) }
        #expect(try SCALEDecoder.decode(Compact<UInt8>.self, from: hex("fd03")).value == 255)
    }

    @Test(
        "compact: overlong encodings are rejected with offset",
        arguments: [
            "01 00",  // 0 in two-byte mode
            "fd 00",  // 63 in two-byte mode
            "02 00 00 00",  // 0 in four-byte mode
            "fe ff 00 00",  // 16383 in four-byte mode
            "03 ff ff ff 3f",  // 2^30-1 in big mode
            "07 00 00 00 00 00",  // 0 in 5-byte big mode (zero top byte)
            "07 00 00 00 40 00",  // 2^30 with a zero top byte
            "13 ff ff ff ff ff ff ff 00",  // 8-byte big mode with zero top byte
        ])
    func compactOverlong(bytes: String) {
        var d = SCALEDecoder([0xAA] + hex(bytes))
        _ = try? d.readByte()
        do {
            _ = try d.decodeCompactUInt64()
            Issue.record("accepted non-canonical compact \(bytes)")
        } catch {
            #expect(error.kind == .nonCanonicalCompact)
            #expect(error.offset == 1)
            #expect(error.description.contains("offset 1"))
        }
    }

    @Test("compact: big-integer mode with zero top byte beyond 8 bytes is rejected")
    func compactOverlongBig() {
        var d = SCALEDecoder([0x17] + [UInt8](repeating: 1, count: 8) + [0])  // 9 bytes, top zero
        #expect(throws: StateError.self) { try d.decodeCompactMagnitude() }
    }

    @Test("fixed-width integers are little-endian")
    func fixedInts() throws {
        #expect(SCALEEncoder.encode(UInt16(42)) == hex("2a00"))
        #expect(SCALEEncoder.encode(UInt32(16777215)) == hex("ffffff00"))
        #expect(SCALEEncoder.encode(Int16(-1)) == hex("ffff"))
        #expect(SCALEEncoder.encode(Int32(-2)) == hex("feffffff"))
        #expect(SCALEEncoder.encode(UInt64(1)) == hex("0100000000000000"))
        #expect(SCALEEncoder.encode(UInt128(1) << 64) == hex("00000000000000000100000000000000"))
        #expect(try SCALEDecoder.decode(Int64.self, from: hex("ffffffffffffffff")) == -1)
        #expect(try SCALEDecoder.decode(UInt32.self, from: hex("01020304")) == 0x04030201)
    }

    @Test("bool, Option, Result, Vec, String, tuples: known encodings and round trips")
    func composites() throws {
        #expect(SCALEEncoder.encode(true) == [1])
        #expect(SCALEEncoder.encode(Optional<UInt32>.none) == [0])
        #expect(SCALEEncoder.encode(Optional<UInt32>.some(1)) == hex("0101000000"))
        // Option<bool> is a single byte.
        #expect(SCALEEncoder.encode(Optional<Bool>.some(true)) == [1])
        #expect(SCALEEncoder.encode(Optional<Bool>.some(false)) == [2])
        #expect(try SCALEDecoder.decode(Optional<Bool>.self, from: [2]) == false)
        #expect(SCALEEncoder.encode([UInt16(4), 8, 15, 16, 23, 42]) == hex("18 0400 0800 0f00 1000 1700 2a00"))
        #expect(SCALEEncoder.encode("ab") == hex("086162"))
        #expect(try SCALEDecoder.decode(String.self, from: hex("086162")) == "ab")
        let ok: Result<UInt8, TestErr> = .success(42)
        let err: Result<UInt8, TestErr> = .failure(TestErr(code: 7))
        #expect(SCALEEncoder.encode(ok) == hex("002a"))
        #expect(SCALEEncoder.encode(err) == hex("0107"))
        #expect(try SCALEDecoder.decode(Result<UInt8, TestErr>.self, from: hex("0107")) == err)
        // Tuples: concatenation.
        var e = SCALEEncoder()
        e.encodeTuple(UInt8(1), UInt16(2), "x")
        #expect(e.bytes == hex("01 0200 0478"))
        var d = SCALEDecoder(e.bytes)
        let t = try d.decodeTuple(UInt8.self, UInt16.self, String.self)
        #expect(t.0 == 1 && t.1 == 2 && t.2 == "x")
        try d.finish()
        // Fixed arrays: no length prefix.
        var f = SCALEEncoder()
        f.appendFixedArray([UInt16(1), 2, 3])
        #expect(f.bytes == hex("010002000300"))
        var fd = SCALEDecoder(f.bytes)
        #expect(try fd.decodeFixedArray(UInt16.self, count: 3) == [1, 2, 3])
        // Nested: Vec<Option<Vec<u8>>>.
        let nested: [[UInt8]?] = [nil, [1, 2], []]
        let enc = SCALEEncoder.encode(nested)
        #expect(enc == hex("0c 00 01 08 0102 01 00"))
        #expect(try SCALEDecoder.decode([[UInt8]?].self, from: enc) == nested)
    }

    @Test("H256 and U256")
    func fixedBytes() throws {
        let h = H256(hex: "0x" + String(repeating: "ab", count: 31) + "cd")!
        #expect(SCALEEncoder.encode(h).count == 32)
        #expect(try SCALEDecoder.decode(H256.self, from: h.bytes) == h)
        #expect(h.hex.hasSuffix("cd"))
        let u = U256(limbs: (1, 2, 3, 4))
        let ue = SCALEEncoder.encode(u)
        #expect(ue.count == 32 && ue[0] == 1 && ue[8] == 2 && ue[24] == 4)
        #expect(try SCALEDecoder.decode(U256.self, from: ue) == u)
        #expect(U256(5) < U256(limbs: (0, 1, 0, 0)))
        #expect(H256([1, 2]) == nil)
    }

    @Test("strict decoding: trailing bytes, truncated input, bad tags")
    func strictErrors() {
        func kind<T: SCALEDecodable>(_ t: T.Type, _ h: String) -> (StateError.Kind, Int?)? {
            do {
                _ = try SCALEDecoder.decode(t, from: hex(h))
                return nil
            } catch { return (error.kind, error.offset) }
        }
        #expect(kind(UInt16.self, "010203")! == (.trailingBytes, 2))
        #expect(kind(UInt32.self, "0102")! == (.truncatedInput, 0))
        #expect(kind(Bool.self, "02")! == (.invalidValue, 0))
        #expect(kind(Optional<UInt8>.self, "02")! == (.invalidValue, 0))
        #expect(kind([UInt8].self, "0c0102")! == (.lengthOutOfRange, 0))
        #expect(kind([UInt16].self, "08 0100 02")! == (.truncatedInput, 3))
        #expect(kind(String.self, "08 ff fe")! == (.invalidValue, 0))
        #expect(kind(Result<UInt8, TestErr>.self, "0201")! == (.invalidValue, 0))
        #expect(kind(H256.self, "00")! == (.truncatedInput, 0))
        // A length prefix far larger than the input does not allocate or crash.
        #expect(kind([UInt32].self, "13ffffffffffffffff")! == (.lengthOutOfRange, 0))
        // Error messages say what and where and what to do.
        do { _ = try SCALEDecoder.decode(UInt16.self, from: hex("010203")) } catch {
            #expect(error.description.contains("left over"))
            #expect(error.description.contains("offset 2"))
        }
    }

    @Test("random bytes never crash the decoders")
    func fuzz() {
        var rng = SplitMix64(seed: 7)
        for i in 0..<3000 {
            let b = rng.bytes(Int.random(in: 0...40, using: &rng))
            _ = try? SCALEDecoder.decode([[UInt8]?].self, from: b)
            _ = try? SCALEDecoder.decode(Compact<UInt128>.self, from: b)
            _ = try? SCALEDecoder.decode(String.self, from: b)
            _ = try? SCALEDecoder.decode(BlockHeader.self, from: b)
            _ = try? SCALEDecoder.decode([Result<UInt8, TestErr>].self, from: b)
            var d = SCALEDecoder(b)
            _ = try? d.decodeCompactMagnitude()
            _ = try? TrieNode.decode(b)
            if i % 2 == 0 {
                // Round trip whenever something decodes.
                if let v = try? SCALEDecoder.decode([UInt16].self, from: b) {
                    #expect(SCALEEncoder.encode(v) == b)
                }
            }
        }
    }

    @Test("round trips of random values")
    func roundTrips() throws {
        var rng = SplitMix64(seed: 99)
        for _ in 0..<500 {
            let v = UInt64.random(in: 0...UInt64.max, using: &rng) >> UInt64.random(in: 0...63, using: &rng)
            let e = SCALEEncoder.encode(Compact(v))
            #expect(try SCALEDecoder.decode(Compact<UInt64>.self, from: e).value == v)
            let w = UInt128(v) << UInt128.random(in: 0...64, using: &rng)
            #expect(try SCALEDecoder.decode(Compact<UInt128>.self, from: SCALEEncoder.encode(Compact(w))).value == w)
            let arr: [UInt32] = (0..<Int.random(in: 0...70, using: &rng)).map { _ in UInt32.random(in: 0...UInt32.max, using: &rng) }
            #expect(try SCALEDecoder.decode([UInt32].self, from: SCALEEncoder.encode(arr)) == arr)
        }
    }
}

struct TestErr: Error, Equatable, SCALECodable {
    let code: UInt8
    init(code: UInt8) { self.code = code }
    func encode(to encoder: inout SCALEEncoder) { encoder.appendByte(code) }
    init(from decoder: inout SCALEDecoder) throws(StateError) { code = try decoder.readByte() }
}
