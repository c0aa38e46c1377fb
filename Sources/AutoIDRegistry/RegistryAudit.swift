import AutoIDHashing
import AutoIDIdentity
public import AutoIDState

/// One rule the registry audit checks.
public enum RegistryRule: String, Sendable, CaseIterable {
    /// The registry has entries under the pallet's `AutoIds` prefix at all.
    case present
    /// The value decodes as pallet-auto-id's `AutoId` (or `BTreeSet<U256>` for a revocation list).
    case decodes
    /// The storage key is the identifier derived from the certificate.
    case identifier
    /// Serial, subject CN, SubjectPublicKeyInfo and validity equal what the raw DER says.
    case certificate
    /// A leaf's issuer is in the registry.
    case issuer
    /// A leaf's serial is in its issuer's issued_serials.
    case issuedSerial = "issued-serial"
    /// A leaf's certificate signature verifies under its issuer's key.
    case signature
    /// Every serial the issuer revoked is one it issued.
    case revocations

    /// What the rule asserts, as a check name reads it.
    public var summary: String {
        switch self {
        case .present: return "AutoIds present"
        case .decodes: return "value decodes"
        case .identifier: return "storage key is the identifier derived from the certificate"
        case .certificate: return "serial, subject CN, SPKI and validity match the raw certificate"
        case .issuer: return "issuer is registered"
        case .issuedSerial: return "serial is in the issuer's issued_serials"
        case .signature: return "certificate is signed by the issuer"
        case .revocations: return "revoked serials were issued by this issuer"
        }
    }
}

/// The outcome of one rule for one registry entry.
public struct RegistryFinding: Sendable, Hashable {
    /// Which entry: `AutoId 0x…` or `CertificateRevocationList 0x…`.
    public let subject: String
    public let rule: RegistryRule
    /// `nil` when the rule holds; otherwise what is wrong, in one line.
    public let failure: String?
    /// More explanation for a failure.
    public let detail: String?

    public init(subject: String, rule: RegistryRule, failure: String? = nil, detail: String? = nil) {
        self.subject = subject
        self.rule = rule
        self.failure = failure
        self.detail = detail
    }

    public var passed: Bool { failure == nil }
    /// `AutoId 0x…: <rule>`: names the entry and the rule.
    public var name: String { "\(subject) \(rule.rawValue): \(rule.summary)" }
}

/// What the registry audit found.
public struct RegistryAuditReport: Sendable {
    /// Every check made, entry by entry in key order.
    public let findings: [RegistryFinding]
    /// `AutoIds` entries found.
    public let autoIDCount: Int
    /// Of those that decode, how many are roots and leaves.
    public let rootCount: Int
    public let leafCount: Int
    /// `CertificateRevocationList` entries found.
    public let revocationListCount: Int
    /// Leaves whose signature could not be checked because the registry holds only a TBSCertificate for the
    /// leaf or its issuer (what pallet-auto-id stores): no signature is in state.
    public let signaturesNotCheckable: [H256]

    public var passed: Bool { findings.allSatisfy(\.passed) }
}

/// Audits the Auto ID registry of a snapshot against the rules pallet-auto-id enforces when it registers,
/// renews and revokes Auto IDs.
public enum RegistryAudit {
    /// Checks every entry of `state`; never throws (malformed values become failed findings).
    public static func run(_ state: RegistryState) -> RegistryAuditReport {
        var findings: [RegistryFinding] = []
        var roots = 0
        var leaves = 0
        var notCheckable: [H256] = []
        var bodies: [[UInt8]: RegistryCertificate] = [:]

        findings.append(
            state.autoIDs.isEmpty
                ? RegistryFinding(
                    subject: "registry", rule: .present,
                    failure: "no AutoIds entries under twox128(\"\(state.pallet)\") ++ twox128(\"AutoIds\")",
                    detail: "the snapshot holds no Auto ID registry for pallet '\(state.pallet)'; name the pallet "
                        + "with --pallet, or take the snapshot from the domain that runs pallet-auto-id")
                : RegistryFinding(subject: "registry", rule: .present))

        // Certificates are parsed once; issuers are looked up by identifier.
        for entry in state.autoIDs {
            if case .success(let value) = entry.value, let body = try? RegistryCertificate(der: value.raw) {
                bodies[entry.keySuffix] = body
            }
        }

        for entry in state.autoIDs {
            let subject = "AutoId 0x" + Hex.encode(entry.keySuffix)
            let autoID: RegisteredAutoID
            switch entry.value {
            case .failure(let error):
                findings.append(
                    RegistryFinding(
                        subject: subject, rule: .decodes, failure: "not a pallet-auto-id AutoId: \(error)",
                        detail: "the value does not have the layout of AutoId { certificate: Certificate::X509(..) }"))
                continue
            case .success(let value):
                autoID = value
                findings.append(RegistryFinding(subject: subject, rule: .decodes))
            }
            if autoID.issuerID == nil { roots += 1 } else { leaves += 1 }

            findings.append(identifierFinding(subject: subject, keySuffix: entry.keySuffix, autoID: autoID))
            let body = bodies[entry.keySuffix]
            if let body {
                findings.append(certificateFinding(subject: subject, autoID: autoID, body: body))
            } else {
                // Parse again only to say why it does not parse.
                let reason = Result { () throws(RegistryError) in try RegistryCertificate(der: autoID.raw) }
                let text = if case .failure(let error) = reason { "\(error)" } else { "unreadable" }
                findings.append(RegistryFinding(subject: subject, rule: .certificate, failure: "raw: \(text)"))
            }
            if let issuerID = autoID.issuerID {
                findings += issuerFindings(
                    subject: subject, autoID: autoID, body: body, issuerID: issuerID, state: state, bodies: bodies,
                    notCheckable: &notCheckable, identifier: H256(entry.keySuffix))
            }
        }

        for list in state.revocationLists {
            let subject = "CertificateRevocationList 0x" + Hex.encode(list.keySuffix)
            switch list.value {
            case .failure(let error):
                findings.append(
                    RegistryFinding(subject: subject, rule: .decodes, failure: "not a BTreeSet<U256>: \(error)"))
            case .success(let revoked):
                findings.append(RegistryFinding(subject: subject, rule: .decodes))
                findings.append(revocationFinding(subject: subject, list: list, revoked: revoked, state: state))
            }
        }

        return RegistryAuditReport(
            findings: findings, autoIDCount: state.autoIDs.count, rootCount: roots, leafCount: leaves,
            revocationListCount: state.revocationLists.count, signaturesNotCheckable: notCheckable)
    }

    // MARK: Rules

    private static func identifierFinding(subject: String, keySuffix: [UInt8], autoID: RegisteredAutoID) -> RegistryFinding {
        let derived = autoID.derivedIdentifier
        guard keySuffix == derived.bytes else {
            let how =
                autoID.issuerID.map { "blake2b_256(issuer \($0.hex) ++ CN \(quoted(autoID.subjectCommonName)))" }
                ?? "blake2b_256(CN \(quoted(autoID.subjectCommonName)))"
            return RegistryFinding(
                subject: subject, rule: .identifier,
                failure: keySuffix.count == 32
                    ? "stored under 0x\(Hex.encode(keySuffix)), but its certificate derives \(derived.hex)"
                    : "the key has \(keySuffix.count) bytes after the map prefix (an Identity-hashed identifier has 32)",
                detail: "the identifier is \(how)")
        }
        return RegistryFinding(subject: subject, rule: .identifier)
    }

    private static func certificateFinding(subject: String, autoID: RegisteredAutoID, body: RegistryCertificate) -> RegistryFinding {
        var differences: [String] = []
        if body.serial != autoID.serial {
            differences.append("serial: stored \(autoID.serial.hex), certificate \(body.serial?.hex ?? "(wider than 256 bits)")")
        }
        if body.commonName != autoID.subjectCommonName {
            differences.append("subject CN: stored \(quoted(autoID.subjectCommonName)), certificate \(quoted(body.commonName))")
        }
        if body.subjectPublicKeyInfo != autoID.subjectPublicKeyInfo {
            differences.append(
                "SPKI: stored \(autoID.subjectPublicKeyInfo.count) bytes (BLAKE2b-256 \(shortDigest(autoID.subjectPublicKeyInfo))), "
                    + "certificate \(body.subjectPublicKeyInfo.count) bytes (\(shortDigest(body.subjectPublicKeyInfo)))")
        }
        if body.validity != autoID.validity {
            differences.append("validity: stored \(autoID.validity), certificate \(body.validity)")
        }
        guard differences.isEmpty else {
            return RegistryFinding(
                subject: subject, rule: .certificate, failure: differences.joined(separator: "; "),
                detail: "the stored fields must be exactly those pallet-auto-id reads from raw when it registers the Auto ID")
        }
        return RegistryFinding(subject: subject, rule: .certificate)
    }

    private static func issuerFindings(
        subject: String, autoID: RegisteredAutoID, body: RegistryCertificate?, issuerID: H256, state: RegistryState,
        bodies: [[UInt8]: RegistryCertificate], notCheckable: inout [H256], identifier: H256?
    ) -> [RegistryFinding] {
        guard let issuerEntry = state.autoIDs.first(where: { $0.keySuffix == issuerID.bytes }) else {
            return [
                RegistryFinding(
                    subject: subject, rule: .issuer, failure: "issuer \(issuerID.hex) is not in the registry",
                    detail: "a leaf is registered only under an existing issuer; the issuer was deactivated, or the entry is forged")
            ]
        }
        guard case .success(let issuer) = issuerEntry.value else {
            return [RegistryFinding(subject: subject, rule: .issuer, failure: "the entry of issuer \(issuerID.hex) does not decode")]
        }
        var findings = [RegistryFinding(subject: subject, rule: .issuer)]
        findings.append(
            issuer.issuedSerials.contains(autoID.serial)
                ? RegistryFinding(subject: subject, rule: .issuedSerial)
                : RegistryFinding(
                    subject: subject, rule: .issuedSerial,
                    failure: "serial \(autoID.serial.hex) is not among the \(issuer.issuedSerials.count) serial(s) issuer \(issuerID.hex) issued"))
        guard let leafCertificate = body?.certificate, let issuerCertificate = bodies[issuerID.bytes]?.certificate else {
            if body != nil, let identifier { notCheckable.append(identifier) }
            return findings
        }
        do {
            try AutoIDChainVerifier.verifySignature(of: leafCertificate, issuedBy: issuerCertificate)
            findings.append(RegistryFinding(subject: subject, rule: .signature))
        } catch {
            findings.append(RegistryFinding(subject: subject, rule: .signature, failure: "\(error)"))
        }
        return findings
    }

    private static func revocationFinding(
        subject: String, list: RegistryState.RevocationEntry, revoked: RevokedSerials, state: RegistryState
    ) -> RegistryFinding {
        guard let issuerID = list.issuer else {
            return RegistryFinding(
                subject: subject, rule: .revocations,
                failure: "the key has \(list.keySuffix.count) bytes after the map prefix (an Identity-hashed identifier has 32)")
        }
        guard let issuer = state.autoID(issuerID) else {
            return RegistryFinding(
                subject: subject, rule: .revocations,
                failure: "issuer \(issuerID.hex) is not in the registry (or its entry does not decode), so none of its "
                    + "\(revoked.serials.count) revoked serial(s) can be shown to be issued by it",
                detail: "deactivating an Auto ID removes it but keeps its revocation list; otherwise the list is forged")
        }
        let issued = Set(issuer.issuedSerials)
        let strangers = revoked.serials.filter { !issued.contains($0) }
        guard strangers.isEmpty else {
            return RegistryFinding(
                subject: subject, rule: .revocations,
                failure: "revoked serial(s) \(strangers.map(\.hex).joined(separator: ", ")) were never issued by \(issuerID.hex)",
                detail: "pallet-auto-id revokes only serials in the issuer's issued_serials")
        }
        return RegistryFinding(subject: subject, rule: .revocations)
    }

    // MARK: Formatting

    private static func quoted(_ bytes: [UInt8]) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return "\"\(text)\"" }
        return "0x" + Hex.encode(bytes)
    }

    private static func shortDigest(_ bytes: [UInt8]) -> String {
        String(Hex.encode(BLAKE2b.hash(bytes, outputByteCount: 32)).prefix(16))
    }
}
