import AutoIDVerdict
import ArgumentParser
import AutoIDFiles
import AutoIDHashing
import AutoIDJSON
import AutoIDRegistry
import AutoIDState

extension StateAudit {
    /// `state-audit registry`: audit the Auto ID registry (pallet-auto-id) in a state snapshot.
    struct Registry: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "registry",
            abstract: "Audit the Auto ID registry (pallet-auto-id) in a state snapshot.",
            discussion: """
                SNAPSHOT is any snapshot 'state-audit snapshot' reads (raw chain spec, key/value map, \
                state_getPairs, JSON Lines). Every AutoIds entry (twox128(PALLET) ++ twox128("AutoIds") ++ \
                identifier) is decoded as pallet-auto-id's AutoId and checked: its value decodes; its key is \
                the identifier derived from its certificate (blake2b_256(CN) for a root, blake2b_256(issuer \
                ++ CN) for a leaf); its serial, subject CN, SubjectPublicKeyInfo and validity are those of \
                its raw DER; a leaf's issuer is registered, lists the leaf's serial in issued_serials and \
                signed the leaf. Every CertificateRevocationList entry must decode and name only serials its \
                issuer issued. pallet-auto-id stores only the TBSCertificate as raw, so signatures are checked \
                where raw holds whole certificates and reported as not checkable otherwise. One check per \
                entry and rule; any failed check gives exit status 1. With --state-version, or a runtime in \
                :code, the snapshot's state root is printed too.
                """)

        @Argument(help: ArgumentHelp("The snapshot file (- for standard input).", valueName: "snapshot"))
        var snapshot: String

        @Option(help: ArgumentHelp("The pallet's name in the runtime.", valueName: "name"))
        var pallet: String = RegistryLayout.defaultPallet

        @Option(help: ArgumentHelp("Trie layout for the state root: 0 or 1 (default: from the runtime in :code, if any).", valueName: "version"))
        var stateVersion: StateVersionArgument?

        @OptionGroup var report: ReportOptions

        func run() throws {
            var status = ExitStatus.ok
            try reportingErrors(tool: "state-audit", verbose: report.verbose) {
                let bytes = try SmallFile.read(path: snapshot, limit: 4 * 1024 * 1024 * 1024)
                let state = try StateSnapshot(jsonBytes: bytes, source: snapshot)
                let registry = RegistryState(pairs: state.top, pallet: pallet)
                let audit = RegistryAudit.run(registry)

                var fields: [String: JSONValue] = [
                    "snapshot": .string(snapshot), "format": .string(state.format.rawValue), "pallet": .string(pallet),
                    "autoIdCount": .integer(audit.autoIDCount), "roots": .integer(audit.rootCount),
                    "leaves": .integer(audit.leafCount), "revocationLists": .integer(audit.revocationListCount),
                    "signaturesNotCheckable": .array(audit.signaturesNotCheckable.map { .string($0.hex) }),
                    "autoIds": .array(registry.autoIDs.compactMap(Self.json)),
                ]
                var lines = [
                    "snapshot       \(snapshot) (\(state.format.rawValue), \(state.top.count) pairs)",
                    "pallet         \(pallet)",
                    "auto ids       \(audit.autoIDCount) (\(audit.rootCount) roots, \(audit.leafCount) leaves), "
                        + "\(audit.revocationListCount) revocation list(s)",
                ]
                let version: StateVersion? = try stateVersion?.stateVersion ?? state.runtimeVersion()?.stateVersion
                if let version {
                    let root = try state.stateRoot(version: version)
                    let number = version == .v0 ? 0 : 1
                    fields["stateRoot"] = .string(root.hex)
                    fields["stateVersion"] = .integer(number)
                    lines.append("state root     \(root.hex) (state version \(number))")
                }
                if !audit.signaturesNotCheckable.isEmpty {
                    lines.append(
                        "not checkable  \(audit.signaturesNotCheckable.count) leaf signature(s): raw holds only the "
                            + "TBSCertificate (as pallet-auto-id stores it), so no signature is in state")
                }
                let checks = audit.findings.map { AuditCheck(name: $0.name, failure: $0.failure, detail: $0.detail) }
                status = try AuditOutcome(fields: fields, lines: lines, checks: checks).emit(report, suite: "state-audit registry")
            }
            if status != .ok { throw status.exitCode }
        }

        /// A decoded AutoId as the JSON report lists it; `nil` for an entry that does not decode.
        static func json(_ entry: RegistryState.Entry) -> JSONValue? {
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
}
