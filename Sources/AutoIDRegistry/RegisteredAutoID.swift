public import AutoIDState

/// One value of the `AutoIds` map: pallet-auto-id's `AutoId` holding a `Certificate::X509(X509Certificate)`.
///
/// Decoding is strict: the variant must be `X509`, every length must fit, and nothing may follow the value.
/// `issuedSerials` keeps the order found in state; encoding writes them sorted and without duplicates, as a
/// Rust `BTreeSet` does. See ``RegistryLayout`` for the byte layout and where it comes from.
public struct RegisteredAutoID: Sendable, Hashable, SCALECodable {
    /// A certificate's validity window, in milliseconds since the Unix epoch (Substrate's `Moment`).
    public struct Validity: Sendable, Hashable, SCALECodable, CustomStringConvertible {
        public var notBefore: UInt64
        public var notAfter: UInt64

        public init(notBefore: UInt64, notAfter: UInt64) {
            self.notBefore = notBefore
            self.notAfter = notAfter
        }

        public func encode(to encoder: inout SCALEEncoder) {
            encoder.encode(notBefore)
            encoder.encode(notAfter)
        }

        public init(from decoder: inout SCALEDecoder) throws(StateError) {
            notBefore = try decoder.decode(UInt64.self)
            notAfter = try decoder.decode(UInt64.self)
        }

        public var description: String { "\(notBefore)..\(notAfter) ms" }
    }

    /// The issuer's identifier; `nil` for a root.
    public var issuerID: H256?
    /// The certificate's serial number.
    public var serial: U256
    /// The content octets of the subject's common name.
    public var subjectCommonName: [UInt8]
    /// The SubjectPublicKeyInfo DER.
    public var subjectPublicKeyInfo: [UInt8]
    public var validity: Validity
    /// The DER registered: a TBSCertificate (what pallet-auto-id stores) or a full certificate.
    public var raw: [UInt8]
    /// Serials this Auto ID has issued (its own first serial included).
    public var issuedSerials: [U256]
    /// The certificate-action nonce.
    public var nonce: U256

    public init(
        issuerID: H256?, serial: U256, subjectCommonName: [UInt8], subjectPublicKeyInfo: [UInt8],
        validity: Validity, raw: [UInt8], issuedSerials: [U256], nonce: U256 = U256(0)
    ) {
        self.issuerID = issuerID
        self.serial = serial
        self.subjectCommonName = subjectCommonName
        self.subjectPublicKeyInfo = subjectPublicKeyInfo
        self.validity = validity
        self.raw = raw
        self.issuedSerials = issuedSerials
        self.nonce = nonce
    }

    /// The Auto ID the pallet stores when `raw` is registered under `issuerID` (`nil` for a root): fields read
    /// from the certificate, `issued_serials` holding its own serial, nonce zero.
    ///
    /// Throws ``RegistryError`` when `raw` is not a readable certificate or TBSCertificate.
    public init(registering raw: [UInt8], issuerID: H256?) throws(RegistryError) {
        let body = try RegistryCertificate(der: raw)
        guard let serial = body.serial else {
            throw RegistryError(.malformedCertificate, "the certificate's serial number does not fit 256 bits")
        }
        self.init(
            issuerID: issuerID, serial: serial, subjectCommonName: body.commonName,
            subjectPublicKeyInfo: body.subjectPublicKeyInfo, validity: body.validity, raw: raw,
            issuedSerials: [serial])
    }

    /// The identifier pallet-auto-id derives: `blake2b_256(CN)` for a root, `blake2b_256(issuer || CN)` for a leaf.
    public var derivedIdentifier: H256 {
        H256(StorageHashing.blake2_256((issuerID?.bytes ?? []) + subjectCommonName))!
    }

    public func encode(to encoder: inout SCALEEncoder) {
        encoder.appendEnumTag(RegistryLayout.x509VariantIndex)
        encoder.encode(issuerID)
        encoder.encode(serial)
        encoder.appendByteVector(subjectCommonName)
        encoder.appendByteVector(subjectPublicKeyInfo)
        encoder.encode(validity)
        encoder.appendByteVector(raw)
        encoder.encode(Array(Set(issuedSerials)).sorted())
        encoder.encode(nonce)
    }

    public init(from decoder: inout SCALEDecoder) throws(StateError) {
        _ = try decoder.decodeEnumTag(variantCount: 1, of: "Certificate")
        issuerID = try decoder.decode(H256?.self)
        serial = try decoder.decode(U256.self)
        subjectCommonName = try decoder.decodeByteVector("subject_common_name")
        subjectPublicKeyInfo = try decoder.decodeByteVector("subject_public_key_info")
        validity = try decoder.decode(Validity.self)
        raw = try decoder.decodeByteVector("raw")
        let count = try decoder.decodeLength("issued_serials")
        var serials: [U256] = []
        serials.reserveCapacity(min(count, decoder.remaining / 32))
        for _ in 0..<count { serials.append(try decoder.decode(U256.self)) }
        issuedSerials = serials
        nonce = try decoder.decode(U256.self)
    }
}

/// One value of the `CertificateRevocationList` map: `BTreeSet<U256>`, the serials an issuer revoked.
public struct RevokedSerials: Sendable, Hashable, SCALECodable {
    /// The serials, in the order found in state.
    public var serials: [U256]

    public init(_ serials: [U256]) { self.serials = serials }

    public func encode(to encoder: inout SCALEEncoder) { encoder.encode(Array(Set(serials)).sorted()) }

    public init(from decoder: inout SCALEDecoder) throws(StateError) {
        let count = try decoder.decodeLength("BTreeSet<U256>")
        var out: [U256] = []
        out.reserveCapacity(min(count, decoder.remaining / 32))
        for _ in 0..<count { out.append(try decoder.decode(U256.self)) }
        serials = out
    }
}
