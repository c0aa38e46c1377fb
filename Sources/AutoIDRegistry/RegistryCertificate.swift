public import AutoIDIdentity
public import AutoIDState
import SwiftASN1

/// The registry's view of a `raw` DER value: the fields pallet-auto-id reads from it (serial, subject CN,
/// SubjectPublicKeyInfo, validity in milliseconds), and the parsed certificate when the DER is a whole
/// certificate rather than a bare TBSCertificate.
public struct RegistryCertificate: Sendable {
    /// The serial number as pallet-auto-id stores it; `nil` when it does not fit 256 bits.
    public let serial: U256?
    /// The content octets of the subject's common name.
    public let commonName: [UInt8]
    /// The SubjectPublicKeyInfo DER.
    public let subjectPublicKeyInfo: [UInt8]
    /// The validity window in milliseconds since the Unix epoch.
    public let validity: RegisteredAutoID.Validity
    /// The whole certificate, when `raw` is one (then its signature can be checked); `nil` for a TBSCertificate.
    public let certificate: AutoID?

    /// Reads `der`, a full X.509 certificate or a TBSCertificate.
    public init(der: [UInt8]) throws(RegistryError) {
        let root: ASN1Node
        do {
            root = try DER.parse(der)
        } catch {
            throw RegistryError(
                .malformedCertificate, "raw is not DER (\(error))",
                hint: "raw must hold a DER TBSCertificate or X.509 certificate")
        }
        guard root.identifier == .sequence, case .constructed(let children) = root.content else {
            throw RegistryError(.malformedCertificate, "raw is not a DER SEQUENCE", hint: "raw must hold a DER TBSCertificate or X.509 certificate")
        }
        let elements = Array(children)
        let tbs: ASN1Node
        if elements.count == 3, elements[0].identifier == .sequence, elements[2].identifier == .bitString {
            tbs = elements[0]  // Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }
            do {
                certificate = try AutoID(derEncoded: der, source: "raw certificate")
            } catch {
                throw RegistryError(.malformedCertificate, "raw looks like a certificate but cannot be read: \(error)")
            }
        } else {
            tbs = root
            certificate = nil
        }
        let fields: CertificateFields
        do {
            fields = try CertificateFields(tbsCertificate: tbs.encodedBytes, source: "raw")
        } catch {
            throw RegistryError(.malformedCertificate, "\(error)")
        }
        commonName = fields.commonNameBytes
        subjectPublicKeyInfo = fields.subjectPublicKeyInfo
        let (serialNumber, window) = try Self.serialAndValidity(tbs)
        serial = serialNumber
        validity = window
    }

    /// Reads the serial (unsigned big-endian, as x509-parser does) and the validity window from a TBSCertificate.
    private static func serialAndValidity(_ tbs: ASN1Node) throws(RegistryError) -> (U256?, RegisteredAutoID.Validity) {
        do {
            return try DER.sequence(tbs, identifier: .sequence) { nodes in
                var next = nodes.next()
                if let node = next, node.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific) {
                    next = nodes.next()
                }
                guard let serialNode = next, serialNode.identifier == .integer,
                    case .primitive(let serialBytes) = serialNode.content
                else {
                    throw ASN1Error.invalidASN1Object(reason: "TBSCertificate has no serial number")
                }
                _ = nodes.next()  // signature algorithm
                _ = nodes.next()  // issuer
                guard let validityNode = nodes.next() else {
                    throw ASN1Error.invalidASN1Object(reason: "TBSCertificate has no validity")
                }
                let validity = try DER.sequence(validityNode, identifier: .sequence) { times in
                    guard let start = times.next(), let end = times.next() else {
                        throw ASN1Error.invalidASN1Object(reason: "validity needs two times")
                    }
                    return RegisteredAutoID.Validity(notBefore: try milliseconds(start), notAfter: try milliseconds(end))
                }
                while nodes.next() != nil {}
                return (U256(bigEndianBytes: serialBytes), validity)
            }
        } catch {
            throw RegistryError(.malformedCertificate, "the serial number or validity cannot be read (\(error))")
        }
    }

    /// A UTCTime or GeneralizedTime as milliseconds since the Unix epoch (fractions truncated to milliseconds).
    private static func milliseconds(_ node: ASN1Node) throws -> UInt64 {
        let (year, month, day, hours, minutes, seconds, fraction): (Int, Int, Int, Int, Int, Int, Double)
        switch node.identifier {
        case .utcTime:
            let time = try UTCTime(derEncoded: node)
            (year, month, day, hours, minutes, seconds, fraction) =
                (time.year, time.month, time.day, time.hours, time.minutes, time.seconds, 0)
        case .generalizedTime:
            let time = try GeneralizedTime(derEncoded: node)
            (year, month, day, hours, minutes, seconds, fraction) =
                (time.year, time.month, time.day, time.hours, time.minutes, time.seconds, time.fractionalSeconds)
        default:
            throw ASN1Error.invalidASN1Object(reason: "a validity time is neither UTCTime nor GeneralizedTime")
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        let secondsSinceEpoch = days * 86_400 + hours * 3_600 + minutes * 60 + seconds
        guard secondsSinceEpoch >= 0 else {
            throw ASN1Error.invalidASN1Object(reason: "a validity time lies before 1970, which a Moment cannot hold")
        }
        return UInt64(secondsSinceEpoch) * 1_000 + UInt64((fraction * 1_000 + 1e-6).rounded(.down))
    }

    /// Days from 1970-01-01 to the given proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
