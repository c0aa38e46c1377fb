import AutoIDTestSupport
import Testing

@testable import AutoIDBLAKE3

@Suite("Parallel streaming")
struct ParallelStreamingTests {
    /// Large updates spread over threads give the one-shot digest, for sizes around unit boundaries and
    /// for block sizes that are and are not multiples of the unit.
    static let mebibyte = 1 << 20
    /// Under a sanitizer (TestLoad), the smaller half: each still crosses a unit or block boundary.
    static let cases: [(Int, Int)] = TestLoad.pick(
        full: [
            (3 * mebibyte, mebibyte), (3 * mebibyte, mebibyte + 1), (3 * mebibyte + 1, mebibyte),
            (4 * mebibyte, 4 * mebibyte), (2 * mebibyte - 1, mebibyte / 2), (5 * mebibyte, 777_777),
            (mebibyte / 4, mebibyte), (0, mebibyte),
        ],
        sanitized: [(3 * mebibyte + 1, mebibyte), (2 * mebibyte - 1, mebibyte / 2), (mebibyte / 4, mebibyte), (0, mebibyte)])

    @Test(arguments: cases)
    func equalsOneShot(size: Int, block: Int) {
        var state: UInt64 = UInt64(size) &* 31 &+ UInt64(block)
        let data = (0..<size).map { _ -> UInt8 in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
        let expected = BLAKE3.hash(data)
        for threads in [2, 3] {
            var hasher = BLAKE3()
            data.withUnsafeBytes { all in
                var offset = 0
                while offset < all.count {
                    let end = min(offset + block, all.count)
                    hasher.update(UnsafeRawBufferPointer(rebasing: all[offset..<end]), threads: threads)
                    offset = end
                }
            }
            #expect(hasher.finalize() == expected, "size \(size), block \(block), threads \(threads)")
            // Mixing small serial updates in between keeps the result right.
            var mixed = BLAKE3()
            data.withUnsafeBytes { all in
                let cut = min(1000, all.count)
                mixed.update(UnsafeRawBufferPointer(rebasing: all[0..<cut]))
                mixed.update(UnsafeRawBufferPointer(rebasing: all[cut...]), threads: threads)
            }
            #expect(mixed.finalize() == expected)
        }
    }
}
