import Flows
import Foundation
import Persistence
import Promotions
import SQLKit
import TestSupport
import Testing
import TorvCore

/// Stored promotions and coupons: their limits hold in the database, under concurrency, on both backends.
@Suite("Stored promotions and coupons")
struct CouponStoreTests {
    static let staff = AuditActor(kind: "staff", id: "stf_marketing")

    static func create(
        _ promotion: Promotion, on platform: Platform
    ) async throws -> PromotionRecord {
        try await platform.database.inTransaction { db in
            try await platform.promotions.create(promotion, isActive: true, by: staff, on: db).record
        }
    }

    static func coupons(
        _ new: NewCoupons, for promotion: PromotionRecord, on platform: Platform
    ) async throws -> [Coupon] {
        try await platform.database.inTransaction { db in
            try await platform.promotions.createCoupons(for: promotion.id, new, by: staff, on: db)
        }
    }

    @Test("coupons are unique, generated or given, and each refusal says why", arguments: TestBackend.allCases)
    func coupons(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let promotion = try await Self.create(
                .fixture("promo_new", .percentOff(basisPoints: 1_000), conditions: [.coupon]), on: platform)
            #expect(promotion.id.hasPrefix("promo_") && promotion.id != "promo_new")
            let made = try await Self.coupons(
                NewCoupons(codes: ["welcome10"], count: 20, prefix: "bf", usageLimit: 1), for: promotion, on: platform)
            #expect(made.count == 21 && Set(made.map(\.code)).count == 21)
            #expect(made[0].code == "WELCOME10" && made.dropFirst().allSatisfy { $0.code.hasPrefix("BF-") })
            let again = await #expect(throws: ValidationError.self) {
                try await Self.coupons(NewCoupons(codes: ["WELCOME10"]), for: promotion, on: platform)
            }
            #expect(again?.fieldErrors.map(\.code) == ["coupon_code_taken"])
            let invalid = await #expect(throws: ValidationError.self) {
                try await Self.coupons(
                    NewCoupons(codes: ["a"], usageLimit: 0, expiresAt: env.clock.now), for: promotion, on: platform)
            }
            #expect(
                Set(invalid?.fieldErrors.map(\.code) ?? []) == [
                    "invalid_coupon_code", "invalid_limit", "expiry_in_past",
                ])

            func usable(_ code: String) async throws -> Coupon {
                try await platform.database.read { db in
                    try await platform.promotions.usableCoupon(code, customerID: "cus_1", on: db).coupon
                }
            }
            #expect(try await usable(" welcome10 ").code == "WELCOME10")
            await #expect(throws: PromotionsError.couponNotFound) { try await usable("NOPE-123") }
            let expiring = try await Self.coupons(
                NewCoupons(codes: ["SOON"], expiresAt: env.clock.now.addingTimeInterval(60)), for: promotion,
                on: platform)
            env.clock.advance(by: 61)
            await #expect(throws: PromotionsError.couponExpired) { try await usable(expiring[0].code) }
            try await platform.database.inTransaction { db in
                try await platform.promotions.redeem(
                    [PromotionGrant(promotionID: promotion.id, amount: eur(500), couponCode: "welcome10")],
                    reference: "chk_1", customerID: "cus_1", on: db)
            }
            await #expect(throws: PromotionsError.couponExhausted) { try await usable("WELCOME10") }
            try await platform.database.inTransaction { db in try await platform.promotions.release("chk_1", on: db) }
            #expect(try await usable("WELCOME10").uses == 0)
            try await platform.database.inTransaction { db in try await platform.promotions.release("chk_1", on: db) }
            let record = try await platform.database.read { db in
                try await platform.promotions.promotion(promotion.id, on: db)
            }
            #expect(record.uses == 0 && record.discountGiven == eur(0))
        }
    }

    @Test(
        "checkouts racing for a coupon with five uses and a promotion with a 40.00 budget never pass either",
        arguments: TestBackend.allCases)
    func concurrentLimits(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let limited = try await Self.create(
                .fixture("promo_c", .percentOff(basisPoints: 1_000), conditions: [.coupon]), on: platform)
            _ = try await Self.coupons(NewCoupons(codes: ["FIVE"], usageLimit: 5), for: limited, on: platform)
            let budgeted = try await Self.create(
                .fixture("promo_b", .amountOffOrder(eur(1_000)), budget: PromotionBudget(maxDiscount: eur(4_000))),
                on: platform)
            let promotions = platform.promotions
            let other = try await env.openAnotherPool()
            let outcomes = try await withThrowingTaskGroup(of: (Bool, Bool).self) { group in
                for index in 0..<12 {
                    let database = index % 2 == 0 ? env.database : other
                    group.addTask {
                        func attempt(_ grant: PromotionGrant) async throws -> Bool {
                            do {
                                try await database.inTransaction { db in
                                    try await promotions.redeem(
                                        [grant], reference: "chk_\(index)", customerID: "cus_\(index)", on: db)
                                }
                                return true
                            } catch let error as PromotionsError {
                                #expect(["coupon_exhausted", "promotion_exhausted"].contains(error.code))
                                return false
                            }
                        }
                        let coupon = try await attempt(
                            PromotionGrant(promotionID: limited.id, amount: eur(300), couponCode: "FIVE"))
                        let budget = try await attempt(PromotionGrant(promotionID: budgeted.id, amount: eur(1_000)))
                        return (coupon, budget)
                    }
                }
                return try await group.reduce(into: [(Bool, Bool)]()) { $0.append($1) }
            }
            await other.shutdown()
            #expect(outcomes.filter(\.0).count == 5)
            #expect(outcomes.filter(\.1).count == 4)
            let (coupons, budget) = try await platform.database.read { db in
                (
                    try await promotions.coupons(of: limited.id, limit: 10, on: db),
                    try await promotions.promotion(budgeted.id, on: db)
                )
            }
            #expect(coupons.map(\.uses) == [5])
            #expect(budget.uses == 4 && budget.discountGiven == eur(4_000))
            await #expect(throws: PromotionsError.couponExhausted) {
                try await platform.database.read { db in
                    try await promotions.usableCoupon("FIVE", customerID: nil, on: db)
                }
            }
        }
    }
}
