/// What an Auto ID's subject is.
///
/// Encoded in the subject-kind extension as an ASN.1 ENUMERATED (see autoid-identity(5)); values this
/// version does not know are kept as ``unrecognised(_:)`` rather than rejected, since the type is extensible.
public enum SubjectKind: Sendable, Hashable, CustomStringConvertible {
    case human
    case aiModel
    case aiAgent
    case organisation
    /// A value from a later version of the specification.
    case unrecognised(Int)

    /// The kinds this version defines, in code order.
    public static let known: [SubjectKind] = [.human, .aiModel, .aiAgent, .organisation]

    /// The ENUMERATED value in the certificate.
    public var code: Int {
        switch self {
        case .human: 0
        case .aiModel: 1
        case .aiAgent: 2
        case .organisation: 3
        case .unrecognised(let value): value
        }
    }

    /// The kind with ENUMERATED value `code`.
    public init(code: Int) {
        switch code {
        case 0: self = .human
        case 1: self = .aiModel
        case 2: self = .aiAgent
        case 3: self = .organisation
        default: self = .unrecognised(code)
        }
    }

    /// The kind named `name` as the tools spell it (`human`, `ai-model`, `ai-agent`, `organisation`;
    /// `organization` is accepted too); `nil` for anything else.
    public init?(name: String) {
        switch name.lowercased() {
        case "human": self = .human
        case "ai-model": self = .aiModel
        case "ai-agent": self = .aiAgent
        case "organisation", "organization": self = .organisation
        default: return nil
        }
    }

    /// The name the tools print and accept.
    public var name: String {
        switch self {
        case .human: "human"
        case .aiModel: "ai-model"
        case .aiAgent: "ai-agent"
        case .organisation: "organisation"
        case .unrecognised(let value): "unrecognised(\(value))"
        }
    }

    public var description: String { name }
}
