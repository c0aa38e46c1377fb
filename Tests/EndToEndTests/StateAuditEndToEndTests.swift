import AutoIDHashing
import AutoIDJSON
import AutoIDState
import AutoIDTestSupport
import Foundation
import Testing

/// state-audit as CI runs it: real files in, exit codes, text, JSON and JUnit out.
@Suite("state-audit, end to end")
struct StateAuditEndToEndTests {
    static let root = PackagePaths.root.path
    static let demoSpec = root + "/Samples/state/demo-chain-spec.json"

    func json(_ result: ToolResult) throws -> JSONValue {
        try JSONParser.parse(result.stdout)
    }

    @Test func chainSpecUsesTheRuntimesLayout() throws {
        let v1 = try ToolRunner.run("state-audit", ["chain-spec", "--json", Self.demoSpec])
        #expect(v1.status == 0, "\(v1.stderrText)")
        let report = try json(v1)
        #expect(report["stateVersion"] == .integer(1))
        #expect(report["stateVersionSource"] == .string("runtime"))
        #expect(report["runtime"]?["specName"] == .string("autoid-demo"))

        // The same pairs through the library, independently of the command's code path.
        let snapshot = try StateSnapshot(jsonBytes: Array(try Data(contentsOf: URL(fileURLWithPath: Self.demoSpec))), source: "spec")
        let expectedRoot = try StateRoot.compute(top: snapshot.top, children: snapshot.children, version: .v1)
        #expect(report["stateRoot"] == .string(expectedRoot.hex))
        #expect(report["genesisHash"] == .string(BlockHeader.genesis(stateRoot: expectedRoot).hash.hex))

        // Values of 33+ bytes make the layouts differ; the override is honoured.
        let v0 = try json(try ToolRunner.run("state-audit", ["chain-spec", "--json", "--state-version", "0", Self.demoSpec]))
        #expect(v0["stateRoot"] != report["stateRoot"])
        #expect(v0["stateRoot"] == .string(try StateRoot.compute(top: snapshot.top, children: snapshot.children, version: .v0).hex))
    }

    @Test func expectationsFailWithExitCodeOneAndJUnit() throws {
        let directory = try TemporaryDirectory()
        let good = try json(try ToolRunner.run("state-audit", ["chain-spec", "--json", Self.demoSpec]))
        let hash = try #require(good["genesisHash"]?.stringValue)
        let pass = try ToolRunner.run("state-audit", ["chain-spec", Self.demoSpec, "--expect-genesis-hash", hash, "--junit", directory.file("ok.xml")])
        #expect(pass.status == 0)
        #expect(pass.stdoutText.contains("ok      genesis hash"))
        let wrong = "0x" + String(repeating: "ab", count: 32)
        let fail = try ToolRunner.run("state-audit", ["chain-spec", Self.demoSpec, "--expect-state-root", wrong, "--junit", directory.file("fail.xml")])
        #expect(fail.status == 1)
        #expect(fail.stdoutText.contains("FAILED  state root: computed 0x"))
        let xml = String(decoding: try directory.read("fail.xml"), as: UTF8.self)
        #expect(xml.contains(#"<testsuite name="state-audit chain-spec" tests="1" failures="1""#))
        #expect(xml.contains("<failure message=\"computed"))
        #expect(String(decoding: try directory.read("ok.xml"), as: UTF8.self).contains(#"failures="0""#))
    }

    /// A snapshot in state_getPairs form and the header of its block.
    func writeSnapshot(in directory: TemporaryDirectory, pairs: [([UInt8], [UInt8])], headerRoot: H256) throws {
        let pairsJSON = JSONValue.array(pairs.map { .array([.string("0x" + Hex.encode($0.0)), .string("0x" + Hex.encode($0.1))]) })
        try directory.write("pairs.json", JSONValue.object(["jsonrpc": .string("2.0"), "id": .integer(1), "result": pairsJSON]).jsonBytes())
        let header = BlockHeader(
            parentHash: H256(hex: "0x" + String(repeating: "11", count: 32))!, number: 77, stateRoot: headerRoot, extrinsicsRoot: TrieConstants.emptyRoot)
        try directory.write("header.json", header.json.jsonBytes())
        try directory.write("header.scale", Array(("0x" + Hex.encode(header.encoded) + "\n").utf8))
    }

    func randomPairs(_ count: Int, seed: UInt64) -> [([UInt8], [UInt8])] {
        var random = TestRandom(seed: seed)
        return (0..<count).map { _ in (random.bytes(32), random.bytes(Int.random(in: 1...60, using: &random))) }
    }

    @Test func snapshotMatchesItsHeaderAndCatchesOneChangedValue() throws {
        let directory = try TemporaryDirectory()
        var pairs = randomPairs(300, seed: 5)
        let root = Trie.root(of: pairs, version: .v1)
        try writeSnapshot(in: directory, pairs: pairs, headerRoot: root)
        for header in ["header.json", "header.scale"] {
            let ok = try ToolRunner.run("state-audit", ["snapshot", "--state-version", "1", "--header", header, "pairs.json"], in: directory.path)
            #expect(ok.status == 0, "\(ok.stderrText)")
            #expect(ok.stdoutText.contains("state root     \(root.hex)"))
        }
        pairs[123].1[0] ^= 1
        try writeSnapshot(in: directory, pairs: pairs, headerRoot: root)
        let bad = try ToolRunner.run(
            "state-audit", ["snapshot", "--state-version", "1", "--header", "header.json", "--json", "pairs.json"], in: directory.path)
        #expect(bad.status == 1)
        #expect(try json(bad)["ok"] == .bool(false))
        let noVersion = try ToolRunner.run("state-audit", ["snapshot", "pairs.json"], in: directory.path)
        #expect(noVersion.status == 64)
        #expect(noVersion.stderrText.contains("pass --state-version"))
    }

    @Test func jsonLinesAndMapSnapshotsGiveTheSameRoot() throws {
        let directory = try TemporaryDirectory()
        let pairs = randomPairs(50, seed: 9)
        let lines = pairs.map {
            String(decoding: JSONValue.object(["key": .string("0x" + Hex.encode($0.0)), "value": .string("0x" + Hex.encode($0.1))]).jsonBytes(), as: UTF8.self)
        }
        try directory.write("state.jsonl", Array((lines.joined(separator: "\n") + "\n").utf8))
        var map: [String: JSONValue] = [:]
        for (key, value) in pairs { map["0x" + Hex.encode(key)] = .string("0x" + Hex.encode(value)) }
        try directory.write("state.json", JSONValue.object(map).jsonBytes())
        let expected = Trie.root(of: pairs, version: .v0).hex
        for file in ["state.jsonl", "state.json"] {
            let result = try json(try ToolRunner.run("state-audit", ["snapshot", "--json", "--state-version", "0", file], in: directory.path))
            #expect(result["stateRoot"] == .string(expected), "\(file)")
        }
    }

    @Test func readProofsVerifyAndDamagedOnesFail() throws {
        let directory = try TemporaryDirectory()
        let pairs = randomPairs(500, seed: 3)
        let (root, store) = Trie.buildWithNodes(pairs, version: .v1)
        let present = pairs[42].0
        let absent = [UInt8](repeating: 0xee, count: 32)
        let proof = try ReadProof.generate(root: root, store: store, keys: [present, absent], version: .v1)
        func write(_ nodes: [[UInt8]]) throws {
            let object = JSONValue.object([
                "at": .string("0x" + String(repeating: "00", count: 32)), "proof": .array(nodes.map { .string("0x" + Hex.encode($0)) }),
            ])
            try directory.write("proof.json", object.jsonBytes())
        }
        let args = ["proof", "proof.json", "--root", root.hex, "--key", "0x" + Hex.encode(present), "--key", "0x" + Hex.encode(absent)]
        try write(proof)
        let ok = try ToolRunner.run("state-audit", args, in: directory.path)
        #expect(ok.status == 0, "\(ok.stderrText)")
        #expect(ok.stdoutText.contains("0x\(Hex.encode(present)): 0x\(Hex.encode(pairs[42].1))"))
        #expect(ok.stdoutText.contains("0x\(Hex.encode(absent)): absent"))
        // Proof nodes are hashed four at a time with AVX2 where the CPU has it: the same verdict from the
        // scalar path on a processor without AVX (emulated), and from the AVX2 path on an emulated Haswell.
        if let qemu = ToolRunner.emulator {
            for cpu in ["Nehalem", "Haswell"] {
                let emulated = try ToolRunner.run(qemu, ["-cpu", cpu, ToolRunner.path(of: "state-audit")] + args, in: directory.path)
                #expect(emulated.status == 0, "\(cpu): \(emulated.stderrText)")
                #expect(emulated.stdoutText == ok.stdoutText, "\(cpu)")
            }
        } else {
            print("SKIPPED: qemu-x86_64 not found (apt-get install qemu-user); no emulated-CPU proof check")
        }

        try write(Array(proof.dropLast()))
        let missing = try ToolRunner.run("state-audit", args, in: directory.path)
        #expect(missing.status == 1)
        #expect(missing.stdoutText.contains("FAILED  proof verifies"))

        try write(proof + [store.nodes.values.first { !proof.contains($0) }!])
        let extra = try ToolRunner.run("state-audit", args, in: directory.path)
        #expect(extra.status == 0)
        #expect(extra.stderrText.contains("warning"))
        #expect(try ToolRunner.run("state-audit", args + ["--strict"], in: directory.path).status == 1)
    }

    @Test func headerChainsLinkAndBreaksAreNamed() throws {
        let directory = try TemporaryDirectory()
        var headers: [BlockHeader] = [BlockHeader.genesis(stateRoot: TrieConstants.emptyRoot)]
        for number in 1...5 {
            headers.append(
                BlockHeader(parentHash: headers.last!.hash, number: UInt64(number), stateRoot: TrieConstants.emptyRoot, extrinsicsRoot: TrieConstants.emptyRoot)
            )
        }
        try directory.write("chain.json", JSONValue.array(headers.map(\.json)).jsonBytes())
        let lines = headers.map { String(decoding: $0.json.jsonBytes(), as: UTF8.self) }.joined(separator: "\n")
        try directory.write("chain.jsonl", Array(lines.utf8))
        for file in ["chain.json", "chain.jsonl"] {
            let ok = try ToolRunner.run("state-audit", ["headers", file, "--expect-last", headers.last!.hash.hex], in: directory.path)
            #expect(ok.status == 0, "\(file): \(ok.stdoutText) \(ok.stderrText)")
        }
        var forked = headers
        forked[3] = BlockHeader(
            parentHash: H256(hex: "0x" + String(repeating: "42", count: 32))!, number: 3, stateRoot: TrieConstants.emptyRoot,
            extrinsicsRoot: TrieConstants.emptyRoot)
        try directory.write("fork.json", JSONValue.array(forked.map(\.json)).jsonBytes())
        let fork = try ToolRunner.run("state-audit", ["headers", "fork.json"], in: directory.path)
        #expect(fork.status == 1)
        #expect(fork.stdoutText.contains("FAILED  #3 follows #2: parentHash 0x4242"))
        #expect(fork.stdoutText.contains("FAILED  #4 follows #3"))
        let gap = try ToolRunner.run("state-audit", ["headers", "fork.json", "chain.json"], in: directory.path)
        #expect(gap.stdoutText.contains("number 0 does not follow 5"))
    }

    @Test func snapshotComparisonNamesTheDifferingKeys() throws {
        let directory = try TemporaryDirectory()
        var pairs = randomPairs(200, seed: 12)
        try writeSnapshot(in: directory, pairs: pairs, headerRoot: TrieConstants.emptyRoot)
        try FileManager.default.moveItem(atPath: directory.file("pairs.json"), toPath: directory.file("a.json"))
        pairs.sort { $0.0.lexicographicallyPrecedes($1.0) }
        let changedKey = pairs[50].0
        pairs[50].1 = [1, 2, 3]
        pairs.remove(at: 120)
        try writeSnapshot(in: directory, pairs: pairs, headerRoot: TrieConstants.emptyRoot)
        let result = try ToolRunner.run("state-audit", ["snapshot", "--state-version", "1", "a.json", "--against", "pairs.json", "--json"], in: directory.path)
        #expect(result.status == 1)
        let report = try json(result)
        #expect(report["difference"]?["firstKey"] == .string("0x" + Hex.encode(changedKey)))
        #expect(report["difference"]?["firstChange"] == .string("value differs"))
        #expect(report["difference"]?["onlyInFirst"] == .integer(1))
        #expect(report["difference"]?["valueDiffers"] == .integer(1))
        let same = try ToolRunner.run("state-audit", ["snapshot", "--state-version", "1", "a.json", "--against", "a.json"], in: directory.path)
        #expect(same.status == 0)
    }

    @Test func namedStorageKeysInProofs() throws {
        let directory = try TemporaryDirectory()
        let account = [UInt8](repeating: 7, count: 32)
        let accountKey = StorageHashing.mapKey(pallet: "System", item: "Account", hasher: .blake2_128Concat, encodedKey: account)
        let numberKey = StorageHashing.storagePrefix(pallet: "System", item: "Number")
        // The published System.Account prefix: twox128("System") ++ twox128("Account").
        #expect(Hex.encode(accountKey.prefix(32)) == "26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9")
        let pairs = randomPairs(100, seed: 4) + [(accountKey, [1, 2, 3]), (numberKey, [42, 0, 0, 0])]
        let (root, store) = Trie.buildWithNodes(pairs, version: .v1)
        let proof = try ReadProof.generate(root: root, store: store, keys: [accountKey, numberKey], version: .v1)
        try directory.write("proof.json", JSONValue.object(["proof": .array(proof.map { .string("0x" + Hex.encode($0)) })]).jsonBytes())
        let result = try ToolRunner.run(
            "state-audit",
            [
                "proof", "proof.json", "--root", root.hex, "--key", "System.Account:blake2_128Concat:0x" + Hex.encode(account), "--key", "System.Number",
            ], in: directory.path)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.contains("System.Account:blake2_128Concat:0x\(Hex.encode(account)): 0x010203"))
        #expect(result.stdoutText.contains("System.Number: 0x2a000000"))
        let bad = try ToolRunner.run("state-audit", ["proof", "proof.json", "--root", root.hex, "--key", "System.Account:sha1:0x00"], in: directory.path)
        #expect(bad.status == 64)
    }

    @Test func brokenInputsAreMalformedNotCrashes() throws {
        let directory = try TemporaryDirectory()
        try directory.write("text.json", Array("not json".utf8))
        let text = try ToolRunner.run("state-audit", ["chain-spec", "text.json"], in: directory.path)
        #expect(text.status == 3)
        #expect(text.stderrText.hasPrefix("state-audit: "))
        try directory.write("plain.json", Array(#"{"name":"x","genesis":{"runtimeGenesis":{}}}"#.utf8))
        let plain = try ToolRunner.run("state-audit", ["chain-spec", "plain.json"], in: directory.path)
        #expect(plain.status == 3)
        #expect(plain.stderrText.contains("not raw"))
        try directory.write("nocode.json", Array(#"{"genesis":{"raw":{"top":{"0x01":"0x02"}}}}"#.utf8))
        let nocode = try ToolRunner.run("state-audit", ["chain-spec", "nocode.json"], in: directory.path)
        #expect(nocode.status == 3)
        #expect(nocode.stderrText.contains("pass --state-version"))
        try directory.write("badcode.json", Array(#"{"genesis":{"raw":{"top":{"0x3a636f6465":"0x52bc537646db8e05ffff"}}}}"#.utf8))
        let badcode = try ToolRunner.run("state-audit", ["chain-spec", "badcode.json"], in: directory.path)
        #expect(badcode.status == 3)
        #expect(badcode.stderrText.contains("compressed runtime"))
        // Every truncation of the demo spec is refused cleanly.
        let spec = Array(try Data(contentsOf: URL(fileURLWithPath: Self.demoSpec)))
        for cut in stride(from: 1, to: spec.count - 2, by: spec.count / 7) {
            try directory.write("cut.json", Array(spec.prefix(cut)))
            #expect(try ToolRunner.run("state-audit", ["chain-spec", "cut.json"], in: directory.path).status == 3)
        }
    }
}
