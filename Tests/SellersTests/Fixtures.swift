import Foundation
import Sellers
import TorvCore

func eur(_ minorUnits: Int64) -> Money { Money(minorUnits: minorUnits, currency: .eur) }
func usd(_ minorUnits: Int64) -> Money { Money(minorUnits: minorUnits, currency: .usd) }

/// A fixed moment for balances, so holdbacks are stated as offsets from it.
let noon = Date(timeIntervalSince1970: 1_790_000_000)
let day: TimeInterval = 86_400

extension CommissionLine {
    /// A crime novel sold by `sel_a` on the standard plan: Crime › Books › Media.
    static func fixture(
        seller: String = "sel_a",
        plan: String = "standard",
        path: [String] = ["cat_crime", "cat_books", "cat_media"],
        price: Money = eur(1_999),
        quantity: Int = 2
    ) -> CommissionLine {
        CommissionLine(sellerID: seller, sellerPlan: plan, categoryPath: path, unitPrice: price, quantity: quantity)
    }
}

extension BuyBoxCandidate {
    /// A new, in-stock offer from a well-rated active seller shipping in two days.
    static func fixture(
        _ offerID: String,
        price: Int64,
        shipping: Int64 = 0,
        condition: OfferCondition = .new,
        handlingDays: Int = 2,
        rating: Int? = 470,
        ratings: Int = 120,
        available: Int = 5,
        active: Bool = true,
        currency: Currency = .eur
    ) -> BuyBoxCandidate {
        BuyBoxCandidate(
            offerID: offerID, sellerID: "sel_\(offerID)", price: Money(minorUnits: price, currency: currency),
            shipping: Money(minorUnits: shipping, currency: currency), condition: condition,
            handlingDays: handlingDays, ratingAverage: rating, ratingCount: ratings, available: available,
            sellerActive: active)
    }
}

extension SellerMovement {
    /// A movement in EUR, available `availableIn` days after ``noon``.
    static func fixture(
        _ kind: SellerMovementKind, _ minorUnits: Int64, availableIn days: Double = 0, id: String = "mov_1"
    ) -> SellerMovement {
        SellerMovement(
            id: id, kind: kind, amount: eur(minorUnits), availableAt: noon.addingTimeInterval(days * day),
            reference: "ord_1")
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
