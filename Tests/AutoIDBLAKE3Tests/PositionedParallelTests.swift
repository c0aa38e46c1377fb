import AutoIDTestSupport
import Synchronization
import Testing

@testable import AutoIDBLAKE3

/// Hashing by positioned reads on several threads (what `autoid-sign hash FILE` does for large regular
/// files) gives the one-shot digest, whatever the length around unit and window boundaries, the thread
/// count and the order the threads take units in; a failing read stops it with that error.
@Suite("Positioned parallel hashing")
struct PositionedParallelTests {
    static let unit = BLAKE3.positionedUnitBytes

    static let lengths = [
        0, 1, 1023, 1024, 1025, unit - 1, unit, unit + 1, 2 * unit, 3 * unit + 65 * 1024 + 17, 9 * unit, 9 * unit + 1, 16 * unit + 70_000,
    ]

    struct ReadFailed: Error, Equatable { let offset: Int }

    @Test("equals the one-shot digest for 1 to 4 threads, windows of 1, 2, 3 and many units, bytes read or found in place", arguments: lengths)
    func equalsOneShot(length: Int) {
        let data = randomBytes(length, seed: UInt64(length) + 5)
        let expected = BLAKE3.hash(data)
        let source = PositionedSource(data)
        for threads in 1...4 {
            let read: @Sendable (Int, UnsafeMutableRawBufferPointer) -> Void = { offset, buffer in
                _ = source.bytes(.read, turnBytes: Self.unit, at: offset, scratch: buffer)
            }
            #expect(BLAKE3.hash(length: length, threads: threads, read: read) == expected, "\(threads) threads, read")
            for window in [1, 2, 3, BLAKE3.positionedWindowUnits] {
                for way in PositionedSource.Way.allCases {
                    #expect(
                        BLAKE3.hash(length: length, threads: threads, windowUnits: window, bytes: source.provider(way, turnBytes: Self.unit))
                            == expected,
                        "\(threads) threads, window \(window), \(way)")
                }
            }
        }
    }

    /// Where each read landed: one slot per unit, written only by the thread that read that unit.
    final class ReadLog: @unchecked Sendable {
        let counts: UnsafeMutableBufferPointer<Int>
        init(units: Int) {
            counts = .allocate(capacity: units)
            counts.initialize(repeating: 0)
        }
        deinit { counts.deallocate() }
    }

    @Test("every byte is read exactly once, each read one unit from its start (the tail too)")
    func readsEachByteOnce() {
        let length = 7 * Self.unit + 12_345
        let data = randomBytes(length, seed: 9)
        let log = ReadLog(units: 8)
        let source = PositionedSource(data)
        let digest = BLAKE3.hash(length: length, threads: 3, windowUnits: 2) { offset, scratch in
            precondition(offset % Self.unit == 0, "a read not at a unit's start")
            log.counts[offset / Self.unit] += scratch.count
            return source.bytes(.byTurns, turnBytes: Self.unit, at: offset, scratch: scratch)
        }
        #expect(digest == BLAKE3.hash(data))
        #expect(Array(log.counts) == [Int](repeating: Self.unit, count: 7) + [12_345])
    }

    /// Where the other thread is when the failure lands depends on scheduling (a bound on it failed once
    /// under ASan; `Threads` tests the claims stop itself), but a window after the failing unit's is
    /// never started and the tail never read; on one thread, no unit after the failing one.
    @Test("a failing read is thrown; no later window, no tail, and on one thread no later unit is read", arguments: [0, 3, 7])
    func failure(at failingUnit: Int) {
        let length = 8 * Self.unit + 100
        let source = PositionedSource(randomBytes(length, seed: 3))
        for threads in [1, 2] {
            let log = ReadLog(units: 9)
            #expect(throws: ReadFailed(offset: failingUnit * Self.unit)) {
                _ = try BLAKE3.hash(length: length, threads: threads, windowUnits: 4) { (offset, scratch) throws(ReadFailed) in
                    log.counts[offset / Self.unit] += 1
                    if offset == failingUnit * Self.unit { throw ReadFailed(offset: offset) }
                    return source.bytes(.read, turnBytes: Self.unit, at: offset, scratch: scratch)
                }
            }
            let reads = Array(log.counts)
            let windowEnd = (failingUnit / 4 + 1) * 4
            #expect(reads.prefix(failingUnit + 1).allSatisfy { $0 == 1 }, "\(threads) threads: \(reads)")
            #expect(reads[windowEnd...].allSatisfy { $0 == 0 }, "\(threads) threads: \(reads)")
            if threads == 1 { #expect(reads.reduce(0, +) == failingUnit + 1, "\(reads)") }
        }
    }
}
