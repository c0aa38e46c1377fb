import AutoIDHashing
import AutoIDJSON
import FoundationEssentials
import SwiftASN1

/// What a Rekor entry's canonicalized body says was logged, read from the kinds autoid knows:
/// `hashedrekord` 0.0.1 and 0.0.2 (a signature over a digest) and `dsse` 0.0.1 and 0.0.2 (a DSSE
/// envelope's payload hash and signatures).
///
/// The body is what the inclusion proof covers; it is the only part of an entry a log vouches for, so the
/// verifier checks that it names this bundle's digest, signature and key (``RekorEntryBody/binds``).
struct RekorEntryBody: Equatable {
    /// One logged signature and the key or certificate (DER) that verifies it.
    struct LoggedSignature: Equatable {
        var signature: [UInt8]
        var verifier: [UInt8]
    }

    /// `hashedrekord` or `dsse`.
    var kind: String
    /// The schema version.
    var version: String
    /// The digest algorithm of ``digest`` as Sigstore names it (`SHA2_256`).
    var digestAlgorithm: String
    /// hashedrekord: the artifact's digest; dsse: the payload's.
    var digest: [UInt8]
    /// The logged signatures.
    var signatures: [LoggedSignature]

    /// Reads `body` of the entry whose kindVersion says `kind` `version`; `source` names it in errors.
    init(_ body: [UInt8], kind: String, version: String, source: String) throws {
        let hint = "the log entry's body is damaged; do not trust this bundle"
        let root = try JSONReader.parse(body, source: source, limit: TransparencyLogEntry.maximumBodySize, what: "a Rekor entry body", hint: hint)
        let bodyKind = try root.string("kind", limit: 64)
        let bodyVersion = try root.string("apiVersion", limit: 64)
        guard bodyKind == kind, bodyVersion == version else {
            throw SigstoreError(
                .malformedInput, input: source,
                detail: "the body is a \(bodyKind) \(bodyVersion) entry, the bundle says \(kind) \(version)", hint: hint)
        }
        self.kind = kind
        self.version = version
        let spec = try root.object("spec")
        switch (kind, version) {
        case ("hashedrekord", "0.0.1"):
            let hash = try spec.object("data").object("hash")
            digestAlgorithm = try Self.algorithm(hexName: hash.string("algorithm", limit: 32), reader: hash)
            digest = try Self.hex(hash, "value")
            let signature = try spec.object("signature")
            signatures = [
                LoggedSignature(
                    signature: try signature.bytes("content", limit: 16 * 1024),
                    verifier: try Self.pemDER(signature.object("publicKey"), "content"))
            ]
        case ("hashedrekord", "0.0.2"):
            let inner = try spec.object("hashedRekordV002")
            let data = try inner.object("data")
            digestAlgorithm = try data.string("algorithm", limit: 32)
            digest = try data.bytes("digest", limit: 64)
            let signature = try inner.object("signature")
            signatures = [
                LoggedSignature(
                    signature: try signature.bytes("content", limit: 16 * 1024),
                    verifier: try Self.verifierV002(signature.object("verifier")))
            ]
        case ("dsse", "0.0.1"):
            let hash = try spec.object("payloadHash")
            digestAlgorithm = try Self.algorithm(hexName: hash.string("algorithm", limit: 32), reader: hash)
            digest = try Self.hex(hash, "value")
            signatures = try spec.objects("signatures", limit: SigstoreBundle.maximumSignatures).map {
                LoggedSignature(signature: try $0.bytes("signature", limit: 16 * 1024), verifier: try Self.pemDER($0, "verifier"))
            }
        case ("dsse", "0.0.2"):
            let inner = try spec.object("dsseV002")
            let hash = try inner.object("payloadHash")
            digestAlgorithm = try hash.string("algorithm", limit: 32)
            digest = try hash.bytes("digest", limit: 64)
            signatures = try inner.objects("signatures", limit: SigstoreBundle.maximumSignatures).map {
                LoggedSignature(signature: try $0.bytes("content", limit: 16 * 1024), verifier: try Self.verifierV002($0.object("verifier")))
            }
        default:
            throw SigstoreError(
                .unsupported, input: source, detail: "log entries of kind \(kind) \(version) are not supported",
                hint: "autoid reads hashedrekord and dsse entries (0.0.1 and 0.0.2)")
        }
    }

    /// Rekor v1 names digests `sha256`; v2 and bundles `SHA2_256`.
    private static func algorithm(hexName: String, reader: JSONReader) throws -> String {
        switch hexName.lowercased() {
        case "sha256": "SHA2_256"
        case "sha384": "SHA2_384"
        case "sha512": "SHA2_512"
        default: throw reader.error("algorithm", "'\(hexName.prefix(32))' is not sha256, sha384 or sha512")
        }
    }

    private static func hex(_ reader: JSONReader, _ key: String) throws -> [UInt8] {
        guard let bytes = Hex.decode(try reader.string(key, limit: 128)) else { throw reader.error(key, "is not hex") }
        return bytes
    }

    /// Rekor v1 carries a key or certificate as base64 of its PEM text.
    private static func pemDER(_ reader: JSONReader, _ key: String) throws -> [UInt8] {
        let pem = String(decoding: try reader.bytes(key, limit: 64 * 1024), as: UTF8.self)
        if let document = try? PEMDocument(pemString: pem) { return document.derBytes }
        // PEM whose base64 is not wrapped at 64 columns (SwiftASN1 insists on the wrap): one block only.
        let lines = pem.split(whereSeparator: \.isNewline).map { line in
            var line = line  // without the spaces and tabs around it
            while let first = line.first, first == " " || first == "\t" { line.removeFirst() }
            while let last = line.last, last == " " || last == "\t" { line.removeLast() }
            return line
        }
        guard lines.count >= 3, lines.first?.hasPrefix("-----BEGIN ") == true, lines.last?.hasPrefix("-----END ") == true,
            lines.dropFirst().dropLast().allSatisfy({ !$0.hasPrefix("-----") }),
            let der = Base64.decode(lines.dropFirst().dropLast().joined())
        else {
            throw reader.error(key, "is not base64 of a PEM key or certificate")
        }
        return der
    }

    /// Rekor v2's `verifier`: `publicKey.rawBytes` (DER SubjectPublicKeyInfo) or `x509Certificate.rawBytes` (DER).
    private static func verifierV002(_ reader: JSONReader) throws -> [UInt8] {
        if let key = try reader.optionalObject("publicKey") { return try key.bytes("rawBytes", limit: 16 * 1024) }
        return try reader.object("x509Certificate").bytes("rawBytes", limit: SigstoreBundle.maximumCertificateSize)
    }

    /// Why this body does not record `signatures` over `digest` under `algorithm`, each with a verifier
    /// (DER key or certificate) that `isSigner` accepts; `nil` when it does.
    func mismatch(digest expected: [UInt8], algorithm: String, signatures bundleSignatures: [[UInt8]], isSigner: ([UInt8]) -> Bool) -> String? {
        guard digestAlgorithm == algorithm, digest == expected else {
            return
                "the entry logs \(kind == "dsse" ? "a payload" : "an artifact") digest (\(digestAlgorithm) \(Hex.encode(digest).prefix(16))...) other than this bundle's"
        }
        for signature in bundleSignatures {
            let logged = signatures.filter { $0.signature == signature }
            if logged.isEmpty { return "the entry does not log this bundle's signature" }
            if !logged.contains(where: { isSigner($0.verifier) }) {
                return "the entry logs this signature with another key or certificate than the bundle's"
            }
        }
        return nil
    }
}
