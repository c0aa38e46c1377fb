import CArchive
import CLibXML2
import Testing

/// The C libraries the later tools build on link and load (their own version checks pass).
@Suite("System libraries")
struct SystemLibraryTests {
    @Test func libarchiveLinks() {
        #expect(archive_version_number() >= 3_000_000)
    }

    @Test func libxml2Links() {
        xmlCheckVersion(20900)
        let document = xmlNewDoc("1.0")
        #expect(document != nil)
        xmlFreeDoc(document)
    }
}
