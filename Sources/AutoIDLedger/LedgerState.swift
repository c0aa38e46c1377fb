import AutoIDHashing
import AutoIDState
import AutoIDThreads

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The balances ledger of a snapshot: every `System.Account` record decoded (or the reason it is
/// malformed), summed exactly, and `Balances.TotalIssuance`.
///
/// Building it never throws: a record that does not decode is kept as a ``Problem``, so an audit reports it
/// beside the records that do. Records are decoded on all cores; only totals, problems and (on request)
/// the decoded accounts are kept, so memory beyond the snapshot itself stays small.
public struct LedgerState: Sendable {
    /// One decoded account.
    public struct Account: Sendable, Hashable {
        /// The `AccountId32`.
        public let id: [UInt8]
        public let info: AccountInfo
    }

    /// A record that breaks a rule, named by its account (or its key, when the key is malformed).
    public struct Problem: Sendable, Hashable, Comparable {
        /// `0x` + the AccountId32 in hex, or `key 0x…` when the key holds no well-formed account.
        public let account: String
        /// What is wrong, in one line.
        public let reason: String
        /// The account's decoded info, when it decoded.
        public let info: AccountInfo?

        public static func < (a: Problem, b: Problem) -> Bool { a.account < b.account }
    }

    /// Where `TotalIssuance` stands.
    public enum Issuance: Sendable, Hashable {
        case missing
        case malformed(String)
        case value(UInt128)
    }

    /// The pallets whose storage was read.
    public let systemPallet: String
    public let balancesPallet: String
    /// `System.Account` records found (decoded or not).
    public let recordCount: Int
    /// Records that decoded.
    public let accountCount: Int
    /// Exact sums over the decoded records.
    public let totalFree: Amount
    public let totalReserved: Amount
    public let totalFrozen: Amount
    /// Records whose key or value is malformed, sorted by account.
    public let malformed: [Problem]
    /// Accounts whose free + reserved exceeds `u128::MAX` (pallet-balances could never store them).
    public let overflowing: [Problem]
    /// Accounts whose frozen amount exceeds free + reserved.
    public let overFrozen: [Problem]
    /// Accounts below the existential deposit (empty when none was given).
    public let belowExistentialDeposit: [Problem]
    /// `Balances.TotalIssuance`.
    public let issuance: Issuance
    /// With Auto IDs to resolve: funded accounts (free + reserved above 0) that no valid Auto ID controls.
    public let withoutAutoID: [Problem]
    /// With Auto IDs to resolve: funded accounts by who controls them (`human`, `ai-agent`, `ai-agent and human`...).
    public let controlledBy: [String: Int]
    /// With Auto IDs to resolve: the candidates left out and why; `nil` when accounts were not resolved.
    public let autoIDsRefused: [String]?
    /// Every decoded account by id, when asked for (`keepAccounts`), for comparing two snapshots.
    public let accounts: [[UInt8]: AccountInfo]?

    /// `totalFree + totalReserved`.
    public var total: Amount { totalFree.adding(totalReserved) }

    /// Reads the ledger out of a snapshot's top-trie `pairs`, on all cores. `existentialDeposit`, when
    /// given, is checked as pallet-balances keeps it: an account with nothing reserved holds either nothing
    /// or at least that much free balance. `keepAccounts` keeps every decoded account in ``accounts``.
    /// `keysMayRepeat`: the pairs come from a format that can give a key twice (pairs, JSON Lines; a JSON map
    /// cannot), so repeated records are looked for.
    public init(
        pairs: [([UInt8], [UInt8])], systemPallet: String = LedgerLayout.systemPallet, balancesPallet: String = LedgerLayout.balancesPallet,
        existentialDeposit: UInt128? = nil, keepAccounts: Bool = false, keysMayRepeat: Bool = true, autoIDs: AccountAutoIDs? = nil,
        threads: Int? = nil
    ) {
        let chunkSize = 16_384
        let chunkCount = (pairs.count + chunkSize - 1) / chunkSize
        let parts = Threads.map(count: chunkCount, threads: threads ?? Threads.available) { chunk in
            var part = Builder(
                systemPallet: systemPallet, balancesPallet: balancesPallet, existentialDeposit: existentialDeposit, keepAccounts: keepAccounts,
                autoIDs: autoIDs)
            for index in (chunk * chunkSize)..<min(pairs.count, (chunk + 1) * chunkSize) {
                pairs[index].0.withUnsafeBytes { key in pairs[index].1.withUnsafeBytes { value in part.add(key: key, value: value) } }
            }
            return part
        }
        var builder = Builder(
            systemPallet: systemPallet, balancesPallet: balancesPallet, existentialDeposit: existentialDeposit, keepAccounts: keepAccounts,
            autoIDs: autoIDs)
        for part in parts { builder.merge(part) }
        let prefix = LedgerLayout.accountPrefix(pallet: systemPallet)
        self = builder.finish(repeatedKeys: keysMayRepeat ? Self.repeatedKeys(pairs.lazy.map(\.0), prefix: prefix) : [])
    }

    /// Keys under `prefix` that occur more than once. Snapshots taken with state_getPairs are sorted, which
    /// one pass confirms; only unsorted ones pay for a set.
    public static func repeatedKeys(_ keys: some Collection<[UInt8]>, prefix: [UInt8]) -> [[UInt8]] {
        var previous: [UInt8]?
        var sorted = true
        for key in keys {
            if let previous, !previous.lexicographicallyPrecedes(key) {
                sorted = false
                break
            }
            previous = key
        }
        guard !sorted else { return [] }
        var seen = Set<[UInt8]>()
        var repeated = Set<[UInt8]>()
        for key in keys where key.starts(with: prefix) {
            if !seen.insert(key).inserted { repeated.insert(key) }
        }
        return repeated.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// Builds a ``LedgerState`` from pairs given one at a time (for example as a stream parses them): keeps
    /// only sums, problems and (when asked) the decoded accounts, so memory does not grow with the input.
    public struct Builder: Sendable {
        let systemPallet: String
        let balancesPallet: String
        let prefix: [UInt8]
        let issuanceKey: [UInt8]
        let existentialDeposit: UInt128?
        let keepAccounts: Bool
        var records = 0
        var decoded = 0
        var free = Amount.zero
        var reserved = Amount.zero
        var frozen = Amount.zero
        var malformed: [Problem] = []
        var overflowing: [Problem] = []
        var overFrozen: [Problem] = []
        var belowDeposit: [Problem] = []
        var issuances: [[UInt8]] = []
        var accounts: [Account] = []
        let autoIDs: AccountAutoIDs?
        var withoutAutoID: [Problem] = []
        var controlledBy: [String: Int] = [:]
        var lastKey: [UInt8] = []
        /// Whether every key so far came after the one before (as state_getPairs gives them): then no key
        /// can have been given twice.
        public private(set) var keysAscending = true

        public init(
            systemPallet: String = LedgerLayout.systemPallet, balancesPallet: String = LedgerLayout.balancesPallet,
            existentialDeposit: UInt128? = nil, keepAccounts: Bool = false, autoIDs: AccountAutoIDs? = nil
        ) {
            self.autoIDs = autoIDs
            self.systemPallet = systemPallet
            self.balancesPallet = balancesPallet
            prefix = LedgerLayout.accountPrefix(pallet: systemPallet)
            issuanceKey = LedgerLayout.totalIssuanceKey(pallet: balancesPallet)
            self.existentialDeposit = existentialDeposit
            self.keepAccounts = keepAccounts
        }

        /// Takes one pair of the snapshot; pairs of other storage items are passed over.
        public mutating func add(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
            if keysAscending {
                if !lastKey.isEmpty && !lastKey.lexicographicallyPrecedes(key) { keysAscending = false }
                lastKey.removeAll(keepingCapacity: true)
                lastKey.append(contentsOf: key)
            }
            if key.count >= prefix.count && memcmp(key.baseAddress!, prefix, prefix.count) == 0 {
                add(keySuffix: UnsafeRawBufferPointer(rebasing: key[prefix.count...]), value: value)
            } else if key.count == issuanceKey.count && key.elementsEqual(issuanceKey) {
                issuances.append(Array(value.prefix(64)) + (value.count > 64 ? [0] : []))
            }
        }

        /// Adds what another builder (of a later part of the same snapshot) found.
        public mutating func merge(_ other: Builder) {
            records += other.records
            decoded += other.decoded
            free.add(other.free)
            reserved.add(other.reserved)
            frozen.add(other.frozen)
            malformed += other.malformed
            overflowing += other.overflowing
            overFrozen += other.overFrozen
            belowDeposit += other.belowDeposit
            issuances += other.issuances
            accounts += other.accounts
            withoutAutoID += other.withoutAutoID
            controlledBy.merge(other.controlledBy, uniquingKeysWith: +)
            keysAscending = keysAscending && other.keysAscending
        }

        /// The ledger; `repeatedKeys` are storage keys given more than once (see ``LedgerState/repeatedKeys(_:prefix:)``).
        public func finish(repeatedKeys: [[UInt8]] = []) -> LedgerState {
            var malformed = malformed
            for key in repeatedKeys {
                let suffix = key.dropFirst(prefix.count)
                let account = suffix.count == 48 ? "0x" + Hex.encode(Array(suffix.suffix(32))) : "key 0x" + Hex.encode(Array(suffix.prefix(64)))
                malformed.append(Problem(account: account, reason: "the record appears more than once in the snapshot", info: nil))
            }
            let issuance: Issuance
            if issuances.isEmpty {
                issuance = .missing
            } else if issuances.count > 1 {
                issuance = .malformed("the key appears \(issuances.count) times")
            } else if issuances[0].count != 16 {
                issuance = .malformed("a u128 has 16 bytes, the value has \(issuances[0].count > 64 ? "more than 64" : String(issuances[0].count))")
            } else {
                issuance = .value((try? SCALEDecoder.decode(UInt128.self, from: issuances[0])) ?? 0)
            }
            var byID: [[UInt8]: AccountInfo]?
            if keepAccounts {
                byID = [:]
                for account in accounts { byID?[account.id] = account.info }
            }
            return LedgerState(
                systemPallet: systemPallet, balancesPallet: balancesPallet, recordCount: records, accountCount: decoded, totalFree: free,
                totalReserved: reserved, totalFrozen: frozen, malformed: malformed.sorted(), overflowing: overflowing.sorted(),
                overFrozen: overFrozen.sorted(), belowExistentialDeposit: belowDeposit.sorted(), issuance: issuance, accounts: byID,
                withoutAutoID: withoutAutoID.sorted(), controlledBy: controlledBy, autoIDsRefused: autoIDs?.refused)
        }

        private mutating func add(keySuffix: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
            records += 1
            // blake2_128(id) ++ id, with a 32-byte id.
            guard keySuffix.count == 16 + LedgerLayout.accountIDSize else {
                malformed.append(
                    Problem(
                        account: "key 0x" + Hex.encode(Array(keySuffix.prefix(64))),
                        reason: "the key has \(keySuffix.count) bytes after the System.Account prefix; blake2_128 ++ AccountId32 has 48",
                        info: nil))
                return
            }
            let id = Array(keySuffix.suffix(LedgerLayout.accountIDSize))
            guard StorageHashing.blake2_128(id).elementsEqual(keySuffix.prefix(16)) else {
                malformed.append(
                    Problem(account: "0x" + Hex.encode(id), reason: "the key's blake2_128 is not the hash of the account it carries", info: nil))
                return
            }
            let info: AccountInfo
            do throws(StateError) {
                info = try AccountInfo(exactly: value)
            } catch {
                malformed.append(Problem(account: "0x" + Hex.encode(id), reason: error.message, info: nil))
                return
            }
            decoded += 1
            free.add(info.free)
            reserved.add(info.reserved)
            frozen.add(info.frozen)
            let total = info.total
            if !total.fitsInU128 {
                overflowing.append(Problem(account: "0x" + Hex.encode(id), reason: "free + reserved exceeds u128::MAX", info: info))
            }
            if Amount(info.frozen) > total {
                overFrozen.append(Problem(account: "0x" + Hex.encode(id), reason: "frozen is above free + reserved", info: info))
            }
            if let existentialDeposit, info.reserved == 0, info.free != 0, info.free < existentialDeposit {
                belowDeposit.append(
                    Problem(account: "0x" + Hex.encode(id), reason: "free balance below the existential deposit, nothing reserved", info: info))
            }
            if keepAccounts { accounts.append(Account(id: id, info: info)) }
            if let autoIDs, total != .zero {
                if let kinds = autoIDs.kinds[id] {
                    controlledBy[AccountAutoIDs.label(kinds), default: 0] += 1
                } else {
                    let reason =
                        autoIDs.unresolved[id].map { "funded, but \($0)" }
                        ?? "funded, but no valid, unrevoked Auto ID holds its key" + (autoIDs.lists.isEmpty ? "" : " or is listed for it")
                    withoutAutoID.append(Problem(account: "0x" + Hex.encode(id), reason: reason, info: info))
                }
            }
        }
    }

    private init(
        systemPallet: String, balancesPallet: String, recordCount: Int, accountCount: Int, totalFree: Amount, totalReserved: Amount,
        totalFrozen: Amount, malformed: [Problem], overflowing: [Problem], overFrozen: [Problem], belowExistentialDeposit: [Problem],
        issuance: Issuance, accounts: [[UInt8]: AccountInfo]?, withoutAutoID: [Problem], controlledBy: [String: Int],
        autoIDsRefused: [String]?
    ) {
        self.autoIDsRefused = autoIDsRefused
        self.withoutAutoID = withoutAutoID
        self.controlledBy = controlledBy
        self.systemPallet = systemPallet
        self.balancesPallet = balancesPallet
        self.recordCount = recordCount
        self.accountCount = accountCount
        self.totalFree = totalFree
        self.totalReserved = totalReserved
        self.totalFrozen = totalFrozen
        self.malformed = malformed
        self.overflowing = overflowing
        self.overFrozen = overFrozen
        self.belowExistentialDeposit = belowExistentialDeposit
        self.issuance = issuance
        self.accounts = accounts
    }
}

extension LedgerState {
    /// The pairs that store `accounts` (id and info) and, when given, `issuance`: for building test and demo
    /// snapshots. The pairs come sorted by key, as state_getPairs returns them.
    public static func pairs(
        accounts: [([UInt8], AccountInfo)], issuance: UInt128?, systemPallet: String = LedgerLayout.systemPallet,
        balancesPallet: String = LedgerLayout.balancesPallet
    ) -> [([UInt8], [UInt8])] {
        var out = accounts.map { (LedgerLayout.accountKey($0.0, pallet: systemPallet), SCALEEncoder.encode($0.1)) }
        if let issuance { out.append((LedgerLayout.totalIssuanceKey(pallet: balancesPallet), SCALEEncoder.encode(issuance))) }
        return out.sorted { $0.0.lexicographicallyPrecedes($1.0) }
    }
}
