/// An Auto Drive CID: CIDv1, multicodec raw (0x55), multihash BLAKE3 (0x1f) of 32 bytes, written in
/// multibase base32 lower case (`b`), so every one reads `bafkr6i...` (59 characters).
///
/// What it hashes is the encoded root node of the file's DAG (see ``FileCIDBuilder``), not the file's
/// bytes. The raw codec is what Auto Drive records although the nodes are DAG-PB, and 0x1f is the code
/// it uses for BLAKE3 (the multicodec table says 0x1e); both are taken as Auto Drive writes them.
public struct AutoDriveCID: Sendable, Hashable, CustomStringConvertible {
    /// The 32-byte BLAKE3 digest of the encoded node.
    public let digest: [UInt8]

    /// The binary prefix of every Auto Drive CID: version 1, codec raw, multihash BLAKE3 (0x1f), 32 bytes.
    static let prefix: [UInt8] = [0x01, 0x55, 0x1f, 0x20]
    /// The length of a CID's text form.
    public static let textLength = 59

    /// The CID of a node whose BLAKE3 digest is `digest` (32 bytes; precondition).
    /// Bytes of the BLAKE3 digest a CID carries.
    public static let digestBytes = 32

    public init(digest: [UInt8]) {
        precondition(digest.count == 32, "a BLAKE3 digest is 32 bytes")
        self.digest = digest
    }

    /// Parses the text form strictly: `b`, then canonical lower-case base32 of exactly the four prefix
    /// bytes and 32 digest bytes. Anything else is ``DriveError/Code/malformedCID`` with what is wrong.
    public init(parsing text: String) throws(DriveError) {
        func refuse(_ detail: String) -> DriveError {
            DriveError(.malformedCID, subject: Self.shown(text), detail: detail)
        }
        guard text.utf8.count <= 512 else { throw refuse("not an Auto Drive CID (\(text.utf8.count) characters; one has \(Self.textLength))") }
        guard let first = text.utf8.first else { throw refuse("not an Auto Drive CID (empty)") }
        guard first == UInt8(ascii: "b") else {
            if first == UInt8(ascii: "Q") { throw refuse("a CIDv0 (Qm...) is not an Auto Drive CID, which starts 'bafkr6i'") }
            if first == UInt8(ascii: "B") { throw refuse("upper-case base32; Auto Drive CIDs are lower case ('bafkr6i...')") }
            throw refuse("multibase '\(Character(Unicode.Scalar(first)))' is not base32 lower ('b'); Auto Drive CIDs start 'bafkr6i'")
        }
        guard let bytes = Base32.decode(text.dropFirst().utf8) else {
            throw refuse("not canonical base32 (only a-z and 2-7, no padding)")
        }
        guard bytes.count >= 4 else { throw refuse("too short for a CID (\(bytes.count) bytes)") }
        guard bytes[0] == 0x01 else { throw refuse("CID version \(bytes[0]) is not 1") }
        guard bytes[1] == 0x55 else { throw refuse("codec 0x\(String(bytes[1], radix: 16)) is not raw (0x55), which Auto Drive CIDs use") }
        guard bytes[2] == 0x1f else { throw refuse("multihash 0x\(String(bytes[2], radix: 16)) is not BLAKE3 as Auto Drive writes it (0x1f)") }
        guard bytes[3] == 0x20, bytes.count == 36 else {
            throw refuse("a BLAKE3 digest is 32 bytes; this CID carries \(bytes.count - 4) (declares \(bytes[3]))")
        }
        digest = Array(bytes[4...])
    }

    /// The binary CID: prefix and digest (36 bytes), as a DAG-PB link's Hash holds it.
    public var bytes: [UInt8] { Self.prefix + digest }

    /// The text form, `bafkr6i...`.
    public var description: String { "b" + Base32.encode(bytes) }

    /// `text` for an error message: control characters escaped, and cut short when long.
    static func shown(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars.prefix(80) {
            out += scalar.value < 0x20 || scalar.value == 0x7f ? scalar.escaped(asASCII: true) : String(scalar)
        }
        return text.unicodeScalars.count > 80 ? out + "..." : out
    }
}
