import AutoIDJSON
import AutoIDManifest

/// One thing a party did: a C2PA action, when, and for AI involvement the IPTC digital source type and
/// the model that did it.
public struct ProvenanceAction: Sendable, Equatable {
    /// A C2PA action name such as `c2pa.created` or `c2pa.edited`.
    public var action: String
    /// The index of the party in ``ProvenancePredicate/parties``.
    public var party: Int
    /// When: an RFC 3339 UTC time.
    public var when: String
    /// The full IPTC URI. Required for `c2pa.created`; verifiers also require it, by default, on every
    /// action of an AI party that signed (AI disclosure, ``ProvenancePolicy/requireAIDisclosure``).
    public var digitalSourceType: String?
    /// The model that acted, for AI steps.
    public var softwareAgent: SoftwareAgent?

    /// An AI model as C2PA's softwareAgent names it.
    public struct SoftwareAgent: Sendable, Equatable {
        public var provider: String
        public var model: String
        public var version: String?

        public init(provider: String, model: String, version: String? = nil) {
            self.provider = provider
            self.model = model
            self.version = version
        }
    }

    public init(action: String, party: Int, when: String, digitalSourceType: String? = nil, softwareAgent: SoftwareAgent? = nil) {
        self.action = action
        self.party = party
        self.when = when
        self.digitalSourceType = digitalSourceType
        self.softwareAgent = softwareAgent
    }

    var json: JSONValue {
        var object: [String: JSONValue] = ["action": .string(action), "party": .integer(party), "when": .string(when)]
        if let digitalSourceType { object["digitalSourceType"] = .string(digitalSourceType) }
        if let softwareAgent {
            var agent: [String: JSONValue] = ["provider": .string(softwareAgent.provider), "model": .string(softwareAgent.model)]
            if let version = softwareAgent.version { agent["version"] = .string(version) }
            object["softwareAgent"] = .object(agent)
        }
        return .object(object)
    }

    init(json: JSONValue, reader: ProvenanceJSONReader, path: String, partyCount: Int) throws(ManifestError) {
        let object = try reader.object(json, path)
        action = try reader.word(object["action"], "\(path).action", from: ProvenanceVocabulary.actions)
        guard let index = object["party"]?.intValue, index >= 0, index < partyCount else {
            throw ManifestError(source: reader.source, location: "\(path).party", detail: "not the index of a party (0..<\(partyCount))")
        }
        party = index
        when = try reader.time(object["when"], "\(path).when")
        if let value = object["digitalSourceType"] {
            let text = try reader.text(value, "\(path).digitalSourceType")
            guard let uri = ProvenanceVocabulary.digitalSourceType(text), uri == text else {
                throw ManifestError(
                    source: reader.source, location: "\(path).digitalSourceType",
                    detail: "'\(text)' is not an IPTC digital source type URI (\(ProvenanceVocabulary.digitalSourceTypePrefix)TERM)")
            }
            digitalSourceType = uri
        } else if action == "c2pa.created" {
            throw ManifestError(source: reader.source, location: "\(path).digitalSourceType", detail: "missing; C2PA requires it on a c2pa.created action")
        }
        if let value = object["softwareAgent"] {
            let agent = try reader.object(value, "\(path).softwareAgent")
            softwareAgent = SoftwareAgent(
                provider: try reader.text(agent["provider"], "\(path).softwareAgent.provider"),
                model: try reader.text(agent["model"], "\(path).softwareAgent.model"),
                version: try agent["version"].map { (value) throws(ManifestError) in try reader.text(value, "\(path).softwareAgent.version") })
        }
    }
}
