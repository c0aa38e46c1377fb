import AutoIDFiles
public import AutoIDIdentity
public import AutoIDJSON
public import AutoIDManifest
public import AutoIDVerdict

/// What verifying one provenance envelope found, with the envelopes it derives from below it: a tree
/// (a DAG walked from the top) that prints as text or JSON.
public struct ProvenanceReport: Sendable {
    /// One problem, its exit status and a one-line reason naming the envelope or party.
    public struct Problem: Sendable, Equatable {
        public var status: ExitStatus
        public var message: String
    }

    /// One named party and what was found about it.
    public struct PartyResult: Sendable {
        public var party: ProvenanceParty
        /// The chain to a trust root, root last, when trusted.
        public var chain: [AutoID]?
        /// Why the party is not trusted; `nil` when it is.
        public var rejection: String?
        /// Whether a signature in the envelope verifies with the party's key.
        public var signed: Bool
        /// The AI model the certificate names, for AI parties.
        public var model: AIModelInfo?
    }

    /// One ingredient and the report on the envelope it names, when it was found.
    public struct IngredientResult: Sendable {
        public var ingredient: ProvenanceIngredient
        /// Where it was found.
        public var path: String?
        public var report: ProvenanceReport?
    }

    /// The envelope as found (a path).
    public var envelope: String
    /// Lowercase hex SHA-256 of the envelope's bytes.
    public var sha256: String?
    public var predicate: ProvenancePredicate?
    public var parties: [PartyResult] = []
    public var subjects: [VerificationReport.SubjectResult] = []
    public var ingredients: [IngredientResult] = []
    public var problems: [Problem] = []

    public init(envelope: String) {
        self.envelope = envelope
    }

    /// Worst of this envelope's problems, its subjects' and its ingredients' statuses.
    public var status: ExitStatus {
        ExitStatus.worst(of: problems.map(\.status) + subjects.map(\.status.exitStatus) + ingredients.compactMap { $0.report?.status })
    }

    /// Every problem in the tree, this envelope's first.
    public var allProblems: [Problem] {
        problems
            + subjects.filter { $0.status != .ok }.map {
                Problem(status: $0.status.exitStatus, message: "\(DisplayName.escape(envelope)): subject \($0.textLine)")
            }
            + ingredients.flatMap { $0.report?.allProblems ?? [] }
    }

    /// Envelopes in the tree, this one included.
    public var envelopeCount: Int { 1 + ingredients.reduce(0) { $0 + ($1.report?.envelopeCount ?? 0) } }

    // MARK: Text

    /// The verdict word for a status, as the text report prints it.
    public static func verdictWord(_ status: ExitStatus) -> String {
        switch status {
        case .ok: "VERIFIED"
        case .untrusted: "UNTRUSTED"
        case .verificationFailed: "FAILED"
        case .malformedInput: "MALFORMED"
        case .ioError: "INCOMPLETE"
        case .usage, .internalError: "ERROR"
        }
    }

    /// One line for a batch (`--each`): the verdict, how much was checked, and every problem in the tree.
    public var summaryLine: String {
        let status = status
        let name = DisplayName.escape(envelope)
        if status == .ok {
            return "\(name): VERIFIED (\(parties.count) parties, \(subjects.count) subjects, \(envelopeCount - 1) ingredient envelopes)"
        }
        return "\(name): \(Self.verdictWord(status)) (\(allProblems.map(\.message).joined(separator: "; ")))"
    }

    /// The tree as indented lines: a verdict line per envelope, then its parties, actions, subjects and
    /// ingredients. Names from the envelope are escaped.
    public func textLines(indent: String = "") -> [String] {
        let name = DisplayName.escape(envelope)
        var lines = ["\(indent)\(name): \(Self.verdictWord(status))"]
        let inner = indent + "  "
        for problem in problems { lines.append("\(inner)problem     \(problem.message)") }
        for result in parties {
            let party = result.party
            var what = "\(party.kind), \(party.role)"
            if let model = result.model { what += ", \(model)" }
            let trust =
                result.rejection.map { "NOT TRUSTED (\($0))" }
                ?? "trusted via " + AutoID.shownNames((result.chain ?? []).dropFirst(), separator: " -> ")
            lines.append("\(inner)party       '\(DisplayName.escape(party.name))' (\(what)): \(trust), \(result.signed ? "signed" : "NOT SIGNED")")
        }
        if let predicate {
            for action in predicate.actions {
                let who = predicate.parties[action.party].name
                var line = "\(inner)action      \(action.action) by '\(DisplayName.escape(who))' at \(action.when)"
                if let type = action.digitalSourceType {
                    line += ", \(type.dropFirst(ProvenanceVocabulary.digitalSourceTypePrefix.count))"
                }
                if let agent = action.softwareAgent {
                    line +=
                        " (\(DisplayName.escape(agent.provider)) \(DisplayName.escape(agent.model))\(agent.version.map { " " + DisplayName.escape($0) } ?? ""))"
                }
                lines.append(line)
            }
        }
        for subject in subjects { lines.append("\(inner)subject     \(subject.textLine)") }
        for result in ingredients {
            let target = result.path.map(DisplayName.escape) ?? result.ingredient.name.map { DisplayName.escape($0) + " (not found)" } ?? "(not found)"
            lines.append("\(inner)ingredient  \(result.ingredient.relationship) \(target)")
            if let report = result.report { lines += report.textLines(indent: inner + "  ") }
        }
        return lines
    }

    // MARK: JSON

    /// The report as JSON (autoid-provenance(5)).
    public var json: JSONValue {
        var object: [String: JSONValue] = [
            "envelope": .string(envelope),
            "verified": .bool(status == .ok),
            "exitCode": .integer(status.rawValue),
            "problems": .array(problems.map { .object(["exitCode": .integer($0.status.rawValue), "message": .string($0.message)]) }),
            "parties": .array(
                parties.map { result in
                    var party: [String: JSONValue] = [
                        "id": .string(result.party.identifier), "name": .string(result.party.name), "kind": .string(result.party.kind),
                        "role": .string(result.party.role), "trusted": .bool(result.rejection == nil), "signed": .bool(result.signed),
                    ]
                    if let rejection = result.rejection { party["reason"] = .string(rejection) }
                    if let chain = result.chain { party["chain"] = .array(chain.map { .string($0.commonName) }) }
                    return .object(party)
                }),
            "subjects": .array(subjects.map(\.json)),
            "ingredients": .array(
                ingredients.map { result in
                    var ingredient: [String: JSONValue] = ["relationship": .string(result.ingredient.relationship)]
                    if let digest = result.ingredient.envelopeSHA256 { ingredient["envelopeSha256"] = .string(digest) }
                    if let path = result.path { ingredient["path"] = .string(path) }
                    ingredient["report"] = result.report?.json ?? .null
                    return .object(ingredient)
                }),
        ]
        if let sha256 { object["sha256"] = .string(sha256) }
        if let predicate { object["predicate"] = predicate.json }
        return .object(object)
    }
}
