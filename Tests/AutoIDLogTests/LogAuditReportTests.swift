import AutoIDJSON
import AutoIDLog
import AutoIDReports
import AutoIDTestSupport
import Testing

/// The reports of `LogAudit.run` and `LogInclusionAudit`, made without the command line: the facts, the
/// checks, and what happens to the state file.
@Suite("log audit and inclusion reports")
struct LogAuditReportTests {
    let verifier = CheckpointVerifier(logKeys: [NoteFixtures.logSigner.verifierKey])

    static func leaves(_ count: UInt64, tag: String = "entry") -> [TreeHash] {
        (0..<count).map { MerkleTree.leafHash(Array("\(tag) \($0)".utf8)) }
    }

    func verified(_ checkpoint: Checkpoint) throws -> CheckpointVerifier.Result {
        try verifier.verify(NoteFixtures.signed(checkpoint), source: "new.cp")
    }

    /// Writes the state for `checkpoint` to `state.json` in `directory`; returns it and the file's bytes.
    func store(_ checkpoint: Checkpoint, in directory: TemporaryDirectory) throws -> (state: LogState, bytes: [UInt8]) {
        let state = try LogState(note: NoteFixtures.signed(checkpoint))
        try state.write(to: directory.file("state.json"))
        return (state, try directory.read("state.json"))
    }

    /// A checkpoint of the log with `count` entries tagged `tag` (another tag: another log's history).
    static func checkpoint(_ count: UInt64, tag: String = "entry") throws -> Checkpoint {
        try Checkpoint(origin: NoteFixtures.origin, size: count, root: MerkleTree.root(leafHashes: leaves(count, tag: tag)))
    }

    /// Origins are compared as bytes: composed and decomposed "é" are equal Swift strings, but two logs.
    @Test func anOriginIsComparedByItsBytes() throws {
        let root = MerkleTree.root(leafHashes: Self.leaves(2))
        let stored = try Checkpoint(origin: "log.example/caf\u{e9}", size: 2, root: root)
        let new = try Checkpoint(origin: "log.example/cafe\u{301}", size: 2, root: root)
        #expect(stored.origin == new.origin)
        #expect(throws: LogError.self) { _ = try LogAudit.check(stored: stored, new: new, proof: nil, proofSource: "--proof") }
        #expect(throws: Never.self) { _ = try LogAudit.check(stored: stored, new: stored, proof: nil, proofSource: "--proof") }
    }

    @Test("with no state the checkpoint is trusted on first use and the state file is written")
    func firstUse() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("state.json")
        let new = try Self.checkpoint(3)
        let report = try LogAudit.run(verified(new), name: "new.cp", stored: nil, statePath: path, proof: nil, proofSource: "--proof")
        #expect(report.passed)
        #expect(
            report.checks == [
                AuditCheck(name: "checkpoint signatures"), AuditCheck(name: "trusted on first use"), AuditCheck(name: "state file updated"),
            ])
        #expect(report.fields["verdict"] == .string("first-use"))
        #expect(report.fields["checkpoint"] == .string("new.cp"))
        #expect(report.fields["state"] == .string(path))
        #expect(report.fields["size"] == .integer(3))
        #expect(report.fields["root"] == .string(new.root.base64))
        #expect(report.fields["logSigners"] == .array([.string(NoteFixtures.origin)]))
        #expect(report.fields["storedSize"] == nil)
        #expect(
            report.lines == [
                "checkpoint: \(NoteFixtures.origin) size 3 root \(new.root.base64)", "signed by \(NoteFixtures.origin)",
                "no state at \(path): trusting this checkpoint on first use",
            ])
        #expect(try LogState.read(path: path)?.checkpoint == new)
    }

    @Test("a proven extension is accepted and replaces the state")
    func extended() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("state.json")
        let (stored, _) = try store(Self.checkpoint(3), in: directory)
        let new = try Self.checkpoint(5)
        let proof = try #require(ConsistencyProof.generate(oldSize: 3, leaves: Self.leaves(5)))
        let report = try LogAudit.run(verified(new), name: "new.cp", stored: stored, statePath: path, proof: proof, proofSource: "p.json")
        #expect(report.passed)
        #expect(
            report.checks == [
                AuditCheck(name: "checkpoint signatures"), AuditCheck(name: "consistent with stored (size 3 -> 5)"),
                AuditCheck(name: "state file updated"),
            ])
        #expect(report.fields["verdict"] == .string("extended"))
        #expect(report.fields["storedSize"] == .integer(3))
        #expect(report.lines.last == "extends the stored checkpoint of size 3")
        #expect(try LogState.read(path: path)?.checkpoint == new)
    }

    @Test("the same tree again is accepted as unchanged")
    func unchanged() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("state.json")
        let (stored, _) = try store(Self.checkpoint(4), in: directory)
        let report = try LogAudit.run(verified(Self.checkpoint(4)), name: "new.cp", stored: stored, statePath: path, proof: nil, proofSource: "--proof")
        #expect(report.passed)
        #expect(report.fields["verdict"] == .string("unchanged"))
        #expect(report.checks.map(\.name) == ["checkpoint signatures", "same tree as stored (size 4)", "state file updated"])
    }

    @Test("a fork (same size, another root) fails with both checkpoints and leaves the state file as it was")
    func forkSameSize() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("state.json")
        let (stored, before) = try store(Self.checkpoint(5), in: directory)
        let forked = try verified(Self.checkpoint(5, tag: "other"))
        let report = try LogAudit.run(forked, name: "new.cp", stored: stored, statePath: path, proof: nil, proofSource: "--proof")
        let storedText = String(decoding: stored.note.bytes, as: UTF8.self)
        let newText = String(decoding: forked.note.bytes, as: UTF8.self)
        #expect(!report.passed)
        #expect(
            report.checks == [
                AuditCheck(name: "checkpoint signatures"),
                AuditCheck(
                    name: "no fork", failure: "FORK: two checkpoints of size 5 with different roots",
                    detail: "stored:\n\(storedText)\nnew:\n\(newText)\nthe state file \(path) was not changed"),
            ])
        #expect(report.fields["verdict"] == .string("fork"))
        #expect(report.fields["stored"] == .string(storedText))
        #expect(report.fields["new"] == .string(newText))
        #expect(report.lines.contains("stored checkpoint (\(path)):"))
        #expect(report.lines.contains("new checkpoint (new.cp):"))
        #expect(report.lines.contains("    \(forked.checkpoint.root.base64)"))
        #expect(try directory.read("state.json") == before)
    }

    @Test("a consistency proof that fails is a fork, and the state file is left as it was")
    func forkByProof() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("state.json")
        let (stored, before) = try store(Self.checkpoint(3), in: directory)
        let proof = try #require(ConsistencyProof.generate(oldSize: 3, leaves: Self.leaves(5)))
        let report = try LogAudit.run(
            verified(Self.checkpoint(5, tag: "other")), name: "new.cp", stored: stored, statePath: path, proof: proof, proofSource: "p.json")
        #expect(!report.passed)
        #expect(report.checks.last?.name == "no fork")
        #expect(report.checks.last?.failure?.hasPrefix("FORK: the consistency proof 3 -> 5 does not verify") == true)
        #expect(!report.checks.contains { $0.name == "state file updated" })
        #expect(try directory.read("state.json") == before)
    }

    @Test("an older checkpoint is a rollback: the audit fails and the state file is left as it was")
    func rollback() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("state.json")
        let (stored, before) = try store(Self.checkpoint(5), in: directory)
        let report = try LogAudit.run(verified(Self.checkpoint(3)), name: "new.cp", stored: stored, statePath: path, proof: nil, proofSource: "--proof")
        #expect(!report.passed)
        #expect(report.fields["verdict"] == .string("rollback"))
        #expect(report.fields["storedSize"] == .integer(5))
        #expect(report.checks.map(\.name) == ["checkpoint signatures", "not older than stored"])
        #expect(report.checks.last?.failure == "the new checkpoint (size 3) is older than the stored one (size 5)")
        #expect(report.checks.last?.detail?.hasSuffix("\nthe state file \(path) was not changed") == true)
        #expect(try directory.read("state.json") == before)
    }

    @Test("inputs that do not fit together throw before anything is written")
    func mismatchedInputs() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("state.json")
        let (stored, before) = try store(Self.checkpoint(3), in: directory)
        let error = NoteFixtures.error {
            _ = try LogAudit.run(verified(Self.checkpoint(5)), name: "new.cp", stored: stored, statePath: path, proof: nil, proofSource: "--proof")
        }
        #expect(error?.code == .malformedInput)
        #expect(error?.input == "--proof")
        #expect(try directory.read("state.json") == before)
    }

    @Test("inclusion: a proof that leads to the root passes, one that does not fails, each entry reported")
    func inclusion() throws {
        let leaves = Self.leaves(5)
        let checkpoint = try verified(Self.checkpoint(5))
        let proofs = try [UInt64(1), 3].map { try #require(InclusionProof.generate(leafIndex: $0, leaves: leaves)) }
        let audit = try LogInclusionAudit(checkpoint, name: "cp", proofs: proofs, proofSource: "p.json", entryCount: 2)
        let wrong = MerkleTree.leafHash(Array("not in the log".utf8))
        let report = audit.run([.init(name: "a.txt", leafHash: leaves[1]), .init(name: "b.txt", leafHash: wrong)])
        #expect(!report.passed)
        #expect(
            report.checks == [
                AuditCheck(name: "a.txt at index 1"),
                AuditCheck(name: "b.txt at index 3", failure: "the inclusion proof does not lead to the checkpoint's root"),
            ])
        #expect(report.lines == ["checkpoint: \(NoteFixtures.origin) size 5 root \(checkpoint.checkpoint.root.base64)"])
        #expect(report.fields["checkpoint"] == .string("cp"))
        #expect(
            report.fields["entries"]
                == .array([
                    .object(["entry": .string("a.txt"), "leafHash": .string(leaves[1].base64), "leafIndex": .integer(1), "ok": .bool(true)]),
                    .object(["entry": .string("b.txt"), "leafHash": .string(wrong.base64), "leafIndex": .integer(3), "ok": .bool(false)]),
                ]))

        let passing = audit.run([.init(name: "a.txt", leafHash: leaves[1]), .init(name: "d.txt", leafHash: leaves[3])])
        #expect(passing.passed)
        #expect(passing.checks.map(\.name) == ["a.txt at index 1", "d.txt at index 3"])
    }

    @Test("inclusion: proofs that do not fit the entries or the checkpoint are refused up front")
    func inclusionMismatch() throws {
        let leaves = Self.leaves(5)
        let checkpoint = try verified(Self.checkpoint(5))
        let proof = try #require(InclusionProof.generate(leafIndex: 0, leaves: leaves))
        let count = NoteFixtures.error {
            _ = try LogInclusionAudit(checkpoint, name: "cp", proofs: [proof], proofSource: "p.json", entryCount: 2)
        }
        #expect(count?.detail == "1 proof(s) for 2 entries")
        #expect(count?.input == "p.json")
        let older = try #require(InclusionProof.generate(leafIndex: 0, leaves: Array(leaves.prefix(4))))
        let size = NoteFixtures.error {
            _ = try LogInclusionAudit(checkpoint, name: "cp", proofs: [older], proofSource: "p.json", entryCount: 1)
        }
        #expect(size?.detail == "the proofs are for tree size 4, the checkpoint has 5")
    }
}
