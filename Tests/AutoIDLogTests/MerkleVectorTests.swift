import AutoIDJSON
import AutoIDLog
import Foundation
import Testing

/// The transparency-dev Merkle test vectors, read from `../shared/vectors/merkle/testdata` next to the
/// package (never copied into the repository).
enum MerkleVectors {
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // AutoIDLogTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("../shared/vectors/merkle/testdata")
        .standardizedFileURL

    static var available: Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent("inclusion/1/happy-path.json").path)
    }

    static let skipMessage: Comment = "Merkle vectors not found at ../shared/vectors/merkle/testdata (the shared folder beside the repository)"

    struct Case: CustomTestStringConvertible, Sendable {
        let path: String
        let json: JSONValue
        var testDescription: String { path }
        var wantErr: Bool { json["wantErr"]?.boolValue ?? false }
    }

    /// Every `.json` file under `kind` (`inclusion` or `consistency`), sorted by path.
    static func cases(_ kind: String) -> [Case] {
        guard available else { return [] }
        let root = directory.appendingPathComponent(kind)
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return [] }
        return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".json") }.sorted().compactMap { relative in
            guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(relative).path),
                let json = JSONValue(jsonBytes: Array(data))
            else { return nil }
            return Case(path: "\(kind)/\(relative)", json: json)
        }
    }

    /// The number of `.json` files under `kind`, parsed or not.
    static func fileCount(_ kind: String) -> Int {
        guard let walker = FileManager.default.enumerator(atPath: directory.appendingPathComponent(kind).path) else { return 0 }
        return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".json") }.count
    }

    /// Base64 as the Go vectors write it (a JSON `[]byte`): empty and `null` are no bytes.
    static func bytes(_ value: JSONValue?) -> [UInt8] {
        guard let text = value?.stringValue, !text.isEmpty else { return [] }
        return Array(Data(base64Encoded: text) ?? Data())
    }

    static func list(_ value: JSONValue?) -> [[UInt8]] {
        (value?.arrayValue ?? []).map { bytes($0) }
    }

    static func number(_ value: JSONValue?) -> UInt64 {
        guard case .number(let text)? = value, let number = UInt64(text) else { return 0 }
        return number
    }
}

@Suite("RFC 9162 proofs: transparency-dev vectors")
struct MerkleVectorTests {
    @Test("the vector folder holds both kinds of case", .enabled(if: MerkleVectors.available, MerkleVectors.skipMessage))
    func folderIsComplete() {
        #expect(MerkleVectors.cases("inclusion").count >= 98)
        #expect(MerkleVectors.cases("consistency").count >= 80)
        #expect(MerkleVectors.cases("inclusion").contains { !$0.wantErr })
        #expect(MerkleVectors.cases("subtreeinclusion").contains { !$0.wantErr && MerkleVectors.number($0.json["start"]) > 0 })
        // Every file of the subtree folders is read (a file that does not parse would be dropped silently).
        #expect(MerkleVectors.cases("subtreeinclusion").count == MerkleVectors.fileCount("subtreeinclusion"))
        #expect(MerkleVectors.cases("subtreeconsistency").count == MerkleVectors.fileCount("subtreeconsistency"))
        #expect(MerkleVectors.cases("subtreeinclusion").count >= 204)
        #expect(MerkleVectors.cases("subtreeconsistency").count >= 118)
        #expect(
            MerkleVectors.cases("subtreeconsistency").contains { !$0.wantErr && MerkleVectors.number($0.json["size"]) > MerkleVectors.number($0.json["end"]) })
    }

    @Test("inclusion", .enabled(if: MerkleVectors.available, MerkleVectors.skipMessage), arguments: MerkleVectors.cases("inclusion"))
    func inclusion(_ vector: MerkleVectors.Case) {
        let json = vector.json
        let ok = InclusionProof.verify(
            leafIndex: MerkleVectors.number(json["leafIdx"]), treeSize: MerkleVectors.number(json["treeSize"]),
            leafHash: MerkleVectors.bytes(json["leafHash"]), root: MerkleVectors.bytes(json["root"]),
            proof: MerkleVectors.list(json["proof"]))
        #expect(ok == !vector.wantErr, "\(json["desc"]?.stringValue ?? "")")
    }

    @Test("consistency", .enabled(if: MerkleVectors.available, MerkleVectors.skipMessage), arguments: MerkleVectors.cases("consistency"))
    func consistency(_ vector: MerkleVectors.Case) {
        let json = vector.json
        let ok = ConsistencyProof.verify(
            oldSize: MerkleVectors.number(json["size1"]), newSize: MerkleVectors.number(json["size2"]),
            oldRoot: MerkleVectors.bytes(json["root1"]), newRoot: MerkleVectors.bytes(json["root2"]),
            proof: MerkleVectors.list(json["proof"]))
        #expect(ok == !vector.wantErr, "\(json["desc"]?.stringValue ?? "")")
    }

    @Test("subtree inclusion", .enabled(if: MerkleVectors.available, MerkleVectors.skipMessage), arguments: MerkleVectors.cases("subtreeinclusion"))
    func subtreeInclusion(_ vector: MerkleVectors.Case) {
        let json = vector.json
        let subtree = Subtree(start: MerkleVectors.number(json["start"]), end: MerkleVectors.number(json["end"]))
        let ok =
            subtree?.verifyInclusion(
                leafIndex: MerkleVectors.number(json["leafIdx"]), leafHash: MerkleVectors.bytes(json["leafHash"]),
                root: MerkleVectors.bytes(json["root"]), proof: MerkleVectors.list(json["proof"])) ?? false
        #expect(ok == !vector.wantErr, "\(json["desc"]?.stringValue ?? "")")
    }

    @Test("subtree consistency", .enabled(if: MerkleVectors.available, MerkleVectors.skipMessage), arguments: MerkleVectors.cases("subtreeconsistency"))
    func subtreeConsistency(_ vector: MerkleVectors.Case) {
        let json = vector.json
        let ok = SubtreeConsistencyProof.verify(
            start: MerkleVectors.number(json["start"]), end: MerkleVectors.number(json["end"]), treeSize: MerkleVectors.number(json["size"]),
            subtreeHash: MerkleVectors.bytes(json["root1"]), root: MerkleVectors.bytes(json["root2"]), proof: MerkleVectors.list(json["proof"]))
        #expect(ok == !vector.wantErr, "\(json["desc"]?.stringValue ?? "")")
    }

    @Test("our generator writes the vectors' happy-path proofs for the 8-leaf tree", .enabled(if: MerkleVectors.available, MerkleVectors.skipMessage))
    func generatorMatchesHappyPaths() throws {
        let leaves = KnownRoots.leaves.prefix(8).map { MerkleTree.leafHash($0) }
        for vector in MerkleVectors.cases("inclusion") where !vector.wantErr && MerkleVectors.number(vector.json["treeSize"]) == 8 {
            let proof = try #require(InclusionProof.generate(leafIndex: MerkleVectors.number(vector.json["leafIdx"]), leaves: Array(leaves)))
            #expect(proof.hashes.map(\.bytes) == MerkleVectors.list(vector.json["proof"]), "\(vector.path)")
        }
        for vector in MerkleVectors.cases("consistency") where !vector.wantErr && MerkleVectors.number(vector.json["size2"]) == 8 {
            let proof = try #require(ConsistencyProof.generate(oldSize: MerkleVectors.number(vector.json["size1"]), leaves: Array(leaves)))
            #expect(proof.hashes.map(\.bytes) == MerkleVectors.list(vector.json["proof"]), "\(vector.path)")
        }
        // The subtree folders' happy paths over the same leaves (those of up to 8 leaves).
        // (Not the "additional" cases: their hashes are placeholders such as "don't care", not these leaves.)
        for vector in MerkleVectors.cases("subtreeconsistency") where !vector.wantErr && !vector.path.contains("/additional/") {
            let json = vector.json
            let size = MerkleVectors.number(json["size"])
            guard size <= 8, let subtree = Subtree(start: MerkleVectors.number(json["start"]), end: MerkleVectors.number(json["end"])) else { continue }
            let proof = try #require(SubtreeConsistencyProof.generate(subtree: subtree, leaves: Array(leaves.prefix(Int(size)))))
            #expect(proof.hashes.map(\.bytes) == MerkleVectors.list(json["proof"]), "\(vector.path)")
            #expect(subtree.hash(leaves: Array(leaves))?.bytes == MerkleVectors.bytes(json["root1"]), "\(vector.path)")
        }
        // The "-subtree" inclusion cases move the same leaves to start at `start`.
        for vector in MerkleVectors.cases("subtreeinclusion") where !vector.wantErr {
            let json = vector.json
            guard let subtree = Subtree(start: MerkleVectors.number(json["start"]), end: MerkleVectors.number(json["end"])), subtree.width <= 8,
                subtree.end <= 64, !MerkleVectors.list(json["proof"]).isEmpty
            else { continue }
            let log = Array(repeating: MerkleTree.emptyRoot, count: Int(subtree.start)) + leaves.prefix(Int(subtree.width))
            let proof = try #require(subtree.inclusionProof(leafIndex: MerkleVectors.number(json["leafIdx"]), leaves: log))
            #expect(proof.hashes.map(\.bytes) == MerkleVectors.list(json["proof"]), "\(vector.path)")
        }
    }
}
