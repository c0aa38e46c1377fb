public import AutoIDIdentity
import AutoIDSigning
public import FoundationEssentials

/// Which Auto IDs control which accounts, by two bindings:
///
/// - the key: an `AccountId32` of an Ed25519 account is its public key, so an Auto ID whose certificate
///   holds that Ed25519 key controls the account; no list anyone could forge, only certificates that chain
///   to the trust roots;
/// - signed account lists (``AccountList``): an issuer the auditor trusts maps accounts of any kind
///   (sr25519 ones too, which no X.509 certificate can hold) to Auto ID identifiers.
///
/// Either way the Auto ID itself must be among the candidates, chain to the trust roots and not be
/// revoked (by CRLs and, when a registry is given, by the registry: registered with that key, not
/// deactivated, not on its issuer's registry revocation list); its kind (human, AI agent...) is what the
/// report counts.
public struct AccountAutoIDs: Sendable {
    /// Account id -> the kinds of the valid Auto IDs that control it (`human`, `ai-agent`...).
    public let kinds: [[UInt8]: Set<String>]
    /// Accounts an account list names whose Auto IDs all failed, with why (for the report).
    public let unresolved: [[UInt8]: String]
    /// Candidates that were left out, and why (untrusted, revoked, not Ed25519), one line each.
    public let refused: [String]
    /// The account lists used, each with its issuer and number of entries (for the report).
    public let lists: [(source: String, issuer: String, entries: Int)]

    public init(
        kinds: [[UInt8]: Set<String>], unresolved: [[UInt8]: String] = [:], refused: [String] = [],
        lists: [(source: String, issuer: String, entries: Int)] = []
    ) {
        self.kinds = kinds
        self.unresolved = unresolved
        self.refused = refused
        self.lists = lists
    }

    /// Resolves `candidates` (Auto IDs, with any intermediates among them): each must chain to `trustRoots`
    /// at `time` and not be revoked by `revocationLists`; with `registry`, which says why the registry does
    /// not back an identifier with a key (or `nil` when it does), the registry must back it too. Ed25519
    /// Auto IDs control their key's account; the entries of `lists` (verified) bind accounts to the valid
    /// candidates they name by identifier.
    public static func resolve(
        _ candidates: [AutoID], lists: [AccountList.Verified] = [], trustRoots: [AutoID],
        revocationLists: [(list: RevocationList, source: String)] = [],
        registry: ((_ identifier: AutoIDIdentifier, _ subjectPublicKeyInfo: [UInt8]) -> String?)? = nil, at time: Date = Date()
    ) async -> AccountAutoIDs {
        var kinds: [[UInt8]: Set<String>] = [:]
        var refused: [String] = []
        // Identifier -> the kind of a valid candidate, or why the candidate is not valid.
        var valid: [AutoIDIdentifier: String] = [:]
        var invalid: [AutoIDIdentifier: String] = [:]
        for candidate in candidates where !candidate.isCertificateAuthority {
            let kind = candidate.kind.map { "\($0)" } ?? "unknown"
            let others = candidates.filter { $0.derBytes != candidate.derBytes }
            let verdict = await AutoIDChainVerifier.verify(leaf: candidate, intermediates: others, trustRoots: trustRoots, at: time)
            let identifier = verdict.chain?.first?.identifier ?? Self.identifier(of: candidate, among: candidates)
            if let error = verdict.error {
                refused.append("'\(candidate.shownName)': not trusted: \(error.detail)")
                if let identifier { invalid[identifier] = "not trusted: \(error.detail)" }
                continue
            }
            if let path = verdict.chain, !revocationLists.isEmpty {
                do {
                    try RevocationList.check(chain: path, lists: revocationLists, at: time)
                } catch {
                    refused.append("'\(candidate.shownName)': \(error)")
                    if let identifier { invalid[identifier] = "\(error)" }
                    continue
                }
            }
            if let registry {
                let problem = identifier.map { registry($0, candidate.subjectPublicKeyInfo) } ?? "its identifier is unknown, so the registry cannot be asked"
                if let problem {
                    refused.append("'\(candidate.shownName)': \(problem)")
                    if let identifier { invalid[identifier] = problem }
                    continue
                }
            }
            if let identifier { valid[identifier] = kind }
            if let key = try? KeyEncoding.publicKey(from: candidate.subjectPublicKeyInfo, source: candidate.commonName) {
                kinds[key.rawRepresentation, default: []].insert(kind)
            } else if lists.isEmpty {
                refused.append("'\(candidate.shownName)': not an Ed25519 key, so no AccountId32 (an account list can name it)")
            }
        }
        var unresolved: [[UInt8]: String] = [:]
        for verified in lists {
            for entry in verified.list.entries {
                if let kind = valid[entry.autoID] {
                    kinds[entry.account, default: []].insert(kind)
                } else {
                    let why = invalid[entry.autoID] ?? "not among the --auto-ids certificates (or its issuers are not)"
                    unresolved[entry.account] = "the account list \(verified.source) names Auto ID \(entry.autoID.hexDigits), which is \(why)"
                }
            }
        }
        // An account resolved through another entry or its key is not unresolved.
        for account in kinds.keys { unresolved[account] = nil }
        return AccountAutoIDs(
            kinds: kinds, unresolved: unresolved, refused: refused,
            lists: lists.map { ($0.source, $0.issuerName, $0.list.entries.count) })
    }

    /// The identifier of `candidate`, resolved through its issuers among `candidates` (by name) up to a
    /// self-issued one; `nil` when the chain does not reach one. (For naming untrusted Auto IDs in reasons.)
    static func identifier(of candidate: AutoID, among candidates: [AutoID]) -> AutoIDIdentifier? {
        var path = [candidate]
        while let last = path.last, !last.isSelfIssued, path.count <= 16 {
            guard let issuer = candidates.first(where: { $0.certificate.subject == last.certificate.issuer && $0.derBytes != last.derBytes }) else {
                return nil
            }
            path.append(issuer)
        }
        return AutoIDChainVerifier.resolveIdentifiers(path).first?.identifier
    }

    /// How an account's controllers read in a report: `human`, `ai-agent`, `ai-agent and human`...
    static func label(_ kinds: Set<String>) -> String { kinds.sorted().joined(separator: " and ") }
}
