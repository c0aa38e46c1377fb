import ArgumentParser
import AutoIDFiles
import AutoIDIdentity
import AutoIDJSON
import AutoIDManifest
import AutoIDProvenance
import AutoIDState

/// `--trust` and the provenance policy options, shared by every command that verifies provenance.
struct ProvenanceVerifyOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Verify the parties' Auto IDs against these roots (a PEM file or a folder of them) instead of a --key.", valueName: "path"))
    var trust: String?

    @Option(name: .customLong("crl"), help: ArgumentHelp("A revocation list from an issuer of a party; repeat for several.", valueName: "file"))
    var revocationLists: [String] = []

    @Option(help: ArgumentHelp("A folder to look in for ingredient envelopes (after the envelope's own folder); repeat for several.", valueName: "dir"))
    var search: [String] = []

    @Option(help: ArgumentHelp("Accept an envelope signed by at least this many named parties (default: every named party).", valueName: "n"))
    var threshold: Int?

    @Option(
        name: .customLong("require-role"), help: ArgumentHelp("A party in this role must have signed the top envelope; repeat for several.", valueName: "role"))
    var requiredRoles: [String] = []

    @Flag(name: .customLong("require-human"), help: "A human party must have signed the top envelope.")
    var requireHuman = false

    @Flag(name: .customLong("allow-undisclosed-ai"), help: "Accept AI parties' actions without a digital source type (AI disclosure is required by default).")
    var allowUndisclosedAI = false

    @Option(
        name: .customLong("require-issuer"),
        help: ArgumentHelp("Every party must chain through this issuer certificate; repeat to allow several.", valueName: "cert"))
    var requiredIssuers: [String] = []

    @Option(help: ArgumentHelp("A JSON policy file (autoid-provenance(5)); its rules add to the options given here.", valueName: "file"))
    var policy: String?

    @Option(
        name: .customLong("registry-proof"),
        help: ArgumentHelp("A read proof (state_getReadProof) of the Auto ID registry's entries for every party, checked against --header.", valueName: "file"))
    var registryProof: String?

    @Option(
        help: ArgumentHelp(
            "The trusted block header (chain_getHeader JSON or SCALE hex) whose state root --registry-proof is checked against.", valueName: "file"))
    var header: String?

    @Option(name: .customLong("registry-state-version"), help: ArgumentHelp("Trie layout of the registry's chain: 0 or 1 (default 1).", valueName: "version"))
    var registryStateVersion: StateVersionArgument = .v1

    @Option(help: ArgumentHelp("The registry pallet's name in the runtime (default AutoId).", valueName: "name"))
    var pallet = "AutoId"

    @Option(name: .customLong("max-depth"), help: ArgumentHelp("Follow ingredients at most this deep (default 16).", valueName: "n"))
    var maximumDepth = 16

    func validate() throws {
        try settings.validate()
    }

    /// What these options hold, as plain values (the fast path of `autoid-verify --trust` builds the
    /// same without the argument parser).
    var settings: Settings {
        Settings(
            trust: trust, revocationLists: revocationLists, search: search, threshold: threshold, requiredRoles: requiredRoles,
            requireHuman: requireHuman, allowUndisclosedAI: allowUndisclosedAI, requiredIssuers: requiredIssuers, policy: policy,
            registryProof: registryProof, header: header, registryStateVersion: registryStateVersion, pallet: pallet, maximumDepth: maximumDepth)
    }

    /// The provenance options as plain values, with their checks and the verifier they describe.
    struct Settings {
        var trust: String?
        var revocationLists: [String] = []
        var search: [String] = []
        var threshold: Int?
        var requiredRoles: [String] = []
        var requireHuman = false
        var allowUndisclosedAI = false
        var requiredIssuers: [String] = []
        var policy: String?
        var registryProof: String?
        var header: String?
        var registryStateVersion: StateVersionArgument = .v1
        var pallet = "AutoId"
        var maximumDepth = 16

        func validate() throws {
            let usesPolicy =
                !revocationLists.isEmpty || !search.isEmpty || threshold != nil || !requiredRoles.isEmpty || requireHuman
                || allowUndisclosedAI || !requiredIssuers.isEmpty || maximumDepth != 16 || registryProof != nil || header != nil || policy != nil
            if usesPolicy && trust == nil {
                throw ValidationError("Provenance policy options (--crl, --search, --threshold, --require-...) need --trust ROOTS.")
            }
            if (registryProof == nil) != (header == nil) {
                throw ValidationError("--registry-proof and --header go together: the proof is checked against the header's state root.")
            }
            if let threshold, threshold < 1 { throw ValidationError("--threshold must be at least 1.") }
            if maximumDepth < 0 { throw ValidationError("--max-depth must not be negative.") }
            for role in requiredRoles where !ProvenanceVocabulary.roles.contains(role) {
                throw ValidationError("--require-role '\(role)' is not one of \(ProvenanceVocabulary.roles.sorted().joined(separator: ", ")).")
            }
        }

        /// The verifier these options describe; `locator` says where the top envelope's subjects are.
        func verifier(locator: SubjectLocator) throws -> ProvenanceVerifier {
            guard let trust else { preconditionFailure("validate() requires --trust for provenance verification") }
            return ProvenanceVerifier(
                trustRoots: try AutoIDFile.loadTrustRoots(path: trust),
                revocationLists: try revocationLists.map { (try RevocationList.load(path: $0), $0) },
                policy: try combinedPolicy(),
                searchDirectories: search, locator: locator, registry: try registryEvidence())
        }

        /// The command line's rules, with a policy file's added.
        private func combinedPolicy() throws -> ProvenancePolicy {
            let options = ProvenancePolicy(
                threshold: threshold, requiredRoles: requiredRoles, requireHuman: requireHuman, requireAIDisclosure: !allowUndisclosedAI,
                requiredIssuers: try requiredIssuers.flatMap { try AutoIDFile.load(path: $0) }, maximumDepth: maximumDepth)
            guard let policy else { return options }
            let document: JSONValue
            do {
                document = try JSONParser.parse(try SmallFile.read(path: policy, limit: ProvenancePolicy.fileSizeLimit))
            } catch let error as JSONParser.Error {
                throw ManifestError(source: policy, detail: "\(error); expected a JSON provenance policy")
            }
            var fromFile = try ProvenancePolicy(json: document, source: policy)
            if allowUndisclosedAI && document["requireAIDisclosure"] == nil { fromFile.requireAIDisclosure = false }
            return options.merged(with: fromFile)
        }

        /// The registry proof and its trusted header, when given.
        private func registryEvidence() throws -> RegistryEvidence? {
            guard let registryProof, let header else { return nil }
            let headerDocument = try StateDocument.parse(try SmallFile.read(path: header, limit: StateDocument.sizeLimit), source: header)
            let proofDocument = try StateDocument.parse(try SmallFile.read(path: registryProof, limit: StateDocument.sizeLimit), source: registryProof)
            return RegistryEvidence(
                header: try BlockHeader(json: headerDocument, source: header), nodes: try ProofAudit.nodes(of: proofDocument, source: registryProof),
                stateVersion: registryStateVersion.stateVersion, pallet: pallet)
        }
    }
}
