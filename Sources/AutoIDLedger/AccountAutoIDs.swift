public import AutoIDIdentity
import AutoIDSigning
public import Foundation

/// Which Auto IDs control which accounts. An `AccountId32` of an Ed25519 account is its public key, so an
/// Auto ID whose certificate holds that Ed25519 key controls the account: the binding needs no list
/// anyone could forge, only certificates that chain to the trust roots. (sr25519 accounts, which no
/// X.509 certificate can hold, resolve to nothing here.)
public struct AccountAutoIDs: Sendable {
    /// Account id -> the kinds of the valid Auto IDs that hold its key (`human`, `ai-agent`...).
    public let kinds: [[UInt8]: Set<String>]
    /// Candidates that were left out, and why (untrusted, revoked, not Ed25519), one line each.
    public let refused: [String]

    public init(kinds: [[UInt8]: Set<String>], refused: [String] = []) {
        self.kinds = kinds
        self.refused = refused
    }

    /// Resolves `candidates` (Auto IDs, with any intermediates among them): each must chain to `trustRoots`
    /// at `time` and not be revoked by `revocationLists`.
    public static func resolve(
        _ candidates: [AutoID], trustRoots: [AutoID], revocationLists: [(list: RevocationList, source: String)] = [], at time: Date = Date()
    ) async -> AccountAutoIDs {
        var kinds: [[UInt8]: Set<String>] = [:]
        var refused: [String] = []
        for candidate in candidates where !candidate.isCertificateAuthority {
            guard let key = try? KeyEncoding.publicKey(from: candidate.subjectPublicKeyInfo, source: candidate.commonName) else {
                refused.append("'\(candidate.commonName)': not an Ed25519 key, so no AccountId32")
                continue
            }
            let others = candidates.filter { $0.derBytes != candidate.derBytes }
            let verdict = await AutoIDChainVerifier.verify(leaf: candidate, intermediates: others, trustRoots: trustRoots, at: time)
            if let error = verdict.error {
                refused.append("'\(candidate.commonName)': not trusted: \(error.detail)")
                continue
            }
            if let path = verdict.chain, !revocationLists.isEmpty {
                do {
                    try RevocationList.check(chain: path, lists: revocationLists, at: time)
                } catch {
                    refused.append("'\(candidate.commonName)': \(error)")
                    continue
                }
            }
            kinds[key.rawRepresentation, default: []].insert(candidate.kind.map { "\($0)" } ?? "unknown")
        }
        return AccountAutoIDs(kinds: kinds, refused: refused)
    }

    /// How an account's controllers read in a report: `human`, `ai-agent`, `human and ai-agent`...
    static func label(_ kinds: Set<String>) -> String { kinds.sorted().joined(separator: " and ") }
}
