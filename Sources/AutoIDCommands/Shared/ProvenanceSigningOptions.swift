import ArgumentParser
import AutoIDFiles
import AutoIDIdentity
import AutoIDManifest
import AutoIDProvenance

/// `--id`, `--role`, `--source-type`, `--action`, `--ingredient`, `--party`: signing as an Auto ID, with
/// a provenance predicate (autoid-provenance(5)) instead of the bare content predicate.
struct ProvenanceSigningOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Sign as this Auto ID: its certificate (PEM; its issuers may follow it, or come with --chain).", valueName: "cert"))
    var id: String?

    @Option(help: ArgumentHelp("Issuer certificates (PEM) of --id and --party Auto IDs, up to their roots; repeat for several files.", valueName: "file"))
    var chain: [String] = []

    @Option(
        help: ArgumentHelp(
            "The signer's role (creator, contributor, editor, producer, publisher, sponsor, translator, ai-generator, ai-editor, ai-assistant).",
            valueName: "role"))
    var role: String?

    @Option(
        name: .customLong("source-type"),
        help: ArgumentHelp(
            "How the content came to be, as an IPTC digital source type (trainedAlgorithmicMedia, humanEdits, digitalCapture...).", valueName: "term"))
    var sourceType: String?

    @Option(help: ArgumentHelp("The C2PA action the signer took (default: c2pa.created, or c2pa.edited with a parentOf ingredient).", valueName: "name"))
    var action: String?

    @Option(
        help: ArgumentHelp(
            "An earlier envelope this content derives from, with its relationship (parentOf, componentOf, inputTo; default parentOf); repeat for several.",
            valueName: "envelope[:relationship]"))
    var ingredient: [String] = []

    @Option(help: ArgumentHelp("Name a co-signer in advance: its certificate chain and role; repeat for several.", valueName: "cert:role"))
    var party: [String] = []

    /// What these options hold, as plain values (the fast path of `autoid-sign --id` builds the same
    /// without the argument parser).
    var settings: Settings {
        Settings(id: id, chain: chain, role: role, sourceType: sourceType, action: action, ingredient: ingredient, party: party)
    }

    func validate() throws {
        try settings.validate()
    }

    /// The provenance signing options as plain values, with their checks and the predicate they make.
    struct Settings {
        var id: String?
        var chain: [String] = []
        var role: String?
        var sourceType: String?
        var action: String?
        var ingredient: [String] = []
        var party: [String] = []

        var isUsed: Bool {
            id != nil || role != nil || sourceType != nil || action != nil || !ingredient.isEmpty || !party.isEmpty || !chain.isEmpty
        }

        func validate() throws {
            guard isUsed else { return }
            guard id != nil, let role else {
                throw ValidationError("Provenance options need --id CERT and --role ROLE: who signs, and as what.")
            }
            guard ProvenanceVocabulary.roles.contains(role) else {
                throw ValidationError("--role '\(role)' is not one of \(ProvenanceVocabulary.roles.sorted().joined(separator: ", ")).")
            }
            if let sourceType, ProvenanceVocabulary.digitalSourceType(sourceType) == nil {
                throw ValidationError("--source-type '\(sourceType)' is not an IPTC digital source type (e.g. trainedAlgorithmicMedia, humanEdits).")
            }
            if let action, !ProvenanceVocabulary.actions.contains(action) {
                throw ValidationError("--action '\(action)' is not a C2PA action (e.g. c2pa.created, c2pa.edited, c2pa.published).")
            }
            for value in ingredient {
                _ = try Self.splitIngredient(value)
            }
            for value in party {
                _ = try Self.splitParty(value)
            }
        }

        static func splitIngredient(_ value: String) throws -> (path: String, relationship: String) {
            if let colon = value.lastIndex(of: ":"), ProvenanceVocabulary.relationships.contains(String(value[value.index(after: colon)...])) {
                return (String(value[..<colon]), String(value[value.index(after: colon)...]))
            }
            return (value, "parentOf")
        }

        static func splitParty(_ value: String) throws -> (path: String, role: String) {
            guard let colon = value.lastIndex(of: ":"), ProvenanceVocabulary.roles.contains(String(value[value.index(after: colon)...])) else {
                throw ValidationError("--party '\(value)' is not CERT:ROLE with a known role (e.g. agent.pem:ai-generator).")
            }
            return (String(value[..<colon]), String(value[value.index(after: colon)...]))
        }

        /// The predicate for a statement signed now by the `--id` Auto ID, and that Auto ID's certificate.
        func predicate(created: String, tool: String) throws -> (predicate: ProvenancePredicate, signer: AutoID) {
            guard let id, let role else { preconditionFailure("validate() requires --id and --role") }
            let signerChain = try AutoIDFile.load(path: id)
            let issuers = try chain.flatMap { try AutoIDFile.load(path: $0) }
            var parties = [try ProvenanceSigner.party(.init(chain: signerChain, issuers: issuers, role: role, source: id))]
            for value in party {
                let (path, partyRole) = try Self.splitParty(value)
                parties.append(try ProvenanceSigner.party(.init(chain: try AutoIDFile.load(path: path), issuers: issuers, role: partyRole, source: path)))
            }
            let ingredients = try ingredient.map { value in
                let (path, relationship) = try Self.splitIngredient(value)
                return ProvenanceSigner.ingredient(
                    envelopeBytes: try SmallFile.read(path: path, limit: Envelope.sizeLimit), path: path, relationship: relationship)
            }
            let parents = ingredients.filter { $0.relationship == "parentOf" }.count
            if parents > 1 { throw ValidationError("Only one --ingredient may be parentOf (C2PA allows one parent); mark the others componentOf or inputTo.") }
            let signer = signerChain[0]
            var softwareAgent: ProvenanceAction.SoftwareAgent?
            if let model = signer.model {
                softwareAgent = .init(provider: model.provider, model: model.modelName, version: model.modelVersion)
            }
            let actionName = action ?? (parents == 1 ? "c2pa.edited" : "c2pa.created")
            let sourceTypeURI = sourceType.flatMap(ProvenanceVocabulary.digitalSourceType)
            if actionName == "c2pa.created" && sourceTypeURI == nil {
                throw ValidationError(
                    "A c2pa.created action must say how the content came to be: add --source-type (e.g. digitalCreation, trainedAlgorithmicMedia).")
            }
            if parties[0].isAI && sourceTypeURI == nil {
                Console.printError("autoid-sign: warning: an AI party signs without --source-type; verifiers that require AI disclosure will refuse it")
            }
            let actions = [ProvenanceAction(action: actionName, party: 0, when: created, digitalSourceType: sourceTypeURI, softwareAgent: softwareAgent)]
            return (try decodedBack(ProvenancePredicate(created: created, tool: tool, parties: parties, actions: actions, ingredients: ingredients)), signer)
        }

        /// What is signed must read back: the same checks a verifier makes (caps, characters, one parent).
        private func decodedBack(_ predicate: ProvenancePredicate) throws -> ProvenancePredicate {
            try ProvenancePredicate(json: predicate.json, source: id ?? "--id", path: "predicate")
        }
    }
}
