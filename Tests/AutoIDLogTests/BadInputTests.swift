import AutoIDLog
import AutoIDTestSupport
import Testing

/// Hostile input to every parser: random bytes, truncations and single-byte changes of valid inputs.
/// Each must either parse or throw a ``LogError`` (malformed or too large); nothing may crash.
@Suite("AutoIDLog parsers on hostile input")
struct BadInputTests {
    static func validInputs() throws -> [(String, [UInt8])] {
        let witness = try NoteSigner(name: "w.example", type: .cosignatureV1, privateKey: NoteFixtures.key(40))
        let note = try NoteFixtures.signed(NoteFixtures.checkpoint(size: 9), by: [NoteFixtures.logSigner, witness])
        let leaves = (0..<9).map { MerkleTree.leafHash(Array("entry \($0)".utf8)) }
        let consistency = LogProofFile.consistency(ConsistencyProof.generate(oldSize: 3, leaves: leaves)!)
        let inclusion = LogProofFile.inclusion([InclusionProof.generate(leafIndex: 4, leaves: leaves)!])
        let subtree = LogProofFile.subtreeConsistency(SubtreeConsistencyProof.generate(subtree: Subtree(start: 4, end: 6)!, leaves: leaves)!)
        let state = try LogState(note: note)
        return [
            ("note", note.bytes), ("consistency", consistency.bytes), ("inclusion", inclusion.bytes), ("subtree", subtree.bytes),
            ("state", state.json.jsonBytes()), ("vkey", Array(NoteFixtures.logSigner.verifierKey.description.utf8)),
        ]
    }

    /// Runs every parser on `bytes`; records an issue for any error that is not a LogError.
    static func parseAll(_ bytes: [UInt8]) {
        let parsers: [(String, ([UInt8]) throws -> Void)] = [
            ("SignedNote", { _ = try SignedNote(bytes: $0, source: "x") }),
            ("Checkpoint", { _ = try Checkpoint(text: String(decoding: $0, as: UTF8.self), source: "x") }),
            ("LogProofFile", { _ = try LogProofFile(bytes: $0, source: "x") }),
            ("LogState", { _ = try LogState(bytes: $0, source: "x") }),
            ("NoteVerifierKey", { _ = try NoteVerifierKey(text: String(decoding: $0, as: UTF8.self), source: "x") }),
        ]
        for (name, parse) in parsers {
            do {
                try parse(bytes)
            } catch let error as LogError {
                #expect(error.code == .malformedInput || error.code == .tooLarge, "\(name): \(error)")
                #expect(!error.description.contains("\n"), "\(name): one-line errors")
            } catch {
                Issue.record("\(name) threw a non-LogError: \(error)")
            }
        }
    }

    @Test("random bytes")
    func randomBytes() {
        var random = TestRandom(seed: 14)
        for length in [0, 1, 2, 3, 31, 32, 33, 100, 1000, 5000] {
            for _ in 0..<20 { Self.parseAll(random.bytes(length)) }
        }
    }

    @Test("every truncation and byte flip of valid inputs")
    func truncationsAndFlips() throws {
        var random = TestRandom(seed: 15)
        for (_, bytes) in try Self.validInputs() {
            for cut in 0..<bytes.count { Self.parseAll(Array(bytes.prefix(cut))) }
            for _ in 0..<200 {
                var changed = bytes
                changed[Int(random.next() % UInt64(bytes.count))] ^= UInt8(truncatingIfNeeded: random.next() | 1)
                Self.parseAll(changed)
            }
        }
    }

    @Test("oversized inputs are refused before parsing")
    func oversized() {
        let big = [UInt8](repeating: 0x61, count: LogProofFile.maximumSize + 1)
        #expect(NoteFixtures.error { _ = try LogProofFile(bytes: big, source: "x") }?.code == .tooLarge)
        #expect(NoteFixtures.error { _ = try SignedNote(bytes: big, source: "x") }?.code == .tooLarge)
        #expect(NoteFixtures.error { _ = try LogState(bytes: big, source: "x") }?.code == .tooLarge)
        let manySignatures =
            Array(NoteFixtures.checkpoint().text.utf8) + [0x0a]
            + Array(String(repeating: "\u{2014} k AAAAAAAAAAAAAAAAAAAA\n", count: SignedNote.maximumSignatures + 1).utf8)
        #expect(NoteFixtures.error { _ = try SignedNote(bytes: manySignatures, source: "x") }?.code == .tooLarge)
        let longProof =
            "{\"format\":\"autoid-log-proof/1\",\"type\":\"consistency\",\"oldSize\":1,\"newSize\":2,\"hashes\":["
            + Array(repeating: "\"\(MerkleTree.emptyRoot.base64)\"", count: ConsistencyProof.maximumLength + 1).joined(separator: ",") + "]}"
        #expect(NoteFixtures.error { _ = try LogProofFile(bytes: Array(longProof.utf8), source: "x") }?.code == .tooLarge)
    }
}
