/// Reads the pairs of a snapshot chunk by chunk, without a JSON tree, in the two shapes large state dumps
/// come in: a `state_getPairs` array, `[["0xkey","0xvalue"], ...]`, and JSON Lines of such pairs.
///
/// Only a strict subset of JSON is accepted: an element is exactly `[`, a `"0x…"` string of an even
/// number of hex digits, `,`, another such string and `]`, with JSON whitespace between tokens. Anything
/// else (escapes, other value types, a JSON-RPC envelope, a map, a chain spec, a key longer than a trie
/// can hold, an element over ``maxElementBytes``) ends the stream with ``Outcome/otherShape``: the caller
/// then reads the input with ``StateSnapshot``, which knows every shape and says what is wrong. Whatever
/// this reader accepts, ``StateSnapshot`` reads as the same pairs.
///
/// Memory: the unparsed tail of the last chunk plus one element; the decoded key and value are handed
/// to the caller in reused buffers, valid only during the call.
public struct SnapshotPairStream {
    /// The largest element (one pair's text) accepted: 256 MiB, room for a runtime's `:code`.
    public static let maxElementBytes = 256 << 20

    /// How the stream ended.
    public enum Outcome: Sendable, Equatable {
        /// The whole input had one of the two shapes; this many pairs were passed on.
        case pairs(Int)
        /// The input has another shape (or is not valid); read it with ``StateSnapshot`` instead.
        case otherShape
    }

    private enum Shape { case unknown, array, lines }
    private enum Position { case start, afterOpen, afterElement, closed }

    private var shape = Shape.unknown
    private var position = Position.start
    private var pending: [UInt8] = []
    private var key: [UInt8] = []
    private var value: [UInt8] = []
    private var count = 0
    private var failed = false

    public init() {}

    /// The pairs passed on so far.
    public var pairCount: Int { count }

    /// The snapshot format the stream found: ``StateSnapshot/Format/pairs`` or ``StateSnapshot/Format/jsonLines``.
    public var format: StateSnapshot.Format { shape == .lines ? .jsonLines : .pairs }

    /// Parses `chunk` after what came before, calling `body(key, value)` for every complete pair.
    /// Returns `false` once the input is known not to have a streamable shape (nothing more is passed on).
    public mutating func feed(
        _ chunk: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Void
    ) rethrows -> Bool {
        guard !failed else { return false }
        pending.append(contentsOf: chunk)
        let consumed = try parse(final: false, body)
        if failed { return false }
        if consumed > 0 { pending.removeFirst(consumed) }
        if pending.count > Self.maxElementBytes {
            failed = true
            return false
        }
        return true
    }

    /// Ends the input: parses what is left and says whether the whole input had a streamable shape.
    public mutating func finish(_ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Void) rethrows -> Outcome {
        guard !failed else { return .otherShape }
        _ = try parse(final: true, body)
        guard !failed else { return .otherShape }
        switch (shape, position) {
        case (.array, .closed), (.lines, .afterElement), (.lines, .afterOpen): return .pairs(count)
        default: return .otherShape
        }
    }

    /// Parses `pending` from the start; returns how many bytes were used up. A pair is passed on only
    /// once complete, and is then always used up, so no pair is passed on twice.
    private mutating func parse(
        final: Bool, _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Void
    ) rethrows -> Int {
        let bytes = pending
        return try bytes.withUnsafeBufferPointer { buffer -> Int in
            var used = 0
            while true {
                var at = used
                skipSpace(buffer, &at, newlines: shape != .lines)
                if at == buffer.count { return at }  // only space left
                switch (shape, position) {
                case (.unknown, _):
                    // `[` then `[` or `]` (an array of pairs) or `"` (a JSON Lines pair): decided once both are seen.
                    guard buffer[at] == UInt8(ascii: "[") else { return fail() }
                    var next = at + 1
                    skipSpace(buffer, &next, newlines: true)
                    if next == buffer.count { return final ? fail() : used }
                    switch buffer[next] {
                    case UInt8(ascii: "["), UInt8(ascii: "]"):
                        shape = .array
                        position = .afterOpen
                        used = at + 1
                    case UInt8(ascii: "\""):
                        shape = .lines
                        position = .afterOpen
                        used = at  // the first line's element starts here
                    default:
                        return fail()
                    }
                case (.array, .afterOpen), (.array, .afterElement):
                    if buffer[at] == UInt8(ascii: "]") {
                        position = .closed
                        used = at + 1
                        continue
                    }
                    var from = at
                    if position == .afterElement {
                        guard buffer[at] == UInt8(ascii: ",") else { return fail() }
                        from = at + 1
                    }
                    switch try element(buffer, from: from, final: final, body) {
                    case .complete(let end):
                        position = .afterElement
                        used = end
                    case .needMore: return final ? fail() : used
                    case .malformed: return fail()
                    }
                case (.lines, _):
                    if buffer[at] == UInt8(ascii: "\n") {
                        position = .afterOpen
                        used = at + 1
                        continue
                    }
                    // One element per line.
                    guard position != .afterElement else { return fail() }
                    switch try element(buffer, from: at, final: final, body) {
                    case .complete(let end):
                        position = .afterElement
                        used = end
                    case .needMore: return final ? fail() : used
                    case .malformed: return fail()
                    }
                default:
                    return fail()  // something after the array's closing bracket
                }
            }
        }
    }

    private mutating func fail() -> Int {
        failed = true
        return 0
    }

    /// Space between tokens: JSON whitespace, but in JSON Lines not the newline that ends an element.
    private func skipSpace(_ buffer: UnsafeBufferPointer<UInt8>, _ at: inout Int, newlines: Bool) {
        while at < buffer.count {
            switch buffer[at] {
            case 0x20, 0x09, 0x0d: at += 1
            case 0x0a where newlines: at += 1
            default: return
            }
        }
    }

    private enum Scan {
        case complete(Int)
        case needMore
        case malformed
    }

    /// The byte `byte` at `at` after space: `.complete` with the index after it.
    private func token(_ byte: UInt8, _ buffer: UnsafeBufferPointer<UInt8>, _ at: Int) -> Scan {
        var at = at
        skipSpace(buffer, &at, newlines: shape != .lines)
        guard at < buffer.count else { return .needMore }
        return buffer[at] == byte ? .complete(at + 1) : .malformed
    }

    /// One `["0x…","0x…"]` from `start`: passes the pair on and returns the index after `]`.
    private mutating func element(
        _ buffer: UnsafeBufferPointer<UInt8>, from start: Int, final: Bool,
        _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Void
    ) rethrows -> Scan {
        guard case .complete(let afterOpen) = token(UInt8(ascii: "["), buffer, start) else { return token(UInt8(ascii: "["), buffer, start) }
        let keyScan = hexString(buffer, afterOpen)
        guard case .complete(let afterKey) = keyScan else { return keyScan }
        guard case .complete(let afterComma) = token(UInt8(ascii: ","), buffer, afterKey) else { return token(UInt8(ascii: ","), buffer, afterKey) }
        let valueScan = hexString(buffer, afterComma)
        guard case .complete(let afterValue) = valueScan else { return valueScan }
        let close = token(UInt8(ascii: "]"), buffer, afterValue)
        guard case .complete(let end) = close else { return close }
        // The digits lie between the quotes: from `"0x` after the bracket (or comma) to the closing quote.
        let keyDigits = digits(buffer, from: afterOpen, to: afterKey)
        let valueDigits = digits(buffer, from: afterComma, to: afterValue)
        guard keyDigits.count / 2 <= TrieConstants.maxKeyBytes, Self.decodeHex(buffer, keyDigits, into: &key),
            Self.decodeHex(buffer, valueDigits, into: &value)
        else { return .malformed }
        count += 1
        try key.withUnsafeBytes { keyBytes in
            try value.withUnsafeBytes { valueBytes in try body(keyBytes, valueBytes) }
        }
        return .complete(end)
    }

    /// The hex digits of the string that ends just before `end` and starts after space from `start`.
    private func digits(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Range<Int> {
        var at = start
        skipSpace(buffer, &at, newlines: shape != .lines)
        return (at + 3)..<(end - 1)
    }

    /// A `"0x…"` string of an even number of hex digits at `at` (after space): the index after its quote.
    private func hexString(_ buffer: UnsafeBufferPointer<UInt8>, _ at: Int) -> Scan {
        var at = at
        skipSpace(buffer, &at, newlines: shape != .lines)
        let prefix: [UInt8] = [UInt8(ascii: "\""), UInt8(ascii: "0"), UInt8(ascii: "x")]
        for offset in 0..<3 {
            guard at + offset < buffer.count else { return .needMore }
            guard buffer[at + offset] == prefix[offset] else { return .malformed }
        }
        var end = at + 3
        while end < buffer.count && buffer[end] != UInt8(ascii: "\"") {
            guard Self.nibble(buffer[end]) != nil else { return .malformed }
            end += 1
        }
        guard end < buffer.count else { return .needMore }
        guard (end - at - 3) % 2 == 0 else { return .malformed }
        return .complete(end + 1)
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func decodeHex(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into out: inout [UInt8]) -> Bool {
        out.removeAll(keepingCapacity: true)
        var index = range.lowerBound
        while index < range.upperBound {
            guard let high = nibble(buffer[index]), let low = nibble(buffer[index + 1]) else { return false }
            out.append(high << 4 | low)
            index += 2
        }
        return true
    }
}
