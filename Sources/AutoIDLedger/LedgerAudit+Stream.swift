import AutoIDFiles
import AutoIDHashing
import AutoIDJSON
public import AutoIDReports
import AutoIDState

extension LedgerAudit {
    /// A snapshot's ledger as read, with what the report says about the snapshot.
    public struct Read: Sendable {
        public let ledger: LedgerState
        public let settings: Settings
        /// The snapshot's format and its number of pairs.
        public let format: String
        public let pairCount: Int
    }

    /// Audits the snapshot at `path` (`-`: standard input), named `name`: see ``read(path:name:limit:keepAccounts:)``.
    public func run(path: String, name: String, limit: Int) throws -> AuditReport {
        report(try read(path: path, name: name, limit: limit), name: name)
    }

    /// Audits the snapshot at `path` and, against the earlier one at `previous`, checks that `journals`
    /// (verified, in order) explain every change (``LedgerChange``). Both snapshots keep their accounts in
    /// memory for the comparison.
    public func run(path: String, name: String, previous: String, journals: [LedgerJournal.Verified], limit: Int) throws -> AuditReport {
        let current = try read(path: path, name: name, limit: limit, keepAccounts: true)
        let earlier = try read(path: previous, name: previous, limit: limit, keepAccounts: true)
        var report = report(current, name: name)
        let unit = current.settings.unit
        let change = LedgerChange.checks(
            previous: earlier.ledger, current: current.ledger, journals: journals, unit: unit, ss58Format: current.settings.ss58Format)
        report.lines.append("previous       \(previous) (\(earlier.format), \(earlier.pairCount) pairs)")
        report.lines.append(contentsOf: change.lines)
        report.fields["previous"] = .object([
            "snapshot": .string(previous), "accounts": .integer(earlier.ledger.accountCount), "total": .string(earlier.ledger.total.description),
            "totalIssuance": { if case .value(let value) = earlier.ledger.issuance { return .string(String(value)) } else { return .null } }(),
        ])
        report.fields.merge(change.fields) { $1 }
        // The earlier snapshot's own records must decode too, or its accounts cannot be compared.
        report.checks.append(
            Self.problemCheck(
                "every System.Account record of the previous snapshot decodes exactly", earlier.ledger.malformed, unit: unit,
                ss58Format: current.settings.ss58Format, what: "record(s) are malformed"))
        report.checks.append(contentsOf: change.checks)
        return report
    }

    func report(_ read: Read, name: String) -> AuditReport {
        var report = Self.report(read.ledger, settings: read.settings)
        report.fields["snapshot"] = .string(name)
        report.fields["format"] = .string(read.format)
        report.lines.insert("snapshot       \(name) (\(read.format), \(read.pairCount) pairs)", at: 0)
        if let lists = autoIDs?.lists, !lists.isEmpty {
            for list in lists { report.lines.append("account list   \(list.source): \(list.entries) entries, signed by '\(list.issuer)'") }
            report.fields["accountLists"] = .array(
                lists.map { .object(["source": .string($0.source), "issuer": .string($0.issuer), "entries": .integer($0.entries)]) })
        }
        return report
    }

    /// Reads the ledger of the snapshot at `path` (`-`: standard input). A flat snapshot file (a map, a
    /// state_getPairs array bare or in a JSON-RPC response, JSON Lines) is streamed: memory stays at a few
    /// buffers, whatever the number of accounts (unless `keepAccounts`), and a second pass is made only when
    /// its keys are not in order (to find records given twice). A raw chain spec, a shape only the whole
    /// reader reads, and standard input are read whole, up to `limit` bytes, as ``StateSnapshot`` reads them.
    ///
    /// - Throws: ``FileError`` when the input cannot be read; ``StateError`` when it is not a snapshot.
    public func read(path: String, name: String, limit: Int, keepAccounts: Bool = false) throws -> Read {
        let source = InputSource(argument: path)
        if case .file = source, let read = try streamed(source, keepAccounts: keepAccounts) { return read }
        let snapshot = try StateSnapshot(jsonBytes: try SmallFile.read(source, limit: limit), source: name)
        let settings = settings(for: snapshot)
        let ledger = LedgerState(
            pairs: snapshot.top, systemPallet: systemPallet, balancesPallet: balancesPallet, existentialDeposit: settings.existentialDeposit,
            keepAccounts: keepAccounts, keysMayRepeat: snapshot.format == .pairs || snapshot.format == .jsonLines, autoIDs: autoIDs)
        return Read(ledger: ledger, settings: settings, format: snapshot.format.rawValue, pairCount: snapshot.top.count)
    }

    /// The ledger of a flat snapshot file (a map, pairs bare or in a JSON-RPC response, JSON Lines), read
    /// as a stream (``SnapshotStream/forEachFlatPair(path:name:_:)``), or `nil` for a chain spec (whose
    /// properties may come after its pairs) or a shape only the whole reader reads.
    private func streamed(_ source: InputSource, keepAccounts: Bool) throws -> Read? {
        let path = source.description
        var builder = LedgerState.Builder(
            systemPallet: systemPallet, balancesPallet: balancesPallet, existentialDeposit: existentialDeposit, keepAccounts: keepAccounts,
            autoIDs: autoIDs)
        guard let read = try SnapshotStream.forEachFlatPair(path: path, name: path, { builder.add(key: $0, value: $1) }) else { return nil }
        var repeated: [[UInt8]] = []
        if !builder.keysAscending {
            // Out of order: keys may repeat. A second pass keeps the account keys in a set.
            let prefix = LedgerLayout.accountPrefix(pallet: systemPallet)
            var seen = Set<[UInt8]>()
            var twice = Set<[UInt8]>()
            _ = try SnapshotStream.forEachFlatPair(path: path, name: path) { key, _ in
                guard key.starts(with: prefix) else { return }
                let bytes = Array(key)
                if !seen.insert(bytes).inserted { twice.insert(bytes) }
            }
            repeated = twice.sorted { $0.lexicographicallyPrecedes($1) }
        }
        if read.format == .map, let key = repeated.first {
            // In a map a key given twice is malformed JSON, as the whole reader says (repeats of other keys
            // than accounts are not looked for: they do not change the ledger).
            throw StateError(
                .invalidInput, "\(path): $: key 0x\(Hex.encode(key.prefix(64))) is given twice",
                hint: "a JSON object names each key once; remove the repeated member")
        }
        let settings = Settings(
            unit: TokenUnit(symbol: tokenSymbol, decimals: tokenDecimals ?? 0), existentialDeposit: existentialDeposit, ss58Format: ss58Format)
        return Read(ledger: builder.finish(repeatedKeys: repeated), settings: settings, format: read.format.rawValue, pairCount: read.pairCount)
    }
}
