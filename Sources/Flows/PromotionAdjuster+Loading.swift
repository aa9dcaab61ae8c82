import Catalog
import Checkout
import Customers
import Foundation
import Orders
import Promotions
import SQLKit
import TorvCore

extension PromotionAdjuster {
    /// Reads what the engine needs to price `cart` now: the active promotions, the cart's coupons (a code
    /// that stopped working is reported, not fatal), the buyer, the categories of each line's product
    /// (with their ancestors, so a promotion on "Clothing" covers "Shirts") and the budgets spent.
    static func load(
        for cart: Cart, offers: [Offer], customerGroups: Set<String>, on platform: Platform, db: any SQLDatabase
    ) async throws -> PromotionAdjuster {
        let now = platform.clock.now()
        let records = try await platform.promotions.promotions(activeOnly: true, on: db)
        // A campaign's promotions apply while it runs: its schedule is one more window condition.
        let campaigns = Dictionary(
            try await platform.promotions.campaigns(on: db).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let promotions = records.map { record in
            var promotion = record.promotion
            if let campaign = record.campaignID.flatMap({ campaigns[$0] }) {
                promotion.conditions.append(.window(from: campaign.startsAt, until: campaign.endsAt))
            }
            return promotion
        }
        var codes: [String: String] = [:]
        var problems: [FieldError] = []
        for (index, code) in cart.couponCodes.enumerated() {
            do {
                let usable = try await platform.promotions.usableCoupon(code, customerID: cart.customerID, on: db)
                codes[usable.promotion.id] = usable.coupon.code
            } catch let error as PromotionsError {
                problems.append(FieldError(pointer: "/coupons/\(index)", message: error.message, code: error.code))
            }
        }
        var companyID: String?
        var isFirstOrder = false
        if let customer = cart.customerID {
            if let membership = try await platform.customers.membership(of: customer, on: db),
                membership.companyStatus == .active
            {
                companyID = membership.companyID.rawValue
            }
            // Guests cannot prove a first order, so first-order offers are for signed-in customers.
            isFirstOrder = try await platform.orders.orders(ofCustomer: customer, limit: 20, on: db)
                .allSatisfy { $0.status == .cancelled }
        }
        let parents = Dictionary(
            try await platform.catalog.categories(on: db).map { ($0.id, $0.parentID) }, uniquingKeysWith: { a, _ in a })
        var facts: [String: LineFacts] = [:]
        for offer in offers where facts[offer.variantID.rawValue] == nil {
            var categories: Set<String> = []
            var next = try await platform.catalog.product(offer.productID, on: db).details.categoryID
            while let category = next, categories.insert(category.rawValue).inserted {
                next = parents[category] ?? nil
            }
            facts[offer.variantID.rawValue] = LineFacts(productID: offer.productID.rawValue, categoryIDs: categories)
        }
        let context = PromotionCart(
            currency: cart.currency, channel: cart.channel, customerID: cart.customerID,
            customerGroups: customerGroups, companyID: companyID, isFirstOrder: isFirstOrder, at: now,
            couponPromotionIDs: Set(codes.keys), lines: [],
            usage: try await platform.promotions.usage(of: records, customerID: cart.customerID, on: db))
        return PromotionAdjuster(
            promotions: promotions, context: context, lineFacts: facts, couponCodes: codes,
            couponProblems: problems, flashSales: nil)
    }
}
