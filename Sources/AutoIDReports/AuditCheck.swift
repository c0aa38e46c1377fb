public import AutoIDVerdict

/// One named check an audit made, and its outcome: the unit that text, JSON and JUnit reports all list.
public struct AuditCheck: Sendable, Hashable {
    /// What was checked, as a reader scans for it: `state root matches header #77`, `genesis hash`.
    public var name: String
    /// Why the check failed, in one line; `nil` when it passed.
    public var failure: String?
    /// A longer explanation attached to a failure: what it may mean and what to look at next.
    public var detail: String?

    /// The exit status a failure of this check means: ``ExitStatus/verificationFailed`` unless the check
    /// is about trust (``ExitStatus/untrusted``: an unknown key or issuer, a policy not met).
    public var failureStatus: ExitStatus

    /// A check named `name`; it passed unless `failure` says why not, which ends the run with `failureStatus`.
    public init(name: String, failure: String? = nil, detail: String? = nil, failureStatus: ExitStatus = .verificationFailed) {
        self.name = name
        self.failure = failure
        self.detail = detail
        self.failureStatus = failureStatus
    }

    /// Whether the check passed.
    public var passed: Bool { failure == nil }
}
