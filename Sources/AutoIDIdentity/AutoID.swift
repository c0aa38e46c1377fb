import AutoIDFiles
import AutoIDHashing
public import FoundationEssentials
import SwiftASN1
public import X509

/// An Auto ID: an X.509 certificate as the Auto ID registry sees it, parsed once and immutable.
///
/// Holds the parsed `Certificate` and its exact DER, and the Auto ID facts read from it: identifier,
/// common name, kind, AI model, linked identities, key type. Foreign certificates (such as the Autonomys
/// fixtures, which carry none of autoid's extensions) parse too; their ``kind`` and ``model`` are `nil`.
public struct AutoID: Sendable, Hashable, CustomStringConvertible {
    /// The parsed certificate.
    public let certificate: Certificate
    /// The certificate's DER, exactly as read or issued.
    public let derBytes: [UInt8]
    /// The registry identifier: `blake2b_256(CN)` for a root, `blake2b_256(issuer identifier || CN)` for a
    /// leaf; `nil` for a certificate that is not self-issued when its issuer's identifier is not known
    /// (see ``resolvingIdentifier(issuerIdentifier:)``).
    public private(set) var identifier: AutoIDIdentifier?
    /// The identifier of the issuer this Auto ID was resolved against; `nil` for a root.
    public private(set) var issuerIdentifier: AutoIDIdentifier?
    /// The subject's common name as encoded in the certificate (the bytes the identifier hashes).
    public let commonNameBytes: [UInt8]
    /// The subject's common name.
    public let commonName: String
    /// The kind of subject, from autoid's subject-kind extension.
    public let kind: SubjectKind?
    /// The AI model, from autoid's AI-model-info extension.
    public let model: AIModelInfo?
    /// URIs and e-mail addresses from the subjectAltName, in certificate order.
    public let linkedIdentities: [LinkedIdentity]
    /// The subject public key's type.
    public let keyType: KeyType
    /// The SubjectPublicKeyInfo DER, exactly as in the certificate.
    public let subjectPublicKeyInfo: [UInt8]
    /// The basicConstraints extension, if present.
    public let basicConstraints: BasicConstraints?
    /// The keyUsage extension, if present.
    public let keyUsage: KeyUsage?

    /// Parses one DER certificate.
    ///
    /// - Parameters:
    ///   - issuerIdentifier: the identifier of the Auto ID that issued this one; when given, the identifier is a
    ///     leaf identifier even for a self-issued certificate. Without it, a self-issued certificate is a root and
    ///     any other has no identifier yet.
    ///   - source: names the input in error messages (a file name, say).
    public init(derEncoded der: [UInt8], issuerIdentifier: AutoIDIdentifier? = nil, source: String = "certificate")
        throws
    {
        guard der.count <= AutoIDFile.sizeLimit else {
            throw IdentityError(
                .tooLarge, source: source,
                detail: "\(der.count) bytes is larger than the \(AutoIDFile.sizeLimit)-byte limit for a certificate")
        }
        guard !der.isEmpty else {
            throw IdentityError(.malformed, source: source, detail: "the certificate is empty")
        }
        let certificate: Certificate
        do {
            certificate = try Certificate(derEncoded: der)
        } catch {
            throw IdentityError(
                .malformed, source: source,
                detail: "not a valid DER X.509 certificate (\(DecodingFailure.describe(error)))",
                hint: "expected DER or PEM 'CERTIFICATE'; inspect it with 'openssl x509 -in FILE -noout -text'")
        }
        let fields = try CertificateFields(tbsCertificate: certificate.tbsCertificateBytes, source: source)

        var kind: SubjectKind?
        var model: AIModelInfo?
        var linked: [LinkedIdentity] = []
        let basicConstraints: BasicConstraints?
        let keyUsage: KeyUsage?
        do {
            for ext in certificate.extensions {
                switch ext.oid {
                case AutoIDObjectIdentifier.subjectKind: kind = try SubjectKind(ext)
                case AutoIDObjectIdentifier.aiModelInfo: model = try AIModelInfo(ext)
                default: break
                }
            }
            for name in try certificate.extensions.subjectAlternativeNames ?? SubjectAlternativeNames() {
                switch name {
                case .uniformResourceIdentifier(let uri): linked.append(.uri(uri))
                case .rfc822Name(let email): linked.append(.email(email))
                default: break
                }
            }
            basicConstraints = try certificate.extensions.basicConstraints
            keyUsage = try certificate.extensions.keyUsage
        } catch {
            throw IdentityError(
                .malformed, source: source,
                detail: "a certificate extension cannot be read (\(DecodingFailure.describe(error)))")
        }

        self.certificate = certificate
        self.derBytes = der
        self.commonNameBytes = fields.commonNameBytes
        self.commonName = String(decoding: fields.commonNameBytes, as: UTF8.self)
        self.kind = kind
        self.model = model
        self.linkedIdentities = linked
        self.keyType = fields.keyType
        self.subjectPublicKeyInfo = fields.subjectPublicKeyInfo
        self.basicConstraints = basicConstraints
        self.keyUsage = keyUsage
        if let issuerIdentifier {
            self.issuerIdentifier = issuerIdentifier
            self.identifier = .leaf(issuer: issuerIdentifier, commonName: fields.commonNameBytes)
        } else if certificate.subject == certificate.issuer {
            self.identifier = .root(commonName: fields.commonNameBytes)
        }
    }

    /// Parses exactly one certificate from DER or PEM bytes.
    public init(bytes: [UInt8], issuerIdentifier: AutoIDIdentifier? = nil, source: String = "certificate") throws {
        let all = try AutoID.parseAll(bytes, source: source)
        guard all.count == 1 else {
            throw IdentityError(
                .malformed, source: source, detail: "expected one certificate, found \(all.count)",
                hint: "split the file, or read it with AutoID.parseAll")
        }
        self = issuerIdentifier.map { all[0].resolvingIdentifier(issuerIdentifier: $0) } ?? all[0]
    }

    /// How many times `marker` occurs in `bytes` (not overlapping), counting up to `limit`. A plain loop:
    /// the standard library's `firstRange(of:)` and `ranges(of:)` are generic code that the runtime
    /// instantiates on first use (about 0.1 ms of a one-file `--trust` run, perf).
    static func count(of marker: StaticString, in bytes: [UInt8], upTo limit: Int = .max) -> Int {
        let needle = UnsafeBufferPointer(start: marker.utf8Start, count: marker.utf8CodeUnitCount)
        guard !needle.isEmpty, bytes.count >= needle.count else { return 0 }
        var found = 0
        var index = 0
        while index <= bytes.count - needle.count && found < limit {
            var length = 0
            while length < needle.count && bytes[index + length] == needle[length] { length += 1 }
            if length == needle.count {
                found += 1
                index += needle.count
            } else {
                index += 1
            }
        }
        return found
    }

    /// Parses every certificate in `bytes`: one DER certificate, or any number of PEM `CERTIFICATE` blocks.
    public static func parseAll(_ bytes: [UInt8], source: String = "certificate") throws -> [AutoID] {
        guard bytes.count <= AutoIDFile.sizeLimit else {
            throw IdentityError(
                .tooLarge, source: source,
                detail: "\(bytes.count) bytes is larger than the \(AutoIDFile.sizeLimit)-byte limit "
                    + "for certificate files")
        }
        guard let first = bytes.first(where: { ![0x20, 0x09, 0x0a, 0x0d].contains($0) }) else {
            throw IdentityError(.malformed, source: source, detail: "the input is empty")
        }
        if first == 0x30 {  // a DER SEQUENCE
            return [try AutoID(derEncoded: bytes, source: source)]
        }
        guard let text = String(validating: bytes, as: UTF8.self), Self.count(of: "-----BEGIN ", in: bytes, upTo: 1) > 0 else {
            throw IdentityError(
                .malformed, source: source, detail: "neither a DER certificate nor PEM text",
                hint: "expected DER or PEM 'CERTIFICATE'")
        }
        let documents: [PEMDocument]
        do {
            documents = try PEMDocument.parseMultiple(pemString: text)
        } catch {
            let begins = Self.count(of: "-----BEGIN ", in: bytes)
            let ends = Self.count(of: "-----END ", in: bytes)
            throw IdentityError(
                .malformed, source: source,
                detail: begins != ends
                    ? "the PEM text is truncated: \(begins) BEGIN line(s) but \(ends) END line(s)"
                    : "the PEM text is damaged (bad base64 or mismatched BEGIN/END labels)")
        }
        guard !documents.isEmpty else {
            throw IdentityError(.malformed, source: source, detail: "no PEM block found")
        }
        return try documents.enumerated().map { index, document in
            let name = documents.count == 1 ? source : "\(source) (PEM block \(index + 1))"
            guard document.discriminator == "CERTIFICATE" else {
                throw IdentityError(
                    .malformed, source: name,
                    detail: "a PEM '\(document.discriminator)' block is not a certificate (expected 'CERTIFICATE')")
            }
            return try AutoID(derEncoded: document.derBytes, source: name)
        }
    }

    /// This Auto ID with its identifier computed as a leaf of the Auto ID with identifier `issuerIdentifier`.
    public func resolvingIdentifier(issuerIdentifier: AutoIDIdentifier) -> AutoID {
        var copy = self
        copy.issuerIdentifier = issuerIdentifier
        copy.identifier = .leaf(issuer: issuerIdentifier, commonName: commonNameBytes)
        return copy
    }

    // MARK: Certificate facts

    /// The issuer's distinguished name (RFC 4514 form).
    public var issuerName: String { String(describing: certificate.issuer) }
    /// The subject's distinguished name (RFC 4514 form).
    public var subjectName: String { String(describing: certificate.subject) }
    /// The issuer's common name, if it has one.
    public var issuerCommonName: String? {
        for rdn in certificate.issuer {
            for attribute in rdn where attribute.type == .RDNAttributeType.commonName {
                return String(describing: attribute.value)
            }
        }
        return nil
    }
    /// The serial number's bytes (big-endian, as encoded).
    public var serialNumber: [UInt8] { Array(certificate.serialNumber.bytes) }
    /// The serial number as colon-separated hex, the way OpenSSL prints it.
    public var serialNumberHex: String {
        // Two digits a byte, colons between: Hex.encode once and put the colons in, without joined(separator:),
        // whose unspecialised code looks a conformance up at run time on first use.
        var text = ""
        for (index, digit) in Hex.encode(serialNumber).enumerated() {
            if index > 0 && index % 2 == 0 { text.append(":") }
            text.append(digit)
        }
        return text
    }
    /// The start of the validity period.
    public var notValidBefore: Date { certificate.notValidBefore }
    /// The end of the validity period.
    public var notValidAfter: Date { certificate.notValidAfter }
    /// Whether subject and issuer are the same name (a root, or a re-keyed CA).
    public var isSelfIssued: Bool { certificate.subject == certificate.issuer }
    /// Whether basicConstraints marks this certificate as a certificate authority.
    public var isCertificateAuthority: Bool {
        if case .isCertificateAuthority = basicConstraints { return true }
        return false
    }
    /// The CA's path length constraint, if any.
    public var pathLengthConstraint: Int? {
        if case .isCertificateAuthority(let maxPathLength) = basicConstraints { return maxPathLength }
        return nil
    }
    /// Whether `time` lies within the validity period.
    public func isValid(at time: Date) -> Bool { notValidBefore <= time && time <= notValidAfter }

    /// The PEM (`CERTIFICATE`) text, ending in a newline.
    public var pemString: String { PEMDocument(type: "CERTIFICATE", derBytes: derBytes).pemString + "\n" }

    /// How messages name this certificate: its common name and serial number.
    /// The common name as it may be printed on one line of text (``DisplayName``): the certificate's
    /// subject chose it, and a newline in it would otherwise forge a line of a report ("trust  TRUSTED").
    /// JSON output takes ``commonName`` as it is.
    public var shownName: String { DisplayName.escape(commonName) }

    /// Certificates as `'A' -> 'B'` (with `separator` between), each by its ``shownName``. A plain loop:
    /// the standard library's `joined(separator:)` is generic code whose first use in a process costs a
    /// run-time type lookup, about 0.15 ms of a one-envelope `autoid-verify --trust` run.
    public static func shownNames(_ certificates: ArraySlice<AutoID>, separator: String) -> String {
        var text = ""
        for certificate in certificates {
            if !text.isEmpty { text += separator }
            text += "'" + certificate.shownName + "'"
        }
        return text
    }

    public var label: String { "certificate '\(shownName)' (serial \(serialNumberHex))" }

    public var description: String {
        "Auto ID \(identifier?.hexDigits ?? "(identifier unresolved)") '\(shownName)' \(kind.map { "[\($0)] " } ?? "")"
            + "\(keyType), issued by '\(DisplayName.escape(issuerCommonName ?? issuerName))'"
    }

    public static func == (lhs: AutoID, rhs: AutoID) -> Bool {
        lhs.derBytes == rhs.derBytes && lhs.identifier == rhs.identifier
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(derBytes)
        hasher.combine(identifier)
    }
}
