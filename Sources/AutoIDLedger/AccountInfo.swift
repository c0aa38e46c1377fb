public import AutoIDState

/// FRAME's `AccountInfo<Nonce = u32, AccountData<Balance = u128>>`: an account's counters and balances
/// as `System.Account` stores them (layout: ``LedgerLayout``).
public struct AccountInfo: Sendable, Hashable, SCALECodable {
    public var nonce: UInt32
    public var consumers: UInt32
    public var providers: UInt32
    public var sufficients: UInt32
    /// The balance that can be transferred, reserved or used for fees.
    public var free: UInt128
    /// The balance set aside (holds, deposits); it still belongs to the account.
    public var reserved: UInt128
    /// The amount of the balance that freezes (locks) keep from being spent.
    public var frozen: UInt128
    /// `ExtraFlags`: the top bit marks accounts under the current balances logic.
    public var flags: UInt128

    public init(
        nonce: UInt32 = 0, consumers: UInt32 = 0, providers: UInt32 = 1, sufficients: UInt32 = 0, free: UInt128, reserved: UInt128 = 0,
        frozen: UInt128 = 0, flags: UInt128 = LedgerLayout.newLogicFlag
    ) {
        self.nonce = nonce
        self.consumers = consumers
        self.providers = providers
        self.sufficients = sufficients
        self.free = free
        self.reserved = reserved
        self.frozen = frozen
        self.flags = flags
    }

    /// `free + reserved`, exactly (it may exceed `u128::MAX` in a forged record).
    public var total: Amount {
        var sum = Amount(free)
        sum.add(reserved)
        return sum
    }

    public func encode(to encoder: inout SCALEEncoder) {
        encoder.encodeTuple(nonce, consumers, providers, sufficients, free, reserved, frozen, flags)
    }

    public init(from decoder: inout SCALEDecoder) throws(StateError) {
        (nonce, consumers, providers, sufficients) = try decoder.decodeTuple(UInt32.self, UInt32.self, UInt32.self, UInt32.self)
        (free, reserved, frozen, flags) = try decoder.decodeTuple(UInt128.self, UInt128.self, UInt128.self, UInt128.self)
    }

    /// Decodes exactly one 80-byte record from `bytes` (a longer or shorter value is malformed) without
    /// copying: the audit's hot path.
    public init(exactly bytes: UnsafeRawBufferPointer) throws(StateError) {
        guard bytes.count == LedgerLayout.accountInfoSize else {
            throw StateError(
                bytes.count < LedgerLayout.accountInfoSize ? .truncatedInput : .trailingBytes,
                "AccountInfo has \(LedgerLayout.accountInfoSize) bytes, this value has \(bytes.count)",
                hint: "the value is damaged or the runtime's AccountInfo is not AccountInfo<u32, AccountData<u128>>")
        }
        func u32(_ at: Int) -> UInt32 { UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self)) }
        func u128(_ at: Int) -> UInt128 {
            UInt128(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at + 8, as: UInt64.self))) << 64
                | UInt128(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self)))
        }
        self.init(
            nonce: u32(0), consumers: u32(4), providers: u32(8), sufficients: u32(12), free: u128(16), reserved: u128(32),
            frozen: u128(48), flags: u128(64))
    }
}
