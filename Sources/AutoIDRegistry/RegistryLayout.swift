public import AutoIDState

/// Where pallet-auto-id keeps the Auto ID registry in state, and how its values are encoded: every layout
/// fact this module relies on, in one place.
///
/// Learned from Autonomys' sources (autonomys/subspace, commit ae63004e14ffb9d0516d04f8d7156096ba4ed0df):
/// `domains/pallets/auto-id/src/lib.rs` (storage items, `AutoId`, `Certificate`, `X509Certificate`,
/// `derive_identifier`, registration and renewal), `domains/primitives/auto-id/src/lib.rs` and
/// `src/host_functions.rs` (`Validity`, `DerVec`, `decode_tbs_certificate`), and
/// `crates/subspace-runtime-primitives/src/lib.rs` (`Moment`). The facts, not their code:
///
/// Storage (FRAME `StorageMap`s of the pallet, named `AutoId` in the runtime unless `--pallet` says otherwise):
/// - `AutoIds`: `twox128(pallet) ++ twox128("AutoIds") ++ Identity(identifier)` -> `AutoId`;
/// - `CertificateRevocationList`: `twox128(pallet) ++ twox128("CertificateRevocationList") ++
///   Identity(issuer identifier)` -> `BTreeSet<U256>` (the revoked serials the issuer signed).
///
/// `Identifier` is `H256`: 32 raw bytes. SCALE of a stored `AutoId` (a struct with one field, `certificate`):
/// ```
/// u8      Certificate variant: 0 = X509 (the only one)
/// Option<H256>   issuer_id          0x00 (root) | 0x01 ++ 32 bytes (leaf)
/// U256           serial             32 bytes, little-endian (4 u64 words, least significant first)
/// Vec<u8>        subject_common_name   compact length ++ content octets of the subject's CN
/// DerVec         subject_public_key_info  compact length ++ SubjectPublicKeyInfo DER
/// Validity       not_before u64 LE, not_after u64 LE (Moment: milliseconds since the Unix epoch)
/// DerVec         raw                compact length ++ DER (see below)
/// BTreeSet<U256> issued_serials     compact count ++ serials, ascending
/// U256           nonce              32 bytes, little-endian
/// ```
/// `raw` is the DER the registration carried. The pallet's own tests and the SDK register the
/// **TBSCertificate** (the signed part; signature and algorithm travel beside it in the call and are not
/// stored), although the field's comment says "full X509 certificate". Both are read here: a full
/// certificate also lets the audit check the issuer's signature; a bare TBSCertificate does not.
/// The serial is the certificate's INTEGER read as unsigned big-endian; the CN is the value's content octets
/// (what `attr_value().as_bytes()` gives), which is what the identifier hashes.
public enum RegistryLayout {
    /// The pallet's name in the runtimes Autonomys ships (`construct_runtime!` entry `AutoId`).
    public static let defaultPallet = "AutoId"
    /// The `AutoIds` map.
    public static let autoIDsItem = "AutoIds"
    /// The `CertificateRevocationList` map.
    public static let revocationListItem = "CertificateRevocationList"
    /// Both maps use the `Identity` hasher: the key is the 32-byte identifier itself.
    public static let hasher = StorageHasher.identity
    /// The only `Certificate` variant.
    public static let x509VariantIndex: UInt8 = 0

    /// `twox128(pallet) ++ twox128("AutoIds")`.
    public static func autoIDsPrefix(pallet: String = defaultPallet) -> [UInt8] {
        StorageHashing.storagePrefix(pallet: pallet, item: autoIDsItem)
    }

    /// `twox128(pallet) ++ twox128("CertificateRevocationList")`.
    public static func revocationListPrefix(pallet: String = defaultPallet) -> [UInt8] {
        StorageHashing.storagePrefix(pallet: pallet, item: revocationListItem)
    }

    /// The storage key of the Auto ID `identifier`.
    public static func autoIDKey(_ identifier: H256, pallet: String = defaultPallet) -> [UInt8] {
        autoIDsPrefix(pallet: pallet) + hasher.hash(identifier.bytes)
    }

    /// The storage key of the revocation list of `issuer`.
    public static func revocationListKey(_ issuer: H256, pallet: String = defaultPallet) -> [UInt8] {
        revocationListPrefix(pallet: pallet) + hasher.hash(issuer.bytes)
    }
}
