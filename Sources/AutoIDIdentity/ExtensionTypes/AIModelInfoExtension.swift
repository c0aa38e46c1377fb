import SwiftASN1
public import X509

/// The AI-model-info extension under ``AutoIDObjectIdentifier/aiModelInfo``, never critical:
///
///     AIModelInfo ::= SEQUENCE {
///         provider      UTF8String (SIZE (1..256)),
///         modelName     UTF8String (SIZE (1..256)),
///         modelVersion  UTF8String (SIZE (1..256)) OPTIONAL }
extension AIModelInfo: CertificateExtensionConvertible {
    /// Reads the model information from `ext`.
    public init(_ ext: Certificate.Extension) throws {
        guard ext.oid == AutoIDObjectIdentifier.aiModelInfo else {
            throw CertificateError.incorrectOIDForExtension(
                reason: "expected \(AutoIDObjectIdentifier.aiModelInfo), got \(ext.oid)")
        }
        self = try DER.sequence(try DER.parse(ext.value), identifier: .sequence) { nodes in
            let provider = try ASN1UTF8String(derEncoded: &nodes)
            let modelName = try ASN1UTF8String(derEncoded: &nodes)
            let modelVersion: ASN1UTF8String? = try DER.optionalImplicitlyTagged(&nodes, tag: .utf8String)
            func text(_ field: ASN1UTF8String, _ name: String) throws -> String {
                guard (1...AIModelInfo.fieldLimit).contains(field.bytes.count),
                    let value = String(validating: field.bytes, as: UTF8.self)
                else {
                    throw ASN1Error.invalidASN1Object(
                        reason: "AIModelInfo.\(name) must be 1 to \(AIModelInfo.fieldLimit) bytes of UTF-8")
                }
                return value
            }
            return AIModelInfo(
                provider: try text(provider, "provider"), modelName: try text(modelName, "modelName"),
                modelVersion: try modelVersion.map { try text($0, "modelVersion") })
        }
    }

    public func makeCertificateExtension() throws -> Certificate.Extension {
        var serializer = DER.Serializer()
        try serializer.appendConstructedNode(identifier: .sequence) { sequence in
            try sequence.serialize(ASN1UTF8String(provider))
            try sequence.serialize(ASN1UTF8String(modelName))
            if let modelVersion { try sequence.serialize(ASN1UTF8String(modelVersion)) }
        }
        return Certificate.Extension(
            oid: AutoIDObjectIdentifier.aiModelInfo, critical: false, value: serializer.serializedBytes[...])
    }
}
