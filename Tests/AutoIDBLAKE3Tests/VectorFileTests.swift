import Testing

@testable import AutoIDBLAKE3

/// The full official test-vector file (35 lengths; hash, keyed_hash, derive_key; 131-byte
/// extended outputs), for every kernel this CPU supports.
@Suite("Official test vectors")
struct VectorFileTests {
    @Test("all cases", arguments: TestKernel.allCases, Mode.allCases)
    func allCases(_ kernel: TestKernel, _ mode: Mode) throws {
        let vectors = try VectorFile.load()
        #expect(vectors.cases.count == 35)
        #expect(Array(vectors.key.utf8) == Mode.key)
        #expect(vectors.context_string == Mode.context)
        let impl = try kernel.impl()
        for testCase in vectors.cases {
            let expected: String
            switch mode {
            case .hash: expected = testCase.hash
            case .keyed: expected = testCase.keyed_hash
            case .deriveKey: expected = testCase.derive_key
            }
            let input = pattern(testCase.input_len)
            let outputLength = expected.utf8.count / 2
            var hasher = mode.hasher(impl)
            hasher.update(input)
            // Extended output, default output, and a short prefix.
            #expect(hex(hasher.finalize(outputByteCount: outputLength)) == expected, "len \(testCase.input_len)")
            #expect(hex(hasher.finalize()) == String(expected.prefix(64)), "len \(testCase.input_len)")
            #expect(hex(hasher.finalize(outputByteCount: 7)) == String(expected.prefix(14)))
            // One-shot and parallel paths (hash mode has them publicly; all share the tree code).
            let oneShot = input.withUnsafeBytes { mode.hasher(impl).oneShot($0, outputByteCount: outputLength) }
            #expect(hex(oneShot) == expected, "one-shot len \(testCase.input_len)")
            let parallel = input.withUnsafeBytes {
                mode.hasher(impl).parallelOneShot($0, threads: 2, outputByteCount: outputLength)
            }
            #expect(hex(parallel) == expected, "parallel len \(testCase.input_len)")
        }
    }

    /// Separate, so that "skipped" shows in the test output on CPUs without AVX-512.
    @Test(
        "AVX-512 kernel",
        .enabled(
            if: BLAKE3Kernel.avx512.isSupported,
            "this CPU has no AVX-512 (F+VL): the avx512 kernel is compiled but cannot run here"))
    func avx512() throws {
        for mode in Mode.allCases { try allCases(.avx512, mode) }
    }

    @Test("zero-length output")
    func zeroLengthOutput() {
        #expect(BLAKE3().finalize(outputByteCount: 0) == [])
    }
}
