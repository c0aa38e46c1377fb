import Testing

@testable import AutoIDBLAKE3

/// A few values from the official test vectors, typed in (first 32 bytes; input = i % 251).
@Suite("Known answers")
struct KnownAnswerTests {
    struct Answer: Sendable, CustomTestStringConvertible {
        let length: Int
        let hash: String
        let keyed: String
        let deriveKey: String
        var testDescription: String { "len \(length)" }
    }

    static let answers: [Answer] = [
        Answer(
            length: 0,
            hash: "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262",
            keyed: "92b2b75604ed3c761f9d6f62392c8a9227ad0ea3f09573e783f1498a4ed60d26",
            deriveKey: "2cc39783c223154fea8dfb7c1b1660f2ac2dcbd1c1de8277b0b0dd39b7e50d7d"),
        Answer(
            length: 1,
            hash: "2d3adedff11b61f14c886e35afa036736dcd87a74d27b5c1510225d0f592e213",
            keyed: "6d7878dfff2f485635d39013278ae14f1454b8c0a3a2d34bc1ab38228a80c95b",
            deriveKey: "b3e2e340a117a499c6cf2398a19ee0d29cca2bb7404c73063382693bf66cb06c"),
        Answer(
            length: 1023,
            hash: "10108970eeda3eb932baac1428c7a2163b0e924c9a9e25b35bba72b28f70bd11",
            keyed: "c951ecdf03288d0fcc96ee3413563d8a6d3589547f2c2fb36d9786470f1b9d6e",
            deriveKey: "74a16c1c3d44368a86e1ca6df64be6a2f64cce8f09220787450722d85725dea5"),
        Answer(
            length: 1024,
            hash: "42214739f095a406f3fc83deb889744ac00df831c10daa55189b5d121c855af7",
            keyed: "75c46f6f3d9eb4f55ecaaee480db732e6c2105546f1e675003687c31719c7ba4",
            deriveKey: "7356cd7720d5b66b6d0697eb3177d9f8d73a4a5c5e968896eb6a689684302706"),
        Answer(
            length: 1025,
            hash: "d00278ae47eb27b34faecf67b4fe263f82d5412916c1ffd97c8cb7fb814b8444",
            keyed: "357dc55de0c7e382c900fd6e320acc04146be01db6a8ce7210b7189bd664ea69",
            deriveKey: "effaa245f065fbf82ac186839a249707c3bddf6d3fdda22d1b95a3c970379bcb"),
        Answer(
            length: 8193,
            hash: "bab6c09cb8ce8cf459261398d2e7aef35700bf488116ceb94a36d0f5f1b7bc3b",
            keyed: "954a2a75420c8d6547e3ba5b98d963e6fa6491addc8c023189cc519821b4a1f5",
            deriveKey: "af1e0346e389b17c23200270a64aa4e1ead98c61695d917de7d5b00491c9b0f1"),
        Answer(
            length: 102400,
            hash: "bc3e3d41a1146b069abffad3c0d44860cf664390afce4d9661f7902e7943e085",
            keyed: "1c35d1a5811083fd7119f5d5d1ba027b4d01c0c6c49fb6ff2cf75393ea5db4a7",
            deriveKey: "4652cff7a3f385a6103b5c260fc1593e13c778dbe608efb092fe7ee69df6e9c6"),
    ]

    /// Beyond the official vectors (which end at 100 chunks): inputs of whole chunks past the tree's
    /// 512-chunk batches, whose root is a parent of chunks hashed side by side; made by b3sum
    /// (scripts/blake3-long-vectors.sh), so they hold without b3sum at test time.
    static let longAnswers: [Answer] = [
        Answer(
            length: 525312,
            hash: "f823322187ef819f8570eb056dbab5039e0c4d94d48de979e9ed8898065e56ad",
            keyed: "d2e953dcfcea2274bc0b87165c70700b3f3907dd4df1129c191701d21c0717bd",
            deriveKey: "3c588da9dc0b9ae5d193cf672105703e2680952a04f098dcf105fc932a8ab386"),
        Answer(
            length: 1048576,
            hash: "74cb441fd087764ca9c3694da742ebe30cbeb3060a17009ca81825c7a8d10343",
            keyed: "59b889b0821111fc4c249dc98b5435b767b44fb881542c61a85c1bebbffb2906",
            deriveKey: "8e1484f3996130ebdfd55a93b734f485e1590f3adbf57ffa02d2ae9207bf0293"),
        Answer(
            length: 1310720,
            hash: "6ca4eb1afb60aacbd54aa737adc545f5ebfbf80edbde1189bbaea579268b07d9",
            keyed: "7829dcbe71ba7b8f1708ef8d1b55f31c7af696fbb1db37648a604ea704131612",
            deriveKey: "3bfca9d6b94d0970ec034b7766417870a7ad5ddb9e2c920b635a7f393e8666a1"),
        Answer(
            length: 2097152,
            hash: "96fbba37478c16b7614c890b26832f67b541cf14e69ab8ebf0c739818588c9f1",
            keyed: "c1ffae646d405b8d127381768250711617ffd37c85d663aee7dd943769f50767",
            deriveKey: "a53f288ab36103e3c6fb03207ea458fe31ebca16bde743547d924732fa317c19"),
        Answer(
            length: 2098176,
            hash: "9fa22e1f0f1cdf5b8523d388b65eaa0d18b071c539b91af24ed36518539e58aa",
            keyed: "b86cbabed2e176272d6f233325c030fc9c2ed02faa02665d0da75c1d382a7eef",
            deriveKey: "9285e46950ce6b5ffe234c4b95a6c6553a963109ac08c0f0cb0652be89f321cb"),
    ]

    @Test("whole chunks past a batch: every kernel, every mode, one shot, two threads, a prefix", arguments: TestKernel.allCases, longAnswers)
    func longInputs(_ kernel: TestKernel, _ answer: Answer) throws {
        let impl = try kernel.impl()
        let input = pattern(answer.length)
        for (mode, expected) in [(Mode.hash, answer.hash), (.keyed, answer.keyed), (.deriveKey, answer.deriveKey)] {
            var hasher = mode.hasher(impl)
            hasher.update(input)
            #expect(hex(hasher.finalize()) == expected, "\(mode), streamed")
        }
        input.withUnsafeBytes { bytes in
            #expect(hex(BLAKE3(impl: impl).oneShot(bytes, outputByteCount: 32)) == answer.hash, "one shot")
            #expect(hex(BLAKE3(impl: impl).parallelOneShot(bytes, threads: 2, outputByteCount: 32)) == answer.hash, "two threads")
            let prefixed = BLAKE3.hash(
                prefix: UnsafeRawBufferPointer(rebasing: bytes[..<5]), body: UnsafeRawBufferPointer(rebasing: bytes[5...]),
                impl: impl)
            #expect(hex(prefixed) == answer.hash, "prefix and body")
        }
    }

    @Test("public API, default kernel", arguments: answers)
    func publicAPI(_ answer: Answer) {
        let input = pattern(answer.length)
        #expect(hex(BLAKE3.hash(input)) == answer.hash)
        var keyed = BLAKE3(key: Mode.key)
        keyed.update(input)
        #expect(hex(keyed.finalize()) == answer.keyed)
        var derive = BLAKE3(deriveKeyContext: Mode.context)
        derive.update(input)
        #expect(hex(derive.finalize()) == answer.deriveKey)
        var streaming = BLAKE3()
        streaming.update(input)
        #expect(hex(streaming.finalize()) == answer.hash)
        #expect(streaming.finalize().count == BLAKE3.outputByteCount)
    }

    @Test("every kernel", arguments: TestKernel.allCases, answers)
    func everyKernel(_ kernel: TestKernel, _ answer: Answer) throws {
        let impl = try kernel.impl()
        let input = pattern(answer.length)
        for (mode, expected) in [(Mode.hash, answer.hash), (.keyed, answer.keyed), (.deriveKey, answer.deriveKey)] {
            var hasher = mode.hasher(impl)
            hasher.update(input)
            #expect(hex(hasher.finalize()) == expected, "\(mode)")
        }
    }
}
