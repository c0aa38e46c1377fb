import AutoIDFiles
public import AutoIDIdentity
public import AutoIDJSON
public import AutoIDVerdict

/// What checking one Auto ID found: who it is, whether its chain is trusted, and which personhood
/// factors count; the exit status that adds up to; and the text and JSON reports.
public struct IdentityReport: Sendable {
    /// The Auto ID, with its identifier resolved when its issuers were given.
    public var subject: AutoID
    /// The chain verdict; `nil` when no trust roots were given.
    public var verdict: ChainVerdict?
    /// One result per attestation, in order.
    public var factors: [PersonhoodPolicy.Result]
    /// The number of distinct factors required; `nil` for no requirement.
    public var requiredFactors: Int?

    /// Distinct factors among the attestations that count.
    public var distinctFactors: Int { PersonhoodPolicy.distinctFactors(factors) }

    /// The verdict: the chain's (a bad signature 1, any other rejection 2), then too few personhood
    /// factors (2); 0 when shown without trust roots.
    public var status: ExitStatus {
        if let error = verdict?.error { return error.exitStatus }
        if let requiredFactors, distinctFactors < requiredFactors { return .untrusted }
        return .ok
    }

    // MARK: Text

    /// The report as aligned `label  value` lines.
    public var textLines: [String] {
        var lines = Self.describe(subject)
        switch verdict {
        case nil: lines.append("trust          not checked (give --trust ROOTS to verify the chain)")
        case .trusted(let path)?: lines.append("trust          TRUSTED via " + AutoID.shownNames(path[...], separator: " -> "))
        case .rejected(let error)?: lines.append("trust          NOT TRUSTED: \(error.detail) [\(error.source)]")
        }
        guard verdict?.isTrusted == true else { return lines }
        for result in factors {
            let what = result.factor.map { "\($0)" } ?? "?"
            if let rejection = result.rejection {
                lines.append("factor         \(what): not counted (\(result.source): \(rejection))")
            } else {
                lines.append("factor         \(what): attested by '\(result.attester.map(DisplayName.escape) ?? "?")'")
            }
        }
        if let requiredFactors {
            let met = distinctFactors >= requiredFactors
            lines.append("personhood     \(distinctFactors) of \(requiredFactors) required factors" + (met ? "" : ": NOT MET"))
        }
        return lines
    }

    /// The description of an Auto ID, one `label  value` line per field.
    public static func describe(_ id: AutoID) -> [String] {
        var lines = [
            "identifier     \(id.identifier?.hexDigits ?? "unknown (issuer chain not given)")",
            "name           \(id.shownName)",
            "kind           \(id.kind?.name ?? "not stated")",
        ]
        if let model = id.model { lines.append("model          \(DisplayName.escape(model.description))") }
        lines += [
            "issuer         \(id.isSelfIssued ? "self (root)" : DisplayName.escape(id.issuerCommonName ?? id.issuerName))",
            "valid          \(RFC3339.format(id.notValidBefore)) to \(RFC3339.format(id.notValidAfter))",
            "key            \(id.keyType)",
            "serial         \(id.serialNumberHex)",
            "authority      \(id.isCertificateAuthority ? "may issue Auto IDs" + (id.pathLengthConstraint.map { " (path length \($0))" } ?? "") : "no")",
        ]
        for link in id.linkedIdentities { lines.append("linked         \(DisplayName.escape(link.description))") }
        return lines
    }

    // MARK: JSON

    /// The JSON report (autoid-identity(5)).
    public var json: JSONValue {
        var object = Self.describeJSON(subject)
        if !factors.isEmpty || requiredFactors != nil {
            object["factors"] = .array(
                factors.map { result in
                    .object([
                        "attestation": .string(result.source),
                        "factor": result.factor.map { .string("\($0)") } ?? .null,
                        "attester": result.attester.map { .string($0) } ?? .null,
                        "counted": .bool(result.rejection == nil),
                        "reason": result.rejection.map { .string($0) } ?? .null,
                    ])
                })
            object["distinctFactors"] = .integer(distinctFactors)
            if let requiredFactors { object["requiredFactors"] = .integer(requiredFactors) }
        }
        if let verdict {
            object["trusted"] = .bool(verdict.isTrusted)
            if let error = verdict.error { object["failure"] = .string(error.description) }
            if let path = verdict.chain { object["chain"] = .array(path.map { .string($0.commonName) }) }
        } else {
            object["trusted"] = .null
        }
        object["exitCode"] = .integer(status.rawValue)
        return .object(object)
    }

    /// The description of an Auto ID as a JSON object.
    public static func describeJSON(_ id: AutoID) -> [String: JSONValue] {
        var object: [String: JSONValue] = [
            "identifier": id.identifier.map { .string($0.hexDigits) } ?? .null,
            "name": .string(id.commonName),
            "kind": id.kind.map { .string($0.name) } ?? .null,
            "issuer": .string(id.issuerCommonName ?? id.issuerName),
            "selfIssued": .bool(id.isSelfIssued),
            "notValidBefore": .string(RFC3339.format(id.notValidBefore)),
            "notValidAfter": .string(RFC3339.format(id.notValidAfter)),
            "keyType": .string(id.keyType.description),
            "serial": .string(id.serialNumberHex),
            "certificateAuthority": .bool(id.isCertificateAuthority),
            "linkedIdentities": .array(id.linkedIdentities.map { .string($0.description) }),
        ]
        if let model = id.model {
            object["model"] = .object([
                "provider": .string(model.provider), "name": .string(model.modelName),
                "version": model.modelVersion.map { .string($0) } ?? .null,
            ])
        }
        return object
    }
}
