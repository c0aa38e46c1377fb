import AutoIDTestSupport
import Testing

/// The tests' generator draws what it always drew: randomised tests reproduce their inputs.
@Suite("Test random bytes")
struct TestRandomTests {
    @Test func bytesAreTheLowBytesOfSplitMix64() {
        // SplitMix64 from seed 2024, the low byte of each output (computed with Python from the
        // published definition).
        var random = TestRandom(seed: 2024)
        #expect(random.bytes(12) == [213, 210, 127, 89, 122, 235, 151, 146, 48, 49, 57, 27])
    }

    @Test func bytesAreWhatTheGenericDrawGives() {
        for seed: UInt64 in [0, 1, 0x7ead_f00d] {
            var fast = TestRandom(seed: seed)
            var generic = TestRandom(seed: seed)
            for count in [0, 1, 7, 8, 9, 1_000] {
                let drawn = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generic) }
                #expect(fast.bytes(count) == drawn, "seed \(seed), \(count) bytes")
            }
        }
    }
}
