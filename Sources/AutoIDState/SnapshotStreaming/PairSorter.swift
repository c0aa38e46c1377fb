import AutoIDBLAKE3Intrinsics
import AutoIDFiles

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Key/value pairs in any order, handed back in key order with bounded memory: an external merge sort.
///
/// Pairs are copied into one arena (keys and values side by side) and indexed by small entries that
/// carry the key's first eight bytes as an integer, so most comparisons never touch the arena. When
/// arena and index pass ``runBytes``, the entries are sorted and written out as one sorted *run* to a
/// private temporary folder (under `$TMPDIR`, else `/tmp`); ``forEachKey(priority:_:)`` then merges
/// every run and what is still in memory (a k-way merge over a heap), so memory stays near
/// ``runBytes`` plus one read buffer per run, whatever the number of pairs. The folder and its runs are
/// removed when the sorter goes away (also when reading fails part way). Input that never fills a run
/// is sorted in memory and touches no disk.
///
/// Equal keys are kept apart (each with its `tag`, the trie or group it came from, and its sequence
/// number, the order it was added in) until the merge, which hands the caller one pair per key: the
/// last added of the group with the highest priority, and how many were given (so a map, where a key
/// given twice is an error, can say so).
final class PairSorter {
    /// 24 bytes: the order of arrival is the arena offset (within a run) and the run's index (across runs).
    struct Entry {
        /// The key's first eight bytes, big-endian, zero-padded.
        var prefix: UInt64
        var offset: UInt32
        var valueLength: UInt32
        var tag: UInt32
        var keyLength: UInt16
    }

    /// Memory for pairs before a run is written: 96 MiB (a 1,000,000-pair map fits one run), so that sorting a 5 GB snapshot stays
    /// under 256 MiB resident. Tests use a few hundred bytes to write many runs.
    static let defaultRunBytes = 96 << 20

    let runBytes: Int
    /// Keys and values side by side; `arena` is `arenaMemory`'s bytes.
    private var arenaMemory: AnonymousMemory
    private var arena: UnsafeMutablePointer<UInt8>
    private var arenaCapacity: Int
    private var arenaCount = 0
    /// The index: `entryCount` entries at `entries`, in `entryMemory` (room for `entryCapacity`).
    /// `spareMemory`, as large, is where sorting deals them (made at the first large sort); the two swap
    /// roles after each sort, so a sorter that writes many runs reuses the same memory for every run.
    private var entryMemory: AnonymousMemory
    private var spareMemory: AnonymousMemory?
    private var entries: UnsafeMutablePointer<Entry>
    private var entryCount = 0
    /// Room for a run of pairs of about 72 bytes (a 32-byte key and value and their entry), doubled when
    /// smaller pairs fill it, up to `entryLimit`: reserving the limit at once (as much as the arena, and
    /// as much again for the spare) would ask a system that does not overcommit for three times a run.
    private var entryCapacity: Int
    /// A run holds at most `runBytes / stride + 1` entries: ``add(key:value:tag:)`` writes a run as soon
    /// as arena and index pass ``runBytes``.
    private let entryLimit: Int
    private var runs: [String] = []
    private var directory: String?
    private let temporaryRoot: String
    /// Pairs added.
    private(set) var count = 0

    /// Whether runs may be written: `false` for a sorter that must stay in memory, whose
    /// ``add(key:value:tag:)`` then fails with ``FileError/Code/tooLarge(limit:)`` when full.
    private let spills: Bool

    /// A sorter that never writes runs and holds up to `memory` bytes (under 1 GiB) of pairs and index.
    convenience init(memory: Int) {
        self.init(runBytes: memory, temporaryDirectory: nil, spills: false)
    }

    init(runBytes: Int = PairSorter.defaultRunBytes, temporaryDirectory: String? = nil, spills: Bool = true) {
        self.spills = spills
        // Offsets are 32-bit: a run stays under 1 GiB (one pair may pass it: keys are at most 510 bytes
        // and values at most 256 MiB, as the reader reads them).
        self.runBytes = min(max(runBytes, 64), 1 << 30)
        // Allocated whole at once: pages are only made resident as pairs fill them, and the arena is
        // never copied to grow (unless one pair is larger than a run). Huge pages past the first 2 MiB
        // (AnonymousMemory): sorted entries point all over the arena.
        arenaCapacity = self.runBytes
        arenaMemory = AnonymousMemory(byteCount: arenaCapacity)
        arena = arenaMemory.bytes.bindMemory(to: UInt8.self, capacity: arenaCapacity)
        entryLimit = self.runBytes / MemoryLayout<Entry>.stride + 2
        entryCapacity = min(entryLimit, max(64, self.runBytes / 72))
        entryMemory = AnonymousMemory(byteCount: entryCapacity * MemoryLayout<Entry>.stride)
        entries = entryMemory.bytes.bindMemory(to: Entry.self, capacity: entryCapacity)
        let environment = getenv("TMPDIR").map { String(cString: $0) }
        temporaryRoot = temporaryDirectory ?? (environment.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp")
    }

    deinit {
        removeRuns()
    }

    /// How many runs were written (tests check that the disk path ran).
    var runCount: Int { runs.count }

    /// Deletes the runs and their folder (after the merge, or when the sorter goes away).
    func removeRuns() {
        for run in runs { unlink(run) }
        runs = []
        if let directory { rmdir(directory) }
        directory = nil
    }

    func add(key: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>, tag: UInt32 = 0) throws(FileError) {
        precondition(key.count <= Int(UInt16.max) && value.count <= 1 << 30, "PairSorter.add: key or value too long")
        let size = key.count + value.count
        if arenaCount + size > arenaCapacity {
            if entryCount > 0 && arenaCount + size + entryCount * MemoryLayout<Entry>.stride > runBytes {
                try spill()
            }
            if arenaCount + size > arenaCapacity {
                let capacity = max(arenaCount + size, min(arenaCapacity * 2, max(runBytes, arenaCount + size)))
                let grown = AnonymousMemory(byteCount: capacity)
                grown.bytes.copyMemory(from: arena, byteCount: arenaCount)
                arenaMemory = grown
                arena = grown.bytes.bindMemory(to: UInt8.self, capacity: capacity)
                arenaCapacity = capacity
            }
        }
        if let base = key.baseAddress { (arena + arenaCount).update(from: base, count: key.count) }
        if let base = value.baseAddress { (arena + arenaCount + key.count).update(from: base, count: value.count) }
        if entryCount == entryCapacity {
            // Only a sorter that may not write runs, called again after it said it is full, reaches the limit.
            guard entryCapacity < entryLimit else { throw FileError(code: .tooLarge(limit: runBytes), operation: "sort", path: "pairs in memory") }
            growEntries()
        }
        (entries + entryCount).initialize(
            to: Entry(prefix: Self.prefix(key), offset: UInt32(arenaCount), valueLength: UInt32(value.count), tag: tag, keyLength: UInt16(key.count)))
        entryCount += 1
        arenaCount += size
        count += 1
        if arenaCount + entryCount * MemoryLayout<Entry>.stride > runBytes { try spill() }
    }

    /// Doubles the room for entries (up to the limit), copying them; the spare is made again, as large,
    /// at the next sort.
    private func growEntries() {
        let capacity = min(entryLimit, entryCapacity * 2)
        let grown = AnonymousMemory(byteCount: capacity * MemoryLayout<Entry>.stride)
        let moved = grown.bytes.bindMemory(to: Entry.self, capacity: capacity)
        moved.initialize(from: entries, count: entryCount)
        entryMemory = grown
        entries = moved
        entryCapacity = capacity
        spareMemory = nil
    }

    @inline(__always)
    static func prefix(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        if key.count >= 8 { return UInt64(bigEndian: UnsafeRawPointer(key.baseAddress!).loadUnaligned(as: UInt64.self)) }
        var prefix: UInt64 = 0
        let n = min(8, key.count)
        for index in 0..<n { prefix |= UInt64(key[index]) << (56 - 8 * UInt64(index)) }
        return prefix
    }

    /// Sorts the entries in memory: by key, then by order of arrival. First a counting pass on the
    /// key's first byte deals the entries into 256 buckets (one sequential pass), then each bucket, small
    /// enough to stay in cache, is sorted by the rest of its 8-byte prefix and, on equal prefixes, the
    /// key bytes in the arena.
    private func sortEntries() {
        let arena = self.arena
        let less = { (a: Entry, b: Entry) -> Bool in
            if a.prefix != b.prefix { return a.prefix < b.prefix }
            let order = Self.compare(arena + Int(a.offset), Int(a.keyLength), arena + Int(b.offset), Int(b.keyLength))
            return order != 0 ? order < 0 : a.offset < b.offset
        }
        let all = UnsafeMutableBufferPointer(start: entries, count: entryCount)
        guard all.count > 1 << 12 else {
            var all = all
            all.sort(by: less)
            return
        }
        var starts = [Int](repeating: 0, count: 257)
        for entry in all { starts[Int(entry.prefix >> 56) + 1] += 1 }
        for bucket in 0..<256 { starts[bucket + 1] += starts[bucket] }
        var next = starts
        let dealtMemory = spareMemory ?? AnonymousMemory(byteCount: entryCapacity * MemoryLayout<Entry>.stride)
        let dealt = dealtMemory.bytes.bindMemory(to: Entry.self, capacity: entryCapacity)
        for entry in all {
            let bucket = Int(entry.prefix >> 56)
            (dealt + next[bucket]).initialize(to: entry)
            next[bucket] += 1
        }
        // Every entry is dealt now: the old index is room to deal a bucket again.
        for bucket in 0..<256 where starts[bucket + 1] - starts[bucket] > 1 {
            Self.sortBucket(UnsafeMutableBufferPointer(start: dealt + starts[bucket], count: starts[bucket + 1] - starts[bucket]), spare: entries, by: less)
        }
        spareMemory = entryMemory
        entryMemory = dealtMemory
        entries = dealt
    }

    /// Sorts one first-byte bucket: a large one is dealt again by the key's second byte (through
    /// `spare`, room for the whole bucket), and each part is sorted by `less`, by insertion when it is
    /// small. Keys that share their first bytes (a real state's storage prefixes) end up in one large
    /// part, which `sort(by:)` takes as before.
    private static func sortBucket(_ bucket: UnsafeMutableBufferPointer<Entry>, spare: UnsafeMutablePointer<Entry>, by less: (Entry, Entry) -> Bool) {
        let insertionLimit = 24
        func sortPart(_ part: UnsafeMutableBufferPointer<Entry>) {
            guard part.count > 1 else { return }
            if part.count > insertionLimit {
                var part = part
                part.sort(by: less)
                return
            }
            let base = part.baseAddress!
            for index in 1..<part.count {
                let entry = base[index]
                var at = index
                while at > 0, less(entry, base[at - 1]) {
                    base[at] = base[at - 1]
                    at -= 1
                }
                base[at] = entry
            }
        }
        guard bucket.count > 256 else {
            sortPart(bucket)
            return
        }
        let base = bucket.baseAddress!
        var counts = (0..<257).map { _ in 0 }
        for index in 0..<bucket.count { counts[Int(truncatingIfNeeded: base[index].prefix >> 48) & 0xFF + 1] += 1 }
        for byte in 0..<256 { counts[byte + 1] += counts[byte] }
        var next = counts
        for index in 0..<bucket.count {
            let byte = Int(truncatingIfNeeded: base[index].prefix >> 48) & 0xFF
            (spare + next[byte]).initialize(to: base[index])
            next[byte] += 1
        }
        base.update(from: spare, count: bucket.count)
        for byte in 0..<256 where counts[byte + 1] - counts[byte] > 1 {
            sortPart(UnsafeMutableBufferPointer(rebasing: bucket[counts[byte]..<counts[byte + 1]]))
        }
    }

    @inline(__always)
    static func compare(_ a: UnsafePointer<UInt8>, _ aCount: Int, _ b: UnsafePointer<UInt8>, _ bCount: Int) -> Int {
        let common = min(aCount, bCount)
        if common > 0 {
            let order = memcmp(a, b, common)
            if order != 0 { return Int(order) }
        }
        return aCount - bCount
    }

    /// Writes the entries, sorted, as one run, and empties memory.
    private func spill() throws(FileError) {
        guard spills else { throw FileError(code: .tooLarge(limit: runBytes), operation: "sort", path: "pairs in memory") }
        sortEntries()
        if directory == nil {
            Self.removeStaleFolders(in: temporaryRoot)
            // The writer's stamp in the name, so that a later sort can tell a killed one's folder.
            let stamp = WriterStamp.current.map { $0 + "-" } ?? ""
            var template = Array((temporaryRoot + "/" + Self.folderPrefix + stamp + "XXXXXX").utf8CString)
            guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
                throw FileError(
                    errno: errno, operation: "make a temporary folder in", path: temporaryRoot,
                    hint: "sorting a large snapshot writes sorted runs there; set TMPDIR to a folder with room")
            }
            directory = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        let path = "\(directory!)/run-\(runs.count)"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw FileError(errno: errno, operation: "create", path: path) }
        runs.append(path)
        defer { close(descriptor) }
        var writer = RunWriter(descriptor: descriptor, path: path)
        // Sorted entries point all over the arena: prefetch the pairs a few entries ahead (see forEachKey).
        let sorted = UnsafeBufferPointer(start: entries, count: entryCount)
        for index in sorted.indices {
            if index + 16 < sorted.count {
                let ahead = UnsafeRawPointer(arena + Int(sorted[index + 16].offset))
                blake3Prefetch(ahead)
                blake3Prefetch(ahead + 63)
            }
            try writer.write(sorted[index], arena: arena)
        }
        try writer.flush()
        entryCount = 0
        arenaCount = 0
    }

    /// The name of every sort's temporary folder begins so: `state-audit-sort-TAG-PID-XXXXXX` (see
    /// ``WriterStamp``; without one, `state-audit-sort-XXXXXX`).
    static let folderPrefix = "state-audit-sort-"

    /// Removes, in `root`, the sort folders that writers now gone left behind (a sort killed with
    /// SIGKILL cannot remove its runs, which can be gigabytes): folders named `state-audit-sort-TAG-PID-`
    /// and six letters or digits, with this system's TAG and no process with that PID, owned by this
    /// user, holding nothing but `run-N` files. Best effort: anything else is left alone. Returns the
    /// folder names removed.
    @discardableResult
    static func removeStaleFolders(in root: String) -> [String] {
        guard let family = WriterStamp.family(folderPrefix), let folder = opendir(root) else { return [] }
        defer { closedir(folder) }
        var stale: [String] = []
        while let entry = readdir(folder) {
            let name = DirectoryEntry.text(entry)
            guard let pid = WriterStamp.writer(of: name, family: family, suffix: .mkstemp), WriterStamp.isGone(pid: pid) else { continue }
            stale.append(name)
        }
        let rootDescriptor = dirfd(folder)
        var removed: [String] = []
        for name in stale {
            var info = stat()
            guard fstatat(rootDescriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0, (info.st_mode & S_IFMT) == S_IFDIR, info.st_uid == geteuid()
            else { continue }
            let descriptor = openat(rootDescriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard descriptor >= 0, let runs = fdopendir(descriptor) else {
                if descriptor >= 0 { close(descriptor) }
                continue
            }
            var names: [String] = []
            var onlyRuns = true
            while let entry = readdir(runs) {
                let run = DirectoryEntry.text(entry)
                if run == "." || run == ".." { continue }
                let digits = run.utf8.dropFirst(4)
                guard run.hasPrefix("run-"), (1...10).contains(digits.count), digits.allSatisfy({ (0x30...0x39).contains($0) }) else {
                    onlyRuns = false
                    break
                }
                names.append(run)
            }
            if onlyRuns {
                for run in names {
                    var runInfo = stat()
                    if fstatat(descriptor, run, &runInfo, AT_SYMLINK_NOFOLLOW) == 0, (runInfo.st_mode & S_IFMT) == S_IFREG {
                        unlinkat(descriptor, run, 0)
                    }
                }
            }
            closedir(runs)  // closes `descriptor` too
            if onlyRuns && unlinkat(rootDescriptor, name, AT_REMOVEDIR) == 0 { removed.append(name) }
        }
        return removed
    }

    /// Every distinct key once, in increasing order: `body(key, value, tag, given)` with the pair that
    /// wins among those with that key (highest `priority(tag)`, then the last added) and how many pairs
    /// had the key. Call once, after the last ``add(key:value:tag:)``.
    func forEachKey(
        priority: @escaping (UInt32) -> Int = { _ in 0 },
        _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>, UInt32, Int) throws -> Void
    ) throws {
        guard runs.isEmpty else {
            let cursor = try sorted(priority: priority)
            while try cursor.next() { try body(cursor.key, cursor.value, cursor.tag, cursor.given) }
            return
        }
        // All in memory: walk the sorted entries, no copies, prefetching the arena a few pairs ahead
        // (sorted entries point all over it) so its lines are on their way when they are needed. A
        // prefetch, not a read: a read that misses stalls once the reorder window fills, and reading a
        // byte ahead here took a quarter of a 1,000,000-pair snapshot audit.
        sortEntries()
        let arena = self.arena
        do {
            let entries = UnsafeBufferPointer(start: self.entries, count: entryCount)
            var index = 0
            while index < entries.count {
                if index + 16 < entries.count {
                    let ahead = UnsafeRawPointer(arena + Int(entries[index + 16].offset))
                    blake3Prefetch(ahead)
                    blake3Prefetch(ahead + 63)
                }
                var winner = entries[index]
                var end = index + 1
                while end < entries.count, entries[end].prefix == winner.prefix,
                    Self.compare(arena + Int(entries[end].offset), Int(entries[end].keyLength), arena + Int(winner.offset), Int(winner.keyLength)) == 0
                {
                    if priority(entries[end].tag) >= priority(winner.tag) { winner = entries[end] }
                    end += 1
                }
                let key = Int(winner.offset)
                try body(
                    UnsafeBufferPointer(start: arena + key, count: Int(winner.keyLength)),
                    UnsafeBufferPointer(start: arena + key + Int(winner.keyLength), count: Int(winner.valueLength)), winner.tag, end - index)
                index = end
            }
        }
    }

    /// The sorted pairs as a cursor (to walk two sorters side by side). Call once, after the last add.
    func sorted(priority: @escaping (UInt32) -> Int = { _ in 0 }) throws -> SortedPairs {
        sortEntries()
        var sources: [MergeSource] = []
        if !runs.isEmpty {
            let bufferSize = max(64 << 10, (32 << 20) / (runs.count + 1))
            for (index, run) in runs.enumerated() { sources.append(try RunReader(path: run, run: index, bufferSize: bufferSize)) }
        }
        sources.append(MemoryRun(entries: UnsafeBufferPointer(start: entries, count: entryCount), arena: arena, run: runs.count))
        return try SortedPairs(sources: sources, priority: priority, owner: self)
    }
}

/// Sorted pairs, one per key, from a ``PairSorter``: ``next()`` moves to the next key.
final class SortedPairs {
    private let sources: [MergeSource]
    private let priority: (UInt32) -> Int
    /// The sources that still have a pair, as a binary min-heap of their current keys (`heapCount` heads,
    /// room for every source). A head carries its key's first eight bytes and its order of arrival, so
    /// most comparisons touch neither the source nor the key bytes.
    private let heap: UnsafeMutablePointer<Head>
    private var heapCount = 0
    /// Keeps the sorter (its arena and runs) alive while the pairs are read.
    private let owner: PairSorter
    private var current = Held()
    private var pending = Held()
    private var havePending = false

    /// A pair copied out of a source (whose buffer the next read reuses), in memory of its own that
    /// stays put until it is overwritten, so ``key`` and ``value`` can point into it. Plain values
    /// (no reference counting per pair), freed by the deinit of ``SortedPairs``, their one owner.
    private struct Held {
        var key = Bytes()
        var value = Bytes()
        var tag: UInt32 = 0

        func free() {
            key.free()
            value.free()
        }
    }

    private struct Bytes {
        private(set) var base = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)
        private var capacity = 64
        private(set) var count = 0

        func free() { base.deallocate() }

        mutating func set(_ bytes: UnsafeBufferPointer<UInt8>) {
            if bytes.count > capacity {
                base.deallocate()
                capacity = max(bytes.count, capacity * 2)
                base = .allocate(capacity: capacity)
            }
            if let from = bytes.baseAddress { base.update(from: from, count: bytes.count) }
            count = bytes.count
        }

        var view: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }
    }

    /// The current key, the winning value and its tag, and how many pairs had the key.
    private(set) var key = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    private(set) var value = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    private(set) var tag: UInt32 = 0
    private(set) var given = 0

    /// A source in the heap: its current key's first eight bytes (``PairSorter/prefix(_:)``), the
    /// pair's order of arrival, and the source's index.
    private struct Head {
        var prefix: UInt64
        var sequence: Int
        var source: Int
    }

    fileprivate init(sources: [MergeSource], priority: @escaping (UInt32) -> Int, owner: PairSorter) throws {
        self.sources = sources
        self.priority = priority
        self.owner = owner
        heap = .allocate(capacity: max(sources.count, 1))
        for index in sources.indices where try sources[index].advance() {
            (heap + heapCount).initialize(to: head(index))
            heapCount += 1
        }
        for index in stride(from: heapCount / 2 - 1, through: 0, by: -1) { siftDown(index) }
        if heapCount > 0 {
            take(heap[0].source, into: &pending)
            havePending = true
            try pop()
        }
    }

    deinit {
        heap.deallocate()
        current.free()
        pending.free()
    }

    private func head(_ index: Int) -> Head {
        let source = sources[index]
        return Head(prefix: PairSorter.prefix(source.key), sequence: source.sequence, source: index)
    }

    private func less(_ a: Head, _ b: Head) -> Bool {
        if a.prefix != b.prefix { return a.prefix < b.prefix }
        let x = sources[a.source].key
        let y = sources[b.source].key
        let order = PairSorter.compare(
            x.baseAddress ?? UnsafePointer(bitPattern: 1)!, x.count, y.baseAddress ?? UnsafePointer(bitPattern: 1)!, y.count)
        return order != 0 ? order < 0 : a.sequence < b.sequence
    }

    private func siftDown(_ start: Int) {
        let heap = self.heap
        let count = heapCount
        var parent = start
        let moving = heap[parent]
        while true {
            let left = 2 * parent + 1
            if left >= count { break }
            var child = left
            if left + 1 < count, less(heap[left + 1], heap[left]) { child = left + 1 }
            if !less(heap[child], moving) { break }
            heap[parent] = heap[child]
            parent = child
        }
        heap[parent] = moving
    }

    private func take(_ index: Int, into held: inout Held) {
        let source = sources[index]
        held.key.set(source.key)
        held.value.set(source.value)
        held.tag = source.tag
    }

    /// Advances the source on top of the heap.
    private func pop() throws {
        let top = heap[0].source
        if try sources[top].advance() {
            heap[0] = head(top)
            siftDown(0)
        } else {
            heapCount -= 1
            heap[0] = heap[heapCount]
            if heapCount > 0 { siftDown(0) }
        }
    }

    /// Moves to the next key; `false` after the last. The buffers stay valid until the next call.
    func next() throws -> Bool {
        guard havePending else {
            owner.removeRuns()
            return false
        }
        // Worked on as locals and stored back (also when a read fails): the properties of a class
        // cost a run-time exclusivity check at every modifying access.
        var current = pending
        var pending = self.current
        defer {
            self.current = current
            self.pending = pending
        }
        havePending = false
        var given = 1
        while heapCount > 0 {
            let top = heap[0].source
            let source = sources[top]
            if PairSorter.compare(source.key, current.key.view) == 0 {
                given += 1
                if priority(source.tag) >= priority(current.tag) {
                    current.value.set(source.value)
                    current.tag = source.tag
                }
                try pop()
            } else {
                take(top, into: &pending)
                havePending = true
                try pop()
                break
            }
        }
        self.given = given
        tag = current.tag
        key = current.key.view
        value = current.value.view
        return true
    }
}

/// One sorted input of the merge: its current pair.
class MergeSource {
    var key = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    var value = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    var tag: UInt32 = 0
    var sequence = 0
    /// Moves to the next pair; `false` at the end.
    func advance() throws -> Bool { false }
}

/// The entries still in memory, sorted (they and the arena belong to the sorter, which ``SortedPairs`` keeps).
private final class MemoryRun: MergeSource {
    let entries: UnsafeBufferPointer<PairSorter.Entry>
    let arena: UnsafeMutablePointer<UInt8>
    let run: Int
    var index = -1
    init(entries: UnsafeBufferPointer<PairSorter.Entry>, arena: UnsafeMutablePointer<UInt8>, run: Int) {
        self.entries = entries
        self.arena = arena
        self.run = run
    }
    override func advance() throws -> Bool {
        index += 1
        guard index < entries.count else { return false }
        let entry = entries[index]
        key = UnsafeBufferPointer(start: arena + Int(entry.offset), count: Int(entry.keyLength))
        value = UnsafeBufferPointer(start: arena + Int(entry.offset) + Int(entry.keyLength), count: Int(entry.valueLength))
        tag = entry.tag
        sequence = run << 40 | Int(entry.offset)
        return true
    }
}

/// A run's records: key length, value length, tag (4 bytes each), key, value; in key order, and in order
/// of arrival among equal keys.
private let recordHeaderBytes = 12

/// Writes a run's records through a buffer of 1 MiB (one owner; a record larger than the buffer goes
/// straight to the file after its header).
private struct RunWriter: ~Copyable {
    let descriptor: Int32
    let path: String
    private let buffer: UnsafeMutableRawPointer
    private let capacity = 1 << 20
    private var count = 0

    init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
        buffer = .allocate(byteCount: capacity, alignment: 64)
    }

    deinit { buffer.deallocate() }

    mutating func write(_ entry: PairSorter.Entry, arena: UnsafeMutablePointer<UInt8>) throws(FileError) {
        let body = Int(entry.keyLength) + Int(entry.valueLength)
        if count + recordHeaderBytes + body > capacity { try flush() }
        buffer.storeBytes(of: UInt32(entry.keyLength).littleEndian, toByteOffset: count, as: UInt32.self)
        buffer.storeBytes(of: entry.valueLength.littleEndian, toByteOffset: count + 4, as: UInt32.self)
        buffer.storeBytes(of: entry.tag.littleEndian, toByteOffset: count + 8, as: UInt32.self)
        count += recordHeaderBytes
        if count + body > capacity {
            try flush()
            try writeAll(arena + Int(entry.offset), body)
            return
        }
        (buffer + count).copyMemory(from: arena + Int(entry.offset), byteCount: body)
        count += body
    }

    mutating func flush() throws(FileError) {
        try writeAll(buffer, count)
        count = 0
    }

    private func writeAll(_ bytes: UnsafeRawPointer, _ byteCount: Int) throws(FileError) {
        var done = 0
        while done < byteCount {
            let written = Glibc.write(descriptor, bytes + done, byteCount - done)
            if written < 0 {
                if errno == EINTR { continue }
                throw FileError(errno: errno, operation: "write", path: path, hint: "set TMPDIR to a folder with room for the sorted runs")
            }
            done += written
        }
    }
}

private final class RunReader: MergeSource {
    let descriptor: Int32
    let path: String
    var buffer: UnsafeMutablePointer<UInt8>
    var capacity: Int
    var start = 0
    var end = 0

    let run: Int
    var ordinal = 0

    init(path: String, run: Int, bufferSize: Int) throws(FileError) {
        self.run = run
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileError(errno: errno, operation: "open", path: path) }
        self.path = path
        capacity = bufferSize
        buffer = .allocate(capacity: capacity)
    }

    deinit {
        buffer.deallocate()
        close(descriptor)
    }

    /// Makes `count` bytes available from `start`; `false` at a clean end of the run.
    private func fill(_ count: Int) throws -> Bool {
        if end - start >= count { return true }
        if start > 0 {
            (buffer).update(from: buffer + start, count: end - start)
            end -= start
            start = 0
        }
        if count > capacity {
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: count)
            grown.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = grown
            capacity = count
        }
        while end < count {
            let got = read(descriptor, buffer + end, capacity - end)
            if got < 0 {
                if errno == EINTR { continue }
                throw FileError(errno: errno, operation: "read", path: path)
            }
            if got == 0 {
                if end == 0 { return false }
                throw FileError(code: .changedWhileReading, operation: "read", path: path)
            }
            end += got
        }
        return true
    }

    override func advance() throws -> Bool {
        start += key.count + value.count
        guard try fill(recordHeaderBytes) else { return false }
        let header = UnsafeRawPointer(buffer + start)
        let keyLength = Int(UInt32(littleEndian: header.loadUnaligned(as: UInt32.self)))
        let valueLength = Int(UInt32(littleEndian: header.loadUnaligned(fromByteOffset: 4, as: UInt32.self)))
        tag = UInt32(littleEndian: header.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
        sequence = run << 40 | ordinal
        ordinal += 1
        guard try fill(recordHeaderBytes + keyLength + valueLength) else {
            throw FileError(code: .changedWhileReading, operation: "read", path: path)
        }
        start += recordHeaderBytes
        key = UnsafeBufferPointer(start: buffer + start, count: keyLength)
        value = UnsafeBufferPointer(start: buffer + start + keyLength, count: valueLength)
        return true
    }
}
