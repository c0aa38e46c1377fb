// Substrate block header (`sp_runtime::generic::Header<Number, BlakeTwo256>`).
import AutoIDHashing

/// Four-byte consensus engine identifier, e.g. "BABE", "aura", "FRNK".
public struct ConsensusEngineID: Hashable, Sendable, SCALECodable, CustomStringConvertible {
    public let bytes: [UInt8]

    public init?(_ bytes: [UInt8]) {
        guard bytes.count == 4 else { return nil }
        self.bytes = bytes
    }

    /// From a four-character ASCII tag; nil if it is not exactly four UTF-8 bytes.
    public init?(_ tag: String) {
        self.init(Array(tag.utf8))
    }

    public var description: String { String(decoding: bytes, as: UTF8.self) }

    public func encode(to encoder: inout SCALEEncoder) { encoder.appendRaw(bytes) }
    public init(from decoder: inout SCALEDecoder) throws(StateError) {
        bytes = try decoder.readBytes(4, "consensus engine id")
    }
}

/// A digest log item (`sp_runtime::generic::DigestItem`).
public enum DigestItem: Hashable, Sendable, SCALECodable {
    /// Tag 0.
    case other([UInt8])
    /// Tag 4: a message from the runtime to the consensus engine.
    case consensus(ConsensusEngineID, [UInt8])
    /// Tag 5: a seal (signature) added by the block author.
    case seal(ConsensusEngineID, [UInt8])
    /// Tag 6: a pre-runtime digest (e.g. BABE slot claim).
    case preRuntime(ConsensusEngineID, [UInt8])
    /// Tag 8: the runtime code or heap pages changed.
    case runtimeEnvironmentUpdated

    public func encode(to encoder: inout SCALEEncoder) {
        switch self {
        case .other(let d):
            encoder.appendEnumTag(0)
            encoder.appendByteVector(d)
        case .consensus(let e, let d):
            encoder.appendEnumTag(4)
            e.encode(to: &encoder)
            encoder.appendByteVector(d)
        case .seal(let e, let d):
            encoder.appendEnumTag(5)
            e.encode(to: &encoder)
            encoder.appendByteVector(d)
        case .preRuntime(let e, let d):
            encoder.appendEnumTag(6)
            e.encode(to: &encoder)
            encoder.appendByteVector(d)
        case .runtimeEnvironmentUpdated:
            encoder.appendEnumTag(8)
        }
    }

    public init(from decoder: inout SCALEDecoder) throws(StateError) {
        let start = decoder.offset
        let tag = try decoder.readByte("digest item tag")
        switch tag {
        case 0: self = .other(try decoder.decodeByteVector("digest item data"))
        case 4: self = .consensus(try ConsensusEngineID(from: &decoder), try decoder.decodeByteVector("consensus digest data"))
        case 5: self = .seal(try ConsensusEngineID(from: &decoder), try decoder.decodeByteVector("seal data"))
        case 6: self = .preRuntime(try ConsensusEngineID(from: &decoder), try decoder.decodeByteVector("pre-runtime digest data"))
        case 8: self = .runtimeEnvironmentUpdated
        default:
            throw StateError(
                .invalidValue, "digest item tag \(tag) is not one of 0 (Other), 4 (Consensus), 5 (Seal), 6 (PreRuntime), 8 (RuntimeEnvironmentUpdated)",
                offset: start,
                hint: "Tags 1-3 and 7 were retired from Substrate; the header is corrupt or from an unsupported chain version")
        }
    }
}

/// A Substrate block header with a compact-encoded block number and BLAKE2b-256 hashing.
public struct BlockHeader: Hashable, Sendable, SCALECodable {
    public let parentHash: H256
    /// Block number (SCALE: compact). Chains typically use u32.
    public let number: UInt64
    public let stateRoot: H256
    public let extrinsicsRoot: H256
    public let digest: [DigestItem]

    public init(parentHash: H256, number: UInt64, stateRoot: H256, extrinsicsRoot: H256, digest: [DigestItem] = []) {
        self.parentHash = parentHash
        self.number = number
        self.stateRoot = stateRoot
        self.extrinsicsRoot = extrinsicsRoot
        self.digest = digest
    }

    /// The genesis header: zero parent, number 0, the given state root, the empty-trie
    /// extrinsics root and an empty digest.
    public static func genesis(stateRoot: H256) -> BlockHeader {
        BlockHeader(parentHash: .zero, number: 0, stateRoot: stateRoot, extrinsicsRoot: TrieConstants.emptyRoot, digest: [])
    }

    public func encode(to encoder: inout SCALEEncoder) {
        parentHash.encode(to: &encoder)
        encoder.appendCompact(number)
        stateRoot.encode(to: &encoder)
        extrinsicsRoot.encode(to: &encoder)
        digest.encode(to: &encoder)
    }

    public init(from decoder: inout SCALEDecoder) throws(StateError) {
        parentHash = try H256(from: &decoder)
        number = try decoder.decodeCompactUInt64()
        stateRoot = try H256(from: &decoder)
        extrinsicsRoot = try H256(from: &decoder)
        digest = try [DigestItem](from: &decoder)
    }

    /// Decodes a header that must span all of `bytes`.
    public static func decode(_ bytes: [UInt8]) throws(StateError) -> BlockHeader {
        try SCALEDecoder.decode(BlockHeader.self, from: bytes)
    }

    public var encoded: [UInt8] { SCALEEncoder.encode(self) }

    /// BLAKE2b-256 of the SCALE encoding.
    public var hash: H256 { H256(BLAKE2b.hash(encoded, outputByteCount: 32))! }
}
