import AutoIDTestSupport
import Foundation
import Testing
@testable import AutoIDBLAKE3

/// Every implementation the tests run: the four public kernels plus the generic 16/8/4-lane
/// kernel compiled for the baseline CPU (same source as the AVX-512 kernel, runs everywhere).
enum TestKernel: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case portable, sse41, avx2, avx512, genericBaseline

    var testDescription: String { rawValue }

    var isSupported: Bool {
        switch self {
        case .genericBaseline: true
        default: BLAKE3Kernel(rawValue: rawValue)!.isSupported
        }
    }

    /// The implementation; cancels (skips) the current test case with a message if this CPU
    /// cannot run the kernel.
    func impl() throws -> KernelImpl {
        guard isSupported else {
            print("SKIPPED: kernel \(rawValue) is not supported by this CPU (compiled, never executed)")
            try Test.cancel("kernel \(rawValue) is not supported by this CPU (it is compiled, never executed); skipped")
        }
        switch self {
        case .genericBaseline: return .genericBaseline
        default: return KernelImpl(BLAKE3Kernel(rawValue: rawValue)!)
        }
    }
}

enum Mode: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case hash, keyed, deriveKey
    var testDescription: String { rawValue }

    static let key = Array("whats the Elvish word for friend".utf8)
    static let context = "BLAKE3 2019-12-27 16:29:52 test vectors context"

    func hasher(_ impl: KernelImpl) -> BLAKE3 {
        switch self {
        case .hash: BLAKE3(impl: impl)
        case .keyed: BLAKE3(key: Mode.key, impl: impl)
        case .deriveKey: BLAKE3(deriveKeyContext: Mode.context, impl: impl)
        }
    }
}

/// The official test-vector input: byte i is i % 251.
func pattern(_ count: Int) -> [UInt8] {
    (0..<count).map { UInt8($0 % 251) }
}

func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef")
    var s = ""
    s.reserveCapacity(bytes.count * 2)
    for b in bytes {
        s.append(digits[Int(b >> 4)])
        s.append(digits[Int(b & 15)])
    }
    return s
}

/// Deterministic PRNG (SplitMix64) so failures are reproducible.
typealias SplitMix64 = TestRandom  // the shared deterministic generator (AutoIDTestSupport)

func randomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
    var rng = SplitMix64(seed: seed)
    var out = [UInt8](repeating: 0, count: (count + 7) & ~7)
    out.withUnsafeMutableBytes { raw in
        let words = raw.bindMemory(to: UInt64.self)
        for i in 0..<words.count { words[i] = rng.next() }
    }
    out.removeLast(out.count - count)
    return out
}

/// Package root: this file is <root>/Tests/AutoIDBLAKE3Tests/Support.swift.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// <root>/../shared/vectors/blake3/test_vectors.json
let vectorsURL = packageRoot.deletingLastPathComponent()
    .appendingPathComponent("shared/vectors/blake3/test_vectors.json")

struct VectorFile: Decodable {
    struct Case: Decodable {
        let input_len: Int
        let hash: String
        let keyed_hash: String
        let derive_key: String
    }
    let key: String
    let context_string: String
    let cases: [Case]

    /// Loads the official vectors, or cancels (skips) the test with a message if absent.
    static func load() throws -> VectorFile {
        guard let data = FileManager.default.contents(atPath: vectorsURL.path) else {
            print("SKIPPED: official test vectors not found at \(vectorsURL.path)")
            try Test.cancel("official test vectors not found at \(vectorsURL.path); skipped")
        }
        return try JSONDecoder().decode(VectorFile.self, from: data)
    }
}
