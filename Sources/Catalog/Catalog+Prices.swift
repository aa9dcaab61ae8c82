import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Catalog {
    /// Sets a variant's unit price on a list, from `fromQuantity` units on (1: the single-unit price).
    /// Records the change in the price history and appends `price.changed`; returns `nil` when the
    /// price was already this (nothing is recorded).
    @discardableResult
    public func setPrice(
        _ price: Money, of variantID: VariantID, in listID: PriceListID, fromQuantity: Int = 1,
        by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> PriceChange? {
        var v = Validator()
        v.check(price.amount >= 0, "/price/amount", "must not be negative", code: "negative_price")
        v.check(fromQuantity >= 1, "/from_quantity", "must be at least 1", code: "out_of_range")
        try v.finish()
        let list = try await priceList(listID, on: db)
        guard list.currency == price.currency else {
            throw CatalogError.currencyMismatch(list: list.currency, price: price.currency)
        }
        let change = try await changePrice(
            of: variantID, in: list, fromQuantity: fromQuantity, to: price, requestID: actor.requestID, on: db)
        if let change { try await auditPriceChange(change, by: actor, on: db) }
        return change
    }

    /// Removes a tier from a list; the variant then falls back to other tiers or lists.
    @discardableResult
    public func removePrice(
        of variantID: VariantID, in listID: PriceListID, fromQuantity: Int = 1, by actor: AuditActor,
        on db: any SQLDatabase
    ) async throws -> PriceChange? {
        let list = try await priceList(listID, on: db)
        let change = try await changePrice(
            of: variantID, in: list, fromQuantity: fromQuantity, to: nil, requestID: actor.requestID, on: db)
        if let change { try await auditPriceChange(change, by: actor, on: db) }
        return change
    }

    /// Every list that prices the variant, with its tiers.
    public func prices(of variantID: VariantID, on db: any SQLDatabase) async throws -> [PriceCandidate] {
        try await priceCandidates(for: [variantID], channel: nil, currency: nil, on: db)[variantID] ?? []
    }

    /// The unit price for a purchase (see ``PriceResolver`` for the rules).
    public func price(
        of variantID: VariantID, for context: PricingContext, on db: any SQLDatabase
    ) async throws
        -> ResolvedPrice
    {
        let candidates = try await priceCandidates(
            for: [variantID], channel: context.channel, currency: context.currency, on: db)
        guard let resolved = PriceResolver.resolve(candidates[variantID] ?? [], for: context) else {
            throw CatalogError.noPrice
        }
        return resolved
    }

    /// Writes one price change under a lock on the variant row, so concurrent changes to a variant's
    /// prices queue: each reads the price the previous one wrote, and the history's old and new prices
    /// chain without gaps. (SQLite's single writer serialises them anyway.)
    func changePrice(
        of variantID: VariantID, in list: PriceList, fromQuantity: Int, to price: Money?, requestID: String?,
        on db: any SQLDatabase
    ) async throws -> PriceChange? {
        let lock: SQLQueryString = db.backend == .postgres ? " FOR UPDATE" : ""
        guard
            let sku = try await db.raw("SELECT sku FROM catalog_variants WHERE id = \(bind: variantID.rawValue)" + lock)
                .first(decodingColumn: "sku", as: String.self)
        else { throw CatalogError.variantNotFound }
        let key: SQLQueryString =
            "price_list_id = \(bind: list.id.rawValue) AND variant_id = \(bind: variantID.rawValue) AND min_quantity = \(bind: fromQuantity)"
        let old = try await db.raw("SELECT amount FROM catalog_prices WHERE " + key).first(
            decodingColumn: "amount", as: Int64.self)
        guard old != price?.amount else { return nil }
        let now = self.now
        switch (old, price) {
        case (nil, let price?):
            try await db.raw(
                """
                INSERT INTO catalog_prices (price_list_id, currency, variant_id, min_quantity, amount, updated_at)
                VALUES (\(bind: list.id.rawValue), \(bind: list.currency.code), \(bind: variantID.rawValue),
                        \(bind: fromQuantity), \(bind: price.amount), \(bind: now.epochMicroseconds))
                """
            ).run()
        case (_?, let price?):
            try await db.raw(
                "UPDATE catalog_prices SET amount = \(bind: price.amount), updated_at = \(bind: now.epochMicroseconds) WHERE "
                    + key
            ).run()
        case (_?, nil):
            try await db.raw("DELETE FROM catalog_prices WHERE " + key).run()
        case (nil, nil):
            return nil
        }
        let sequence =
            try await db.raw(
                "SELECT COALESCE(MAX(sequence), 0) + 1 AS next_sequence FROM catalog_price_history WHERE variant_id = \(bind: variantID.rawValue)"
            ).first(decodingColumn: "next_sequence", as: Int64.self) ?? 1
        let change = PriceChange(
            id: PriceChangeID.generate(ids, at: now), variantID: variantID, sequence: sequence, priceListID: list.id,
            channel: list.channel, currency: list.currency, fromQuantity: fromQuantity,
            oldPrice: old.map { Money(minorUnits: $0, currency: list.currency) }, newPrice: price, at: now)
        try await db.raw(
            """
            INSERT INTO catalog_price_history (id, variant_id, sequence, price_list_id, channel, currency, min_quantity,
                                               old_amount, new_amount, recorded_at)
            VALUES (\(bind: change.id.rawValue), \(bind: variantID.rawValue), \(bind: sequence), \(bind: list.id.rawValue),
                    \(bind: list.channel), \(bind: list.currency.code), \(bind: fromQuantity), \(bind: old),
                    \(bind: price?.amount), \(bind: now.epochMicroseconds))
            """
        ).run()
        try await outbox.append(
            PriceChanged(
                changeID: change.id, variantID: variantID, sku: sku, priceListID: list.id, channel: list.channel,
                fromQuantity: fromQuantity, oldPrice: change.oldPrice, newPrice: price, at: now),
            on: db, requestID: requestID)
        return change
    }

    private func auditPriceChange(_ change: PriceChange, by actor: AuditActor, on db: any SQLDatabase) async throws {
        try await audit.record(
            change.newPrice == nil ? "catalog.price_removed" : "catalog.price_set", by: actor,
            target: ("variant", change.variantID.rawValue),
            detail: [
                "price_list_id": change.priceListID.rawValue, "from_quantity": String(change.fromQuantity),
                "old": change.oldPrice?.description ?? "", "new": change.newPrice?.description ?? "",
            ], on: db)
    }

    /// Price lists with their tiers per variant, optionally only of one channel and currency.
    func priceCandidates(
        for variants: [VariantID], channel: String?, currency: Currency?, on db: any SQLDatabase
    ) async throws -> [VariantID: [PriceCandidate]] {
        let rows = try await inChunks(variants.map(\.rawValue)) { chunk in
            try await db.raw(
                """
                SELECT p.variant_id, p.min_quantity, p.amount, l.id AS l_id, l.name AS l_name, l.channel AS l_channel,
                       l.currency AS l_currency, l.priority AS l_priority, l.customer_group AS l_customer_group,
                       l.starts_at AS l_starts_at, l.ends_at AS l_ends_at, l.is_base AS l_is_base
                FROM catalog_prices p JOIN catalog_price_lists l ON l.id = p.price_list_id
                WHERE p.variant_id IN (\(binds: chunk))
                  AND (\(bind: channel) IS NULL OR l.channel = \(bind: channel ?? ""))
                  AND (\(bind: currency?.code) IS NULL OR l.currency = \(bind: currency?.code ?? ""))
                ORDER BY p.variant_id, l.id, p.min_quantity
                """
            ).all()
        }
        var result: [VariantID: [PriceCandidate]] = [:]
        for row in rows {
            let variant = try row.id("variant_id", as: VariantID.self)
            let list = try Self.priceList(from: row, prefix: "l_")
            let tier = PriceTier(
                fromQuantity: try row.int("min_quantity"),
                unitPrice: Money(minorUnits: try row.decode(column: "amount", as: Int64.self), currency: list.currency))
            if result[variant]?.last?.list.id == list.id {
                result[variant]![result[variant]!.count - 1].tiers.append(tier)
            } else {
                result[variant, default: []].append(PriceCandidate(list: list, tiers: [tier]))
            }
        }
        return result
    }
}
