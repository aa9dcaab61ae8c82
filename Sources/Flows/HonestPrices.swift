public import Catalog
import Foundation
import Persistence
public import Promotions
public import SQLKit
public import TorvCore

/// Fake-discount checks for the reductions staff plan: a flash sale's price, a promotion's price off
/// the products and variants it names. Each variant whose price was raised shortly before the
/// reduction starts gets a warning; when the shop refuses fake discounts, a reduction that would mislead
/// shoppers (its price not below what they paid in the lookback) is refused with `fake_discount`.
public enum HonestPrices {
    /// A warning about one variant.
    public struct Warning: Sendable, Hashable {
        public var variantID: String
        public var detail: FakeDiscountWarning
    }

    /// Promotions that name more variants than this are checked on the first ones only.
    static let variantLimit = 200

    static func check(
        variant: String, channel: String, startsAt: Date, reducedPrice: Money, on platform: Platform,
        db: any SQLDatabase
    ) async throws -> [Warning] {
        guard let id = VariantID(variant) else { return [] }
        return try await platform.catalog.fakeDiscountWarnings(
            of: id, channel: channel, reductionStartsAt: startsAt, reducedPrice: reducedPrice, on: db
        ).map { Warning(variantID: variant, detail: $0) }
    }

    /// The warnings for a promotion about to be saved, measured at its start (its own window, else its
    /// campaign's, else now) in each of its channels (the web shop when it names none), over the variants
    /// it names and those of the products and categories it names (up to ``variantLimit``). A promotion
    /// on the whole shop is not checked variant by variant.
    public static func check(
        _ promotion: Promotion, campaignID: CampaignID?, on platform: Platform, db: any SQLDatabase
    ) async throws -> [Warning] {
        var startsAt = platform.clock.now()
        var channels: [String] = []
        for condition in promotion.conditions {
            switch condition {
            case .window(let from, _): if let from { startsAt = max(startsAt, from) }
            case .channels(let names): channels = names.sorted()
            default: break
            }
        }
        if let campaignID {
            startsAt = max(startsAt, try await platform.promotions.campaign(campaignID, on: db).startsAt)
        }
        var variants = promotion.scope.variantIDs.sorted()
        var products = promotion.scope.productIDs.sorted().compactMap(ProductID.init)
        products += try await platform.catalog.productIDs(
            inCategories: promotion.scope.categoryIDs, limit: variantLimit, on: db)
        for product in products where variants.count < variantLimit {
            variants += try await platform.catalog.variants(of: product, on: db).map(\.id.rawValue)
        }
        var markets: [(channel: String, currency: Currency)] = []
        for channel in channels.isEmpty ? ["web"] : channels {
            for list in try await platform.catalog.priceLists(channel: channel, on: db) where list.isBase {
                markets.append((channel, list.currency))
            }
        }
        let policy = try await platform.catalog.honestPriceSettings(on: db).policy
        var warnings: [Warning] = []
        for variant in variants.prefix(variantLimit) {
            guard let id = VariantID(variant) else { continue }
            for (channel, currency) in markets {
                let timeline = try await platform.catalog.priceTimeline(
                    of: id, channel: channel, currency: currency, until: startsAt, on: db)
                guard let regular = timeline.price(at: startsAt.addingTimeInterval(-0.000_001)),
                    let reduced = reducedPrice(regular, by: promotion.action)
                else { continue }
                // The timeline read for the regular price is the one the check needs: read once.
                warnings += try FakeDiscountCheck.warnings(
                    for: timeline, reductionStartsAt: startsAt, reducedPrice: reduced, policy: policy
                ).map { Warning(variantID: variant, detail: $0) }
            }
        }
        return warnings
    }

    /// The unit price an action leaves of `price`; `nil` for actions that do not price units (order
    /// amounts, tiers, free shipping, gifts, buy X get Y).
    static func reducedPrice(_ price: Money, by action: PromotionAction) -> Money? {
        switch action {
        case .percentOff(let basisPoints):
            let (scaled, overflow) = price.amount.multipliedReportingOverflow(by: Int64(10_000 - basisPoints))
            return overflow ? nil : Money(minorUnits: scaled / 10_000, currency: price.currency)
        case .amountOffEachItem(let amount) where amount.currency == price.currency:
            return Money(minorUnits: max(0, price.amount - amount.amount), currency: price.currency)
        case .fixedPrice(let fixed) where fixed.currency == price.currency:
            return Money(minorUnits: min(price.amount, fixed.amount), currency: price.currency)
        default: return nil
        }
    }

    /// Refuses the reduction when the shop refuses fake discounts and one would mislead shoppers.
    static func refuseIfMisleading(
        _ warnings: [Warning], at pointer: String, on platform: Platform, db: any SQLDatabase
    )
        async throws
    {
        guard warnings.contains(where: \.detail.wouldMisleadShoppers),
            try await platform.catalog.honestPriceSettings(on: db).refusesFakeDiscounts
        else { return }
        throw ValidationError(
            warnings.filter(\.detail.wouldMisleadShoppers).map { warning in
                FieldError(
                    pointer: pointer,
                    message:
                        "\(warning.variantID) was raised from \(warning.detail.raise.from) to \(warning.detail.raise.to) "
                        + "on \(warning.detail.raise.at.formatted(.iso8601)); shoppers paid "
                        + "\(warning.detail.lowestInLookback) recently, so this reduction is not one",
                    code: "fake_discount")
            })
    }

    /// Saves a promotion (new or changed) with its price warnings, refusing a fake discount when the
    /// shop says so; nothing is written when refused.
    public static func save(
        _ save:
            @escaping @Sendable (any SQLDatabase) async throws -> (
                record: PromotionRecord, conflicts: [PromotionConflict]
            ), campaignID: CampaignID?, on platform: Platform
    ) async throws -> (saved: (record: PromotionRecord, conflicts: [PromotionConflict]), warnings: [Warning]) {
        try await platform.database.inTransaction { db in
            let saved = try await save(db)
            let warnings = try await check(saved.record.promotion, campaignID: campaignID, on: platform, db: db)
            // A promotion switched off misleads nobody, and switching one off must never be refused; it is
            // checked again when it is switched on.
            if saved.record.isActive { try await refuseIfMisleading(warnings, at: "/action", on: platform, db: db) }
            return (saved, warnings)
        }
    }
}
