import Catalog
import Testing
import TorvCore

@Suite("Honest prices: the percentage a reduction may claim")
struct HonestPricePercentTests {
    @Test(
        "percent off is rounded down, never overstating a reduction",
        arguments: [
            (6000, 4000, 33), (1000, 801, 19), (1000, 800, 20), (1000, 1000, 0), (3, 2, 33), (1, 0, 100),
            (1000, 1005, -1), (4000, 6000, -50), (999, 1, 99),
        ] as [(Int64, Int64, Int)])
    func roundsDown(original: Int64, reduced: Int64, percent: Int) {
        #expect(HonestPrice.percentOff(from: .eur(original), to: .eur(reduced)) == percent)
    }

    @Test("the largest amounts do not overflow")
    func noOverflow() {
        #expect(HonestPrice.percentOff(from: .eur(.max), to: .eur(0)) == 100)
        #expect(HonestPrice.percentOff(from: .eur(.max), to: .eur(1)) == 99)
        #expect(HonestPrice.percentOff(from: .eur(.max), to: .eur(.max - 1)) == 0)
        // A rise too large for an Int is clamped downwards, still never a reduction.
        #expect(HonestPrice.percentOff(from: .eur(1), to: .eur(.max)) == .min)
    }

    @Test("no percentage from nothing or across currencies")
    func refusals() {
        #expect(HonestPrice.percentOff(from: .eur(0), to: .eur(0)) == nil)
        #expect(HonestPrice.percentOff(from: .eur(-100), to: .eur(-200)) == nil)
        #expect(HonestPrice.percentOff(from: .eur(1000), to: .usd(800)) == nil)
    }
}
