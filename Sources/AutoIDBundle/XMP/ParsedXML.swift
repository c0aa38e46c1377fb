internal import AutoIDLibXML2

/// The one owner of a parsed libxml2 document, and the only code here that calls the parser.
///
/// Parsing is for hostile input: the bytes are refused outright when they hold a document type
/// declaration or an entity declaration (billion laughs, external entities) or are not UTF-8, before
/// libxml2 sees them; libxml2 then runs with `XML_PARSE_NONET` (no network), without
/// `XML_PARSE_NOENT` (entities are never substituted) or `XML_PARSE_DTDLOAD` (no DTD is loaded), and
/// with its messages kept off the terminal. A document that still carries a DTD is refused.
final class ParsedXML {
    /// A namespaced name and text, for elements and attributes.
    struct Item {
        var namespace: String?
        var name: String
        var value: String
    }

    /// One element: its name, attributes and element children (text is in ``Element/text``).
    struct Element {
        var namespace: String?
        var name: String
        var attributes: [Item]
        var children: [Element]
        var text: String
    }

    private let document: xmlDocPtr

    /// Parses `bytes`, naming `source` in errors.
    init(bytes: [UInt8], source: String) throws(BundleError) {
        func refuse(_ detail: String) -> BundleError { BundleError(.refusedSidecar, input: source, detail: detail) }
        if bytes.contains(0) { throw refuse("refused: a NUL byte (XMP sidecars are read as UTF-8 only)") }
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) { throw refuse("refused: UTF-16 (XMP sidecars are read as UTF-8 only)") }
        for marker in ["<!DOCTYPE", "<!ENTITY"] where Self.contains(bytes, Array(marker.utf8)) {
            throw refuse(
                "refused: a \(marker.dropFirst(2)) declaration (document types and entities are never read: entity expansion and external entities are attacks)"
            )
        }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let parsed = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                xmlReadMemory($0, Int32(buffer.count), "sidecar.xmp", "UTF-8", options)
            }
        }
        guard let parsed else {
            let message = xmlGetLastError().flatMap { $0.pointee.message }.map { String(cString: $0) } ?? "not well-formed XML"
            xmlResetLastError()
            throw BundleError(.malformedSidecar, input: source, detail: "not well-formed XML: \(message.split(separator: "\n").first ?? "")")
        }
        if parsed.pointee.intSubset != nil || parsed.pointee.extSubset != nil {
            xmlFreeDoc(parsed)
            throw refuse("refused: a document type declaration")
        }
        document = parsed
    }

    deinit { xmlFreeDoc(document) }

    /// The root element, or nil for a document without one.
    var root: Element? {
        xmlDocGetRootElement(document).map { Self.element($0, depth: 0) }
    }

    private static func element(_ node: xmlNodePtr, depth: Int) -> Element {
        var attributes: [Item] = []
        var property = node.pointee.properties
        while let attribute = property {
            // The value is the text of the attribute's children (no entity references can be
            // among them: entities were refused before parsing).
            var value = ""
            var part = attribute.pointee.children
            while let text = part {
                value += string(text.pointee.content) ?? ""
                part = text.pointee.next
            }
            attributes.append(
                Item(
                    namespace: attribute.pointee.ns.flatMap { string($0.pointee.href) }, name: string(attribute.pointee.name) ?? "",
                    value: value))
            property = attribute.pointee.next
        }
        var children: [Element] = []
        var text = ""
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE, depth < 64 {
                children.append(element(current, depth: depth + 1))
            } else if current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE {
                text += string(current.pointee.content) ?? ""
            }
            child = current.pointee.next
        }
        return Element(
            namespace: node.pointee.ns.flatMap { string($0.pointee.href) }, name: string(node.pointee.name) ?? "",
            attributes: attributes, children: children, text: text)
    }

    private static func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private static func string(_ pointer: UnsafeMutablePointer<xmlChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<start + needle.count].elementsEqual(needle) { return true }
        }
        return false
    }
}
