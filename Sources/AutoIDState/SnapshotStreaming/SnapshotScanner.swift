import AutoIDHashing
import AutoIDJSON
import AutoIDVerdict

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads every snapshot form ``StateSnapshot`` reads (a raw chain spec, a key/value map, a
/// `state_getPairs` array bare or in a JSON-RPC response, JSON Lines of pairs) chunk by chunk, without a
/// JSON tree, handing each decoded key and value to the caller as soon as it is read.
///
/// Memory: one input chunk plus the longest string in it (a runtime's `:code`), and the decoded key and
/// value of one pair in reused buffers. What it accepts it reads as the same pairs ``StateSnapshot``
/// does. It is stricter in three ways a real dump never meets, each a ``Failure`` (the caller hands a small
/// input to ``StateSnapshot`` instead, which then says exactly what it always said): strings with escape
/// sequences where a key or value is expected; a chain spec or JSON-RPC response that also has hex
/// members at its top level (``StateSnapshot`` ignores them); a `result` that is a chain spec.
/// Values it skips (a chain spec's `bootNodes`, `codeSubstitutes`...) are checked only for balanced
/// brackets and strings, and nested at most ``JSONParser/maximumDepth`` deep.
struct SnapshotScanner {
    /// Where a pair lies: the top trie (a flat snapshot's pairs, or a chain spec's `genesis.raw.top`) or
    /// the default child trie with this index (in file order).
    typealias Trie = Int
    static let top: Trie = -1

    /// Why the input could not be streamed: `error` when it is the error ``StateSnapshot`` gives for the
    /// same input (word for word), else a reason at a byte offset.
    struct Failure: ReportableError, CustomStringConvertible {
        var offset: Int
        var reason: String
        var error: StateError?

        /// Malformed input (3), like every ``StateError``: readers turn it into one before it reaches a user.
        var exitStatus: ExitStatus { .malformedInput }

        var description: String { error?.description ?? "not a snapshot the streaming reader can read: \(reason) (at byte \(offset))" }
    }

    /// The longest string read (a hex key or value; `:code` is the largest, a few MiB as hex).
    static let maxStringBytes = 512 << 20
    /// The largest chain spec member kept (`name`, `id`, `properties`).
    static let maxCapturedBytes = 16 << 20

    private let bytes: SnapshotBytes
    private let source: String
    private var newlineIsSpace = true
    private var key: UnsafeMutablePointer<UInt8>
    private var keyCapacity = 1024
    private var keyCount = 0
    private var value: UnsafeMutablePointer<UInt8>
    private var valueCapacity = 1 << 16
    private var valueCount = 0

    /// What the scan found.
    private(set) var format: StateSnapshot.Format = .pairs
    /// Pairs of the top trie, counted as ``StateSnapshot/top`` counts them (repeated keys included).
    private(set) var topCount = 0
    private(set) var chainName: String?
    private(set) var chainID: String?
    private(set) var properties: JSONValue?
    /// Child tries in file order: storage key, and the member name as written (``StateSnapshot`` orders
    /// children by it).
    private(set) var children: [(storageKey: [UInt8], text: String)] = []

    /// What held a pair: a pairs array or JSON Lines, a map, a chain spec's `genesis.raw.top`, a child trie's map.
    enum Place { case array, map, chainTop, child }

    typealias PairHandler = (_ trie: Trie, _ place: Place, _ key: UnsafeBufferPointer<UInt8>, _ value: UnsafeBufferPointer<UInt8>) throws -> Void
    /// After a child trie's last pair: its index, storage key, and member name as written.
    typealias ChildHandler = (_ trie: Trie, _ storageKey: [UInt8], _ text: String) throws -> Void

    init(_ bytes: SnapshotBytes, source: String) {
        self.bytes = bytes
        self.source = source
        key = .allocate(capacity: keyCapacity)
        value = .allocate(capacity: valueCapacity)
    }

    func release() {
        key.deallocate()
        value.deallocate()
    }

    private static let shapeHint = "a snapshot is a raw chain spec, a key/value map, a state_getPairs array or JSON Lines"
    private static let hexHint = "keys and values are 0x-prefixed hex"

    // MARK: the document

    /// Reads the whole input: `pair` for every pair, `childEnded` after the last pair of each child trie.
    mutating func scan(pair: PairHandler, childEnded: ChildHandler) throws {
        try skipSpace()
        guard let first = try peek() else { throw fail("unexpected end of input") }
        switch first {
        case UInt8(ascii: "["):
            bytes.position += 1
            // JSON Lines has its first pair on the first line; a pairs array may break lines anywhere.
            newlineIsSpace = false
            try skipSpace()
            if try peek() != UInt8(ascii: "\"") {
                newlineIsSpace = true
                try skipSpace()
            }
            newlineIsSpace = true
            switch try peek() {
            case UInt8(ascii: "]"):
                bytes.position += 1
                format = .pairs
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                format = .pairs
                try pairArray(trie: Self.top, pair)
            case UInt8(ascii: "\""):
                // Reached without a newline (see below): the first line of JSON Lines.
                format = .jsonLines
                try arrayElementRest(path: .line(1), at: 0, pair)
                try endOfLine(open: 0)
                try jsonLines(linesRead: 1, pair)
                return
            default:
                throw fail("expected a pair, or the start of JSON Lines")
            }
        case UInt8(ascii: "{"):
            if try topObject(pair, childEnded) { return }
        default:
            throw fail(
                "expected a JSON object or array",
                StateError(.invalidInput, "\(source): expected a JSON object or array", offset: nil, hint: Self.shapeHint))
        }
        try skipSpace()
        if try peek() != nil { throw fail("unexpected data after the JSON value") }
    }

    /// `{`: a map, a chain spec, a JSON-RPC response, or the first line of JSON Lines of `{"key", "value"}`
    /// objects. Returns `true` when it read JSON Lines (to the end).
    private mutating func topObject(_ pair: PairHandler, _ childEnded: ChildHandler) throws -> Bool {
        let open = bytes.offset
        bytes.position += 1
        var names = Set<[UInt8]>()
        var hexMembers = 0
        var sawGenesis = false
        var sawRaw = false
        var sawTop = false
        var result: StateSnapshot.Format?
        var sawJSONRPC = false
        var notHex: String?
        var firstMember = true
        while try nextMember(first: &firstMember) {
            let name = try string()
            let nameOffset = bytes.offset
            if decodeHex(name, into: .key) {
                hexMembers += 1
                try expect(UInt8(ascii: ":"))
                try mapValue(trie: Self.top, place: .map, path: "$", pair)
                continue
            }
            let text = Array(name)
            try checkText(name)
            guard names.insert(text).inserted else { throw fail("duplicate key \"\(String(decoding: text, as: UTF8.self))\"", at: nameOffset) }
            let member = String(decoding: text, as: UTF8.self)
            if notHex == nil { notHex = member }
            try expect(UInt8(ascii: ":"))
            if member == "key" || member == "value", names.count == 1, hexMembers == 0 {
                // `{"key": ..., "value": ...}` on the first line of JSON Lines: read it as a pair element.
                newlineIsSpace = false
                try objectElementRest(firstName: member, trie: Self.top, pair)
                format = .jsonLines
                try endOfLine(open: open)
                try jsonLines(linesRead: 1, pair)
                return true
            }
            switch member {
            case "genesis":
                sawGenesis = true
                (sawRaw, sawTop) = try genesis(pair, childEnded)
            case "result":
                try skipSpace()
                switch try peek() {
                case UInt8(ascii: "["):
                    bytes.position += 1
                    try skipSpace()
                    if try peek() == UInt8(ascii: "]") {
                        bytes.position += 1
                    } else {
                        try pairArray(trie: Self.top, pair)
                    }
                    result = .pairs
                case UInt8(ascii: "{"):
                    result = .map
                    try map(trie: Self.top, place: .map, path: "$", pair)
                default:
                    try skipValue()
                }
            case "jsonrpc":
                sawJSONRPC = true
                try skipValue()
            case "name", "id", "properties":
                let start = bytes.offset
                let captured = try skipValue(capturing: true)
                let value: JSONValue
                do {
                    value = try JSONParser.parse(captured)
                } catch {
                    throw fail("invalid JSON: \(error.reason)", at: start + error.offset)
                }
                switch member {
                case "name": chainName = value.stringValue
                case "id": chainID = value.stringValue
                default: properties = value
                }
            default:
                try skipValue()
            }
        }
        if sawJSONRPC, let result {
            guard hexMembers == 0, !sawGenesis else { throw fail("a JSON-RPC response with other members beside its result", at: open) }
            format = result
            return false
        }
        if sawGenesis {
            guard hexMembers == 0, result == nil else { throw fail("a chain spec with pairs beside genesis", at: open) }
            guard sawRaw else {
                throw fail(
                    "the chain spec is not raw",
                    StateError(
                        .invalidInput, "\(source): the chain spec is not raw (no genesis.raw)", offset: nil,
                        hint: "export it with your node's `build-spec --raw`"))
            }
            guard sawTop else {
                throw fail(
                    "genesis.raw.top is missing",
                    StateError(
                        .invalidInput, "\(source): genesis.raw.top is missing or not an object", offset: nil,
                        hint: "a raw chain spec maps hex keys to hex values under genesis.raw.top"))
            }
            format = .chainSpec
            return false
        }
        if let notHex {
            throw fail(
                "key \"\(notHex.prefix(80))\" is not hex",
                StateError(.invalidInput, "\(source): $: key \"\(notHex.prefix(80))\" is not hex", offset: nil, hint: Self.hexHint))
        }
        format = .map
        return false
    }

    /// `genesis`: finds `raw` and reads its `top` and `childrenDefault`. Returns whether `raw` and `raw.top`
    /// (an object) were there.
    private mutating func genesis(_ pair: PairHandler, _ childEnded: ChildHandler) throws -> (raw: Bool, top: Bool) {
        try skipSpace()
        guard try peek() == UInt8(ascii: "{") else {
            try skipValue()
            return (false, false)
        }
        bytes.position += 1
        var names = Set<[UInt8]>()
        var first = true
        var found = (raw: false, top: false)
        while try nextMember(first: &first) {
            let name = Array(try string())
            try checkText(name)
            guard names.insert(name).inserted else { throw fail("duplicate key \"\(String(decoding: name, as: UTF8.self))\"") }
            try expect(UInt8(ascii: ":"))
            try skipSpace()
            guard name == Array("raw".utf8), try peek() == UInt8(ascii: "{") else {
                try skipValue()
                continue
            }
            bytes.position += 1
            found.raw = true
            var rawNames = Set<[UInt8]>()
            var rawFirst = true
            while try nextMember(first: &rawFirst) {
                let rawName = Array(try string())
                try checkText(rawName)
                guard rawNames.insert(rawName).inserted else { throw fail("duplicate key \"\(String(decoding: rawName, as: UTF8.self))\"") }
                try expect(UInt8(ascii: ":"))
                try skipSpace()
                let isObject = try peek() == UInt8(ascii: "{")
                if rawName == Array("top".utf8), isObject {
                    found.top = true
                    try map(trie: Self.top, place: .chainTop, path: "genesis.raw.top", pair)
                } else if rawName == Array("childrenDefault".utf8), isObject {
                    try childrenDefault(pair, childEnded)
                } else {
                    try skipValue()
                }
            }
        }
        return found
    }

    /// `childrenDefault`: child storage keys (hex) to maps of pairs.
    private mutating func childrenDefault(_ pair: PairHandler, _ childEnded: ChildHandler) throws {
        bytes.position += 1
        var first = true
        while try nextMember(first: &first) {
            let name = try string()
            let text = String(decoding: name, as: UTF8.self)
            let path = "genesis.raw.childrenDefault.\(text)"
            let storageKey: [UInt8]? = decodeHex(name, into: .key) ? Array(UnsafeBufferPointer(start: key, count: keyCount)) : nil
            try expect(UInt8(ascii: ":"))
            try skipSpace()
            guard let storageKey, try peek() == UInt8(ascii: "{") else {
                throw fail(
                    "\(path) is not a hex key with an object of pairs",
                    StateError(
                        .invalidInput, "\(source): \(path) is not a hex key with an object of pairs", offset: nil,
                        hint: "childrenDefault maps child storage keys (hex) to key/value maps"))
            }
            if children.contains(where: { $0.text == text }) { throw fail("duplicate key \"\(text.prefix(80))\"") }
            children.append((storageKey, text))
            let trie = children.count - 1
            try map(trie: trie, place: .child, path: path, pair)
            try childEnded(trie, storageKey, text)
        }
    }

    // MARK: pairs

    /// A map after its `{`... from the `{`: hex keys to hex string values.
    private mutating func map(trie: Trie, place: Place, path: String, _ pair: PairHandler) throws {
        try skipSpace()
        try expect(UInt8(ascii: "{"))
        var first = true
        while try nextMember(first: &first) {
            let name = try string()
            guard decodeHex(name, into: .key) else {
                let text = String(decoding: name, as: UTF8.self)
                throw fail(
                    "key \"\(text.prefix(80))\" is not hex",
                    StateError(.invalidInput, "\(source): \(path): key \"\(text.prefix(80))\" is not hex", offset: nil, hint: Self.hexHint))
            }
            try expect(UInt8(ascii: ":"))
            try mapValue(trie: trie, place: place, path: path, pair)
        }
    }

    /// The value of a map member whose key is decoded in `key`: a hex string; passes the pair on.
    private mutating func mapValue(trie: Trie, place: Place, path: String, _ pair: PairHandler) throws {
        try skipSpace()
        let at = bytes.offset
        guard try peek() == UInt8(ascii: "\""), decodeHex(try string(), into: .value) else {
            let shown = "0x" + Hex.encode(Array(UnsafeBufferPointer(start: key, count: min(keyCount, 40))))
            throw fail(
                "value of \(shown) is not a hex string",
                StateError(.invalidInput, "\(source): \(path).\(shown): value is not a hex string", offset: nil, hint: Self.hexHint), at: at)
        }
        try deliver(trie: trie, place: place, pair)
    }

    /// The elements of a pairs array, after its `[` (and known not to be empty), through its `]`.
    private mutating func pairArray(trie: Trie, _ pair: PairHandler) throws {
        var index = 0
        while true {
            try element(path: .index(index), pair)
            index += 1
            try skipSpace()
            guard let next = try peek() else { throw fail("unexpected end of input") }
            bytes.position += 1
            if next == UInt8(ascii: "]") { return }
            guard next == UInt8(ascii: ",") else { throw fail("expected ',' or ']'") }
        }
    }

    /// JSON Lines: one pair per line, `[` at the start of the input.
    private mutating func jsonLines(linesRead: Int, _ pair: PairHandler) throws {
        newlineIsSpace = false
        defer { newlineIsSpace = true }
        var lines = linesRead
        while true {
            try skipSpace()
            guard let next = try peek() else { break }
            if next == 0x0a {
                bytes.position += 1
                continue
            }
            let open = bytes.offset
            try element(path: .line(lines + 1), pair)
            try endOfLine(open: open)
            lines += 1
        }
        // One line alone is one JSON document: not JSON Lines, and ``StateSnapshot`` says why it is no snapshot.
        if lines < 2 { throw fail("one line alone is not JSON Lines", at: 0) }
    }

    /// After a JSON Lines element: space, then a newline or the end.
    private mutating func endOfLine(open: Int) throws {
        newlineIsSpace = false
        try skipSpace()
        if let next = try peek() {
            guard next == 0x0a else { throw fail("expected one pair per line (the line starts at byte \(open))") }
            bytes.position += 1
        }
    }

    /// One pair element: `["0xkey", "0xvalue"]` or `{"key": ..., "value": ...}` (other members skipped).
    private mutating func element(path: ElementPath, _ pair: PairHandler) throws {
        try skipSpace()
        let at = bytes.offset
        switch try peek() {
        case UInt8(ascii: "["):
            bytes.position += 1
            try arrayElementRest(path: path, at: at, pair)
        case UInt8(ascii: "{"):
            bytes.position += 1
            var first = true
            guard try nextMember(first: &first) else { throw fail("expected \"key\" and \"value\"", elementError(path), at: at) }
            let nameBytes = try string()
            try checkText(nameBytes)
            let name = String(decoding: nameBytes, as: UTF8.self)
            try expect(UInt8(ascii: ":"))
            try objectElementRest(firstName: name, trie: Self.top, pair, path: path)
        default:
            throw fail("expected a pair", elementError(path), at: at)
        }
    }

    /// Where an element is, as the whole reader names it in errors.
    enum ElementPath {
        case index(Int)
        case line(Int)
    }

    /// The whole reader's error for a malformed element (made only when one is).
    private func elementError(_ path: ElementPath) -> StateError {
        let shown: String
        switch path {
        case .index(let index): shown = "$[\(index)]"
        case .line(let line): shown = "line \(line)"
        }
        return StateError(
            .invalidInput, "\(source): \(shown): expected [\"0xkey\", \"0xvalue\"] or {\"key\", \"value\"}", offset: nil, hint: Self.hexHint)
    }

    /// The rest of a `["0xkey", "0xvalue"]` element after its `[`.
    private mutating func arrayElementRest(path: ElementPath, at: Int, _ pair: PairHandler) throws {
        try skipSpace()
        guard try peek() == UInt8(ascii: "\""), decodeHex(try string(), into: .key) else { throw fail("expected a hex key", elementError(path), at: at) }
        try expect(UInt8(ascii: ","))
        try skipSpace()
        guard try peek() == UInt8(ascii: "\""), decodeHex(try string(), into: .value) else { throw fail("expected a hex value", elementError(path), at: at) }
        try skipSpace()
        guard try peek() == UInt8(ascii: "]") else { throw fail("expected ']' after a pair", elementError(path), at: at) }
        bytes.position += 1
        try deliver(trie: Self.top, place: .array, pair)
    }

    /// The rest of a `{"key", "value"}` element whose first member is named `firstName` (its `:` read).
    private mutating func objectElementRest(firstName: String, trie: Trie, _ pair: PairHandler, path: ElementPath? = nil) throws {
        let shapeError = path.map(elementError)
        let at = bytes.offset
        var sawKey = false
        var sawValue = false
        var names: Set<String> = []
        var name = firstName
        var first = false
        while true {
            guard names.insert(name).inserted else { throw fail("duplicate key \"\(name.prefix(80))\"") }
            try skipSpace()
            switch name {
            case "key", "value":
                guard try peek() == UInt8(ascii: "\""), decodeHex(try string(), into: name == "key" ? .key : .value) else {
                    throw fail("expected a hex \(name)", shapeError, at: at)
                }
                if name == "key" { sawKey = true } else { sawValue = true }
            default:
                try skipValue()
            }
            guard try nextMember(first: &first) else { break }
            let nameBytes = try string()
            try checkText(nameBytes)
            name = String(decoding: nameBytes, as: UTF8.self)
            try expect(UInt8(ascii: ":"))
        }
        guard sawKey, sawValue else { throw fail("expected \"key\" and \"value\"", shapeError, at: at) }
        try deliver(trie: trie, place: .array, pair)
    }

    private mutating func deliver(trie: Trie, place: Place, _ pair: PairHandler) throws {
        if trie == Self.top { topCount += 1 }
        if keyCount > TrieConstants.maxKeyBytes {
            let shown = Hex.encode(Array(UnsafeBufferPointer(start: key, count: 16)))
            let what = trie == Self.top ? source : "\(source): child trie 0x\(Hex.encode(children[trie].storageKey.prefix(32)))"
            throw Failure(
                offset: bytes.offset, reason: "a key longer than a trie holds",
                error: StateError(
                    .invalidInput,
                    "\(what): a storage key is \(keyCount) bytes (0x\(shown))...; a trie key is at most \(TrieConstants.maxKeyBytes) bytes",
                    hint: "the trie format cannot encode longer keys, so this state cannot come from a Substrate chain"))
        }
        try pair(trie, place, UnsafeBufferPointer(start: key, count: keyCount), UnsafeBufferPointer(start: value, count: valueCount))
    }

    // MARK: tokens

    private func fail(_ reason: String, _ error: StateError? = nil, at offset: Int? = nil) -> Failure {
        Failure(offset: offset ?? bytes.offset, reason: reason, error: error)
    }

    /// The next byte, reading more when needed; `nil` at the end of the input.
    @inline(__always)
    private func peek() throws -> UInt8? {
        if bytes.position == bytes.end {
            guard try bytes.refill() else { return nil }
        }
        return bytes.window[bytes.position]
    }

    /// JSON white space (in JSON Lines, not the newline that ends a line). The window and position are
    /// read once per chunk: this runs between every two tokens.
    @inline(__always)
    private func skipSpace() throws {
        let newlines = newlineIsSpace
        while true {
            let window = bytes.window
            let end = bytes.end
            var at = bytes.position
            while at < end {
                let byte = window[at]
                guard byte == 0x20 || byte == 0x09 || byte == 0x0d || (byte == 0x0a && newlines) else {
                    bytes.position = at
                    return
                }
                at += 1
            }
            bytes.position = at
            guard try bytes.refill() else { return }
        }
    }

    private func expect(_ byte: UInt8) throws {
        try skipSpace()
        guard try peek() == byte else { throw fail("expected '\(Character(Unicode.Scalar(byte)))'") }
        bytes.position += 1
    }

    /// In an object after `{` (or after a member): `true` when another member follows (after its comma),
    /// `false` after the closing `}`.
    private func nextMember(first: inout Bool) throws -> Bool {
        try skipSpace()
        guard let next = try peek() else { throw fail("unexpected end of input") }
        if next == UInt8(ascii: "}") {
            bytes.position += 1
            return false
        }
        if !first {
            guard next == UInt8(ascii: ",") else { throw fail("expected ',' or '}'") }
            bytes.position += 1
            try skipSpace()
        }
        first = false
        guard try peek() == UInt8(ascii: "\"") else { throw fail("expected a member name") }
        return true
    }

    /// A string at the current position (its `"`): its raw content in the window, valid until the next read.
    /// Escapes and control characters are refused (no key or value of a snapshot has them).
    private func string() throws -> UnsafeBufferPointer<UInt8> {
        let start = bytes.offset
        bytes.position += 1  // the opening quote
        var scanned = 0
        while true {
            let from = bytes.position + scanned
            if from < bytes.end, let quote = memchr(bytes.window + from, Int32(UInt8(ascii: "\"")), bytes.end - from) {
                let close = bytes.window.distance(to: quote.assumingMemoryBound(to: UInt8.self))
                let content = UnsafeBufferPointer(start: bytes.window + bytes.position, count: close - bytes.position)
                if memchr(content.baseAddress!, Int32(UInt8(ascii: "\\")), content.count) != nil {
                    throw fail("escape sequences are not read in a streamed snapshot", at: start)
                }
                bytes.position = close + 1
                return content
            }
            scanned = bytes.end - bytes.position
            guard scanned <= Self.maxStringBytes else { throw fail("a string longer than \(Self.maxStringBytes) bytes", at: start) }
            guard try bytes.refill() else { throw fail("unexpected end of input inside a string", at: start) }
        }
    }

    private enum Destination { case key, value }

    /// Decodes `text` (hex, `0x` optional, as ``Hex/decode(_:)``) into the key or value buffer; `false` if it is not hex.
    private mutating func decodeHex(_ text: UnsafeBufferPointer<UInt8>, into destination: Destination) -> Bool {
        var start = 0
        if text.count >= 2, text[0] == UInt8(ascii: "0"), text[1] | 0x20 == UInt8(ascii: "x") { start = 2 }
        let digits = text.count - start
        guard digits % 2 == 0 else { return false }
        let count = digits / 2
        let out: UnsafeMutablePointer<UInt8>
        switch destination {
        case .key:
            if count > keyCapacity {
                key.deallocate()
                keyCapacity = max(count, keyCapacity * 2)
                key = .allocate(capacity: keyCapacity)
            }
            out = key
        case .value:
            if count > valueCapacity {
                value.deallocate()
                valueCapacity = max(count, valueCapacity * 2)
                value = .allocate(capacity: valueCapacity)
            }
            out = value
        }
        guard let input = text.baseAddress.map({ $0 + start }) else {
            if destination == .key { keyCount = 0 } else { valueCount = 0 }
            return true
        }
        guard Hex.decode(digits: input, count: count, into: out) else { return false }
        if destination == .key { keyCount = count } else { valueCount = count }
        return true
    }

    /// A member name that is not hex: text as JSON allows it (no control characters, valid UTF-8).
    private func checkText<Bytes: Collection<UInt8>>(_ text: Bytes) throws {
        guard !text.contains(where: { $0 < 0x20 }), String(validating: text, as: UTF8.self) != nil else {
            throw fail("a member name that is not valid JSON text")
        }
    }

    /// Skips one JSON value: values up to ``maxCapturedBytes`` are parsed as JSON (so what the whole
    /// reader refuses is refused here too), larger ones checked for balanced brackets and strings.
    private func skipValue() throws {
        let start = bytes.offset
        let text = try skipValue(capturing: true, limit: false)
        guard text.count <= Self.maxCapturedBytes else { return }
        do {
            _ = try JSONParser.parse(text)
        } catch {
            throw fail("invalid JSON: \(error.reason)", at: start + error.offset)
        }
    }

    /// Skips one JSON value (checking only brackets and strings), returning its text when `capturing`
    /// (up to ``maxCapturedBytes``: over it a failure when `limit`, else the text stops growing).
    @discardableResult
    private func skipValue(capturing: Bool, limit: Bool = true) throws -> [UInt8] {
        try skipSpace()
        var captured: [UInt8] = []
        let start = bytes.offset
        var depth = 0
        var inString = false
        var escaped = false
        while true {
            guard let byte = try peek() else { throw fail("unexpected end of input", at: start) }
            if capturing, captured.count <= Self.maxCapturedBytes {
                captured.append(byte)
                if limit, captured.count > Self.maxCapturedBytes { throw fail("a chain spec member over \(Self.maxCapturedBytes) bytes", at: start) }
            }
            bytes.position += 1
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if depth == 0 { return captured }
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                guard depth <= JSONParser.maximumDepth else { throw fail("nested too deeply", at: start) }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                guard depth >= 0 else { throw fail("unexpected '\(Character(Unicode.Scalar(byte)))'") }
                if depth == 0 { return captured }
            default:
                if depth == 0 {
                    // A number or literal: ends before a delimiter.
                    while let next = try peek(), !Self.delimiters.contains(next) {
                        if capturing, captured.count <= Self.maxCapturedBytes { captured.append(next) }
                        bytes.position += 1
                    }
                    return captured
                }
            }
        }
    }

    private static let delimiters: Set<UInt8> = [UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0a, 0x0d]
}
