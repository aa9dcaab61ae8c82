import Testing
import TorvCore

@Suite struct MoneyAllocationTests {
    @Test("splitting 10.00 three ways gives 3.34 + 3.33 + 3.33")
    func splitTenEuros() throws {
        #expect(try Money.eur(1000).split(into: 3) == [.eur(334), .eur(333), .eur(333)])
    }

    @Test("splitting a refund mirrors the charge: -10.00 gives -3.34 + -3.33 + -3.33")
    func splitNegative() throws {
        #expect(try Money.eur(-1000).split(into: 3) == [.eur(-334), .eur(-333), .eur(-333)])
    }

    @Test(
        "leftover minor units go to the earliest parts",
        arguments: [
            (Int64(5), 3, [Int64(2), 2, 1]),
            (1, 3, [1, 0, 0]),
            (0, 2, [0, 0]),
            (7, 1, [7]),
            (9, 3, [3, 3, 3]),
        ])
    func splitSmall(amount: Int64, parts: Int, expected: [Int64]) throws {
        #expect(try Money.eur(amount).split(into: parts) == expected.map { .eur($0) })
    }

    @Test("the extremes split without overflow")
    func splitExtremes() throws {
        #expect(try Money.eur(.min).split(into: 2) == [.eur(.min / 2), .eur(.min / 2)])
        #expect(try Money.eur(.max).split(into: 2) == [.eur(.max / 2 + 1), .eur(.max / 2)])
    }

    @Test("splitting into zero or fewer parts is refused", arguments: [0, -1, Int.min])
    func splitRefusals(parts: Int) {
        let error = #expect(throws: MoneyError.self) { try Money.eur(100).split(into: parts) }
        #expect(error?.code == "invalid_allocation")
    }

    @Test("allocating by ratios that divide evenly")
    func evenRatios() throws {
        #expect(try Money.eur(10_000).allocated([70, 20, 10]) == [.eur(7000), .eur(2000), .eur(1000)])
    }

    @Test("leftovers go to the largest remainders, not simply to the first part")
    func largestRemainder() throws {
        // 5 × 1/3 = 1.67 and 5 × 2/3 = 3.33: the first part has the larger remainder.
        #expect(try Money.eur(5).allocated([1, 2]) == [.eur(2), .eur(3)])
        // 10 × 1/6 = 1.67, 10 × 2/6 = 3.33, 10 × 3/6 = 5
        #expect(try Money.eur(10).allocated([1, 2, 3]) == [.eur(2), .eur(3), .eur(5)])
    }

    @Test("equal remainders go to the earliest parts")
    func ties() throws {
        #expect(try Money.eur(2).allocated([1, 1, 1]) == [.eur(1), .eur(1), .eur(0)])
    }

    @Test("a zero ratio receives nothing, even when units are left over")
    func zeroRatio() throws {
        #expect(try Money.eur(3).allocated([0, 1, 1]) == [.eur(0), .eur(2), .eur(1)])
        #expect(try Money.eur(-3).allocated([1, 0, 1]) == [.eur(-2), .eur(0), .eur(-1)])
    }

    @Test("huge ratios and amounts do not overflow")
    func hugeRatios() throws {
        let parts = try Money.eur(.max).allocated([.max, .max, 1])
        #expect(try Money.sum(parts, currency: .eur) == .eur(.max))
        #expect(parts[2] == .eur(1))
    }

    @Test(
        "ratios must be non-empty, non-negative and not all zero",
        arguments: [
            [Int64](), [-1, 2], [0, 0], [0],
        ])
    func allocationRefusals(ratios: [Int64]) {
        let error = #expect(throws: MoneyError.self) { try Money.eur(100).allocated(ratios) }
        #expect(error?.code == "invalid_allocation")
    }

    @Test("allocation keeps the currency")
    func currency() throws {
        let parts = try Money(minorUnits: 100, currency: .kwd).allocated([1, 1])
        #expect(parts.allSatisfy { $0.currency == .kwd })
    }
}
