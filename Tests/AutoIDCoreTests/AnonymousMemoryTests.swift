import Foundation
import Testing

@testable import AutoIDFiles

@Suite("Anonymous memory")
struct AnonymousMemoryTests {
    /// The address ranges of /proc/self/maps (Linux only).
    static func mappings() -> [(UInt, UInt)] {
        guard let maps = try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8) else { return [] }
        return maps.split(separator: "\n").compactMap { line in
            let bounds = line.split(separator: " ")[0].split(separator: "-").compactMap { UInt($0, radix: 16) }
            return bounds.count == 2 ? (bounds[0], bounds[1]) : nil
        }
    }

    /// How many bytes from `address` on are mapped without a gap (a mapping whose parts were advised
    /// differently is listed as several ranges).
    static func mappedExtent(from address: UInt) -> UInt {
        let ranges = mappings()
        var end = address
        while let next = ranges.first(where: { $0.0 <= end && end < $0.1 }) { end = next.1 }
        return end - address
    }

    @Test("every size gives writable memory of that size, huge-page aligned and mapped in whole huge pages from 1 MiB on")
    func sizes() throws {
        for size in [0, 1, 100, (1 << 20) - 1, 1 << 20, (2 << 20) + 1, 5 << 20] {
            let memory = AnonymousMemory(byteCount: size)
            #expect(memory.byteCount == max(size, 1))
            #expect(UInt(bitPattern: memory.bytes) % 64 == 0)
            // Every byte can be written and read back (a mapping too short would fault).
            let bytes = memory.bytes.bindMemory(to: UInt8.self, capacity: memory.byteCount)
            for index in 0..<memory.byteCount { bytes[index] = UInt8(truncatingIfNeeded: index &* 7) }
            var mismatches = 0
            for index in 0..<memory.byteCount where bytes[index] != UInt8(truncatingIfNeeded: index &* 7) { mismatches += 1 }
            #expect(mismatches == 0, "size \(size)")
            if size >= AnonymousMemory.mappingThreshold {
                #expect(UInt(bitPattern: memory.bytes) % UInt(AnonymousMemory.hugePage) == 0, "size \(size)")
                #if os(Linux)
                // Mapped in whole huge pages.
                let rounded = (UInt(size) + UInt(AnonymousMemory.hugePage) - 1) / UInt(AnonymousMemory.hugePage) * UInt(AnonymousMemory.hugePage)
                #expect(Self.mappedExtent(from: UInt(bitPattern: memory.bytes)) >= rounded, "size \(size)")
                #endif
            }
        }
    }
}
