import AutoIDBundle
import AutoIDHashing
import AutoIDVerdict
import Testing

/// The manifest round-trips, and every malformed manifest is refused with the JSON path at fault.
@Suite("Bundle manifest")
struct BundleManifestTests {
    static let b3 = String(repeating: "ab", count: 32), sha = String(repeating: "cd", count: 32)

    static func json(_ entries: String) -> [UInt8] {
        Array("{\"_type\":\"urn:autoid:bundle:v0.1\",\"entries\":[\(entries)]}".utf8)
    }

    static func entry(_ path: String, size: String = "3", b3: String = b3, sha: String = sha) -> String {
        "{\"path\":\"\(path)\",\"size\":\(size),\"digest\":{\"blake3\":\"\(b3)\",\"sha256\":\"\(sha)\"}}"
    }

    @Test func roundTrip() throws {
        let manifest = BundleManifest(entries: [
            .init(path: "envelopes/e.json", size: 10, digests: ["blake3": Self.b3, "sha256": Self.sha]),
            .init(path: "content/a", size: 0, digests: ["blake3": Self.b3, "sha256": Self.sha]),
        ])
        #expect(try BundleManifest(jsonBytes: manifest.jsonBytes(), source: "b", maximumEntries: 10) == manifest)
        #expect(manifest.jsonBytes().last == 0x0a)
    }

    @Test(
        "malformed manifests name what is wrong",
        arguments: [
            ("{", "$:"), ("{\"_type\":\"x\",\"entries\":[]}", "$._type"), ("{\"_type\":\"urn:autoid:bundle:v0.1\"}", "$.entries"),
            (String(decoding: json(entry("/abs")), as: UTF8.self), "$.entries[0].path: an absolute name"),
            (String(decoding: json(entry("content/../x")), as: UTF8.self), "$.entries[0].path: a '..' component"),
            (String(decoding: json(entry("elsewhere/x")), as: UTF8.self), "outside the bundle layout"),
            (String(decoding: json(entry("content/a") + "," + entry("content/a")), as: UTF8.self), "$.entries[1].path: 'content/a' is listed twice"),
            (String(decoding: json(entry("content/a", size: "-1")), as: UTF8.self), "$.entries[0].size"),
            (String(decoding: json(entry("content/a", size: "1.5")), as: UTF8.self), "$.entries[0].size"),
            (String(decoding: json(entry("content/a", b3: "abc")), as: UTF8.self), "$.entries[0].digest.blake3"),
            (String(decoding: json(entry("content/a", sha: String(repeating: "zz", count: 32))), as: UTF8.self), "$.entries[0].digest.sha256"),
        ])
    func malformed(_ text: String, _ expected: String) {
        do {
            _ = try BundleManifest(jsonBytes: Array(text.utf8), source: "b.tar", maximumEntries: 10)
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.exitStatus == .malformedInput)
            #expect(error.description.contains(expected), "\(error)")
            #expect(error.description.hasPrefix("b.tar: entry 'autoid-bundle.json': "))
        }
    }

    @Test func tooManyEntries() {
        let text = Self.json((0..<5).map { Self.entry("content/\($0)") }.joined(separator: ","))
        #expect(throws: BundleError.self) { try BundleManifest(jsonBytes: text, source: "b", maximumEntries: 4) }
    }
}
