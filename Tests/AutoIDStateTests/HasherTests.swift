import AutoIDHashing
import AutoIDState
import Testing

@Suite("Storage hashers")
struct HasherTests {
    /// Published XXH64 values for the ASCII run "0123456789:;<=>?@ABC…" truncated to `length`
    /// bytes, with seed 0 and with seed 0x1234567890abcdef.
    static let xxh64Vectors: [(Int, UInt64, UInt64)] = [
        (0, 0xef46db3751d8e999, 0xa2f5c44d0f46c872),
        (1, 0x633457081244afec, 0xf47ebf7f5cb6795b),
        (2, 0x6ed10a79b52ef0f5, 0xe7a16c981f4be423),
        (3, 0x1c2dcb4b9024d73d, 0x8516f202e563cd06),
        (4, 0x4c33072b45647dcb, 0xe19fff0227e3b861),
        (5, 0x34cb4c2ee6166f65, 0x915c2f06737a7295),
        (7, 0x97ee4fe4a0ff4dfa, 0x281fef0a47387bf4),
        (8, 0xe4ba22a49ad89d3f, 0x5981b4a4e0a07d38),
        (9, 0x43ecc9248bc07d20, 0xc2fc855460180ba2),
        (11, 0xb5b721ad70a49b0f, 0x0b3f5cd6582c7246),
        (15, 0x7a85916d8cac500a, 0x021c3690fce15b7d),
        (16, 0x6ff4eb62bcec6586, 0xc16a47e0b09708c8),
        (17, 0x001ee69e11bf98bf, 0x8cfe3a2599cfa38f),
        (23, 0x62fe3bac6e812803, 0xf91aae2a74783fc4),
        (31, 0xc506e23012915790, 0xa2c0eddf74983bfe),
        (32, 0x96ee2fa935fdd556, 0x1396bc2a00938b77),
        (33, 0xa5cdc6940c6fde9e, 0x65cd9ed37dff8753),
        (34, 0xfc54c8c178295b09, 0x979cbacd83d90038),
        (43, 0xf5f53c79824b7ae5, 0x2171245c3d851fc5),
        (63, 0x7daf8f9fdbd4e518, 0x5c0dc6efb801d4fb),
        (64, 0x3fe627fabdb30aea, 0xd2ff1b3750571f15),
        (65, 0xeddce6ec01f7e595, 0xb0aa81bc38df17b9),
    ]

    @Test("XXH64 published test values", arguments: xxh64Vectors)
    func xxh64(length: Int, noSeed: UInt64, withSeed: UInt64) {
        let input = (0..<length).map { UInt8(0x30 + $0) }
        #expect(XXHash64.hash(input, seed: 0) == noSeed)
        #expect(XXHash64.hash(input, seed: 0x1234567890abcdef) == withSeed)
    }

    @Test("XXH64 of a, ab, abc")
    func xxh64abc() {
        #expect(XXHash64.hash(Array("a".utf8)) == 15154266338359012955)
        #expect(XXHash64.hash(Array("ab".utf8)) == 7347350983217793633)
        #expect(XXHash64.hash(Array("abc".utf8)) == 0x44BC2CF5AD770999)
    }

    @Test("storage prefixes of well-known FRAME items")
    func storagePrefix() {
        #expect(
            toHex(StorageHashing.storagePrefix(pallet: "System", item: "Account"))
                == "26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9")
        #expect(toHex(StorageHashing.twox128("System")) == "26aa394eea5630e07c48ae0c9558cef7")
        #expect(
            toHex(StorageHashing.storagePrefix(pallet: "System", item: "Number"))
                == "26aa394eea5630e07c48ae0c9558cef702a5c1b19ab7a04f536c519aca4983ac")
        #expect(
            toHex(StorageHashing.storagePrefix(pallet: "Sudo", item: "Key"))
                == "5c0d1176a568c1f92944340dbfed9e9c530ebca703c85910e7164cb7d1c9e47b")
        #expect(
            toHex(StorageHashing.storagePrefix(pallet: "Timestamp", item: "Now"))
                == "f0c365c3cf59d671eb72da0e7a4113c49f1f0515f462cdcf84e0f1d6045dfcbb")
        #expect(StorageHashing.codeKey == hex("3a636f6465"))
    }

    @Test("hasher shapes: twox concatenation of seeds, concat variants, blake2")
    func shapes() {
        let data = Array("hello".utf8)
        let t256 = StorageHashing.twox256(data)
        #expect(t256.count == 32)
        #expect(Array(t256[0..<16]) == StorageHashing.twox128(data))
        #expect(Array(t256[0..<8]) == StorageHashing.twox64(data))
        for seed in 0..<4 {
            let h = XXHash64.hash(data, seed: UInt64(seed))
            let le = (0..<8).map { UInt8(truncatingIfNeeded: h >> (8 * UInt64($0))) }
            #expect(Array(t256[(seed * 8)..<(seed * 8 + 8)]) == le)
        }
        #expect(StorageHashing.twox64Concat(data) == StorageHashing.twox64(data) + data)
        #expect(StorageHashing.blake2_128Concat(data) == BLAKE2b.hash(data, outputByteCount: 16) + data)
        #expect(StorageHashing.blake2_256(data) == BLAKE2b.hash(data))
        #expect(StorageHasher.identity.hash(data) == data)
        // BLAKE2b-256 of the empty input (published value).
        #expect(toHex(BLAKE2b.hash([])) == "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8")
        // Map key layout: prefix ++ hasher(key).
        let k = StorageHashing.mapKey(pallet: "System", item: "Account", hasher: .blake2_128Concat, encodedKey: [1, 2, 3])
        #expect(k.count == 32 + 16 + 3)
    }
}
