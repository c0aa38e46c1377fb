public import AutoIDFiles
public import Crypto

/// The digest of an artifact under the algorithm a bundle names, computed by streaming the file once.
public enum ArtifactDigest: Sendable {
    case sha256(SHA256Digest)
    case sha384(SHA384Digest)
    case sha512(SHA512Digest)

    /// The digest bytes.
    public var bytes: [UInt8] {
        switch self {
        case .sha256(let d): Array(d)
        case .sha384(let d): Array(d)
        case .sha512(let d): Array(d)
        }
    }

    /// The algorithm's name as Sigstore writes it (`SHA2_256`).
    public var algorithmName: String {
        switch self {
        case .sha256: "SHA2_256"
        case .sha384: "SHA2_384"
        case .sha512: "SHA2_512"
        }
    }

    /// Whether Sigstore's algorithm `name` is supported (`SHA2_256`, `SHA2_384`, `SHA2_512`).
    public static func isSupported(_ name: String) -> Bool { ["SHA2_256", "SHA2_384", "SHA2_512"].contains(name) }

    /// Hashes `source` to the end under the algorithm `name` (see ``isSupported(_:)``; anything else is SHA-256).
    public static func compute(_ source: InputSource, algorithm name: String) throws -> ArtifactDigest {
        switch name {
        case "SHA2_384":
            var hasher = SHA384()
            try source.forEachChunk { hasher.update(bufferPointer: $0) }
            return .sha384(hasher.finalize())
        case "SHA2_512":
            var hasher = SHA512()
            try source.forEachChunk { hasher.update(bufferPointer: $0) }
            return .sha512(hasher.finalize())
        default:
            var hasher = SHA256()
            try source.forEachChunk { hasher.update(bufferPointer: $0) }
            return .sha256(hasher.finalize())
        }
    }
}
