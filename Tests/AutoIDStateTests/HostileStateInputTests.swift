import AutoIDTestSupport
import Testing

@testable import AutoIDState

/// State inputs that used to crash or print internals (issue 12).
@Suite("Hostile state inputs")
struct HostileStateInputTests {
    func snapshot(keyBytes: Int) -> [UInt8] {
        Array("{\"0x\(String(repeating: "ab", count: keyBytes))\": \"0x01\", \"0x01\": \"0x02\"}".utf8)
    }

    @Test(arguments: [TrieConstants.maxKeyBytes + 1, 40_000, 70_000])
    func keysTooLongForATrieAreRefusedAtParse(keyBytes: Int) {
        let error = #expect(throws: StateError.self) { try StateSnapshot(jsonBytes: snapshot(keyBytes: keyBytes), source: "s.json") }
        #expect(error?.description.hasPrefix("s.json: a storage key is \(keyBytes) bytes") == true)
        #expect(error?.exitStatus == .malformedInput)
    }

    @Test func theLongestKeyATrieHoldsStillHashes() throws {
        let parsed = try StateSnapshot(jsonBytes: snapshot(keyBytes: TrieConstants.maxKeyBytes), source: "s.json")
        for version in [StateVersion.v0, .v1] {
            #expect(try parsed.stateRoot(version: version) == Trie.root(of: parsed.top, version: version, threads: 1))
        }
    }

    @Test func stateRootsRefuseLongKeysInsteadOfTrapping() {
        let long = [UInt8](repeating: 1, count: TrieConstants.maxKeyBytes + 1)
        #expect(throws: StateError.self) { try StateRoot.compute(top: [(long, [1])], children: [], version: .v1) }
        #expect(throws: StateError.self) {
            try StateRoot.compute(top: [], children: [.init(storageKey: [1], pairs: [(long, [1])])], version: .v1)
        }
        // A child storage key that, with its prefix, no longer fits the top trie.
        #expect(throws: StateError.self) {
            try StateRoot.compute(top: [], children: [.init(storageKey: long, pairs: [([1], [1])])], version: .v1)
        }
    }

    @Test func errorDescriptionsDoNotShowTheirKind() {
        let error = StateError(.truncatedInput, "LEB128 number runs past the end", offset: 7, hint: "the wasm blob is truncated")
        #expect(error.description == "LEB128 number runs past the end (at byte offset 7). the wasm blob is truncated")
        #expect(StateError(.invalidInput, "no lines", hint: "").description == "no lines")
    }
}
