import AutoIDHashing
import AutoIDIdentity
public import AutoIDJSON
import AutoIDManifest

extension ProvenancePolicy {
    /// The largest policy file read.
    public static let fileSizeLimit = 1 << 20

    /// Reads a policy file (autoid-provenance(5), POLICY FILES): a JSON object with any of `threshold`
    /// (integer >= 1), `requireRoles` (list of roles), `requireHuman` (bool), `requireAIDisclosure` (bool),
    /// `requireIssuers` (list of base64 DER certificates) and `maxDepth` (integer >= 0). Unknown members
    /// are refused, so that a misspelt rule never passes silently; errors name the JSON path.
    public init(json: JSONValue, source: String) throws {
        guard case .object(let members) = json else {
            throw ManifestError(source: source, location: "$", detail: "not a JSON object (a provenance policy)")
        }
        let known: Set<String> = ["threshold", "requireRoles", "requireHuman", "requireAIDisclosure", "requireIssuers", "maxDepth"]
        if let unknown = members.keys.sorted().first(where: { !known.contains($0) }) {
            throw ManifestError(source: source, location: "$.\(unknown)", detail: "not a policy rule (\(known.sorted().joined(separator: ", ")))")
        }
        func integer(_ key: String, minimum: Int) throws -> Int? {
            guard let value = members[key] else { return nil }
            guard let number = value.intValue, number >= minimum, number <= 1_000_000 else {
                throw ManifestError(source: source, location: "$.\(key)", detail: "not an integer from \(minimum) to 1000000")
            }
            return number
        }
        func bool(_ key: String) throws -> Bool? {
            guard let value = members[key] else { return nil }
            guard let flag = value.boolValue else { throw ManifestError(source: source, location: "$.\(key)", detail: "not true or false") }
            return flag
        }
        func strings(_ key: String) throws -> [String] {
            guard let value = members[key] else { return [] }
            guard let list = value.arrayValue, list.count <= 64 else {
                throw ManifestError(source: source, location: "$.\(key)", detail: "not a list of at most 64 strings")
            }
            return try list.enumerated().map { index, item in
                guard let text = item.stringValue else { throw ManifestError(source: source, location: "$.\(key)[\(index)]", detail: "not a string") }
                return text
            }
        }
        let roles = try strings("requireRoles")
        for (index, role) in roles.enumerated() where !ProvenanceVocabulary.roles.contains(role) {
            throw ManifestError(source: source, location: "$.requireRoles[\(index)]", detail: "'\(role)' is not a role")
        }
        let issuers = try strings("requireIssuers").enumerated().map { index, text in
            guard let der = Base64.decode(text) else {
                throw ManifestError(source: source, location: "$.requireIssuers[\(index)]", detail: "not base64 DER")
            }
            return try AutoID(derEncoded: der, source: "\(source): $.requireIssuers[\(index)]")
        }
        self.init(
            threshold: try integer("threshold", minimum: 1), requiredRoles: roles, requireHuman: try bool("requireHuman") ?? false,
            requireAIDisclosure: try bool("requireAIDisclosure") ?? true, requiredIssuers: issuers,
            maximumDepth: try integer("maxDepth", minimum: 0) ?? 16)
    }

    /// This policy with `other`'s rules added: the stricter of two thresholds and depths, all roles and
    /// issuers, and a requirement when either requires it.
    public func merged(with other: ProvenancePolicy) -> ProvenancePolicy {
        ProvenancePolicy(
            threshold: [threshold, other.threshold].compactMap { $0 }.max(),
            requiredRoles: Array(Set(requiredRoles + other.requiredRoles)).sorted(),
            requireHuman: requireHuman || other.requireHuman,
            requireAIDisclosure: requireAIDisclosure || other.requireAIDisclosure,
            requiredIssuers: requiredIssuers + other.requiredIssuers.filter { issuer in !requiredIssuers.contains { $0.derBytes == issuer.derBytes } },
            maximumDepth: min(maximumDepth, other.maximumDepth))
    }
}
