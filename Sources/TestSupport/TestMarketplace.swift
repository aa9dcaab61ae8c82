public import Flows
import Foundation
public import Persistence
public import Sellers
public import TorvCore

/// Marketplace sellers on top of a ``TestShop``: approved business sellers with shipping terms and offers
/// of the shop's variants, and a commission schedule of 10 % plus 0.30 per item.
public enum TestMarketplace {
    public static let actor = AuditActor(kind: "staff", id: "stf_marketplace")

    /// The platform's schedule: 10 % of what the buyer pays plus 0.30 per item.
    public static func setCommission(on platform: Platform) async throws {
        _ = try await platform.database.inTransaction { db in
            try await platform.sellers.setCommissionRules(
                [
                    CommissionRule(
                        id: "comr_standard", plan: "standard", percentBasisPoints: 1_000,
                        fixedPerItem: Money(minorUnits: 30, currency: .eur))
                ], by: actor, on: db)
        }
    }

    /// A seller (a business unless `kind` says otherwise) taken from application to `approved`, charging
    /// `shippingFee` per sub-order (free from `freeFrom`).
    public static func approvedSeller(
        _ name: String, kind: SellerKind = .business, shippingFee: Int64? = 395, freeFrom: Int64? = nil,
        on platform: Platform
    ) async throws -> SellerID {
        let seller = try await platform.database.inTransaction { db in
            try await platform.sellers.apply(
                SellerApplication(displayName: name, kind: kind, onboarding: SellerOnboarding()), by: actor,
                requestID: nil, on: db)
        }
        try await approve(seller.id, shippingFee: shippingFee, freeFrom: freeFrom, on: platform)
        return seller.id
    }

    /// Completes an applied seller's onboarding for their kind and approves them.
    public static func approve(
        _ id: SellerID, shippingFee: Int64? = 395, freeFrom: Int64? = nil, on platform: Platform
    ) async throws {
        let sellers = platform.sellers
        try await platform.database.inTransaction { db in
            let seller = try await sellers.seller(id, on: db)
            let name = seller.displayName
            let business = seller.kind == .business
            _ = try await sellers.setOnboarding(
                id,
                business
                    ? SellerOnboarding(
                        legalName: "\(name) AB", registrationNumber: "556000-0000", vatID: "SE556000000001",
                        country: "SE", payoutIBAN: "DE89370400440532013000", payoutHolder: "\(name) AB")
                    : SellerOnboarding(
                        legalName: name, birthDate: "1980-05-17", country: "SE",
                        payoutIBAN: "DE89370400440532013000", payoutHolder: name), by: actor, on: db)
            _ = try await sellers.addDocument(
                id, kind: business ? .businessRegistration : .identity, url: "https://files.example/extract.pdf",
                by: actor, on: db)
            _ = try await sellers.setProfile(
                id,
                SellerProfile(
                    description: "\(name) sells on Torv.", returnPolicy: "30 days", shipsFrom: "SE",
                    shippingFee: shippingFee.map { Money(minorUnits: $0, currency: .eur) },
                    freeShippingFrom: freeFrom.map { Money(minorUnits: $0, currency: .eur) }), by: actor, on: db)
            var steps: [(SellerStatus, SellerActorRole)] = [(.underReview, .seller), (.approved, .operator)]
            if seller.status == .applied { steps.insert((.onboarding, .operator), at: 0) }
            for (target, role) in steps {
                _ = try await sellers.transition(
                    id, to: target, reason: nil, as: role, by: actor, requestID: nil, on: db)
            }
        }
    }

    /// The seller's offer of a catalogue variant at `price` (EUR minor units) with `quantity` in stock.
    public static func offer(
        _ variantID: String, by sellerID: SellerID, price: Int64, quantity: Int, condition: OfferCondition = .new,
        on platform: Platform
    ) async throws -> SellerOffer {
        try await Marketplace.listOffer(
            OfferListing(
                variantID: variantID, condition: condition, price: Money(minorUnits: price, currency: .eur),
                quantity: quantity), for: sellerID, by: actor, on: platform)
    }
}
