import Foundation

/// A fresh directory that is removed, with everything in it, when the value is released.
public final class TemporaryDirectory: @unchecked Sendable {
    public let path: String

    public init() throws {
        let base = NSTemporaryDirectory().hasSuffix("/") ? String(NSTemporaryDirectory().dropLast()) : NSTemporaryDirectory()
        var template = Array((base + "/autoid-test-XXXXXX").utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw NSError(domain: "TemporaryDirectory", code: Int(errno))
        }
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The path of `name` inside the directory.
    public func file(_ name: String) -> String { path + "/" + name }

    /// Writes `bytes` to `name` inside the directory and returns its path.
    @discardableResult
    public func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        try Data(bytes).write(to: URL(fileURLWithPath: file(name)))
        return file(name)
    }

    /// Reads `name` inside the directory.
    public func read(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: file(name))))
    }

    /// The names in the directory, sorted.
    public func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Deterministic pseudo-random bytes for tests (SplitMix64), so failures reproduce.
public struct TestRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `count` bytes of the generator started at `seed`, eight at a time: fast enough for inputs of
    /// megabytes in debug builds.
    public static func bytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var generator = TestRandom(seed: seed)
        var out = [UInt8](repeating: 0, count: (count + 7) & ~7)
        out.withUnsafeMutableBytes { raw in
            let words = raw.bindMemory(to: UInt64.self)
            for i in 0..<words.count { words[i] = generator.next() }
        }
        out.removeLast(out.count - count)
        return out
    }
}

extension RandomNumberGenerator {
    /// `count` bytes, each the low byte of one `next()`: the sequence `UInt8.random(in: 0...255, using:)`
    /// draws, written straight into the array (the generic draw per byte cost the plain suite about a
    /// minute of CPU in debug builds, in metadata lookups). For every test generator.
    public mutating func bytes(_ count: Int) -> [UInt8] {
        // Not for 0 bytes: the standard library then writes the count into its shared empty-array
        // storage, which ThreadSanitizer reports as a race between tests.
        guard count > 0 else { return [] }
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            for index in 0..<count { buffer[index] = UInt8(truncatingIfNeeded: next()) }
            initialized = count
        }
    }
}
