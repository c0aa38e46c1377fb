import AutoIDHashing
import AutoIDLedger
import AutoIDTestSupport
import Testing

@Suite("SS58 addresses of AccountId32")
struct SS58Tests {
    /// Alice's sr25519 public key (Substrate's well-known development account).
    static let alice = "d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d"

    /// (account, format, address): from scripts/ss58-vectors.py (polkascan's scalecodec).
    static let vectors: [(String, UInt16, String)] = [
        ("d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d", 0, "15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5"),
        ("d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d", 2, "HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F"),
        ("d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d", 42, "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"),
        ("d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d", 63, "7NPoMQbiA6trJKkjB35uk96MeJD4PGWkLQLH7k7hXEkZpiba"),
        ("d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d", 64, "cEaNSpz4PxFcZ7nT1VEKrKewH67rfx6MfcM6yKojyyPz7qaqp"),
        ("d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d", 255, "yGHXkYLYqxijLKKfd9Q2CB9shRVu8rPNBS53wvwGTutYg4zTg"),
        ("d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d", 6094, "sufsKsx4kZ26i7bJXc1TFguysVzjkzsDtE2VDiCEBY2WjyGAj"),
        ("d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d", 16383, "yNa8JpqfFB3q8A29rCwSgxvdU94ufJw2yKKxDgznS5m1PoFvn"),
        ("0000000000000000000000000000000000000000000000000000000000000000", 0, "111111111111111111111111111111111HC1"),
        ("0000000000000000000000000000000000000000000000000000000000000000", 2, "CaKWz5omakTK7ovp4m3koXrHyHb7NG3Nt7GENHbviByZpKp"),
        ("0000000000000000000000000000000000000000000000000000000000000000", 42, "5C4hrfjw9DjXZTzV3MwzrrAr9P1MJhSrvWGWqi1eSuyUpnhM"),
        ("0000000000000000000000000000000000000000000000000000000000000000", 63, "7HbZHW7QDL6nqhVE4YRVnmkmia1XTYfntFuGm4WyAsTijUu7"),
        ("0000000000000000000000000000000000000000000000000000000000000000", 64, "cEVaCm5a61UpVfABWNjfSNHbhAPf92NWiACfxy89Fd2hGkJAc"),
        ("0000000000000000000000000000000000000000000000000000000000000000", 255, "yGCjWUS4Y1wwGrhQ82uMnDnY7VmhbvfXDyvcwaFfjZXFpyjCq"),
        ("0000000000000000000000000000000000000000000000000000000000000000", 6094, "sub55p3aScFJeey32VWnqjYeHaGYE59Nvmt4DMWdTBfDtsq2p"),
        ("0000000000000000000000000000000000000000000000000000000000000000", 16383, "yNVL4kwAwEH34hPtM6SnH1ZHtDLi8PDC1sBXDLKBhjPiYiEY9"),
        ("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", 0, "16nfFzYQPHsjA4QTuXt2NuGReV9J4BdXBwZ8cgeJTrbVH61f"),
        ("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", 2, "JMymydD9sdBUBDPibe58hoGwTRtAYtZZpfPr3vuPZnTqtie"),
        ("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", 42, "5HrN7fHLXWcFiXPwwtq2EkSGns9eMt5P7SpeTPewumZy6ftb"),
        ("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", 63, "7PPDYVeobcyWzktgy5JXAg2CN49pWjJK5CTQNkAGdj4D1d4g"),
        ("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", 64, "cEbMs257VPmhDpDayHGYTkBs7osoS5Z9EM9E6aonZ5tHm2CZb"),
        ("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", 255, "yGJXAjRbwQEp11koawSEobgoY9Fqtyr9kAsB5BwK32NrKFcV5"),
        ("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", 6094, "sugrk537qzYBNp2SVQ3fs7SuiDkgX8L1SxpcLyCGkeWpP9nx5"),
        ("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", 16383, "yNb7j1viLcZunrTHozyfJPTZJrprRSPpY485Lwzq1CFK2z3Nk"),
    ]

    @Test("published addresses: Alice on a generic Substrate chain (42) and on Polkadot (0)")
    func published() throws {
        let account = try #require(Hex.decode(Self.alice))
        // Substrate's documentation (subkey, the SS58 page) and Polkadot's.
        #expect(SS58.encode(account, format: 42) == "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY")
        #expect(SS58.encode(account, format: 0) == "15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5")
        let decoded = try SS58.decode("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY")
        #expect(decoded.account == account && decoded.format == 42)
    }

    @Test("known answers from an independent implementation, one- and two-byte formats, both ways")
    func knownAnswers() throws {
        for (hex, format, address) in Self.vectors {
            let account = try #require(Hex.decode(hex))
            #expect(SS58.encode(account, format: format) == address, "\(hex) \(format)")
            let decoded = try SS58.decode(address)
            #expect(decoded.account == account && decoded.format == format, "\(address)")
            #expect(try AccountID.parse(address) == account)
        }
    }

    @Test("account ids: hex or SS58; anything else is refused with the reason")
    func accountIDs() throws {
        let account = try #require(Hex.decode(Self.alice))
        #expect(try AccountID.parse("0x" + Self.alice) == account)
        #expect(AccountID.describe(account, format: 42) == "0x\(Self.alice) (5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY)")
        #expect(AccountID.describe(account, format: nil) == "0x\(Self.alice)")
        let good = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
        let cases: [(String, AccountIDError)] = [
            ("0x" + Self.alice.dropLast(2), .notHex),
            ("0x" + Self.alice + "00", .notHex),
            ("0x" + Self.alice.dropLast(1) + "g", .notHex),
            (String(good.dropLast()) + "Z", .badChecksum),  // one mistyped character
            (String(good.dropLast(3)), .badLength(33)),
            (good + good, .tooLong),
            ("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKut0Y", .notBase58("0")),
            ("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutlY", .notBase58("l")),
            ("", .badLength(0)),
            ("1", .badLength(1)),
        ]
        for (text, expected) in cases {
            #expect(throws: expected, "\(text)") { try AccountID.parse(text) }
        }
        #expect(throws: AccountIDError.self) { try AccountID.parse("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQé") }
    }

    @Test("reserved formats 46 and 47 and first bytes above 127 never decode")
    func reservedAndOutOfRange() throws {
        let account = [UInt8](repeating: 9, count: 32)
        for format: UInt16 in [46, 47] {
            #expect(throws: AccountIDError.reservedFormat(format)) { try SS58.decode(SS58.encode(account, format: format)) }
        }
        // base58 of 0x80 and 35 zero bytes: a first byte of 128 or more is no SS58 prefix. base58 of 0x40 and
        // 34 zero bytes: a two-byte prefix needs 36 bytes. (Both encoded with python's base58 package.)
        #expect(throws: AccountIDError.badLength(36)) { try SS58.decode("yNb7j1viLcZunrTHozyfJPTZJrprRSPpY485Lwzq1CFK2zE5D") }
        #expect(throws: AccountIDError.badLength(35)) { try SS58.decode("7PPDYVeobcyWzktgy5JXAg2CN49pWjJK5CTQNkAGdj4D1gLP") }
    }

    @Test("random text never crashes the decoder; every decoded address encodes back to itself", arguments: [1, 2, 3])
    func randomInput(seed: UInt64) throws {
        var random = TestRandom(seed: seed)
        let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0OIl+/é".unicodeScalars)
        for _ in 0..<2000 {
            let length = Int(random.next() % 60)
            let text = String(String.UnicodeScalarView((0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }))
            if let decoded = try? SS58.decode(text) {
                #expect(SS58.encode(decoded.account, format: decoded.format) == text)
            }
        }
        // Every format round-trips for random accounts.
        for format in stride(from: UInt16(0), through: SS58.maxFormat, by: 97) where !SS58.reservedFormats.contains(format) {
            let account = random.bytes(32)
            let decoded = try SS58.decode(SS58.encode(account, format: format))
            #expect(decoded.account == account && decoded.format == format)
        }
    }
}
