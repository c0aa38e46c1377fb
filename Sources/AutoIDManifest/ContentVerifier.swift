public import AutoIDDrive
import AutoIDFiles
public import AutoIDHashing
public import AutoIDSigning
import AutoIDThreads
public import AutoIDVerdict

/// Checks signed content manifests: the signature first, and only then the content named in it.
public enum ContentVerifier {
    /// Verifies `envelope` with `key`, then re-hashes the content of its subjects, read where
    /// `locator` says. With `selecting` names, only those subjects are checked, and names the statement
    /// does not list are reported (``VerificationReport/notSubjects``).
    ///
    /// Throws ``ManifestError`` when the envelope verifies but its payload is not a statement, or its
    /// predicate is of a type in `predicates` and does not match that type's schema.
    /// Content is hashed on up to `hashThreads` threads (default: every core).
    public static func verify(
        _ envelope: Envelope, source: String, key: Ed25519PublicKey, selecting names: [String] = [],
        locator: SubjectLocator, predicates: PredicateRegistry = .builtIn, hashThreads: Int? = nil
    ) throws(ManifestError) -> VerificationReport {
        try verify(
            envelope, source: source, checker: .direct(key), keyID: key.keyID, selecting: names, locator: locator, predicates: predicates,
            hashThreads: hashThreads)
    }

    /// ``verify(_:source:key:selecting:locator:predicates:hashThreads:)`` with the signatures checked by `checker`
    /// (whose key's id is `keyID`, computed once per batch).
    static func verify(
        _ envelope: Envelope, source: String, checker: Ed25519SignatureChecker, keyID: String, selecting names: [String] = [],
        locator: SubjectLocator, predicates: PredicateRegistry, hashThreads: Int?
    ) throws(ManifestError) -> VerificationReport {
        try verify(envelope, source: source, checker: checker, keyID: keyID, selecting: names, predicates: predicates) { subject in
            check(subject, locator: locator, threads: hashThreads)
        }
    }

    /// The signature, then the statement, then `check` for each selected subject: the one sequence
    /// every form of verification shares.
    private static func verify(
        _ envelope: Envelope, source: String, checker: Ed25519SignatureChecker, keyID: String, selecting names: [String],
        predicates: PredicateRegistry, check: (Statement.Subject) -> VerificationReport.SubjectResult
    ) throws(ManifestError) -> VerificationReport {
        let signature = checkSignature(envelope, checker: checker, keyID: keyID)
        guard case .valid = signature else {
            return VerificationReport(envelope: source, signature: signature, subjects: [])
        }
        guard envelope.payloadType == Statement.payloadType else {
            throw ManifestError(
                source: source, location: "$.payloadType",
                detail: "payload type '\(envelope.payloadType)' is not an in-toto statement (\(Statement.payloadType))")
        }
        let statement = try Statement(jsonBytes: envelope.payload, source: source)
        _ = try predicates.decode(statement, source: source)
        let wanted = Set(names)
        var seen = Set<String>()
        var results: [VerificationReport.SubjectResult] = []
        for subject in statement.subjects where wanted.isEmpty || wanted.contains(subject.name) {
            seen.insert(subject.name)
            results.append(check(subject))
        }
        return VerificationReport(
            envelope: source, signature: signature, subjects: results, notSubjects: names.filter { !seen.contains($0) })
    }

    /// Content whose digests were already computed elsewhere (while streaming an archive, say): the
    /// digests, and where the content was read, for the report.
    public struct KnownContent: Sendable {
        /// The digests computed from the content.
        public var digest: ContentDigest
        /// Where the content was read, as the report shows it (for example `bundle.tar:content/a.txt`).
        public var location: String
        /// The content's Auto Drive CID under the subject's signed name (``Statement/Subject/autoDriveName``),
        /// when it was computed; a subject that records a CID without one reports it unchecked.
        public var autoDriveCID: AutoDriveCID?

        public init(digest: ContentDigest, location: String, autoDriveCID: AutoDriveCID? = nil) {
            self.digest = digest
            self.location = location
            self.autoDriveCID = autoDriveCID
        }
    }

    /// Verifies `envelope` as ``verify(_:source:key:selecting:locator:predicates:hashThreads:)`` does,
    /// but compares its subjects with digests already computed instead of reading files: `content`
    /// gives a subject's content by name, or nil when there is none (reported as missing from
    /// `container`, as a missing file is). The report, verdicts, text and JSON are the same.
    ///
    /// A digest the statement records in an algorithm `content` did not compute is reported as
    /// unchecked; a subject left with no checked digest fails (``VerificationReport/SubjectStatus/noKnownDigest``).
    public static func verify(
        _ envelope: Envelope, source: String, key: Ed25519PublicKey, selecting names: [String] = [],
        predicates: PredicateRegistry = .builtIn, container: String, content: (String) -> KnownContent?
    ) throws(ManifestError) -> VerificationReport {
        try verify(envelope, source: source, checker: .direct(key), keyID: key.keyID, selecting: names, predicates: predicates) { subject in
            check(subject, known: content(subject.name), container: container)
        }
    }

    /// Checks `subject` against content whose digests are already known (computed as an archive streamed
    /// past, say); nil `known` reports the subject missing from `container`.
    public static func check(_ subject: Statement.Subject, known: KnownContent?, container: String) -> VerificationReport.SubjectResult {
        guard let known else {
            let missing = FileError(code: .notFound, operation: "find", path: subject.name, hint: "not in \(container)")
            return check(subject, location: subject.name, computed: .failure(missing), available: Set(HashAlgorithm.allCases))
        }
        return check(
            subject, location: known.location, computed: .success(known.digest.hexDigests), available: Set(known.digest.digests.keys),
            cid: known.autoDriveCID)
    }

    /// One envelope file to verify in a batch, and what became of it.
    public struct BatchItem: Sendable {
        public var path: String
        /// The report, or the error that stopped verification (unreadable or malformed envelope).
        public var outcome: Result<VerificationReport, any Error>

        /// The item's verdict: the report's, or the error's exit status.
        public var status: ExitStatus {
            switch outcome {
            case .success(let report): report.status
            case .failure(let error): ExitStatus.of(error)
            }
        }
    }

    /// Verifies many envelope files on `threads` threads (default: every core), each envelope's subjects
    /// read through `locator`, as in ``verify(_:source:key:selecting:locator:predicates:hashThreads:)``.
    ///
    /// The cores are shared out, not multiplied: with as many envelopes as cores each worker hashes its
    /// content on one thread; a single envelope gets every core for its content.
    public static func verifyFiles(
        _ paths: [String], key: Ed25519PublicKey, locator: SubjectLocator, predicates: PredicateRegistry = .builtIn,
        threads: Int? = nil
    ) -> [BatchItem] {
        let threads = threads ?? Threads.available
        let workers = max(1, min(threads, paths.count))
        let hashThreads = max(1, threads / workers)
        let checker = Ed25519SignatureChecker(key, expected: paths.count)
        let keyID = key.keyID  // once per batch, as in checkSignatures
        return Threads.map(count: paths.count, threads: workers) { index in
            let path = paths[index]
            defer { WorkProgress.addItems() }
            do {
                let bytes = try SmallFile.read(path: path, limit: Envelope.sizeLimit)
                let envelope = try Envelope(jsonBytes: bytes, source: path)
                let report = try verify(
                    envelope, source: path, checker: checker, keyID: keyID, locator: locator, predicates: predicates, hashThreads: hashThreads)
                return BatchItem(path: path, outcome: .success(report))
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
        let checker = Ed25519SignatureChecker(key, expected: envelopes.count)
        return Threads.map(count: envelopes.count, threads: threads ?? Threads.available) {
            checkSignature(envelopes[$0], checker: checker, keyID: keyID)
        }
    }

    /// The signature verdict: valid if any signature verifies with `key` (DSSE's 1-of-n for one key).
    public static func checkSignature(_ envelope: Envelope, key: Ed25519PublicKey) -> VerificationReport.SignatureStatus {
        checkSignature(envelope, checker: .direct(key), keyID: key.keyID)
    }

    static func checkSignature(_ envelope: Envelope, checker: Ed25519SignatureChecker, keyID: String) -> VerificationReport.SignatureStatus {
        let message = envelope.signedBytes
        var claimsOurKey = false
        for signature in envelope.signatures {
            if checker.isValidSignature(signature.signature, for: message) { return .valid(keyID: keyID) }
            if signature.keyID.isEmpty || signature.keyID == keyID { claimsOurKey = true }
        }
        return claimsOurKey ? .invalid : .untrustedKey(keyIDs: envelope.signatures.map(\.keyID))
    }

    /// Re-hashes one subject's content, found by `locator` (which may refuse its name: see
    /// ``SubjectLocator``), with every supported algorithm it records, and recomputes its Auto Drive
    /// CID, when it records one, in the same read (under the signed name, ``Statement/Subject/autoDriveName``).
    public static func check(_ subject: Statement.Subject, locator: SubjectLocator, threads: Int? = nil) -> VerificationReport.SubjectResult {
        let available = Set(HashAlgorithm.allCases)
        let located: InputSource
        do throws(FileError) {
            located = try locator.locate(subject.name)
        } catch {
            return check(subject, location: subject.name, computed: .failure(error), available: available)
        }
        let algorithms = subject.digests.keys.compactMap(HashAlgorithm.init(rawValue:)).sorted()
        // A name Auto Drive would not record never parses (Statement), so the builder is there when a CID is.
        var extra: [any StreamingHasher] = []
        if subject.autoDriveCID != nil, let builder = try? FileCIDBuilder(name: subject.autoDriveName, threads: threads ?? Threads.available) {
            extra.append(CIDHasher(builder))
        }
        let computed: Result<[String: String], FileError>
        var cid: AutoDriveCID?
        if algorithms.isEmpty && extra.isEmpty {
            computed = .success([:])
        } else {
            do throws(FileError) {
                computed = .success(try ContentDigester.digest(located, algorithms: algorithms, alongside: &extra, threads: threads).hexDigests)
                cid = extra.first.map { AutoDriveCID(digest: $0.finalize()) }
            } catch {
                computed = .failure(error)
            }
        }
        return check(subject, location: located.description, computed: computed, available: available, cid: cid)
    }

    /// Compares a subject's recorded digests in the `available` algorithms with `computed` (hex by
    /// algorithm name); recorded digests in other algorithms are reported as unchecked.
    ///
    /// When the subject records an Auto Drive CID, `cid` is the content's, computed under the signed
    /// name (`nil`: not computed, reported as unchecked `autodrive-cid`). A CID that differs fails the
    /// subject as a digest that differs does; a CID checked counts as a digest checked.
    static func check(
        _ subject: Statement.Subject, location: String, computed: Result<[String: String], FileError>, available: Set<HashAlgorithm>,
        cid: AutoDriveCID? = nil
    ) -> VerificationReport.SubjectResult {
        let algorithms = subject.digests.keys.compactMap(HashAlgorithm.init(rawValue:)).filter(available.contains).sorted()
        var unchecked = subject.digests.keys.filter { HashAlgorithm(rawValue: $0).map { !available.contains($0) } ?? true }.sorted()
        var checked = algorithms.map(\.rawValue)
        let cidCheck = subject.autoDriveCID.map { VerificationReport.CIDCheck(signed: $0, name: subject.autoDriveName, computed: cid) }
        if let cidCheck, case .success = computed {
            if cidCheck.computed == nil { unchecked.append(cidKey) } else { checked.append(cidKey) }
        }
        var result = VerificationReport.SubjectResult(
            name: subject.name, location: location, status: .ok, checked: checked, unchecked: unchecked, autoDriveCID: cidCheck)
        guard !algorithms.isEmpty || cidCheck != nil else {
            result.status = .noKnownDigest
            return result
        }
        switch computed {
        case .success(let actual):
            guard !algorithms.isEmpty || cidCheck?.computed != nil else {
                result.status = .noKnownDigest
                return result
            }
            let differing = algorithms.map(\.rawValue).filter { actual[$0] != subject.digests[$0] }
            if !differing.isEmpty {
                result.status = .mismatch(algorithms: differing)
            } else if cidCheck?.differs == true {
                result.status = .cidMismatch
            }
        case .failure(let error):
            if case .refusedName = error.code { result.status = .refused(error) } else { result.status = .unreadable(error) }
        }
        return result
    }

    /// How a subject's Auto Drive CID is listed among checked and unchecked digests.
    public static let cidKey = "autodrive-cid"
}
