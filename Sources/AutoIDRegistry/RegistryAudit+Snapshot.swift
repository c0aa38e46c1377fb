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
        let version: StateVersion? = if let stateVersion { stateVersion } else { try snapshot.runtimeVersion()?.stateVersion }
        var root: (H256, StateVersion)?
        if let version { root = (try snapshot.stateRoot(version: version), version) }
        return report(
            RegistryState(pairs: snapshot.top, pallet: pallet), name: name, format: snapshot.format, pairCount: snapshot.top.count, root: root)
    }

    /// ``run(_:name:pallet:stateVersion:)`` on the snapshot file at `path` (`-`: standard input), read as a
    /// stream (``SnapshotStream``): only the pallet's pairs are kept, so memory stays bounded whatever the
    /// size of the state.
    ///
    /// - Throws: ``FileError`` when the file cannot be read; ``StateError`` as ``run(_:name:pallet:stateVersion:)``.
    public static func run(
        path: String, name: String, pallet: String = RegistryLayout.defaultPallet, stateVersion: StateVersion? = nil,
        options: SnapshotReadOptions = .init()
    ) throws -> AuditReport {
        var options = options
        // Both of the pallet's maps start with the pallet's 16-byte prefix.
        options.keepPrefix = Array(RegistryLayout.autoIDsPrefix(pallet: pallet).prefix(16))
        switch try SnapshotStream.read(path: path, name: name, stateVersion: stateVersion, options: options) {
        case .whole(let snapshot):
            return try run(snapshot, name: name, pallet: pallet, stateVersion: stateVersion)
        case .streamed(let streamed):
            let root = streamed.stateRoot.flatMap { root in streamed.stateVersion.map { (root, $0) } }
            return report(
                RegistryState(pairs: streamed.kept, pallet: pallet), name: name, format: streamed.format, pairCount: streamed.pairCount, root: root)
        }
    }

    private static func report(
        _ registry: RegistryState, name: String, format: StateSnapshot.Format, pairCount: Int, root: (H256, StateVersion)?
    ) -> AuditReport {
        let pallet = registry.pallet
        let audit = run(registry)
        var fields: [String: JSONValue] = [
            "snapshot": .string(name), "format": .string(format.rawValue), "pallet": .string(pallet),
            "autoIdCount": .integer(audit.autoIDCount), "roots": .integer(audit.rootCount),
            "leaves": .integer(audit.leafCount), "revocationLists": .integer(audit.revocationListCount),
            "signaturesNotCheckable": .array(audit.signaturesNotCheckable.map { .string($0.hex) }),
            "autoIds": .array(registry.autoIDs.compactMap(json)),
        ]
        var lines = [
            "snapshot       \(name) (\(format.rawValue), \(pairCount) pairs)",
            "pallet         \(pallet)",
            "auto ids       \(audit.autoIDCount) (\(audit.rootCount) roots, \(audit.leafCount) leaves), "
                + "\(audit.revocationListCount) revocation list(s)",
        ]
        if let (root, version) = root {
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
