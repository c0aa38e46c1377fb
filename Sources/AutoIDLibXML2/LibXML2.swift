public import AutoIDSystemLibrary
public import CLibXML2

/// libxml2, loaded at the first call rather than at process start.
///
/// Only XMP sidecars (AutoIDBundle) and JUnit reports (AutoIDReports) use libxml2, and loading it
/// (with ICU, which it links) costs every other command about a millisecond. So no executable links
/// it: this module imports the C module for its types and constants only, looks the functions up with
/// `dlopen`/`dlsym` the first time one is called, and declares same-named Swift functions that forward
/// to them. Modules that use libxml2 import this module and never `CLibXML2` itself, so a call cannot
/// bind to the C symbol.
///
/// When the library cannot be loaded, the first call ends the process with one line naming it and
/// the package to install (exit status 4, ``SystemLibraryError``); callers that can throw call
/// ``LibXML2/load()`` first.
public enum LibXML2 {
    /// The shared object the headers describe (soname 2), and its package.
    public static let specification = SystemLibrary.Specification(name: "libxml2", fileNames: fileNames, debianPackage: "libxml2")

    #if canImport(Darwin)
    static let fileNames = ["/usr/lib/libxml2.2.dylib", "libxml2.2.dylib"]
    #else
    static let fileNames = ["libxml2.so.2"]
    #endif

    /// Loaded once, by whichever thread calls first.
    static let loaded = Result { () throws(SystemLibraryError) in try LibXML2Functions(SystemLibrary.load(specification)) }

    /// Loads libxml2 now; throws ``SystemLibraryError`` when it cannot be loaded.
    public static func load() throws(SystemLibraryError) { _ = try loaded.get() }

    /// Loads libxml2 now, or ends the process with ``SystemLibrary/exit(with:)``.
    public static func require() { _ = functions }

    static var functions: LibXML2Functions {
        switch loaded {
        case .success(let functions): functions
        case .failure(let error): SystemLibrary.exit(with: error)
        }
    }
}

// Types and constants callers use, under their C names (this module's own shadow CLibXML2's).
// swift-format-ignore: TypeNamesShouldBeCapitalized
public typealias xmlChar = CLibXML2.xmlChar
// swift-format-ignore: TypeNamesShouldBeCapitalized
public typealias xmlDocPtr = CLibXML2.xmlDocPtr
// swift-format-ignore: TypeNamesShouldBeCapitalized
public typealias xmlNodePtr = CLibXML2.xmlNodePtr
// swift-format-ignore: TypeNamesShouldBeCapitalized
public typealias xmlBufferPtr = CLibXML2.xmlBufferPtr
// swift-format-ignore: TypeNamesShouldBeCapitalized
public typealias xmlTextWriterPtr = CLibXML2.xmlTextWriterPtr
public var XML_PARSE_NONET: xmlParserOption { CLibXML2.XML_PARSE_NONET }
public var XML_PARSE_NOERROR: xmlParserOption { CLibXML2.XML_PARSE_NOERROR }
public var XML_PARSE_NOWARNING: xmlParserOption { CLibXML2.XML_PARSE_NOWARNING }
public var XML_ELEMENT_NODE: xmlElementType { CLibXML2.XML_ELEMENT_NODE }
public var XML_TEXT_NODE: xmlElementType { CLibXML2.XML_TEXT_NODE }
public var XML_CDATA_SECTION_NODE: xmlElementType { CLibXML2.XML_CDATA_SECTION_NODE }

/// Every libxml2 function the project calls, looked up once.
struct LibXML2Functions: @unchecked Sendable {
    let xmlBufferContent: @convention(c) (UnsafePointer<xmlBuffer>?) -> UnsafePointer<xmlChar>?
    let xmlBufferCreate: @convention(c) () -> xmlBufferPtr?
    let xmlBufferFree: @convention(c) (xmlBufferPtr?) -> Void
    let xmlBufferLength: @convention(c) (UnsafePointer<xmlBuffer>?) -> Int32
    let xmlCheckVersion: @convention(c) (Int32) -> Void
    let xmlDocGetRootElement: @convention(c) (UnsafePointer<xmlDoc>?) -> xmlNodePtr?
    let xmlFreeDoc: @convention(c) (xmlDocPtr?) -> Void
    let xmlFreeTextWriter: @convention(c) (xmlTextWriterPtr?) -> Void
    let xmlGetLastError: @convention(c) () -> xmlErrorPtr?
    let xmlNewDoc: @convention(c) (UnsafePointer<xmlChar>?) -> xmlDocPtr?
    let xmlNewTextWriterMemory: @convention(c) (xmlBufferPtr?, Int32) -> xmlTextWriterPtr?
    let xmlReadMemory: @convention(c) (UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UnsafePointer<CChar>?, Int32) -> xmlDocPtr?
    let xmlResetLastError: @convention(c) () -> Void
    let xmlTextWriterEndDocument: @convention(c) (xmlTextWriterPtr?) -> Int32
    let xmlTextWriterEndElement: @convention(c) (xmlTextWriterPtr?) -> Int32
    let xmlTextWriterFlush: @convention(c) (xmlTextWriterPtr?) -> Int32
    let xmlTextWriterSetIndent: @convention(c) (xmlTextWriterPtr?, Int32) -> Int32
    let xmlTextWriterSetIndentString: @convention(c) (xmlTextWriterPtr?, UnsafePointer<xmlChar>?) -> Int32
    let xmlTextWriterStartDocument: @convention(c) (xmlTextWriterPtr?, UnsafePointer<CChar>?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32
    let xmlTextWriterStartElement: @convention(c) (xmlTextWriterPtr?, UnsafePointer<xmlChar>?) -> Int32
    let xmlTextWriterWriteAttribute: @convention(c) (xmlTextWriterPtr?, UnsafePointer<xmlChar>?, UnsafePointer<xmlChar>?) -> Int32
    let xmlTextWriterWriteString: @convention(c) (xmlTextWriterPtr?, UnsafePointer<xmlChar>?) -> Int32

    init(_ library: SystemLibrary) throws(SystemLibraryError) {
        xmlBufferContent = try library.function("xmlBufferContent")
        xmlBufferCreate = try library.function("xmlBufferCreate")
        xmlBufferFree = try library.function("xmlBufferFree")
        xmlBufferLength = try library.function("xmlBufferLength")
        xmlCheckVersion = try library.function("xmlCheckVersion")
        xmlDocGetRootElement = try library.function("xmlDocGetRootElement")
        xmlFreeDoc = try library.function("xmlFreeDoc")
        xmlFreeTextWriter = try library.function("xmlFreeTextWriter")
        xmlGetLastError = try library.function("xmlGetLastError")
        xmlNewDoc = try library.function("xmlNewDoc")
        xmlNewTextWriterMemory = try library.function("xmlNewTextWriterMemory")
        xmlReadMemory = try library.function("xmlReadMemory")
        xmlResetLastError = try library.function("xmlResetLastError")
        xmlTextWriterEndDocument = try library.function("xmlTextWriterEndDocument")
        xmlTextWriterEndElement = try library.function("xmlTextWriterEndElement")
        xmlTextWriterFlush = try library.function("xmlTextWriterFlush")
        xmlTextWriterSetIndent = try library.function("xmlTextWriterSetIndent")
        xmlTextWriterSetIndentString = try library.function("xmlTextWriterSetIndentString")
        xmlTextWriterStartDocument = try library.function("xmlTextWriterStartDocument")
        xmlTextWriterStartElement = try library.function("xmlTextWriterStartElement")
        xmlTextWriterWriteAttribute = try library.function("xmlTextWriterWriteAttribute")
        xmlTextWriterWriteString = try library.function("xmlTextWriterWriteString")
    }
}

// The functions, with the signatures Swift gives the C declarations.
@discardableResult public func xmlBufferContent(_ a0: UnsafePointer<xmlBuffer>!) -> UnsafePointer<xmlChar>! { LibXML2.functions.xmlBufferContent(a0) }
@discardableResult public func xmlBufferCreate() -> xmlBufferPtr! { LibXML2.functions.xmlBufferCreate() }
public func xmlBufferFree(_ a0: xmlBufferPtr!) { LibXML2.functions.xmlBufferFree(a0) }
@discardableResult public func xmlBufferLength(_ a0: UnsafePointer<xmlBuffer>!) -> Int32 { LibXML2.functions.xmlBufferLength(a0) }
public func xmlCheckVersion(_ a0: Int32) { LibXML2.functions.xmlCheckVersion(a0) }
@discardableResult public func xmlDocGetRootElement(_ a0: UnsafePointer<xmlDoc>!) -> xmlNodePtr! { LibXML2.functions.xmlDocGetRootElement(a0) }
public func xmlFreeDoc(_ a0: xmlDocPtr!) { LibXML2.functions.xmlFreeDoc(a0) }
public func xmlFreeTextWriter(_ a0: xmlTextWriterPtr!) { LibXML2.functions.xmlFreeTextWriter(a0) }
@discardableResult public func xmlGetLastError() -> xmlErrorPtr! { LibXML2.functions.xmlGetLastError() }
@discardableResult public func xmlNewDoc(_ a0: UnsafePointer<xmlChar>!) -> xmlDocPtr! { LibXML2.functions.xmlNewDoc(a0) }
@discardableResult public func xmlNewTextWriterMemory(_ a0: xmlBufferPtr!, _ a1: Int32) -> xmlTextWriterPtr! {
    LibXML2.functions.xmlNewTextWriterMemory(a0, a1)
}
@discardableResult public func xmlReadMemory(_ a0: UnsafePointer<CChar>!, _ a1: Int32, _ a2: UnsafePointer<CChar>!, _ a3: UnsafePointer<CChar>!, _ a4: Int32)
    -> xmlDocPtr!
{ LibXML2.functions.xmlReadMemory(a0, a1, a2, a3, a4) }
public func xmlResetLastError() { LibXML2.functions.xmlResetLastError() }
@discardableResult public func xmlTextWriterEndDocument(_ a0: xmlTextWriterPtr!) -> Int32 { LibXML2.functions.xmlTextWriterEndDocument(a0) }
@discardableResult public func xmlTextWriterEndElement(_ a0: xmlTextWriterPtr!) -> Int32 { LibXML2.functions.xmlTextWriterEndElement(a0) }
@discardableResult public func xmlTextWriterFlush(_ a0: xmlTextWriterPtr!) -> Int32 { LibXML2.functions.xmlTextWriterFlush(a0) }
@discardableResult public func xmlTextWriterSetIndent(_ a0: xmlTextWriterPtr!, _ a1: Int32) -> Int32 { LibXML2.functions.xmlTextWriterSetIndent(a0, a1) }
@discardableResult public func xmlTextWriterSetIndentString(_ a0: xmlTextWriterPtr!, _ a1: UnsafePointer<xmlChar>!) -> Int32 {
    LibXML2.functions.xmlTextWriterSetIndentString(a0, a1)
}
@discardableResult public func xmlTextWriterStartDocument(
    _ a0: xmlTextWriterPtr!, _ a1: UnsafePointer<CChar>!, _ a2: UnsafePointer<CChar>!, _ a3: UnsafePointer<CChar>!
) -> Int32 { LibXML2.functions.xmlTextWriterStartDocument(a0, a1, a2, a3) }
@discardableResult public func xmlTextWriterStartElement(_ a0: xmlTextWriterPtr!, _ a1: UnsafePointer<xmlChar>!) -> Int32 {
    LibXML2.functions.xmlTextWriterStartElement(a0, a1)
}
@discardableResult public func xmlTextWriterWriteAttribute(_ a0: xmlTextWriterPtr!, _ a1: UnsafePointer<xmlChar>!, _ a2: UnsafePointer<xmlChar>!) -> Int32 {
    LibXML2.functions.xmlTextWriterWriteAttribute(a0, a1, a2)
}
@discardableResult public func xmlTextWriterWriteString(_ a0: xmlTextWriterPtr!, _ a1: UnsafePointer<xmlChar>!) -> Int32 {
    LibXML2.functions.xmlTextWriterWriteString(a0, a1)
}
