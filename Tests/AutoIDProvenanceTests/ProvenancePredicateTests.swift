import AutoIDIdentity
import AutoIDJSON
import AutoIDManifest
import AutoIDProvenance
import AutoIDSigning
import AutoIDTestSupport
import AutoIDVerdict
import Foundation
import Testing

/// The provenance predicate read strictly: every refusal names the JSON path.
@Suite("Provenance predicate")
struct ProvenancePredicateTests {
    static let sourceType = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"

    static func party(_ name: String = "agent", role: String = "ai-generator", certificate: [UInt8] = [1, 2, 3]) -> ProvenanceParty {
        ProvenanceParty(identifier: String(repeating: "ab", count: 32), name: name, kind: "ai-agent", role: role, certificates: [certificate])
    }

    static func predicate(
        parties: [ProvenanceParty] = [party()],
        actions: [ProvenanceAction] = [ProvenanceAction(action: "c2pa.created", party: 0, when: "2026-12-01T00:00:00Z", digitalSourceType: sourceType)],
        ingredients: [ProvenanceIngredient] = []
    ) -> ProvenancePredicate {
        ProvenancePredicate(created: "2026-12-01T00:00:00Z", tool: "test", parties: parties, actions: actions, ingredients: ingredients)
    }

    /// Decodes `json`, expecting a refusal at `location`.
    func refused(_ json: JSONValue, at location: String, _ comment: Comment? = nil) {
        do {
            _ = try ProvenancePredicate(json: json, source: "e.json", path: "payload.predicate")
            Issue.record("accepted; expected a refusal at \(location)")
        } catch {
            #expect(error.location == location, comment)
            #expect(error.exitStatus == .malformedInput)
        }
    }

    @Test func namesInOneScriptEachAreFine() throws {
        for name in ["Алиса Петрова", "Ελένη", "José Müller-Łukasz", "李明", "Alice (Алиса)", "R2-D2"] {
            var party = Self.party(name)
            party.name = name
            #expect(throws: Never.self) { try ProvenancePredicate(json: Self.predicate(parties: [party]).json, source: "e", path: "p") }
        }
    }

    /// Hex fields are checked byte by byte: ASCII hex digits only, an even count, the expected length;
    /// upper case is read as lower case.
    @Test func hexFieldsTakeASCIIHexDigitsOnly() throws {
        var upper = Self.party()
        upper.identifier = String(repeating: "AB", count: 32)
        let decoded = try ProvenancePredicate(json: Self.predicate(parties: [upper]).json, source: "e", path: "p")
        #expect(decoded.parties[0].identifier == String(repeating: "ab", count: 32))
        for bad in [String(repeating: "a", count: 63), String(repeating: "\u{0660}", count: 64), String(repeating: "ag", count: 32), "", "ab"] {
            var party = Self.party()
            party.identifier = bad
            refused(Self.predicate(parties: [party]).json, at: "payload.predicate.parties[0].id", "\(bad.debugDescription)")
        }
    }

    @Test func roundTripsThroughJSON() throws {
        let original = Self.predicate(ingredients: [
            ProvenanceIngredient(relationship: "parentOf", envelopeSHA256: String(repeating: "0", count: 64), name: "draft.dsse.json"),
            ProvenanceIngredient(relationship: "inputTo", envelopeSHA256: nil, contentDigests: ["sha256": String(repeating: "1", count: 64)]),
        ])
        let bytes = original.json.jsonBytes()
        let decoded = try ProvenancePredicate(json: try JSONParser.parse(bytes), source: "e", path: "p")
        #expect(decoded == original)
        let statement = Statement(
            subjects: [.init(name: "a", digests: ["sha256": String(repeating: "2", count: 64)])], predicateType: ProvenancePredicate.type,
            predicate: original.json)
        let registry = PredicateRegistry.builtIn.adding([ProvenancePredicate.self])
        #expect(try registry.decode(statement, source: "e").as(ProvenancePredicate.self) == original)
    }

    @Test func refusesWhatWouldMisleadAVerifier() throws {
        let good = Self.predicate().json
        func with(_ change: (inout [String: JSONValue]) -> Void) -> JSONValue {
            var object = good.objectValue!
            change(&object)
            return .object(object)
        }
        func party(_ change: @escaping (inout [String: JSONValue]) -> Void) -> JSONValue {
            with { object in
                var first = object["parties"]!.arrayValue![0].objectValue!
                change(&first)
                object["parties"] = .array([.object(first)])
            }
        }
        refused(with { $0["parties"] = .array([]) }, at: "payload.predicate.parties")
        refused(with { $0["parties"] = .array(Array(repeating: Self.party().json, count: 65)) }, at: "payload.predicate.parties")
        refused(party { $0["name"] = .string("agent\u{202e}txt") }, at: "payload.predicate.parties[0].name", "a bidi override")
        refused(party { $0["name"] = .string("agent\nOK") }, at: "payload.predicate.parties[0].name", "a newline")
        refused(party { $0["name"] = .string("\u{410}lice Example") }, at: "payload.predicate.parties[0].name", "a Cyrillic A in a Latin name")
        refused(party { $0["name"] = .string("Bob Ex\u{3b1}mple") }, at: "payload.predicate.parties[0].name", "a Greek alpha in a Latin name")
        refused(party { $0["name"] = .string("\u{ff21}lice") }, at: "payload.predicate.parties[0].name", "fullwidth letters")
        refused(party { $0["name"] = .string(String(repeating: "x", count: 1025)) }, at: "payload.predicate.parties[0].name")
        refused(party { $0["role"] = .string("boss") }, at: "payload.predicate.parties[0].role")
        refused(party { $0["kind"] = .string("robot") }, at: "payload.predicate.parties[0].kind")
        refused(party { $0["id"] = .string("xyz") }, at: "payload.predicate.parties[0].id")
        refused(party { $0["certificates"] = .array([]) }, at: "payload.predicate.parties[0].certificates")
        refused(party { $0["certificates"] = .array([.string("not base64!")]) }, at: "payload.predicate.parties[0].certificates[0]")
        refused(
            with { $0["parties"] = .array([Self.party().json, Self.party("twin").json]) }, at: "payload.predicate.parties[1]", "the same certificate twice")
        refused(with { $0["created"] = .string("yesterday") }, at: "payload.predicate.created")
        refused(with { $0["tool"] = nil }, at: "payload.predicate.tool")
        refused(
            Self.predicate(actions: [ProvenanceAction(action: "c2pa.created", party: 0, when: "2026-12-01T00:00:00Z")]).json,
            at: "payload.predicate.actions[0].digitalSourceType")
        refused(
            Self.predicate(actions: [ProvenanceAction(action: "c2pa.edited", party: 1, when: "2026-12-01T00:00:00Z")]).json,
            at: "payload.predicate.actions[0].party")
        refused(
            Self.predicate(actions: [ProvenanceAction(action: "made.up", party: 0, when: "2026-12-01T00:00:00Z")]).json,
            at: "payload.predicate.actions[0].action")
        refused(
            Self.predicate(actions: [
                ProvenanceAction(action: "c2pa.edited", party: 0, when: "2026-12-01T00:00:00Z", digitalSourceType: "trainedAlgorithmicMedia")
            ]).json,
            at: "payload.predicate.actions[0].digitalSourceType", "a bare term instead of the IPTC URI")
        let parent = ProvenanceIngredient(relationship: "parentOf", envelopeSHA256: String(repeating: "0", count: 64))
        refused(Self.predicate(ingredients: [parent, parent]).json, at: "payload.predicate.ingredients[1].relationship", "two parentOf")
        refused(Self.predicate(ingredients: [ProvenanceIngredient(relationship: "parentOf", envelopeSHA256: nil)]).json, at: "payload.predicate.ingredients[0]")
        refused(
            Self.predicate(ingredients: [ProvenanceIngredient(relationship: "siblingOf", envelopeSHA256: String(repeating: "0", count: 64))]).json,
            at: "payload.predicate.ingredients[0].relationship")
        refused(.array([]), at: "payload.predicate")
    }

    @Test func randomAndTruncatedPredicatesNeverCrash() throws {
        var random = TestRandom(seed: 7)
        let bytes = Self.predicate(ingredients: [ProvenanceIngredient(relationship: "componentOf", envelopeSHA256: String(repeating: "0", count: 64))]).json
            .jsonBytes()
        for cut in stride(from: 0, to: bytes.count, by: 7) {
            if let value = try? JSONParser.parse(Array(bytes[..<cut])) {
                _ = try? ProvenancePredicate(json: value, source: "e", path: "p")
            }
        }
        for _ in 0..<500 {
            var mutated = bytes
            for _ in 0..<4 { mutated[Int(random.next() % UInt64(mutated.count))] = UInt8(truncatingIfNeeded: random.next()) }
            if let value = try? JSONParser.parse(mutated) {
                _ = try? ProvenancePredicate(json: value, source: "e", path: "p")
            }
        }
    }
}

extension ProvenanceParty {
    var json: JSONValue {
        .object([
            "id": .string(identifier), "name": .string(name), "kind": .string(kind), "role": .string(role),
            "certificates": .array(certificates.map { .string(Data($0).base64EncodedString()) }),
        ])
    }
}
