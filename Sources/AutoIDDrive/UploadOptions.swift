/// The `FileUploadOptions` a file's root node records: how the stored bytes were made from the
/// original. Part of the root node, so part of the CID.
///
/// `FileUploadOptions { optional CompressionOptions compression = 1; optional EncryptionOptions
/// encryption = 2 }`, `CompressionOptions { CompressionAlgorithm algorithm = 1 (ZLIB = 0); optional
/// int32 level = 2; optional int32 chunkSize = 3 }`. Encrypted uploads are not here: their CIDs cover
/// ciphertext with a random salt and IV, which no one can recompute from the plaintext.
public struct UploadOptions: Sendable, Hashable {
    /// The zlib level recorded in `compression`, or `nil` when the upload was not compressed.
    public var compressionLevel: Int32?

    /// Options for content stored as uploaded (an empty message in the root node).
    public static let none = UploadOptions(compressionLevel: nil)
    /// What Auto Drive records for its default, compressed uploads: `compression { level: 9 }` (the
    /// algorithm, ZLIB, is proto3's default value and so not written).
    public static let zlibLevel9 = UploadOptions(compressionLevel: 9)

    public init(compressionLevel: Int32?) {
        self.compressionLevel = compressionLevel
    }

    /// The encoded `FileUploadOptions` message.
    var encoded: [UInt8] {
        guard let compressionLevel else { return [] }
        var compression = ProtobufWriter()
        // int32 fields: negative values are ten-byte varints (sign-extended).
        compression.field(2, varint: UInt64(bitPattern: Int64(compressionLevel)))
        var options = ProtobufWriter()
        options.field(1, bytes: compression.bytes)
        return options.bytes
    }
}
