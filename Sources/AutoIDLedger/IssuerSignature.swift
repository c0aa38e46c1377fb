import AutoIDHashing
public import AutoIDIdentity
public import AutoIDManifest
import AutoIDSigning
public import FoundationEssentials

/// The check every signed ledger document (journals, account lists) shares: the envelope is signed by the
/// issuer certificate its payload carries, and that certificate chains to the trust roots, unrevoked.
public enum IssuerSignature {
    /// Verifies `envelope` against the issuer chain `certificates` (DER, issuer first); `what` names the
    /// kind of document in messages ("journals").
    ///
    /// - Returns: the issuer's common name and identifier (hex digits), as the chain to the roots gives it.
    /// - Throws: ``LedgerError``: `malformed` for a certificate that does not parse (3), ``LedgerError/Code/badSignature`` (1), ``LedgerError/Code/untrustedIssuer`` (2).
    public static func verify(
        _ envelope: Envelope, certificates: [[UInt8]], source: String, what: String, malformed: LedgerError.Code = .malformedJournal, trustRoots: [AutoID],
        revocationLists: [(list: RevocationList, source: String)], at time: Date
    ) async throws(LedgerError) -> (name: String, identifier: String?) {
        let chain: [AutoID]
        do {
            chain = try certificates.map { try AutoID(derEncoded: $0, source: "\(source): issuer certificate") }
        } catch {
            throw LedgerError(malformed, source: source, detail: "\(error)")
        }
        guard let issuer = chain.first else { throw LedgerError(malformed, source: source, detail: "no issuer certificate") }
        guard let key = try? KeyEncoding.publicKey(from: issuer.subjectPublicKeyInfo, source: "issuer") else {
            throw LedgerError(
                .untrustedIssuer, source: source, detail: "the issuer '\(issuer.shownName)' has no Ed25519 key, which \(what) are signed with")
        }
        guard case .valid = ContentVerifier.checkSignature(envelope, key: key) else {
            throw LedgerError(
                .badSignature, source: source, detail: "the signature does not verify with the key of the issuer '\(issuer.shownName)'",
                hint: "it was changed after signing, or signed with another key")
        }
        let verdict = await AutoIDChainVerifier.verify(leaf: issuer, intermediates: Array(chain.dropFirst()), trustRoots: trustRoots, at: time)
        if let error = verdict.error {
            throw LedgerError(
                .untrustedIssuer, source: source, detail: "the issuer '\(issuer.shownName)' is not trusted: \(error.detail)",
                hint: "give the issuer's root with --trust")
        }
        if let path = verdict.chain, !revocationLists.isEmpty {
            do {
                try RevocationList.check(chain: path, lists: revocationLists, at: time)
            } catch {
                throw LedgerError(.untrustedIssuer, source: source, detail: "the issuer '\(issuer.shownName)' is not trusted: \(error)")
            }
        }
        return (issuer.commonName, verdict.chain?.first?.identifier?.hexDigits)
    }
}
