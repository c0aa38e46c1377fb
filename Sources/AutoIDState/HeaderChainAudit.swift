import AutoIDJSON
public import AutoIDReports

/// `state-audit headers`: block headers, in order, form a chain: each has the number one above the previous
/// and a parentHash equal to the previous header's hash (BLAKE2b-256 of its encoding).
public struct HeaderChainAudit: Sendable {
    /// One header and where it came from (`FILE[INDEX]`), which failed links name.
    public struct Entry: Sendable {
        /// The header.
        public var header: BlockHeader
        /// Where it was read: the file and the header's position in it.
        public var source: String

        /// `header`, read from `source`.
        public init(_ header: BlockHeader, source: String) {
            self.header = header
            self.source = source
        }
    }

    /// The hash the last header must have, as given (a value that is not a hash fails its check).
    public var expectedLastHash: String?

    /// An audit that also checks the last hash when `expectedLastHash` is given.
    public init(expectedLastHash: String? = nil) {
        self.expectedLastHash = expectedLastHash
    }

    /// The report on `headers`: one check per link (a header and the one before it), then the last hash.
    /// No headers at all is a failed check: an empty file or `[]` proves nothing, and must not pass for a
    /// chain that ends in the expected hash.
    public func run(_ headers: [Entry]) -> AuditReport {
        var checks: [AuditCheck] = []
        if headers.isEmpty {
            let what = expectedLastHash == nil ? "" : ", so none can have the expected last hash"
            checks.append(AuditCheck(name: "headers present", failure: "the input holds no headers\(what)"))
        }
        for (previous, current) in zip(headers, headers.dropFirst()) {
            checks.append(Self.link(previous, current))
        }
        if let expectedLastHash, let last = headers.last?.header {
            checks.append(ExpectedHash.check("last header #\(last.number) hash", expected: expectedLastHash, actual: last.hash))
        }
        let lines = headers.map { "#\($0.header.number)  \($0.header.hash.hex)  state root \($0.header.stateRoot.hex)" }
        let fields: [String: JSONValue] = [
            "headers": .array(
                headers.map {
                    .object(["number": .integer($0.header.number), "hash": .string($0.header.hash.hex), "source": .string($0.source)])
                })
        ]
        return AuditReport(fields: fields, lines: lines, checks: checks)
    }

    /// Whether `current` builds on `previous`: a number one higher, then a parentHash that is its hash.
    private static func link(_ previous: Entry, _ current: Entry) -> AuditCheck {
        let (parent, child) = (previous.header, current.header)
        let name = "#\(child.number) follows #\(parent.number)"
        if child.number != parent.number + 1 {
            return AuditCheck(name: name, failure: "number \(child.number) does not follow \(parent.number) (\(current.source))")
        }
        if child.parentHash != parent.hash {
            return AuditCheck(
                name: name, failure: "parentHash \(child.parentHash.hex) is not the hash of #\(parent.number), \(parent.hash.hex)",
                detail: "\(current.source) does not build on \(previous.source): a fork, a gap, or an altered header")
        }
        return AuditCheck(name: name)
    }

    /// The headers in one file's bytes: one header (chain_getHeader JSON or a SCALE hex string), a JSON array
    /// of them, or JSON Lines with one per line. Each is named `source[INDEX]`.
    ///
    /// Contents up to ``StateDocument/sizeLimit`` that parse as one document are that document; anything
    /// else is read as JSON Lines (blank lines skipped; errors name the line among the non-blank ones).
    public static func entries(in bytes: [UInt8], source: String) throws(StateError) -> [Entry] {
        var entries: [Entry] = []
        for (index, value) in try values(in: bytes, source: source).enumerated() {
            let name = "\(source)[\(index)]"
            entries.append(Entry(try BlockHeader(json: value, source: name), source: name))
        }
        return entries
    }

    private static func values(in bytes: [UInt8], source: String) throws(StateError) -> [JSONValue] {
        if bytes.count <= StateDocument.sizeLimit, let value = try? StateDocument.parse(bytes, source: source) {
            return value.arrayValue ?? [value]
        }
        let lines = bytes.split(separator: 0x0a).filter { !$0.allSatisfy { $0 == 0x20 || $0 == 0x0d } }
        var values: [JSONValue] = []
        for (index, line) in lines.enumerated() {
            do {
                values.append(try JSONParser.parse(Array(line)))
            } catch {
                throw StateError(.invalidInput, "\(source): line \(index + 1): \(error)", offset: nil, hint: "one header per line")
            }
        }
        return values
    }
}
