import AutoIDHashing
import AutoIDJSON
import AutoIDLedger
import AutoIDState
import AutoIDTestSupport

/// Generated ledgers: accounts with random balances and the issuance that conserves them.
enum LedgerFixtures {
    /// `count` accounts (random ids and balances below 2^100) and their exact total as the issuance.
    static func accounts(_ count: Int, seed: UInt64 = 1) -> [([UInt8], AccountInfo)] {
        var random = TestRandom(seed: seed)
        return (0..<count).map { index in
            let free = UInt128(random.next() >> 28) << 64 | UInt128(random.next())
            let reserved = index % 3 == 0 ? UInt128(random.next()) : 0
            let frozen = index % 5 == 0 ? free / 2 : 0
            return (random.bytes(32), AccountInfo(nonce: UInt32(index), free: free, reserved: reserved, frozen: frozen))
        }
    }

    static func issuance(of accounts: [([UInt8], AccountInfo)]) -> UInt128 {
        accounts.reduce(0) { $0 + $1.1.free + $1.1.reserved }
    }

    /// A state_getPairs document of `pairs`.
    static func pairsJSON(_ pairs: [([UInt8], [UInt8])]) -> [UInt8] {
        JSONValue.array(pairs.map { .array([.string("0x" + Hex.encode($0.0)), .string("0x" + Hex.encode($0.1))]) }).jsonBytes()
    }

    /// A raw chain spec with `pairs` in genesis and `properties`.
    static func chainSpec(_ pairs: [([UInt8], [UInt8])], properties: [String: JSONValue]) -> [UInt8] {
        var top: [String: JSONValue] = [:]
        for (key, value) in pairs { top["0x" + Hex.encode(key)] = .string("0x" + Hex.encode(value)) }
        return JSONValue.object([
            "name": .string("ledger test"), "id": .string("ledger_test"), "properties": .object(properties),
            "genesis": .object(["raw": .object(["top": .object(top), "childrenDefault": .object([:])])]),
        ]).jsonBytes()
    }

    static func snapshot(_ pairs: [([UInt8], [UInt8])]) throws -> StateSnapshot {
        try StateSnapshot(jsonBytes: pairsJSON(pairs), source: "test")
    }
}
