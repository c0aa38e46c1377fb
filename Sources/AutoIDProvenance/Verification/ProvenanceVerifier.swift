import AutoIDFiles
import AutoIDHashing
public import AutoIDIdentity
import AutoIDJSON
public import AutoIDManifest
import AutoIDSigning
import AutoIDThreads
import AutoIDVerdict
public import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Verifies a provenance envelope and, recursively, the envelopes it names as ingredients: every
/// envelope's signatures (DSSE t-of-n over the named parties' unique keys), each party's certificate
/// chain to the trust roots at signing time, revocation lists, every subject's digests, and the
/// policy. The parties' certificates travel in the statement, so an envelope and the roots suffice.
public struct ProvenanceVerifier: Sendable {
    public var trustRoots: [AutoID]
    public var revocationLists: [(list: RevocationList, source: String)]
    public var policy: ProvenancePolicy
    /// Folders searched for ingredient envelopes, after the folder of the envelope that names them.
    public var searchDirectories: [String]
    /// Where the top envelope's subjects are read.
    public var locator: SubjectLocator
    /// The time revocation lists are checked at, and the latest acceptable signing time.
    public var now: Date
    /// When given, every party must also be backed by the registry at a trusted block.
    public var registry: RegistryEvidence?

    /// At most this many files are hashed per folder when looking for ingredients.
    public static let searchLimit = 10_000

    public init(
        trustRoots: [AutoID], revocationLists: [(list: RevocationList, source: String)] = [], policy: ProvenancePolicy = ProvenancePolicy(),
        searchDirectories: [String] = [], locator: SubjectLocator = SubjectLocator(), now: Date = Date(),
        registry: RegistryEvidence? = nil
    ) {
        self.registry = registry
        self.trustRoots = trustRoots
        self.revocationLists = revocationLists
        self.policy = policy
        self.searchDirectories = searchDirectories
        self.locator = locator
        self.now = now
    }

    /// Verifies the envelope in the file at `path` (`-` for standard input) and its ingredients.
    public func verify(path: String) async -> ProvenanceReport {
        await verify(path: path, sources: fileSources(), chains: ChainCache())
    }

    /// Verifies envelopes already in memory (`path` names each in reports), one after another, with their
    /// subjects and ingredients found through `sources` (a bundle's entries, say) instead of files; what
    /// is learnt about the parties' chains is shared between them.
    public func verify(envelopes: [(path: String, bytes: [UInt8])], sources: some ProvenanceSources) async -> [ProvenanceReport] {
        let chains = ChainCache()
        var reports: [ProvenanceReport] = []
        for envelope in envelopes {
            reports.append(await verify(bytes: envelope.bytes, path: envelope.path, depth: 0, ancestors: [], sources: sources, chains: chains))
        }
        return reports
    }

    /// Files: subjects through ``locator`` (an ingredient's also beside its envelope), ingredients by
    /// SHA-256 beside the envelope that names them and in ``searchDirectories``.
    private func fileSources() -> FileSources {
        FileSources(locator: locator, finder: IngredientFinder(searchDirectories: searchDirectories))
    }

    private func verify(path: String, sources: FileSources, chains: ChainCache) async -> ProvenanceReport {
        do {
            let bytes = try SmallFile.read(path: path, limit: Envelope.sizeLimit)
            return await verify(bytes: bytes, path: path, depth: 0, ancestors: [], sources: sources, chains: chains)
        } catch {
            var report = ProvenanceReport(envelope: path)
            report.problems.append(.init(status: ExitStatus.of(error), message: "\(error)"))
            return report
        }
    }

    /// Verifies many envelopes, several at a time (one per core), returning the reports in the order of
    /// `paths`. Each envelope's ingredients are looked up and verified on their own. The envelopes are
    /// verified on the global executor's threads, whatever executor the caller prefers (the tools run
    /// their tasks on one thread: `CallingThreadExecutor`).
    public func verifyAll(paths: [String]) async -> [ProvenanceReport] {
        let width = Threads.available
        let sources = fileSources()
        let chains = ChainCache()
        var reports = [ProvenanceReport?](repeating: nil, count: paths.count)
        await withTaskGroup(of: (Int, ProvenanceReport).self) { group in
            var next = 0
            func start() {
                let index = next
                next += 1
                group.addTask(executorPreference: globalConcurrentExecutor) {
                    (index, await verify(path: paths[index], sources: sources, chains: chains))
                }
            }
            while next < min(width, paths.count) { start() }
            while let (index, report) = await group.next() {
                reports[index] = report
                WorkProgress.addItems()
                if next < paths.count { start() }
            }
        }
        return reports.map { $0! }
    }

    private func verify(
        bytes: [UInt8], path: String, depth: Int, ancestors: [String], sources: some ProvenanceSources, chains: ChainCache
    ) async -> ProvenanceReport {
        var report = ProvenanceReport(envelope: path)
        let digest = Hex.encode(SHA256Hasher.hash(bytes))
        report.sha256 = digest
        let name = DisplayName.escape(path)
        func problem(_ status: ExitStatus, _ message: String) { report.problems.append(.init(status: status, message: message)) }

        // The envelope, its statement and predicate: malformed input stops here (exit 3).
        let envelope: Envelope
        let statement: Statement
        let predicate: ProvenancePredicate
        do {
            envelope = try Envelope(jsonBytes: bytes, source: path)
            guard envelope.payloadType == Statement.payloadType else {
                throw ManifestError(source: path, location: "$.payloadType", detail: "'\(envelope.payloadType)' is not an in-toto statement")
            }
            statement = try Statement(jsonBytes: envelope.payload, source: path)
            guard statement.predicateType == ProvenancePredicate.type else {
                throw ManifestError(
                    source: path, location: "payload.predicateType",
                    detail: "'\(statement.predicateType)' names no parties to verify against trust roots; verify it with --key PUBLIC-KEY")
            }
            predicate = try ProvenancePredicate(json: statement.predicate, source: path, path: "payload.predicate")
        } catch {
            problem(ExitStatus.of(error), "\(error)")
            return report
        }
        report.predicate = predicate
        let signingTime = RFC3339.date(predicate.created) ?? now
        if signingTime > now.addingTimeInterval(300) {
            problem(.untrusted, "\(name): signed 'created' \(predicate.created), in the future")
        }

        // Parties: chain to the roots at signing time, revocation, identifier, kind, signature.
        let message = envelope.signedBytes
        var signedKeys = Set<[UInt8]>()
        var allKeys = Set<[UInt8]>()
        for party in predicate.parties {
            var result = ProvenanceReport.PartyResult(party: party, chain: nil, rejection: nil, signed: false, model: nil)
            let label = "party '\(DisplayName.escape(party.name))' (\(party.role)) of \(name)"
            let certificates: [AutoID]
            do {
                certificates = try party.certificates.enumerated().map { index, der in
                    try chains.certificate(der, source: { "\(path): party '\(party.name)' certificate \(index)" })
                }
            } catch {
                result.rejection = "\(error)"
                problem(ExitStatus.of(error), "\(label): \(error)")
                report.parties.append(result)
                continue
            }
            let leaf = certificates[0]
            result.model = leaf.model
            if leaf.commonName != party.name || leaf.kind?.name != party.kind {
                let reason =
                    "the statement calls it '\(party.name)' (\(party.kind)) but its certificate says '\(leaf.shownName)' (\(leaf.kind?.name ?? "no kind"))"
                result.rejection = reason
                problem(.malformedInput, "\(label): \(reason)")
            }
            // Signature: does any signature verify with the party's key? One key is one party.
            if allKeys.contains(leaf.subjectPublicKeyInfo) {
                let reason = "another party has the same key, so one signature would speak for two parties"
                result.rejection = reason
                problem(.malformedInput, "\(label): \(reason)")
            }
            if let key = try? KeyEncoding.publicKey(from: leaf.subjectPublicKeyInfo, source: label) {
                allKeys.insert(leaf.subjectPublicKeyInfo)
                // The signatures whose keyid names this key first (a hint, never trusted: the others are
                // tried when none of those verifies), so a co-signed envelope costs one check per party.
                let keyID = key.keyID
                let checker = chains.checker(for: key)
                let verifies = { (signature: Envelope.Signature) in checker.isValidSignature(signature.signature, for: message) }
                if envelope.signatures.contains(where: { $0.keyID == keyID && verifies($0) })
                    || envelope.signatures.contains(where: { $0.keyID != keyID && verifies($0) })
                {
                    result.signed = true
                    signedKeys.insert(leaf.subjectPublicKeyInfo)
                }
            } else {
                let reason = "its \(leaf.keyType) key cannot sign DSSE envelopes here (autoid signs with Ed25519)"
                result.rejection = result.rejection ?? reason
                problem(.untrusted, "\(label): \(reason)")
            }
            // Chain to the trust roots, as of signing time; then revocation, as of now.
            let verdict = await chains.verdict(for: party.certificates, at: signingTime) {
                var verdict = await AutoIDChainVerifier.verify(
                    leaf: leaf, intermediates: Array(certificates.dropFirst()), trustRoots: trustRoots, at: signingTime)
                if let path = verdict.chain, !revocationLists.isEmpty {
                    do {
                        try RevocationList.check(chain: path, lists: revocationLists, at: now)
                    } catch let error as IdentityError {
                        verdict = .rejected(error)
                    } catch {
                        verdict = .rejected(IdentityError(.untrusted, source: leaf.label, detail: "\(error)"))
                    }
                }
                return verdict
            }
            switch verdict {
            case .trusted(let path):
                result.chain = path
                if path[0].identifier?.hexDigits != party.identifier {
                    let reason = "its certificate chain gives the identifier \(path[0].identifier?.hexDigits ?? "(none)"), not \(party.identifier)"
                    result.rejection = result.rejection ?? reason
                    problem(.malformedInput, "\(label): \(reason)")
                }
                if !policy.requiredIssuers.isEmpty,
                    !path.dropFirst().contains(where: { issuer in policy.requiredIssuers.contains { $0.derBytes == issuer.derBytes } })
                {
                    let reason = "policy requires parties under \(AutoID.shownNames(policy.requiredIssuers[...], separator: " or "))"
                    result.rejection = result.rejection ?? reason
                    problem(.untrusted, "\(label): \(reason)")
                }
            case .rejected(let error):
                result.rejection = result.rejection ?? "\(error.detail) [\(error.source)]"
                problem(error.exitStatus, "\(label): not trusted: \(error.detail)")
            }
            if let registry, let reason = registry.rejection(identifier: party.identifier, subjectPublicKeyInfo: leaf.subjectPublicKeyInfo) {
                result.rejection = result.rejection ?? "registry: \(reason)"
                problem(.untrusted, "\(label): registry: \(reason)")
            }
            report.parties.append(result)
        }

        // DSSE t-of-n over the parties' unique keys: by default every named party must sign.
        let required = policy.threshold ?? allKeys.count
        if required > allKeys.count {
            problem(.untrusted, "\(name): --threshold \(required) is more than the \(allKeys.count) distinct party keys the statement names")
        } else if signedKeys.count < required {
            let missing = report.parties.filter { !$0.signed }.map { "'\(DisplayName.escape($0.party.name))' (\($0.party.role))" }
            problem(
                report.parties.contains(where: \.signed) || envelope.signatures.isEmpty ? .untrusted : .verificationFailed,
                "\(name): \(signedKeys.count) of \(required) required party signatures; missing: \(missing.joined(separator: ", "))")
        }
        for role in policy.requiredRoles where depth == 0 && !report.parties.contains(where: { $0.party.role == role && $0.signed }) {
            problem(.untrusted, "\(name): policy requires a signature by a party in the role '\(role)'")
        }
        if policy.requireHuman, depth == 0, !report.parties.contains(where: { $0.party.kind == "human" && $0.signed }) {
            problem(.untrusted, "\(name): policy requires a human party's signature")
        }
        if policy.requireAIDisclosure {
            for (index, result) in report.parties.enumerated() where result.party.isAI && result.signed {
                let undisclosed = predicate.actions.filter { $0.party == index && $0.digitalSourceType == nil }
                if let action = undisclosed.first {
                    problem(
                        .untrusted,
                        "\(name): AI party '\(DisplayName.escape(result.party.name))' signed the action \(action.action) without a digital source type (AI disclosure)"
                    )
                }
            }
        }

        // Subjects: the top envelope's content must be there; an ingredient's is checked when present.
        for subject in statement.subjects {
            if let result = sources.check(subject, ofEnvelopeAt: path, depth: depth) { report.subjects.append(result) }
        }

        // Ingredients, recursively; the chain of ancestors catches cycles.
        for ingredient in predicate.ingredients {
            var entry = ProvenanceReport.IngredientResult(ingredient: ingredient)
            guard let wanted = ingredient.envelopeSHA256 else {
                report.ingredients.append(entry)
                continue
            }
            if wanted == digest || ancestors.contains(wanted) {
                problem(.verificationFailed, "\(name): ingredient \(wanted) is the envelope itself or one it derives from (a cycle)")
            } else if depth + 1 > policy.maximumDepth {
                problem(.untrusted, "\(name): its ingredients go more than \(policy.maximumDepth) envelope(s) deep (--max-depth)")
            } else if let found = sources.ingredient(sha256: wanted, hint: ingredient.name, namedBy: path) {
                entry.path = found.path
                entry.report = await verify(
                    bytes: found.bytes, path: found.path, depth: depth + 1, ancestors: ancestors + [digest], sources: sources, chains: chains)
            } else {
                problem(
                    .verificationFailed,
                    "\(name): the \(ingredient.relationship) ingredient \(ingredient.name.map { "'\(DisplayName.escape($0))' " } ?? "")(sha256 \(wanted)) was not found (looked \(sources.ingredientPlaces))"
                )
            }
            report.ingredients.append(entry)
        }
        return report
    }
}

/// Where a provenance verification finds what envelopes point at: their subjects' content and the
/// envelopes they name as ingredients. Files on disk (``ProvenanceVerifier/verify(path:)``) are one
/// source; a bundle's entries are another.
public protocol ProvenanceSources: Sendable {
    /// The result of checking `subject` of the envelope at `envelopePath` (`depth` 0 for the envelope being
    /// verified, more for its ingredients), or nil to leave out an ingredient's subject whose content is
    /// not at hand: only the top envelope's content must be there.
    func check(_ subject: Statement.Subject, ofEnvelopeAt envelopePath: String, depth: Int) -> VerificationReport.SubjectResult?

    /// The ingredient envelope whose bytes have the SHA-256 `sha256` (hex), named by the envelope at
    /// `envelopePath`; `hint` is the file name the ingredient records. Nil when it is nowhere to be found.
    func ingredient(sha256: String, hint: String?, namedBy envelopePath: String) -> (path: String, bytes: [UInt8])?

    /// Where ingredients were looked for, for a message ("beside it and in --search folders").
    var ingredientPlaces: String { get }
}

/// Subjects and ingredients in files: the top envelope's subjects through the verifier's locator, an
/// ingredient's there or beside the ingredient envelope; ingredients by SHA-256 beside the envelope that
/// names them, then in the search folders.
struct FileSources: ProvenanceSources {
    let locator: SubjectLocator
    let finder: IngredientFinder

    func check(_ subject: Statement.Subject, ofEnvelopeAt envelopePath: String, depth: Int) -> VerificationReport.SubjectResult? {
        let result = ContentVerifier.check(subject, locator: locator)
        guard depth > 0, case .unreadable(let error) = result.status, error.code == .notFound else { return result }
        // An ingredient's content may sit beside the ingredient envelope instead; absent both, leave it out.
        let beside = SubjectLocator(baseDirectory: Self.folder(of: envelopePath), allowsPathsOutsideBase: locator.allowsPathsOutsideBase)
        let besideResult = ContentVerifier.check(subject, locator: beside)
        if case .unreadable(let error) = besideResult.status, error.code == .notFound { return nil }
        return besideResult
    }

    func ingredient(sha256: String, hint: String?, namedBy envelopePath: String) -> (path: String, bytes: [UInt8])? {
        finder.find(sha256: sha256, hint: hint, besides: Self.folder(of: envelopePath))
    }

    var ingredientPlaces: String { finder.searchDirectories.isEmpty ? "beside it" : "beside it and in --search folders" }

    /// The folder a path is in, as a user would name it: "." for a bare name, "/" for a file at the root.
    static func folder(of path: String) -> String {
        let folder = PathName.directory(of: path)
        return folder.isEmpty ? "." : folder
    }
}

/// What a batch has learnt about certificate chains, so that the same parties signing thousands of
/// envelopes are parsed and verified once: parsed certificates by DER, chain verdicts by chain, and
/// signature checkers by key (a prepared key for a key that signs many envelopes).
///
/// A chain's verdict depends on the time of signing only through the certificates' validity windows
/// (revocation is checked as of now, the same for the whole batch); so a chain trusted at one time is
/// trusted at another when every certificate of its path is valid then too. Anything else is verified
/// anew.
final class ChainCache: @unchecked Sendable {
    private struct Cached {
        var certificates: [ByteKey: AutoID] = [:]
        var verdicts: [[ByteKey]: ChainVerdict] = [:]
        var keyUses: [ByteKey: Int] = [:]
        var preparedKeys: [ByteKey: Ed25519PreparedKey] = [:]
    }
    private let cached = Locked(Cached())

    /// At most this many keys are prepared in one batch (about 165 KB each, 64 by default); the
    /// others are checked by libsodium.
    let preparedKeyLimit: Int

    init(preparedKeyLimit: Int = 64) {
        self.preparedKeyLimit = preparedKeyLimit
    }

    /// The signature checker for `key`: libsodium for its first uses in the batch, then, from
    /// ``Ed25519SignatureChecker/preparedFrom`` uses on, one prepared key shared by every thread.
    func checker(for key: Ed25519PublicKey) -> Ed25519SignatureChecker {
        enum Step {
            case use(Ed25519PreparedKey)
            case direct
            case prepare
        }
        let name = ByteKey(key.rawRepresentation)
        let step: Step = cached.withLock { cached in
            if let prepared = cached.preparedKeys[name] { return .use(prepared) }
            cached.keyUses[name, default: 0] += 1
            return cached.keyUses[name]! >= Ed25519SignatureChecker.preparedFrom && cached.preparedKeys.count < preparedKeyLimit
                ? .prepare : .direct
        }
        switch step {
        case .use(let prepared): return .prepared(prepared)
        case .direct: return .direct(key)
        case .prepare:
            // Outside the lock (it takes about half a millisecond). Two threads may both prepare the
            // same key once; the one stored first is kept.
            let prepared = Ed25519PreparedKey(key)
            return .prepared(
                cached.withLock { cached in
                    if let first = cached.preparedKeys[name] { return first }
                    cached.preparedKeys[name] = prepared
                    return prepared
                })
        }
    }

    /// `source` names the certificate in an error; it is only made when the certificate is new.
    func certificate(_ der: [UInt8], source: () -> String) throws -> AutoID {
        let key = ByteKey(der)
        if let known = cached.withLock({ $0.certificates[key] }) { return known }
        let parsed = try AutoID(derEncoded: der, source: source())
        cached.withLock { $0.certificates[key] = parsed }
        return parsed
    }

    func verdict(for chain: [[UInt8]], at time: Date, compute: () async -> ChainVerdict) async -> ChainVerdict {
        let key = chain.map(ByteKey.init)
        if case .trusted(let path)? = cached.withLock({ $0.verdicts[key] }), path.allSatisfy({ $0.isValid(at: time) }) {
            return .trusted(chain: path)
        }
        let verdict = await compute()
        if verdict.isTrusted { cached.withLock { $0.verdicts[key] = verdict } }
        return verdict
    }

    /// Bytes as a dictionary key, hashed as one block (an array of bytes hashes byte by byte, which
    /// showed in profiles of large batches).
    struct ByteKey: Hashable {
        let bytes: [UInt8]
        init(_ bytes: [UInt8]) { self.bytes = bytes }
        func hash(into hasher: inout Hasher) { bytes.withUnsafeBytes { hasher.combine(bytes: $0) } }
    }
}

/// Finds ingredient envelopes by the SHA-256 of their bytes: the hinted file name first, then every
/// regular file in the referencing envelope's folder and the search folders (hashed once, capped).
final class IngredientFinder: @unchecked Sendable {
    let searchDirectories: [String]
    private let indexed = Locked<[String: [String: String]]>([:])  // folder -> sha256 -> path

    init(searchDirectories: [String]) {
        self.searchDirectories = searchDirectories
    }

    func find(sha256: String, hint: String?, besides directory: String) -> (path: String, bytes: [UInt8])? {
        let folders = [directory] + searchDirectories
        if let hint, !hint.utf8.contains(UInt8(ascii: "/")), hint != "..", hint != "." {
            for folder in folders {
                let path = Self.join(folder, hint)
                if Self.isRegularFile(path), let bytes = try? SmallFile.read(path: path, limit: Envelope.sizeLimit),
                    Hex.encode(SHA256Hasher.hash(bytes)) == sha256
                {
                    return (path, bytes)
                }
            }
        }
        for folder in folders {
            if let path = index(folder)[sha256], let bytes = try? SmallFile.read(path: path, limit: Envelope.sizeLimit),
                Hex.encode(SHA256Hasher.hash(bytes)) == sha256
            {
                return (path, bytes)
            }
        }
        return nil
    }

    /// A regular file, not a link to one (a signer's hint must not lead the verifier elsewhere), no larger
    /// than an envelope may be.
    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && Int(info.st_size) <= Envelope.sizeLimit
    }

    /// `folder/name`, or just `name` in the current folder, as a user would type it.
    static func join(_ folder: String, _ name: String) -> String {
        folder == "." ? name : folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// Under the lock throughout, so that two threads never index the same folder twice.
    private func index(_ folder: String) -> [String: String] {
        indexed.withLock { indexed in
            if let known = indexed[folder] { return known }
            let map = Self.hashes(folder)
            indexed[folder] = map
            return map
        }
    }

    /// sha256 -> path of the regular files in `folder` (the first ``ProvenanceVerifier/searchLimit`` names in order).
    private static func hashes(_ folder: String) -> [String: String] {
        var map: [String: String] = [:]
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted().prefix(ProvenanceVerifier.searchLimit)
        for name in names {
            let path = Self.join(folder, name)
            guard Self.isRegularFile(path), let bytes = try? SmallFile.read(path: path, limit: Envelope.sizeLimit) else { continue }
            map[Hex.encode(SHA256Hasher.hash(bytes))] = path
        }
        return map
    }
}
