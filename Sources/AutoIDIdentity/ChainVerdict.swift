/// The outcome of ``AutoIDChainVerifier/verify(leaf:intermediates:trustRoots:at:revoked:)``.
public enum ChainVerdict: Sendable, Hashable, CustomStringConvertible {
    /// The leaf chains to a trust root and every link passed. The chain runs from the leaf to the trust
    /// root, with identifiers resolved from the root down.
    case trusted(chain: [AutoID])
    /// The chain was rejected; the error names the first failing link.
    case rejected(IdentityError)

    public var isTrusted: Bool {
        if case .trusted = self { return true }
        return false
    }

    /// The validated chain, leaf first; `nil` when rejected.
    public var chain: [AutoID]? {
        if case .trusted(let chain) = self { return chain }
        return nil
    }

    /// Why the chain was rejected; `nil` when trusted.
    public var error: IdentityError? {
        if case .rejected(let error) = self { return error }
        return nil
    }

    /// The validated chain, or the rejection as a thrown error.
    public func get() throws -> [AutoID] {
        switch self {
        case .trusted(let chain): return chain
        case .rejected(let error): throw error
        }
    }

    public var description: String {
        switch self {
        case .trusted(let chain):
            "trusted: " + AutoID.shownNames(chain[...], separator: " <- ")
        case .rejected(let error):
            "rejected: \(error)"
        }
    }
}
