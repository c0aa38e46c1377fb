public import AutoIDVerdict

/// The single error type of the `AutoIDState` module.
///
/// Every error says what failed (`kind` + `message`), where (`offset`, a byte offset
/// into the input that was being read, when there is one) and what to do (`hint`).
public struct StateError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Equatable, Sendable {
        /// Input ended before a value was complete.
        case truncatedInput
        /// Bytes were left over after a complete value was decoded.
        case trailingBytes
        /// A compact integer used more bytes than its value needs.
        case nonCanonicalCompact
        /// A compact integer does not fit the requested integer type.
        case compactOverflow
        /// A byte has a value that the format does not allow (bad bool, option or enum tag, bad UTF-8...).
        case invalidValue
        /// A length prefix is larger than the remaining input could possibly hold.
        case lengthOutOfRange
        /// Keys given to a streaming trie builder were not strictly increasing.
        case unsortedKeys
        /// A trie node could not be decoded.
        case malformedNode
        /// A proof references a node (or hashed value) that it does not contain.
        case missingNode
        /// A proof or encoding is structurally inconsistent with the claimed root or layout.
        case invalidProof
        /// A builder was used after it was finished, or its input was otherwise invalid.
        case invalidInput
    }

    public let kind: Kind
    /// What was being read or checked, e.g. "compact integer" or "trie node header".
    public let message: String
    /// Byte offset in the input being decoded, if the error is tied to one.
    public let offset: Int?
    /// Advice on what to do about it.
    public let hint: String

    public init(_ kind: Kind, _ message: String, offset: Int? = nil, hint: String) {
        self.kind = kind
        self.message = message
        self.offset = offset
        self.hint = hint
    }

    /// One line for users: what failed, where, and what to do. The ``kind`` is for programs and is not
    /// shown (its raw value is an identifier, not English).
    public var description: String {
        var s = message
        if let offset { s += " (at byte offset \(offset))" }
        if !hint.isEmpty { s += ". \(hint)" }
        return s
    }
}

extension StateError: ReportableError {
    /// Malformed input (3): every state error is about bytes that do not decode or do not fit together.
    public var exitStatus: ExitStatus {
        switch kind {
        case .truncatedInput, .trailingBytes, .nonCanonicalCompact, .compactOverflow, .invalidValue,
            .lengthOutOfRange, .unsortedKeys, .malformedNode, .missingNode, .invalidProof, .invalidInput:
            .malformedInput
        }
    }
}
