import AutoIDVerdict
import ArgumentParser
import AutoIDFiles
import AutoIDJSON
import AutoIDState

extension StateAudit {
    /// `state-audit headers`: check that block headers form a chain.
    struct Headers: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "headers",
            abstract: "Check that block headers link: each parentHash is the previous header's hash.",
            discussion: """
                Each FILE holds one header (chain_getHeader JSON or SCALE hex), a JSON array of them, or \
                JSON Lines with one per line. Headers are taken in order; each must have number one above \
                the previous and parentHash equal to the BLAKE2b-256 hash of the previous header's \
                encoding. --expect-last checks the hash of the final header.
                """)

        @Argument(help: ArgumentHelp("Header files, in chain order.", valueName: "file"))
        var files: [String]

        @Option(help: ArgumentHelp("The hash the last header must have.", valueName: "hash"))
        var expectLast: String?

        @OptionGroup var report: ReportOptions

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("Name at least one header file.") }
        }

        func run() throws {
            var status = ExitStatus.ok
            try reportingErrors(tool: "state-audit", verbose: report.verbose) {
                var headers: [(BlockHeader, String)] = []
                for file in files {
                    for (index, value) in try Self.headerValues(file).enumerated() {
                        headers.append((try BlockHeader(json: value, source: "\(file)[\(index)]"), "\(file)[\(index)]"))
                    }
                }
                var checks: [AuditCheck] = []
                for (previous, current) in zip(headers, headers.dropFirst()) {
                    let name = "#\(current.0.number) follows #\(previous.0.number)"
                    if current.0.number != previous.0.number + 1 {
                        checks.append(AuditCheck(name: name, failure: "number \(current.0.number) does not follow \(previous.0.number) (\(current.1))"))
                    } else if current.0.parentHash != previous.0.hash {
                        checks.append(AuditCheck(
                            name: name, failure: "parentHash \(current.0.parentHash.hex) is not the hash of #\(previous.0.number), \(previous.0.hash.hex)",
                            detail: "\(current.1) does not build on \(previous.1): a fork, a gap, or an altered header"))
                    } else {
                        checks.append(AuditCheck(name: name))
                    }
                }
                if let expectLast, let last = headers.last {
                    checks.append(
                        ChainSpec.compare("last header #\(last.0.number) hash", expected: expectLast, actual: last.0.hash))
                }
                let lines = headers.map { "#\($0.0.number)  \($0.0.hash.hex)  state root \($0.0.stateRoot.hex)" }
                let fields: [String: JSONValue] = [
                    "headers": .array(headers.map { .object(["number": .integer($0.0.number), "hash": .string($0.0.hash.hex), "source": .string($0.1)]) }),
                ]
                status = try AuditOutcome(fields: fields, lines: lines, checks: checks).emit(report, suite: "state-audit headers")
            }
            if status != .ok { throw status.exitCode }
        }

        /// The header values in one file: a single header, an array, or JSON Lines.
        static func headerValues(_ path: String) throws -> [JSONValue] {
            let bytes = try SmallFile.read(path: path, limit: 256 * 1024 * 1024)
            if let value = try? Snapshot.readJSON(path) {
                if let array = value.arrayValue { return array }
                return [value]
            }
            return try bytes.split(separator: 0x0a).filter { !$0.allSatisfy { $0 == 0x20 || $0 == 0x0d } }.enumerated().map { index, line in
                do {
                    return try JSONParser.parse(Array(line))
                } catch {
                    throw StateError(.invalidInput, "\(path): line \(index + 1): \(error)", offset: nil, hint: "one header per line")
                }
            }
        }
    }
}
