import AutoIDIdentity
import AutoIDLog
import AutoIDManifest
import AutoIDSigning
import AutoIDTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// SIGKILL at random moments while each tool writes (issue 12, crash safety): after every kill the
/// output is the old complete file or the new complete one, never a partial or corrupt one. 200 kills
/// in all, over signing, co-signing, revoking, bundle creation and extraction, and stored log
/// checkpoints. Each tool is first timed once uninterrupted; kills then land anywhere from start-up to
/// just after that time, so they hit start-up, reading, writing the temporary file and the rename.
///
/// A kill can leave the writer's temporary file (`.NAME.tmp-TAG`, or `.NAME.tmp-TAG-PID-XXXXXX`,
/// AtomicOutput; the next writer of the same output takes it over or removes it, see
/// StaleTemporaryEndToEndTests) or an extraction's
/// unrevealed target or staging folder (`.DIR.provenance-bundle-TAG-PID-XXXXXXXX` beside the target,
/// `.provenance-bundle-TAG-PID-XXXXXXXX` inside it) behind; those are allowed, counted and removed here.
@Suite("SIGKILL while writing: the old or the new output, never a partial one", .serialized)
struct CrashSafetyEndToEndTests {
    let directory: TemporaryDirectory

    /// What a check found after one kill: the old output, the new one, or (extraction into an existing
    /// folder) part of the new one without its manifest, which the next run finished.
    enum Outcome: Hashable { case old, new, finished }

    init() throws {
        directory = try TemporaryDirectory()
        try #require(try run("autoid-sign", ["keygen"]).status == 0)
        try #require(try run("autoid-sign", ["keygen", "-s", "other.key", "-p", "other.pub"]).status == 0)
        var random = TestRandom(seed: 12)
        try directory.write("doc.txt", random.bytes(256 << 10))
        try directory.write("old.txt", Array("the previous release\n".utf8))
    }

    func run(_ tool: String, _ arguments: [String]) throws -> ToolResult {
        try ToolRunner.run(tool, arguments, in: directory.path)
    }

    /// Runs `tool` with `arguments` in the directory and returns the wall time it took, in microseconds.
    func timed(_ tool: String, _ arguments: [String]) throws -> UInt64 {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try run(tool, arguments)
        try #require(result.status == 0, "\(tool) \(arguments): \(result.stderrText)")
        return (DispatchTime.now().uptimeNanoseconds - start) / 1000
    }

    /// Starts `tool`, sends it SIGKILL (by its process id) after `delay` microseconds if it is still
    /// running, and reaps it.
    func runKilled(_ tool: String, _ arguments: [String], after delay: UInt64) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ToolRunner.path(of: tool))
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(UInt32(delay))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Removes what a killed writer may leave in `folder` (relative to the directory): temporary files
    /// `.NAME.tmp-TAG` and `.NAME.tmp-TAG-PID-XXXXXX`, hidden targets `.DIR.provenance-bundle-XXXXXXXX` and staging folders
    /// `.provenance-bundle-XXXXXXXX`. Returns how many.
    func removeLeftovers(in folder: String = "") throws -> Int {
        let path = folder.isEmpty ? directory.path : directory.file(folder)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return 0 }
        var count = 0
        for name in names where name.hasPrefix(".") {
            let isTemporary = name.range(of: #"^\..+\.tmp-([0-9a-f]{12}|([0-9a-f]{12}-[0-9]+-)?[A-Za-z0-9]{6})$"#, options: .regularExpression) != nil
            let isStage = name.range(of: #"^\.(.+\.)?provenance-bundle-[0-9a-f-]+$"#, options: .regularExpression) != nil
            guard isTemporary || isStage else { continue }
            try FileManager.default.removeItem(atPath: path + "/" + name)
            count += 1
        }
        return count
    }

    /// Kills `tool` `iterations` times at random moments; before each run `reset` puts the old state
    /// back, after each kill `check` says what it finds (and records an issue for anything else).
    func torture(
        _ tool: String, _ arguments: [String], iterations: Int, seed: UInt64, leftoversIn folder: String = "",
        reset: () throws -> Void, check: (Int) throws -> Outcome?
    ) throws -> [Outcome: Int] {
        try reset()
        let full = try timed(tool, arguments)
        var random = TestRandom(seed: seed)
        var outcomes: [Outcome: Int] = [:]
        var leftovers = 0
        for attempt in 0..<iterations {
            try reset()
            try runKilled(tool, arguments, after: random.next() % (full + full / 5 + 1))
            if let outcome = try check(attempt) { outcomes[outcome, default: 0] += 1 }
            leftovers += try removeLeftovers() + (folder.isEmpty ? 0 : removeLeftovers(in: folder))
        }
        print(
            "\(tool) \(arguments.first ?? ""): \(iterations) kills: \(outcomes[.old] ?? 0) old, \(outcomes[.new] ?? 0) new, \(outcomes[.finished] ?? 0) finished by the next run, \(leftovers) leftover temporaries"
        )
        #expect(outcomes.values.reduce(0, +) == iterations, "\(tool) \(arguments): a kill left a partial output")
        return outcomes
    }

    /// The envelope in `name` when it is complete, signed by each of `keys` and lists `subjects`.
    func completeEnvelope(_ name: String, keys: [String], subjects: [String]) -> Bool {
        guard let bytes = try? directory.read(name), let envelope = try? Envelope(jsonBytes: bytes, source: name),
            let statement = try? Statement(jsonBytes: envelope.payload, source: name),
            statement.subjects.map(\.name) == subjects, envelope.signatures.count == keys.count
        else { return false }
        return keys.allSatisfy { key in
            guard let publicKey = try? KeyFile.loadPublicKey(path: directory.file(key)) else { return false }
            return envelope.signatures.contains { publicKey.isValidSignature($0.signature, for: envelope.signedBytes) }
        }
    }

    @Test func signingAndCosigning() throws {
        #expect(try run("autoid-sign", ["-k", "autoid.key", "-o", "previous.json", "old.txt"]).status == 0)
        let previous = try directory.read("previous.json")
        let signed = try torture(
            "autoid-sign", ["-k", "autoid.key", "--force", "-o", "out.json", "doc.txt"], iterations: 40, seed: 1,
            reset: { try directory.write("out.json", previous) },
            check: { attempt in
                if try directory.read("out.json") == previous { return .old }
                if completeEnvelope("out.json", keys: ["autoid.pub"], subjects: ["doc.txt"]) { return .new }
                Issue.record("sign, kill \(attempt): out.json is neither the old envelope nor a complete new one")
                return nil
            })
        #expect(signed[.new, default: 0] > 0, "no kill came late enough to see the new envelope")

        // Co-signing is for provenance envelopes that name the co-signer as a party.
        try issueLabAndAgent()
        let joint = try run(
            "autoid-sign",
            [
                "-k", "autoid.key", "--id", "lab.pem", "--role", "publisher", "--source-type", "compositeWithTrainedAlgorithmicMedia",
                "--chain", "lab.pem", "--party", "agent.pem:ai-generator", "-o", "single.json", "doc.txt",
            ])
        try #require(joint.status == 0, "\(joint.stderrText)")
        let single = try directory.read("single.json")
        _ = try torture(
            "autoid-sign", ["cosign", "single.json", "-k", "other.key", "--force", "-o", "cosigned.json"], iterations: 30, seed: 2,
            reset: { try directory.write("cosigned.json", single) },
            check: { attempt in
                if try directory.read("cosigned.json") == single { return .old }
                if completeEnvelope("cosigned.json", keys: ["autoid.pub", "other.pub"], subjects: ["doc.txt"]) { return .new }
                Issue.record("cosign, kill \(attempt): cosigned.json is neither the old envelope nor a complete co-signed one")
                return nil
            })
    }

    /// lab.pem, a root Auto ID of autoid.key, and agent.pem, issued by it to other.pub.
    func issueLabAndAgent() throws {
        try #require(try run("autoid-sign", ["issue", "-k", "autoid.key", "--cn", "Lab", "--kind", "organisation", "-o", "lab.pem"]).status == 0)
        try #require(
            try run(
                "autoid-sign",
                ["issue", "-k", "autoid.key", "--issuer", "lab.pem", "--subject-key", "other.pub", "--cn", "agent", "--kind", "ai-agent", "-o", "agent.pem"]
            ).status == 0)
    }

    @Test func revoking() throws {
        try issueLabAndAgent()
        #expect(try run("autoid-sign", ["revoke", "-k", "autoid.key", "--issuer", "lab.pem", "--serial", "05", "-o", "lab.crl"]).status == 0)
        let previous = try directory.read("lab.crl")
        let agentSerial = try #require(AutoID.parseAll(directory.read("agent.pem")).first).serialNumber
        _ = try torture(
            "autoid-sign", ["revoke", "-k", "autoid.key", "--issuer", "lab.pem", "--cert", "agent.pem", "--force", "-o", "lab.crl"],
            iterations: 30, seed: 3,
            reset: { try directory.write("lab.crl", previous) },
            check: { attempt in
                let bytes = try directory.read("lab.crl")
                if bytes == previous { return .old }
                if let list = try? RevocationList(bytes: bytes, source: "lab.crl"), list.entries.map(\.serial) == [agentSerial] { return .new }
                Issue.record("revoke, kill \(attempt): lab.crl is neither the old list nor a complete new one")
                return nil
            })
    }

    @Test func bundleCreationAndExtraction() throws {
        #expect(try run("autoid-sign", ["-k", "autoid.key", "-o", "release.dsse.json", "doc.txt"]).status == 0)
        let create = ["create", "-o", "b.tar", "release.dsse.json", "--content", "doc.txt"]
        #expect(try run("provenance-bundle", create).status == 0)
        let bundle = try directory.read("b.tar")  // creation is deterministic: the new output is these bytes
        _ = try torture(
            "provenance-bundle", create, iterations: 35, seed: 4,
            reset: { try? FileManager.default.removeItem(atPath: directory.file("b.tar")) },
            check: { attempt in
                guard FileManager.default.fileExists(atPath: directory.file("b.tar")) else { return .old }
                if try directory.read("b.tar") == bundle { return .new }
                Issue.record("bundle create, kill \(attempt): b.tar exists but is not the complete bundle")
                return nil
            })

        try directory.write("b.tar", bundle)
        #expect(try run("provenance-bundle", ["extract", "-k", "autoid.pub", "-C", "out", "b.tar"]).status == 0)
        let extracted = try tree("out")
        let document = try directory.read("doc.txt")
        #expect(extracted.contains("content/doc.txt"), "\(extracted)")
        _ = try torture(
            "provenance-bundle", ["extract", "-k", "autoid.pub", "-C", "out", "b.tar"], iterations: 35, seed: 5, leftoversIn: "out",
            reset: { try? FileManager.default.removeItem(atPath: directory.file("out")) },
            check: { attempt in
                // Staging folders are inside the target: they are leftovers, not output.
                let found = try tree("out").filter { !$0.hasPrefix(".provenance-bundle-") }
                if found.isEmpty { return .old }
                if found == extracted, try directory.read("out/content/doc.txt") == document { return .new }
                Issue.record("bundle extract, kill \(attempt): out holds \(found), not all of \(extracted)")
                return nil
            })

        // Into an existing folder the top-level names move one by one, the manifest last, so a kill can
        // land between them: never a manifest without the rest, and the next extraction into the folder
        // finishes what was decided, removes what was not, and leaves the folder whole and clean.
        let existing = (extracted + ["keep.txt"]).sorted()
        let extract = ["extract", "-k", "autoid.pub", "-C", "out", "b.tar"]
        let outcomes = try torture(
            "provenance-bundle", extract, iterations: 40, seed: 7, leftoversIn: "out",
            reset: {
                try? FileManager.default.removeItem(atPath: directory.file("out"))
                try FileManager.default.createDirectory(atPath: directory.file("out"), withIntermediateDirectories: false)
                try directory.write("out/keep.txt", Array("mine\n".utf8))
            },
            check: { attempt in
                let found = try tree("out").filter { !$0.hasPrefix(".provenance-bundle-") }
                var outcome: Outcome
                if found == ["keep.txt"] {
                    outcome = .old
                } else if found == existing {
                    outcome = .new
                } else if !found.contains("autoid-bundle.json") {
                    outcome = .finished
                } else {
                    Issue.record("bundle extract into a folder, kill \(attempt): the manifest is there without the rest: \(found)")
                    return nil
                }
                let again = try run("provenance-bundle", extract)
                let after = try tree("out")
                guard after == existing, try directory.read("out/content/doc.txt") == document else {
                    Issue.record("bundle extract into a folder, kill \(attempt) (\(outcome)): after the next run out holds \(after)")
                    return nil
                }
                if outcome == .old && again.status == 64 && again.stderrText.contains("interrupted") {
                    outcome = .finished  // killed after the commit's mark, before its first move
                }
                #expect(again.status == (outcome == .old ? 0 : 64), "kill \(attempt) (\(outcome)): \(again.stderrText)")
                return outcome
            })
        #expect(outcomes[.new, default: 0] + outcomes[.finished, default: 0] > 0, "no kill came late enough to see the bundle")
    }

    @Test func storedLogCheckpoints() throws {
        let logKey = try Ed25519PrivateKey(seed: [UInt8](repeating: 3, count: 32))
        let signer = try NoteSigner(name: "example.com/log", type: .ed25519, privateKey: logKey)
        let leaves = (0..<11).map { MerkleTree.leafHash(Array("entry \($0)".utf8)) }
        func checkpoint(_ size: Int) throws -> [UInt8] {
            let body = try Checkpoint(origin: "example.com/log", size: UInt64(size), root: MerkleTree.root(leafHashes: Array(leaves.prefix(size))))
            let note = try SignedNote(text: body.text, signatures: []).adding(try signer.sign(text: body.text, timestamp: 0))
            return note.bytes
        }
        try directory.write("cp10.txt", checkpoint(10))
        try directory.write("cp11.txt", checkpoint(11))
        let proof = try #require(ConsistencyProof.generate(oldSize: 10, leaves: leaves))
        try directory.write("p.json", LogProofFile.consistency(proof).bytes)
        let trust = ["--key", signer.verifierKey.description]
        #expect(try run("state-audit", ["log", "audit", "--state", "state.json", "cp10.txt"] + trust).status == 0)
        let previous = try directory.read("state.json")
        _ = try torture(
            "state-audit", ["log", "audit", "--state", "state.json", "cp11.txt", "--proof", "p.json"] + trust, iterations: 30, seed: 6,
            reset: { try directory.write("state.json", previous) },
            check: { attempt in
                let bytes = try directory.read("state.json")
                if bytes == previous { return .old }
                if let state = try? LogState(bytes: bytes, source: "state.json"), state.checkpoint.size == 11 { return .new }
                Issue.record("log audit --state, kill \(attempt): state.json is neither the old state nor a complete new one")
                return nil
            })
    }

    /// Every path below `folder` (files, folders, links), relative and sorted.
    func tree(_ folder: String) throws -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: directory.file(folder)) else { return [] }
        return walker.compactMap { $0 as? String }.sorted()
    }
}
