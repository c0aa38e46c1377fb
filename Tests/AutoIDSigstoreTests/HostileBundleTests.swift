import AutoIDHashing
import AutoIDJSON
import AutoIDSigstore
import AutoIDTestSupport
import Foundation
import Testing

/// Every byte of a bundle or trusted root is hostile: each malformed input is a clear
/// ``SigstoreError`` (exit 3) that names the file and the field, never a crash or a pass.
@Suite("Malformed, oversized and random bundles")
struct HostileBundleTests {
    let good: [UInt8]

    init() throws {
        good = try SyntheticBundle().messageBundle()
    }

    func expectMalformed(_ bytes: [UInt8], _ words: String? = nil, code: SigstoreError.Code? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try SigstoreBundle(jsonBytes: bytes, source: "bundle.json")
            Issue.record("accepted: \(String(decoding: bytes.prefix(200), as: UTF8.self))", sourceLocation: sourceLocation)
        } catch let error as SigstoreError {
            #expect(error.exitStatus == .malformedInput, sourceLocation: sourceLocation)
            #expect(error.description.hasPrefix("bundle.json"), sourceLocation: sourceLocation)
            #expect(!error.description.contains("\n"), sourceLocation: sourceLocation)
            if let words { #expect(error.description.contains(words), "\(error)", sourceLocation: sourceLocation) }
            if let code { #expect(error.code == code, "\(error)", sourceLocation: sourceLocation) }
        } catch {
            Issue.record("not a SigstoreError: \(error)", sourceLocation: sourceLocation)
        }
    }

    /// The good bundle with `change` applied to its JSON object.
    func mutated(_ change: (inout [String: JSONValue]) -> Void) -> [UInt8] {
        guard case .object(var root)? = JSONValue(jsonBytes: good) else { return [] }
        change(&root)
        return JSONValue.object(root).jsonBytes()
    }

    /// Sets the value at a path of object keys (and list indexes as numbers in strings).
    static func set(_ value: JSONValue, at path: [String], in root: inout [String: JSONValue]) {
        func update(_ node: JSONValue, _ rest: ArraySlice<String>) -> JSONValue {
            guard let key = rest.first else { return value }
            switch node {
            case .object(var object):
                object[key] = update(object[key] ?? .null, rest.dropFirst())
                return .object(object)
            case .array(var list):
                if let index = Int(key), list.indices.contains(index) { list[index] = update(list[index], rest.dropFirst()) }
                return .array(list)
            default:
                return node
            }
        }
        guard case .object(let updated) = update(.object(root), path[...]) else { return }
        root = updated
    }

    static let entry = ["verificationMaterial", "tlogEntries", "0"]
    static let proof = entry + ["inclusionProof"]

    @Test("truncated at every 97th byte")
    func truncated() {
        for length in stride(from: 0, to: good.count - 1, by: 97) { expectMalformed(Array(good.prefix(length))) }
    }

    @Test("random bytes, and random bytes inside valid JSON")
    func random() {
        var random = TestRandom(seed: 13)
        for size in [1, 7, 100, 4096] { expectMalformed(random.bytes(size)) }
        for _ in 0..<20 {
            var bytes = good
            for _ in 0..<3 { bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random) }
            // Either still a bundle (a byte inside base64 may stay valid) or a clear error; never a crash.
            do { _ = try SigstoreBundle(jsonBytes: bytes, source: "bundle.json") } catch { #expect(error is SigstoreError, "\(error)") }
        }
    }

    @Test("oversized input is refused before parsing")
    func oversized() {
        expectMalformed([UInt8](repeating: 0x20, count: SigstoreBundle.maximumSize + 1), "at most", code: .tooLarge)
    }

    @Test("wrong types name the field")
    func wrongTypes() {
        expectMalformed(mutated { $0["mediaType"] = .integer(3) }, "mediaType is not a string")
        expectMalformed(mutated { Self.set(.object([:]), at: ["verificationMaterial", "tlogEntries"], in: &$0) }, "tlogEntries is not a list")
        expectMalformed(mutated { Self.set(.string("six"), at: Self.entry + ["logIndex"], in: &$0) }, "logIndex is not a whole number")
        expectMalformed(mutated { Self.set(.string("-1"), at: Self.proof + ["treeSize"], in: &$0) }, "treeSize is not a whole number")
        expectMalformed(mutated { Self.set(.string("99999999999999999999999"), at: Self.proof + ["treeSize"], in: &$0) }, "treeSize")
        expectMalformed(mutated { Self.set(.array([.integer(1)]), at: Self.proof + ["hashes"], in: &$0) }, "hashes[0] is not base64 of a 32-byte hash")
        expectMalformed(mutated { Self.set(.string(Base64.encode([UInt8](repeating: 1, count: 31))), at: Self.proof + ["rootHash"], in: &$0) }, "rootHash")
        expectMalformed(mutated { Self.set(.string("not base64!"), at: Self.entry + ["canonicalizedBody"], in: &$0) }, "canonicalizedBody is not base64")
        expectMalformed(mutated { Self.set(.null, at: ["messageSignature", "signature"], in: &$0) }, "messageSignature.signature is not a string")
        expectMalformed(mutated { $0["messageSignature"] = .object([:]) }, "messageSignature.signature is missing")
        expectMalformed(mutated { $0["verificationMaterial"] = .array([]) }, "verificationMaterial is not a JSON object")
    }

    @Test("huge lists are refused with their count")
    func hugeLists() {
        let hash = JSONValue.string(Base64.encode([UInt8](repeating: 1, count: 32)))
        expectMalformed(mutated { Self.set(.array(Array(repeating: hash, count: 65)), at: Self.proof + ["hashes"], in: &$0) }, "65 items", code: .tooLarge)
        expectMalformed(
            mutated { root in
                guard case .array(let entries)? = root["verificationMaterial"]?["tlogEntries"] else { return }
                Self.set(
                    .array(Array(repeating: entries[0], count: SigstoreBundle.maximumLogEntries + 1)), at: ["verificationMaterial", "tlogEntries"], in: &root)
            }, "17 items", code: .tooLarge)
        let certificate = JSONValue.object(["rawBytes": .string("MAA=")])
        expectMalformed(
            mutated { root in
                Self.set(
                    .object(["x509CertificateChain": .object(["certificates": .array(Array(repeating: certificate, count: 11))])]),
                    at: ["verificationMaterial"], in: &root)
            }, "11 items", code: .tooLarge)
        expectMalformed(
            mutated { Self.set(.string(String(repeating: "A", count: 100_000)), at: ["messageSignature", "signature"], in: &$0) }, "longer than",
            code: .tooLarge)
    }

    @Test("other media types, and bundles with two contents or none, are refused")
    func shapes() {
        expectMalformed(mutated { $0["mediaType"] = .string("application/json") }, "is not a Sigstore bundle", code: .unsupported)
        expectMalformed(mutated { $0["dsseEnvelope"] = .object([:]) }, "both")
        expectMalformed(mutated { $0["messageSignature"] = nil }, "neither")
        expectMalformed(mutated { Self.set(.object([:]), at: ["verificationMaterial", "certificate"], in: &$0) }, "more than one key")
    }

    @Test("older media types with the same shape are read")
    func olderVersions() throws {
        for version in ["0.1", "0.2"] {
            let bundle = try SigstoreBundle(
                jsonBytes: mutated { $0["mediaType"] = .string("application/vnd.dev.sigstore.bundle+json;version=\(version)") }, source: "b")
            #expect(bundle.version == version)
        }
    }

    @Test("malformed trusted roots are refused with the field")
    func trustedRoots() {
        for (text, words) in [
            ("{}", "mediaType is missing"),
            (#"{"mediaType":"x"}"#, "is not a Sigstore trusted root"),
            (
                #"{"mediaType":"application/vnd.dev.sigstore.trustedroot+json;version=0.1","tlogs":[{"publicKey":{}}]}"#,
                "tlogs[0].publicKey.rawBytes is missing"
            ),
            (
                #"{"mediaType":"application/vnd.dev.sigstore.trustedroot+json;version=0.1","certificateAuthorities":[{"certChain":{"certificates":[]}}]}"#,
                "is empty"
            ),
            (
                #"{"mediaType":"application/vnd.dev.sigstore.trustedroot+json;version=0.1","tlogs":[{"publicKey":{"rawBytes":"AA==","validFor":{"start":"yesterday"}},"logId":{"keyId":"AA=="}}]}"#,
                "not an RFC 3339 time"
            ),
        ] {
            #expect(throws: SigstoreError.self) { try TrustedRoot(jsonBytes: Array(text.utf8), source: "root.json") }
            do { _ = try TrustedRoot(jsonBytes: Array(text.utf8), source: "root.json") } catch { #expect("\(error)".contains(words), "\(error)") }
        }
    }

    @Test("keys: private keys, garbage and non-keys are refused clearly")
    func keys() {
        for (text, words) in [
            ("-----BEGIN PRIVATE KEY-----\nMAA=\n-----END PRIVATE KEY-----\n", "private key"),
            ("hello", "not a PEM"),
            ("-----BEGIN PUBLIC KEY-----\nMAA=\n-----END PUBLIC KEY-----\n", "not a DER SubjectPublicKeyInfo"),
        ] {
            do {
                _ = try SignerKey(pem: text, source: "key.pem")
                Issue.record("accepted \(text)")
            } catch {
                #expect("\(error)".contains(words), "\(error)")
                #expect((error as? SigstoreError)?.exitStatus == .malformedInput)
            }
        }
    }

    @Test("a log entry body of another kind is reported, not trusted")
    func otherKind() async throws {
        let synthetic = try SyntheticBundle()
        let directory = try TemporaryDirectory()
        let artifact = try directory.write("a", synthetic.artifact)
        let bytes = mutated { Self.set(.object(["kind": .string("intoto"), "version": .string("0.0.2")]), at: Self.entry + ["kindVersion"], in: &$0) }
        let report = try await verify(
            bundle: String(decoding: bytes, as: UTF8.self), artifact: artifact, pinnedKey: synthetic.signerPEM, logKeys: [synthetic.logPEM])
        // This bundle was made by another SyntheticBundle (another signer): the signature fails too.
        #expect(report.failed("log entry 12: body logs this signature (intoto 0.0.2)")?.failure?.contains("the body is a hashedrekord 0.0.2 entry") == true)
    }
}
