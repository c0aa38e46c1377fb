import AutoIDBLAKE3
import AutoIDFiles
public import AutoIDThreads
import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The CID of a folder as Auto Drive stores an uncompressed folder upload (auto-dag-data's
/// `processFolderToIPLDFormat`, called by Auto Drive for each folder of the uploaded tree):
///
/// - every file is an ordinary file DAG (``FileCIDBuilder``) named by its own name, with no upload
///   options (files inside a folder upload are stored as they are);
/// - a folder's children are its files and sub-folders, in byte order of their names: Auto Drive's
///   uploaders list a folder's files depth first with Node's `readdir`, which returns names sorted by
///   byte on Unix, and build the tree in the order the names first appear;
/// - a folder that holds no file (at any depth) is not part of the upload: uploaders list files only;
/// - a folder node is `{type Folder (3), linkDepth, size, name, uploadOptions {}}` where size is the
///   total bytes of the files below it; over 1,626 children are grouped, in order, into FolderInlink
///   nodes `{type 4, linkDepth d}` with d = 0, 1... per level, and the folder node links the rest at
///   linkDepth = the number of levels.
///
/// A folder is hostile input (a download): names are data; symbolic links, devices, FIFOs and sockets
/// are refused, never followed (Auto Drive folders hold none); names must be UTF-8 of at most 255
/// bytes (what Auto Drive records); entries and depth are capped. Memory is bounded by the depth and
/// the widest folder, not the content: files are streamed.
public enum FolderCID {
    /// The most entries (files and folders) a folder may hold, all levels together.
    public static let maxEntries = 1_000_000
    /// The deepest nesting of folders accepted.
    public static let maxDepth = 64

    /// A folder's CID and what went into it.
    public struct Result: Sendable, Equatable {
        public var cid: AutoDriveCID
        /// Total bytes of the files below the folder: the size its node records.
        public var size: UInt64
        /// Files below the folder, all levels.
        public var fileCount: Int
        /// Folders below it that hold files, all levels (not counting itself).
        public var folderCount: Int
    }

    /// Whether `path` names a directory (following a symbolic link given as the operand itself: the
    /// user named it; links inside it are refused).
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The name a folder records by default: the last component of its real path (so `.` and `dir/`
    /// name the folder itself).
    public static func defaultName(for path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return FilePath(path).lastComponent?.string }
        defer { free(resolved) }
        return FilePath(String(cString: resolved)).lastComponent?.string
    }

    /// The CID of the folder at `path` recorded as `name`, its files read and hashed on `threads` cores.
    ///
    /// Throws ``DriveError`` (``DriveError/Code/refusedFolder``, ``DriveError/Code/nameTooLong``) for a
    /// folder Auto Drive could not have stored as it is, ``FileError`` when something cannot be read.
    public static func cid(ofDirectory path: String, name: String, threads: Int = Threads.available) throws -> Result {
        try checkName(Array(name.utf8), shown: DisplayName.escape(path), isRoot: true)
        var budget = maxEntries
        guard let folder = try walk(path, name: Array(name.utf8), depth: 0, budget: &budget, threads: max(1, threads)) else {
            throw DriveError(
                .refusedFolder, subject: DisplayName.escape(path),
                detail: "holds no file, at any depth; Auto Drive uploads a folder's files, so an empty folder has no CID")
        }
        return folder
    }

    /// One folder: its children's CIDs (files hashed, sub-folders walked), then its node; `nil` when it
    /// holds no file.
    private static func walk(_ path: String, name: [UInt8], depth: Int, budget: inout Int, threads: Int) throws -> Result? {
        guard depth <= maxDepth else {
            throw DriveError(.refusedFolder, subject: DisplayName.escape(path), detail: "folders nested more than \(maxDepth) deep; refused")
        }
        var files: [(name: [UInt8], path: String)] = []
        var folders: [(name: [UInt8], path: String)] = []
        for entry in try list(path) {
            budget -= 1
            guard budget >= 0 else {
                throw DriveError(.refusedFolder, subject: DisplayName.escape(path), detail: "more than \(maxEntries) entries in the folder; refused")
            }
            try checkName(entry, shown: DisplayName.escape(path) + "/" + DisplayName.escape(bytes: entry), isRoot: false)
            let child = path + "/" + String(decoding: entry, as: UTF8.self)  // UTF-8: checked above
            var info = stat()
            guard lstat(child, &info) == 0 else { throw FileError(errno: errno, operation: "inspect", path: child) }
            switch info.st_mode & S_IFMT {
            case S_IFREG: files.append((entry, child))
            case S_IFDIR: folders.append((entry, child))
            case S_IFLNK:
                throw DriveError(
                    .refusedFolder, subject: DisplayName.escape(child),
                    detail: "a symbolic link; Auto Drive folders hold none, and links are never followed")
            default:
                throw DriveError(
                    .refusedFolder, subject: DisplayName.escape(child), detail: "not a regular file or folder (a device, FIFO or socket); refused")
            }
        }
        // Files: each an ordinary file CID under its own name; several at once when there are several.
        let fileThreads = max(1, threads / max(1, files.count))
        let listed = files  // a constant, for the threads
        let fileResults = try Threads.map(count: files.count, threads: min(threads, max(1, files.count))) { index in
            Swift.Result { () throws -> (AutoDriveCID, UInt64) in
                let file = listed[index]
                let computed = try CIDVerification.cid(of: .file(FilePath(file.path)), name: String(decoding: file.name, as: UTF8.self), threads: fileThreads)
                return (computed.cid, computed.byteCount)
            }
        }.map { try $0.get() }
        var children: [(name: [UInt8], cid: AutoDriveCID)] = []
        var size: UInt64 = 0
        var fileCount = files.count
        var folderCount = 0
        for (file, computed) in zip(files, fileResults) {
            children.append((file.name, computed.0))
            size += computed.1
        }
        for folder in folders {
            guard let sub = try walk(folder.path, name: folder.name, depth: depth + 1, budget: &budget, threads: threads) else { continue }
            children.append((folder.name, sub.cid))
            size += sub.size
            fileCount += sub.fileCount
            folderCount += sub.folderCount + 1
        }
        guard !children.isEmpty else { return nil }
        children.sort { $0.name.lexicographicallyPrecedes($1.name) }
        return Result(cid: node(links: children.map(\.cid), name: name, size: size), size: size, fileCount: fileCount, folderCount: folderCount)
    }

    /// The folder node over `links`, with FolderInlink levels when there are more than a node holds.
    static func node(links: [AutoDriveCID], name: [UInt8], size: UInt64) -> AutoDriveCID {
        var cids = links
        var depth = 0
        while cids.count > DriveNode.maxLinks {
            cids = stride(from: 0, to: cids.count, by: DriveNode.maxLinks).map { start in
                let group = Array(cids[start..<min(cids.count, start + DriveNode.maxLinks)])
                return AutoDriveCID(digest: BLAKE3.hash(DriveNode.folderInlink(links: group, linkDepth: depth)))
            }
            depth += 1
        }
        return AutoDriveCID(digest: BLAKE3.hash(DriveNode.folder(links: cids, linkDepth: depth, size: size, name: name)))
    }

    /// Refuses a name Auto Drive would not record as it is: not UTF-8 (uploaders would record a
    /// replacement), over 255 bytes, or (for the root, given by the user) empty or with a `/`. `shown`
    /// is the path as messages print it, its last component from the entry's own bytes (escaped, so
    /// that a byte that is not UTF-8 shows as `\xNN`, not as the replacement character).
    private static func checkName(_ name: [UInt8], shown: String, isRoot: Bool) throws {
        let text = String(decoding: name, as: UTF8.self)
        guard Array(text.utf8) == name else {
            throw DriveError(
                .refusedFolder, subject: shown,
                detail: "the name is not UTF-8; Auto Drive records names as UTF-8 text, so no upload has this name")
        }
        if name.count > DriveNode.maxNameBytes {
            throw DriveError(
                isRoot ? .nameTooLong : .refusedFolder, subject: shown,
                detail:
                    "a name is at most \(DriveNode.maxNameBytes) bytes in Auto Drive (this one has \(name.count))\(isRoot ? "; give a shorter one with --name" : "")"
            )
        }
        if isRoot && (name.isEmpty || name.contains(UInt8(ascii: "/"))) {
            throw DriveError(.nameTooLong, subject: DisplayName.escape(text), detail: "a folder's name is one non-empty path component")
        }
    }

    /// The names in a directory, without `.` and `..`, as bytes.
    private static func list(_ path: String) throws -> [[UInt8]] {
        guard let handle = opendir(path) else { throw FileError(errno: errno, operation: "list", path: path) }
        defer { closedir(handle) }
        var names: [[UInt8]] = []
        while let entry = readdir(handle) {
            let name = DirectoryEntry.name(entry)  // where it lies: see DirectoryEntry
            if name == [0x2e] || name == [0x2e, 0x2e] { continue }
            names.append(name)
        }
        return names
    }
}
