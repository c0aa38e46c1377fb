import ArgumentParser
import AutoIDFiles

/// `--files-from FILE` and `-0`: operands read from a file (or standard input) instead of the command
/// line, one per line or NUL-terminated, so that 10,000 names cost one read instead of the argument
/// parser's work per operand.
struct FileListOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Also take the files named in this file, one per line (- for standard input).", valueName: "list"))
    var filesFrom: String?

    @Flag(name: [.customShort("0"), .customLong("null")], help: "With --files-from, names end with a NUL byte instead of a newline.")
    var nullSeparated = false

    /// The largest list read, and the most names in it.
    static let sizeLimit = 256 << 20
    static let countLimit = 4_000_000

    /// The usage error for -0 without --files-from.
    static let nullNeedsList = "-0 describes the --files-from list; add --files-from."

    func validate() throws {
        if nullSeparated && filesFrom == nil { throw ValidationError(Self.nullNeedsList) }
    }

    /// `operands`, then the names in the --files-from list (empty names are skipped).
    func names(after operands: [String]) throws -> [String] {
        try Self.names(after: operands, filesFrom: filesFrom, nullSeparated: nullSeparated)
    }

    /// ``names(after:)`` for values taken off the command line without the argument parser.
    /// (`countLimit` is the most names in all, operands included; tests make it small.)
    static func names(after operands: [String], filesFrom: String?, nullSeparated: Bool, countLimit: Int = countLimit) throws -> [String] {
        guard let filesFrom else { return operands }
        let bytes = try SmallFile.read(path: filesFrom, limit: sizeLimit)
        var names = operands
        for piece in bytes.split(separator: nullSeparated ? 0 : 0x0a) {
            guard names.count < countLimit else {
                throw FileError(
                    code: .tooMany(limit: countLimit, items: "names"), operation: "read", path: filesFrom,
                    hint: "split the list and run once per part, e.g. with split -l")
            }
            // A name that is not UTF-8 is refused, not repaired into the name of another file.
            guard let name = String(validating: piece, as: UTF8.self) else {
                throw FileError(
                    code: .refusedName("name \(names.count - operands.count + 1) is not UTF-8: '\(DisplayName.escape(bytes: Array(piece)))'"),
                    operation: "read", path: filesFrom, hint: "rename the file with a UTF-8 name")
            }
            names.append(name)
        }
        return names
    }
}
