import AutoIDJSON
public import AutoIDReports
public import AutoIDState

/// `state-audit ledger`: the balances ledger of one snapshot checked against the rules pallet-balances
/// keeps: every `System.Account` record decodes exactly, no account's free + reserved overflows, frozen
/// is not above free + reserved, the existential deposit is respected (when known), and the sum of every
/// account's free + reserved equals `Balances.TotalIssuance` (conservation), summed exactly.
public struct LedgerAudit: Sendable {
    /// How many offending accounts a failed check names in text; JSON lists up to ``jsonListLimit``.
    public static let textListLimit = 5
    public static let jsonListLimit = 1000

    /// The existential deposit, overriding the chain spec's `properties.existentialDeposit`.
    public var existentialDeposit: UInt128?
    /// The token's symbol and decimals, each overriding the chain spec's `properties`.
    public var tokenSymbol: String?
    public var tokenDecimals: Int?
    /// The SS58 address format accounts also print in, overriding the chain spec's `properties.ss58Format`.
    public var ss58Format: UInt16?
    public var systemPallet: String
    public var balancesPallet: String
    /// With `--require-auto-id`: the Auto IDs accounts resolve to; every funded account must resolve.
    public var autoIDs: AccountAutoIDs?

    public init(
        existentialDeposit: UInt128? = nil, tokenSymbol: String? = nil, tokenDecimals: Int? = nil, ss58Format: UInt16? = nil,
        systemPallet: String = LedgerLayout.systemPallet,
        balancesPallet: String = LedgerLayout.balancesPallet
    ) {
        self.existentialDeposit = existentialDeposit
        self.tokenSymbol = tokenSymbol
        self.tokenDecimals = tokenDecimals
        self.ss58Format = ss58Format
        self.systemPallet = systemPallet
        self.balancesPallet = balancesPallet
    }

    /// What the audit settled before reading accounts: the unit amounts print in, the existential deposit
    /// and where each came from, and remarks about the chain spec's properties.
    public struct Settings: Sendable {
        public var unit: TokenUnit
        public var existentialDeposit: UInt128?
        /// The SS58 address format accounts print in beside hex; `nil`: hex only.
        public var ss58Format: UInt16?
        public var warnings: [String]

        public init(unit: TokenUnit, existentialDeposit: UInt128?, ss58Format: UInt16? = nil, warnings: [String] = []) {
            self.unit = unit
            self.existentialDeposit = existentialDeposit
            self.ss58Format = ss58Format
            self.warnings = warnings
        }
    }

    /// Whether `format` can name a network in an SS58 address (0 to 16383, not reserved).
    public static func isSS58Format(_ format: Int) -> Bool {
        (0...Int(SS58.maxFormat)).contains(format) && !SS58.reservedFormats.contains(UInt16(format))
    }

    /// The unit and existential deposit for `snapshot`: options first, then its chain spec's `properties`.
    public func settings(for snapshot: StateSnapshot) -> Settings {
        var (unit, warnings) = TokenUnit.from(properties: snapshot.properties)
        if let tokenSymbol { unit.symbol = tokenSymbol }
        if let tokenDecimals { unit.decimals = tokenDecimals }
        var deposit = existentialDeposit
        if deposit == nil, let value = snapshot.properties?["existentialDeposit"] {
            let text: String? = if case .number(let digits) = value { digits } else { value.stringValue }
            if let text, let amount = Amount(decimal: text)?.u128 {
                deposit = amount
            } else {
                warnings.append("properties.existentialDeposit is not a decimal integer up to u128::MAX; the existential deposit is not checked")
            }
        }
        var format = ss58Format
        if format == nil, let value = snapshot.properties?["ss58Format"] {
            if let number = value.intValue, Self.isSS58Format(number) {
                format = UInt16(number)
            } else {
                warnings.append("properties.ss58Format is not an SS58 address format (0 to 16383, not 46 or 47); accounts print in hex only")
            }
        }
        return Settings(unit: unit, existentialDeposit: deposit, ss58Format: format, warnings: warnings)
    }

    /// Audits the ledger of `snapshot`, named `name` (its path, as given). Never throws: malformed records
    /// are failed checks.
    public func run(_ snapshot: StateSnapshot, name: String) -> AuditReport {
        let settings = settings(for: snapshot)
        let ledger = LedgerState(
            pairs: snapshot.top, systemPallet: systemPallet, balancesPallet: balancesPallet, existentialDeposit: settings.existentialDeposit,
            keysMayRepeat: snapshot.format == .pairs || snapshot.format == .jsonLines, autoIDs: autoIDs)
        return report(Read(ledger: ledger, settings: settings, format: snapshot.format.rawValue, pairCount: snapshot.top.count), name: name)
    }

    /// The report of an already read ledger: the facts, then one check per rule.
    public static func report(_ ledger: LedgerState, settings: Settings) -> AuditReport {
        let unit = settings.unit
        var fields: [String: JSONValue] = [
            "systemPallet": .string(ledger.systemPallet), "balancesPallet": .string(ledger.balancesPallet),
            "records": .integer(ledger.recordCount), "accounts": .integer(ledger.accountCount),
            "totalFree": .string(ledger.totalFree.description), "totalReserved": .string(ledger.totalReserved.description),
            "totalFrozen": .string(ledger.totalFrozen.description), "total": .string(ledger.total.description),
            "token": .object(["symbol": unit.symbol.map { .string($0) } ?? .null, "decimals": .integer(unit.decimals)]),
            "existentialDeposit": settings.existentialDeposit.map { .string(String($0)) } ?? .null,
        ]
        var lines = [
            "accounts       \(ledger.accountCount)"
                + (ledger.recordCount != ledger.accountCount ? " (of \(ledger.recordCount) records; the rest are malformed)" : ""),
            "free           \(unit.format(ledger.totalFree))",
            "reserved       \(unit.format(ledger.totalReserved))",
            "frozen         \(unit.format(ledger.totalFrozen))",
            "total          \(unit.format(ledger.total)) (free + reserved)",
        ]
        var checks: [AuditCheck] = []

        checks.append(
            ledger.recordCount == 0
                ? AuditCheck(
                    name: "System.Account present",
                    failure: "no entries under twox128(\"\(ledger.systemPallet)\") ++ twox128(\"Account\")",
                    detail: "the snapshot holds no accounts; take it from the chain itself (state_getPairs of the whole state), "
                        + "or name the pallet with --system-pallet")
                : AuditCheck(name: "System.Account present"))

        let issuanceName = "\(ledger.balancesPallet).TotalIssuance decodes as a u128"
        var issuance: UInt128?
        switch ledger.issuance {
        case .missing:
            fields["totalIssuance"] = .null
            lines.append("issuance       (no \(ledger.balancesPallet).TotalIssuance in the snapshot)")
            checks.append(
                AuditCheck(
                    name: issuanceName, failure: "no value under twox128(\"\(ledger.balancesPallet)\") ++ twox128(\"TotalIssuance\")",
                    detail: "without the issuance nothing can be conserved; name the pallet with --balances-pallet"))
        case .malformed(let why):
            fields["totalIssuance"] = .null
            checks.append(AuditCheck(name: issuanceName, failure: why))
        case .value(let value):
            issuance = value
            fields["totalIssuance"] = .string(String(value))
            lines.append("issuance       \(unit.format(value))")
            checks.append(AuditCheck(name: issuanceName))
        }
        if let deposit = settings.existentialDeposit { lines.append("existential    \(unit.format(deposit)) (deposit)") }

        checks.append(
            problemCheck(
                "every System.Account record decodes exactly", ledger.malformed, unit: unit, ss58Format: settings.ss58Format, what: "record(s) are malformed"))
        checks.append(
            problemCheck(
                "free + reserved fits in a u128 for every account", ledger.overflowing, unit: unit, ss58Format: settings.ss58Format, what: "account(s) overflow"
            ))
        checks.append(
            problemCheck(
                "frozen is not above free + reserved", ledger.overFrozen, unit: unit, ss58Format: settings.ss58Format,
                what: "account(s) freeze more than they hold"))
        if let deposit = settings.existentialDeposit {
            checks.append(
                problemCheck(
                    "existential deposit \(unit.format(deposit)) respected", ledger.belowExistentialDeposit, unit: unit, ss58Format: settings.ss58Format,
                    what: "account(s) hold less than the existential deposit free with nothing reserved"))
        }
        if let refused = ledger.autoIDsRefused {
            checks.append(
                problemCheck(
                    "every funded account resolves to a valid, unrevoked Auto ID", ledger.withoutAutoID, unit: unit,
                    ss58Format: settings.ss58Format, what: "funded account(s) have no Auto ID"))
            let funded = ledger.controlledBy.values.reduce(ledger.withoutAutoID.count, +)
            lines.append(
                "auto ids       \(funded) funded account(s): "
                    + (ledger.controlledBy.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" } + ["\(ledger.withoutAutoID.count) none"])
                    .joined(separator: ", "))
            fields["controlledBy"] = .object(ledger.controlledBy.mapValues { .integer($0) })
            fields["autoIdsRefused"] = .array(refused.map { .string($0) })
        }
        let format = settings.ss58Format
        fields["ss58Format"] = format.map { .integer(Int($0)) } ?? .null
        fields["problems"] = .object([
            "withoutAutoId": problemsJSON(ledger.withoutAutoID, ss58Format: format),
            "malformed": problemsJSON(ledger.malformed, ss58Format: format), "overflow": problemsJSON(ledger.overflowing, ss58Format: format),
            "frozenAboveTotal": problemsJSON(ledger.overFrozen, ss58Format: format),
            "belowExistentialDeposit": problemsJSON(ledger.belowExistentialDeposit, ss58Format: format),
        ])
        fields["problemCounts"] = .object([
            "malformed": .integer(ledger.malformed.count), "overflow": .integer(ledger.overflowing.count),
            "frozenAboveTotal": .integer(ledger.overFrozen.count), "belowExistentialDeposit": .integer(ledger.belowExistentialDeposit.count),
        ])

        let conservation = "conservation: free + reserved of every account sums to \(ledger.balancesPallet).TotalIssuance"
        if let issuance {
            let issued = Amount(issuance)
            if ledger.total == issued {
                checks.append(AuditCheck(name: conservation))
            } else {
                let more = ledger.total > issued
                let gap = more ? ledger.total.subtracting(issued)! : issued.subtracting(ledger.total)!
                fields["imbalance"] = .string((more ? "" : "-") + gap.description)
                checks.append(
                    AuditCheck(
                        name: conservation,
                        failure: "accounts hold \(unit.format(ledger.total)), issuance is \(unit.format(issuance)): "
                            + "\(unit.format(gap)) \(more ? "more than was issued" : "less than was issued")",
                        detail: more
                            ? "balances were credited without minting (or issuance was lowered): compare with an earlier snapshot "
                                + "(--previous) and the mint/burn journal to find the account"
                            : "balances were debited without burning (or issuance was raised): compare with an earlier snapshot "
                                + "(--previous) and the mint/burn journal to find the account"))
            }
        } else {
            checks.append(AuditCheck(name: conservation, failure: "cannot be checked: no readable TotalIssuance"))
        }
        var warnings = settings.warnings
        if settings.existentialDeposit == nil {
            warnings.append("no existential deposit known (the chain spec's properties have none); pass --existential-deposit to check it")
        }
        return AuditReport(fields: fields, lines: lines, checks: checks, warnings: warnings)
    }

    /// One check over a rule's offenders: the first few named (accounts in hex AccountId32) in the failure.
    static func problemCheck(_ name: String, _ problems: [LedgerState.Problem], unit: TokenUnit, ss58Format: UInt16? = nil, what: String) -> AuditCheck {
        guard !problems.isEmpty else { return AuditCheck(name: name) }
        let named = problems.prefix(textListLimit).map { problem in
            var text = "account \(problem.account)" + (AccountID.ss58(ofHex: problem.account, format: ss58Format).map { " (\($0))" } ?? "")
            text += ": \(problem.reason)"
            if let info = problem.info {
                text += " (free \(unit.format(info.free)), reserved \(unit.format(info.reserved)), frozen \(unit.format(info.frozen)))"
            }
            return text
        }
        let more = problems.count > textListLimit ? "; and \(problems.count - textListLimit) more (--json lists up to \(jsonListLimit))" : ""
        return AuditCheck(
            name: name, failure: "\(problems.count) \(what): " + named.joined(separator: "; ") + more,
            detail: ss58Format.map { "accounts are AccountId32 in hex, with their SS58 address (format \($0))" } ?? "accounts are AccountId32 in hex")
    }

    static func problemsJSON(_ problems: [LedgerState.Problem], ss58Format: UInt16?) -> JSONValue {
        .array(
            problems.prefix(jsonListLimit).map { problem in
                var entry: [String: JSONValue] = ["account": .string(problem.account), "reason": .string(problem.reason)]
                if let address = AccountID.ss58(ofHex: problem.account, format: ss58Format) { entry["ss58"] = .string(address) }
                if let info = problem.info {
                    entry["free"] = .string(String(info.free))
                    entry["reserved"] = .string(String(info.reserved))
                    entry["frozen"] = .string(String(info.frozen))
                    entry["nonce"] = .integer(info.nonce)
                }
                return .object(entry)
            })
    }
}
