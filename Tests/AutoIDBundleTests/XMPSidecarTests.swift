import AutoIDBundle
import AutoIDHashing
import AutoIDVerdict
import Testing

/// Sidecars written and read back, both property forms, and what the parser refuses.
@Suite("XMP sidecars")
struct XMPSidecarTests {
    static let sidecar = XMPSidecar(
        manifestLocation: XMPSidecar.uriReference(forPath: "my manifest&<x>.json"),
        mediaDigests: [.sha256: String(repeating: "1", count: 64), .blake3: String(repeating: "2", count: 64)],
        manifestDigests: [.sha256: String(repeating: "3", count: 64)])

    @Test func roundTrip() throws {
        let bytes = Self.sidecar.xmlBytes()
        #expect(try XMPSidecar(xmlBytes: bytes, source: "s.xmp") == Self.sidecar)
        #expect(Self.sidecar.manifestLocation == "my%20manifest%26%3Cx%3E.json")
        #expect(Self.sidecar.manifestPath(sidecarDirectory: "dir") == "dir/my manifest&<x>.json")
        #expect(
            XMPSidecar(manifestLocation: "https://example.org/m.json", mediaDigests: [:], manifestDigests: [:])
                .manifestPath(sidecarDirectory: "d") == nil)
        #expect(
            XMPSidecar(manifestLocation: "file:///tmp/a%20b.json", mediaDigests: [:], manifestDigests: [:])
                .manifestPath(sidecarDirectory: "d") == "/tmp/a b.json")
    }

    @Test("properties as child elements, without the x:xmpmeta wrapper")
    func elementForm() throws {
        let text = """
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
              <rdf:Description rdf:about="" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:autoid="urn:autoid:xmp:0.1#">
                <dcterms:provenance> m.json </dcterms:provenance>
                <autoid:mediaSHA256>\(String(repeating: "AB", count: 32))</autoid:mediaSHA256>
              </rdf:Description>
            </rdf:RDF>
            """
        let parsed = try XMPSidecar(xmlBytes: Array(text.utf8), source: "s.xmp")
        #expect(parsed.manifestLocation == "m.json")
        #expect(parsed.mediaDigests == [.sha256: String(repeating: "ab", count: 32)])
    }

    @Test(
        "refused or malformed sidecars",
        arguments: [
            ("<!DOCTYPE x><x/>", "refused: a DOCTYPE declaration"),
            ("<x><!ENTITY e \"v\"></x>", "refused: a ENTITY declaration"),
            ("<?xml version=\"1.0\"?>\n<a:b xmlns:a=\"urn:x\"/>", "not x:xmpmeta or rdf:RDF"),
            ("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/>", "no dcterms:provenance"),
            ("<a><b></a>", "not well-formed XML"),
            ("\u{0}<a/>", "a NUL byte"),
        ])
    func refused(_ text: String, _ expected: String) {
        do {
            _ = try XMPSidecar(xmlBytes: Array(text.utf8), source: "s.xmp")
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.exitStatus == .malformedInput)
            #expect(error.description.contains(expected), "\(error)")
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func conflictingAndBadDigests() {
        let twice = """
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
              <rdf:Description xmlns:dcterms="http://purl.org/dc/terms/" dcterms:provenance="a"/>
              <rdf:Description xmlns:dcterms="http://purl.org/dc/terms/" dcterms:provenance="b"/>
            </rdf:RDF>
            """
        #expect(throws: BundleError.self) { try XMPSidecar(xmlBytes: Array(twice.utf8), source: "s") }
        let short = """
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
              <rdf:Description xmlns:dcterms="http://purl.org/dc/terms/" xmlns:autoid="urn:autoid:xmp:0.1#"
                dcterms:provenance="a" autoid:mediaSHA256="abcd"/>
            </rdf:RDF>
            """
        #expect(throws: BundleError.self) { try XMPSidecar(xmlBytes: Array(short.utf8), source: "s") }
    }
}
