public import AutoIDVerdict

/// An audit that cannot start with what it was given: the request lacks an option or names a key that
/// does not parse. Every case is a usage error (64): the inputs may be fine, the command line must change.
///
/// Separate from ``StateError``, which says that input bytes are malformed (3); the message is the whole
/// text a tool prints and already says what to pass instead.
public struct StateAuditError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What the audit is missing.
    public enum Code: String, Sendable, Hashable {
        /// Neither an explicit state version nor a runtime in `:code` says the trie layout.
        case layoutUnknown
        /// The snapshot given to a chain-spec audit is in another format.
        case notAChainSpec
        /// A storage key is neither hex, `Pallet.Item` nor `Pallet.Item:HASHER:0xKEY`.
        case invalidStorageKey
    }

    /// What is missing.
    public var code: Code
    /// What happened and what to do, in one line, naming the input.
    public var message: String

    /// An error with `code`, reported as `message`.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message alone: it already names the input and says what to pass.
    public var description: String { message }
}

extension StateAuditError: ReportableError {
    /// Usage (64): the command line must say what the inputs cannot.
    public var exitStatus: ExitStatus {
        switch code {
        case .layoutUnknown, .notAChainSpec, .invalidStorageKey: .usage
        }
    }
}
