public import AutoIDIdentity
public import AutoIDManifest
public import FoundationEssentials

/// Checks one Auto ID the way `autoid-verify identity` does: its chain to trust roots, revocation lists
/// from issuers in the chain, and personhood attestations, giving one ``IdentityReport``.
public struct IdentityVerification: Sendable {
    /// The Auto ID first, then any certificates that issued it (as in a PEM bundle).
    public var certificates: [AutoID]
    /// More intermediates.
    public var intermediates: [AutoID]
    /// The roots to verify against; `nil` when the caller asked for no trust decision.
    public var trustRoots: [AutoID]?
    /// Revocation lists, each with the file it came from.
    public var revocationLists: [(list: RevocationList, source: String)]
    /// Personhood attestations, each with the file it came from.
    public var attestations: [(envelope: Envelope, source: String)]
    /// The number of distinct personhood factors required; `nil` for no requirement.
    public var requiredFactors: Int?
    /// The time of checking.
    public var time: Date

    public init(
        certificates: [AutoID], intermediates: [AutoID] = [], trustRoots: [AutoID]? = nil,
        revocationLists: [(list: RevocationList, source: String)] = [], attestations: [(envelope: Envelope, source: String)] = [],
        requiredFactors: Int? = nil, time: Date = Date()
    ) {
        precondition(!certificates.isEmpty, "an identity check needs the Auto ID's certificate")
        self.certificates = certificates
        self.intermediates = intermediates
        self.trustRoots = trustRoots
        self.revocationLists = revocationLists
        self.attestations = attestations
        self.requiredFactors = requiredFactors
        self.time = time
    }

    /// Runs every check and reports. A revocation list from an issuer in the chain whose signature or
    /// dates are wrong rejects the chain, like a revoked certificate.
    public func run() async -> IdentityReport {
        let chainGiven = Array(certificates.dropFirst()) + intermediates
        let leaf = AutoIDChainVerifier.resolveIdentifiers(certificates)[0]
        guard let trustRoots else {
            return IdentityReport(subject: leaf, verdict: nil, factors: [], requiredFactors: requiredFactors)
        }
        var verdict = await AutoIDChainVerifier.verify(leaf: leaf, intermediates: chainGiven, trustRoots: trustRoots, at: time)
        if let path = verdict.chain, !revocationLists.isEmpty {
            do {
                try RevocationList.check(chain: path, lists: revocationLists, at: time)
            } catch let error as IdentityError {
                verdict = .rejected(error)
            } catch {
                verdict = .rejected(IdentityError(.untrusted, source: leaf.label, detail: "\(error)"))
            }
        }
        // The identifier is derivable from the issuers whatever the verdict (expired, revoked...).
        let subject =
            verdict.chain?.first
            ?? AutoIDChainVerifier.resolvingIdentifier(of: leaf, intermediates: chainGiven, trustRoots: trustRoots)
        var factors: [PersonhoodPolicy.Result] = []
        if verdict.isTrusted, !attestations.isEmpty || requiredFactors != nil {
            factors = await PersonhoodPolicy.evaluate(subject: subject, attestations: attestations, trustRoots: trustRoots, at: time)
        }
        return IdentityReport(subject: subject, verdict: verdict, factors: factors, requiredFactors: requiredFactors)
    }
}
