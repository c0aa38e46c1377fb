import AutoIDHashing
import AutoIDState
import AutoIDThreads

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
    /// Every decoded account by id, when asked for (`keepAccounts`), for comparing two snapshots.
    public let accounts: [[UInt8]: AccountInfo]?

    /// `totalFree + totalReserved`.
    public var total: Amount { totalFree.adding(totalReserved) }

    /// Reads the ledger out of a snapshot's top-trie `pairs`. `existentialDeposit`, when given, is checked as
    /// pallet-balances keeps it: an account with nothing reserved holds either nothing or at least that
    /// much free balance. `keepAccounts` keeps every decoded account in ``accounts``.
    public init(
        pairs: [([UInt8], [UInt8])], systemPallet: String = LedgerLayout.systemPallet, balancesPallet: String = LedgerLayout.balancesPallet,
        existentialDeposit: UInt128? = nil, keepAccounts: Bool = false, keysMayRepeat: Bool = true, threads: Int? = nil
    ) {
        self.systemPallet = systemPallet
        self.balancesPallet = balancesPallet
        let prefix = LedgerLayout.accountPrefix(pallet: systemPallet)
        let issuanceKey = LedgerLayout.totalIssuanceKey(pallet: balancesPallet)

        // Chunks of the pairs, decoded on all cores; each returns its partial sums and problems.
        let chunkSize = 16_384
        let chunkCount = (pairs.count + chunkSize - 1) / chunkSize
        let parts = Threads.map(count: chunkCount, threads: threads ?? Threads.available) { chunk in
            var part = Part()
            let end = min(pairs.count, (chunk + 1) * chunkSize)
            for index in (chunk * chunkSize)..<end {
                let (key, value) = pairs[index]
                if key.count >= prefix.count && key.starts(with: prefix) {
                    part.add(keySuffix: key[prefix.count...], value: value, existentialDeposit: existentialDeposit, keep: keepAccounts)
                } else if key == issuanceKey {
                    part.issuances.append(value)
                }
            }
            return part
        }

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
        var accounts: [[UInt8]: AccountInfo]? = keepAccounts ? [:] : nil
        for part in parts {
            records += part.records
            decoded += part.decoded
            free.add(part.free)
            reserved.add(part.reserved)
            frozen.add(part.frozen)
            malformed += part.malformed
            overflowing += part.overflowing
            overFrozen += part.overFrozen
            belowDeposit += part.belowDeposit
            issuances += part.issuances
            if keepAccounts { for account in part.accounts { accounts?[account.id] = account.info } }
        }
        // A key given twice (pairs and JSON Lines can; a JSON map cannot) would count one account twice.
        if keysMayRepeat {
            for key in Self.repeatedKeys(pairs, prefix: prefix) {
                let suffix = key.dropFirst(prefix.count)
                let account = suffix.count == 48 ? "0x" + Hex.encode(Array(suffix.suffix(32))) : "key 0x" + Hex.encode(Array(suffix.prefix(64)))
                malformed.append(Problem(account: account, reason: "the record appears more than once in the snapshot", info: nil))
            }
        }
        recordCount = records
        accountCount = decoded
        totalFree = free
        totalReserved = reserved
        totalFrozen = frozen
        self.malformed = malformed.sorted()
        self.overflowing = overflowing.sorted()
        self.overFrozen = overFrozen.sorted()
        belowExistentialDeposit = belowDeposit.sorted()
        self.accounts = accounts
        // A snapshot may repeat a key (JSON Lines, pairs); the trie keeps one value, so more than one is malformed.
        if issuances.isEmpty {
            issuance = .missing
        } else if issuances.count > 1 {
            issuance = .malformed("the key appears \(issuances.count) times")
        } else if issuances[0].count != 16 {
            issuance = .malformed("a u128 has 16 bytes, the value has \(issuances[0].count)")
        } else {
            issuance = .value((try? SCALEDecoder.decode(UInt128.self, from: issuances[0])) ?? 0)
        }
    }

    /// Keys under `prefix` that occur more than once. Snapshots taken with state_getPairs are sorted, which
    /// one pass confirms; only unsorted ones pay for a set.
    static func repeatedKeys(_ pairs: [([UInt8], [UInt8])], prefix: [UInt8]) -> [[UInt8]] {
        var sorted = true
        for index in pairs.indices.dropFirst() where !pairs[index - 1].0.lexicographicallyPrecedes(pairs[index].0) {
            sorted = false
            break
        }
        guard !sorted else { return [] }
        var seen = Set<[UInt8]>()
        var repeated = Set<[UInt8]>()
        for (key, _) in pairs where key.starts(with: prefix) {
            if !seen.insert(key).inserted { repeated.insert(key) }
        }
        return repeated.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// What one chunk of pairs adds up to.
    private struct Part: Sendable {
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

        mutating func add(keySuffix: ArraySlice<UInt8>, value: [UInt8], existentialDeposit: UInt128?, keep: Bool) {
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
            let name = "0x" + Hex.encode(id)
            guard StorageHashing.blake2_128(id)[...] == keySuffix.prefix(16) else {
                malformed.append(Problem(account: name, reason: "the key's blake2_128 is not the hash of the account it carries", info: nil))
                return
            }
            let record: Result<AccountInfo, StateError> = value.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Result<AccountInfo, StateError> in
                do throws(StateError) {
                    return .success(try AccountInfo(exactly: bytes))
                } catch {
                    return .failure(error)
                }
            }
            let info: AccountInfo
            switch record {
            case .success(let account): info = account
            case .failure(let error):
                malformed.append(Problem(account: name, reason: error.message, info: nil))
                return
            }
            decoded += 1
            self.free.add(info.free)
            self.reserved.add(info.reserved)
            self.frozen.add(info.frozen)
            let total = info.total
            if !total.fitsInU128 {
                overflowing.append(Problem(account: name, reason: "free + reserved exceeds u128::MAX", info: info))
            }
            if Amount(info.frozen) > total {
                overFrozen.append(Problem(account: name, reason: "frozen is above free + reserved", info: info))
            }
            if let existentialDeposit, info.reserved == 0, info.free != 0, info.free < existentialDeposit {
                belowDeposit.append(Problem(account: name, reason: "free balance below the existential deposit, nothing reserved", info: info))
            }
            if keep { accounts.append(Account(id: id, info: info)) }
        }
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
