import AutoIDFiles

/// One entry's header as an archive states it: untrusted, to be checked before any use.
///
/// Names are kept as the archive's raw bytes (``pathBytes``); ``path`` is the same name when the bytes
/// are valid UTF-8. Nothing here has been confined: an entry may be absolute, contain `..`, or be a link
/// that points anywhere. Use ``displayPath`` in messages, never the raw name.
public struct ArchiveEntry: Sendable, Hashable {
    /// What an entry is.
    public enum Kind: Sendable, Hashable {
        /// A regular file: its data follows the header.
        case regularFile
        /// A directory.
        case directory
        /// A symbolic link (``ArchiveEntry/linkTargetBytes`` is its target, unchecked).
        case symbolicLink
        /// A hard link to an earlier entry (``ArchiveEntry/linkTargetBytes`` names it).
        case hardLink
        /// A character device node.
        case characterDevice
        /// A block device node.
        case blockDevice
        /// A named pipe.
        case fifo
        /// A Unix-domain socket.
        case socket
        /// A file type we do not know; `mode` is the type bits the archive gave.
        case unknown(mode: UInt32)
    }

    /// The position of the entry in the archive, from 0.
    public var index: Int
    /// The entry's name exactly as the archive gives it.
    public var pathBytes: [UInt8]
    /// ``pathBytes`` as a string, or nil when they are not valid UTF-8.
    public var path: String? { Self.decode(pathBytes) }
    /// What the entry is.
    public var kind: Kind
    /// The data size the header declares, or nil when the archive does not say (a zip entry written
    /// as a stream). The data actually read is counted separately and may differ.
    public var declaredSize: Int64?
    /// Permission bits (`mode & 0o7777`: rwx for owner, group, others, plus setuid, setgid, sticky).
    public var permissions: UInt32
    /// Modification time in seconds since 1970, or nil when the archive gives none.
    public var modificationTime: Int64?
    /// Numeric owner.
    public var userID: Int64
    /// Numeric group.
    public var groupID: Int64
    /// For symbolic and hard links, the target exactly as the archive gives it; nil for other kinds.
    public var linkTargetBytes: [UInt8]?
    /// ``linkTargetBytes`` as a string, or nil when absent or not valid UTF-8.
    public var linkTarget: String? { linkTargetBytes.flatMap(Self.decode) }

    /// Creates an entry (for tests and for callers that build listings).
    public init(
        index: Int, pathBytes: [UInt8], kind: Kind, declaredSize: Int64?, permissions: UInt32,
        modificationTime: Int64?, userID: Int64, groupID: Int64, linkTargetBytes: [UInt8]?
    ) {
        self.index = index
        self.pathBytes = pathBytes
        self.kind = kind
        self.declaredSize = declaredSize
        self.permissions = permissions
        self.modificationTime = modificationTime
        self.userID = userID
        self.groupID = groupID
        self.linkTargetBytes = linkTargetBytes
    }

    /// The name safe to print on a terminal: printable ASCII and valid UTF-8 letters kept, control
    /// characters, backslashes and invalid bytes written as `\xNN`.
    public var displayPath: String { DisplayName.escape(bytes: pathBytes) }

    static func decode(_ bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        return text.utf8.elementsEqual(bytes) ? text : nil
    }
}
