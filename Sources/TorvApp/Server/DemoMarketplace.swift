import Catalog
import Flows
import Foundation
import Identity
import Persistence
import Sellers
import TorvCore

/// The demo's marketplace: a dozen sellers (companies and two private persons, one of them trading
/// second-hand goods: C2C) with overlapping offers on the shop's own products, a commission schedule,
/// one seller on holiday, one waiting for review and one fresh application in the operator's queue.
enum DemoMarketplace {
    static let sellerPassword = "torv-demo-seller"
    static let operatorActor = AuditActor(kind: "system", id: "torv demo")

    struct DemoSeller {
        var name: String
        var email: String
        var kind: SellerKind
        var country: String
        var handlingDays: Int
        /// Price relative to the shop's own, in percent (97 = 3 % cheaper).
        var priceLevel: Int64
        var condition: OfferCondition = .new
        var ends: SellerStatus = .approved
        var onHoliday = false
        var plan = "standard"
    }

    static let sellers: [DemoSeller] = [
        DemoSeller(
            name: "Nordic Ceramics", email: "nordic@torv.demo", kind: .business, country: "SE", handlingDays: 1,
            priceLevel: 97, plan: "pro"),
        DemoSeller(
            name: "Fjord Living", email: "fjord@torv.demo", kind: .business, country: "NO", handlingDays: 3,
            priceLevel: 95),
        DemoSeller(
            name: "Baltic Home", email: "baltic@torv.demo", kind: .business, country: "EE", handlingDays: 2,
            priceLevel: 99),
        DemoSeller(
            name: "Lagom Supply", email: "lagom@torv.demo", kind: .business, country: "SE", handlingDays: 2,
            priceLevel: 101),
        DemoSeller(
            name: "Kiln & Co", email: "kiln@torv.demo", kind: .business, country: "DK", handlingDays: 5, priceLevel: 93),
        DemoSeller(
            name: "Hygge House", email: "hygge@torv.demo", kind: .business, country: "DK", handlingDays: 2,
            priceLevel: 98,
            onHoliday: true),
        DemoSeller(
            name: "Archipelago Goods", email: "archipelago@torv.demo", kind: .business, country: "FI", handlingDays: 1,
            priceLevel: 104, plan: "pro"),
        DemoSeller(
            name: "Second Round", email: "second@torv.demo", kind: .business, country: "SE", handlingDays: 2,
            priceLevel: 70,
            condition: .refurbished),
        DemoSeller(
            name: "Northern Table", email: "table@torv.demo", kind: .business, country: "SE", handlingDays: 3,
            priceLevel: 100),
        DemoSeller(
            name: "Erik's Attic", email: "erik@torv.demo", kind: .private, country: "SE", handlingDays: 4,
            priceLevel: 55,
            condition: .used),
        DemoSeller(
            name: "Studio Vide", email: "vide@torv.demo", kind: .business, country: "FI", handlingDays: 2,
            priceLevel: 96,
            ends: .underReview),
        DemoSeller(
            name: "Maja Sells", email: "maja@torv.demo", kind: .private, country: "SE", handlingDays: 2, priceLevel: 60,
            condition: .used, ends: .applied),
    ]

    /// Seeds the marketplace; each seller offers a window of the shop's first SKUs, so several sellers
    /// compete for most of them.
    static func seed(skus: [String], holidayUntil: Date, on platform: Platform) async throws -> Int {
        let now = platform.clock.now()
        let kitchen = try await platform.database.read { db in
            try await platform.catalog.categories(on: db).first { $0.name == "Kitchen" }?.id.rawValue
        }
        try await platform.database.inTransaction { db in
            var rules = [
                CommissionRule(id: "comr_standard", percentBasisPoints: 1_200, fixedPerItem: nil),
                CommissionRule(
                    id: "comr_pro", plan: "pro", percentBasisPoints: 900,
                    minimumPerLine: Money(minorUnits: 50, currency: .eur)),
            ]
            if let kitchen {
                rules.append(
                    CommissionRule(
                        id: "comr_kitchen", categoryID: kitchen, percentBasisPoints: 1_000,
                        fixedPerItem: Money(minorUnits: 30, currency: .eur)))
            }
            _ = try await platform.sellers.setCommissionRules(rules, by: operatorActor, on: db)
        }
        let offered = Array(skus.prefix(16))
        var offers = 0
        for (index, demo) in sellers.enumerated() {
            let onboarding = SellerOnboarding(
                legalName: demo.kind == .business ? "\(demo.name) AB" : demo.name,
                registrationNumber: demo.kind == .business ? "55\(index)000-\(1000 + index)" : nil,
                vatID: demo.kind == .business ? "\(demo.country)55\(index)00000\(1000 + index)" : nil,
                birthDate: demo.kind == .private ? "1990-0\(index % 9 + 1)-15" : nil, country: demo.country,
                payoutIBAN: "SE4550000000058398257466", payoutHolder: demo.name)
            let (seller, _) = try await Marketplace.apply(
                SellerApplication(displayName: demo.name, kind: demo.kind, onboarding: onboarding),
                ownerEmail: demo.email, ownerPassword: sellerPassword, ownerName: "\(demo.name) owner", requestID: nil,
                on: platform)
            guard demo.ends != .applied else { continue }
            let owner = AuditActor(kind: "seller_user", id: demo.email)
            let profile = SellerProfile(
                description: "\(demo.name) sells Nordic homeware from \(demo.country).",
                supportEmail: demo.email,
                returnPolicy: demo.kind == .business
                    ? "30 days to return unused items; we pay the return label."
                    : "Private sale: no right of withdrawal, but tell me if something is not as described.",
                returnWindowDays: demo.kind == .business ? 30 : 0, handlingDays: demo.handlingDays,
                shipsFrom: demo.country, shippingFee: Money(minorUnits: 490, currency: .eur),
                freeShippingFrom: demo.kind == .business ? Money(minorUnits: 5_000, currency: .eur) : nil)
            try await platform.database.inTransaction { db in
                let sellers = platform.sellers
                _ = try await sellers.transition(
                    seller.id, to: .onboarding, reason: nil, as: .operator, by: operatorActor, requestID: nil, on: db)
                _ = try await sellers.setProfile(seller.id, profile, by: owner, on: db)
                _ = try await sellers.addDocument(
                    seller.id, kind: demo.kind == .business ? .businessRegistration : .identity,
                    url: "https://files.torv.demo/kyc/\(seller.handle).pdf", by: owner, on: db)
                _ = try await sellers.transition(
                    seller.id, to: .underReview, reason: nil, as: .seller, by: owner, requestID: nil, on: db)
                guard demo.ends == .approved else { return }
                _ = try await sellers.transition(
                    seller.id, to: .approved, reason: nil, as: .operator, by: operatorActor, requestID: nil, on: db)
                if demo.plan != "standard" {
                    _ = try await sellers.setPlan(seller.id, plan: demo.plan, by: operatorActor, on: db)
                }
            }
            guard demo.ends == .approved else { continue }
            // Eight SKUs per seller, starting one further along each time: most SKUs have three to eight sellers.
            for step in 0..<8 {
                let sku = offered[(index + step * 2) % offered.count]
                guard let regular = try await regularPrice(of: sku, at: now, on: platform) else { continue }
                let price = Money(minorUnits: max(100, regular.1.amount * demo.priceLevel / 100), currency: .eur)
                _ = try await Marketplace.listOffer(
                    OfferListing(
                        variantID: regular.0.rawValue, condition: demo.condition,
                        conditionNote: demo.condition == .used ? "Used a few times, no chips." : nil, price: price,
                        quantity: 3 + (index * 7 + step * 5) % 20, handlingDays: step == 3 ? demo.handlingDays + 2 : nil
                    ),
                    for: seller.id, by: owner, on: platform)
                offers += 1
            }
            if demo.onHoliday {
                _ = try await platform.database.inTransaction { db in
                    try await platform.sellers.setHoliday(
                        seller.id, until: holidayUntil,
                        message: "On holiday until the 20th; orders ship when we are back.", by: owner, on: db)
                }
            }
        }
        return offers
    }

    private static func regularPrice(
        of sku: String, at now: Date, on platform: Platform
    ) async throws -> (VariantID, Money)? {
        try await platform.database.read { db in
            let variant = try await platform.catalog.variant(sku: sku, on: db)
            guard
                let offer = try await platform.catalog.offers(
                    for: [OfferRequest(variantID: variant.id, quantity: 1)],
                    in: PricingContext(channel: "web", currency: .eur, at: now), on: db
                ).first.flatMap({ try? $0.get() })
            else { return nil }
            return (variant.id, offer.unitPrice)
        }
    }
}
