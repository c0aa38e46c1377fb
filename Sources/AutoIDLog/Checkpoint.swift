/// A transparency-log checkpoint body (c2sp.org/tlog-checkpoint): origin, tree size, root hash, and
/// optional extension lines, each ending with a newline.
public struct Checkpoint: Sendable, Hashable {
    /// The most extension lines accepted.
    public static let maximumExtensionLines = 64

    /// The log's identity, such as `example.com/log42`.
    public let origin: String
    /// The number of leaves in the tree.
    public let size: UInt64
    /// The RFC 9162 root of the tree of ``size`` leaves.
    public let root: TreeHash
    /// Opaque extension lines (without newlines).
    public let extensions: [String]

    /// A checkpoint from its parts.
    public init(origin: String, size: UInt64, root: TreeHash, extensions: [String] = []) throws {
        guard !origin.isEmpty, !origin.utf8.contains(0x0a) else {
            throw LogError(
                .malformedInput, input: "origin", detail: "the origin must be one non-empty line", hint: "give the log's name, such as example.com/log")
        }
        guard extensions.allSatisfy({ !$0.isEmpty && !$0.utf8.contains(0x0a) }) else {
            throw LogError(.malformedInput, input: "extension lines", detail: "extension lines must be non-empty single lines")
        }
        self.origin = origin
        self.size = size
        self.root = root
        self.extensions = extensions
        try SignedNote.validateText(text, source: "checkpoint")
    }

    /// Parses a note text as a checkpoint; `source` names the input in errors.
    public init(text: String, source: String) throws {
        func bad(_ detail: String) -> LogError {
            LogError(
                .malformedInput, input: source, detail: detail,
                hint: "a checkpoint is three lines or more: origin, tree size (decimal), root hash (base64)")
        }
        try SignedNote.validateText(text, source: source)
        let lines = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 3 else { throw bad("a checkpoint has at least 3 lines, this one has \(lines.count)") }
        guard lines.count <= 3 + Self.maximumExtensionLines else { throw bad("more than \(Self.maximumExtensionLines) extension lines") }
        if let empty = lines.firstIndex(where: \.isEmpty) { throw bad("line \(empty + 1) is empty") }
        let sizeText = lines[1]
        guard sizeText.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let size = UInt64(sizeText),
            sizeText == "0" || sizeText.first != "0"
        else {
            throw bad("the tree size '\(sizeText.prefix(40))' is not a decimal number without leading zeros")
        }
        guard let root = TreeHash(base64: lines[2]) else { throw bad("the root hash is not standard base64 of 32 bytes") }
        try self.init(origin: String(lines[0]), size: size, root: root, extensions: lines.dropFirst(3).map(String.init))
    }

    /// The note text: the lines, each with its newline.
    public var text: String {
        ([origin, String(size), root.base64] + extensions).map { $0 + "\n" }.joined()
    }
}
