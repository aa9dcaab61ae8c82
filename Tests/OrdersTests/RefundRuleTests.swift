import Orders
import PropertyBased
import Testing
import TorvCore

@Suite("Refund rule")
struct RefundRuleTests {
    @Test("3 units of a 10.00 line are worth 3.34, 3.33 and 3.33, in whatever returns they come back")
    func example() throws {
        let total = Money.eur(1000)
        #expect(try RefundRule.value(ofUnits: 1, from: 0, ofLine: total, quantity: 3) == .eur(334))
        #expect(try RefundRule.value(ofUnits: 2, from: 1, ofLine: total, quantity: 3) == .eur(666))
        #expect(try RefundRule.value(ofUnits: 3, from: 0, ofLine: total, quantity: 3) == total)
        #expect(try RefundRule.value(ofUnits: 0, from: 3, ofLine: total, quantity: 3) == .eur(0))
    }

    @Test("units outside the line are refused")
    func outOfRange() {
        #expect(throws: MoneyError.self) { try RefundRule.value(ofUnits: 2, from: 2, ofLine: .eur(1000), quantity: 3) }
        #expect(throws: MoneyError.self) { try RefundRule.value(ofUnits: 1, from: -1, ofLine: .eur(1000), quantity: 3) }
        #expect(throws: MoneyError.self) { try RefundRule.value(ofUnits: 1, from: 0, ofLine: .eur(1000), quantity: 0) }
    }

    @Test("returning every unit in any partition refunds exactly the line total, each part near its share")
    func partitionsSumToTotal() async {
        let totals = Gen.int64(in: 0...10_000_000)
        let quantities = Gen.int(in: 1...40)
        let cuts = Gen.int(in: 1...40).array(of: 0...12)
        await propertyCheck(count: 500, input: totals, quantities, cuts) { total, quantity, cuts in
            let line = Money.eur(total)
            // Cut the units 0..<quantity into consecutive returns at the given sizes.
            var offset = 0
            var refunds: [Money] = []
            for size in cuts + [quantity] where offset < quantity {
                let count = min(size, quantity - offset)
                let refund = try RefundRule.value(ofUnits: count, from: offset, ofLine: line, quantity: quantity)
                // Within one minor unit of count × total / quantity, scaled to stay in integers.
                let error = Int128(refund.amount) * Int128(quantity) - Int128(total) * Int128(count)
                #expect(error.magnitude < Int128(quantity) * Int128(count) + 1)
                refunds.append(refund)
                offset += count
            }
            #expect(try Money.sum(refunds, currency: .eur) == line)
        }
    }

    @Test("shipping is refunded once and only when asked")
    func shipping() throws {
        let lines = [Money.eur(1000), .eur(250)]
        #expect(
            try RefundRule.refundDue(
                lines: lines, shipping: .eur(490), includeShipping: false, shippingAlreadyRefunded: .eur(0))
                == .eur(1250))
        #expect(
            try RefundRule.refundDue(
                lines: lines, shipping: .eur(490), includeShipping: true, shippingAlreadyRefunded: .eur(0))
                == .eur(1740))
        #expect(
            try RefundRule.refundDue(
                lines: lines, shipping: .eur(490), includeShipping: true, shippingAlreadyRefunded: .eur(490))
                == .eur(1250))
        #expect(
            try RefundRule.refundDue(
                lines: [], shipping: .eur(490), includeShipping: true, shippingAlreadyRefunded: .eur(90)) == .eur(400))
    }
}
