import AutoIDFiles
import AutoIDHashing
import AutoIDJSON
import AutoIDSigning
import AutoIDTestSupport
import Testing

@testable import AutoIDManifest

@Suite("DSSE envelopes")
struct EnvelopeTests {
    /// The example from the DSSE protocol specification.
    @Test func preAuthenticationEncodingKnownAnswer() {
        let pae = Envelope.preAuthenticationEncoding(payloadType: "http://example.com/HelloWorld", payload: Array("hello world".utf8))
        #expect(String(decoding: pae, as: UTF8.self) == "DSSEv1 29 http://example.com/HelloWorld 11 hello world")
    }

    @Test func base64KnownAnswersAndStrictness() {
        // RFC 4648 section 10.
        let cases = ["": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=", "foobar": "Zm9vYmFy"]
        for (plain, encoded) in cases {
            #expect(Base64.encode(Array(plain.utf8)) == encoded)
            #expect(Base64.decode(encoded) == Array(plain.utf8))
        }
        #expect(Base64.decode("Zm9vYg") == Array("foob".utf8))  // unpadded
        #expect(Base64.decode("-_8=") == [0xfb, 0xff])  // URL-safe
        #expect(Base64.decode("Zm9v\nYg==") == nil)
        #expect(Base64.decode("Zh==") == nil)  // non-zero trailing bits
        #expect(Base64.decode("Z") == nil)
        #expect(Base64.decode("Zm9v!") == nil)
        var random = TestRandom(seed: 5)
        for size in 0..<70 {
            let bytes = random.bytes(size)
            #expect(Base64.decode(Base64.encode(bytes)) == bytes)
        }
    }

    @Test func jsonRoundTrip() throws {
        let key = Ed25519PrivateKey()
        var envelope = Envelope(payloadType: "text/plain", payload: Array("hi".utf8))
        envelope.sign(with: key)
        envelope.sign(with: Ed25519PrivateKey())
        let parsed = try Envelope(jsonBytes: envelope.jsonBytes(), source: "e")
        #expect(parsed == envelope)
        #expect(parsed.signatures.count == 2)
    }

    @Test(arguments: [
        ("", "the file is empty"),
        ("{\"payload\":", "unexpected end of input"),
        ("[]", "expected a JSON object"),
        ("{}", "$.payloadType: missing"),
        ("{\"payloadType\":1,\"payload\":\"\",\"signatures\":[]}", "$.payloadType: expected a string"),
        ("{\"payloadType\":\"t\",\"payload\":\"!!\",\"signatures\":[]}", "$.payload: not valid base64"),
        ("{\"payloadType\":\"t\",\"payload\":\"\",\"signatures\":{}}", "$.signatures: missing or not a list"),
        ("{\"payloadType\":\"t\",\"payload\":\"\",\"signatures\":[]}", "not signed"),
        ("{\"payloadType\":\"t\",\"payload\":\"\",\"signatures\":[{\"sig\":\"@@\"}]}", "$.signatures[0].sig: not valid base64"),
        ("{\"payloadType\":\"t\",\"payload\":\"\",\"signatures\":[{\"keyid\":5,\"sig\":\"\"}]}", "$.signatures[0].keyid: expected a string"),
    ])
    func malformedEnvelopesSayWhatIsWrong(text: String, expected: String) {
        do {
            _ = try Envelope(jsonBytes: Array(text.utf8), source: "env.json")
            Issue.record("accepted \(text)")
        } catch let error as ManifestError {
            #expect(error.description.contains(expected), "\(error)")
            #expect(error.description.hasPrefix("env.json: "))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func randomAndTruncatedInputNeverCrashes() throws {
        var envelope = Envelope(payloadType: Statement.payloadType, payload: Array("{\"a\":1}".utf8))
        envelope.sign(with: Ed25519PrivateKey())
        let good = envelope.jsonBytes()
        for cut in 0..<good.count - 2 {
            #expect(throws: ManifestError.self) { try Envelope(jsonBytes: Array(good.prefix(cut)), source: "e") }
        }
        var random = TestRandom(seed: 1)
        for size in [1, 2, 10, 100, 10_000] {
            for _ in 0..<20 { _ = try? Envelope(jsonBytes: random.bytes(size), source: "e") }
        }
        // Deep nesting must not blow the stack.
        let deep = Array(String(repeating: "[", count: 100_000).utf8)
        #expect(throws: ManifestError.self) { try Envelope(jsonBytes: deep, source: "e") }
    }
}
