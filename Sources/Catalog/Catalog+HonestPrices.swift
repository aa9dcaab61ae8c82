public import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Catalog {
    public func honestPriceSettings(on db: any SQLDatabase) async throws -> HonestPriceSettings {
        guard
            let row = try await db.raw(
                "SELECT policy, refuse_fake_discounts, perishable_category_ids FROM catalog_honest_price_settings"
            ).first()
        else { return HonestPriceSettings() }
        do {
            return HonestPriceSettings(
                policy: try JSONDecoder().decode(OmnibusPolicy.self, from: Data(try row.string("policy").utf8)),
                refusesFakeDiscounts: try row.flag("refuse_fake_discounts"),
                perishableCategoryIDs: try JSONDecoder().decode(
                    [String].self, from: Data(try row.string("perishable_category_ids").utf8)))
        } catch let error as PersistenceError {
            throw error
        } catch {
            throw PersistenceError.corruptRow(table: "catalog_honest_price_settings", detail: "bad JSON")
        }
    }

    /// Replaces the settings; every problem is reported at once.
    public func setHonestPriceSettings(
        _ settings: HonestPriceSettings, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> HonestPriceSettings {
        var validator = Validator()
        validator.check(
            (30...365).contains(settings.policy.windowDays), "/window_days",
            "must be from 30 (the directive's minimum) to 365 days", code: "invalid_window")
        validator.check(
            (1...365).contains(settings.policy.raiseLookbackDays), "/raise_lookback_days", "must be from 1 to 365 days",
            code: "invalid_lookback")
        let known = Set(try await categories(on: db).map(\.id.rawValue))
        for (index, id) in settings.perishableCategoryIDs.enumerated() where !known.contains(id) {
            validator.check(false, "/perishable_category_ids/\(index)", "no such category", code: "category_not_found")
        }
        try validator.finish()
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let policy = String(decoding: try encoder.encode(settings.policy), as: UTF8.self)
        let perishable = String(decoding: try encoder.encode(settings.perishableCategoryIDs), as: UTF8.self)
        try await db.raw(
            """
            INSERT INTO catalog_honest_price_settings (id, policy, refuse_fake_discounts, perishable_category_ids, updated_at)
            VALUES (1, \(bind: policy), \(bind: settings.refusesFakeDiscounts ? 1 : 0), \(bind: perishable),
                    \(bind: now.epochMicroseconds))
            ON CONFLICT (id) DO UPDATE SET policy = excluded.policy,
                refuse_fake_discounts = excluded.refuse_fake_discounts,
                perishable_category_ids = excluded.perishable_category_ids, updated_at = excluded.updated_at
            """
        ).run()
        _ = try await audit.record(
            "catalog.honest_prices_changed", by: actor, target: ("settings", "honest_prices"),
            detail: ["refuse_fake_discounts": String(settings.refusesFakeDiscounts)], on: db)
        return settings
    }

    /// The applied public unit price of a variant over time in one channel and currency, up to `until`.
    public func priceTimeline(
        of variantID: VariantID, channel: String, currency: Currency, until: Date, on db: any SQLDatabase
    ) async throws -> AppliedPriceTimeline {
        let lists = try await loadPriceLists(
            where: "channel = \(bind: channel) AND currency = \(bind: currency.code) AND customer_group IS NULL", on: db
        )
        let changes = try await history(
            where: """
                variant_id = \(bind: variantID.rawValue) AND channel = \(bind: channel) AND currency = \(bind: currency.code)
                AND min_quantity = 1 AND recorded_at < \(bind: until.epochMicroseconds)
                """, on: db)
        return AppliedPriceTimeline(channel: channel, currency: currency, lists: lists, changes: changes)
    }

    /// Whether the variant's product sits in a perishable category (or below one).
    public func isPerishable(
        _ variantID: VariantID, settings: HonestPriceSettings, on db: any SQLDatabase
    ) async throws -> Bool {
        guard !settings.perishableCategoryIDs.isEmpty else { return false }
        let category = try await product(try await variant(variantID, on: db).productID, on: db).details.categoryID
        return try await isPerishable(category: category, settings: settings, on: db)
    }

    /// Whether `category` is a perishable category or sits below one.
    func isPerishable(
        category: CategoryID?, settings: HonestPriceSettings, on db: any SQLDatabase
    ) async throws -> Bool {
        guard !settings.perishableCategoryIDs.isEmpty else { return false }
        let parents = Dictionary(
            try await categories(on: db).map { ($0.id, $0.parentID) }, uniquingKeysWith: { first, _ in first })
        let perishable = Set(settings.perishableCategoryIDs)
        var next = category
        var seen: Set<CategoryID> = []
        while let category = next, seen.insert(category).inserted {
            if perishable.contains(category.rawValue) { return true }
            next = parents[category] ?? nil
        }
        return false
    }

    /// The prior price to show beside a reduction of the variant that starts at `reductionStartsAt`,
    /// by the shop's policy, with the reason it is what it is.
    public func referencePrice(
        of variantID: VariantID, channel: String, currency: Currency, reductionStartsAt: Date,
        on db: any SQLDatabase
    ) async throws -> ReferencePrice {
        let settings = try await honestPriceSettings(on: db)
        let timeline = try await priceTimeline(
            of: variantID, channel: channel, currency: currency, until: reductionStartsAt, on: db)
        return HonestPrice.reference(
            for: timeline, reductionStartsAt: reductionStartsAt,
            isPerishable: try await isPerishable(variantID, settings: settings, on: db), policy: settings.policy)
    }

    /// What a planned reduction to `reducedPrice` from `reductionStartsAt` would tell shoppers that is not
    /// true: every raise of the variant's price in the lookback before it (see ``FakeDiscountCheck``).
    public func fakeDiscountWarnings(
        of variantID: VariantID, channel: String, reductionStartsAt: Date, reducedPrice: Money,
        on db: any SQLDatabase
    ) async throws -> [FakeDiscountWarning] {
        let settings = try await honestPriceSettings(on: db)
        let timeline = try await priceTimeline(
            of: variantID, channel: channel, currency: reducedPrice.currency, until: reductionStartsAt, on: db)
        return try FakeDiscountCheck.warnings(
            for: timeline, reductionStartsAt: reductionStartsAt, reducedPrice: reducedPrice, policy: settings.policy)
    }

    /// Published products in `categories` or below them, by ID, at most `limit`: what a category-wide
    /// reduction covers.
    public func productIDs(
        inCategories categories: Set<String>, limit: Int, on db: any SQLDatabase
    ) async throws -> [ProductID] {
        guard !categories.isEmpty else { return [] }
        let all = try await self.categories(on: db)
        var covered = Set(categories)
        // Children until nothing new: a category tree is shallow, so a few passes suffice.
        var grew = true
        while grew {
            grew = false
            for category in all {
                if let parent = category.parentID, covered.contains(parent.rawValue),
                    covered.insert(category.id.rawValue).inserted
                {
                    grew = true
                }
            }
        }
        let ids = try await inChunks(covered.sorted()) { chunk in
            try await db.raw(
                """
                SELECT id FROM catalog_products WHERE category_id IN (\(binds: chunk)) AND status = 'published'
                ORDER BY id LIMIT \(bind: limit)
                """
            ).all(decodingColumn: "id", as: String.self)
        }
        return ids.sorted().prefix(limit).compactMap(ProductID.init)
    }
}
