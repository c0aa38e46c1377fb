import AutoIDBLAKE3

/// A content digest algorithm that autoid computes and records.
///
/// Raw values are the names used on the command line and in in-toto digest sets.
public enum HashAlgorithm: String, CaseIterable, Sendable, Codable, Comparable {
    /// SHA-256 (FIPS 180-4), through swift-crypto.
    case sha256
    /// BLAKE2b with a 64-byte output, as `b2sum` prints and in-toto's `blake2b` names.
    case blake2b
    /// BLAKE3 with a 32-byte output, as `b3sum` prints; our SIMD implementation, kernel chosen per CPU.
    case blake3

    /// The number of bytes in a digest.
    public var digestByteCount: Int {
        switch self {
        case .sha256: 32
        case .blake2b: 64
        case .blake3: 32
        }
    }

    /// Whether one input can be hashed on several threads (BLAKE3's tree); the others are sequential.
    public var isTreeParallel: Bool { self == .blake3 }

    /// A fresh streaming hasher for this algorithm.
    public func makeHasher() -> any StreamingHasher {
        switch self {
        case .sha256: SHA256Hasher()
        case .blake2b: BLAKE2b(outputByteCount: 64)
        case .blake3: BLAKE3()
        }
    }

    /// What autoid records for content by default: BLAKE3 (fast, tree-parallel) and SHA-256 (what
    /// every other tool checks).
    public static let contentDefaults: [HashAlgorithm] = [.blake3, .sha256]

    public static func < (lhs: HashAlgorithm, rhs: HashAlgorithm) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
