/// What the fast paths share: the readers of each tool's most common one-file forms that skip the argument
/// parser (`Invocation.fastPath` beside each command; README, "Start-up").
enum FastPath {
    /// Whether the argument parser can read `argument` only as an option's value or an operand: it is not
    /// empty and does not start with `-` (an option, `--`, or `-` for standard input). A fast path
    /// leaves every line with any other argument to the parser.
    static func isPlain(_ argument: String) -> Bool { !argument.isEmpty && !argument.hasPrefix("-") }
}
