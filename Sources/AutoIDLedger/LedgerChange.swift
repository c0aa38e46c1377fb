import AutoIDHashing
public import AutoIDJSON
public import AutoIDReports

/// Between two snapshots: does the signed mint/burn journal explain what changed?
///
/// - The journals chain: the first starts from the earlier snapshot's `TotalIssuance`, each starts where
///   the one before ended, the last ends at the later snapshot's.
/// - Each journal's issuance change equals what it minted minus what it burned.
/// - Every account's change of free + reserved is what the journals credit minus what they debit
///   (mints and transfers in; burns and transfers out). An account missing from a snapshot holds 0.
///
/// All sums are exact; no subtraction is made, only `before + credits == after + debits`.
public enum LedgerChange {
    /// The checks and facts of comparing `previous` with `current` under `journals` (in the order given).
    /// Both ledgers must have been read with their accounts (`keepAccounts`).
    public static func checks(
        previous: LedgerState, current: LedgerState, journals: [LedgerJournal.Verified], unit: TokenUnit, ss58Format: UInt16? = nil
    ) -> (checks: [AuditCheck], fields: [String: JSONValue], lines: [String]) {
        var checks: [AuditCheck] = []
        var lines: [String] = []
        var fields: [String: JSONValue] = [:]
        let before = previous.accounts ?? [:]
        let after = current.accounts ?? [:]

        // Issuance: the journals chain from the earlier issuance to the later one.
        var minted = Amount.zero
        var burned = Amount.zero
        for verified in journals {
            minted.add(verified.journal.minted)
            burned.add(verified.journal.burned)
            let journal = verified.journal
            let name = "journal \(verified.source): issuance change equals minted minus burned"
            if Amount(journal.previousIssuance).adding(journal.minted) == Amount(journal.issuance).adding(journal.burned) {
                checks.append(AuditCheck(name: name))
            } else {
                checks.append(
                    AuditCheck(
                        name: name,
                        failure: "issuance goes from \(unit.format(journal.previousIssuance)) to \(unit.format(journal.issuance)), "
                            + "but the journal mints \(unit.format(journal.minted)) and burns \(unit.format(journal.burned))"))
            }
        }
        lines.append("journals       \(journals.count), signed by " + Set(journals.map { "'\($0.issuerName)'" }).sorted().joined(separator: ", "))
        lines.append("minted         \(unit.format(minted))")
        lines.append("burned         \(unit.format(burned))")
        fields["journals"] = .array(
            journals.map {
                .object([
                    "source": .string($0.source), "issuer": .string($0.issuerName), "issuerIdentifier": $0.issuerIdentifier.map { .string($0) } ?? .null,
                    "previousIssuance": .string(String($0.journal.previousIssuance)), "issuance": .string(String($0.journal.issuance)),
                    "entries": .integer($0.journal.entries.count), "minted": .string($0.journal.minted.description),
                    "burned": .string($0.journal.burned.description),
                ])
            })
        fields["minted"] = .string(minted.description)
        fields["burned"] = .string(burned.description)

        let chainName = "journals chain from the previous TotalIssuance to the current one"
        if case .value(let start) = previous.issuance, case .value(let end) = current.issuance {
            var expected = start
            var broken: String?
            for verified in journals {
                if verified.journal.previousIssuance != expected {
                    broken = "\(verified.source) starts from \(unit.format(verified.journal.previousIssuance)), not \(unit.format(expected))"
                    break
                }
                expected = verified.journal.issuance
            }
            if broken == nil && expected != end {
                broken = "the journals end at \(unit.format(expected)), the current snapshot has \(unit.format(end))"
            }
            checks.append(
                AuditCheck(
                    name: chainName, failure: broken,
                    detail: broken == nil ? nil : "give every journal for the period, in order, each starting where the one before ended"))
            let issuanceName = "issuance change equals minted minus burned over the period"
            if Amount(start).adding(minted) == Amount(end).adding(burned) {
                checks.append(AuditCheck(name: issuanceName))
            } else {
                checks.append(
                    AuditCheck(
                        name: issuanceName,
                        failure: "issuance went from \(unit.format(start)) to \(unit.format(end)), the journals mint \(unit.format(minted)) "
                            + "and burn \(unit.format(burned))"))
            }
        } else {
            checks.append(AuditCheck(name: chainName, failure: "cannot be checked: a snapshot has no readable TotalIssuance"))
        }

        // Accounts: before + credits == after + debits, for every account either side or in the journals.
        var credits: [[UInt8]: Amount] = [:]
        var debits: [[UInt8]: Amount] = [:]
        for verified in journals {
            for entry in verified.journal.entries {
                switch entry {
                case .mint(let account, let amount): credits[account, default: .zero].add(amount)
                case .burn(let account, let amount): debits[account, default: .zero].add(amount)
                case .transfer(let from, let to, let amount):
                    debits[from, default: .zero].add(amount)
                    credits[to, default: .zero].add(amount)
                }
            }
        }
        var unexplained: [(account: [UInt8], before: Amount, after: Amount, credit: Amount, debit: Amount)] = []
        var changed = 0
        var ids = Set(before.keys)
        ids.formUnion(after.keys)
        ids.formUnion(credits.keys)
        ids.formUnion(debits.keys)
        for id in ids {
            let held = before[id]?.total ?? .zero
            let holds = after[id]?.total ?? .zero
            let credit = credits[id] ?? .zero
            let debit = debits[id] ?? .zero
            if held != holds { changed += 1 }
            if held.adding(credit) != holds.adding(debit) {
                unexplained.append((id, held, holds, credit, debit))
            }
        }
        unexplained.sort { $0.account.lexicographicallyPrecedes($1.account) }
        lines.append("changed        \(changed) account(s) between the snapshots")
        fields["changedAccounts"] = .integer(changed)
        fields["unexplainedAccounts"] = .array(
            unexplained.prefix(LedgerAudit.jsonListLimit).map {
                var entry: [String: JSONValue] = [
                    "account": .string("0x" + Hex.encode($0.account)), "before": .string($0.before.description),
                    "after": .string($0.after.description), "credited": .string($0.credit.description), "debited": .string($0.debit.description),
                ]
                if let ss58Format { entry["ss58"] = .string(SS58.encode($0.account, format: ss58Format)) }
                return .object(entry)
            })
        let accountsName = "every account's change is explained by the journals"
        if unexplained.isEmpty {
            checks.append(AuditCheck(name: accountsName))
        } else {
            let named = unexplained.prefix(LedgerAudit.textListLimit).map {
                "account \(AccountID.describe($0.account, format: ss58Format)): held \(unit.format($0.before)), holds \(unit.format($0.after)), "
                    + "journals credit \(unit.format($0.credit)) and debit \(unit.format($0.debit))"
            }
            let more = unexplained.count > LedgerAudit.textListLimit ? "; and \(unexplained.count - LedgerAudit.textListLimit) more" : ""
            checks.append(
                AuditCheck(
                    name: accountsName, failure: "\(unexplained.count) account(s) changed otherwise: " + named.joined(separator: "; ") + more,
                    detail: "accounts are AccountId32 in hex; amounts are free + reserved"))
        }
        return (checks, fields, lines)
    }
}
