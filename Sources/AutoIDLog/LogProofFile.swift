public import AutoIDJSON

/// The proof files `state-audit log` reads and writes (autoid-checkpoint(5)):
///
/// ```
/// {"format": "autoid-log-proof/1", "type": "consistency", "oldSize": 5, "newSize": 9, "hashes": ["BASE64", ...]}
/// {"format": "autoid-log-proof/1", "type": "inclusion", "treeSize": 9,
///  "proofs": [{"leafIndex": 3, "hashes": ["BASE64", ...]}, ...]}
/// {"format": "autoid-log-proof/1", "type": "subtree-consistency", "start": 8, "end": 13, "treeSize": 14,
///  "hashes": ["BASE64", ...]}
/// ```
public enum LogProofFile: Sendable, Equatable {
    /// The format tag every proof file carries.
    public static let format = "autoid-log-proof/1"
    /// The largest proof file accepted.
    public static let maximumSize = 16 << 20
    /// The most inclusion proofs in one file.
    public static let maximumInclusionProofs = 65_536

    /// A consistency proof between two tree sizes.
    case consistency(ConsistencyProof)
    /// Inclusion proofs for some leaves of one tree (all with the same tree size).
    case inclusion([InclusionProof])
    /// A subtree consistency proof: the subtree `start..<end` is in the tree of `treeSize` leaves.
    case subtreeConsistency(SubtreeConsistencyProof)

    static let hint = "give a proof file as autoid-checkpoint(5) describes ('state-audit log prove' writes them)"

    /// Parses a proof file; `source` names it in errors.
    public init(bytes: [UInt8], source: String) throws {
        guard bytes.count <= Self.maximumSize else {
            throw LogError(.tooLarge, input: source, detail: "a proof file is at most \(Self.maximumSize) bytes", hint: Self.hint)
        }
        let fields = try JSONFields(JSONValue.parseLogFile(bytes, source: source, hint: Self.hint), source: source, what: "the proof file", hint: Self.hint)
        try fields.expectFormat(Self.format)
        switch try fields.string("type") {
        case "consistency":
            let proof = ConsistencyProof(
                oldSize: try fields.unsigned("oldSize"), newSize: try fields.unsigned("newSize"),
                hashes: try fields.hashes("hashes", limit: ConsistencyProof.maximumLength))
            self = .consistency(proof)
        case "inclusion":
            let treeSize = try fields.unsigned("treeSize")
            guard let list = fields.object["proofs"]?.arrayValue else { throw fields.error("\"proofs\" is missing or not a list") }
            guard list.count <= Self.maximumInclusionProofs else {
                throw LogError(.tooLarge, input: source, detail: "more than \(Self.maximumInclusionProofs) inclusion proofs", hint: "split the file")
            }
            self = .inclusion(
                try list.enumerated().map { index, item in
                    let entry = try JSONFields(item, source: "\(source): proofs[\(index)]", what: "the entry", hint: Self.hint)
                    return InclusionProof(
                        leafIndex: try entry.unsigned("leafIndex"), treeSize: treeSize, hashes: try entry.hashes("hashes", limit: InclusionProof.maximumLength))
                })
        case "subtree-consistency":
            let subtree = try Subtree.checked(start: try fields.unsigned("start"), end: try fields.unsigned("end"), input: source)
            let treeSize = try fields.unsigned("treeSize")
            guard subtree.end <= treeSize else {
                throw fields.error("the subtree \(subtree) ends past the tree's \(treeSize) leaves")
            }
            let proof = SubtreeConsistencyProof(
                subtree: subtree, treeSize: treeSize, hashes: try fields.hashes("hashes", limit: SubtreeConsistencyProof.maximumLength))
            self = .subtreeConsistency(proof)
        case let other:
            throw fields.error("type \"\(other.prefix(40))\" is not \"consistency\", \"inclusion\" or \"subtree-consistency\"")
        }
    }

    /// The file's JSON value.
    public var json: JSONValue {
        switch self {
        case .consistency(let proof):
            return .object([
                "format": .string(Self.format), "type": .string("consistency"),
                "oldSize": .integer(proof.oldSize), "newSize": .integer(proof.newSize),
                "hashes": .array(proof.hashes.map { .string($0.base64) }),
            ])
        case .inclusion(let proofs):
            return .object([
                "format": .string(Self.format), "type": .string("inclusion"),
                "treeSize": .integer(proofs.first?.treeSize ?? 0),
                "proofs": .array(proofs.map { .object(["leafIndex": .integer($0.leafIndex), "hashes": .array($0.hashes.map { .string($0.base64) })]) }),
            ])
        case .subtreeConsistency(let proof):
            return .object([
                "format": .string(Self.format), "type": .string("subtree-consistency"),
                "start": .integer(proof.subtree.start), "end": .integer(proof.subtree.end), "treeSize": .integer(proof.treeSize),
                "hashes": .array(proof.hashes.map { .string($0.base64) }),
            ])
        }
    }

    /// The file's bytes (pretty JSON with a final newline).
    public var bytes: [UInt8] { json.jsonBytes(pretty: true) + [0x0a] }
}
