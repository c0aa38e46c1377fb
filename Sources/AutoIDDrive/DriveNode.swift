/// The encoding of Auto Drive's DAG nodes, as auto-dag-data writes them (DESIGN.md section 10).
///
/// A node is a DAG-PB `PBNode`: every link (field 2, a `PBLink` holding only `Hash`, field 1: the
/// binary CID) before `Data` (field 1), which holds an `IPLDNodeData` message: `MetadataType type = 1;
/// int32 linkDepth = 2; optional int64 size = 3; optional string name = 4; optional bytes data = 5;
/// optional FileUploadOptions uploadOptions = 6`. As proto3 does, type File (0) and linkDepth 0 are
/// left out, while an optional field that is present is written even when it is 0 or empty.
enum DriveNode {
    /// `MetadataType` values used for files.
    enum Kind: UInt64 {
        case file = 0
        case fileInlink = 1
        case fileChunk = 2
        case folder = 3
        case folderInlink = 4
    }

    /// The largest encoded node auto-dag-data builds.
    static let maxNodeBytes = 65_535
    /// Bytes each node keeps for its metadata (type 1, linkDepth 4, size 8, name 255 + 1, upload
    /// options 100, reserve 100).
    static let metadataReserve = 469
    /// File content per chunk: 65,066 bytes.
    static let chunkBytes = maxNodeBytes - metadataReserve
    /// An encoded link to a 36-byte CID takes 40 bytes, so a node links at most 1,626 others.
    static let maxLinks = chunkBytes / 40
    /// The longest name a root node may carry, in bytes.
    static let maxNameBytes = 255

    /// The `IPLDNodeData` fields before `data`, for a node of `kind`.
    static func metadata(
        kind: Kind, linkDepth: UInt64, size: UInt64?, name: [UInt8]?, into writer: inout ProtobufWriter
    ) {
        if kind != .file { writer.field(1, varint: kind.rawValue) }  // proto3: the default value (File) is not written
        if linkDepth != 0 { writer.field(2, varint: linkDepth) }
        if let size { writer.field(3, varint: size) }
        if let name { writer.field(4, bytes: name) }
    }

    /// The bytes of a FileChunk node before its data: `PBNode.Data` header and `IPLDNodeData { type
    /// FileChunk, size, data header }`. The node is this prefix followed by the chunk's bytes.
    static func chunkPrefix(dataCount: Int) -> [UInt8] {
        var data = ProtobufWriter(reservingCapacity: 16)
        metadata(kind: .fileChunk, linkDepth: 0, size: UInt64(dataCount), name: nil, into: &data)
        data.fieldHeader(5, length: dataCount)
        var node = ProtobufWriter(reservingCapacity: 20)
        node.fieldHeader(1, length: data.bytes.count + dataCount)
        return node.bytes + data.bytes
    }

    /// A node with `links` and `IPLDNodeData` fields already encoded in `data`.
    static func encode(links: [AutoDriveCID], data: [UInt8]) -> [UInt8] {
        var node = ProtobufWriter(reservingCapacity: links.count * 40 + data.count + 8)
        for link in links {
            var pbLink = ProtobufWriter(reservingCapacity: 38)
            pbLink.field(1, bytes: link.bytes)
            node.field(2, bytes: pbLink.bytes)
        }
        node.field(1, bytes: data)
        return node.bytes
    }

    /// A FileInlink node: `links` at depth `linkDepth`; auto-dag-data records the number of links as its
    /// size.
    static func inlink(links: [AutoDriveCID], linkDepth: Int) -> [UInt8] {
        var data = ProtobufWriter(reservingCapacity: 12)
        metadata(kind: .fileInlink, linkDepth: UInt64(linkDepth), size: UInt64(links.count), name: nil, into: &data)
        return encode(links: links, data: data.bytes)
    }

    /// The root File node of a file of more than one chunk (or none): its links, depth, total size, name
    /// and upload options.
    static func root(links: [AutoDriveCID], linkDepth: Int, size: UInt64, name: [UInt8]?, options: UploadOptions) -> [UInt8] {
        var data = ProtobufWriter(reservingCapacity: 300)
        metadata(kind: .file, linkDepth: UInt64(linkDepth), size: size, name: name, into: &data)
        data.field(6, bytes: options.encoded)
        return encode(links: links, data: data.bytes)
    }

    /// The root File node of a file of exactly one chunk: its bytes inline, no links.
    static func single(content: UnsafeRawBufferPointer, name: [UInt8]?, options: UploadOptions) -> [UInt8] {
        var data = ProtobufWriter(reservingCapacity: content.count + 300)
        metadata(kind: .file, linkDepth: 0, size: UInt64(content.count), name: name, into: &data)
        data.field(5, bytes: content)
        data.field(6, bytes: options.encoded)
        return encode(links: [], data: data.bytes)
    }

    /// A FolderInlink node: `links` grouped at `linkDepth`, which for folders starts at 0 (so the first
    /// level of inlink nodes records none); no size, no name, no upload options.
    static func folderInlink(links: [AutoDriveCID], linkDepth: Int) -> [UInt8] {
        var data = ProtobufWriter(reservingCapacity: 8)
        metadata(kind: .folderInlink, linkDepth: UInt64(linkDepth), size: nil, name: nil, into: &data)
        return encode(links: links, data: data.bytes)
    }

    /// The root Folder node: its links (children, or inlink nodes at `linkDepth` levels), the total size
    /// of the files below it, its name and (empty) upload options, as the files' roots have them.
    static func folder(links: [AutoDriveCID], linkDepth: Int, size: UInt64, name: [UInt8]) -> [UInt8] {
        var data = ProtobufWriter(reservingCapacity: 300)
        metadata(kind: .folder, linkDepth: UInt64(linkDepth), size: size, name: name, into: &data)
        data.field(6, bytes: UploadOptions.none.encoded)
        return encode(links: links, data: data.bytes)
    }
}
