/// The words of the provenance predicate, taken from C2PA 2.2 and the IPTC and CAWG vocabularies
/// (DESIGN.md section 5), never invented where a standard one exists. Specified in autoid-provenance(5).
public enum ProvenanceVocabulary {
    /// The IPTC digital source type URIs' common prefix.
    public static let digitalSourceTypePrefix = "http://cv.iptc.org/newscodes/digitalsourcetype/"

    /// IPTC digital source type terms C2PA uses. The last three are deprecated by IPTC and still read.
    public static let digitalSourceTypes: Set<String> = [
        "digitalCapture", "computationalCapture", "negativeFilm", "positiveFilm", "print", "humanEdits",
        "compositeWithTrainedAlgorithmicMedia", "algorithmicallyEnhanced", "digitalCreation", "dataDrivenMedia",
        "trainedAlgorithmicMedia", "algorithmicMedia", "screenCapture", "virtualRecording", "composite",
        "compositeCapture", "compositeSynthetic",
        "minorHumanEdits", "softwareImage", "digitalArt",
    ]

    /// Source types that say an AI (a trained model or an algorithm) made or changed the content.
    public static let algorithmicSourceTypes: Set<String> = [
        "trainedAlgorithmicMedia", "compositeWithTrainedAlgorithmicMedia", "algorithmicallyEnhanced",
        "algorithmicMedia", "dataDrivenMedia", "compositeSynthetic",
    ]

    /// The full URI for a term or URI given on a command line (`trainedAlgorithmicMedia` or the whole URI);
    /// `nil` when the term is not an IPTC digital source type.
    public static func digitalSourceType(_ text: String) -> String? {
        let term = text.hasPrefix(digitalSourceTypePrefix) ? String(text.dropFirst(digitalSourceTypePrefix.count)) : text
        return digitalSourceTypes.contains(term) ? digitalSourceTypePrefix + term : nil
    }

    /// C2PA 2.2 action names (`c2pa.actions.v2`).
    public static let actions: Set<String> = [
        "c2pa.color_adjustments", "c2pa.converted", "c2pa.created", "c2pa.cropped", "c2pa.deleted", "c2pa.drawing",
        "c2pa.dubbed", "c2pa.edited", "c2pa.edited.metadata", "c2pa.enhanced", "c2pa.filtered", "c2pa.opened",
        "c2pa.orientation", "c2pa.placed", "c2pa.published", "c2pa.redacted", "c2pa.removed", "c2pa.repackaged",
        "c2pa.resized", "c2pa.transcoded", "c2pa.translated", "c2pa.trimmed", "c2pa.unknown", "c2pa.watermarked",
    ]

    /// Roles a party plays: the CAWG identity assertion's human roles, and autoid's roles for AI parties.
    public static let roles: Set<String> = [
        "creator", "contributor", "editor", "producer", "publisher", "sponsor", "translator",
        "ai-generator", "ai-editor", "ai-assistant",
    ]

    /// Ingredient relationships as C2PA defines them: `parentOf` (derived from it; at most one),
    /// `componentOf` (a part of it), `inputTo` (input to a computational process, e.g. a prompt).
    public static let relationships: Set<String> = ["parentOf", "componentOf", "inputTo"]
}
