/// An online identity linked to an Auto ID, carried in the certificate's subjectAltName.
public enum LinkedIdentity: Sendable, Hashable, CustomStringConvertible {
    /// A URI, such as a web profile (`uniformResourceIdentifier` in the SAN).
    case uri(String)
    /// An e-mail address (`rfc822Name` in the SAN).
    case email(String)

    public var description: String {
        switch self {
        case .uri(let value): "URI:\(value)"
        case .email(let value): "email:\(value)"
        }
    }
}
