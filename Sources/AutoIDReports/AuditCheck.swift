/// One named check an audit made, and its outcome: the unit that text, JSON and JUnit reports all list.
public struct AuditCheck: Sendable, Hashable {
    /// What was checked, as a reader scans for it: `state root matches header #77`, `genesis hash`.
    public var name: String
    /// Why the check failed, in one line; `nil` when it passed.
    public var failure: String?
    /// A longer explanation attached to a failure: what it may mean and what to look at next.
    public var detail: String?

    /// A check named `name`; it passed unless `failure` says why not.
    public init(name: String, failure: String? = nil, detail: String? = nil) {
        self.name = name
        self.failure = failure
        self.detail = detail
    }

    /// Whether the check passed.
    public var passed: Bool { failure == nil }
}
