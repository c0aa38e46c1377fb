import ArgumentParser

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
/// plain value, operands, in any order; `--name=value`, grouped short flags, `--`, `-` and options
/// given again, as the parser reads them) and leaves every other line to the parser, which reads
/// it (and words any error) as always. `FastPathTests` hold both readings equal.
enum FastPath {
    /// False when the environment says `AUTOID_FAST_PATH=0`: every line goes to the argument parser, so
    /// tests (and a user in doubt) can run one command line both ways and compare.
    static let isEnabled = isEnabled(environment: getenv("AUTOID_FAST_PATH").map { String(cString: $0) })

    /// Whether fast paths run, given the value of `AUTOID_FAST_PATH` (nil when unset).
    static func isEnabled(environment value: String?) -> Bool { value != "0" }

    /// What `TOOL --version` prints, when `arguments` are exactly that and the tool has a version:
    /// the parser's answer (the version on a line of its own, exit status 0) without its ~1 ms of CPU
    /// reflecting every command. Any other line, `--version` beside anything else included, is the
    /// parser's. The same answer as long as no root command declares a `--version` option of its own
    /// (none does; the parser checks its built-in flag on the root before entering a default
    /// subcommand, so theirs never matter).
    static func version(_ arguments: [String], of configuration: CommandConfiguration) -> String? {
        arguments == ["--version"] && !configuration.version.isEmpty ? configuration.version : nil
    }

    /// `arguments` without a first argument that names `command`, the default subcommand: a fast path
    /// reads `autoid-sign sign -k KEY FILE` as `autoid-sign -k KEY FILE`, as the parser does.
    static func droppingDefault(_ command: String, from arguments: [String]) -> ArraySlice<String> {
        arguments.first == command ? arguments.dropFirst() : arguments[...]
    }

    /// Whether the argument parser can read `argument` only as an option's value or an operand: it is not
    /// empty and does not start with `-` (an option, `--`, or `-` for standard input). The only values
    /// a fast path takes.
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
    /// `arity` names every spelling of the options the command's fast path takes (nil for any other).
    /// Read as the parser reads them: an option followed by its value or as `--name=value`, short flags
    /// grouped (`-qv`), `-` (standard input) as an operand, and every argument after `--` as an operand.
    /// Anything else gives nil: another option, a value that is missing, empty or starts with `-`, a
    /// group with a letter that is not a flag of ours, an empty argument.
    private static func items(_ arguments: ArraySlice<String>, arity: (String) -> Arity?) -> [Item]? {
        var items: [Item] = []
        items.reserveCapacity(arguments.count)
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            index += 1
            if isPlain(argument) || argument == "-" {
                items.append(.operand(argument))
                continue
            }
            if argument == "--" {
                for operand in arguments[index...] {
                    guard !operand.isEmpty else { return nil }
                    items.append(.operand(operand))
                }
                return items
            }
            switch arity(argument) {
            case .flag:
                items.append(.flag(argument))
            case .value:
                guard index < arguments.endIndex, isPlain(arguments[index]) else { return nil }
                items.append(.option(argument, value: arguments[index]))
                index += 1
            case nil:
                guard let spelled = optionWithValue(argument, arity: arity) ?? groupedFlags(argument, arity: arity) else { return nil }
                items.append(contentsOf: spelled)
            }
        }
        return items
    }

    /// `--name=value` as the option and its value, when `--name` takes one and `value` is plain (the
    /// parser reads `--name=` as `--name` and takes the next argument).
    private static func optionWithValue(_ argument: String, arity: (String) -> Arity?) -> [Item]? {
        guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else { return nil }
        let name = String(argument[..<equals])
        let value = String(argument[argument.index(after: equals)...])
        guard arity(name) == .value, isPlain(value) else { return nil }
        return [.option(name, value: value)]
    }

    /// `-abc` as the flags `-a`, `-b` and `-c`, when each letter is a short flag the fast path takes
    /// (a group that ends in an option taking a value is left to the parser).
    private static func groupedFlags(_ argument: String, arity: (String) -> Arity?) -> [Item]? {
        let letters = argument.utf8.dropFirst()
        guard argument.utf8.count > 2, argument.utf8.first == UInt8(ascii: "-"),
            letters.allSatisfy({ (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0 | 0x20) })
        else { return nil }
        var flags: [Item] = []
        for letter in letters {
            let flag = "-" + String(UnicodeScalar(letter))
            guard arity(flag) == .flag else { return nil }
            flags.append(.flag(flag))
        }
        return flags
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

    /// Sets a flag; a repeated flag is taken as once, as the parser takes it.
    static func set(_ flag: inout Bool) -> Bool {
        flag = true
        return true
    }

    /// Sets an option the parser takes once; given again, the last value counts, as in the parser.
    static func set<Value>(_ slot: inout Value?, _ value: Value) -> Bool {
        slot = value
        return true
    }
}
