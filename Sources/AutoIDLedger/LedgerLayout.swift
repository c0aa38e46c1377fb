import AutoIDState

/// Where FRAME keeps balances in state and how they are encoded: every layout fact this module relies on,
/// in one place.
///
/// Learned from polkadot-sdk (`substrate/frame/system/src/lib.rs`: `Account`, `AccountInfo`;
/// `substrate/frame/balances/src/lib.rs` and `src/types.rs`: `TotalIssuance`, `AccountData`, `ExtraFlags`)
/// and Autonomys' runtimes (`Nonce = u32`, `Balance = u128`, `AccountId = AccountId32`, the balances
/// pallet's `AccountStore = System`). The facts, not their code:
///
/// - `System.Account`: `twox128("System") ++ twox128("Account") ++ blake2_128(AccountId32) ++ AccountId32`
///   (a `Blake2_128Concat` map) -> `AccountInfo`.
/// - `Balances.TotalIssuance`: `twox128("Balances") ++ twox128("TotalIssuance")` -> `u128`.
///
/// SCALE of `AccountInfo<u32, AccountData<u128>>`, 80 bytes, nothing optional:
/// ```
/// u32   nonce          u32 consumers      u32 providers      u32 sufficients
/// u128  free           u128 reserved      u128 frozen        u128 flags (ExtraFlags)
/// ```
/// This is the layout of pallet-balances since the fungible rework (polkadot-sdk, 2023): `frozen` and
/// `flags` replaced `misc_frozen` and `fee_frozen`, which have the same size, so an older snapshot decodes
/// too but its two frozen amounts read as `frozen` and `flags`. `flags` has its top bit
/// (`IS_NEW_LOGIC`, 2^127) set once an account is upgraded to the new logic.
public enum LedgerLayout {
    /// The system pallet's name in FRAME runtimes.
    public static let systemPallet = "System"
    /// The balances pallet's name in FRAME runtimes (Autonomys' too).
    public static let balancesPallet = "Balances"
    /// Bytes of an encoded `AccountInfo<u32, AccountData<u128>>`.
    public static let accountInfoSize = 80
    /// Bytes of an `AccountId32`.
    public static let accountIDSize = 32
    /// `ExtraFlags::IS_NEW_LOGIC`.
    public static let newLogicFlag: UInt128 = 1 << 127

    /// `twox128("System") ++ twox128("Account")`:
    /// `0x26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9`.
    public static func accountPrefix(pallet: String = systemPallet) -> [UInt8] {
        StorageHashing.storagePrefix(pallet: pallet, item: "Account")
    }

    /// `twox128("Balances") ++ twox128("TotalIssuance")`:
    /// `0xc2261276cc9d1f8598ea4b6a74b15c2f57c875e4cff74148e4628f264b974c80`.
    public static func totalIssuanceKey(pallet: String = balancesPallet) -> [UInt8] {
        StorageHashing.storagePrefix(pallet: pallet, item: "TotalIssuance")
    }

    /// The storage key of `account`'s `AccountInfo`.
    public static func accountKey(_ account: [UInt8], pallet: String = systemPallet) -> [UInt8] {
        accountPrefix(pallet: pallet) + StorageHasher.blake2_128Concat.hash(account)
    }
}
