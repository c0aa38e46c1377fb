public import AutoIDFiles
import AutoIDHashing
import AutoIDJSON
import AutoIDLog
import AutoIDManifest
public import AutoIDReports
import AutoIDVerdict
import Crypto
import FoundationEssentials
@_spi(FixedExpiryValidationTime) import X509

/// Verifies a Sigstore bundle against an artifact, offline, and reports every check it made and every
/// part of the bundle it did not check.
///
/// Checks, each a line of the ``AuditReport``:
/// - the artifact's digest is the one signed (message signature), or an in-toto subject (DSSE);
/// - the signature verifies with the signer's key: the certificate's, or the `--key` the user pins;
/// - with a trusted root: each RFC 3161 timestamp stamps the signature and chains to one of its
///   timestamp authorities; and, with no pinned key, the certificate chains to one of its Fulcio
///   authorities at the signing time (verified timestamps, or a Rekor v1 entry's integrated time), is
///   valid then, and names the expected identity and issuer;
/// - for each Rekor entry: its body names this bundle's digest, signature and key; its inclusion proof
///   leads from the body's leaf hash (RFC 9162, AutoIDLog) to the checkpoint's root; the checkpoint is
///   signed by the log's key (the line named for the origin, with the log ID's key hint).
///
/// Failures of trust (an unknown log or issuer, another identity, no signing time) end with
/// ``ExitStatus/untrusted``; bad signatures, digests and proofs with ``ExitStatus/verificationFailed``.
public struct SigstoreVerification: Sendable {
    /// The bundle, and how reports name it.
    public var bundle: SigstoreBundle
    public var bundleName: String
    /// The artifact, read once, streaming.
    public var artifact: InputSource
    /// A key the user pins (`--key`): the signer must hold it; no certificate chain is needed.
    public var pinnedKey: SignerKey?
    /// Sigstore's trusted root: Fulcio authorities and Rekor keys.
    public var trustedRoot: TrustedRoot?
    /// More Rekor log keys (`--rekor-key`).
    public var logKeys: [SignerKey]
    /// The identity the certificate must name (`--certificate-identity`), exactly.
    public var certificateIdentity: String?
    /// The OIDC issuer the certificate must name (`--certificate-oidc-issuer`), exactly.
    public var certificateOIDCIssuer: String?
    /// Whether a verified transparency log entry is required (the default; cosign's
    /// `--insecure-ignore-tlog` turns it off).
    public var requiresLogEntry: Bool

    /// The largest artifact verified against an Ed25519 message signature (which signs the whole file,
    /// so the file is held in memory).
    public static let maximumWholeMessageSize = 256 << 20

    /// A verification of `bundle` over `artifact`.
    public init(
        bundle: SigstoreBundle, bundleName: String, artifact: InputSource, pinnedKey: SignerKey? = nil, trustedRoot: TrustedRoot? = nil,
        logKeys: [SignerKey] = [], certificateIdentity: String? = nil, certificateOIDCIssuer: String? = nil, requiresLogEntry: Bool = true
    ) {
        self.bundle = bundle
        self.bundleName = bundleName
        self.artifact = artifact
        self.pinnedKey = pinnedKey
        self.trustedRoot = trustedRoot
        self.logKeys = logKeys
        self.certificateIdentity = certificateIdentity
        self.certificateOIDCIssuer = certificateOIDCIssuer
        self.requiresLogEntry = requiresLogEntry
    }

    /// The collected results.
    private struct Outcome {
        var checks: [AuditCheck] = []
        var lines: [String] = []
        var fields: [String: JSONValue] = [:]
        var notChecked: [String] = []

        mutating func check(_ name: String, _ failure: String?, status: ExitStatus = .verificationFailed) {
            checks.append(AuditCheck(name: name, failure: failure, failureStatus: status))
        }
    }

    /// Runs every check. Throws ``SigstoreError`` when an input cannot be read as what it claims to be or
    /// the inputs do not fit together, `FileError` when the artifact cannot be read.
    public func run() async throws -> AuditReport {
        var out = Outcome()
        out.fields["bundle"] = .string(bundleName)
        out.fields["artifact"] = .string(artifact.description)
        out.fields["mediaType"] = .string(bundle.mediaType)
        out.lines.append("bundle        \(bundleName) (Sigstore bundle v\(bundle.version), \(contentWord))")

        // The signer: the certificate's key, checked against a pinned key when one is given.
        var leaf: Certificate?
        var certificates: [Certificate] = []
        let signer: SignerKey
        let verifier: LoggedVerifier
        switch bundle.verificationKey {
        case .certificates(let ders):
            certificates = try ders.enumerated().map { index, der in
                do {
                    return try Certificate(derEncoded: der)
                } catch {
                    throw SigstoreError(
                        .malformedInput, input: bundleName, detail: "certificate \(index + 1) of the bundle cannot be read: \(error)",
                        hint: SigstoreBundle.hint)
                }
            }
            leaf = certificates[0]
            signer = try SignerKey(certificates[0].publicKey, source: "\(bundleName): the signing certificate")
            verifier = .certificate(ders[0])
            let identity = FulcioIdentity(certificates[0])
            out.fields["certificate"] = .object([
                "identities": .array(identity.identities.map(JSONValue.string)), "issuer": identity.issuer.map(JSONValue.string) ?? .null,
                "notBefore": .string(RFC3339.format(certificates[0].notValidBefore)), "notAfter": .string(RFC3339.format(certificates[0].notValidAfter)),
            ])
            out.lines.append(
                "certificate   \(identity.identities.joined(separator: ", ")), issuer \(identity.issuer ?? "(none)"), \(signer.typeName) key, valid \(RFC3339.format(certificates[0].notValidBefore)) to \(RFC3339.format(certificates[0].notValidAfter))"
            )
            if let pinnedKey {
                out.check(
                    "signing certificate holds the --key",
                    pinnedKey.subjectPublicKeyInfo == signer.subjectPublicKeyInfo ? nil : "the certificate's key is not the key given with --key",
                    status: .untrusted)
            }
        case .publicKey(let hint):
            guard let pinnedKey else {
                throw SigstoreError(
                    .usage, input: bundleName, detail: "the bundle carries no certificate, only a key hint '\(hint.prefix(80))'",
                    hint: "give the signer's public key with --key")
            }
            signer = pinnedKey
            verifier = .key(pinnedKey)
            out.lines.append("key           \(signer.typeName) (--key)")
        }

        // The artifact and the signature.
        let signedDigest = try checkContent(signer: signer, into: &out)

        // The log entries.
        var signingTimes: [(time: Date, source: String)] = []
        for entry in bundle.logEntries {
            if try checkEntry(entry, signedDigest: signedDigest, verifier: verifier, into: &out), let time = entry.integratedTime {
                signingTimes.append((Date(timeIntervalSince1970: TimeInterval(time)), "integrated time of log entry \(entry.logIndex)"))
            }
        }
        if bundle.logEntries.isEmpty {
            if requiresLogEntry {
                out.check("transparency log entry", "the bundle has no Rekor entry; nothing shows the signature was published", status: .untrusted)
            } else {
                out.notChecked.append("transparency log (the bundle has no entry; --insecure-ignore-tlog)")
            }
        }
        if trustedRoot != nil && !bundle.logEntries.isEmpty {
            out.notChecked.append("validity windows (validFor) of the trusted root's log keys")
        }
        if bundle.logEntries.contains(where: \.hasInclusionPromise) {
            out.notChecked.append("signed entry timestamps (Rekor v1 inclusion promises); integrated times are taken from the entries as logged")
        }

        // RFC 3161 timestamps over the signature, against the trusted root's timestamp authorities.
        if let trustedRoot {
            for (index, der) in bundle.timestamps.enumerated() {
                signingTimes += await checkTimestamp(
                    der, number: index + 1, over: signedDigest.signatures[0], authorities: trustedRoot.timestampAuthorities, into: &out)
            }
        } else if !bundle.timestamps.isEmpty {
            out.notChecked.append("RFC 3161 timestamps (\(bundle.timestamps.count); their authorities come from --trusted-root)")
        }

        // The certificate: chain, time and identity, unless the key is pinned.
        if let leaf {
            if pinnedKey != nil {
                out.notChecked.append("certificate chain and identity (the signer's key is pinned with --key)")
            } else {
                await checkCertificate(leaf, intermediates: Array(certificates.dropFirst()), signingTimes: signingTimes, into: &out)
            }
            out.notChecked.append("signed certificate timestamps (SCTs) in the certificate")
        }
        out.fields["notChecked"] = .array(out.notChecked.map(JSONValue.string))
        out.lines += out.notChecked.map { "not checked   \($0)" }
        return AuditReport(fields: out.fields, lines: out.lines, checks: out.checks)
    }

    private var contentWord: String {
        switch bundle.content {
        case .messageSignature: "message signature"
        case .dsseEnvelope(let envelope): "DSSE envelope, \(envelope.payloadType)"
        }
    }

    // MARK: Content

    /// The digest the log entry must name and the signatures it must log.
    private struct SignedDigest {
        var algorithm: String
        var digest: [UInt8]
        var signatures: [[UInt8]]
    }

    private func checkContent(signer: SignerKey, into out: inout Outcome) throws -> SignedDigest {
        switch bundle.content {
        case .messageSignature(let message):
            let algorithm = message.digestAlgorithm ?? "SHA2_256"
            guard ArtifactDigest.isSupported(algorithm) else {
                throw SigstoreError(
                    .unsupported, input: bundleName, detail: "message digest algorithm '\(algorithm.prefix(40))' is not supported",
                    hint: "autoid checks SHA2_256, SHA2_384 and SHA2_512 digests")
            }
            let digest: ArtifactDigest
            let signatureOK: Bool
            if signer.signsWholeMessages {
                let bytes = try SmallFile.read(artifact, limit: Self.maximumWholeMessageSize)
                digest = try ArtifactDigest.compute(bytes: bytes, algorithm: algorithm)
                signatureOK = signer.isValidSignature(message.signature, for: bytes)
            } else {
                digest = try ArtifactDigest.compute(artifact, algorithm: algorithm)
                signatureOK = signer.isValidSignature(message.signature, digest: digest)
            }
            out.fields["digest"] = .object(["algorithm": .string(algorithm), "value": .string(Hex.encode(digest.bytes))])
            out.lines.append("artifact      \(artifact.description) \(algorithm) \(Hex.encode(digest.bytes))")
            if let signed = message.digest {
                out.check(
                    "artifact digest (\(algorithm))",
                    signed == digest.bytes
                        ? nil : "the file's digest is not the one the bundle signs (\(Hex.encode(signed).prefix(16))...): the file differs from what was signed"
                )
            } else {
                out.notChecked.append("message digest (the bundle gives none; the signature covers the file)")
            }
            out.check("signature (\(signer.typeName))", signatureOK ? nil : "the signature does not verify over this file with the signer's key")
            return SignedDigest(algorithm: algorithm, digest: message.digest ?? digest.bytes, signatures: [message.signature])
        case .dsseEnvelope(let envelope):
            let digest = try ArtifactDigest.compute(artifact, algorithm: "SHA2_256")
            out.fields["digest"] = .object(["algorithm": .string("SHA2_256"), "value": .string(Hex.encode(digest.bytes))])
            out.lines.append("artifact      \(artifact.description) SHA2_256 \(Hex.encode(digest.bytes))")
            let pae = Envelope.preAuthenticationEncoding(payloadType: envelope.payloadType, payload: envelope.payload)
            let verified = envelope.signatures.filter { signer.isValidSignature($0, for: pae) }
            out.check("DSSE signature (\(signer.typeName))", verified.isEmpty ? "no signature of the envelope verifies with the signer's key" : nil)
            if envelope.payloadType == Statement.payloadType {
                do {
                    let statement = try Statement(jsonBytes: envelope.payload, source: "\(bundleName): dsseEnvelope.payload")
                    let hex = Hex.encode(digest.bytes)
                    let subject = statement.subjects.first { $0.digests["sha256"]?.lowercased() == hex }
                    out.check(
                        "in-toto subject digest (sha256)",
                        subject == nil ? "no subject of the statement has this file's SHA-256 digest: the file is not what was attested" : nil)
                    if let subject { out.lines.append("subject       \(DisplayName.escape(subject.name)), predicate \(statement.predicateType)") }
                } catch {
                    out.check("in-toto subject digest (sha256)", "the payload is not an in-toto statement: \(error)")
                }
            } else {
                out.check(
                    "in-toto subject digest (sha256)",
                    "the payload type '\(envelope.payloadType.prefix(80))' is not an in-toto statement, so nothing ties it to this file")
            }
            return SignedDigest(algorithm: "SHA2_256", digest: Array(SHA256Hasher.hash(envelope.payload)), signatures: envelope.signatures)
        }
    }

    // MARK: Log entries

    /// What a log entry must name as the signature's verifier.
    private enum LoggedVerifier {
        /// The bundle's signing certificate, byte for byte.
        case certificate([UInt8])
        /// The signer's key: logged as DER SubjectPublicKeyInfo (or in a certificate), compared as keys.
        case key(SignerKey)

        func matches(_ der: [UInt8]) -> Bool {
            switch self {
            case .certificate(let certificate):
                return der == certificate
            case .key(let key):
                if let logged = try? Certificate.PublicKey(derEncoded: der) { return logged == key.key }
                if let certificate = try? Certificate(derEncoded: der) { return certificate.publicKey == key.key }
                return false
            }
        }
    }

    /// Checks one entry; returns whether all its checks passed.
    private func checkEntry(_ entry: TransparencyLogEntry, signedDigest: SignedDigest, verifier: LoggedVerifier, into out: inout Outcome) throws -> Bool {
        let name = "log entry \(entry.logIndex)"
        let before = out.checks.count
        // The body binds this bundle.
        do {
            let body = try RekorEntryBody(entry.canonicalizedBody, kind: entry.kind, version: entry.version, source: "\(bundleName): \(name) canonicalizedBody")
            out.check(
                "\(name): body logs this signature (\(entry.kind) \(entry.version))",
                body.mismatch(digest: signedDigest.digest, algorithm: signedDigest.algorithm, signatures: signedDigest.signatures, isSigner: verifier.matches))
        } catch let error as SigstoreError {
            out.check("\(name): body logs this signature (\(entry.kind) \(entry.version))", error.detail, status: .untrusted)
        }
        guard let proof = entry.inclusionProof else {
            out.check("\(name): inclusion proof", "the entry has no inclusion proof (only a promise, which autoid does not check)", status: .untrusted)
            return false
        }
        // The signed checkpoint.
        let checkpoint = checkCheckpoint(proof.checkpoint, entry: entry, name: name, into: &out)
        // The inclusion proof, from the body's leaf hash to the proof's root, which must be the checkpoint's.
        let leafHash = MerkleTree.leafHash(entry.canonicalizedBody)
        var failure: String?
        let hashes = proof.hashes.compactMap(TreeHash.init(bytes:))
        let computed = AutoIDLog.InclusionProof(leafIndex: proof.logIndex, treeSize: proof.treeSize, hashes: hashes).rootFrom(leafHash: leafHash)
        if computed == nil {
            failure = "the proof's \(proof.hashes.count) hashes do not fit leaf \(proof.logIndex) of a tree of \(proof.treeSize)"
        } else if computed?.bytes != proof.rootHash {
            failure = "the proof does not lead from the entry's leaf hash to its root hash: the entry or the proof was altered"
        } else if let checkpoint, checkpoint.size != proof.treeSize || checkpoint.root.bytes != proof.rootHash {
            failure =
                "the proof is for a tree of \(proof.treeSize) with root \(Base64.encode(proof.rootHash)), the checkpoint for \(checkpoint.size) with root \(checkpoint.root.base64)"
        }
        out.check("\(name): inclusion proof (leaf \(proof.logIndex) of \(proof.treeSize))", failure)
        out.fields["logEntries", default: .array([])] = .array(
            (out.fields["logEntries"]?.arrayValue ?? []) + [
                .object([
                    "logIndex": .integer(entry.logIndex), "kind": .string(entry.kind), "version": .string(entry.version),
                    "treeSize": .integer(proof.treeSize), "rootHash": .string(Base64.encode(proof.rootHash)),
                    "origin": checkpoint.map { .string($0.origin) } ?? .null,
                    "integratedTime": entry.integratedTime.map { .integer($0) } ?? .null,
                ])
            ])
        return out.checks[before...].allSatisfy(\.passed)
    }

    /// A log key the user trusts, with the log ID when a trusted root gives it.
    private struct LogKey {
        var key: SignerKey
        var logID: [UInt8]?
        var name: String
        var validity: TrustedRoot.ValidityWindow
    }

    /// Checks the checkpoint's signature; returns the checkpoint when it could be read.
    private func checkCheckpoint(_ text: String, entry: TransparencyLogEntry, name: String, into out: inout Outcome) -> Checkpoint? {
        let check = "\(name): checkpoint signature"
        let note: SignedNote
        let checkpoint: Checkpoint
        do {
            note = try SignedNote(bytes: Array(text.utf8), source: "\(bundleName): \(name) checkpoint")
            checkpoint = try Checkpoint(text: note.text, source: "\(bundleName): \(name) checkpoint")
        } catch {
            out.check(check, "the checkpoint is not a signed note: \((error as? LogError)?.detail ?? "\(error)")")
            return nil
        }
        var keys: [LogKey] = []
        for log in trustedRoot?.transparencyLogs ?? [] where log.logID == entry.logID {
            if let key = try? SignerKey(subjectPublicKeyInfo: log.publicKey, source: "trusted root") {
                keys.append(LogKey(key: key, logID: log.logID, name: log.baseURL, validity: log.validity))
            }
        }
        keys += logKeys.map { LogKey(key: $0, logID: nil, name: "--rekor-key", validity: .init()) }
        guard !keys.isEmpty else {
            out.check(
                check, "the entry's log (ID \(Hex.encode(entry.logID).prefix(16))...) is not in the trusted root, and no --rekor-key was given",
                status: .untrusted)
            return checkpoint
        }
        // Signature lines of the log itself: named for the origin (Rekor v1 origins add " - TREE-ID" to the name).
        let own = note.signatures.filter { checkpoint.origin.hasSameBytes(as: $0.name) || checkpoint.origin.utf8.starts(with: ($0.name + " - ").utf8) }
        let textBytes = Array(note.text.utf8)
        var tried = 0
        for key in keys {
            for signature in own {
                if let logID = key.logID {
                    guard logID.count >= 4, signature.keyID == logID.prefix(4).reduce(UInt32(0), { $0 << 8 | UInt32($1) }) else { continue }
                }
                tried += 1
                if key.key.isValidSignature(signature.signature, for: textBytes) {
                    out.check("\(check) (\(checkpoint.origin))", nil)
                    out.lines.append(
                        "checkpoint    \(checkpoint.origin) size \(checkpoint.size) root \(checkpoint.root.base64), signed by \(key.name) (\(key.key.typeName))"
                    )
                    return checkpoint
                }
            }
        }
        if tried == 0 {
            out.check("\(check) (\(checkpoint.origin))", "no signature line of '\(checkpoint.origin)' carries the trusted log key's hint", status: .untrusted)
        } else {
            out.check("\(check) (\(checkpoint.origin))", "the checkpoint's signature does not verify with the log's key: the checkpoint was altered")
        }
        return checkpoint
    }

    // MARK: Timestamps

    /// Checks one RFC 3161 timestamp; returns its time when it verified.
    private func checkTimestamp(_ der: [UInt8], number: Int, over signature: [UInt8], authorities: [TrustedRoot.Authority], into out: inout Outcome) async -> [(
        time: Date, source: String
    )] {
        let timestamp: SignedTimestamp
        do {
            timestamp = try SignedTimestamp(der: der)
        } catch {
            let reason = (error as? SigstoreError)?.detail ?? "not DER"
            out.check("RFC 3161 timestamp \(number)", "it is not a readable time-stamp token: \(reason)")
            return []
        }
        let name = "RFC 3161 timestamp \(number) (\(RFC3339.format(timestamp.time)))"
        switch await timestamp.verify(imprintOver: signature, authorities: authorities) {
        case .verified(let authority):
            out.check("\(name) by '\(authority)'", nil)
            return [(timestamp.time, "timestamp \(number) by '\(authority)'")]
        case .failed(let reason):
            out.check(name, reason)
        case .untrusted(let reason):
            out.check(name, reason, status: .untrusted)
        }
        return []
    }

    // MARK: Certificate

    private func checkCertificate(_ leaf: Certificate, intermediates: [Certificate], signingTimes: [(time: Date, source: String)], into out: inout Outcome)
        async
    {
        let identity = FulcioIdentity(leaf)
        // Identities and issuers are compared as bytes, as cosign does (hasSameBytes): an identity provider
        // may hand composed and decomposed "café" to two accounts.
        if let certificateIdentity {
            out.check(
                "certificate identity \(certificateIdentity)",
                identity.identities.contains(where: { $0.hasSameBytes(as: certificateIdentity) })
                    ? nil : "the certificate names \(identity.identities.isEmpty ? "no identity" : identity.identities.joined(separator: ", "))",
                status: .untrusted)
        }
        if let certificateOIDCIssuer {
            out.check(
                "certificate OIDC issuer \(certificateOIDCIssuer)",
                identity.issuer?.hasSameBytes(as: certificateOIDCIssuer) == true ? nil : "the certificate's issuer is \(identity.issuer ?? "missing")",
                status: .untrusted)
        }
        guard let trustedRoot else {
            out.check(
                "certificate chain",
                "no --trusted-root was given, so the certificate cannot be trusted; give Sigstore's trusted_root.json, or pin the key with --key",
                status: .untrusted)
            return
        }
        guard let time = signingTimes.map(\.time).min() else {
            out.check(
                "signing time",
                "no verified signing time: the bundle has no verified RFC 3161 timestamp and its log entries no integrated time, so the certificate's short validity cannot be checked; pin the key with --key instead",
                status: .untrusted)
            return
        }
        for (when, source) in signingTimes {
            out.lines.append("signing time  \(RFC3339.format(when)) (\(source))")
            out.check(
                "signing time \(RFC3339.format(when)) within the certificate's validity",
                leaf.notValidBefore <= when && when <= leaf.notValidAfter ? nil : "the \(source) is outside the certificate's validity", status: .untrusted)
        }
        var roots: [Certificate] = []
        var chain = intermediates
        for authority in trustedRoot.certificateAuthorities where authority.validity.contains(time) {
            let certificates = authority.certificates.compactMap { try? Certificate(derEncoded: $0) }
            guard certificates.count == authority.certificates.count, let root = certificates.last else { continue }
            roots.append(root)
            chain += certificates.dropLast()
        }
        guard !roots.isEmpty else {
            out.check("certificate chain", "the trusted root has no certificate authority valid at \(RFC3339.format(time))", status: .untrusted)
            return
        }
        var verifier = Verifier(rootCertificates: CertificateStore(roots)) {
            RFC5280Policy(fixedExpiryValidationTime: time)
            CodeSigningPolicy()
        }
        switch await verifier.validate(leaf: leaf, intermediates: CertificateStore(chain)) {
        case .validCertificate(let path):
            out.check("certificate chain to '\(path.last.map { String(describing: $0.subject) } ?? "")'", nil)
        case .couldNotValidate(let failures):
            let reason = failures.first.map { String(describing: $0.policyFailureReason) } ?? "no chain to a trusted certificate authority"
            out.check("certificate chain", "the certificate does not chain to the trusted root's authorities: \(reason)", status: .untrusted)
        }
    }
}

extension ArtifactDigest {
    /// The digest of bytes in memory.
    static func compute(bytes: [UInt8], algorithm name: String) throws -> ArtifactDigest {
        switch name {
        case "SHA2_384": .sha384(SHA384.hash(data: bytes))
        case "SHA2_512": .sha512(SHA512.hash(data: bytes))
        default: .sha256(SHA256.hash(data: bytes))
        }
    }
}
