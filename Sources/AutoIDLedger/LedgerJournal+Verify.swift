import AutoIDHashing
public import AutoIDIdentity
public import AutoIDManifest
import AutoIDSigning
public import FoundationEssentials

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
        let issuer = try await IssuerSignature.verify(
            envelope, certificates: journal.issuerCertificates, source: source, what: "journals", trustRoots: trustRoots,
            revocationLists: revocationLists, at: time)
        return Verified(journal: journal, source: source, issuerName: issuer.name, issuerIdentifier: issuer.identifier)
    }
}
