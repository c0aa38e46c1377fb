public import AutoIDJSON

/// A typed predicate: what a signed statement says about its subjects, named by a versioned type URI.
///
/// Verifiers read a statement's `predicate` through the type its `predicateType` names
/// (``PredicateRegistry``); a conformer decodes strictly, naming the JSON path of anything wrong, and
/// encodes to the JSON value that is signed. New predicates (provenance, ballots, reviews) slot in by
/// conforming and being registered; nothing else changes.
public protocol StatementPredicate: Sendable {
    /// The `predicateType` URI (or `_type` of a payload that is itself the predicate) this type reads and
    /// writes; a new version of a format gets a new URI.
    static var type: String { get }

    /// Reads the predicate from its JSON value. Errors are ``ManifestError``s naming `source` and the JSON
    /// path below `path` (for example `payload.predicate.tool`).
    init(json: JSONValue, source: String, path: String) throws(ManifestError)

    /// The JSON value that is signed.
    var json: JSONValue { get }
}

/// The predicate of a statement as a verifier sees it: decoded by a known type, or of a type it does
/// not know (reported, never guessed at).
public enum DecodedPredicate: Sendable {
    case known(any StatementPredicate)
    case unknown(type: String)

    /// The decoded predicate as `P`, or `nil` when it is another type or unknown.
    public func `as`<P: StatementPredicate>(_: P.Type) -> P? {
        if case .known(let predicate) = self { return predicate as? P }
        return nil
    }
}

/// The predicate types a verifier knows, by type URI.
public struct PredicateRegistry: Sendable {
    private let types: [String: any StatementPredicate.Type]

    /// A registry of `types`; a later type with the same URI replaces an earlier one.
    public init(_ types: [any StatementPredicate.Type]) {
        var byURI: [String: any StatementPredicate.Type] = [:]
        for type in types { byURI[type.type] = type }
        self.types = byURI
    }

    /// The predicates every autoid verifier reads: autoid's content predicate.
    public static let builtIn = PredicateRegistry([ContentPredicate.self])

    /// This registry with `more` types added.
    public func adding(_ more: [any StatementPredicate.Type]) -> PredicateRegistry {
        PredicateRegistry(Array(types.values) + more)
    }

    /// Whether a type URI is known.
    public func knows(_ type: String) -> Bool { types[type] != nil }

    /// Decodes `statement`'s predicate by its `predicateType`.
    ///
    /// Throws ``ManifestError`` when the type is known and the predicate does not match its schema.
    public func decode(_ statement: Statement, source: String) throws(ManifestError) -> DecodedPredicate {
        guard let type = types[statement.predicateType] else { return .unknown(type: statement.predicateType) }
        return .known(try type.init(json: statement.predicate, source: source, path: "payload.predicate"))
    }
}
