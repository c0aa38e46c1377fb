import AutoIDLog
import AutoIDSigning
import Foundation
import Testing

/// Keys and checkpoints for the note tests: fixed seeds, so failures reproduce.
enum NoteFixtures {
    static func key(_ seed: UInt8) -> Ed25519PrivateKey {
        try! Ed25519PrivateKey(seed: [UInt8](repeating: seed, count: 32))
    }

    static let origin = "example.com/log"
    static let logKey = key(1)
    static let logSigner = try! NoteSigner(name: origin, type: .ed25519, privateKey: logKey)

    static func checkpoint(size: UInt64 = 5, origin: String = origin) -> Checkpoint {
        let leaves = (0..<size).map { MerkleTree.leafHash(Array("entry \($0)".utf8)) }
        return try! Checkpoint(origin: origin, size: size, root: MerkleTree.root(leafHashes: leaves))
    }

    static func signed(_ checkpoint: Checkpoint, by signers: [NoteSigner] = [logSigner], time: UInt64 = 1_700_000_000) throws -> SignedNote {
        var note = try SignedNote(text: checkpoint.text, signatures: [])
        for signer in signers { note = note.adding(try signer.sign(text: note.text, timestamp: time)) }
        return note
    }

    static func error(_ body: () throws -> Void) -> LogError? {
        do {
            try body()
            return nil
        } catch let error as LogError {
            return error
        } catch {
            Issue.record("not a LogError: \(error)")
            return nil
        }
    }
}

@Suite("C2SP signed notes and checkpoints")
struct NoteTests {
    let verifier = CheckpointVerifier(logKeys: [NoteFixtures.logSigner.verifierKey])

    @Test("a checkpoint signed with our key round-trips through text and verifies")
    func roundTrip() throws {
        let checkpoint = NoteFixtures.checkpoint()
        let note = try NoteFixtures.signed(checkpoint)
        let text = String(decoding: note.bytes, as: UTF8.self)
        #expect(text.hasPrefix("example.com/log\n5\n\(checkpoint.root.base64)\n\n\u{2014} example.com/log "))
        #expect(text.hasSuffix("\n"))
        let parsed = try SignedNote(bytes: note.bytes, source: "cp")
        #expect(parsed == note)
        let result = try verifier.verify(parsed, source: "cp")
        #expect(result.checkpoint == checkpoint)
        #expect(result.logSigners == ["example.com/log"])
        #expect(result.ignoredSignatures == 0)
    }

    @Test("Go's sumdb/note example verifies with its published verifier key")
    func goExample() throws {
        let vkey = try NoteVerifierKey(text: "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", source: "vkey")
        let note = try SignedNote(
            bytes: Array(
                """
                If you think cryptography is the answer to your problem,
                then you don't know what your problem is.

                \u{2014} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=

                """.utf8), source: "go example")
        #expect(note.signatures.count == 1)
        #expect(vkey.verifies(note.signatures[0], text: Array(note.text.utf8)))
        #expect(!vkey.verifies(note.signatures[0], text: Array(note.text.dropLast().utf8) + [0x21, 0x0a]))
    }

    @Test("verifier keys print and parse as NAME+HINT+BASE64")
    func verifierKeyText() throws {
        let key = NoteFixtures.logSigner.verifierKey
        let text = key.description
        #expect(text.hasPrefix("example.com/log+"))
        #expect(try NoteVerifierKey(text: text, source: "vkey") == key)
        // The hint is the first four bytes of SHA-256(name || 0x0A || 0x01 || pk).
        let fields = text.split(separator: "+")
        #expect(fields[1].count == 8)
        var wrongHint = Array(fields[1])
        wrongHint[0] = wrongHint[0] == "0" ? "1" : "0"
        #expect(NoteFixtures.error { _ = try NoteVerifierKey(text: "\(fields[0])+\(String(wrongHint))+\(fields[2])", source: "vkey") }?.code == .malformedInput)
        #expect(NoteFixtures.error { _ = try NoteVerifierKey(text: "a b+00000000+AAAA", source: "vkey") }?.code == .malformedInput)
        #expect(NoteFixtures.error { _ = try NoteVerifierKey(text: "nohint", source: "vkey") }?.code == .malformedInput)
    }

    @Test("a tampered body fails verification")
    func tamperedBody() throws {
        let note = try NoteFixtures.signed(NoteFixtures.checkpoint())
        var text = String(decoding: note.bytes, as: UTF8.self)
        text = text.replacingOccurrences(of: "\n5\n", with: "\n6\n")
        let tampered = try SignedNote(bytes: Array(text.utf8), source: "cp")
        #expect(NoteFixtures.error { _ = try verifier.verify(tampered, source: "cp") }?.code == .verificationFailed)
    }

    @Test("a signature line with a wrong key hint is ignored, leaving no log signature")
    func wrongKeyHint() throws {
        let note = try NoteFixtures.signed(NoteFixtures.checkpoint())
        let original = note.signatures[0]
        let moved = NoteSignature(name: original.name, keyID: original.keyID ^ 1, signature: original.signature)
        let rehinted = try SignedNote(text: note.text, signatures: [moved])
        #expect(NoteFixtures.error { _ = try verifier.verify(rehinted, source: "cp") }?.code == .untrusted)
    }

    @Test("a checkpoint whose origin is not the log's is refused")
    func wrongOrigin() throws {
        let other = try NoteSigner(name: "example.com/other", type: .ed25519, privateKey: NoteFixtures.logKey)
        let note = try NoteFixtures.signed(NoteFixtures.checkpoint(origin: "example.com/other"), by: [other, NoteFixtures.logSigner])
        #expect(NoteFixtures.error { _ = try verifier.verify(note, source: "cp") }?.code == .untrusted)
        // Accepted when the origin is named explicitly.
        var explicit = verifier
        explicit.origin = "example.com/other"
        #expect(try explicit.verify(note, source: "cp").checkpoint.origin == "example.com/other")
    }

    @Test("a missing final newline is refused, in notes and in texts to sign")
    func missingFinalNewline() throws {
        let bytes = try NoteFixtures.signed(NoteFixtures.checkpoint()).bytes
        let error = NoteFixtures.error { _ = try SignedNote(bytes: Array(bytes.dropLast()), source: "cp") }
        #expect(error?.code == .malformedInput)
        #expect(error?.description.contains("final newline") == true)
        #expect(NoteFixtures.error { _ = try NoteFixtures.logSigner.sign(text: "example.com/log\n1\nAAAA", timestamp: 0) }?.code == .malformedInput)
    }

    @Test("a signature line from an unknown key is ignored")
    func unknownKeyIgnored() throws {
        let stranger = try NoteSigner(name: "stranger.example", type: .ed25519, privateKey: NoteFixtures.key(9))
        let sameName = try NoteSigner(name: NoteFixtures.origin, type: .ed25519, privateKey: NoteFixtures.key(8))
        let note = try NoteFixtures.signed(NoteFixtures.checkpoint(), by: [stranger, NoteFixtures.logSigner, sameName])
        let result = try verifier.verify(try SignedNote(bytes: note.bytes, source: "cp"), source: "cp")
        #expect(result.ignoredSignatures == 2)
        #expect(result.logSigners == [NoteFixtures.origin])
    }

    @Test("witness thresholds: cosignatures and note signatures count per distinct witness")
    func witnessThreshold() throws {
        let w1 = try NoteSigner(name: "w1.example", type: .cosignatureV1, privateKey: NoteFixtures.key(21))
        let w2 = try NoteSigner(name: "w2.example", type: .ed25519, privateKey: NoteFixtures.key(22))
        let strict = CheckpointVerifier(logKeys: [NoteFixtures.logSigner.verifierKey], witnessKeys: [w1.verifierKey, w2.verifierKey], witnessThreshold: 2)
        let one = try NoteFixtures.signed(NoteFixtures.checkpoint(), by: [NoteFixtures.logSigner, w1])
        let error = NoteFixtures.error { _ = try strict.verify(one, source: "cp") }
        #expect(error?.code == .untrusted)
        #expect(error?.description.contains("1 of the required 2") == true)
        let both = one.adding(try w2.sign(text: one.text, timestamp: 0))
        #expect(try strict.verify(both, source: "cp").witnesses == ["w1.example", "w2.example"])
        // The same witness twice still counts once.
        let twice = one.adding(try w1.sign(text: one.text, timestamp: 1_800_000_000))
        #expect(NoteFixtures.error { _ = try strict.verify(twice, source: "cp") }?.code == .untrusted)
    }

    @Test("a cosignature carries its time, and changing the time breaks it")
    func cosignatureTime() throws {
        let witness = try NoteSigner(name: "w.example", type: .cosignatureV1, privateKey: NoteFixtures.key(30))
        let note = try NoteFixtures.signed(NoteFixtures.checkpoint(), by: [NoteFixtures.logSigner, witness], time: 1_679_315_147)
        let cosignature = note.signatures[1]
        #expect(cosignature.signature.count == 72)
        #expect(witness.verifierKey.timestamp(of: cosignature) == 1_679_315_147)
        #expect(witness.verifierKey.verifies(cosignature, text: Array(note.text.utf8)))
        var bytes = cosignature.signature
        bytes[7] ^= 1
        #expect(!witness.verifierKey.verifies(NoteSignature(name: cosignature.name, keyID: cosignature.keyID, signature: bytes), text: Array(note.text.utf8)))
        // A cosignature key is not a note-signature key: the same key as type 0x01 has another hint.
        let asNoteKey = try NoteVerifierKey(name: "w.example", type: .ed25519, publicKey: witness.verifierKey.publicKey)
        #expect(asNoteKey.keyID != witness.verifierKey.keyID)
    }

    @Test("checkpoint bodies: sizes without leading zeros, 32-byte roots, no empty lines")
    func checkpointBodies() throws {
        let root = NoteFixtures.checkpoint().root.base64
        #expect(try Checkpoint(text: "o\n0\n\(root)\n", source: "t").size == 0)
        #expect(try Checkpoint(text: "o\n12\n\(root)\next one\n", source: "t").extensions == ["ext one"])
        for bad in [
            "o\n012\n\(root)\n", "o\n-1\n\(root)\n", "o\n1\n\(root.dropLast(4))\n", "o\n1\n", "\n1\n\(root)\n",
            "o\n1\n\(root)\n\nx\n", "o\n18446744073709551616\n\(root)\n", "o\n1 \n\(root)\n",
        ] {
            #expect(NoteFixtures.error { _ = try Checkpoint(text: bad, source: "t") }?.code == .malformedInput, "\(bad)")
        }
    }

    // "\r\n" is one Character: a Character search for "\n" does not see it; the byte check does.
    @Test("an origin or extension line holding a line break, also inside CRLF, is refused")
    func checkpointLinesHoldNoLineBreak() throws {
        let root = NoteFixtures.checkpoint().root
        for origin in ["a\nb", "a\r\nb", "a\r\n", "\n"] {
            #expect(NoteFixtures.error { _ = try Checkpoint(origin: origin, size: 1, root: root) }?.code == .malformedInput, "\(origin.debugDescription)")
            #expect(
                NoteFixtures.error { _ = try Checkpoint(origin: "o", size: 1, root: root, extensions: [origin]) }?.code == .malformedInput,
                "\(origin.debugDescription)")
        }
        #expect(try Checkpoint(origin: "example.com/log", size: 1, root: root, extensions: ["ext one"]).extensions == ["ext one"])
    }
}
