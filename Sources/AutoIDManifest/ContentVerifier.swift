public import AutoIDFiles
import AutoIDHashing
import AutoIDThreads
public import AutoIDSigning
import Foundation

/// What verifying one envelope found: the signature verdict, then one result per subject.
public struct VerificationReport: Sendable {
    /// The signature verdict.
    public enum SignatureStatus: Sendable, Equatable {
        /// A signature verified with the trusted key.
        case valid(keyID: String)
        /// A signature that claims to be (or may be) from the trusted key does not verify: tampering.
        case invalid
        /// Every signature names another key: signed, but not by anyone we trust.
        case untrustedKey(keyIDs: [String])
    }

    /// The verdict on one subject.
    public enum SubjectStatus: Sendable, Equatable {
        /// Every digest we know how to compute matched.
        case ok
        /// These algorithms' digests differ from the content.
        case mismatch(algorithms: [String])
        /// The content could not be read.
        case unreadable(FileError)
        /// The subject has no digest in an algorithm we support.
        case noKnownDigest
    }

    public struct SubjectResult: Sendable, Equatable {
        public var name: String
        /// Where the content was read from.
        public var location: String
        public var status: SubjectStatus
        /// Algorithms checked and matched or not.
        public var checked: [String]
        /// Recorded digests we cannot compute, reported so nobody mistakes them for checked.
        public var unchecked: [String]
    }

    public var signature: SignatureStatus
    /// Empty unless the signature is valid: an unverified payload is never acted on.
    public var subjects: [SubjectResult]

    /// True when the signature is valid and every subject is `.ok`.
    public var isVerified: Bool {
        guard case .valid = signature else { return false }
        return subjects.allSatisfy { $0.status == .ok }
    }
}

/// Checks signed content manifests: the signature first, and only then the content named in it.
public enum ContentVerifier {
    /// Verifies `envelope` with `key`; `locate` says where to read each subject's content (return `nil`
    /// to skip a subject the caller did not ask about).
    ///
    /// Throws ``ManifestError`` when the envelope verifies but its payload is not a statement.
    /// Content is hashed on up to `hashThreads` threads (default: every core).
    public static func verify(
        _ envelope: Envelope, source: String, key: Ed25519PublicKey, hashThreads: Int? = nil,
        locate: (Statement.Subject) -> InputSource?
    ) throws -> VerificationReport {
        let signature = checkSignature(envelope, key: key)
        guard case .valid = signature else {
            return VerificationReport(signature: signature, subjects: [])
        }
        guard envelope.payloadType == Statement.payloadType else {
            throw ManifestError(
                source: source, location: "$.payloadType",
                detail: "payload type '\(envelope.payloadType)' is not an in-toto statement (\(Statement.payloadType))")
        }
        let statement = try Statement(jsonBytes: envelope.payload, source: source)
        var results: [VerificationReport.SubjectResult] = []
        for subject in statement.subjects {
            guard let input = locate(subject) else { continue }
            results.append(check(subject, against: input, threads: hashThreads))
        }
        return VerificationReport(signature: signature, subjects: results)
    }

    /// One envelope file to verify in a batch, and what became of it.
    public struct BatchItem: Sendable {
        public var path: String
        /// The report, or the error that stopped verification (unreadable or malformed envelope).
        public var outcome: Result<VerificationReport, any Error>
    }

    /// Verifies many envelope files on `threads` threads (default: every core). Each envelope's subjects
    /// are read through `locate`, as in ``verify(_:source:key:hashThreads:locate:)``.
    ///
    /// The cores are shared out, not multiplied: with as many envelopes as cores each worker hashes its
    /// content on one thread; a single envelope gets every core for its content.
    public static func verifyFiles(
        _ paths: [String], key: Ed25519PublicKey, threads: Int? = nil,
        locate: @escaping @Sendable (Statement.Subject) -> InputSource?
    ) -> [BatchItem] {
        let threads = threads ?? Threads.available
        let workers = max(1, min(threads, paths.count))
        let hashThreads = max(1, threads / workers)
        return Threads.map(count: paths.count, threads: workers) { index in
            let path = paths[index]
            do {
                let bytes = try SmallFile.read(path: path, limit: Envelope.sizeLimit)
                let envelope = try Envelope(jsonBytes: bytes, source: path)
                return BatchItem(path: path, outcome: .success(try verify(envelope, source: path, key: key, hashThreads: hashThreads, locate: locate)))
            } catch {
                return BatchItem(path: path, outcome: .failure(error))
            }
        }
    }

    /// Checks the signatures of many envelopes already in memory, on `threads` threads.
    public static func checkSignatures(
        _ envelopes: [Envelope], key: Ed25519PublicKey, threads: Int? = nil
    ) -> [VerificationReport.SignatureStatus] {
        let keyID = key.keyID  // a SHA-256 and a hex string: once per batch, not per envelope
        return Threads.map(count: envelopes.count, threads: threads ?? Threads.available) {
            checkSignature(envelopes[$0], key: key, keyID: keyID)
        }
    }

    /// The signature verdict: valid if any signature verifies with `key` (DSSE's 1-of-n for one key).
    public static func checkSignature(_ envelope: Envelope, key: Ed25519PublicKey) -> VerificationReport.SignatureStatus {
        checkSignature(envelope, key: key, keyID: key.keyID)
    }

    static func checkSignature(_ envelope: Envelope, key: Ed25519PublicKey, keyID: String) -> VerificationReport.SignatureStatus {
        let message = envelope.signedBytes
        var claimsOurKey = false
        for signature in envelope.signatures {
            if key.isValidSignature(signature.signature, for: message) { return .valid(keyID: keyID) }
            if signature.keyID.isEmpty || signature.keyID == keyID { claimsOurKey = true }
        }
        return claimsOurKey ? .invalid : .untrustedKey(keyIDs: envelope.signatures.map(\.keyID))
    }

    /// Re-hashes one subject's content with every supported algorithm it records.
    static func check(_ subject: Statement.Subject, against input: InputSource, threads: Int?) -> VerificationReport.SubjectResult {
        let algorithms = subject.digests.keys.compactMap(HashAlgorithm.init(rawValue:)).sorted()
        let unchecked = subject.digests.keys.filter { HashAlgorithm(rawValue: $0) == nil }.sorted()
        var result = VerificationReport.SubjectResult(
            name: subject.name, location: input.description, status: .ok,
            checked: algorithms.map(\.rawValue), unchecked: unchecked)
        guard !algorithms.isEmpty else {
            result.status = .noKnownDigest
            return result
        }
        do {
            let actual = try ContentDigester.digest(input, algorithms: algorithms, threads: threads).hexDigests
            let differing = algorithms.map(\.rawValue).filter { actual[$0] != subject.digests[$0] }
            if !differing.isEmpty { result.status = .mismatch(algorithms: differing) }
        } catch let error as FileError {
            result.status = .unreadable(error)
        } catch {
            result.status = .unreadable(FileError(code: .other(errno: 5), operation: "read", path: input.description))
        }
        return result
    }
}
