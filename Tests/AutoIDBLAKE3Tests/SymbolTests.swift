import Foundation
import Testing

/// Guards against the ISA modules leaking code into the rest of the binary.
///
/// The linker merges equally named weak symbols (generic specialisations, outlined stdlib SIMD
/// operations) from all modules into one copy. A weak symbol from an AVX-512/AVX2/SSE4.1 module
/// could thus replace baseline code elsewhere and fault (SIGILL) on an older CPU. Every global or
/// weak code symbol defined in an ISA module's object files must therefore carry that module's
/// name (its entry points, or specialisations over its private lane types).
@Suite("ISA module symbols")
struct SymbolTests {
    /// Every module compiled with ISA flags (BLAKE3's three kernels and BLAKE2b's AVX2 batch kernel), and
    /// the ISA name its symbols must carry. (Manglings abbreviate the module name by substitution, as in
    /// `...0aB4AVX26Lanes8...`, so the ISA suffix is what appears literally. Two AVX2 modules sharing a
    /// symbol would be harmless: both need the same CPU.)
    static let modules = [
        ("AutoIDBLAKE3AVX512", "AVX512"), ("AutoIDBLAKE3AVX2", "AVX2"), ("AutoIDBLAKE3SSE41", "SSE41"), ("AutoIDBLAKE2bAVX2", "AVX2"),
        ("AutoIDSHA256NI", "SHA256NI"),
    ]

    @Test("no mergeable foreign symbols in ISA object files", arguments: modules)
    func noForeignSymbols(_ module: String, _ isa: String) throws {
        let nm = ["/usr/bin/nm", "/opt/swift/usr/bin/llvm-nm"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let nm else { try Test.cancel("nm not found; symbol check skipped") }
        var objects: [String] = []
        for configuration in ["debug", "release"] {
            let directory = packageRoot.appendingPathComponent(".build/\(configuration)/\(module).build").path
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            objects += files.filter { $0.hasSuffix(".o") }.map { directory + "/" + $0 }
        }
        guard !objects.isEmpty else { try Test.cancel("no object files for \(module) under .build; skipped") }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: nm)
        process.arguments = objects
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()

        let leaks = output.split(separator: "\n").filter { line in
            let parts = line.split(separator: " ", maxSplits: 2)
            guard parts.count == 3, ["T", "W", "w", "i"].contains(parts[1]) else { return false }
            return !parts[2].contains(isa)
        }
        #expect(leaks.isEmpty, "foreign code symbols in \(module): \(leaks.prefix(10))")

        // The byte-shuffle wrappers of AutoIDBLAKE3Intrinsics must be inlined: that module's own
        // (never called) copies are compiled with AVX2, so a call to them from the SSE4.1 module
        // could fault on an SSE4.1-only CPU. (An emitted copy in an ISA module is caught above.)
        let calls = output.split(separator: "\n").filter { line in
            let parts = line.split(whereSeparator: { $0 == " " })
            return parts.count == 2 && parts[0] == "U" && parts[1].contains("AutoIDBLAKE3Intrinsics")
        }
        #expect(calls.isEmpty, "out-of-line calls to AutoIDBLAKE3Intrinsics in \(module): \(calls.prefix(10))")
    }
}
