import ArgumentParser
import AutoIDLedger
import AutoIDState
import AutoIDVerdict

extension StateAudit {
    /// `state-audit ledger`: audit the balances ledger (System.Account, Balances.TotalIssuance) in a snapshot.
    struct Ledger: ParsableCommand {
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
                are named as AccountId32 in hex. Any failed check gives exit status 1.
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
        }

        func run() throws {
            var status = ExitStatus.ok
            try reportingErrors(tool: "state-audit", verbose: report.verbose) {
                let audit = LedgerAudit(
                    existentialDeposit: existentialDeposit.flatMap { Amount(decimal: $0)?.u128 }, tokenSymbol: tokenSymbol,
                    tokenDecimals: tokenDecimals, systemPallet: systemPallet, balancesPallet: balancesPallet)
                let result = try audit.run(path: snapshot, name: snapshot, limit: InputFiles.snapshotLimit)
                status = try result.emit(report, suite: "state-audit ledger", inputs: [snapshot])
            }
            if status != .ok { throw status.exitCode }
        }
    }
}
