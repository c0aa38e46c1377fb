import AutoIDHashing
import AutoIDJSON
import AutoIDReports
import AutoIDState
import AutoIDVerdict
import Testing

@Suite("Read proof audit")
struct ProofAuditTests {
    /// A state with a present key, its proof for `keys`, and the proof as `state_getReadProof` returns it.
    struct Fixture {
        let pairs: [([UInt8], [UInt8])]
        let root: H256
        let store: TrieNodeStore
        let nodes: [[UInt8]]

        init(keys: [[UInt8]], extra: [([UInt8], [UInt8])] = []) throws {
            pairs = AuditInputs.pairs(300, seed: 8) + extra
            (root, store) = Trie.buildWithNodes(pairs, version: .v1)
            nodes = try ReadProof.generate(root: root, store: store, keys: keys, version: .v1)
        }

        static func document(_ nodes: [[UInt8]]) -> JSONValue {
            .object(["at": .string("0x" + String(repeating: "00", count: 32)), "proof": .array(nodes.map { .string("0x" + Hex.encode($0)) })])
        }
    }

    static let absent = [UInt8](repeating: 0xee, count: 32)

    @Test("present and absent keys are proven; lines, results and checks name each key as written")
    func presentAndAbsent() throws {
        let present = AuditInputs.pairs(300, seed: 8)[42]
        let fixture = try Fixture(keys: [present.0, Self.absent])
        let keys = try [StorageKeySpec("0x" + Hex.encode(present.0)), StorageKeySpec(Hex.encode(Self.absent))]
        let report = try ProofAudit(root: fixture.root, keys: keys).run(Fixture.document(fixture.nodes), name: "proof.json")
        #expect(report.status == .ok)
        #expect(report.warnings.isEmpty)
        #expect(report.checks == keys.map { AuditCheck(name: "proof for \($0.text)") })
        #expect(report.lines == ["\(keys[0].text): 0x\(Hex.encode(present.1))", "\(keys[1].text): absent"])
        #expect(
            report.fields == [
                "proof": .string("proof.json"), "root": .string(fixture.root.hex),
                "results": .array([
                    .object(["key": .string("0x" + Hex.encode(present.0)), "value": .string("0x" + Hex.encode(present.1))]),
                    .object(["key": .string("0x" + Hex.encode(Self.absent)), "value": .null]),
                ]),
            ])
        // The same proof inside a JSON-RPC response.
        let wrapped = JSONValue.object(["jsonrpc": .string("2.0"), "id": .integer(1), "result": Fixture.document(fixture.nodes)])
        #expect(
            try ProofAudit(root: fixture.root, keys: keys).run(wrapped, name: "rpc.json").fields == report.fields.merging(["proof": .string("rpc.json")]) { $1 }
        )
    }

    @Test("a proof missing a node, or with a damaged one, or for another root fails one check and proves nothing")
    func incompleteOrDamaged() throws {
        let present = AuditInputs.pairs(300, seed: 8)[42].0
        let fixture = try Fixture(keys: [present, Self.absent])
        let keys = try [StorageKeySpec("0x" + Hex.encode(present)), StorageKeySpec("0x" + Hex.encode(Self.absent))]
        var damaged = fixture.nodes
        damaged[damaged.count - 1][damaged[damaged.count - 1].count - 1] ^= 1
        let otherRoot = H256([UInt8](repeating: 0x12, count: 32))!
        let cases: [(H256, [[UInt8]])] = [(fixture.root, Array(fixture.nodes.dropLast())), (fixture.root, damaged), (otherRoot, fixture.nodes)]
        for (root, nodes) in cases {
            let report = try ProofAudit(root: root, keys: keys).run(Fixture.document(nodes), name: "p")
            #expect(report.status == .verificationFailed)
            #expect(report.checks.count == 1)
            #expect(report.checks.first?.name == "proof verifies")
            #expect(report.checks.first?.failure?.isEmpty == false)
            #expect(report.lines.isEmpty)
            #expect(report.fields["results"] == .array([]))
        }
    }

    @Test("nodes the keys do not need: a warning naming their indices, or a failed check when strict")
    func unusedNodes() throws {
        let present = AuditInputs.pairs(300, seed: 8)[42].0
        let fixture = try Fixture(keys: [present])
        let spare = try #require(fixture.store.nodes.values.first { !fixture.nodes.contains($0) })
        let nodes = fixture.nodes + [spare]
        let keys = [try StorageKeySpec("0x" + Hex.encode(present))]
        let message = "1 node(s) not needed for these keys (indices \(nodes.count - 1))"

        let lenient = try ProofAudit(root: fixture.root, keys: keys).run(Fixture.document(nodes), name: "p.json")
        #expect(lenient.status == .ok)
        #expect(lenient.warnings == ["p.json: \(message)"])

        let strict = try ProofAudit(root: fixture.root, keys: keys, strict: true).run(Fixture.document(nodes), name: "p.json")
        #expect(strict.status == .verificationFailed)
        #expect(strict.warnings.isEmpty)
        #expect(strict.checks.last == AuditCheck(name: "proof is minimal", failure: message))
    }

    @Test("thousands of repeated nodes are summarised, not listed one by one (issue 12)")
    func repeatedNodesAreSummarised() throws {
        let present = AuditInputs.pairs(300, seed: 8)[42].0
        let fixture = try Fixture(keys: [present])
        let nodes = fixture.nodes + Array(repeating: fixture.nodes[0], count: 5000)
        let keys = [try StorageKeySpec("0x" + Hex.encode(present))]
        let report = try ProofAudit(root: fixture.root, keys: keys).run(Fixture.document(nodes), name: "p.json")
        let first = (fixture.nodes.count..<(fixture.nodes.count + 10)).map(String.init).joined(separator: ", ")
        #expect(report.warnings == ["p.json: 5000 node(s) not needed for these keys (indices \(first), and 4990 more)"])
        #expect(report.warnings[0].utf8.count < 200)
    }

    @Test("a document that is not a read proof is malformed input, naming the file and the node")
    func notAProof() throws {
        let audit = ProofAudit(root: TrieConstants.emptyRoot, keys: [try StorageKeySpec("0x00")])
        let noList = try #require(throws: StateError.self) { try audit.run(.object(["at": .string("0x00")]), name: "a.json") }
        #expect(noList.message == "a.json: no \"proof\" list" && noList.exitStatus == .malformedInput)
        let notHex = try #require(throws: StateError.self) {
            try audit.run(.object(["proof": .array([.string("0x00"), .string("zz")])]), name: "b.json")
        }
        #expect(notHex.message == "b.json: proof[1] is not hex")
    }

    @Test("named storage keys: hex, Pallet.Item, and map entries hashed with FRAME's hashers")
    func storageKeys() throws {
        let account = [UInt8](repeating: 7, count: 32)
        let named = try StorageKeySpec("System.Account:blake2_128Concat:0x" + Hex.encode(account))
        // The published System.Account prefix: twox128("System") ++ twox128("Account").
        #expect(Hex.encode(named.bytes.prefix(32)) == "26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9")
        #expect(named.bytes.suffix(48) == (StorageHashing.blake2_128(account) + account)[...])
        #expect(try StorageKeySpec("System.Number").bytes == StorageHashing.twox128("System") + StorageHashing.twox128("Number"))
        #expect(try StorageKeySpec("0x3a636f6465").bytes == Array(":code".utf8))
        #expect(try StorageKeySpec("3a636f6465").bytes == Array(":code".utf8))

        let hashers = StorageHasher.allCases.map(\.rawValue).joined(separator: ", ")
        let refusals = [
            "System.Account:sha1:0x00": "--key System.Account:sha1:0x00: the hasher must be one of \(hashers).",
            "System.Account:identity": "--key System.Account:identity: the hasher must be one of \(hashers).",
            "System.Account:identity:xyz": "--key System.Account:identity:xyz: the map key must be hex (its SCALE encoding).",
            "a.b.c": "--key a.b.c is neither hex, Pallet.Item nor Pallet.Item:HASHER:0xKEY.",
            ":": "--key : is neither hex, Pallet.Item nor Pallet.Item:HASHER:0xKEY.",
        ]
        for (text, message) in refusals {
            let error = try #require(throws: StateAuditError.self) { try StorageKeySpec(text) }
            #expect(error.message == message)
            #expect(error.code == .invalidStorageKey && error.exitStatus == .usage)
        }
    }

    @Test("a map entry in a proof is shown under the name it was asked by")
    func namedKeyInProof() throws {
        let account = [UInt8](repeating: 7, count: 32)
        let accountKey = StorageHashing.mapKey(pallet: "System", item: "Account", hasher: .blake2_128Concat, encodedKey: account)
        let fixture = try Fixture(keys: [accountKey], extra: [(accountKey, [1, 2, 3])])
        let key = try StorageKeySpec("System.Account:blake2_128Concat:0x" + Hex.encode(account))
        let report = try ProofAudit(root: fixture.root, keys: [key]).run(Fixture.document(fixture.nodes), name: "p")
        #expect(report.lines == ["System.Account:blake2_128Concat:0x\(Hex.encode(account)): 0x010203"])
        #expect(report.checks == [AuditCheck(name: "proof for System.Account:blake2_128Concat:0x\(Hex.encode(account))")])
    }
}
