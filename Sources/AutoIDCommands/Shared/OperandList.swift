import ArgumentParser

/// A command whose last positional argument takes any number of operands (files to sign, hash, audit).
///
/// xargs hands a tool up to ~100,000 operands, and the argument parser's cost grows with the square of
/// the operand count (it records every operand's position in a set, element by element). For such
/// commands the tool's `main` hands the parser the options and the first few operands only, then
/// appends the rest here and runs ``validate()`` again on the whole list: linear in the operand count.
protocol OperandListCommand: ParsableCommand {
    /// The operands of the last positional argument, in command-line order.
    var operands: [String] { get set }
}

/// How a long command line is cut for the argument parser: everything up to the last option, a few
/// tokens more, and the operands held back.
///
/// Only the run of tokens after the last option (or after `--`) can be held back: there every token is
/// an operand, except perhaps the first (the value of that last option) and, when no option comes
/// before, the subcommand names. ``kept`` tokens of that run go to the parser, enough for
/// `log inclusion CHECKPOINT ENTRY` or `-k KEY FILE`; the rest are operands of the last positional
/// argument, in order.
struct OperandListSplit {
    /// The tokens the argument parser sees.
    var parsed: [String]
    /// The operands appended after parsing, in order; empty when the line is short.
    var heldBack: [String]

    /// Tokens of the trailing run still given to the parser.
    static let kept = 8
    /// Shorter trailing runs are left whole to the parser, whose cost is negligible there.
    static let threshold = 256

    init(_ arguments: [String]) {
        let runStart: Int
        if let separator = arguments.firstIndex(of: "--") {
            runStart = separator + 1
        } else if let lastOption = arguments.lastIndex(where: { $0.count > 1 && $0.hasPrefix("-") }) {
            runStart = lastOption + 1
        } else {
            runStart = 0
        }
        let runLength = arguments.count - runStart
        guard runLength > Self.threshold else {
            self.parsed = arguments
            self.heldBack = []
            return
        }
        let cut = runStart + Self.kept
        self.parsed = Array(arguments[..<cut])
        self.heldBack = Array(arguments[cut...])
    }
}

extension ParsableCommand {
    /// Parses `arguments` (the process's own by default) as ``parseAsRoot(_:)`` does, in time linear in
    /// the number of operands (see ``OperandListCommand``).
    static func parseAsRootLinear(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) throws -> any ParsableCommand {
        let split = OperandListSplit(arguments)
        if split.heldBack.isEmpty { return try parseAsRoot(arguments) }
        // A command without an operand list, or a line the cut made wrong: the parser's own verdict on
        // the whole line (slow for a very long line, but only on the way to an error).
        guard let command = try? parseAsRoot(split.parsed), var withOperands = command as? any OperandListCommand else {
            return try parseAsRoot(arguments)
        }
        withOperands.operands.append(contentsOf: split.heldBack)
        try withOperands.validate()
        return withOperands
    }
}
