import AutoIDIdentity
import AutoIDManifest
import AutoIDSigning

extension VoteAudit {
    /// The check of a signed proposal: `nil` when the proposal is not signed and need not be; otherwise the
    /// issuer (when its certificate reads) and what is wrong, if anything.
    ///
    /// The issuer must be the DAO's: a CA Auto ID (it issues the members) whose common name is the
    /// proposal's `dao`, chaining to the trust roots, valid and unrevoked; one signature on the envelope
    /// verifies with its key.
    func proposalSignature() async -> (issuer: AutoID?, problem: String?)? {
        guard let envelope = proposal.envelope, let certificates = proposal.issuerCertificates else {
            return requireSignedProposal ? (nil, "the proposal is not signed (a DSSE envelope from the DAO's issuer, autoid-dao(5))") : nil
        }
        let chain: [AutoID]
        do {
            chain = try certificates.map { try AutoID(derEncoded: $0, source: "proposal issuer certificate") }
        } catch {
            return (nil, "\(error)")
        }
        let issuer = chain[0]
        guard signed(envelope, by: issuer) else {
            return (issuer, "the signature does not verify with the key of its issuer '\(issuer.shownName)' (forged or altered)")
        }
        guard issuer.isCertificateAuthority else {
            return (issuer, "its issuer '\(issuer.shownName)' is not a CA, so it issues no members; the DAO's issuer signs proposals")
        }
        guard issuer.commonName == proposal.dao else {
            return (issuer, "its issuer is '\(issuer.shownName)', not the DAO '\(proposal.dao)'")
        }
        if let problem = await trustProblem(issuer, chain: chain) { return (issuer, "the issuer \(problem)") }
        return (issuer, nil)
    }
}
