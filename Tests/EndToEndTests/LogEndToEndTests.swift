import AutoIDJSON
import AutoIDLog
import AutoIDSigning
import AutoIDTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `state-audit log` as an auditor's CI runs it: real processes, real files, exit codes and reports.
@Suite("state-audit log, end to end")
struct LogEndToEndTests {
    let directory: TemporaryDirectory
    let origin = "example.com/log"
    let logSigner: NoteSigner
    let witness: NoteSigner
    /// Leaves of the honest log.
    let leaves: [TreeHash]

    init() throws {
        directory = try TemporaryDirectory()
        let logKey = try Ed25519PrivateKey(seed: [UInt8](repeating: 3, count: 32))
        let witnessKey = try Ed25519PrivateKey(seed: [UInt8](repeating: 4, count: 32))
        try KeyFile.save(logKey, privatePath: directory.file("log.key"), publicPath: directory.file("log.pub"), overwrite: false)
        try KeyFile.save(witnessKey, privatePath: directory.file("w.key"), publicPath: directory.file("w.pub"), overwrite: false)
        logSigner = try NoteSigner(name: origin, type: .ed25519, privateKey: logKey)
        witness = try NoteSigner(name: "witness.example/w1", type: .cosignatureV1, privateKey: witnessKey)
        leaves = (0..<64).map { MerkleTree.leafHash(Array("entry \($0)".utf8)) }
    }

    var trust: [String] { ["--key", logSigner.verifierKey.description, "--witness", witness.verifierKey.description, "--witness-threshold", "1"] }

    /// Writes a checkpoint of the first `size` of `leaves`, signed by the log and cosigned by the witness.
    @discardableResult
    func writeCheckpoint(_ name: String, size: Int, leaves: [TreeHash]? = nil) throws -> String {
        let tree = Array((leaves ?? self.leaves).prefix(size))
        let checkpoint = try Checkpoint(origin: origin, size: UInt64(size), root: MerkleTree.root(leafHashes: tree))
        var note = try SignedNote(text: checkpoint.text, signatures: [])
        note = note.adding(try logSigner.sign(text: note.text, timestamp: 0))
        note = note.adding(try witness.sign(text: note.text, timestamp: 1_700_000_000 + UInt64(size)))
        return try directory.write(name, note.bytes)
    }

    /// Writes the consistency proof from `old` to `new` leaves.
    @discardableResult
    func writeProof(_ name: String, from old: Int, to new: Int, leaves: [TreeHash]? = nil) throws -> String {
        let proof = try #require(ConsistencyProof.generate(oldSize: UInt64(old), leaves: Array((leaves ?? self.leaves).prefix(new))))
        return try directory.write(name, LogProofFile.consistency(proof).bytes)
    }

    func audit(_ checkpoint: String, proof: String?, json: Bool = false) throws -> ToolResult {
        try ToolRunner.run(
            "state-audit", ["log", "audit", "--state", "state.json", checkpoint] + (proof.map { ["--proof", $0] } ?? []) + trust + (json ? ["--json"] : []),
            in: directory.path)
    }

    func storedSize() throws -> UInt64 {
        try LogState(bytes: directory.read("state.json"), source: "state.json").checkpoint.size
    }

    func expectFailure(_ arguments: [String], status: Int32, message: String) throws {
        let result = try ToolRunner.run("state-audit", arguments, in: directory.path)
        #expect(result.status == status, "\(arguments): \(result.stderrText)")
        #expect(result.stderrText.split(separator: "\n").count == 1, "\(arguments): \(result.stderrText)")
        #expect(result.stderrText.hasPrefix("state-audit: "), "\(result.stderrText)")
        #expect(result.stderrText.contains(message), "\(arguments): \(result.stderrText)")
        #expect(result.stdout.isEmpty, "\(arguments)")
    }

    @Test("50 growing checkpoints, a fork, then a restart that reads the kept state")
    func auditLoop() throws {
        for size in 1...50 {
            try writeCheckpoint("cp.txt", size: size)
            let proof = size > 1 ? try writeProof("proof.json", from: size - 1, to: size) : nil
            let result = try audit("cp.txt", proof: proof)
            #expect(result.status == 0, "size \(size): \(result.stdoutText) \(result.stderrText)")
            if size == 1 { #expect(result.stdoutText.contains("trusting this checkpoint on first use")) }
            #expect(try storedSize() == UInt64(size))
        }
        let kept = try directory.read("state.json")

        // A fork that grows: the log rewrote entry 10, and proves 50 -> 51 from its rewritten tree.
        var forked = leaves
        forked[10] = MerkleTree.leafHash(Array("rewritten".utf8))
        try writeCheckpoint("fork.txt", size: 51, leaves: forked)
        try writeProof("fork-proof.json", from: 50, to: 51, leaves: forked)
        let fork = try audit("fork.txt", proof: "fork-proof.json")
        #expect(fork.status == 1, "\(fork.stderrText)")
        #expect(fork.stdoutText.contains("FAILED  no fork: FORK: the consistency proof 50 -> 51 does not verify"))
        #expect(fork.stdoutText.contains("stored checkpoint (state.json):"))
        #expect(fork.stdoutText.contains(MerkleTree.root(leafHashes: leaves.prefix(50)).base64))
        #expect(fork.stdoutText.contains(MerkleTree.root(leafHashes: forked.prefix(51)).base64))
        #expect(try directory.read("state.json") == kept)

        // A fork at the same size, as JSON with both checkpoints.
        try writeCheckpoint("same-size.txt", size: 50, leaves: forked)
        let sameSize = try audit("same-size.txt", proof: nil, json: true)
        #expect(sameSize.status == 1)
        let report = try JSONParser.parse(sameSize.stdout)
        #expect(report["verdict"] == .string("fork"))
        #expect(report["ok"] == .bool(false))
        #expect(report["stored"]?.stringValue?.contains(MerkleTree.root(leafHashes: leaves.prefix(50)).base64) == true)
        #expect(report["new"]?.stringValue?.contains(MerkleTree.root(leafHashes: forked.prefix(50)).base64) == true)
        #expect(try directory.read("state.json") == kept)

        // An older checkpoint is refused too, and the state stays.
        try writeCheckpoint("old.txt", size: 20)
        #expect(try audit("old.txt", proof: nil).status == 1)
        #expect(try directory.read("state.json") == kept)

        // Restart: a new process reads the kept state and accepts the honest continuation.
        try writeCheckpoint("next.txt", size: 55)
        try writeProof("next-proof.json", from: 50, to: 55)
        let next = try audit("next.txt", proof: "next-proof.json", json: true)
        #expect(next.status == 0, "\(next.stderrText)")
        let accepted = try JSONParser.parse(next.stdout)
        #expect(accepted["verdict"] == .string("extended"))
        #expect(accepted["storedSize"] == .integer(50))
        #expect(accepted["witnesses"] == .array([.string("witness.example/w1")]))
        #expect(try storedSize() == 55)
    }

    @Test("SIGKILL while the state is replaced leaves the old or the new state, never a broken one")
    func killDuringReplace() throws {
        try writeCheckpoint("cp10.txt", size: 10)
        #expect(try audit("cp10.txt", proof: nil).status == 0)
        let old = try directory.read("state.json")
        try writeCheckpoint("cp11.txt", size: 11)
        try writeProof("p.json", from: 10, to: 11)
        var outcomes: [UInt64: Int] = [:]
        var random = TestRandom(seed: 99)
        for attempt in 0..<40 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: ToolRunner.path(of: "state-audit"))
            process.arguments =
                ["log", "audit", "--state", directory.file("state.json"), directory.file("cp11.txt"), "--proof", directory.file("p.json")] + trust
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Kill anywhere from start-up to after the rename (a debug run takes ~100 ms here): 0 to 200 ms.
            usleep(UInt32(random.next() % 200_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let state = try LogState(bytes: directory.read("state.json"), source: "state.json after kill \(attempt)")
            #expect(state.checkpoint.size == 10 || state.checkpoint.size == 11)
            outcomes[state.checkpoint.size, default: 0] += 1
            _ = try directory.write("state.json", old)
        }
        #expect(outcomes.values.reduce(0, +) == 40)
    }

    @Test("root, prove, sign, vkey and inclusion through the command line")
    func commandLineRoundTrip() throws {
        for index in 0..<7 { _ = try directory.write("e\(index)", Array("entry \(index)".utf8)) }
        let entries = (0..<7).map { "e\($0)" }
        let root = try ToolRunner.run("state-audit", ["log", "root", "--json"] + entries, in: directory.path)
        #expect(root.status == 0, "\(root.stderrText)")
        #expect(try JSONParser.parse(root.stdout)["root"] == .string(MerkleTree.root(leafHashes: leaves.prefix(7)).base64))

        // Leaf hashes as a list (hex and base64 mixed) give the same root.
        let list = leaves.prefix(7).enumerated().map { $0.offset % 2 == 0 ? $0.element.hex : $0.element.base64 }.joined(separator: "\n") + "\n"
        _ = try directory.write("leaves.txt", Array(list.utf8))
        let body = try ToolRunner.run("state-audit", ["log", "root", "--origin", origin, "--leaf-hashes", "leaves.txt"], in: directory.path)
        #expect(body.stdoutText == "\(origin)\n7\n\(MerkleTree.root(leafHashes: leaves.prefix(7)).base64)\n")
        _ = try directory.write("body.txt", body.stdout)

        #expect(try ToolRunner.run("state-audit", ["log", "sign", "--key", "log.key", "body.txt", "-o", "cp.txt"], in: directory.path).status == 0)
        let cosigned = try ToolRunner.run(
            "state-audit", ["log", "sign", "--key", "w.key", "--name", "witness.example/w1", "--cosign", "--time", "1700000000", "cp.txt", "-o", "cp.txt"],
            in: directory.path)
        #expect(cosigned.status == 0, "\(cosigned.stderrText)")
        let vkey = try ToolRunner.run("state-audit", ["log", "vkey", "--public-key", "log.pub", "--name", origin], in: directory.path)
        #expect(vkey.stdoutText == logSigner.verifierKey.description + "\n")
        let wkey = try ToolRunner.run("state-audit", ["log", "vkey", "--public-key", "w.pub", "--name", "witness.example/w1", "--cosign"], in: directory.path)
        #expect(wkey.stdoutText == witness.verifierKey.description + "\n")

        let prove = try ToolRunner.run(
            "state-audit", ["log", "prove", "--leaf-hashes", "leaves.txt", "--inclusion", "2", "--inclusion", "6", "-o", "incl.json"], in: directory.path)
        #expect(prove.status == 0, "\(prove.stderrText)")
        let included = try ToolRunner.run(
            "state-audit", ["log", "inclusion", "cp.txt", "e2", "e6", "--proof", "incl.json", "--junit", "incl.xml"] + trust, in: directory.path)
        #expect(included.status == 0, "\(included.stdoutText) \(included.stderrText)")
        #expect(included.stdoutText.contains("ok      e2 at index 2"))
        // The wrong entry for a proof fails with exit status 1 and a failed test case.
        let wrong = try ToolRunner.run(
            "state-audit", ["log", "inclusion", "cp.txt", "e3", "e6", "--proof", "incl.json", "--junit", "incl.xml", "--force"] + trust, in: directory.path)
        #expect(wrong.status == 1)
        #expect(wrong.stdoutText.contains("FAILED  e3 at index 2"))
        #expect(String(decoding: try directory.read("incl.xml"), as: UTF8.self).contains("failures=\"1\""))
        let byHash = try ToolRunner.run(
            "state-audit", ["log", "inclusion", "cp.txt", "--leaf-hash", leaves[2].base64, "--leaf-hash", leaves[6].hex, "--proof", "incl.json"] + trust,
            in: directory.path)
        #expect(byHash.status == 0, "\(byHash.stderrText)")

        // Consistency proofs from the command line are the library's.
        let consistency = try ToolRunner.run("state-audit", ["log", "prove", "--leaf-hashes", "leaves.txt", "--consistency", "3"], in: directory.path)
        let expected = LogProofFile.consistency(ConsistencyProof.generate(oldSize: 3, leaves: Array(leaves.prefix(7)))!)
        #expect(try LogProofFile(bytes: consistency.stdout, source: "stdout") == expected)
    }

    @Test("prove --subtree and subtree: a subtree with a known hash is in a checkpointed tree")
    func subtreeProofs() throws {
        let list = leaves.prefix(14).map(\.base64).joined(separator: "\n") + "\n"
        _ = try directory.write("leaves.txt", Array(list.utf8))
        try writeCheckpoint("cp.txt", size: 14)
        let prove = try ToolRunner.run(
            "state-audit", ["log", "prove", "--leaf-hashes", "leaves.txt", "--subtree", "8:13", "-o", "sub.json"], in: directory.path)
        #expect(prove.status == 0, "\(prove.stderrText)")
        let subtree = Subtree(start: 8, end: 13)!
        let expected = LogProofFile.subtreeConsistency(SubtreeConsistencyProof.generate(subtree: subtree, leaves: Array(leaves.prefix(14)))!)
        #expect(try LogProofFile(bytes: directory.read("sub.json"), source: "sub.json") == expected)

        let hash = subtree.hash(leaves: leaves)!
        let verified = try ToolRunner.run(
            "state-audit", ["log", "subtree", "cp.txt", "--subtree-hash", hash.hex, "--proof", "sub.json", "--json"] + trust, in: directory.path)
        #expect(verified.status == 0, "\(verified.stdoutText) \(verified.stderrText)")
        #expect(try JSONParser.parse(verified.stdout)["ok"] == .bool(true))

        // Another subtree's hash fails with exit status 1 and says so.
        let other = Subtree(start: 8, end: 12)!.hash(leaves: leaves)!
        let wrong = try ToolRunner.run(
            "state-audit", ["log", "subtree", "cp.txt", "--subtree-hash", other.base64, "--proof", "sub.json"] + trust, in: directory.path)
        #expect(wrong.status == 1)
        #expect(wrong.stdoutText.contains("FAILED  subtree 8..<13"), "\(wrong.stdoutText)")
        #expect(wrong.stdoutText.contains("the proof does not lead to the subtree 8..<13's hash"), "\(wrong.stdoutText)")

        // A proof for another tree size, another kind of proof, and ranges that are not subtrees.
        try writeCheckpoint("cp13.txt", size: 13)
        let size = try ToolRunner.run(
            "state-audit", ["log", "subtree", "cp13.txt", "--subtree-hash", hash.base64, "--proof", "sub.json"] + trust, in: directory.path)
        #expect(size.status == 3)
        #expect(
            size.stderrText == "state-audit: sub.json: the proof is for tree size 14, the checkpoint has 13; fetch a proof for the checkpoint's tree size\n")
        try writeProof("cons.json", from: 3, to: 14)
        let kind = try ToolRunner.run(
            "state-audit", ["log", "subtree", "cp.txt", "--subtree-hash", hash.base64, "--proof", "cons.json"] + trust, in: directory.path)
        #expect(kind.status == 3)
        #expect(kind.stderrText.hasPrefix("state-audit: cons.json: this is not a subtree consistency proof"))
        let misaligned = try ToolRunner.run("state-audit", ["log", "prove", "--leaf-hashes", "leaves.txt", "--subtree", "2:5"], in: directory.path)
        #expect(misaligned.status == 64)
        #expect(misaligned.stderrText.contains("its start is not a multiple of 4"))
        #expect(misaligned.stdout.isEmpty)
        let past = try ToolRunner.run("state-audit", ["log", "prove", "--leaf-hashes", "leaves.txt", "--subtree", "8:16"], in: directory.path)
        #expect(past.status == 64)
        #expect(past.stderrText.contains("must end at most at the number of leaves (14)"))
        var edited = String(decoding: try directory.read("sub.json"), as: UTF8.self)
        edited = edited.replacingOccurrences(of: "\"start\" : 8", with: "\"start\" : 9").replacingOccurrences(of: "\"start\": 8", with: "\"start\": 9")
        _ = try directory.write("bad.json", Array(edited.utf8))
        let bad = try ToolRunner.run(
            "state-audit", ["log", "subtree", "cp.txt", "--subtree-hash", hash.base64, "--proof", "bad.json"] + trust, in: directory.path)
        #expect(bad.status == 3)
        #expect(bad.stderrText.contains("subtree 9..<13 is not a node of the tree"), "\(bad.stderrText)")
    }

    @Test("roots and proofs: the same on a processor without the SHA extensions (emulated) as on this one")
    func sameWithoutSHAExtensions() throws {
        guard let qemu = ToolRunner.emulator else {
            print("SKIPPED: qemu-x86_64 not found (apt-get install qemu-user); no emulated-CPU run")
            return
        }
        // 1,000 leaves: full batches of 64 (node hashes two at a time where the CPU has SHA-NI) and a tail.
        let many = (0..<1_000).map { MerkleTree.leafHash(Array("leaf \($0)".utf8)) }
        _ = try directory.write("many.txt", Array(many.map(\.hex).joined(separator: "\n").utf8))
        let args = ["log", "root", "--leaf-hashes", "many.txt", "--origin", origin]
        let native = try ToolRunner.run("state-audit", args, in: directory.path)
        #expect(native.stdoutText == "\(origin)\n1000\n\(referenceRootOf(many).base64)\n")
        let emulated = try ToolRunner.run(qemu, ["-cpu", "Nehalem", ToolRunner.path(of: "state-audit")] + args, in: directory.path)
        #expect(emulated.status == 0, "\(emulated.stderrText)")
        #expect(emulated.stdoutText == native.stdoutText)
    }

    /// MTH by its recursive definition, with one node hash at a time.
    func referenceRootOf(_ leaves: [TreeHash]) -> TreeHash {
        func mth(_ slice: ArraySlice<TreeHash>) -> TreeHash {
            if slice.count == 1 { return slice.first! }
            var k = 1
            while k * 2 < slice.count { k *= 2 }
            return MerkleTree.nodeHash(mth(slice.prefix(k)), mth(slice.dropFirst(k)))
        }
        return leaves.isEmpty ? MerkleTree.emptyRoot : mth(leaves[...])
    }

    @Test("the root of 2^16 leaf hashes streams from standard input in bounded memory")
    func streamingRootMemory() throws {
        var builder = MerkleRootBuilder()
        var list: [UInt8] = []
        list.reserveCapacity((1 << 16) * 45)
        for index in 0..<(1 << 16) {
            let leaf = MerkleTree.leafHash(withUnsafeBytes(of: UInt64(index).littleEndian) { Array($0) })
            builder.append(leafHash: leaf)
            list += Array(leaf.base64.utf8) + [0x0a]
        }
        let result = try ToolRunner.run("state-audit", ["log", "root", "--json", "--leaf-hashes", "-"], stdinBytes: list)
        #expect(result.status == 0, "\(result.stderrText)")
        let report = try JSONParser.parse(result.stdout)
        #expect(report["size"] == .integer(1 << 16))
        #expect(report["root"] == .string(builder.root.base64))
        // 3 MiB of input; the tool holds a read buffer or two and a stack of 16 subtree roots.
        if result.peakResidentBytes > 0 { #expect(result.peakResidentBytes < 48 << 20, "peak RSS \(result.peakResidentBytes)") }
    }

    @Test("bad input: one line on stderr, the documented exit status, the state untouched")
    func badInput() throws {
        let checkpoint = try writeCheckpoint("cp.txt", size: 5)
        #expect(try audit("cp.txt", proof: nil).status == 0)
        let kept = try directory.read("state.json")
        let audit = ["log", "audit", "--state", "state.json"]
        var bytes = try directory.read("cp.txt")

        _ = try directory.write("truncated.txt", Array(bytes.prefix(bytes.count - 7)))
        try expectFailure(audit + ["truncated.txt"] + trust, status: 3, message: "truncated.txt: ")
        var random = TestRandom(seed: 7)
        _ = try directory.write("random.txt", random.bytes(3000))
        try expectFailure(audit + ["random.txt"] + trust, status: 3, message: "random.txt: ")
        _ = try directory.write("huge.txt", [UInt8](repeating: 0x41, count: SignedNote.maximumSize + 10))
        try expectFailure(audit + ["huge.txt"] + trust, status: 3, message: "huge.txt: ")
        try expectFailure(audit + ["missing.txt"] + trust, status: 4, message: "missing.txt")

        // Tampered: the size changed after signing.
        let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\n5\n", with: "\n6\n")
        _ = try directory.write("tampered.txt", Array(text.utf8))
        try expectFailure(audit + ["tampered.txt"] + trust, status: 1, message: "does not verify")
        // Another log's key: no trusted signature.
        let stranger = try NoteSigner(name: origin, type: .ed25519, privateKey: Ed25519PrivateKey(seed: [UInt8](repeating: 9, count: 32)))
        try expectFailure(audit + ["cp.txt", "--key", stranger.verifierKey.description], status: 2, message: "no signature from the log's key")
        // Witness threshold not met.
        try expectFailure(
            audit + ["cp.txt", "--key", logSigner.verifierKey.description, "--witness", stranger.verifierKey.description, "--witness-threshold", "1"],
            status: 2, message: "0 of the required 1 witnesses")

        // Damaged proof and state files.
        try writeCheckpoint("cp9.txt", size: 9)
        _ = try directory.write("bad-proof.json", random.bytes(500))
        try expectFailure(audit + ["cp9.txt", "--proof", "bad-proof.json"] + trust, status: 3, message: "bad-proof.json: ")
        try writeProof("wrong-sizes.json", from: 4, to: 9)
        try expectFailure(audit + ["cp9.txt", "--proof", "wrong-sizes.json"] + trust, status: 3, message: "the proof is for sizes 4 -> 9")
        try expectFailure(audit + ["cp9.txt"] + trust, status: 3, message: "no consistency proof")
        #expect(try directory.read("state.json") == kept)
        bytes = kept
        bytes.removeLast(40)
        _ = try directory.write("state.json", bytes)
        try writeProof("p.json", from: 5, to: 9)
        try expectFailure(audit + ["cp9.txt", "--proof", "p.json"] + trust, status: 3, message: "state.json: ")
        #expect(try directory.read("state.json") == bytes)

        // Usage errors: a malformed verifier key, a threshold above the witnesses.
        let usage = try ToolRunner.run("state-audit", audit + [checkpoint, "--key", "not-a-key"], in: directory.path)
        #expect(usage.status == 64)
        let threshold = try ToolRunner.run(
            "state-audit", audit + [checkpoint, "--key", logSigner.verifierKey.description, "--witness-threshold", "1"], in: directory.path)
        #expect(threshold.status == 64)
    }
}
