import AutoIDFiles
public import AutoIDJSON

/// The file an auditor keeps between runs of `state-audit log audit`: the last checkpoint it accepted,
/// as the whole signed note, with its origin, size and root repeated for people and scripts
/// (autoid-checkpoint(5)):
///
/// ```
/// {"format": "autoid-log-state/1", "origin": "...", "size": 42, "root": "BASE64", "checkpoint": "NOTE TEXT"}
/// ```
public struct LogState: Sendable, Equatable {
    /// The format tag.
    public static let format = "autoid-log-state/1"
    /// The largest state file accepted.
    public static let maximumSize = 2 * SignedNote.maximumSize

    /// The accepted checkpoint's signed note, as it was received.
    public let note: SignedNote
    /// Its parsed body.
    public let checkpoint: Checkpoint

    /// A state holding `note`, whose text must be a checkpoint.
    public init(note: SignedNote, source: String = "checkpoint") throws {
        self.note = note
        self.checkpoint = try Checkpoint(text: note.text, source: source)
    }

    static let hint = "a state file is written by 'state-audit log audit'; restore it from a backup, or remove it to trust the next checkpoint on first use"

    /// Parses a state file; `source` names it in errors. The repeated fields must agree with the note.
    public init(bytes: [UInt8], source: String) throws {
        guard bytes.count <= Self.maximumSize else {
            throw LogError(.tooLarge, input: source, detail: "a state file is at most \(Self.maximumSize) bytes", hint: Self.hint)
        }
        let fields = try JSONFields(JSONValue.parseLogFile(bytes, source: source, hint: Self.hint), source: source, what: "the state file", hint: Self.hint)
        try fields.expectFormat(Self.format)
        let note = try SignedNote(bytes: Array(try fields.string("checkpoint").utf8), source: "\(source): checkpoint")
        try self.init(note: note, source: "\(source): checkpoint")
        guard try fields.string("origin") == checkpoint.origin, try fields.unsigned("size") == checkpoint.size,
            try fields.string("root") == checkpoint.root.base64
        else {
            throw fields.error("origin, size or root disagree with the stored checkpoint")
        }
    }

    /// Reads the state at `path`; `nil` when no file is there (the first audit).
    public static func read(path: String) throws -> LogState? {
        guard AtomicFile.exists(path) else { return nil }
        return try LogState(bytes: SmallFile.read(path: path, limit: maximumSize), source: path)
    }

    /// The file's JSON value.
    public var json: JSONValue {
        .object([
            "format": .string(Self.format), "origin": .string(checkpoint.origin), "size": .integer(checkpoint.size),
            "root": .string(checkpoint.root.base64), "checkpoint": .string(String(decoding: note.bytes, as: UTF8.self)),
        ])
    }

    /// Replaces the state file at `path` atomically: readers (and a crash) see the old or the new
    /// state, never a mix.
    public func write(to path: String) throws {
        try AtomicFile.write(json.jsonBytes(pretty: true) + [0x0a], to: path)
    }
}
