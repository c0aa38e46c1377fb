// verify-bench: how fast many small signed envelopes verify, on one thread and on every core.
//
//   verify-bench [COUNT]    (default 100000)
//
// Prints envelopes per second for: raw Ed25519 verification of the same messages on one core (the
// libsodium baseline), the same with our prepared key (Ed25519PreparedKey), envelope signature checks
// (PAE + verify, prepared key) on one thread, and on all cores.
import AutoIDManifest
import AutoIDSigning
import Foundation

let count = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 100_000
let key = Ed25519PrivateKey()
var envelopes: [Envelope] = []
envelopes.reserveCapacity(count)
for index in 0..<count {
    let statement =
        #"{"_type":"https://in-toto.io/Statement/v1","subject":[{"name":"file-\#(index)","digest":{"sha256":"\#(String(repeating: "ab", count: 32))"}}],"predicateType":"urn:autoid:predicate:content:v0.1","predicate":{}}"#
    var envelope = Envelope(payloadType: "application/vnd.in-toto+json", payload: Array(statement.utf8))
    envelope.sign(with: key)
    envelopes.append(envelope)
}
let messages = envelopes.map(\.signedBytes)

func seconds(_ body: () -> Void) -> Double {
    let start = Date()
    body()
    return Date().timeIntervalSince(start)
}

func best(_ repeats: Int, _ body: () -> Void) -> Double {
    (0..<repeats).map { _ in seconds(body) }.min()!
}

let publicKey = key.publicKey
let raw = best(3) {
    for (envelope, message) in zip(envelopes, messages) where !publicKey.isValidSignature(envelope.signatures[0].signature, for: message) {
        fatalError("a signature failed")
    }
}
_ = Ed25519PreparedKey(publicKey)  // the base point's table, once per process
let preparing = best(5) { _ = Ed25519PreparedKey(publicKey) }
let prepared = Ed25519PreparedKey(publicKey)
let preparedRaw = best(3) {
    for (envelope, message) in zip(envelopes, messages) where !prepared.isValidSignature(envelope.signatures[0].signature, for: message) {
        fatalError("a signature failed")
    }
}
let one = best(3) { precondition(ContentVerifier.checkSignatures(envelopes, key: publicKey, threads: 1).allSatisfy { $0 != .invalid }) }
let cores = ProcessInfo.processInfo.activeProcessorCount
let all = best(3) { precondition(ContentVerifier.checkSignatures(envelopes, key: publicKey, threads: cores).allSatisfy { $0 != .invalid }) }
func rate(_ t: Double) -> String { String(format: "%9.0f /s", Double(count) / t) }
print("\(count) envelopes, best of 3")
print("libsodium verify, 1 core (baseline)  \(rate(raw))")
print(String(format: "preparing the key                    %9.0f us (%.1f libsodium checks)", preparing * 1e6, preparing / raw * Double(count)))
print("prepared key verify, 1 core         \(rate(preparedRaw))   \(String(format: "%.2f", raw / preparedRaw))x baseline")
print("envelopes, 1 thread                  \(rate(one))")
print("envelopes, \(cores) threads                 \(rate(all))   \(String(format: "%.2f", raw / all))x baseline")
