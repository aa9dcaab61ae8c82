import Catalog
import Checkout
import Flows
import Foundation
import Ledger
import Orders
import Payments
import Persistence
import Promotions
import SQLKit
import TestSupport
import Testing
import TorvCore

/// Promotions at checkout: the engine prices the cart, the shopper sees why each promotion did or did
/// not apply, and checkout takes budgets and coupon uses under guard.
@Suite("Promotions at checkout")
struct PromotionCheckoutTests {
    static let staff = AuditActor(kind: "staff", id: "stf_marketing")

    static func euros(_ minorUnits: Int64) -> Money { Money(minorUnits: minorUnits, currency: .eur) }

    static func create(
        _ promotion: Promotion, coupons: NewCoupons? = nil, on platform: Platform
    ) async throws
        -> PromotionRecord
    {
        try await platform.database.inTransaction { db in
            let record = try await platform.promotions.create(promotion, isActive: true, by: staff, on: db).record
            if let coupons {
                _ = try await platform.promotions.createCoupons(for: record.id, coupons, by: staff, on: db)
            }
            return record
        }
    }

    static func clothing(on platform: Platform) async throws -> String {
        try await platform.database.read { db in
            try #require(try await platform.catalog.categories(on: db).first { $0.name == "Clothing" }).id.rawValue
        }
    }

    @Test(
        "a category promotion and a coupon discount the cart, the cart says why a promotion did not apply, and the order keeps the discounts",
        arguments: TestBackend.allCases)
    func categoryAndCoupon(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            let clothing = try await Self.clothing(on: platform)
            let tees = try await Self.create(
                Promotion(
                    id: "promo_x", name: "Tee week", label: "20 % off clothing",
                    scope: LineScope(categoryIDs: [clothing]), action: .percentOff(basisPoints: 2_000)), on: platform)
            let coupon = try await Self.create(
                Promotion(
                    id: "promo_x", name: "Newsletter", label: "5.00 off", conditions: [.coupon],
                    action: .amountOffOrder(Self.euros(500))),
                coupons: NewCoupons(codes: ["SAVE5"], usageLimit: 1), on: platform)
            let (cart, access) = try await CheckoutFlowTests.readyCart(shop, on: platform)

            var view = try await ShoppingCarts.view(cart, access: access, on: platform)
            // 2 × 19.99 = 39.98 of tees: 20 % is 8.00 (7.996 rounded once); the mug is kitchenware.
            #expect(view.promotions?.applied.map(\.promotionID) == [tees.id])
            #expect(view.priced?.totals.discount == Self.euros(800))
            #expect(view.promotions?.notApplied.first { $0.promotionID == coupon.id }?.reason.code == "coupon_required")

            view = try await CartCoupons.apply("save5", to: cart, access: access, on: platform)
            #expect(view.cart.couponCodes == ["SAVE5"])
            #expect(Set(view.promotions?.applied.map(\.promotionID) ?? []) == [tees.id, coupon.id])
            #expect(view.priced?.totals.discount == Self.euros(1_300))
            let total = try #require(view.priced?.totals.grandTotal)

            let outcome = try await OrderPlacement.checkOut(
                cart, access: access, key: "k1", payment: .card(number: TestCard.approves), on: platform)
            #expect(outcome.order.status == .paid && outcome.order.totals.grandTotal == total)
            #expect(outcome.order.totals.discount == Self.euros(1_300))
            #expect(
                Set(outcome.order.lines.flatMap(\.adjustments).map(\.source)) == [tees.id, coupon.id])

            // The code had one use: the next cart hears so when entering it.
            let (other, otherAccess) = try await CheckoutFlowTests.readyCart(shop, on: platform)
            let refused = await #expect(throws: ValidationError.self) {
                try await CartCoupons.apply("SAVE5", to: other, access: otherAccess, on: platform)
            }
            #expect(refused?.fieldErrors.map(\.code) == ["coupon_exhausted"])

            // Cancelling the order gives the use back.
            _ = try await AfterSale.cancel(outcome.order.id, reason: "changed mind", by: Self.staff, on: platform)
            let again = try await CartCoupons.apply("SAVE5", to: other, access: otherAccess, on: platform)
            #expect(again.priced?.totals.discount == Self.euros(1_300))
            try await BookkeepingTests.deliver(platform)
            #expect(try await InvariantAudit.run(on: platform).isEmpty)
        }
    }

    @Test(
        "six shoppers check out at once with a two-use coupon: two orders get it, the rest are refused and keep their carts",
        arguments: TestBackend.allCases)
    func couponRush(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            _ = try await Self.create(
                Promotion(
                    id: "promo_x", name: "Flash", label: "10 % flash", conditions: [.coupon],
                    action: .percentOff(basisPoints: 1_000)),
                coupons: NewCoupons(codes: ["FLASH"], usageLimit: 2), on: platform)
            var carts: [(CartID, CartAccess)] = []
            for _ in 0..<6 {
                let (cart, access) = try await CheckoutFlowTests.readyCart(shop, tees: 1, mugs: 0, on: platform)
                _ = try await CartCoupons.apply("FLASH", to: cart, access: access, on: platform)
                carts.append((cart, access))
            }
            let results = try await withThrowingTaskGroup(of: String.self) { group in
                for (index, (cart, access)) in carts.enumerated() {
                    group.addTask {
                        do {
                            let outcome = try await OrderPlacement.checkOut(
                                cart, access: access, key: "rush-\(index)", payment: .card(number: TestCard.approves),
                                on: platform)
                            return outcome.order.totals.discount.isPositive ? "discounted" : "full price"
                        } catch let error as PromotionsError {
                            return error.code  // lost the race at the guarded update
                        } catch let error as CheckoutFlowError {
                            // Came after the winners had committed: the re-priced cart names the used-up code.
                            return error.fieldErrors.first?.code ?? error.code
                        }
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(results.filter { $0 == "discounted" }.count == 2, "\(results)")
            #expect(results.filter { $0 == "coupon_exhausted" }.count == 4, "\(results)")
            let coupons = try await platform.database.read { db in
                let promotion = try await platform.promotions.promotions(on: db)[0]
                return try await platform.promotions.coupons(of: promotion.id, limit: 5, on: db)
            }
            #expect(coupons.map(\.uses) == [2])
            // The refused shoppers keep open carts, which now say the code is used up.
            var open: [CartView] = []
            for (cart, access) in carts {
                let view = try await ShoppingCarts.view(cart, access: access, on: platform)
                if view.cart.status == .open { open.append(view) }
            }
            #expect(open.count == 4)
            #expect(open.allSatisfy { $0.couponProblems.map(\.code) == ["coupon_exhausted"] && !$0.isReadyForCheckout })
        }
    }
}
