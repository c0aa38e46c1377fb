import SwiftASN1
import X509

/// Plain-language descriptions of swift-asn1 and swift-certificates decoding errors, for ``IdentityError``
/// details (their own descriptions end in a source file and line, which helps nobody reading a message).
enum DecodingFailure {
    static func describe(_ error: any Error) -> String {
        let summary: String
        if let error = error as? ASN1Error {
            switch error.code {
            case .truncatedASN1Field: summary = "the DER ends in the middle of a field, so it is truncated"
            case .unsupportedFieldLength: summary = "a DER length is invalid or too large"
            case .unexpectedFieldType: summary = "a field has an unexpected ASN.1 type"
            case .invalidASN1IntegerEncoding: summary = "an INTEGER is badly encoded"
            case .invalidPEMDocument: summary = "the PEM text is damaged"
            case .invalidStringRepresentation: summary = "a string field holds characters its type does not allow"
            case .tooFewOIDComponents: summary = "an object identifier is invalid"
            default: summary = "the DER structure is invalid"
            }
        } else if let error = error as? CertificateError {
            switch error.code {
            case .unsupportedSignatureAlgorithm: summary = "the signature algorithm is not supported"
            case .unsupportedPublicKeyAlgorithm: summary = "the public key algorithm is not supported"
            case .duplicateOID: summary = "an extension appears more than once"
            default: summary = "the certificate is not valid"
            }
        } else {
            return String(describing: error)
        }
        let reason = self.reason(in: String(describing: error))
        return reason.isEmpty ? summary : "\(summary): \(reason)"
    }

    /// The reason part of "Type.code: reason File.swift:123".
    private static func reason(in description: String) -> String {
        guard let colon = description.firstIndex(of: ":") else { return "" }
        var words = description[description.index(after: colon)...].split(separator: " ", omittingEmptySubsequences: true)
        if let last = words.last, last.utf8.firstRange(of: ".swift:".utf8) != nil { words.removeLast() }
        return words.joined(separator: " ")
    }
}
