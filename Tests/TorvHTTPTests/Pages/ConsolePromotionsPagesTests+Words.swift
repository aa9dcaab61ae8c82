import Foundation
import Promotions
import Testing
import TorvCore

@testable import TorvHTTP

/// How the console words a promotion's rule: pure, so table-driven.
extension ConsolePromotionsPagesTests {
    static let settings = ShopSettings()

    @Test(
        "percentages drop needless decimals",
        arguments: [(1000, "10 %"), (1250, "12.5 %"), (1205, "12.05 %"), (5, "0.05 %"), (10_000, "100 %")])
    func percent(basisPoints: Int, words: String) {
        #expect(PromotionRuleView.percent(basisPoints) == words)
    }

    @Test("actions read as staff say them")
    func actions() {
        let money = { (minor: Int64) in Self.settings.money(Self.euros(minor)) }
        let cases: [(PromotionAction, String)] = [
            (.amountOffOrder(Self.euros(500)), "\(money(500)) off the order"),
            (.fixedPrice(Self.euros(999)), "each item for \(money(999))"),
            (
                .buyXGetY(buy: 3, get: 1, basisPointsOff: 5000, maxApplications: 2),
                "buy 3, get 1 at 50 % off, at most 2 times per cart"
            ),
            (
                .spendTiers([
                    SpendTier(threshold: Self.euros(10_000), basisPointsOff: 1500),
                    SpendTier(threshold: Self.euros(5000), basisPointsOff: 1000),
                ]), "spend \(money(5000)): 10 % off; spend \(money(10_000)): 15 % off"
            ),
        ]
        for (action, words) in cases { #expect(PromotionRuleView.action(action, settings: Self.settings) == words) }
        #expect(
            PromotionRuleView.scope(LineScope(productIDs: ["a", "b"], categoryIDs: ["c"]))
                == "on 2 products, 1 category")
    }
}
