import AutoIDHashing
import AutoIDJSON
public import AutoIDReports
public import AutoIDState

extension RegistryAudit {
    /// `state-audit registry`: the registry audit of a whole snapshot, named `name` (its path, as given), as
    /// a report: counts, every decoded AutoId, one check per entry and rule, and the state root when the
    /// layout is known (`stateVersion`, else the runtime in `:code`; without either, no root is shown).
    ///
    /// - Throws: ``StateError`` when `:code` is needed for the layout and does not read, or a child trie is
    ///   malformed. Malformed registry entries are failed checks, never errors.
    public static func run(
        _ snapshot: StateSnapshot, name: String, pallet: String = RegistryLayout.defaultPallet, stateVersion: StateVersion? = nil
    ) throws(StateError) -> AuditReport {
        let registry = RegistryState(pairs: snapshot.top, pallet: pallet)
        let audit = run(registry)
        var fields: [String: JSONValue] = [
            "snapshot": .string(name), "format": .string(snapshot.format.rawValue), "pallet": .string(pallet),
            "autoIdCount": .integer(audit.autoIDCount), "roots": .integer(audit.rootCount),
            "leaves": .integer(audit.leafCount), "revocationLists": .integer(audit.revocationListCount),
            "signaturesNotCheckable": .array(audit.signaturesNotCheckable.map { .string($0.hex) }),
            "autoIds": .array(registry.autoIDs.compactMap(json)),
        ]
        var lines = [
            "snapshot       \(name) (\(snapshot.format.rawValue), \(snapshot.top.count) pairs)",
            "pallet         \(pallet)",
            "auto ids       \(audit.autoIDCount) (\(audit.rootCount) roots, \(audit.leafCount) leaves), "
                + "\(audit.revocationListCount) revocation list(s)",
        ]
        let version: StateVersion? = if let stateVersion { stateVersion } else { try snapshot.runtimeVersion()?.stateVersion }
        if let version {
            let root = try snapshot.stateRoot(version: version)
            fields["stateRoot"] = .string(root.hex)
            fields["stateVersion"] = .integer(version.number)
            lines.append("state root     \(root.hex) (state version \(version.number))")
        }
        if !audit.signaturesNotCheckable.isEmpty {
            lines.append(
                "not checkable  \(audit.signaturesNotCheckable.count) leaf signature(s): raw holds only the "
                    + "TBSCertificate (as pallet-auto-id stores it), so no signature is in state")
        }
        return AuditReport(fields: fields, lines: lines, checks: audit.checks)
    }

    /// A decoded AutoId as the JSON report lists it; `nil` for an entry that does not decode.
    private static func json(_ entry: RegistryState.Entry) -> JSONValue? {
        guard case .success(let autoID) = entry.value else { return nil }
        return .object([
            "identifier": .string("0x" + Hex.encode(entry.keySuffix)),
            "issuer": autoID.issuerID.map { .string($0.hex) } ?? .null,
            "serial": .string(autoID.serial.hex),
            "subjectCommonName": String(validating: autoID.subjectCommonName, as: UTF8.self).map { .string($0) }
                ?? .string("0x" + Hex.encode(autoID.subjectCommonName)),
            "notBefore": .integer(autoID.validity.notBefore),
            "notAfter": .integer(autoID.validity.notAfter),
            "issuedSerials": .array(autoID.issuedSerials.map { .string($0.hex) }),
            "nonce": .string(autoID.nonce.hex),
        ])
    }
}
