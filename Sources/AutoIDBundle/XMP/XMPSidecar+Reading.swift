import AutoIDFiles
import AutoIDHashing

extension XMPSidecar {
    /// Parses a sidecar (see ``ParsedXML`` for what is refused before and during parsing): the
    /// `x:xmpmeta` wrapper (optional) around one `rdf:RDF`, whose `rdf:Description` elements carry
    /// `dcterms:provenance` and the digests, as attributes or as simple child elements.
    ///
    /// Throws ``BundleError`` naming `source`: refused (a DTD or entities) or malformed (not XML, not
    /// XMP, a property missing or given twice with different values, a digest that is not hex of the
    /// right length). All malformed input (exit status 3).
    public init(xmlBytes bytes: [UInt8], source: String) throws(BundleError) {
        func malformed(_ detail: String) -> BundleError { BundleError(.malformedSidecar, input: source, detail: detail) }
        guard bytes.count <= Self.sizeLimit else { throw malformed("larger than \(Self.sizeLimit) bytes; not an XMP sidecar") }
        let document = try ParsedXML(bytes: bytes, source: source)
        guard var root = document.root else { throw malformed("no root element") }
        if root.namespace == Self.metaNamespace, root.name == "xmpmeta" {
            guard let rdf = root.children.first(where: { $0.namespace == Self.rdfNamespace && $0.name == "RDF" }) else {
                throw malformed("x:xmpmeta holds no rdf:RDF; not an XMP packet")
            }
            root = rdf
        }
        guard root.namespace == Self.rdfNamespace, root.name == "RDF" else {
            throw malformed("the root is not x:xmpmeta or rdf:RDF; not an XMP packet")
        }
        var properties: [String: String] = [:]
        for description in root.children where description.namespace == Self.rdfNamespace && description.name == "Description" {
            let items =
                description.attributes.map { ($0.namespace, $0.name, $0.value) }
                + description.children.map { ($0.namespace, $0.name, $0.text.trimmingWhitespace) }
            for (namespace, name, value) in items {
                guard let namespace, namespace == Self.dctermsNamespace || namespace == Self.autoidNamespace else { continue }
                let key = "\(namespace)\(name)"
                if let earlier = properties[key], earlier != value {
                    throw malformed("\(name) is given twice with different values")
                }
                properties[key] = value
            }
        }
        guard let location = properties[Self.dctermsNamespace + "provenance"], !location.isEmpty else {
            throw malformed("no dcterms:provenance (the manifest's location); not a sidecar linking media to a manifest")
        }
        func digests(_ property: (HashAlgorithm) -> String) throws(BundleError) -> [HashAlgorithm: String] {
            var found: [HashAlgorithm: String] = [:]
            for algorithm in Self.algorithms {
                guard let hex = properties[Self.autoidNamespace + property(algorithm)] else { continue }
                guard hex.utf8.count == algorithm.digestByteCount * 2, let raw = Hex.decode(hex) else {
                    throw malformed("autoid:\(property(algorithm)) is not \(algorithm.digestByteCount * 2) hex digits")
                }
                found[algorithm] = Hex.encode(raw)
            }
            return found
        }
        let media = try digests(Self.mediaProperty)
        guard !media.isEmpty else { throw malformed("no media digest (autoid:mediaSHA256 or autoid:mediaBLAKE3)") }
        self.init(manifestLocation: location, mediaDigests: media, manifestDigests: try digests(Self.manifestProperty))
    }

    /// The local path `manifestLocation` names, resolved against the sidecar's directory; nil for a
    /// location with a scheme other than `file:` (never fetched: every autoid tool works offline).
    public func manifestPath(sidecarDirectory: String) -> String? {
        let location = manifestLocation
        if let colon = location.firstIndex(of: ":"), location[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || "+.-".contains($0) }),
            location.first?.isLetter == true
        {
            guard location.lowercased().hasPrefix("file://") else { return nil }
            return Self.decodePercent(String(location.dropFirst("file://".count)))
        }
        guard let path = Self.decodePercent(location) else { return nil }
        if PathName.isAbsolute(path) { return path }
        return sidecarDirectory.isEmpty ? path : sidecarDirectory + "/" + path
    }
}

extension String {
    fileprivate var trimmingWhitespace: String {
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first.properties.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
