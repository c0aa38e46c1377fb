import AutoIDHashing
public import AutoIDIdentity
import AutoIDJSON
public import AutoIDManifest
import AutoIDSigning
public import FoundationEssentials

/// Counts the personhood factors that hold for one Auto ID: each attestation must be signed by an
/// attester whose Auto ID chains to the verifier's trust roots, name this subject's identifier and key,
/// be current, come from someone other than the subject, and, for `email` and `uri` factors, confirm a
/// linked identity the subject's certificate claims. Distinct factors are distinct (type, value) pairs.
public enum PersonhoodPolicy {
    /// The verdict on one attestation.
    public struct Result: Sendable {
        public var source: String
        public var factor: PersonhoodAttestation.Factor?
        public var attester: String?
        /// `nil` when the attestation counts; otherwise why not.
        public var rejection: String?
    }

    /// Checks every attestation against `subject`, returning one result each, in order.
    public static func evaluate(
        subject: AutoID, attestations: [(envelope: Envelope, source: String)], trustRoots: [AutoID], at time: Date
    ) async -> [Result] {
        var results: [Result] = []
        for (envelope, source) in attestations {
            results.append(await evaluate(subject: subject, envelope: envelope, source: source, trustRoots: trustRoots, at: time))
        }
        return results
    }

    /// The number of distinct factors among accepted results.
    public static func distinctFactors(_ results: [Result]) -> Int {
        Set(results.filter { $0.rejection == nil }.compactMap(\.factor)).count
    }

    private static func evaluate(
        subject: AutoID, envelope: Envelope, source: String, trustRoots: [AutoID], at time: Date
    ) async -> Result {
        var result = Result(source: source)
        let attestation: PersonhoodAttestation
        do {
            attestation = try PersonhoodAttestation(envelope: envelope, source: source)
        } catch {
            result.rejection = "\(error)"
            return result
        }
        result.factor = attestation.factor
        let chain: [AutoID]
        do {
            chain = try attestation.attesterCertificates.map { try AutoID(derEncoded: $0, source: "\(source): attester certificate") }
        } catch {
            result.rejection = "\(error)"
            return result
        }
        let attester = chain[0]
        result.attester = attester.commonName
        guard let key = try? KeyEncoding.publicKey(from: attester.subjectPublicKeyInfo, source: "attester"),
            case .valid = ContentVerifier.checkSignature(envelope, key: key)
        else {
            result.rejection = "the signature does not verify with the attester's Ed25519 key"
            return result
        }
        let verdict = await AutoIDChainVerifier.verify(leaf: attester, intermediates: Array(chain.dropFirst()), trustRoots: trustRoots, at: time)
        if let error = verdict.error {
            result.rejection = "the attester is not trusted: \(error.detail)"
            return result
        }
        guard attester.subjectPublicKeyInfo != subject.subjectPublicKeyInfo else {
            result.rejection = "self-attestation does not count"
            return result
        }
        guard attestation.subjectIdentifier == subject.identifier?.hexDigits,
            attestation.subjectKeyDigest == Hex.encode(SHA256Hasher.hash(subject.subjectPublicKeyInfo))
        else {
            result.rejection = "it attests to another Auto ID (identifier \(attestation.subjectIdentifier))"
            return result
        }
        guard attestation.issued <= time.addingTimeInterval(300), time <= attestation.expires else {
            result.rejection = "it is valid from \(RFC3339.format(attestation.issued)) to \(RFC3339.format(attestation.expires)) only"
            return result
        }
        if attestation.factor.type == "email" || attestation.factor.type == "uri" {
            let claimed = subject.linkedIdentities.contains { link in
                switch link {
                case .email(let address): attestation.factor.type == "email" && address.lowercased() == attestation.factor.value.lowercased()
                case .uri(let uri): attestation.factor.type == "uri" && uri == attestation.factor.value
                }
            }
            guard claimed else {
                result.rejection = "the Auto ID does not claim the linked identity \(attestation.factor)"
                return result
            }
        }
        return result
    }
}
