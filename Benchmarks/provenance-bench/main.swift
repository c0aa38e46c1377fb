// provenance-bench: makes a folder of two-party provenance envelopes in-process, fast, for
// Benchmarks/provenance-vs-minisign.sh to time the tools on (signing each with the CLI would take
// 20,000 process starts).
//
//   provenance-bench DIR COUNT
//
// Writes DIR/roots.pem (a newsroom and an AI lab), DIR/fN.txt (small files) and DIR/eN.dsse.json:
// each a provenance statement over fN.txt naming a human publisher and an AI editor, signed by both.
import AutoIDHashing
import AutoIDIdentity
import AutoIDManifest
import AutoIDProvenance
import AutoIDSigning
import Foundation

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count == 2, let count = Int(arguments.last!) else {
    FileHandle.standardError.write(Data("usage: provenance-bench DIR COUNT\n".utf8))
    exit(64)
}
let directory = arguments.first!
let now = Date()
let year = now.addingTimeInterval(365 * 86_400)
let newsroomKey = Ed25519PrivateKey()
let labKey = Ed25519PrivateKey()
let aliceKey = Ed25519PrivateKey()
let agentKey = Ed25519PrivateKey()
let newsroom = try AutoIDIssuer.issueRoot(
    subjectCommonName: "Bench Newsroom", kind: .organisation, key: newsroomKey, notValidBefore: now.addingTimeInterval(-60), notValidAfter: year)
let lab = try AutoIDIssuer.issueRoot(
    subjectCommonName: "Bench AI Lab", kind: .organisation, key: labKey, notValidBefore: now.addingTimeInterval(-60), notValidAfter: year)
let alice = try AutoIDIssuer.issueLeaf(
    issuer: newsroom, issuerKey: newsroomKey, subjectPublicKey: aliceKey.publicKey, subjectCommonName: "Bench Reporter", kind: .human,
    notValidBefore: now.addingTimeInterval(-60), notValidAfter: year)
let agent = try AutoIDIssuer.issueLeaf(
    issuer: lab, issuerKey: labKey, subjectPublicKey: agentKey.publicKey, subjectCommonName: "bench-agent", kind: .aiAgent,
    model: AIModelInfo(provider: "Bench AI Lab", modelName: "bench-model"), notValidBefore: now.addingTimeInterval(-60), notValidAfter: year)
try Data((newsroom.pemString + lab.pemString).utf8).write(to: URL(fileURLWithPath: directory + "/roots.pem"))

let parties = [
    try ProvenanceSigner.party(.init(chain: [alice, newsroom], role: "publisher", source: "alice")),
    try ProvenanceSigner.party(.init(chain: [agent, lab], role: "ai-editor", source: "agent")),
]
let created = ISO8601DateFormatter().string(from: now)
let sourceType = ProvenanceVocabulary.digitalSourceType("compositeWithTrainedAlgorithmicMedia")!
let predicate = ProvenancePredicate(
    created: created, tool: "provenance-bench", parties: parties,
    actions: [
        ProvenanceAction(action: "c2pa.published", party: 0, when: created),
        ProvenanceAction(
            action: "c2pa.edited", party: 1, when: created, digitalSourceType: sourceType,
            softwareAgent: .init(provider: "Bench AI Lab", model: "bench-model")),
    ],
    ingredients: [])
for index in 0..<count {
    let file = "f\(index).txt"
    try Data("small file \(index)\n".utf8).write(to: URL(fileURLWithPath: directory + "/" + file))
    var envelope = try ProvenanceSigner.sign(
        [ContentSigner.Input(name: file, source: .file(.init(directory + "/" + file)))], algorithms: HashAlgorithm.contentDefaults,
        predicate: predicate, key: aliceKey)
    envelope.sign(with: agentKey)
    try Data(envelope.jsonBytes()).write(to: URL(fileURLWithPath: directory + "/e\(index).dsse.json"))
}
print("\(count) two-party envelopes in \(directory)")
