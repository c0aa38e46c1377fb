import Foundation
import Testing

@testable import AutoIDCommands

/// The progress line's sizes, formatted without `String(format:)` (corelibs Foundation, which would
/// link ICU into the tools); Foundation's printf formatting, here in the tests only, is the reference.
@Suite("Progress line sizes")
struct ProgressLineSizeTests {
    @Test("one decimal as printf's %.1f rounds it")
    func oneDecimal() {
        for value in [1.0, 1.04, 1.05, 1.25, 1.35, 9.95, 830.0, 1023.96, 1023.94, 512.5, 0.05, 0.25] {
            #expect(ProgressLine.oneDecimal(value) == String(format: "%.1f", value), "\(value)")
        }
        for twentieths in 0..<20_480 {  // every midpoint between two tenths below 1024, and every tenth: ties and near-ties
            let value = Double(twentieths) / 20
            for near in [value, value.nextUp] + (value > 0 ? [value.nextDown] : []) {
                #expect(ProgressLine.oneDecimal(near) == String(format: "%.1f", near), "\(near)")
            }
        }
        for _ in 0..<5000 {
            let value = Double.random(in: 0..<1024)
            #expect(ProgressLine.oneDecimal(value) == String(format: "%.1f", value), "\(value)")
        }
    }

    @Test("bytes in binary units")
    func sizes() {
        #expect(ProgressLine.size(0) == "0 B")
        #expect(ProgressLine.size(1023) == "1023 B")
        #expect(ProgressLine.size(1024) == "1.0 KiB")
        #expect(ProgressLine.size(870_318_080) == "830.0 MiB")
        #expect(ProgressLine.size(1_288_490_189) == "1.2 GiB")
        #expect(ProgressLine.size(Int(5.5 * 1_099_511_627_776)) == "5.5 TiB")
        #expect(ProgressLine.size(2 * 1_125_899_906_842_624) == "2048.0 TiB")
    }
}
