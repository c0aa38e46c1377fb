public import AutoIDIdentity

/// What a verifier requires of a provenance chain beyond valid signatures and trusted identities.
/// Every rule applies to every envelope in the chain; a violation names the rule, the envelope and the
/// party, and fails with exit status 2.
public struct ProvenancePolicy: Sendable {
    /// Signatures from at least this many distinct named parties; `nil` means every named party.
    public var threshold: Int?
    /// Roles that must have signed.
    public var requiredRoles: [String]
    /// A human party must have signed the top envelope.
    public var requireHuman: Bool
    /// An AI party that signed must have every action of its own carry a digital source type (on by default).
    public var requireAIDisclosure: Bool
    /// When not empty, every party must chain through one of these issuers.
    public var requiredIssuers: [AutoID]
    /// The deepest chain of ingredients followed.
    public var maximumDepth: Int

    public init(
        threshold: Int? = nil, requiredRoles: [String] = [], requireHuman: Bool = false, requireAIDisclosure: Bool = true,
        requiredIssuers: [AutoID] = [], maximumDepth: Int = 16
    ) {
        self.threshold = threshold
        self.requiredRoles = requiredRoles
        self.requireHuman = requireHuman
        self.requireAIDisclosure = requireAIDisclosure
        self.requiredIssuers = requiredIssuers
        self.maximumDepth = maximumDepth
    }
}
