import ArgumentParser
import AutoIDFiles
import AutoIDIdentity
import AutoIDLedger
import AutoIDManifest
import AutoIDRegistry
import AutoIDReports
import AutoIDState
import AutoIDVerdict

extension StateAudit {
    /// `state-audit ledger`: audit the balances ledger (System.Account, Balances.TotalIssuance) in a snapshot.
    struct Ledger: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ledger",
            abstract: "Audit the balances ledger in a snapshot: every account decodes, and balances sum to the total issuance.",
            discussion: """
                SNAPSHOT is any snapshot 'state-audit snapshot' reads (raw chain spec, key/value map, \
                state_getPairs, JSON Lines). Every System.Account entry (twox128("System") ++ \
                twox128("Account") ++ blake2_128(AccountId32) ++ AccountId32) must decode exactly as \
                AccountInfo<u32, AccountData<u128>> (80 bytes: nonce, consumers, providers, sufficients, free, \
                reserved, frozen, flags), with a key whose hash is that of its account. Checks: no account's \
                free + reserved overflows a u128; frozen is not above free + reserved; with an existential \
                deposit (--existential-deposit, or properties.existentialDeposit of a chain spec) every account \
                with nothing reserved holds nothing or at least the deposit free; and the exact sum of every \
                account's free + reserved equals Balances.TotalIssuance. Amounts print in tokens with the \
                symbol and decimals of the chain spec's properties (tokenSymbol, tokenDecimals) or the options; \
                --json prints every amount as an exact integer string in the smallest unit. Offending accounts \
                are named as AccountId32 in hex and, with an SS58 address format (--ss58-format, or \
                properties.ss58Format of a chain spec), also as SS58 addresses; --json gives both.

                With --previous EARLIER, the change since the earlier snapshot must be explained by the \
                signed mint/burn journals given with --journal (DSSE envelopes, autoid-ledger-journal(5)), \
                in order: each is signed by its issuer's Auto ID, which must chain to the --trust roots (and \
                not be revoked by a --crl); the journals chain from the earlier TotalIssuance to the current \
                one, each journal's issuance change equals what it mints minus what it burns, and every \
                account's change of free + reserved equals what the journals credit (mints, transfers in) minus \
                what they debit (burns, transfers out); every other account is named. Both snapshots' accounts \
                are kept in memory for the comparison.

                With --require-auto-id, every funded account (free + reserved above 0) must resolve to a \
                valid, unrevoked Auto ID among --auto-ids, one that chains to the --trust roots (--crl \
                applies): its Ed25519 key is the AccountId32, or a signed account list given with \
                --account-list (autoid-account-list(5), made with 'autoid-sign account-list'; its issuer \
                must chain to the --trust roots) maps the account to the Auto ID's identifier, which is how \
                sr25519 accounts resolve. With --registry SNAPSHOT (a state snapshot holding pallet-auto-id's \
                storage; it may be the audited snapshot itself), each such Auto ID must also be registered \
                there with the same key, not deactivated, and not on its issuer's registry revocation list. \
                The report counts funded accounts by the kinds that control them (human, ai-agent, both...) \
                and names those that resolve to none, and why. (pallet-auto-id keeps no account mapping in \
                state, so the registry backs Auto IDs but cannot map accounts to them.)

                Exit status: 0 every check passed; 1 a check failed, or a journal's or account list's \
                signature is bad; 2 a journal's or account list's issuer is not trusted; 3 malformed \
                snapshot, journal or account list; 4 unreadable file; 64 usage.
                """)

        @Argument(help: ArgumentHelp("The snapshot file (- for standard input).", valueName: "snapshot"))
        var snapshot: String

        @Option(help: ArgumentHelp("The existential deposit in the smallest unit (default: the chain spec's, if any).", valueName: "amount"))
        var existentialDeposit: String?

        @Option(help: ArgumentHelp("The token symbol amounts print with (default: the chain spec's tokenSymbol).", valueName: "symbol"))
        var tokenSymbol: String?

        @Option(help: ArgumentHelp("Decimals between the smallest unit and one token (default: the chain spec's tokenDecimals).", valueName: "n"))
        var tokenDecimals: Int?

        @Option(help: ArgumentHelp("The system pallet's name in the runtime.", valueName: "name"))
        var systemPallet: String = LedgerLayout.systemPallet

        @Option(help: ArgumentHelp("The balances pallet's name in the runtime.", valueName: "name"))
        var balancesPallet: String = LedgerLayout.balancesPallet

        @Option(help: ArgumentHelp("An earlier snapshot: the change since it must be explained by the journals.", valueName: "snapshot"))
        var previous: String?

        @Option(help: ArgumentHelp("A signed mint/burn journal (DSSE envelope) for the period; repeat, in order.", valueName: "envelope"))
        var journal: [String] = []

        @Option(help: ArgumentHelp("Trust roots the journals' issuers must chain to (PEM file or folder).", valueName: "roots"))
        var trust: String?

        @Option(name: .customLong("crl"), help: ArgumentHelp("A revocation list from an issuer in a journal's chain; repeat for several.", valueName: "file"))
        var revocationLists: [String] = []

        @Flag(help: "Every funded account must resolve to a valid, unrevoked Auto ID among --auto-ids (its Ed25519 key, or an --account-list).")
        var requireAutoId = false

        @Option(help: ArgumentHelp("Auto IDs (with their chains) accounts resolve to (PEM file or folder).", valueName: "certs"))
        var autoIds: String?

        @Option(help: ArgumentHelp("A signed account list mapping accounts to Auto IDs (DSSE envelope); repeat for several.", valueName: "envelope"))
        var accountList: [String] = []

        @Option(
            help: ArgumentHelp(
                "A snapshot with the Auto ID registry (pallet-auto-id): resolved Auto IDs must be registered there, unrevoked.",
                valueName: "snapshot"))
        var registry: String?

        @Option(help: ArgumentHelp("The registry pallet's name in the runtime (default AutoId).", valueName: "name"))
        var registryPallet: String = RegistryLayout.defaultPallet

        @Option(help: ArgumentHelp("The SS58 address format accounts also print in (default: the chain spec's ss58Format).", valueName: "n"))
        var ss58Format: Int?

        @OptionGroup var report: ReportOptions

        func validate() throws {
            if let existentialDeposit, Amount(decimal: existentialDeposit)?.u128 == nil {
                throw ValidationError(
                    "--existential-deposit takes a whole number of the smallest unit, 0 to 2^128 - 1 (not '\(existentialDeposit.prefix(60))')")
            }
            if let tokenSymbol, !TokenUnit.isPrintableSymbol(tokenSymbol) {
                throw ValidationError("--token-symbol takes 1 to 16 ASCII letters or digits")
            }
            if let tokenDecimals, !(0...TokenUnit.maxDecimals).contains(tokenDecimals) {
                throw ValidationError("--token-decimals takes 0 to \(TokenUnit.maxDecimals)")
            }
            if previous == nil && !journal.isEmpty {
                throw ValidationError("--journal checks a change between two snapshots; give the earlier one with --previous")
            }
            if previous == nil && !requireAutoId && (trust != nil || !revocationLists.isEmpty) {
                throw ValidationError("--trust and --crl check journals (with --previous) or Auto IDs (with --require-auto-id)")
            }
            if let ss58Format, !LedgerAudit.isSS58Format(ss58Format) {
                throw ValidationError("--ss58-format takes an SS58 address format, 0 to 16383 (46 and 47 are reserved)")
            }
            if (!accountList.isEmpty || registry != nil) && !requireAutoId {
                throw ValidationError("--account-list and --registry resolve accounts to Auto IDs for --require-auto-id; give that too")
            }
            if requireAutoId != (autoIds != nil) || (requireAutoId && trust == nil) {
                throw ValidationError("--require-auto-id takes the Auto IDs with --auto-ids and their roots with --trust")
            }
            if !journal.isEmpty && trust == nil {
                throw ValidationError("journals are verified against the issuer's trust roots; give --trust")
            }
        }

        func run() async throws {
            var status = ExitStatus.ok
            try await reportingErrors(tool: "state-audit", verbose: report.verbose) {
                var audit = LedgerAudit(
                    existentialDeposit: existentialDeposit.flatMap { Amount(decimal: $0)?.u128 }, tokenSymbol: tokenSymbol,
                    tokenDecimals: tokenDecimals, ss58Format: ss58Format.map { UInt16($0) }, systemPallet: systemPallet, balancesPallet: balancesPallet)
                if let autoIds, let trust {
                    let roots = try AutoIDFile.loadTrustRoots(path: trust)
                    let lists = try revocationLists.map { (try RevocationList.load(path: $0), $0) }
                    // Account lists first: a forged or untrusted one stops the run before any snapshot is read.
                    var verified: [AccountList.Verified] = []
                    for path in accountList {
                        let envelope = try Envelope(jsonBytes: try SmallFile.read(path: path, limit: Envelope.sizeLimit), source: path)
                        verified.append(try await AccountList.verify(envelope, source: path, trustRoots: roots, revocationLists: lists))
                    }
                    let index = try registry.map { RegistryIndex(RegistryState(pairs: try InputFiles.snapshot($0).top, pallet: registryPallet)) }
                    audit.autoIDs = await AccountAutoIDs.resolve(
                        try AutoIDFile.loadTrustRoots(path: autoIds), lists: verified, trustRoots: roots, revocationLists: lists,
                        registry: index.map { index in { index.rejection(identifier: H256($0.bytes)!, subjectPublicKeyInfo: $1) } })
                }
                let result: AuditReport
                if let previous {
                    // Journals first: a forged or untrusted one stops the run before any snapshot is read.
                    let roots = try trust.map { try AutoIDFile.loadTrustRoots(path: $0) } ?? []
                    let lists = try revocationLists.map { (try RevocationList.load(path: $0), $0) }
                    var verified: [LedgerJournal.Verified] = []
                    for path in journal {
                        let envelope = try Envelope(jsonBytes: try SmallFile.read(path: path, limit: Envelope.sizeLimit), source: path)
                        verified.append(try await LedgerJournal.verify(envelope, source: path, trustRoots: roots, revocationLists: lists))
                    }
                    result = try audit.run(path: snapshot, name: snapshot, previous: previous, journals: verified, limit: InputFiles.snapshotLimit)
                } else {
                    result = try audit.run(path: snapshot, name: snapshot, limit: InputFiles.snapshotLimit)
                }
                status = try result.emit(
                    report, suite: "state-audit ledger", inputs: [snapshot] + [previous, registry].compactMap { $0 } + journal + accountList)
            }
            if status != .ok { throw status.exitCode }
        }
    }
}
