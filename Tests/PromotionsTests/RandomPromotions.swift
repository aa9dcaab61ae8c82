import Foundation
import Promotions
import PropertyBased
import TorvCore

/// Random carts and valid promotions for the property tests.
///
/// Lines and shipping come from `Gen` so failures shrink to small carts; each promotion is built from one
/// random seed through a fixed generator, so a shrunk seed list still names the same promotions.
enum RandomPromotions {
    static let categories = ["cat_a", "cat_b", "cat_c"]

    static let lines = zip(Gen.int(in: 0...100_000), Gen.int(in: 1...20), Gen.int(in: 0...2))
        .array(of: 1...8)
        .map { specs in
            specs.enumerated().map { index, spec in
                PromotionLine.fixture(
                    "line_\(index)", price: Int64(spec.0), quantity: spec.1, variant: "var_\(index % 3)",
                    categories: [categories[spec.2]])
            }
        }

    static let shipping = Gen.int(in: 0...2_000).optional

    static let promotionSeeds = Gen.int(in: 0...Int(Int32.max)).array(of: 1...6)

    static func cart(_ lines: [PromotionLine], shipping: Int?, promotions: [Promotion], seed: Int) -> PromotionCart {
        var random = SeededRandom(seed: seed)
        var usage: [String: PromotionUsage] = [:]
        for promotion in promotions {
            usage[promotion.id] = PromotionUsage(
                discountGiven: eur(Int64(random.int(in: 0...30_000))), uses: random.int(in: 0...3),
                usesByThisCustomer: random.int(in: 0...1))
        }
        return PromotionCart.fixture(
            lines, shipping: shipping.map(Int64.init), groups: ["VIP"], coupons: ["promo_1", "promo_3"], usage: usage)
    }

    static func promotions(_ seeds: [Int]) -> [Promotion] {
        seeds.enumerated().map { promotion(id: "promo_\($0)", seed: $1) }
    }

    static func promotion(id: String, seed: Int) -> Promotion {
        var random = SeededRandom(seed: seed)
        let action: PromotionAction
        switch random.int(in: 0...7) {
        case 0: action = .percentOff(basisPoints: random.int(in: 1...10_000))
        case 1: action = .amountOffOrder(eur(Int64(random.int(in: 1...50_000))))
        case 2: action = .amountOffEachItem(eur(Int64(random.int(in: 1...5_000))))
        case 3: action = .fixedPrice(eur(Int64(random.int(in: 0...50_000))))
        case 4:
            action = .buyXGetY(
                buy: random.int(in: 1...3), get: random.int(in: 1...2), basisPointsOff: random.int(in: 1...10_000),
                maxApplications: random.bool() ? random.int(in: 1...3) : nil)
        case 5:
            let low = Int64(random.int(in: 1...100_000))
            action = .spendTiers([
                SpendTier(threshold: eur(low), basisPointsOff: random.int(in: 1...5_000)),
                SpendTier(
                    threshold: eur(low + Int64(random.int(in: 1...200_000))), basisPointsOff: random.int(in: 1...10_000)
                ),
            ])
        case 6: action = .freeShipping
        default: action = .freeGift(variantID: "var_\(random.int(in: 0...3))", quantity: random.int(in: 1...3))
        }
        var conditions: [PromotionCondition] = []
        if random.int(in: 0...3) == 0 { conditions.append(.minimumSubtotal(eur(Int64(random.int(in: 1...200_000))))) }
        if random.int(in: 0...3) == 0 { conditions.append(.coupon) }
        if random.int(in: 0...5) == 0 { conditions.append(.customerGroups(["VIP"])) }
        let scope = random.bool() ? LineScope.everything : LineScope(categoryIDs: [categories[random.int(in: 0...2)]])
        let budget = PromotionBudget(
            maxDiscount: random.bool() ? eur(Int64(random.int(in: 1...60_000))) : nil,
            maxUses: random.int(in: 0...3) == 0 ? random.int(in: 1...4) : nil)
        return Promotion(
            id: id, name: "Promotion \(id)", label: "Label \(id)", priority: random.int(in: 0...3),
            stacking: random.int(in: 0...3) == 0 ? .exclusive : .combinable, conditions: conditions, scope: scope,
            action: action, budget: budget)
    }

    static func shuffled(_ promotions: [Promotion], seed: Int) -> [Promotion] {
        var random = SeededRandom(seed: seed)
        var shuffled = promotions
        shuffled.shuffle(using: &random)
        return shuffled
    }
}

/// SplitMix64: tiny, deterministic, good enough to pick test values from a seed.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: Int) {
        state = UInt64(truncatingIfNeeded: seed) &+ 0x9E37_79B9_7F4A_7C15
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    mutating func int(in range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
    mutating func bool() -> Bool { Bool.random(using: &self) }
}
