#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the fast paths share: the reader of each tool's most common one-file forms, which skip the
/// argument parser (`Invocation.fastPath` beside each command; README, "Start-up").
///
/// The argument parser reflects every command's options at each start, and its first use of each
/// option's type pays the Swift runtime's metadata and conformance lookups: 2.5-3 ms of a 5 ms run. A
/// fast path reads the subset of the parser's grammar that shell loops use (flags, options with one
/// plain value, plain operands, in any order) and leaves every other line to the parser, which reads
/// it (and words any error) as always. `FastPathTests` hold both readings equal.
enum FastPath {
    /// False when the environment says `AUTOID_FAST_PATH=0`: every line goes to the argument parser, so
    /// tests (and a user in doubt) can run one command line both ways and compare.
    static let isEnabled = isEnabled(environment: getenv("AUTOID_FAST_PATH").map { String(cString: $0) })

    /// Whether fast paths run, given the value of `AUTOID_FAST_PATH` (nil when unset).
    static func isEnabled(environment value: String?) -> Bool { value != "0" }

    /// `arguments` without a first argument that names `command`, the default subcommand: a fast path
    /// reads `autoid-sign sign -k KEY FILE` as `autoid-sign -k KEY FILE`, as the parser does.
    static func droppingDefault(_ command: String, from arguments: [String]) -> ArraySlice<String> {
        arguments.first == command ? arguments.dropFirst() : arguments[...]
    }

    /// Whether the argument parser can read `argument` only as an option's value or an operand: it is not
    /// empty and does not start with `-` (an option, `--`, or `-` for standard input). A fast path
    /// leaves every line with any other argument to the parser.
    static func isPlain(_ argument: String) -> Bool { !argument.isEmpty && !argument.hasPrefix("-") }

    /// How a fast path takes one of its options.
    enum Arity {
        /// A flag, on its own.
        case flag
        /// An option followed by its value, which must be plain.
        case value
    }

    /// One argument (or option with its value) as a fast path reads it.
    enum Item {
        case flag(String)
        case option(String, value: String)
        case operand(String)
    }

    /// `arguments` as flags, options with their values and operands, in command-line order; nil for a
    /// line a fast path leaves to the parser.
    ///
    /// `arity` names every spelling of the options the command's fast path takes (nil for any other):
    /// an argument that is not plain and not one of those (another option, `--`, `-` for standard
    /// input, `--name=value`, grouped short flags, an empty argument), or such an option whose value is
    /// missing or not plain, gives nil.
    private static func items(_ arguments: ArraySlice<String>, arity: (String) -> Arity?) -> [Item]? {
        var items: [Item] = []
        items.reserveCapacity(arguments.count)
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            index += 1
            if isPlain(argument) {
                items.append(.operand(argument))
                continue
            }
            switch arity(argument) {
            case nil:
                return nil
            case .flag:
                items.append(.flag(argument))
            case .value:
                guard index < arguments.endIndex, isPlain(arguments[index]) else { return nil }
                items.append(.option(argument, value: arguments[index]))
                index += 1
            }
        }
        return items
    }

    /// Reads `arguments` as ``items(_:arity:)`` does and hands each item, in order, to `take`, which
    /// returns false for an item its fast path does not read; false when the line goes to the parser.
    static func read(_ arguments: ArraySlice<String>, arity: (String) -> Arity?, take: (Item) -> Bool) -> Bool {
        guard let items = items(arguments, arity: arity) else { return false }
        for item in items where !take(item) { return false }
        return true
    }

    /// Appends a value of an option the parser collects in order (or an operand); always read.
    static func append<Value>(_ list: inout [Value], _ value: Value) -> Bool {
        list.append(value)
        return true
    }

    /// Sets a flag the first time; false if it is set already (the parser may refuse a repeated flag or
    /// take it: such lines are left to it).
    static func setOnce(_ flag: inout Bool) -> Bool {
        guard !flag else { return false }
        flag = true
        return true
    }

    /// Sets an option the parser takes once, the first time; false if it is set already (the parser
    /// keeps the last value: such lines are left to it).
    static func setOnce<Value>(_ slot: inout Value?, _ value: Value) -> Bool {
        guard slot == nil else { return false }
        slot = value
        return true
    }
}
