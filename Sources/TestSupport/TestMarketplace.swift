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

    /// A business seller taken from application to `approved`, charging `shippingFee` per sub-order
    /// (free from `freeFrom`).
    public static func approvedSeller(
        _ name: String, shippingFee: Int64? = 395, freeFrom: Int64? = nil, on platform: Platform
    ) async throws -> SellerID {
        let sellers = platform.sellers
        return try await platform.database.inTransaction { db in
            let seller = try await sellers.apply(
                SellerApplication(
                    displayName: name, kind: .business,
                    onboarding: SellerOnboarding(
                        legalName: "\(name) AB", registrationNumber: "556000-0000", vatID: "SE556000000001",
                        country: "SE", payoutIBAN: "DE89370400440532013000", payoutHolder: "\(name) AB")),
                by: actor, requestID: nil, on: db)
            _ = try await sellers.addDocument(
                seller.id, kind: .businessRegistration, url: "https://files.example/extract.pdf", by: actor, on: db)
            _ = try await sellers.setProfile(
                seller.id,
                SellerProfile(
                    description: "\(name) sells on Torv.", returnPolicy: "30 days", shipsFrom: "SE",
                    shippingFee: shippingFee.map { Money(minorUnits: $0, currency: .eur) },
                    freeShippingFrom: freeFrom.map { Money(minorUnits: $0, currency: .eur) }), by: actor, on: db)
            for (target, role) in [
                (SellerStatus.onboarding, SellerActorRole.operator), (.underReview, .seller), (.approved, .operator),
            ] {
                _ = try await sellers.transition(
                    seller.id, to: target, reason: nil, as: role, by: actor, requestID: nil, on: db)
            }
            return seller.id
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
