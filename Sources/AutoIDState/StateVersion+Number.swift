extension StateVersion {
    /// The version as `sp_core::storage::StateVersion` numbers it, and as reports and `--state-version` show it: 0 or 1.
    public var number: Int {
        switch self {
        case .v0: 0
        case .v1: 1
        }
    }
}
