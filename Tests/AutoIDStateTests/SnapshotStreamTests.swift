import AutoIDFiles
import AutoIDHashing
import AutoIDJSON
import AutoIDTestSupport
import Foundation
import Testing

@testable import AutoIDState

/// The streaming reader against the whole-document reader: same pairs, same roots, same comparisons,
/// and an error wherever the whole reader has one.
@Suite("Snapshot stream")
struct SnapshotStreamTests {
    /// A deterministic generator (SplitMix64, the tests' own), so a failure can be replayed from its seed.
    typealias Random = TestRandom

    /// A wasm module whose `runtime_version` section declares `stateVersion`, as `:code` holds it.
    static func runtime(stateVersion: UInt8) -> [UInt8] {
        var scale: [UInt8] = [4, UInt8(ascii: "t"), 4, UInt8(ascii: "t")]
        for number: UInt32 in [1, 100, 1] { withUnsafeBytes(of: number.littleEndian) { scale += $0 } }
        scale.append(0)  // no APIs
        withUnsafeBytes(of: UInt32(1).littleEndian) { scale += $0 }
        scale.append(stateVersion)
        let name = Array("runtime_version".utf8)
        let payload = [UInt8(name.count)] + name + scale
        return [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0, UInt8(payload.count)] + payload
    }

    enum Shape: CaseIterable { case pairs, rpc, map, lines, chainSpec }

    struct Generated {
        var text: [UInt8]
        var shape: Shape
    }

    /// Random pairs: short keys that are prefixes of others, values on both sides of the 33-byte v1
    /// threshold, sometimes `:code` (layout 0, 1 or no runtime), sometimes a key given twice.
    static func pairs(_ random: inout Random, count: Int, repeats: Bool) -> [([UInt8], [UInt8])] {
        var pairs: [([UInt8], [UInt8])] = []
        var keys = Set<[UInt8]>()
        for _ in 0..<count {
            var key: [UInt8]
            if let base = pairs.randomElement(using: &random), random.chance(20) {
                key = base.0 + random.bytes(random.below(3))
            } else {
                key = [UInt8(random.below(4) * 0x20)] + random.bytes(random.below(12))
            }
            if !keys.insert(key).inserted { continue }
            pairs.append((key, random.bytes(random.chance(30) ? 33 + random.below(40) : random.below(33))))
        }
        switch random.below(4) {
        case 0: pairs.append((StorageHashing.codeKey, runtime(stateVersion: 0)))
        case 1: pairs.append((StorageHashing.codeKey, runtime(stateVersion: 1)))
        default: break
        }
        if repeats, let base = pairs.randomElement(using: &random) {
            pairs.insert((base.0, random.bytes(random.below(40))), at: random.below(pairs.count + 1))
        }
        return pairs
    }

    static func hexText(_ bytes: [UInt8], _ random: inout Random) -> String {
        let digits = Hex.encode(bytes)
        switch random.below(6) {
        case 0: return "0X" + digits.uppercased()
        case 1: return digits
        default: return "0x" + digits
        }
    }

    static func space(_ random: inout Random, newlines: Bool = true) -> String {
        guard random.chance(30) else { return "" }
        return [" ", "\t", newlines ? "\n" : " ", "\r\n", "  "][random.below(newlines ? 5 : 2)]
    }

    static func element(_ pair: ([UInt8], [UInt8]), _ random: inout Random, newlines: Bool = true) -> String {
        let s = { (r: inout Random) in space(&r, newlines: newlines) }
        let key = "\"\(hexText(pair.0, &random))\""
        let value = "\"\(hexText(pair.1, &random))\""
        if random.chance(20) {
            let extra = random.chance(50) ? ",\(s(&random))\"note\":\(s(&random))[1, {\"a\": \"b\\\"}\"}]" : ""
            return random.chance(50)
                ? "{\(s(&random))\"key\":\(s(&random))\(key),\(s(&random))\"value\":\(value)\(extra)}"
                : "{\"value\":\(s(&random))\(value)\(extra),\"key\":\(key)\(s(&random))}"
        }
        return "[\(s(&random))\(key)\(s(&random)),\(s(&random))\(value)\(s(&random))]"
    }

    static func map(_ pairs: [([UInt8], [UInt8])], _ random: inout Random) -> String {
        "{"
            + pairs.map { "\(space(&random))\"\(hexText($0.0, &random))\"\(space(&random)):\(space(&random))\"\(hexText($0.1, &random))\"" }
            .joined(separator: ",") + space(&random) + "}"
    }

    static func generate(_ shape: Shape, _ random: inout Random, sorted: Bool) -> Generated {
        let count = random.below(60)
        var top = pairs(&random, count: count, repeats: shape != .map && shape != .chainSpec && random.chance(40))
        if sorted {
            top.sort { $0.0.lexicographicallyPrecedes($1.0) }
        } else {
            top.shuffle(using: &random)
        }
        let text: String
        switch shape {
        case .pairs:
            text = space(&random) + "[" + top.map { space(&random) + element($0, &random) }.joined(separator: ",") + space(&random) + "]" + space(&random)
        case .rpc:
            let list = "[" + top.map { element($0, &random) }.joined(separator: "," + space(&random)) + "]"
            var members = ["\"jsonrpc\":\"2.0\"", "\"id\":\(random.below(9))", "\"result\":\(space(&random))\(list)"]
            members.shuffle(using: &random)
            text = "{" + members.joined(separator: ",") + "}"
        case .map:
            text = map(top, &random)
        case .lines:
            if top.count < 2 { top += [([1, 2], [3]), ([4], [])] }
            text =
                top.map { element($0, &random, newlines: false) + space(&random, newlines: false) + (random.chance(10) ? "\n" : "") }
                .joined(separator: "\n") + (random.chance(50) ? "\n" : "")
        case .chainSpec:
            top.removeAll { $0.0.starts(with: StateRoot.childStoragePrefix) }
            var children: [String] = []
            for index in 0..<random.below(4) {
                var childPairs = pairs(&random, count: index == 0 ? 0 : random.below(30), repeats: false)
                childPairs.shuffle(using: &random)
                children.append("\"\(hexText(Array("child-\(index)".utf8) + random.bytes(random.below(3)), &random))\":\(map(childPairs, &random))")
            }
            let childrenDefault = "{" + children.joined(separator: ",") + "}"
            var raw = ["\"top\":\(map(top, &random))", "\"childrenDefault\":\(space(&random))\(childrenDefault)"]
            raw.shuffle(using: &random)
            var members = [
                "\"name\":\"Demo \\u00e9\"", "\"id\":\"demo\"", "\"properties\":{\"tokenSymbol\":\"AI3\",\"tokenDecimals\":18}",
                "\"bootNodes\":[\"/dns/x\",{\"n\":[1,2,-3.5e2,true,null]}]", "\"genesis\":{\"raw\":{\(raw.joined(separator: ","))}}",
            ]
            members.shuffle(using: &random)
            text = "{" + members.joined(separator: "," + space(&random)) + "}"
        }
        return Generated(text: Array(text.utf8), shape: shape)
    }

    /// Streams `text` with small chunks and runs and checks it against ``StateSnapshot``.
    static func check(_ text: [UInt8], seed: UInt64, _ random: inout Random) throws {
        var options = SnapshotReadOptions()
        options.wholeReadLimit = 0  // never fall back: this is the streaming reader alone
        options.chunkSize = 1 + random.below(random.chance(50) ? 8 : 200)
        options.runBytes = 64 + random.below(2000)
        options.trySortedFirst = random.chance(70)
        let whole = try StateSnapshot(jsonBytes: text, source: "s")
        let version: StateVersion? = random.chance(50) ? nil : (random.chance(50) ? .v0 : .v1)
        if version == nil, case .failure(let expected) = Result(catching: { try whole.runtimeVersion() }) {
            // A repeated `:code` whose last value is no runtime: the same error.
            let got = #expect(throws: StateError.self) { try SnapshotStream.read(bytes: text, name: "s", stateVersion: version, options: options) }
            #expect(got.map { "\($0)" } == "\(expected)", "seed \(seed)")
            return
        }
        let streamedRead = try SnapshotStream.read(bytes: text, name: "s", stateVersion: version, options: options)
        guard case .streamed(let streamed) = streamedRead else {
            Issue.record("seed \(seed): not streamed")
            return
        }
        #expect(streamed.format == whole.format, "seed \(seed)")
        #expect(streamed.pairCount == whole.top.count, "seed \(seed)")
        let expectedVersion: StateVersion?
        do {
            expectedVersion = try version ?? whole.runtimeVersion()?.stateVersion
        } catch {
            Issue.record("seed \(seed): the whole reader fails on :code but the stream did not: \(error)")
            return
        }
        #expect(streamed.stateVersion == expectedVersion, "seed \(seed)")
        if let expectedVersion {
            #expect(streamed.stateRoot == (try whole.stateRoot(version: expectedVersion)), "seed \(seed) \(String(decoding: text, as: UTF8.self))")
        } else {
            #expect(streamed.stateRoot == nil, "seed \(seed)")
        }
        if whole.format == .chainSpec {
            #expect(streamed.chainName == whole.chainName && streamed.chainID == whole.chainID && streamed.properties == whole.properties)
        }
        // Key-by-key comparison: the streamed pairs against the whole reader's.
        let streamedPairs = try SnapshotStream.allPairs(SnapshotBytes(bytes: text, chunkSize: options.chunkSize), name: "s", options: options)
        let wholePairs = try SnapshotStream.allPairs(of: whole, options: options)
        #expect(try SnapshotStream.difference(streamedPairs, wholePairs).count == 0, "seed \(seed)")
    }

    @Test("every form, sorted or not, keys repeated, child tries, split at random points: the stream reads what the whole reader reads")
    func streamEqualsWhole() throws {
        for seed in UInt64(0)..<600 {
            var random = Random(state: seed)
            let shape = Shape.allCases[Int(seed) % Shape.allCases.count]
            let generated = Self.generate(shape, &random, sorted: random.chance(50))
            try Self.check(generated.text, seed: seed, &random)
        }
    }

    /// A PID that no process has: a child that has exited and been reaped.
    static func deadPID() -> Int32 {
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/true"), nil]
        defer { free(argv[0]) }
        guard posix_spawn(&pid, "/bin/true", nil, nil, argv, nil) == 0 else { return 0 }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return pid
    }

    /// A file is kept whole (for the whole reader's error, should the stream refuse it) only while it
    /// can be within the limit: one longer than the limit is not copied at all, one within it is, and
    /// reading past the limit drops the copy.
    @Test("the whole-input copy: none for a file longer than the limit, all of one within it")
    func keptCopyOfAFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kept-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let text = Array(repeating: UInt8(ascii: "x"), count: 1000)
        _ = FileManager.default.createFile(atPath: folder + "/f", contents: Data(text))
        let longer = try SnapshotBytes(path: folder + "/f", chunkSize: 64, keptLimit: 999)
        #expect(longer.kept == nil)
        let within = try SnapshotBytes(path: folder + "/f", chunkSize: 64, keptLimit: 1000)
        #expect(within.kept == [])
        try within.drain()
        #expect(within.kept == text)
        // Memory has no size to look at first: the copy goes when reading passes the limit.
        let memory = SnapshotBytes(bytes: text, chunkSize: 64, keptLimit: 999)
        #expect(memory.kept == [])
        try memory.drain()
        #expect(memory.kept == nil)
    }

    @Test("a sort's first spill removes the sort folders of killed sorts (this system, gone writer, runs only), nothing else")
    func staleSortFoldersAreRemoved() throws {
        let tag = try #require(WriterStamp.systemTag, "no /proc: nothing is stamped")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sort-stale-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let dead = Self.deadPID()
        try #require(dead > 0)
        func make(_ name: String, files: [String]) throws {
            try FileManager.default.createDirectory(atPath: folder + "/" + name, withIntermediateDirectories: false)
            for file in files { _ = FileManager.default.createFile(atPath: folder + "/" + name + "/" + file, contents: Data([1, 2, 3])) }
        }
        let stale = "state-audit-sort-\(tag)-\(dead)-aB3xYz"
        try make(stale, files: ["run-0", "run-1", "run-17"])
        let live = "state-audit-sort-\(tag)-\(getpid())-qqqqqq"  // this very process: alive
        try make(live, files: ["run-0"])
        let otherSystem = "state-audit-sort-000000000000-\(dead)-abcdef"
        try make(otherSystem, files: ["run-0"])
        let notOnlyRuns = "state-audit-sort-\(tag)-\(dead)-zzzzzz"
        try make(notOnlyRuns, files: ["run-0", "notes.txt"])
        let unstamped = "state-audit-sort-AbCdEf"  // mkdtemp's name without a stamp: whose, nobody knows
        try make(unstamped, files: ["run-0"])

        let sorter = PairSorter(runBytes: 4096, temporaryDirectory: folder)
        var random = Random(state: 5)
        for (key, value) in Self.pairs(&random, count: 400, repeats: false) {
            try key.withUnsafeBufferPointer { k in try value.withUnsafeBufferPointer { try sorter.add(key: k, value: $0) } }
        }
        #expect(sorter.runCount > 0)
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: folder))
        #expect(!left.contains(stale))
        #expect(left.isSuperset(of: [live, otherSystem, notOnlyRuns, unstamped]))
        // The new sort's own folder carries this process's stamp.
        #expect(left.contains { $0.hasPrefix("state-audit-sort-\(tag)-\(getpid())-") && $0 != live })
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/" + notOnlyRuns).sorted() == ["notes.txt", "run-0"])
    }

    /// The in-memory sort deals entries by the key's first byte, deals a large bucket again by the second
    /// byte, and sorts each part by insertion or by `sort(by:)`: keys shaped for each of those (random,
    /// one shared first byte, a few second bytes, a long shared prefix, short keys that differ only in
    /// length, repeated keys) come out in order, each once, with the last value added.
    @Test("the in-memory sort: every bucket shape in key order, the last value of a repeated key")
    func inMemorySortShapes() throws {
        var random = Random(state: 0x5047)
        var pairs: [([UInt8], [UInt8])] = []
        for index in 0..<60_000 {
            let key: [UInt8]
            switch index % 6 {
            case 0: key = random.bytes(32)
            case 1: key = [0x26] + random.bytes(1 + random.below(40))  // one first byte, every second byte
            case 2: key = [0x3a, UInt8(random.below(3))] + random.bytes(random.below(6))  // large parts of few second bytes
            case 3: key = [UInt8](repeating: 0xaa, count: 16) + random.bytes(random.below(20))  // a long shared prefix
            case 4: key = [UInt8](repeating: 0, count: random.below(10))  // zero keys of every length up to 9
            default: key = pairs[random.below(pairs.count)].0  // a repeated key
            }
            pairs.append((key, random.bytes(random.below(5))))
        }
        try Self.expectEachKeyOnceInOrder(pairs, through: PairSorter(memory: 1 << 30))
    }

    /// Adds `pairs` to `sorter`, calls `added` (the sorter's runs are removed by the walk), and expects
    /// every distinct key back once, in increasing order, with the value added last (the first wrong
    /// value is named).
    static func expectEachKeyOnceInOrder(
        _ pairs: [([UInt8], [UInt8])], through sorter: PairSorter, added: (PairSorter) -> Void = { _ in }
    ) throws {
        var expected: [[UInt8]: [UInt8]] = [:]
        for (key, value) in pairs { expected[key] = value }
        for (key, value) in pairs {
            try key.withUnsafeBufferPointer { k in try value.withUnsafeBufferPointer { try sorter.add(key: k, value: $0) } }
        }
        added(sorter)
        var keys: [[UInt8]] = []
        var wrongValue: [UInt8]?
        try sorter.forEachKey { key, value, _, _ in
            if wrongValue == nil, expected[Array(key)] != Array(value) { wrongValue = Array(key) }
            keys.append(Array(key))
        }
        #expect(wrongValue == nil, "key \(wrongValue ?? [])")
        #expect(keys == expected.keys.sorted { $0.lexicographicallyPrecedes($1) })
    }

    /// Runs large enough that each is sorted by dealing (over 4,096 entries) and whose memory is in huge
    /// pages: the index and the memory it is dealt into swap roles at every run, so a wrong swap (a run
    /// dealt into the entries it reads) gives keys out of order or pairs lost. Keys that share their
    /// first eight bytes (zero keys of every length, one long prefix) meet in the merge, whose heap
    /// compares those bytes first.
    @Test("the external sort with large runs: every run dealt, the index memory reused, keys in order with their last value")
    func externalSortLargeRuns() throws {
        var random = Random(state: 0x10_0000)
        var pairs: [([UInt8], [UInt8])] = []
        for index in 0..<90_000 {
            let key: [UInt8]
            switch index % 10 {
            case 9: key = pairs[random.below(pairs.count)].0  // a repeated key, likely in another run
            case 8: key = [UInt8](repeating: 0, count: random.below(10))  // equal first eight bytes, lengths 0-9
            case 7: key = [0x26, 0xaa, 0, 0, 0, 0, 0, 0] + random.bytes(random.below(3))  // one 8-byte prefix
            default: key = random.bytes(8 + random.below(32))
            }
            pairs.append((key, random.bytes(random.below(120))))
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sort-large-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sorter = PairSorter(runBytes: 3 << 20, temporaryDirectory: folder)
        try Self.expectEachKeyOnceInOrder(pairs, through: sorter) { #expect($0.runCount >= 2) }
    }

    /// Pairs of a few bytes fill the index before the arena: it doubles (twice per run here, the spare made
    /// again after each), and the pairs come out as with pairs of any size.
    @Test("tiny pairs: the index grows within each run, keys in order with their last value")
    func tinyPairsGrowTheIndex() throws {
        var random = Random(state: 0x71_4e79)
        let pairs = (0..<70_000).map { _ in (random.bytes(1 + random.below(4)), random.bytes(random.below(3))) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sort-tiny-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.expectEachKeyOnceInOrder(pairs, through: PairSorter(runBytes: 1 << 20, temporaryDirectory: folder)) { #expect($0.runCount >= 1) }
    }

    @Test("the external sort writes runs to disk and removes them; repeated keys: the last wins in pairs, an error in a map")
    func externalSort() throws {
        var random = Random(state: 99)
        let pairs = Self.pairs(&random, count: 3000, repeats: true).shuffled(using: &random)
        let text = Array(("[" + pairs.map { Self.element($0, &random) }.joined(separator: ",") + "]").utf8)
        var options = SnapshotReadOptions()
        options.wholeReadLimit = 0
        options.runBytes = 4096
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sort-test-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        options.temporaryDirectory = folder
        let sorter = PairSorter(runBytes: 4096, temporaryDirectory: folder)
        for (key, value) in pairs {
            try key.withUnsafeBufferPointer { k in try value.withUnsafeBufferPointer { try sorter.add(key: k, value: $0) } }
        }
        #expect(sorter.runCount > 10)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).count == 1)
        var previous: [UInt8]?
        var count = 0
        try sorter.forEachKey { key, _, _, _ in
            if let previous { #expect(previous.lexicographicallyPrecedes(Array(key))) }
            previous = Array(key)
            count += 1
        }
        #expect(count == Set(pairs.map(\.0)).count)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty, "runs removed after the merge")

        guard case .streamed(let streamed) = try SnapshotStream.read(bytes: text, name: "p", stateVersion: .v1, options: options) else {
            Issue.record("not streamed")
            return
        }
        #expect(streamed.sorted)
        #expect(streamed.stateRoot == Trie.root(of: pairs, version: .v1))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)

        // A key given twice in a map is an error, in memory and on disk, as in the whole reader.
        let key = pairs[0].0
        let doubled = Array(
            ("{\"0x\(Hex.encode(key))\":\"0x01\"," + pairs.dropFirst().map { "\"0x\(Hex.encode($0.0))\":\"0x\(Hex.encode($0.1))\"" }.joined(separator: ",")
                + ",\"0X\(Hex.encode(key).uppercased())\":\"0x02\"}").utf8)
        for runBytes in [4096, 1 << 24] {
            options.runBytes = runBytes
            let error = try #require(throws: StateError.self) { try SnapshotStream.read(bytes: doubled, name: "m", stateVersion: .v1, options: options) }
            #expect(error.message.contains("is given twice"), "\(error)")
        }
    }

    @Test("a sorted file is hashed in one pass; an unsorted one is read again through the sort")
    func sortedFastPath() throws {
        var random = Random(state: 5)
        var pairs = Self.pairs(&random, count: 500, repeats: false)
        pairs.sort { $0.0.lexicographicallyPrecedes($1.0) }
        let sorted = Array(("[" + pairs.map { Self.element($0, &random) }.joined(separator: ",") + "]").utf8)
        var options = SnapshotReadOptions()
        options.wholeReadLimit = 0
        guard case .streamed(let fast) = try SnapshotStream.read(bytes: sorted, name: "s", stateVersion: .v1, options: options) else { return }
        #expect(!fast.sorted)
        pairs.swapAt(100, 400)
        let unsorted = Array(("[" + pairs.map { Self.element($0, &random) }.joined(separator: ",") + "]").utf8)
        guard case .streamed(let slow) = try SnapshotStream.read(bytes: unsorted, name: "s", stateVersion: .v1, options: options) else { return }
        #expect(slow.sorted)
        #expect(slow.stateRoot == fast.stateRoot && fast.stateRoot != nil)
    }

    @Test("truncated, mutated and random input: an error wherever the whole reader has one, never a different root")
    func hostileInput() throws {
        var random = Random(state: 7)
        var checked = 0
        for seed in UInt64(0)..<400 {
            let shape = Shape.allCases[Int(seed) % Shape.allCases.count]
            var text = Self.generate(shape, &random, sorted: random.chance(50)).text
            switch random.below(4) {
            case 0: text = Array(text.prefix(random.below(text.count + 1)))
            case 1:
                for _ in 0...random.below(3) where !text.isEmpty {
                    text[random.below(text.count)] = Array("{}[]\",:0x \n\\zA".utf8).randomElement(using: &random)!
                }
            case 2: text.insert(contentsOf: random.bytes(random.below(5)), at: random.below(text.count + 1))
            default: text = random.bytes(random.below(200))
            }
            var options = SnapshotReadOptions()
            options.wholeReadLimit = 0
            options.chunkSize = 1 + random.below(50)
            options.runBytes = 64 + random.below(1000)
            let whole = Result { try StateSnapshot(jsonBytes: text, source: "h") }
            let streamed = Result { try SnapshotStream.read(bytes: text, name: "h", stateVersion: .v1, options: options) }
            switch (whole, streamed) {
            case (.failure, .success):
                Issue.record("seed \(seed): the stream accepted what the whole reader refuses: \(String(decoding: text, as: UTF8.self))")
            case (.success(let snapshot), .success(.streamed(let read))):
                #expect(read.stateRoot == (try? snapshot.stateRoot(version: .v1)), "seed \(seed)")
                checked += 1
            default:
                break
            }
            // With the fallback, the error is the whole reader's, word for word.
            options.wholeReadLimit = 1 << 20
            let fallback = Result { try SnapshotStream.read(bytes: text, name: "h", stateVersion: .v1, options: options) }
            if case .failure(let expected) = whole {
                guard case .failure(let got) = fallback else {
                    Issue.record("seed \(seed): no error")
                    continue
                }
                // The whole reader walks a map in no fixed order, so of several bad members it may name
                // another one each time: the same kind of error, the same advice.
                if let got = got as? StateError, let expected = expected as? StateError {
                    #expect(got.kind == expected.kind && got.hint == expected.hint, "seed \(seed): \(got) vs \(expected)")
                } else {
                    #expect("\(got)" == "\(expected)", "seed \(seed)")
                }
            }
        }
        #expect(checked >= 15)
    }

    @Test("the layout: from :code wherever it lies, two builders until it is passed; a damaged :code is the same error")
    func layoutFromCode() throws {
        var options = SnapshotReadOptions()
        options.wholeReadLimit = 0
        for stateVersion: UInt8 in [0, 1] {
            var pairs: [([UInt8], [UInt8])] = (0..<200).map { [UInt8($0 % 256), 7] + Array(repeating: UInt8($0 / 256), count: 3) }.map {
                ($0, Array(repeating: 9, count: 40))
            }
            pairs.append((StorageHashing.codeKey, Self.runtime(stateVersion: stateVersion)))
            pairs.sort { $0.0.lexicographicallyPrecedes($1.0) }
            let text = Array(("[" + pairs.map { "[\"0x\(Hex.encode($0.0))\",\"0x\(Hex.encode($0.1))\"]" }.joined(separator: ",") + "]").utf8)
            guard case .streamed(let read) = try SnapshotStream.read(bytes: text, name: "c", stateVersion: nil, options: options) else { return }
            let version: StateVersion = stateVersion == 0 ? .v0 : .v1
            #expect(read.stateVersion == version && !read.sorted)
            #expect(read.stateRoot == Trie.root(of: pairs, version: version))
        }
        let damaged = Array("[[\"0x01\",\"0x02\"],[\"0x3a636f6465\",\"0x0061736d02000000\"],[\"0x99\",\"0x\"]]".utf8)
        let expected = try #require(throws: StateError.self) { try StateSnapshot(jsonBytes: damaged, source: "d").runtimeVersion() }
        let got = try #require(throws: StateError.self) { try SnapshotStream.read(bytes: damaged, name: "d", stateVersion: nil, options: options) }
        #expect(got == expected)
    }
}

extension TestRandom {
    fileprivate init(state: UInt64) { self.init(seed: state) }
    fileprivate mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    fileprivate mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
}
