import AutoIDHashing
public import AutoIDManifest
public import AutoIDReports
import AutoIDState
import FoundationEssentials

/// The contract code deployed on an EVM domain: read from pallet-evm's storage in a snapshot, or from a
/// plain list.
///
/// pallet-evm (polkadot-evm/frontier, `frame/evm/src/lib.rs`) keeps, per contract address (H160):
/// `AccountCodes`: `twox128("EVM") ++ twox128("AccountCodes") ++ blake2_128(address) ++ address` ->
/// `Vec<u8>` (the code), and `AccountCodesMetadata` (same key shape) -> `CodeMetadata { size: u64, hash:
/// H256 }`, where `hash` is the Keccak-256 of the code. Metadata is written lazily, so code may have none.
public struct DeployedContract: Sendable, Hashable {
    /// The 20-byte address, when known (a list may give bare hashes).
    public var address: [UInt8]?
    /// The Keccak-256 of the code.
    public var codeHash: [UInt8]

    public init(address: [UInt8]?, codeHash: [UInt8]) {
        self.address = address
        self.codeHash = codeHash
    }

    /// `0xADDRESS (code 0xHASH)`, or `code 0xHASH`.
    public var name: String {
        (address.map { "contract 0x\(Hex.encode($0)) " } ?? "") + "(code 0x\(Hex.encode(codeHash)))"
    }
}

public enum DeployedContracts {
    /// The contracts in a snapshot's `pairs` under `pallet`, and one failed check per malformed entry or
    /// per metadata that contradicts its code.
    public static func read(pairs: [([UInt8], [UInt8])], pallet: String = "EVM") -> (contracts: [DeployedContract], problems: [AuditCheck]) {
        let codePrefix = StorageHashing.storagePrefix(pallet: pallet, item: "AccountCodes")
        let metadataPrefix = StorageHashing.storagePrefix(pallet: pallet, item: "AccountCodesMetadata")
        var codes: [[UInt8]: [UInt8]] = [:]
        var metadata: [[UInt8]: (size: UInt64, hash: [UInt8])] = [:]
        var problems: [AuditCheck] = []
        func address(_ key: [UInt8], prefix: [UInt8], item: String) -> [UInt8]? {
            let suffix = Array(key.dropFirst(prefix.count))
            guard suffix.count == 36, StorageHashing.blake2_128(Array(suffix.suffix(20))) == Array(suffix.prefix(16)) else {
                problems.append(
                    AuditCheck(
                        name: "\(pallet).\(item) key 0x\(Hex.encode(Array(suffix.prefix(64))))",
                        failure: "not blake2_128(address) ++ a 20-byte address"))
                return nil
            }
            return Array(suffix.suffix(20))
        }
        for (key, value) in pairs {
            if key.starts(with: metadataPrefix) {
                guard let account = address(key, prefix: metadataPrefix, item: "AccountCodesMetadata") else { continue }
                guard value.count == 40 else {
                    problems.append(
                        AuditCheck(
                            name: "\(pallet).AccountCodesMetadata of 0x\(Hex.encode(account))",
                            failure: "CodeMetadata has 40 bytes (size u64, hash H256), this value has \(value.count)"))
                    continue
                }
                let size = value.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
                metadata[account] = (size, Array(value.suffix(32)))
            } else if key.starts(with: codePrefix) {
                guard let account = address(key, prefix: codePrefix, item: "AccountCodes") else { continue }
                do throws(StateError) {
                    codes[account] = try SCALEDecoder.decode([UInt8].self, from: value)
                } catch {
                    problems.append(AuditCheck(name: "\(pallet).AccountCodes of 0x\(Hex.encode(account))", failure: "not a Vec<u8>: \(error)"))
                }
            }
        }
        var contracts: [DeployedContract] = []
        for (account, code) in codes {
            let hash = Keccak256.hash(code)
            if let recorded = metadata[account], recorded.hash != hash || recorded.size != UInt64(code.count) {
                problems.append(
                    AuditCheck(
                        name: "\(pallet).AccountCodesMetadata of 0x\(Hex.encode(account)) matches its code",
                        failure: "metadata says \(recorded.size) bytes, Keccak-256 0x\(Hex.encode(recorded.hash)); "
                            + "the code has \(code.count) bytes, Keccak-256 0x\(Hex.encode(hash))"))
            }
            contracts.append(DeployedContract(address: account, codeHash: hash))
        }
        for (account, recorded) in metadata where codes[account] == nil {
            problems.append(
                AuditCheck(name: "\(pallet).AccountCodesMetadata of 0x\(Hex.encode(account))", failure: "metadata without code"))
            contracts.append(DeployedContract(address: account, codeHash: recorded.hash))
        }
        return (contracts.sorted { ($0.address ?? []).lexicographicallyPrecedes($1.address ?? []) }, problems.sorted { $0.name < $1.name })
    }

    /// A plain list: one contract per line, `0xHASH` or `0xADDRESS 0xHASH`; blank lines and `#` comments
    /// are skipped. At most 1,000,000 lines.
    public static func read(list bytes: [UInt8], source: String) throws(ManifestError) -> [DeployedContract] {
        var contracts: [DeployedContract] = []
        for (number, line) in bytes.split(separator: 0x0a, omittingEmptySubsequences: false).enumerated() {
            guard number < 1_000_000 else { throw ManifestError(source: source, detail: "more than 1,000,000 lines") }
            var trimmed = line[...]  // without the spaces and tabs around it
            while let first = trimmed.first, first == 0x20 || first == 0x09 { trimmed.removeFirst() }
            while let last = trimmed.last, last == 0x20 || last == 0x09 { trimmed.removeLast() }
            let text = String(decoding: trimmed, as: UTF8.self)
            if text.isEmpty || text.hasPrefix("#") { continue }
            let fields = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            func hex(_ field: String, _ count: Int) -> [UInt8]? {
                guard field.hasPrefix("0x"), field.count == 2 + 2 * count else { return nil }
                return Hex.decode(field)
            }
            switch fields.count {
            case 1:
                guard let hash = hex(fields[0], 32) else {
                    throw ManifestError(source: source, location: "line \(number + 1)", detail: "not 0x and a 32-byte code hash")
                }
                contracts.append(DeployedContract(address: nil, codeHash: hash))
            case 2:
                guard let address = hex(fields[0], 20), let hash = hex(fields[1], 32) else {
                    throw ManifestError(source: source, location: "line \(number + 1)", detail: "not 0xADDRESS (20 bytes) and 0xHASH (32 bytes)")
                }
                contracts.append(DeployedContract(address: address, codeHash: hash))
            default:
                throw ManifestError(source: source, location: "line \(number + 1)", detail: "expected 0xHASH or 0xADDRESS 0xHASH")
            }
        }
        return contracts
    }
}
