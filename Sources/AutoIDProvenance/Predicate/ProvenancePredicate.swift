public import AutoIDJSON
public import AutoIDManifest

/// autoid's provenance predicate, version 0.1: who took part (parties with Auto IDs and roles), what
/// they did (actions, with AI involvement as IPTC digital source types) and what it was made from
/// (ingredients: earlier envelopes and content). Specified in autoid-provenance(5).
///
/// The statement names every party with its certificate chain, so every signature covers every role
/// and an envelope plus the verifier's trust roots is enough to verify.
public struct ProvenancePredicate: StatementPredicate, Equatable {
    public static let type = "urn:autoid:predicate:provenance:v0.1"

    /// Caps on what one predicate may hold; anything larger is refused as malformed.
    public enum Limits {
        public static let parties = 64
        public static let certificatesPerParty = 8
        public static let actions = 1024
        public static let ingredients = 1024
        /// Longest text field (names, tool, model), in UTF-8 bytes.
        public static let text = 1024
    }

    /// When the statement was made: an RFC 3339 UTC time (the time certificates must be valid at).
    public var created: String
    /// The tool that made it, with its version.
    public var tool: String
    public var parties: [ProvenanceParty]
    public var actions: [ProvenanceAction]
    public var ingredients: [ProvenanceIngredient]

    public init(created: String, tool: String, parties: [ProvenanceParty], actions: [ProvenanceAction], ingredients: [ProvenanceIngredient]) {
        self.created = created
        self.tool = tool
        self.parties = parties
        self.actions = actions
        self.ingredients = ingredients
    }

    public var json: JSONValue {
        .object([
            "created": .string(created), "tool": .string(tool),
            "parties": .array(parties.map(\.json)),
            "actions": .array(actions.map(\.json)),
            "ingredients": .array(ingredients.map(\.json)),
        ])
    }

    public init(json: JSONValue, source: String, path: String) throws(ManifestError) {
        let reader = ProvenanceJSONReader(source: source)
        let object = try reader.object(json, path)
        created = try reader.time(object["created"], "\(path).created")
        tool = try reader.text(object["tool"], "\(path).tool")
        let partyValues = try reader.array(object["parties"], "\(path).parties", limit: Limits.parties)
        guard !partyValues.isEmpty else {
            throw ManifestError(source: source, location: "\(path).parties", detail: "empty; a provenance statement names at least one party")
        }
        parties = try partyValues.enumerated().map { (index, value) throws(ManifestError) in
            try ProvenanceParty(json: value, reader: reader, path: "\(path).parties[\(index)]")
        }
        actions = try reader.array(object["actions"], "\(path).actions", limit: Limits.actions).enumerated().map {
            (index, value) throws(ManifestError) in
            try ProvenanceAction(json: value, reader: reader, path: "\(path).actions[\(index)]", partyCount: partyValues.count)
        }
        ingredients = try reader.array(object["ingredients"], "\(path).ingredients", limit: Limits.ingredients).enumerated().map {
            (index, value) throws(ManifestError) in
            try ProvenanceIngredient(json: value, reader: reader, path: "\(path).ingredients[\(index)]")
        }
        let parents = ingredients.indices.filter { ingredients[$0].relationship == "parentOf" }
        if parents.count > 1 {
            throw ManifestError(
                source: source, location: "\(path).ingredients[\(parents[1])].relationship",
                detail: "a second parentOf ingredient; C2PA allows at most one parent (use componentOf or inputTo)")
        }
        // Few parties (capped): comparing leaf certificates pairwise is cheaper than hashing each one.
        for (index, party) in parties.enumerated() where parties[..<index].contains(where: { $0.certificates[0] == party.certificates[0] }) {
            throw ManifestError(source: source, location: "\(path).parties[\(index)]", detail: "the same certificate is named twice as a party")
        }
    }
}
