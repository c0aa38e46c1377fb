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

func randomBytes(_ count: Int, seed: UInt64) -> [UInt8] { TestRandom.bytes(count, seed: seed) }

let packageRoot = PackagePaths.root

/// <root>/../shared/vectors/blake3/test_vectors.json
let vectorsURL = PackagePaths.sharedVectors.appendingPathComponent("blake3/test_vectors.json")

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

/// What one run of the blake3-bench executable printed.
struct BenchRun {
    var status: Int32
    /// The kernel it reported using (`kernel=...`).
    var kernel: String
    /// The first word of its output: the digest of the input.
    var digest: String
    /// Its standard error, less qemu's own notes about CPUID bits it does not emulate.
    var stderr: String
}

/// Runs blake3-bench (built alongside the tests) on `input`, with `environment` added, optionally under
/// qemu-user emulating `emulatedCPU`. Cancels the test, saying why, when the binary or qemu is missing.
func runBLAKE3Bench(
    _ input: [UInt8], environment: [String: String] = [:], emulatedCPU: String? = nil, threads: Int = 1,
    arguments extra: [String] = []
) throws -> BenchRun {
    let binary = ["debug", "release"].map { packageRoot.appendingPathComponent(".build/\($0)/blake3-bench").path }
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    guard let binary else {
        print("SKIPPED: blake3-bench not built; tests that run it are skipped")
        try Test.cancel("blake3-bench not built")
    }
    var command = [binary]
    if let emulatedCPU {
        #if !arch(x86_64)
        try Test.cancel("emulated CPUs are x86-64 only")
        #endif
        let qemu = ["/usr/bin/qemu-x86_64", "/usr/bin/qemu-x86_64-static"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let qemu else {
            print("SKIPPED: qemu-x86_64 not found (apt-get install qemu-user); emulated-CPU tests skipped")
            try Test.cancel("qemu-x86_64 not installed")
        }
        command = [qemu, "-cpu", emulatedCPU, binary]
    }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("autoid-blake3-bench-\(getpid())-\(UInt64.random(in: 0...UInt64.max))")
    _ = FileManager.default.createFile(atPath: file.path, contents: Data(input))
    defer { try? FileManager.default.removeItem(at: file) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: command[0])
    process.arguments = Array(command.dropFirst()) + [file.path, "--repeat", "1", "--threads", String(threads)] + extra
    process.environment = ProcessInfo.processInfo.environment
        .filter { $0.key != "AUTOID_BLAKE3_KERNEL" }
        .merging(environment) { $1 }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let kernel =
        output.split(whereSeparator: { $0 == " " || $0 == "\n" })
        .first { $0.hasPrefix("kernel=") }.map { String($0.dropFirst(7)) } ?? "?"
    return BenchRun(
        status: process.terminationStatus, kernel: kernel, digest: String(output.prefix { $0 != " " }),
        stderr: errors.split(separator: "\n").filter { !$0.hasPrefix("qemu-x86_64: warning") }.joined(separator: "\n"))
}
