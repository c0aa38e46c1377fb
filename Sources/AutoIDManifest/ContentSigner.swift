public import AutoIDFiles
public import AutoIDHashing
public import AutoIDSigning
public import AutoIDJSON

/// Makes signed content manifests: hashes every input in one streaming pass, lists them as subjects of
/// one in-toto Statement, and signs it into a DSSE envelope.
public enum ContentSigner {
    /// An input to sign: what to read, and the name to record for it.
    public struct Input: Sendable {
        public var name: String
        public var source: InputSource

        public init(name: String, source: InputSource) {
            self.name = name
            self.source = source
        }
    }

    /// Hashes `inputs` with `algorithms` and builds the statement listing them, in the order given.
    public static func statement(
        for inputs: [Input], algorithms: [HashAlgorithm], predicate: JSONValue,
        predicateType: String = ContentPredicate.type
    ) throws -> Statement {
        let subjects = try inputs.map { input in
            let digest = try ContentDigester.digest(input.source, algorithms: algorithms)
            return Statement.Subject(name: input.name, digests: digest.hexDigests)
        }
        return Statement(subjects: subjects, predicateType: predicateType, predicate: predicate)
    }

    /// Wraps `statement` in a DSSE envelope signed by `key`.
    public static func envelope(for statement: Statement, signedBy key: Ed25519PrivateKey) -> Envelope {
        var envelope = Envelope(payloadType: Statement.payloadType, payload: statement.jsonBytes())
        envelope.sign(with: key)
        return envelope
    }
}
