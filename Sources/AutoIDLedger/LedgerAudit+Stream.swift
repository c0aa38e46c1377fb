import AutoIDFiles
public import AutoIDReports
import AutoIDState

extension LedgerAudit {
    /// Thrown inside a read to stop it early; never escapes.
    private struct StopReading: Error {}

    /// Audits the snapshot at `path` (`-`: standard input), named `name`. A file in the shape large dumps
    /// come in (a state_getPairs array or JSON Lines of pairs) is streamed: memory stays at a few
    /// buffers, whatever the number of accounts, and a second pass is made only when its keys are not in
    /// order (to find records given twice). Any other snapshot (a raw chain spec, a map, a JSON-RPC
    /// response) and standard input are read whole, up to `limit` bytes, as ``StateSnapshot`` reads them.
    ///
    /// - Throws: ``FileError`` when the input cannot be read; ``StateError`` when it is not a snapshot.
    public func run(path: String, name: String, limit: Int) throws -> AuditReport {
        let source = InputSource(argument: path)
        if case .file = source, let report = try streamed(source, name: name) { return report }
        return run(try StateSnapshot(jsonBytes: try SmallFile.read(source, limit: limit), source: name), name: name)
    }

    /// The audit of a streamable file, or `nil` when the file has another shape.
    private func streamed(_ source: InputSource, name: String) throws -> AuditReport? {
        var builder = LedgerState.Builder(systemPallet: systemPallet, balancesPallet: balancesPallet, existentialDeposit: existentialDeposit)
        var stream = SnapshotPairStream()
        guard try read(source, with: &stream, { builder.add(key: $0, value: $1) }) else { return nil }
        var repeated: [[UInt8]] = []
        if !builder.keysAscending {
            // Out of order: keys may repeat. A second pass keeps the account keys in a set.
            let prefix = LedgerLayout.accountPrefix(pallet: systemPallet)
            var seen = Set<[UInt8]>()
            var twice = Set<[UInt8]>()
            var again = SnapshotPairStream()
            _ = try read(source, with: &again) { key, _ in
                guard key.starts(with: prefix) else { return }
                let bytes = Array(key)
                if !seen.insert(bytes).inserted { twice.insert(bytes) }
            }
            repeated = twice.sorted { $0.lexicographicallyPrecedes($1) }
        }
        let ledger = builder.finish(repeatedKeys: repeated)
        let settings = Settings(
            unit: TokenUnit(symbol: tokenSymbol, decimals: tokenDecimals ?? 0), existentialDeposit: existentialDeposit, warnings: [])
        var report = Self.report(ledger, settings: settings)
        report.fields["snapshot"] = .string(name)
        report.fields["format"] = .string(stream.format.rawValue)
        report.lines.insert("snapshot       \(name) (\(stream.format.rawValue), \(stream.pairCount) pairs)", at: 0)
        return report
    }

    /// Streams `source` through `stream`; `false` as soon as it has another shape.
    private func read(
        _ source: InputSource, with stream: inout SnapshotPairStream, _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> Void
    ) throws -> Bool {
        do {
            try source.forEachChunk { chunk in
                guard stream.feed(chunk, body) else { throw StopReading() }
            }
        } catch is StopReading {
            return false
        }
        guard case .pairs = stream.finish(body) else { return false }
        return true
    }
}
