import AutoIDBLAKE3
public import AutoIDThreads

/// Computes a file's Auto Drive CID from its bytes as they stream past, exactly as auto-dag-data's
/// `processFileToIPLDFormat` builds the file's DAG (DESIGN.md section 10):
///
/// - the content is cut into chunks of 65,066 bytes, each a FileChunk node `{type 2, size, data}`;
/// - exactly one chunk: no chunk node, the root is one File node `{size, name?, data, uploadOptions}`;
/// - no chunk at all (empty content): the root is `{linkDepth 1, size 0, name?, uploadOptions}`;
/// - otherwise, while more than 1,626 CIDs remain, they are grouped in order into FileInlink nodes
///   `{type 1, linkDepth d, size = number of links}` (d = 1, 2... per level), and the root File node
///   `{linkDepth, size = total bytes, name?, uploadOptions}` links the rest.
///
/// Memory is bounded whatever the input size: at most one chunk is buffered (only when the input
/// arrives split inside a chunk), and each level of the tree keeps at most 1,626 CIDs: a level's first
/// 1,626 become an inlink node as soon as a 1,627th arrives, which is exactly when the library's
/// level-by-level grouping would cut them too. Chunks are independent, so the whole chunks of each
/// `update` are hashed on `threads` cores, straight from the caller's buffer.
public struct FileCIDBuilder: Sendable {
    /// The name recorded in the root node (UTF-8), or `nil` for none.
    public let name: [UInt8]?
    /// The upload options recorded in the root node.
    public let options: UploadOptions
    /// Cores to hash chunks on.
    public var threads: Int

    /// Bytes of a chunk not hashed yet: the start of one that the input split, or the first chunk while
    /// it may still turn out to be the only one (then it is the root's data, not a chunk node).
    private var partial: [UInt8] = []
    /// Chunk nodes hashed so far.
    private var chunkCount = 0
    /// Content bytes seen so far.
    public private(set) var byteCount: UInt64 = 0
    /// `levels[0]`: chunk CIDs not yet grouped; `levels[k]`: CIDs of inlink nodes of depth k not yet grouped.
    private var levels: [[AutoDriveCID]] = []
    /// Whether a level has ever been cut into an inlink node (it then holds more than 1,626 CIDs in all).
    private var cut: [Bool] = []

    /// The chunk size in bytes (65,066): callers that read in multiples of it never have chunks copied.
    public static let chunkBytes = DriveNode.chunkBytes
    /// The longest name (bytes of UTF-8) Auto Drive records in a root node: 255.
    public static let maxNameBytes = DriveNode.maxNameBytes

    /// A builder for a file named `name` (`nil`: no name, as for standard input) whose stored bytes were
    /// made with `options`. Throws ``DriveError/Code/nameTooLong`` for a name over 255 bytes of UTF-8,
    /// which Auto Drive does not accept.
    public init(name: String?, options: UploadOptions = .none, threads: Int = Threads.available) throws(DriveError) {
        if let name, name.utf8.count > DriveNode.maxNameBytes {
            throw DriveError(
                .nameTooLong, subject: AutoDriveCID.shown(name),
                detail:
                    "a name is at most \(DriveNode.maxNameBytes) bytes in an Auto Drive root node (this one has \(name.utf8.count)); give a shorter one with --name, or --no-name"
            )
        }
        self.name = name.map { Array($0.utf8) }
        self.options = options
        self.threads = max(1, threads)
    }

    /// Adds the next bytes of the content. Any split gives the same CID.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard var input = bytes.baseAddress, bytes.count > 0 else { return }
        var remaining = bytes.count
        byteCount += UInt64(remaining)
        let chunk = Self.chunkBytes
        if partial.count == chunk {
            hashPartial()  // more content follows, so it is not the only chunk
        } else if !partial.isEmpty {
            let take = min(chunk - partial.count, remaining)
            partial.append(contentsOf: UnsafeRawBufferPointer(start: input, count: take))
            input += take
            remaining -= take
            guard remaining > 0 else { return }
            hashPartial()
        }
        var whole = remaining / chunk
        // The first chunk, when it is all there is so far, may be the only one: keep it back.
        if chunkCount == 0 && whole == 1 && remaining == chunk { whole = 0 }
        if whole > 0 {
            hashChunks(input, count: whole)
            input += whole * chunk
            remaining -= whole * chunk
        }
        partial.append(contentsOf: UnsafeRawBufferPointer(start: input, count: remaining))
    }

    /// Adds the next bytes of the content.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The CID of the content added so far. The builder may go on afterwards.
    public func finalize() -> AutoDriveCID {
        var builder = self
        return builder.finish()
    }

    private mutating func finish() -> AutoDriveCID {
        if chunkCount == 0 {
            if partial.isEmpty {
                return cid(of: DriveNode.root(links: [], linkDepth: 1, size: 0, name: name, options: options))
            }
            return partial.withUnsafeBytes { cid(of: DriveNode.single(content: $0, name: name, options: options)) }
        }
        if !partial.isEmpty { hashPartial() }
        var level = 0
        while cut[level] {
            // A level that was cut: its remaining CIDs (at least one) form its last inlink node.
            let node = DriveNode.inlink(links: levels[level], linkDepth: level + 1)
            levels[level].removeAll()
            add(cid(of: node), level: level + 1)
            level += 1
        }
        return cid(of: DriveNode.root(links: levels[level], linkDepth: level + 1, size: byteCount, name: name, options: options))
    }

    // MARK: Chunks and levels

    private func cid(of node: [UInt8]) -> AutoDriveCID {
        AutoDriveCID(digest: BLAKE3.hash(node))
    }

    /// The CID of the chunk node for `data`, hashing the data where it lies.
    private static func chunkCID(_ data: UnsafeRawBufferPointer) -> AutoDriveCID {
        let prefix = DriveNode.chunkPrefix(dataCount: data.count)
        return prefix.withUnsafeBytes { AutoDriveCID(digest: BLAKE3.hash(prefix: $0, body: data)) }
    }

    private mutating func hashPartial() {
        let cid = partial.withUnsafeBytes { Self.chunkCID($0) }
        partial.removeAll(keepingCapacity: true)
        chunkCount += 1
        add(cid, level: 0)
    }

    /// The most chunk nodes one thread hashes in one task (``BLAKE3/hashMany(prefixes:prefixLength:prefixStride:bodies:bodyLength:bodyStride:count:into:kernel:)``
    /// side by side): 64 nodes are 4 MB of content and about 260 KB of scratch memory per thread.
    static let maxChunksPerTask = 64

    /// How `count` chunks are cut into tasks for `threads` threads: a task per thread at least (while
    /// there are chunks for each), at most ``maxChunksPerTask`` chunks each, and a multiple of 16 chunks
    /// (the widest SIMD kernel), else of 4 (the narrowest), where that leaves no thread idle.
    static func chunksPerTask(count: Int, threads: Int) -> Int {
        let tasks = min(max(1, count), max(max(1, threads), (count + maxChunksPerTask - 1) / maxChunksPerTask))
        let even = (count + tasks - 1) / tasks
        for lanes in [16, 4] {
            let size = (even + lanes - 1) / lanes * lanes
            if size <= maxChunksPerTask && (count + size - 1) / size >= tasks { return size }
        }
        return even
    }

    /// Hashes `count` whole chunks at `input` on up to ``threads`` cores and adds their CIDs in order.
    /// Each task hashes up to ``maxChunksPerTask`` chunk nodes together (every node has the same
    /// 12-byte prefix and lies right after the previous one), so the SIMD lanes are always full and a
    /// thread is handed work once per task, not once per chunk.
    private mutating func hashChunks(_ input: UnsafeRawPointer, count: Int) {
        let chunk = Self.chunkBytes
        let perTask = Self.chunksPerTask(count: count, threads: threads)
        let tasks = (count + perTask - 1) / perTask
        let prefix = DriveNode.chunkPrefix(dataCount: chunk)
        var digests = [UInt8](repeating: 0, count: count * AutoDriveCID.digestBytes)
        digests.withUnsafeMutableBytes { digestBytes in
            prefix.withUnsafeBytes { prefixBytes in
                // Pointers are not Sendable; the buffers outlive the call, and tasks write disjoint digests.
                let inputAddress = UInt(bitPattern: input)
                let outAddress = UInt(bitPattern: digestBytes.baseAddress!)
                let prefixAddress = UInt(bitPattern: prefixBytes.baseAddress!)
                let prefixLength = prefixBytes.count
                let work = { @Sendable (task: Int) in
                    let first = task * perTask
                    let n = min(perTask, count - first)
                    let out = UnsafeMutableRawPointer(bitPattern: outAddress)! + first * AutoDriveCID.digestBytes
                    BLAKE3.hashMany(
                        prefixes: UnsafeRawPointer(bitPattern: prefixAddress), prefixLength: prefixLength, prefixStride: 0,
                        bodies: UnsafeRawPointer(bitPattern: inputAddress)! + first * chunk, bodyLength: chunk, bodyStride: chunk,
                        count: n, into: UnsafeMutableRawBufferPointer(start: out, count: n * AutoDriveCID.digestBytes))
                }
                if tasks == 1 || threads == 1 {
                    for task in 0..<tasks { work(task) }
                } else {
                    Threads.forEach(count: tasks, threads: threads, work)
                }
            }
        }
        chunkCount += count
        for index in 0..<count {
            let start = index * AutoDriveCID.digestBytes
            add(AutoDriveCID(digest: Array(digests[start..<start + AutoDriveCID.digestBytes])), level: 0)
        }
    }

    /// Appends `cid` to `level`, first cutting the level's 1,626 waiting CIDs into an inlink node (one
    /// level up) when it is full: more than 1,626 means the level is grouped.
    private mutating func add(_ cid: AutoDriveCID, level: Int) {
        if levels.count == level {
            levels.append([])
            cut.append(false)
        }
        if levels[level].count == DriveNode.maxLinks {
            let node = DriveNode.inlink(links: levels[level], linkDepth: level + 1)
            levels[level].removeAll(keepingCapacity: true)
            cut[level] = true
            add(self.cid(of: node), level: level + 1)
        }
        levels[level].append(cid)
    }
}

extension FileCIDBuilder {
    /// The CID of `content` in one call.
    public static func cid(of content: [UInt8], name: String?, options: UploadOptions = .none, threads: Int = Threads.available) throws(DriveError)
        -> AutoDriveCID
    {
        var builder = try FileCIDBuilder(name: name, options: options, threads: threads)
        builder.update(content)
        return builder.finalize()
    }
}

// MARK: Positioned reads

extension FileCIDBuilder {
    /// Chunk nodes per task of ``absorb(length:bytes:)``: 16 (one group of the widest
    /// SIMD kernel), about 1 MB, so a task's bytes are hashed while they are still in the core's cache.
    static let positionedTaskChunks = 16
    /// Tasks per window: the chunk CIDs of a window (16 MB of content per 64 tasks) are added in order
    /// before the next window starts, so memory is one buffer per thread and 32 bytes per chunk of a window.
    static let positionedWindowTasks = 1024

    /// Adds `length` bytes of content that can be read at any position (a regular file) to a fresh
    /// builder: every thread takes its own tasks of 16 chunks with `bytes(offset, scratch)`, which returns
    /// the `scratch.count` bytes at `offset`, read into `scratch` (a buffer of the thread's own) or found
    /// in place (a mapping of the file; see `PositionedFile.bytes(at:scratch:)`), and hashes them side by
    /// side there, rather than one thread reading for the others. The same CID as ``update(_:)`` with the
    /// same bytes. Throws what `bytes` throws (the builder is then unusable).
    public mutating func absorb<Failure: Error>(
        length: Int,
        bytes: @escaping @Sendable (_ offset: Int, _ scratch: UnsafeMutableRawBufferPointer) throws(Failure) -> UnsafeRawBufferPointer
    ) throws(Failure) {
        try absorb(length: length, windowTasks: Self.positionedWindowTasks, bytes: bytes)
    }

    mutating func absorb<Failure: Error>(
        length: Int, windowTasks: Int,
        bytes: @escaping @Sendable (_ offset: Int, _ scratch: UnsafeMutableRawBufferPointer) throws(Failure) -> UnsafeRawBufferPointer
    ) throws(Failure) {
        precondition(chunkCount == 0 && partial.isEmpty && byteCount == 0, "absorb(length:) takes all of the content, into a fresh builder")
        let chunk = Self.chunkBytes
        // Content of one chunk at most is the root's own data, not a chunk node: the streaming path.
        let whole = length > chunk ? length / chunk : 0
        let taskChunks = Self.positionedTaskChunks
        let tasks = (whole + taskChunks - 1) / taskChunks
        let prefix = DriveNode.chunkPrefix(dataCount: chunk)
        var done = 0
        while done < tasks {
            let count = min(tasks - done, windowTasks)
            let window = PositionedCIDWindow(
                firstChunk: done * taskChunks, chunks: min(whole - done * taskChunks, count * taskChunks), taskChunks: taskChunks,
                prefix: prefix)
            defer { window.deallocate() }
            try Threads.forEach(count: count, threads: threads, scratchBytes: taskChunks * chunk) { (task, buffer) throws(Failure) in
                let scratch = UnsafeMutableRawBufferPointer(rebasing: buffer[..<(window.chunkCount(ofTask: task) * chunk)])
                let taskBytes = try bytes((window.firstChunk + task * window.taskChunks) * chunk, scratch)
                precondition(taskBytes.count == scratch.count, "positioned bytes: a task of the wrong length")
                window.hash(task, taskBytes)
            }
            for index in 0..<window.chunks {
                add(AutoDriveCID(digest: Array(window.digests[(32 * index)..<(32 * index + 32)])), level: 0)
            }
            chunkCount += window.chunks
            done += count
        }
        byteCount = UInt64(whole * chunk)
        let rest = length - whole * chunk
        guard rest > 0 else { return }
        let tail = UnsafeMutableRawBufferPointer.allocate(byteCount: rest, alignment: 64)
        defer { tail.deallocate() }
        let tailBytes = try bytes(whole * chunk, tail)
        precondition(tailBytes.count == rest, "positioned bytes: a tail of the wrong length")
        update(tailBytes)
    }
}

/// One window of ``FileCIDBuilder/absorb(length:bytes:)``: where its chunks start, how they fall into
/// tasks, and the chunk nodes' digests (each written only by the task that hashes that chunk).
private struct PositionedCIDWindow: @unchecked Sendable {
    let firstChunk: Int
    let chunks: Int
    let taskChunks: Int
    let prefix: [UInt8]
    /// 32 bytes per chunk of the window.
    let digests: UnsafeMutableRawBufferPointer

    init(firstChunk: Int, chunks: Int, taskChunks: Int, prefix: [UInt8]) {
        self.firstChunk = firstChunk
        self.chunks = chunks
        self.taskChunks = taskChunks
        self.prefix = prefix
        digests = .allocate(byteCount: chunks * AutoDriveCID.digestBytes, alignment: 16)
    }

    func deallocate() { digests.deallocate() }

    /// How many chunks task `task` holds (the window's last task may hold fewer).
    func chunkCount(ofTask task: Int) -> Int { min(taskChunks, chunks - task * taskChunks) }

    /// Hashes the chunk nodes of task `task`, whose chunks were read into `bytes`, into their digests.
    func hash(_ task: Int, _ bytes: UnsafeRawBufferPointer) {
        let first = task * taskChunks
        prefix.withUnsafeBytes { prefixBytes in
            BLAKE3.hashMany(
                prefixes: prefixBytes.baseAddress, prefixLength: prefixBytes.count, prefixStride: 0,
                bodies: bytes.baseAddress!, bodyLength: FileCIDBuilder.chunkBytes, bodyStride: FileCIDBuilder.chunkBytes,
                count: chunkCount(ofTask: task), into: UnsafeMutableRawBufferPointer(rebasing: digests[(first * AutoDriveCID.digestBytes)...]))
        }
    }
}
