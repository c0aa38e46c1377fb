import Foundation
import Testing

@testable import AutoIDBLAKE3

/// Equality with the reference `b3sum` on random inputs (skipped with a message if absent).
@Suite("b3sum equality")
struct B3sumTests {
    static let b3sum = "/usr/bin/b3sum"
    static let sizes = [0, 1, 64, 1000, 1024, 1025, 4095, 8192, 65537, 100_000, 262_145, 1_000_003]

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
            expected.append(hex(hasher.finalize()))
        }
        let output = try run(Self.b3sum, ["--no-names"] + files)
        #expect(output.split(separator: "\n").map(String.init) == expected)

        // Extended output and derive_key mode for one input.
        let input = randomBytes(Self.sizes[7], seed: 1007)
        let xof = try run(Self.b3sum, ["--no-names", "--length", "200", files[7]])
        var hasher = BLAKE3(impl: impl)
        hasher.update(input)
        #expect(xof.trimmingCharacters(in: .whitespacesAndNewlines) == hex(hasher.finalize(outputByteCount: 200)))
        let context = "autoid 2026 b3sum test context"
        let derived = try run(Self.b3sum, ["--no-names", "--derive-key", context, files[7]])
        var deriver = BLAKE3(deriveKeyContext: context, impl: impl)
        deriver.update(input)
        #expect(derived.trimmingCharacters(in: .whitespacesAndNewlines) == hex(deriver.finalize()))
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
