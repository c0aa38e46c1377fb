import Foundation
import Testing

@testable import AutoIDFiles

@Suite("Anonymous memory")
struct AnonymousMemoryTests {
    /// Whether every page of `[address, address + length)` is mapped: `mincore` fails with ENOMEM on a
    /// range with a hole. (Not /proc/self/maps: read while tests running beside this one map and unmap,
    /// its text can skip entries.)
    static func isMapped(_ address: UnsafeMutableRawPointer, length: Int) -> Bool {
        var residency = [UInt8](repeating: 0, count: (length + 4095) / 4096 + 1)
        return residency.withUnsafeMutableBufferPointer { mincore(address, length, $0.baseAddress!) } == 0
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
                #expect(Self.isMapped(memory.bytes, length: Int(rounded)), "size \(size)")
                #endif
            }
        }
    }
}
