import SwiftASN1
public import X509

/// The subject-kind extension: `AutoIDSubjectKind ::= ENUMERATED { human(0), aiModel(1), aiAgent(2),
/// organisation(3), ... }` under ``AutoIDObjectIdentifier/subjectKind``, never critical.
extension SubjectKind: CertificateExtensionConvertible {
    /// Reads the kind from `ext`; throws if the OID is not ``AutoIDObjectIdentifier/subjectKind`` or the value
    /// is not a single ENUMERATED.
    public init(_ ext: Certificate.Extension) throws {
        guard ext.oid == AutoIDObjectIdentifier.subjectKind else {
            throw CertificateError.incorrectOIDForExtension(
                reason: "expected \(AutoIDObjectIdentifier.subjectKind), got \(ext.oid)")
        }
        let code = try Int(derEncoded: try DER.parse(ext.value), withIdentifier: .enumerated)
        self.init(code: code)
    }

    public func makeCertificateExtension() throws -> Certificate.Extension {
        var serializer = DER.Serializer()
        try code.serialize(into: &serializer, withIdentifier: .enumerated)
        return Certificate.Extension(
            oid: AutoIDObjectIdentifier.subjectKind, critical: false, value: serializer.serializedBytes[...])
    }
}
