public import AutoIDHashing

/// An XMP sidecar (`MEDIA.xmp`) that links a media file to its signed manifest, the way C2PA links an
/// external manifest: `dcterms:provenance` holds the manifest's location (a URI reference), and
/// autoid's own properties hold the media's and the manifest's digests. See provenance-bundle(5).
public struct XMPSidecar: Sendable, Equatable {
    /// The XMP packet wrapper's namespace (`x:xmpmeta`).
    public static let metaNamespace = "adobe:ns:meta/"
    /// RDF's namespace.
    public static let rdfNamespace = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    /// Dublin Core terms, for `dcterms:provenance`.
    public static let dctermsNamespace = "http://purl.org/dc/terms/"
    /// autoid's XMP namespace, for the digests.
    public static let autoidNamespace = "urn:autoid:xmp:0.1#"
    /// Sidecars larger than this are refused before parsing.
    public static let sizeLimit = 1 << 20
    /// The algorithms recorded for the media and for the manifest.
    public static let algorithms: [HashAlgorithm] = [.sha256, .blake3]

    /// Where the manifest is: a URI reference, relative to the sidecar's directory unless it has a
    /// scheme (`file:` is read; any other scheme is never fetched).
    public var manifestLocation: String
    /// The media file's digests, lowercase hex by algorithm.
    public var mediaDigests: [HashAlgorithm: String]
    /// The manifest's digests, lowercase hex by algorithm.
    public var manifestDigests: [HashAlgorithm: String]

    public init(manifestLocation: String, mediaDigests: [HashAlgorithm: String], manifestDigests: [HashAlgorithm: String]) {
        self.manifestLocation = manifestLocation
        self.mediaDigests = mediaDigests
        self.manifestDigests = manifestDigests
    }

    /// The property names of the digests, as local names in ``autoidNamespace``.
    static func mediaProperty(_ algorithm: HashAlgorithm) -> String { "media" + algorithm.rawValue.uppercased() }
    static func manifestProperty(_ algorithm: HashAlgorithm) -> String { "manifest" + algorithm.rawValue.uppercased() }

    /// The sidecar as XML (UTF-8, one property per line; the same sidecar gives the same bytes). Every
    /// value is ASCII (hex digits, or a percent-encoded URI reference), so nothing needs escaping but
    /// the location's `&`, `<`, `>` and quotes, which percent-encoding never leaves.
    public func xmlBytes() -> [UInt8] {
        var properties = ["dcterms:provenance=\"\(manifestLocation)\""]
        for algorithm in Self.algorithms {
            if let hex = mediaDigests[algorithm] { properties.append("autoid:\(Self.mediaProperty(algorithm))=\"\(hex)\"") }
        }
        for algorithm in Self.algorithms {
            if let hex = manifestDigests[algorithm] { properties.append("autoid:\(Self.manifestProperty(algorithm))=\"\(hex)\"") }
        }
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <x:xmpmeta xmlns:x="\(Self.metaNamespace)">
              <rdf:RDF xmlns:rdf="\(Self.rdfNamespace)">
                <rdf:Description rdf:about=""
                    xmlns:dcterms="\(Self.dctermsNamespace)"
                    xmlns:autoid="\(Self.autoidNamespace)"
                    \(properties.joined(separator: "\n        "))/>
              </rdf:RDF>
            </x:xmpmeta>

            """
        return Array(text.utf8)
    }

    /// Percent-encodes a path as a URI reference: unreserved characters and `/` stay, every other
    /// byte becomes `%XX`.
    public static func uriReference(forPath path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if byte < 0x80, c.isLetter || c.isNumber || "-._~/".contains(c) {
                out.append(c)
            } else {
                let digits = Array("0123456789ABCDEF")
                out += "%" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 15)])
            }
        }
        return out
    }

    /// Decodes `%XX` escapes; nil for a malformed escape or bytes that are not UTF-8.
    public static func decodePercent(_ text: String) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next(), let low = iterator.next(),
                    let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
                else { return nil }
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
