import PropertyBased
import Sellers
import Testing
import TorvCore

@Suite("Splitting a marketplace order into sub-orders")
struct MarketplaceSplitTests {
    static let rules = [
        CommissionRule(id: "comr_all", percentBasisPoints: 1_000),
        CommissionRule(id: "comr_pro", plan: "pro", percentBasisPoints: 800, minimumPerLine: eur(50)),
    ]
    static let terms = [
        "sel_a": SellerShippingTerms(fee: eur(490), freeFrom: eur(5_000)),
        "sel_b": SellerShippingTerms(fee: eur(390), freeFrom: nil),
        "sel_c": SellerShippingTerms(fee: usd(500), freeFrom: nil),
    ]

    @Test("one sub-order per seller in first-seen order; the shop's own lines owe nobody")
    func grouping() throws {
        let plans = try MarketplaceSplit.plan(
            [
                SplitLine(lineID: "l1", sellerID: "sel_a", quantity: 2, total: eur(3_000)),
                SplitLine(lineID: "l2", sellerID: nil, quantity: 1, total: eur(900)),
                SplitLine(lineID: "l3", sellerID: "sel_b", sellerPlan: "pro", quantity: 1, total: eur(400)),
                SplitLine(lineID: "l4", sellerID: "sel_a", quantity: 1, total: eur(2_500)),
            ], currency: .eur, shipping: Self.terms, rules: Self.rules)
        #expect(plans.map(\.sellerID) == ["sel_a", nil, "sel_b"])
        // Seller A: 55.00 of goods reaches free shipping; 10 % of each line.
        #expect(plans[0].lineIDs == ["l1", "l4"])
        #expect(plans[0].shipping == eur(0))
        #expect(plans[0].feeTotal == eur(550))
        #expect(plans[0].sellerNet == eur(4_950))
        // The shop's own part: no fee, no seller.
        #expect(plans[1].feeTotal == eur(0) && plans[1].sellerNet == eur(0))
        // Seller B on the pro plan: 8 % of 4.00 is 0.32, raised to the 0.50 minimum; shipping charged.
        #expect(plans[2].fees["l3"]?.fee == eur(50))
        #expect(plans[2].shipping == eur(390))
        #expect(plans[2].sellerNet == eur(740))
    }

    @Test("a seller's shipping fee in another currency is not charged")
    func foreignShipping() throws {
        let plans = try MarketplaceSplit.plan(
            [SplitLine(lineID: "l1", sellerID: "sel_c", quantity: 1, total: eur(1_000))], currency: .eur,
            shipping: Self.terms, rules: Self.rules)
        #expect(plans[0].shipping == eur(0))
    }

    static let lines = zip(Gen.int(in: 0...4), Gen.int(in: 1...5), Gen.int64(in: 0...50_000), Gen.int(in: 0...1))
        .map { seller, quantity, total, plan in
            SplitLine(
                lineID: "", sellerID: seller == 0 ? nil : "sel_\(["a", "b", "c", "d"][seller - 1])",
                sellerPlan: plan == 0 ? "standard" : "pro", quantity: quantity, total: eur(total))
        }
        .array(of: 0...12)

    @Test("every cent the buyer pays is the seller's or the platform's")
    func conservation() async {
        await propertyCheck(count: 400, input: Self.lines) { generated in
            let lines = generated.enumerated().map { index, line in
                var line = line
                line.lineID = "l\(index)"
                return line
            }
            let plans = try MarketplaceSplit.plan(lines, currency: .eur, shipping: Self.terms, rules: Self.rules)
            let paid =
                lines.reduce(Int64(0)) { $0 + $1.total.amount } + plans.reduce(Int64(0)) { $0 + $1.shipping.amount }
            let shop = plans.filter { $0.sellerID == nil }.reduce(Int64(0)) { $0 + $1.goods.amount }
            let owed = plans.reduce(Int64(0)) { $0 + $1.sellerNet.amount + $1.feeTotal.amount }
            #expect(shop + owed == paid)
            #expect(Set(plans.flatMap(\.lineIDs)) == Set(lines.map(\.lineID)))
            for plan in plans {
                #expect(plan.feeTotal.amount <= plan.goods.amount, "the platform never takes more than the goods")
                #expect(plan.sellerNet.amount >= 0)
            }
        }
    }
}
