import AutoIDHashing
import AutoIDState
import AutoIDTestSupport
import Foundation
import Testing

/// The w3f/polkadot-tests state-trie fixtures, found next to the package at
/// `../shared/vectors/substrate/state-trie` (works both here and in the main project).
enum StateTrieFixtures {
    static let directory: URL = PackagePaths.sharedVectors.appendingPathComponent("substrate/state-trie")

    static var available: Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent("expected-roots.json").path)
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let file: String
        let keysInHex: Bool
        let pairs: Int
        let v0: String
        let v1: String
        var testDescription: String { "\(file) (\(keysInHex ? "hex keys" : "text keys"))" }
    }

    static var cases: [Case] {
        guard available,
            let data = try? Data(contentsOf: directory.appendingPathComponent("expected-roots.json")),
            let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [] }
        var out: [Case] = []
        for (mode, hexKeys) in [("text-keys", false), ("keys-in-hex", true)] {
            guard let group = json[mode] as? [String: Any] else { continue }
            for file in group.keys.sorted() {
                guard let e = group[file] as? [String: Any],
                    let v0 = e["layoutV0"] as? String, let v1 = e["layoutV1"] as? String,
                    let n = e["pairs"] as? Int
                else { continue }
                out.append(Case(file: file, keysInHex: hexKeys, pairs: n, v0: v0, v1: v1))
            }
        }
        return out
    }

    /// Minimal reader for the fixture format: a `keys:` list and a `values:` list of plain
    /// scalars (`  - item`). Plain YAML scalars lose trailing spaces, so items are trimmed.
    static func load(_ c: Case) throws -> [([UInt8], [UInt8])] {
        let text = try String(contentsOf: directory.appendingPathComponent(c.file), encoding: .utf8)
        var keys: [String] = []
        var values: [String] = []
        var section = ""
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if line == "keys:" {
                section = "keys"
                continue
            }
            if line == "values:" {
                section = "values"
                continue
            }
            guard line.hasPrefix("  - ") else { throw FixtureError.unexpectedLine(c.file, line) }
            let item = String(line.dropFirst(4)).trimmingCharacters(in: .whitespaces)
            if section == "keys" {
                keys.append(item)
            } else if section == "values" {
                values.append(item)
            } else {
                throw FixtureError.unexpectedLine(c.file, line)
            }
        }
        guard keys.count == values.count else { throw FixtureError.countMismatch(c.file, keys.count, values.count) }
        return try zip(keys, values).map { k, v in
            let kb: [UInt8]
            if c.keysInHex {
                guard let b = Hex.decode(k) else { throw FixtureError.badHex(c.file, k) }
                kb = b
            } else {
                kb = Array(k.utf8)
            }
            return (kb, Array(v.utf8))
        }
    }

    enum FixtureError: Error {
        case unexpectedLine(String, String)
        case countMismatch(String, Int, Int)
        case badHex(String, String)
    }
}

@Suite("w3f state-trie fixtures")
struct FixtureTests {
    @Test("fixture directory is present (otherwise the fixture tests are skipped)")
    func presence() {
        if !StateTrieFixtures.available {
            print("note: state-trie fixtures not found at \(StateTrieFixtures.directory.path); fixture root tests skipped")
        }
    }

    @Test(
        "roots match expected-roots.json for LayoutV0 and LayoutV1",
        .enabled(if: StateTrieFixtures.available, "fixtures not found at ../shared/vectors/substrate/state-trie"),
        arguments: StateTrieFixtures.cases)
    func roots(c: StateTrieFixtures.Case) throws {
        let pairs = try StateTrieFixtures.load(c)
        #expect(pairs.count == c.pairs)
        #expect(Trie.root(of: pairs, version: .v0).hex == c.v0)
        #expect(Trie.root(of: pairs, version: .v1).hex == c.v1)
        // The reference implementation agrees (skip the large one: it is slow by design).
        if pairs.count <= 100 {
            #expect(ReferenceTrie.root(pairs, version: .v0).hex == c.v0)
            #expect(ReferenceTrie.root(pairs, version: .v1).hex == c.v1)
        }
    }

    @Test("every fixture is covered", .enabled(if: StateTrieFixtures.available, "fixtures not found"))
    func coverage() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: StateTrieFixtures.directory.path)
            .filter { $0.hasSuffix(".yaml") }
        let covered = Set(StateTrieFixtures.cases.map(\.file))
        for f in files { #expect(covered.contains(f), "fixture \(f) has no expected root") }
        #expect(StateTrieFixtures.cases.count >= 11)
    }
}
