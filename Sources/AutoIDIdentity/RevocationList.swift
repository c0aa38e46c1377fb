import AutoIDFiles
import AutoIDJSON
public import AutoIDSigning
import Crypto
public import FoundationEssentials
import SwiftASN1
import X509

/// An X.509 certificate revocation list (RFC 5280 section 5, version 2): the serials an issuing Auto ID
/// has revoked, signed by that issuer.
///
/// autoid writes CRLs signed with Ed25519 (the issuers it makes); it reads and checks CRLs signed with
/// Ed25519, ECDSA or RSA. Because this is the standard format, `openssl verify -crl_check` honours the
/// lists autoid writes. Specified in autoid-identity(5).
public struct RevocationList: Sendable, Hashable {
    /// One revoked certificate.
    public struct Entry: Sendable, Hashable {
        /// The serial number's bytes, big-endian, as in the certificate.
        public var serial: [UInt8]
        public var revocationDate: Date

        public init(serial: [UInt8], revocationDate: Date) {
            self.serial = serial
            self.revocationDate = revocationDate
        }
    }

    /// The DER of the issuer's distinguished name, compared byte for byte with the issuer's subject.
    public let issuerNameDER: [UInt8]
    public let thisUpdate: Date
    public let nextUpdate: Date?
    /// The CRL number extension, when present: later lists have larger numbers.
    public let number: [UInt8]?
    public let entries: [Entry]
    /// The whole list, DER.
    public let derBytes: [UInt8]
    let tbsBytes: [UInt8]
    let signatureAlgorithm: ASN1ObjectIdentifier
    let signature: [UInt8]

    /// Lists are small; anything larger is refused.
    public static let sizeLimit = 16 << 20

    // MARK: Reading

    /// Parses a CRL from DER or PEM (`X509 CRL`).
    public init(bytes: [UInt8], source: String) throws {
        guard bytes.count <= Self.sizeLimit else {
            throw IdentityError(.tooLarge, source: source, detail: "larger than the \(Self.sizeLimit)-byte limit for a revocation list")
        }
        var der = bytes
        if bytes.first == UInt8(ascii: "-") {
            guard let text = String(validating: bytes, as: UTF8.self),
                let document = try? PEMDocument(pemString: text), document.discriminator == "X509 CRL"
            else {
                throw IdentityError(.malformed, source: source, detail: "not a PEM 'X509 CRL' block (damaged or truncated?)")
            }
            der = document.derBytes
        }
        do {
            let root = try DER.parse(der)
            var parsed: (tbs: ASN1Node, algorithm: ASN1ObjectIdentifier, signature: ASN1BitString)!
            try DER.sequence(root, identifier: .sequence) { nodes in
                guard let tbs = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "no TBSCertList") }
                let algorithm = try Self.readAlgorithm(&nodes)
                parsed = (tbs, algorithm, try ASN1BitString(derEncoded: &nodes))
            }
            var fields: (name: [UInt8], this: Date, next: Date?, entries: [Entry], number: [UInt8]?)!
            try DER.sequence(parsed.tbs, identifier: .sequence) { nodes in
                let version = try Int(derEncoded: &nodes)
                guard version == 1 else { throw ASN1Error.invalidASN1Object(reason: "only version 2 CRLs are read") }
                let innerAlgorithm = try Self.readAlgorithm(&nodes)
                guard innerAlgorithm == parsed.algorithm else {
                    throw ASN1Error.invalidASN1Object(reason: "the two signature algorithm fields differ")
                }
                guard let name = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "no issuer name") }
                let this = try Self.readTime(&nodes)
                var next: Date?
                var entries: [Entry] = []
                var number: [UInt8]?
                var peek = nodes
                if let node = peek.next(), node.identifier == .utcTime || node.identifier == .generalizedTime {
                    next = try Self.readTime(&nodes)
                }
                peek = nodes
                if let node = peek.next(), node.identifier == .sequence {
                    _ = nodes.next()
                    try DER.sequence(node, identifier: .sequence) { revoked in
                        while let entry = revoked.next() {
                            try DER.sequence(entry, identifier: .sequence) { items in
                                let serial = try ArraySlice<UInt8>(derEncoded: &items)
                                let date = try Self.readTime(&items)
                                _ = items.next()  // entry extensions, not used
                                entries.append(Entry(serial: Array(serial), revocationDate: date))
                            }
                        }
                    }
                }
                if let node = nodes.next() {
                    number = try Self.readNumber(fromExtensions: node)
                }
                fields = (Array(name.encodedBytes), this, next, entries, number)
            }
            guard parsed.signature.paddingBits == 0 else { throw ASN1Error.invalidASN1Object(reason: "signature has padding bits") }
            issuerNameDER = fields.name
            thisUpdate = fields.this
            nextUpdate = fields.next
            entries = fields.entries
            number = fields.number
            derBytes = der
            tbsBytes = Array(parsed.tbs.encodedBytes)
            signatureAlgorithm = parsed.algorithm
            signature = Array(parsed.signature.bytes)
        } catch let error as IdentityError {
            throw error
        } catch {
            throw IdentityError(.malformed, source: source, detail: "not a valid X.509 revocation list (\(DecodingFailure.describe(error)))")
        }
    }

    /// Loads the CRL in `path` (DER or PEM).
    public static func load(path: String) throws -> RevocationList {
        try RevocationList(bytes: SmallFile.read(path: path, limit: sizeLimit), source: path)
    }

    // MARK: Checking

    /// Throws unless `issuer` signed this list (same name, valid signature) and the list is current at `time`.
    public func verify(issuedBy issuer: AutoID, at time: Date, source: String) throws {
        guard issuerNameDER == (try? Self.nameDER(issuer.certificate.subject)) else {
            throw IdentityError(.untrusted, source: source, detail: "this revocation list was not issued by '\(issuer.shownName)'")
        }
        guard let algorithm = AutoID.signatureAlgorithms[signatureAlgorithm],
            issuer.certificate.publicKey.isValidSignature(signature, for: tbsBytes, signatureAlgorithm: algorithm)
        else {
            throw IdentityError(
                .badSignature, source: source, detail: "the revocation list's signature does not verify with '\(issuer.shownName)''s key",
                hint: "the list was altered, or signed by another key")
        }
        if thisUpdate > time.addingTimeInterval(300) {
            throw IdentityError(.notYetValid, source: source, detail: "the revocation list is dated \(RFC3339.format(thisUpdate)), in the future")
        }
        if let nextUpdate, nextUpdate < time {
            throw IdentityError(
                .expired, source: source, detail: "the revocation list was due to be replaced on \(RFC3339.format(nextUpdate))",
                hint: "get the issuer's current list")
        }
    }

    /// The entry revoking `certificate`, if any.
    public func entry(for certificate: AutoID) -> Entry? {
        let serial = Array(certificate.certificate.serialNumber.bytes)
        return entries.first { $0.serial == serial }
    }

    /// Checks a verified chain (leaf first) against revocation lists: each list is applied to the
    /// certificates its issuer issued, after its signature and dates are checked. Lists from issuers not in
    /// the chain are ignored.
    public static func check(chain: [AutoID], lists: [(list: RevocationList, source: String)], at time: Date) throws {
        for index in chain.indices.dropLast() {
            let certificate = chain[index]
            let issuer = chain[index + 1]
            for (list, source) in lists where list.issuerNameDER == (try? nameDER(issuer.certificate.subject)) {
                try list.verify(issuedBy: issuer, at: time, source: source)
                if let entry = list.entry(for: certificate) {
                    throw IdentityError(
                        .revoked, source: certificate.label,
                        detail: "revoked by '\(issuer.shownName)' on \(RFC3339.format(entry.revocationDate)) (\(source))")
                }
            }
        }
    }

    // MARK: Writing

    /// Issues a list for `issuer`, signed with its Ed25519 key.
    public static func issue(
        issuer: AutoID, issuerKey: Ed25519PrivateKey, entries: [Entry], number: UInt64,
        thisUpdate: Date, nextUpdate: Date
    ) throws -> RevocationList {
        guard issuer.subjectPublicKeyInfo == KeyEncoding.subjectPublicKeyInfo(for: issuerKey.publicKey) else {
            throw IdentityError(
                .keyMismatch, source: issuer.label,
                detail: "the signing key given is not this issuer's key", hint: "use the private key the issuer certificate was made for")
        }
        let ed25519: ASN1ObjectIdentifier = "1.3.101.112"
        var tbs = DER.Serializer()
        try tbs.appendConstructedNode(identifier: .sequence) { list in
            try list.serialize(1)
            try list.appendConstructedNode(identifier: .sequence) { try $0.serialize(ed25519) }
            list.serializeRawBytes(try nameDER(issuer.certificate.subject))
            try serializeTime(thisUpdate, into: &list)
            try serializeTime(nextUpdate, into: &list)
            let sorted = entries.sorted { $0.serial.lexicographicallyPrecedes($1.serial) }
            if !sorted.isEmpty {
                try list.appendConstructedNode(identifier: .sequence) { revoked in
                    for entry in sorted {
                        try revoked.appendConstructedNode(identifier: .sequence) { item in
                            try item.serialize(ArraySlice(entry.serial))
                            try serializeTime(entry.revocationDate, into: &item)
                        }
                    }
                }
            }
            try list.serialize(explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific) { extensions in
                try extensions.appendConstructedNode(identifier: .sequence) { all in
                    // Authority key identifier: SHA-1 of the issuer's key bits, as in its certificates.
                    if let keyID = try issuer.certificate.extensions.subjectKeyIdentifier?.keyIdentifier {
                        try all.appendConstructedNode(identifier: .sequence) { ext in
                            try ext.serialize(ASN1ObjectIdentifier.X509ExtensionID.authorityKeyIdentifier)
                            var inner = DER.Serializer()
                            inner.appendConstructedNode(identifier: .sequence) { aki in
                                aki.appendPrimitiveNode(identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)) {
                                    $0.append(contentsOf: keyID)
                                }
                            }
                            try ext.serialize(ASN1OctetString(contentBytes: ArraySlice(inner.serializedBytes)))
                        }
                    }
                    try all.appendConstructedNode(identifier: .sequence) { ext in
                        try ext.serialize(ASN1ObjectIdentifier("2.5.29.20"))  // cRLNumber
                        var inner = DER.Serializer()
                        try inner.serialize(number)
                        try ext.serialize(ASN1OctetString(contentBytes: ArraySlice(inner.serializedBytes)))
                    }
                }
            }
        }
        let tbsBytes = tbs.serializedBytes
        let signatureBytes = issuerKey.signature(for: tbsBytes)
        var whole = DER.Serializer()
        try whole.appendConstructedNode(identifier: .sequence) { list in
            list.serializeRawBytes(tbsBytes)
            try list.appendConstructedNode(identifier: .sequence) { try $0.serialize(ed25519) }
            try list.serialize(ASN1BitString(bytes: ArraySlice(signatureBytes)))
        }
        return try RevocationList(bytes: whole.serializedBytes, source: "new revocation list")
    }

    /// The list as PEM (`X509 CRL`).
    public var pemString: String { PEMDocument(type: "X509 CRL", derBytes: derBytes).pemString + "\n" }

    /// The CRL number as an integer, when it fits.
    public var numberValue: UInt64? {
        guard let number, number.count <= 8 else { return nil }
        return number.reduce(0) { $0 << 8 | UInt64($1) }
    }

    // MARK: Helpers

    static func nameDER(_ name: DistinguishedName) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.serialize(name)
        return serializer.serializedBytes
    }

    private static func readAlgorithm(_ nodes: inout ASN1NodeCollection.Iterator) throws -> ASN1ObjectIdentifier {
        guard let node = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "no algorithm identifier") }
        return try DER.sequence(node, identifier: .sequence) { inner in
            let oid = try ASN1ObjectIdentifier(derEncoded: &inner)
            while inner.next() != nil {}  // parameters (NULL for RSA) are not needed
            return oid
        }
    }

    private static func readTime(_ nodes: inout ASN1NodeCollection.Iterator) throws -> Date {
        guard let node = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "missing time") }
        let calendar = Calendar(identifier: .gregorian)
        var parts = DateComponents()
        parts.timeZone = .gmt
        switch node.identifier {
        case .utcTime:
            let time = try UTCTime(derEncoded: node)
            (parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second) = (
                time.year, time.month, time.day, time.hours, time.minutes, time.seconds
            )
        case .generalizedTime:
            let time = try GeneralizedTime(derEncoded: node)
            (parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second) = (
                time.year, time.month, time.day, time.hours, time.minutes, time.seconds
            )
        default:
            throw ASN1Error.invalidASN1Object(reason: "expected a time")
        }
        guard let date = calendar.date(from: parts) else { throw ASN1Error.invalidASN1Object(reason: "impossible date") }
        return date
    }

    /// RFC 5280: UTCTime through 2049, GeneralizedTime from 2050.
    private static func serializeTime(_ date: Date, into serializer: inout DER.Serializer) throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        if c.year! < 2050 {
            try serializer.serialize(UTCTime(year: c.year!, month: c.month!, day: c.day!, hours: c.hour!, minutes: c.minute!, seconds: c.second!))
        } else {
            try serializer.serialize(
                GeneralizedTime(year: c.year!, month: c.month!, day: c.day!, hours: c.hour!, minutes: c.minute!, seconds: c.second!, fractionalSeconds: 0))
        }
    }

    private static func readNumber(fromExtensions node: ASN1Node) throws -> [UInt8]? {
        guard node.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific),
            case .constructed(let wrapped) = node.content, let sequence = wrapped.first(where: { _ in true })
        else { throw ASN1Error.invalidASN1Object(reason: "unexpected field after the revoked certificates") }
        var number: [UInt8]?
        try DER.sequence(sequence, identifier: .sequence) { extensions in
            while let ext = extensions.next() {
                try DER.sequence(ext, identifier: .sequence) { fields in
                    let oid = try ASN1ObjectIdentifier(derEncoded: &fields)
                    var peek = fields
                    if peek.next()?.identifier == .boolean { _ = fields.next() }  // the optional critical flag
                    let value = try ASN1OctetString(derEncoded: &fields)
                    if oid == ASN1ObjectIdentifier("2.5.29.20") {
                        number = Array(try ArraySlice<UInt8>(derEncoded: Array(value.bytes)))
                    }
                }
            }
        }
        return number
    }
}
