import AutoIDReports

/// A hash the user expects (`--expect-state-root`, `--expect-last`...), compared with the computed one.
///
/// The expectation arrives as text and stays text until here, so that a value that is not a hash fails
/// the check that uses it, as a report line, rather than stopping the audit.
enum ExpectedHash {
    /// The check named `name`: `expected` parses as a 32-byte hex hash and equals `actual`.
    static func check(_ name: String, expected: String, actual: H256) -> AuditCheck {
        guard let value = H256(hex: expected) else {
            return AuditCheck(name: name, failure: "expected value \"\(expected)\" is not a 32-byte hex hash")
        }
        return value == actual
            ? AuditCheck(name: name)
            : AuditCheck(name: name, failure: "computed \(actual.hex), expected \(value.hex)")
    }
}
