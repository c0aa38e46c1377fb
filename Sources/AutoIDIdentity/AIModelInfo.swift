/// Which AI model an Auto ID's subject is, or runs on: provider, model name and optional version.
///
/// Carried in the AI-model-info extension (see autoid-identity(5)).
public struct AIModelInfo: Sendable, Hashable, CustomStringConvertible {
    /// Longest value accepted for each field, in UTF-8 bytes.
    public static let fieldLimit = 256

    /// Who provides the model, such as "Anthropic".
    public var provider: String
    /// The model's name, such as "claude".
    public var modelName: String
    /// The model's version, when known.
    public var modelVersion: String?

    public init(provider: String, modelName: String, modelVersion: String? = nil) {
        self.provider = provider
        self.modelName = modelName
        self.modelVersion = modelVersion
    }

    public var description: String {
        var text = "\(provider) \(modelName)"
        if let modelVersion { text += " \(modelVersion)" }
        return text
    }
}
