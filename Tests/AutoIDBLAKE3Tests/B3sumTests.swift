import Foundation
import Testing

@testable import AutoIDBLAKE3

/// Equality with the reference `b3sum` on random inputs (skipped with a message if absent).
@Suite("b3sum equality")
struct B3sumTests {
    static let b3sum = "/usr/bin/b3sum"
    /// Sizes that are whole chunks (2048 up) end in a parent whose children are both hashed side by side
    /// (`TreeState.rootOutput`): 64 KiB, a positioned unit (256 KiB), a unit and three chunks, 1 MiB and
    /// 1.25 MiB (units, then whole chunks after them).
    static let sizes = [
        0, 1, 64, 1000, 1024, 1025, 2048, 4095, 8191, 8192, 65536, 65537, 100_000, 262_144, 262_145, 265_216, 1_000_003,
        1_048_576, 1_310_720,
    ]

    @Test("random inputs", arguments: TestKernel.allCases)
    func randomInputs(_ kernel: TestKernel) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.b3sum) else {
            try Test.cancel("\(Self.b3sum) not found; b3sum equality tests skipped")
        }
        let impl = try kernel.impl()
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("autoid-blake3-\(kernel.rawValue)-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        var files: [String] = []
        var expected: [String] = []
        for (index, size) in Self.sizes.enumerated() {
            let input = randomBytes(size, seed: 1000 + UInt64(index))
            let path = directory.appendingPathComponent("input\(index)").path
            _ = FileManager.default.createFile(atPath: path, contents: Data(input))
            files.append(path)
            var hasher = BLAKE3(impl: impl)
            hasher.update(input)
            let streamed = hasher.finalize()
            expected.append(hex(streamed))
            // Every other way to the same digest: one shot, two threads, a small prefix before the body.
            input.withUnsafeBytes { bytes in
                #expect(BLAKE3(impl: impl).oneShot(bytes, outputByteCount: 32) == streamed, "one shot, \(size) bytes")
                #expect(
                    BLAKE3(impl: impl).parallelOneShot(bytes, threads: 2, outputByteCount: 32) == streamed,
                    "two threads, \(size) bytes")
                let cut = min(5, size)
                #expect(
                    BLAKE3.hash(
                        prefix: UnsafeRawBufferPointer(rebasing: bytes[..<cut]),
                        body: UnsafeRawBufferPointer(rebasing: bytes[cut...]), impl: impl) == streamed,
                    "prefix and body, \(size) bytes")
            }
        }
        let output = try run(Self.b3sum, ["--no-names"] + files)
        #expect(output.split(separator: "\n").map(String.init) == expected)

        // Extended output and derive_key mode: a partial last chunk, and whole chunks past a batch.
        for size in [8191, 1_048_576] {
            let index = Self.sizes.firstIndex(of: size)!
            let input = randomBytes(size, seed: 1000 + UInt64(index))
            let xof = try run(Self.b3sum, ["--no-names", "--length", "200", files[index]])
            var hasher = BLAKE3(impl: impl)
            hasher.update(input)
            #expect(xof.trimmingCharacters(in: .whitespacesAndNewlines) == hex(hasher.finalize(outputByteCount: 200)), "\(size) bytes")
            let context = "autoid 2026 b3sum test context"
            let derived = try run(Self.b3sum, ["--no-names", "--derive-key", context, files[index]])
            var deriver = BLAKE3(deriveKeyContext: context, impl: impl)
            deriver.update(input)
            #expect(derived.trimmingCharacters(in: .whitespacesAndNewlines) == hex(deriver.finalize()), "\(size) bytes")
        }
    }

    private func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }
}
