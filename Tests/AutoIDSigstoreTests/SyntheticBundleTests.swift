import AutoIDHashing
import AutoIDJSON
import AutoIDReports
import AutoIDSigstore
import AutoIDTestSupport
import Foundation
import Testing

/// Bundles made here (our keys, our log): every path without the shared vectors, DSSE included.
@Suite("Sigstore bundles from our own signer and log")
struct SyntheticBundleTests {
    let directory: TemporaryDirectory
    let synthetic: SyntheticBundle
    let artifact: String

    init() throws {
        directory = try TemporaryDirectory()
        synthetic = try SyntheticBundle()
        artifact = try directory.write("artifact.txt", synthetic.artifact)
    }

    var trustedRoot: TrustedRoot { get throws { try TrustedRoot(jsonBytes: synthetic.trustedRoot, source: "trusted_root.json") } }

    @Test("a message signature verifies, log key from a trusted root or as PEM")
    func messageSignature() async throws {
        let text = String(decoding: try synthetic.messageBundle(), as: UTF8.self)
        let viaRoot = try await verify(bundle: text, artifact: artifact, pinnedKey: synthetic.signerPEM, trustedRoot: trustedRoot)
        #expect(viaRoot.status == .ok, "\(viaRoot.failures)")
        #expect(viaRoot.checks.count == 5, "\(viaRoot.checks.map(\.name))")
        let viaPEM = try await verify(bundle: text, artifact: artifact, pinnedKey: synthetic.signerPEM, logKeys: [synthetic.logPEM])
        #expect(viaPEM.status == .ok, "\(viaPEM.failures)")
    }

    @Test("a DSSE envelope verifies: PAE signature, in-toto subject, dsse 0.0.2 body")
    func dsse() async throws {
        let text = String(decoding: try synthetic.dsseBundle(), as: UTF8.self)
        let report = try await verify(bundle: text, artifact: artifact, pinnedKey: synthetic.signerPEM, trustedRoot: trustedRoot)
        #expect(report.status == .ok, "\(report.failures)")
        #expect(report.checks.map(\.name).contains("in-toto subject digest (sha256)"))
        #expect(report.checks.map(\.name).contains("log entry 12: body logs this signature (dsse 0.0.2)"))
    }

    @Test("a DSSE statement about another file fails (exit 1)")
    func dsseOtherSubject() async throws {
        let text = String(decoding: try synthetic.dsseBundle(subjectDigest: [UInt8](repeating: 1, count: 32)), as: UTF8.self)
        let report = try await verify(bundle: text, artifact: artifact, pinnedKey: synthetic.signerPEM, trustedRoot: trustedRoot)
        #expect(report.status == .verificationFailed)
        #expect(report.failed("in-toto subject digest")?.failure?.contains("not what was attested") == true)
    }

    @Test("a changed DSSE payload fails its signature and its log entry")
    func dssePayloadChanged() async throws {
        var json = try #require(JSONValue(jsonBytes: try synthetic.dsseBundle()))
        guard case .object(var root) = json, case .object(var envelope)? = root["dsseEnvelope"] else {
            Issue.record("shape")
            return
        }
        let encoded = try #require(envelope["payload"]?.stringValue)
        let payload = try #require(Base64.decode(encoded))
        envelope["payload"] = .string(Base64.encode(payload + Array(" ".utf8)))
        root["dsseEnvelope"] = .object(envelope)
        json = .object(root)
        let report = try await verify(
            bundle: String(decoding: json.jsonBytes(), as: UTF8.self), artifact: artifact,
            pinnedKey: synthetic.signerPEM, trustedRoot: trustedRoot)
        #expect(report.status == .verificationFailed)
        #expect(report.failed("DSSE signature") != nil)
        #expect(report.failed("log entry 12: body logs this signature")?.failure?.contains("digest") == true)
    }

    @Test("an entry that logs another signature fails (exit 1), though its proof holds")
    func bodyOfAnotherSignature() async throws {
        let other = try SyntheticBundle()  // another signer, same log key seed: a real entry of the same log
        let mine = try #require(JSONValue(jsonBytes: try synthetic.messageBundle()))
        let theirs = try #require(JSONValue(jsonBytes: try other.messageBundle()))
        guard case .object(var root) = mine, case .object(let theirRoot) = theirs else {
            Issue.record("shape")
            return
        }
        root["verificationMaterial"] = theirRoot["verificationMaterial"]
        let report = try await verify(
            bundle: String(decoding: JSONValue.object(root).jsonBytes(), as: UTF8.self), artifact: artifact,
            pinnedKey: synthetic.signerPEM, trustedRoot: trustedRoot)
        #expect(report.status == .verificationFailed)
        #expect(report.failed("log entry 12: body logs this signature")?.failure?.contains("does not log this bundle's signature") == true)
        #expect(report.failed("log entry 12: inclusion proof") == nil)
    }

    @Test("no log entry: not trusted (exit 2) unless the log is ignored, and then said so")
    func noEntry() async throws {
        var json = try #require(JSONValue(jsonBytes: try synthetic.messageBundle()))
        guard case .object(var root) = json, case .object(var material)? = root["verificationMaterial"] else {
            Issue.record("shape")
            return
        }
        material["tlogEntries"] = .array([])
        root["verificationMaterial"] = .object(material)
        json = .object(root)
        let bundle = try SigstoreBundle(jsonBytes: json.jsonBytes(), source: "b")
        let key = try SignerKey(pem: synthetic.signerPEM, source: "k")
        let strict = try await SigstoreVerification(bundle: bundle, bundleName: "b", artifact: .file(.init(artifact)), pinnedKey: key, logKeys: []).run()
        #expect(strict.status == .untrusted)
        let lax = try await SigstoreVerification(bundle: bundle, bundleName: "b", artifact: .file(.init(artifact)), pinnedKey: key, requiresLogEntry: false)
            .run()
        #expect(lax.status == .ok)
        #expect(lax.textLines.contains { $0.contains("not checked") && $0.contains("insecure-ignore-tlog") })
    }

    @Test("a bundle with only a key hint needs --key")
    func keyHintNeedsKey() async throws {
        let bundle = try SigstoreBundle(jsonBytes: try synthetic.messageBundle(), source: "b")
        await #expect(throws: SigstoreError.self) {
            _ = try await SigstoreVerification(bundle: bundle, bundleName: "b", artifact: .file(.init(artifact)), logKeys: []).run()
        }
        do {
            _ = try await SigstoreVerification(bundle: bundle, bundleName: "b", artifact: .file(.init(artifact))).run()
        } catch let error as SigstoreError {
            #expect(error.exitStatus == .usage)
            #expect(error.description.contains("--key"))
        }
    }

    @Test("the report as JSON: ok, checks, and what was not checked")
    func json() async throws {
        let report = try await verify(
            bundle: String(decoding: try synthetic.messageBundle(), as: UTF8.self), artifact: artifact,
            pinnedKey: synthetic.signerPEM, trustedRoot: trustedRoot)
        let json = report.json
        #expect(json["ok"] == .bool(true))
        #expect(json["checks"]?.arrayValue?.count == 5)
        #expect(json["logEntries"]?.arrayValue?.first?["origin"] == .string(SyntheticBundle.origin))
        #expect(json["notChecked"]?.arrayValue != nil)
    }
}

@Suite("AuditReport statuses of failed checks")
struct AuditReportStatusTests {
    @Test("a failed trust check exits 2, a failed verification outranks it, JSON names non-1 statuses")
    func statuses() {
        let untrusted = AuditCheck(name: "identity", failure: "another", failureStatus: .untrusted)
        let failed = AuditCheck(name: "signature", failure: "bad")
        #expect(AuditReport(checks: [AuditCheck(name: "a"), untrusted]).status == .untrusted)
        #expect(AuditReport(checks: [untrusted, failed]).status == .verificationFailed)
        #expect(AuditReport(checks: [AuditCheck(name: "a")]).status == .ok)
        let json = AuditReport(checks: [untrusted, failed]).json
        #expect(json["checks"]?.arrayValue?[0]["exitStatus"] == .integer(2))
        #expect(json["checks"]?.arrayValue?[1]["exitStatus"] == nil)
    }
}
