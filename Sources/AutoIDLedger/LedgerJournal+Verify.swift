import AutoIDHashing
public import AutoIDIdentity
public import AutoIDManifest
import AutoIDSigning
public import Foundation

extension LedgerJournal {
    /// A journal whose signature and issuer were checked.
    public struct Verified: Sendable {
        public let journal: LedgerJournal
        /// The file it came from, as given.
        public let source: String
        /// The issuer's Auto ID (common name) and identifier, as the chain to the trust roots gives it.
        public let issuerName: String
        public let issuerIdentifier: String?
    }

    /// Reads and checks the journal in `envelope`: the payload is a journal; its signature verifies with the
    /// Ed25519 key of the issuer certificate it carries; that certificate chains to `trustRoots` at `time`
    /// (valid, not expired) and, with `revocationLists`, is not revoked.
    ///
    /// - Throws: ``LedgerError``: ``LedgerError/Code/malformedJournal`` (3), ``LedgerError/Code/badSignature``
    ///   (1) or ``LedgerError/Code/untrustedIssuer`` (2).
    public static func verify(
        _ envelope: Envelope, source: String, trustRoots: [AutoID], revocationLists: [(list: RevocationList, source: String)] = [],
        at time: Date = Date()
    ) async throws(LedgerError) -> Verified {
        let journal: LedgerJournal
        do {
            journal = try LedgerJournal(envelope: envelope, source: source)
        } catch {
            throw LedgerError(.malformedJournal, source: source, detail: "\(error)", hint: "a journal is specified in autoid-ledger-journal(5)")
        }
        let chain: [AutoID]
        do {
            chain = try journal.issuerCertificates.map { try AutoID(derEncoded: $0, source: "\(source): issuer certificate") }
        } catch {
            throw LedgerError(.malformedJournal, source: source, detail: "\(error)")
        }
        let issuer = chain[0]
        guard let key = try? KeyEncoding.publicKey(from: issuer.subjectPublicKeyInfo, source: "issuer") else {
            throw LedgerError(
                .untrustedIssuer, source: source, detail: "the issuer '\(issuer.commonName)' has no Ed25519 key, which journals are signed with")
        }
        guard case .valid = ContentVerifier.checkSignature(envelope, key: key) else {
            throw LedgerError(
                .badSignature, source: source, detail: "the signature does not verify with the key of the issuer '\(issuer.commonName)'",
                hint: "the journal was changed after signing, or signed with another key")
        }
        let verdict = await AutoIDChainVerifier.verify(leaf: issuer, intermediates: Array(chain.dropFirst()), trustRoots: trustRoots, at: time)
        if let error = verdict.error {
            throw LedgerError(
                .untrustedIssuer, source: source, detail: "the issuer '\(issuer.commonName)' is not trusted: \(error.detail)",
                hint: "give the issuer's root with --trust")
        }
        if let path = verdict.chain, !revocationLists.isEmpty {
            do {
                try RevocationList.check(chain: path, lists: revocationLists, at: time)
            } catch {
                throw LedgerError(.untrustedIssuer, source: source, detail: "the issuer '\(issuer.commonName)' is not trusted: \(error)")
            }
        }
        return Verified(
            journal: journal, source: source, issuerName: issuer.commonName,
            issuerIdentifier: verdict.chain?.first?.identifier?.hexDigits)
    }
}
