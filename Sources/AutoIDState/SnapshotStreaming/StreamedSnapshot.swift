import AutoIDFiles
import AutoIDHashing
public import AutoIDJSON

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A snapshot's state root computed while it is read, with memory bounded by the trie's open path and
/// one sort run, not by the input: for every form ``StateSnapshot`` reads.
///
/// How it goes (each choice for a state of many GB):
///
/// - **Sorted input is hashed as it is read.** Real `state_getPairs` dumps and key/value maps written
///   by tools come in key order, so a flat snapshot in a file first goes straight into the streaming
///   ``TrieRootBuilder``; a key equal to the one before replaces its value (the last wins, as with
///   ``StateSnapshot``). The first key smaller than the one before ends that pass, and the file is read
///   again through the sorter below: a second read costs less than spilling every snapshot to disk on the
///   chance that it is unsorted.
/// - **Unsorted input, standard input and chain specs go through ``PairSorter``**, an external merge
///   sort (sorted runs of ``SnapshotReadOptions/runBytes`` in a private folder under `$TMPDIR`, removed
///   afterwards; a k-way merge into the builder). Standard input cannot be read twice; a chain spec's
///   child-trie roots, which belong inside the top trie, are known only after `childrenDefault`, which
///   comes after `top`.
/// - **The trie layout** comes from `--state-version` or from the runtime in `:code`, which a stream meets
///   wherever its key lies. On the sorted path, while no layout is settled, two builders (layouts 0 and
///   1) take every pair until the first key after `:code`; then `:code` is final, its runtime names the
///   layout and the other builder is dropped. `:code` sorts after every key that starts below `0x3a`, so
///   the doubled work is the keys before it (about a fifth of a Substrate state, whose keys start with
///   hashes), against reading the whole input twice to find `:code` first. The sorter path sees every
///   pair before it builds, so it knows the layout when it starts.
/// - **Child tries** (chain specs' `childrenDefault`) are each sorted and hashed when their map ends,
///   under both layouts while the layout is not known; their roots go into the top trie under
///   `:child_storage:default:` as ``StateRoot`` puts them, and a top key in the reserved space, a repeated
///   child, or an empty child is treated as ``StateRoot/compute(top:children:version:)`` treats it.
/// - **Repeated keys**: in a map (and a chain spec's maps) a key given twice is an error, as the JSON
///   reader says; in pairs and JSON Lines the last value wins.
public struct StreamedSnapshot: Sendable {
    public var format: StateSnapshot.Format
    /// Top-trie pairs as ``StateSnapshot/top`` counts them.
    public var pairCount: Int
    public var chainName: String?
    public var chainID: String?
    public var properties: JSONValue?
    /// The layout used: the one given, else the runtime's in `:code`; `nil` without either.
    public var stateVersion: StateVersion?
    /// The state root under ``stateVersion``.
    public var stateRoot: H256?
    /// Top pairs whose key starts with ``SnapshotReadOptions/keepPrefix``, in file order.
    public var kept: [([UInt8], [UInt8])]
    /// Whether the pairs had to be sorted (tests and benchmarks).
    public var sorted: Bool
}

/// How ``SnapshotStream`` reads.
public struct SnapshotReadOptions: Sendable {
    /// Memory for a sort run before it is written to disk.
    public var runBytes = 96 << 20
    /// Where sort runs go (default `$TMPDIR`, else `/tmp`).
    public var temporaryDirectory: String?
    /// An input of at most this many bytes that the streaming reader refuses is read whole by
    /// ``StateSnapshot``, which gives its usual error (or reads a shape only it knows).
    public var wholeReadLimit = 32 << 20
    /// Bytes per read.
    public var chunkSize = 1 << 20
    /// Top pairs under this prefix are kept (``StreamedSnapshot/kept``).
    public var keepPrefix: [UInt8]?
    /// Whether a file is first read as if sorted (``StreamedSnapshot``); tests turn it off.
    public var trySortedFirst = true

    public init() {}
}

/// Reading a snapshot file as a stream, or whole when the streaming reader cannot.
public enum SnapshotStream {
    /// What reading gave: the streamed result, or the whole snapshot (a small input the streaming reader
    /// refused; the caller audits it as before).
    public enum Read: Sendable {
        case streamed(StreamedSnapshot)
        case whole(StateSnapshot)
    }

    /// Reads the snapshot at `path` (`-`: standard input), named `name` in errors, computing its root under
    /// `stateVersion`, else under the runtime's layout when it has `:code` (no root without either).
    ///
    /// - Throws: ``FileError`` when the input cannot be read; ``StateError`` when it is not a snapshot or
    ///   `:code` does not read.
    public static func read(path: String, name: String, stateVersion: StateVersion?, options: SnapshotReadOptions = .init()) throws -> Read {
        let direct = options.trySortedFirst && path != "-"
        var bytes = try SnapshotBytes(path: path, chunkSize: options.chunkSize, keptLimit: options.wholeReadLimit)
        do {
            do {
                return .streamed(try pass(bytes, name: name, stateVersion: stateVersion, direct: direct, options: options))
            } catch let error as StateError where error.kind == .unsortedKeys {
                bytes = try SnapshotBytes(path: path, chunkSize: options.chunkSize, keptLimit: options.wholeReadLimit)
                return .streamed(try pass(bytes, name: name, stateVersion: stateVersion, direct: false, options: options))
            }
        } catch let error as FileError {
            throw error
        } catch {
            if let whole = try wholeInput(bytes) { return .whole(try StateSnapshot(jsonBytes: whole, source: name)) }
            if let failure = error as? SnapshotScanner.Failure {
                throw failure.error
                    ?? StateError(
                        .invalidInput, "\(name): not a snapshot the streaming reader can read: \(failure.reason) (at byte \(failure.offset))",
                        hint: "a snapshot is a raw chain spec, a key/value map, a state_getPairs array or JSON Lines")
            }
            throw error
        }
    }

    /// Reads `bytes` (in memory) as ``read(path:name:stateVersion:options:)`` reads a file; for tests.
    static func read(bytes input: [UInt8], name: String, stateVersion: StateVersion?, options: SnapshotReadOptions) throws -> Read {
        let chunk = options.chunkSize
        do {
            do {
                return .streamed(
                    try pass(
                        SnapshotBytes(bytes: input, chunkSize: chunk, name: name), name: name, stateVersion: stateVersion,
                        direct: options.trySortedFirst, options: options))
            } catch let error as StateError where error.kind == .unsortedKeys {
                return .streamed(
                    try pass(SnapshotBytes(bytes: input, chunkSize: chunk, name: name), name: name, stateVersion: stateVersion, direct: false, options: options)
                )
            }
        } catch {
            if input.count <= options.wholeReadLimit { return .whole(try StateSnapshot(jsonBytes: input, source: name)) }
            if let failure = error as? SnapshotScanner.Failure {
                throw failure.error
                    ?? StateError(
                        .invalidInput, "\(name): not a snapshot the streaming reader can read: \(failure.reason) (at byte \(failure.offset))",
                        hint: "a snapshot is a raw chain spec, a key/value map, a state_getPairs array or JSON Lines")
            }
            throw error
        }
    }

    /// The whole input when it is within the kept limit (reading the rest to know), else `nil`.
    private static func wholeInput(_ bytes: SnapshotBytes) throws -> [UInt8]? {
        guard bytes.kept != nil else { return nil }
        while bytes.kept != nil {
            bytes.position = bytes.end
            guard try bytes.refill() else { break }
        }
        return bytes.kept
    }

    /// Two builders while the layout is open, one once it is settled.
    struct Builders: ~Copyable {
        var v0: TrieRootBuilder
        var v1: TrieRootBuilder
        var use0: Bool
        var use1: Bool

        init(_ version: StateVersion?) {
            v0 = TrieRootBuilder(version: .v0)
            v1 = TrieRootBuilder(version: .v1)
            use0 = version != .v1
            use1 = version != .v0
        }

        mutating func settle(_ version: StateVersion) {
            use0 = version == .v0
            use1 = version == .v1
        }

        mutating func append(_ key: UnsafeBufferPointer<UInt8>, _ value: UnsafeBufferPointer<UInt8>) -> TrieRootBuilder.Placement {
            var placement = TrieRootBuilder.Placement.added
            if use0 { placement = v0.append(key: key, value: value) }
            if use1 { placement = v1.append(key: key, value: value) }
            return placement
        }

        mutating func root(_ version: StateVersion) -> H256 {
            version == .v0 ? v0.finish() : v1.finish()
        }
    }

    /// A child trie's roots under each layout still possible.
    struct ChildRoot {
        var storageKey: [UInt8]
        var text: String
        var empty: Bool
        var v0: H256?
        var v1: H256?
    }

    private static func duplicate(_ key: UnsafeBufferPointer<UInt8>, _ what: String) -> StateError {
        StateError(
            .invalidInput, "\(what): key 0x\(Hex.encode(Array(key.prefix(64)))) is given twice",
            hint: "a JSON object names each key once; remove the repeated member")
    }

    /// One reading of the input: sorted (`direct`, flat snapshots only) or through the sorter.
    static func pass(_ bytes: SnapshotBytes, name: String, stateVersion: StateVersion?, direct: Bool, options: SnapshotReadOptions) throws
        -> StreamedSnapshot
    {
        var scanner = SnapshotScanner(bytes, source: name)
        defer { scanner.release() }
        let code = StorageHashing.codeKey
        var codeValue: [UInt8]?
        var kept: [([UInt8], [UInt8])] = []
        let keepPrefix = options.keepPrefix
        var builders = Builders(stateVersion)
        var version = stateVersion
        var codePassed = false
        let top = PairSorter(runBytes: options.runBytes, temporaryDirectory: options.temporaryDirectory)
        var child: PairSorter?
        var childRoots: [ChildRoot] = []
        var chainTopIndex = 0
        try scanner.scan(
            pair: { trie, place, key, value in
                if trie == SnapshotScanner.top {
                    if let keepPrefix, key.starts(with: keepPrefix) { kept.append((Array(key), Array(value))) }
                    if key.elementsEqual(code) { codeValue = Array(value) }
                    if place == .chainTop {
                        if key.starts(with: StateRoot.childStoragePrefix) {
                            throw StateError(
                                .invalidInput,
                                "top-level pair #\(chainTopIndex) has key 0x\(Hex.encode(Array(key))) in the reserved :child_storage: space",
                                hint: "Pass child trie contents through `children`; the builder inserts their roots itself")
                        }
                        chainTopIndex += 1
                    }
                    if direct && place != .chainTop {
                        if version == nil, !codePassed, code.lexicographicallyPrecedes(key) {
                            // Every key from here on is greater: `:code` is final.
                            codePassed = true
                            if let codeValue, let runtime = try? RuntimeVersion(code: codeValue) {
                                version = runtime.stateVersion
                                builders.settle(runtime.stateVersion)
                            }
                        }
                        switch builders.append(key, value) {
                        case .added: break
                        case .replaced: if place == .map { throw duplicate(key, "\(name): $") }
                        case .outOfOrder:
                            // Not sorted after all: `read` catches this and reads the input again through the sort.
                            throw StateError(.unsortedKeys, "\(name): keys out of order", hint: "")
                        }
                    } else {
                        try top.add(key: key, value: value)
                    }
                } else {
                    if child == nil { child = PairSorter(runBytes: options.runBytes, temporaryDirectory: options.temporaryDirectory) }
                    try child!.add(key: key, value: value)
                }
            },
            childEnded: { _, storageKey, text in
                let sorter = child ?? PairSorter(runBytes: 64)
                child = nil
                var root = ChildRoot(storageKey: storageKey, text: text, empty: sorter.count == 0)
                if !root.empty {
                    // Known layout: given, or from `:code` when `top` came before (a map: `:code` is final).
                    var layout = version
                    if layout == nil, let codeValue, let runtime = try? RuntimeVersion(code: codeValue) { layout = runtime.stateVersion }
                    var childBuilders = Builders(layout)
                    let what = "\(name): child trie 0x\(Hex.encode(storageKey.prefix(32)))"
                    try sorter.forEachKey { key, value, _, given in
                        if given > 1 { throw duplicate(key, what) }
                        _ = childBuilders.append(key, value)
                    }
                    if childBuilders.use0 { root.v0 = childBuilders.root(.v0) }
                    if childBuilders.use1 { root.v1 = childBuilders.root(.v1) }
                }
                childRoots.append(root)
            })
        // The layout: given, else the runtime's (reading `:code` may fail, as StateSnapshot's would).
        if version == nil, let codeValue { version = try RuntimeVersion(code: codeValue).stateVersion }
        var result = StreamedSnapshot(
            format: scanner.format, pairCount: scanner.topCount, chainName: scanner.chainName, chainID: scanner.chainID,
            properties: scanner.properties, stateVersion: version, stateRoot: nil, kept: kept, sorted: !direct)
        if scanner.format != .chainSpec && !childRoots.isEmpty {
            throw SnapshotScanner.Failure(offset: 0, reason: "child tries outside a chain spec", error: nil)
        }
        if direct && scanner.format != .chainSpec {
            if let version { result.stateRoot = builders.root(version) }
            return result
        }
        // Child roots go into the top trie in key order; StateRoot refuses a storage key given twice.
        let byText = childRoots.sorted { $0.text < $1.text }
        var seen = Set<[UInt8]>()
        for (index, child) in byText.enumerated() where !seen.insert(child.storageKey).inserted {
            throw StateError(
                .invalidInput, "child trie #\(index) repeats storage key 0x\(Hex.encode(child.storageKey))",
                hint: "Merge the pairs of child tries with the same storage key")
        }
        let inserted = childRoots.filter { !$0.empty }.sorted { $0.storageKey.lexicographicallyPrecedes($1.storageKey) }
        var builder = TrieRootBuilder(version: version ?? .v1)
        let build = version != nil
        var next = 0
        let isMap = scanner.format != .pairs && scanner.format != .jsonLines
        func insertChildren(before key: UnsafeBufferPointer<UInt8>?) {
            while next < inserted.count {
                let childKey = StateRoot.defaultChildStoragePrefix + inserted[next].storageKey
                if let key, !childKey.lexicographicallyPrecedes(key) { return }
                if build, let root = version == .v0 ? inserted[next].v0 : inserted[next].v1 {
                    childKey.withUnsafeBufferPointer { k in root.bytes.withUnsafeBufferPointer { v in _ = builder.append(key: k, value: v) } }
                }
                next += 1
            }
        }
        try top.forEachKey { key, value, _, given in
            if given > 1, isMap { throw duplicate(key, "\(name): \(scanner.format == .chainSpec ? "genesis.raw.top" : "$")") }
            guard build else { return }
            insertChildren(before: key)
            _ = builder.append(key: key, value: value)
        }
        if build {
            insertChildren(before: nil)
            result.stateRoot = builder.finish()
        }
        return result
    }
}

// MARK: comparing two snapshots key by key

extension SnapshotStream {
    /// Every pair of a snapshot (top and child tries in one key space, as ``StateDiff`` compares them),
    /// sorted with bounded memory: for a file, a second reading; for a snapshot in memory, its pairs.
    struct AllPairs {
        let sorter: PairSorter
        /// Which of several pairs with one key counts: the top trie's below every child's, children in
        /// the order of their names as written, and the last given within one trie, as ``StateSnapshot``
        /// lists them.
        let priority: @Sendable (UInt32) -> Int
    }

    static func allPairs(of snapshot: StateSnapshot, options: SnapshotReadOptions) throws -> AllPairs {
        let sorter = PairSorter(runBytes: options.runBytes, temporaryDirectory: options.temporaryDirectory)
        for (key, value) in snapshot.top {
            try key.withUnsafeBufferPointer { k in try value.withUnsafeBufferPointer { v in try sorter.add(key: k, value: v, tag: 0) } }
        }
        for (index, child) in snapshot.children.enumerated() {
            for (key, value) in child.pairs {
                try key.withUnsafeBufferPointer { k in
                    try value.withUnsafeBufferPointer { v in try sorter.add(key: k, value: v, tag: UInt32(index + 1)) }
                }
            }
        }
        // StateSnapshot keeps its children in name order already.
        return AllPairs(sorter: sorter, priority: { Int($0) })
    }

    static func allPairs(path: String, name: String, options: SnapshotReadOptions) throws -> AllPairs {
        let bytes = try SnapshotBytes(path: path, chunkSize: options.chunkSize, keptLimit: 0)
        return try allPairs(bytes, name: name, options: options)
    }

    static func allPairs(_ bytes: SnapshotBytes, name: String, options: SnapshotReadOptions) throws -> AllPairs {
        let sorter = PairSorter(runBytes: options.runBytes, temporaryDirectory: options.temporaryDirectory)
        var scanner = SnapshotScanner(bytes, source: name)
        defer { scanner.release() }
        var names: [String] = []
        try scanner.scan(
            pair: { trie, _, key, value in try sorter.add(key: key, value: value, tag: UInt32(trie + 1)) },
            childEnded: { _, _, text in names.append(text) })
        var rank = [Int](repeating: 0, count: names.count + 1)
        for (order, index) in names.indices.sorted(by: { names[$0] < names[$1] }).enumerated() { rank[index + 1] = order + 1 }
        let ranks = rank
        return AllPairs(sorter: sorter, priority: { ranks[Int($0)] })
    }

    /// Where `first` and `second` differ, walking both in key order.
    static func difference(_ first: AllPairs, _ second: AllPairs) throws -> StateDiff {
        let a = try first.sorter.sorted(priority: first.priority)
        let b = try second.sorter.sorted(priority: second.priority)
        var diff = StateDiff()
        var haveA = try a.next()
        var haveB = try b.next()
        while haveA || haveB {
            let order = haveA && haveB ? PairSorter.compare(a.key, b.key) : (haveA ? -1 : 1)
            if order < 0 {
                diff.record(a.key, .onlyInFirst)
                haveA = try a.next()
            } else if order > 0 {
                diff.record(b.key, .onlyInSecond)
                haveB = try b.next()
            } else {
                if !a.value.elementsEqual(b.value) { diff.record(a.key, .valueDiffers) }
                haveA = try a.next()
                haveB = try b.next()
            }
        }
        return diff
    }
}

extension PairSorter {
    static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(a.count, b.count)
        if common > 0 {
            let order = memcmp(a.baseAddress!, b.baseAddress!, common)
            if order != 0 { return Int(order) }
        }
        return a.count - b.count
    }
}

// MARK: pairs in file order, for audits that read records rather than roots

extension SnapshotStream {
    /// What ``forEachFlatPair(path:name:_:)`` read.
    public struct FlatPairs: Sendable {
        /// Map, pairs (bare or in a JSON-RPC response) or JSON Lines.
        public var format: StateSnapshot.Format
        /// Pairs as ``StateSnapshot/top`` counts them (repeated keys included).
        public var pairCount: Int
    }

    /// Calls `body` with every pair of the flat snapshot file at `path` (a map, pairs, or JSON Lines), in
    /// file order, read as a stream (memory: one chunk and one pair). `nil` when the file is a raw chain spec
    /// or a shape the streaming reader refuses (read it whole with ``StateSnapshot`` then, which says what
    /// is wrong). Keys are not checked for order or repeats: that is the caller's (a map's repeated key is
    /// an error, as the whole reader says).
    ///
    /// - Throws: ``FileError`` when the file cannot be read; what `body` throws.
    public static func forEachFlatPair(
        path: String, name: String, _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Void
    ) throws -> FlatPairs? {
        var scanner = SnapshotScanner(try SnapshotBytes(path: path, keptLimit: 0), source: name)
        defer { scanner.release() }
        do {
            try scanner.scan(
                pair: { _, place, key, value in
                    // A chain spec: its properties (token, existential deposit) may come after its pairs.
                    if place == .chainTop || place == .child { throw SnapshotScanner.Failure(offset: 0, reason: "a chain spec", error: nil) }
                    try body(UnsafeRawBufferPointer(key), UnsafeRawBufferPointer(value))
                }, childEnded: { _, _, _ in })
        } catch is SnapshotScanner.Failure {
            return nil
        }
        return FlatPairs(format: scanner.format, pairCount: scanner.topCount)
    }
}
