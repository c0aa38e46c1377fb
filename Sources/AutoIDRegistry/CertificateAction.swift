public import AutoIDIdentity
public import AutoIDSigning
public import AutoIDState

/// An action on a registered Auto ID (revoke its certificate, or deactivate it), as pallet-auto-id
/// authorises it: a signature over the SCALE encoding of
/// `CertificateAction { id: Identifier (H256), nonce: U256, action_type: CertificateActionType }`,
/// carried as `Signature { signature_algorithm: DerVec, value: Vec<u8> }`.
/// (Layout from autonomys/subspace `domains/pallets/auto-id/src/lib.rs`; see RegistryLayout.swift.)
public struct CertificateAction: Sendable, Equatable {
    /// `CertificateActionType`, a SCALE enum: the index is the variant's position.
    public enum ActionType: UInt8, Sendable, CaseIterable {
        case revokeCertificate = 0
        case deactivateAutoId = 1

        /// The names the tools accept.
        public init?(name: String) {
            switch name {
            case "revoke": self = .revokeCertificate
            case "deactivate": self = .deactivateAutoId
            default: return nil
            }
        }
    }

    public var id: H256
    /// The Auto ID's current nonce, from the registry (it rises with every accepted action).
    public var nonce: U256
    public var type: ActionType

    public init(id: H256, nonce: U256, type: ActionType) {
        self.id = id
        self.nonce = nonce
        self.type = type
    }

    /// The SCALE bytes that are signed: 32-byte id, 32-byte little-endian nonce, one variant byte.
    public var encoded: [UInt8] {
        id.bytes + nonce.littleEndianBytes + [type.rawValue]
    }

    /// The registry's `Signature` value for this action, signed with an Ed25519 key.
    public func sign(with key: Ed25519PrivateKey) -> RegistrySignature {
        RegistrySignature(algorithmIdentifierDER: AutoID.ed25519AlgorithmIdentifierDER, value: key.signature(for: encoded))
    }

    /// Tells whether `signature` authorises this action for the holder of `signer`'s key (RSA, ECDSA, Ed25519).
    public func isAuthorised(by signature: RegistrySignature, signer: AutoID) -> Bool {
        signer.isValidSignature(signature.value, for: encoded, algorithmIdentifierDER: signature.algorithmIdentifierDER)
    }
}

/// pallet-auto-id's `Signature { signature_algorithm: DerVec, value: Vec<u8> }`.
public struct RegistrySignature: Sendable, Equatable {
    /// DER AlgorithmIdentifier, e.g. Ed25519 or sha256WithRSAEncryption.
    public var algorithmIdentifierDER: [UInt8]
    public var value: [UInt8]

    public init(algorithmIdentifierDER: [UInt8], value: [UInt8]) {
        self.algorithmIdentifierDER = algorithmIdentifierDER
        self.value = value
    }

    /// SCALE: each field as a compact-length-prefixed byte vector.
    public var encoded: [UInt8] {
        var encoder = SCALEEncoder()
        encoder.appendByteVector(algorithmIdentifierDER)
        encoder.appendByteVector(value)
        return encoder.bytes
    }

    /// Decodes the SCALE form strictly (the whole input).
    public init(scale bytes: [UInt8]) throws(StateError) {
        var decoder = SCALEDecoder(bytes)
        algorithmIdentifierDER = try decoder.decodeByteVector("signature_algorithm")
        value = try decoder.decodeByteVector("signature value")
        try decoder.finish(what: "registry signature")
    }
}
