import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Catalog {
    /// Creates a price list: a sale (a window and a higher priority), a wholesale list for a
    /// customer group, or any other set of prices for one channel and currency.
    public func createPriceList(
        _ draft: NewPriceList, by actor: AuditActor, on db: any SQLDatabase
    ) async throws
        -> PriceList
    {
        var v = Validator()
        let name = draft.name.trimmingCharacters(in: .whitespaces)
        v.check(!name.isEmpty && name.count <= 100, "/name", "must be 1 to 100 characters", code: "invalid_name")
        if let group = draft.customerGroup {
            v.check(
                !group.isEmpty && group.count <= 100, "/customer_group", "must be 1 to 100 characters",
                code: "invalid_customer_group")
        }
        if let startsAt = draft.startsAt, let endsAt = draft.endsAt {
            v.check(endsAt > startsAt, "/ends_at", "must be after starts_at", code: "invalid_window")
        }
        try v.finish()
        try await requireChannels([draft.channel], on: db)
        let list = PriceList(
            id: PriceListID.generate(ids, at: now), name: name, channel: draft.channel, currency: draft.currency,
            priority: draft.priority, customerGroup: draft.customerGroup, startsAt: draft.startsAt, endsAt: draft.endsAt
        )
        _ = try await insert(list, on: db)
        try await audit.record(
            "catalog.price_list_created", by: actor, target: ("price_list", list.id.rawValue),
            detail: ["channel": list.channel, "currency": list.currency.code, "priority": String(list.priority)], on: db
        )
        return list
    }

    /// The channel's standard price list for `currency`, created on first use (priority 0, public,
    /// always open). There is exactly one per channel and currency, even under concurrent first use.
    public func basePriceList(
        channel: String, currency: Currency, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> PriceList {
        let (list, created) = try await ensureBasePriceList(channel: channel, currency: currency, on: db)
        if created {
            try await audit.record(
                "catalog.price_list_created", by: actor, target: ("price_list", list.id.rawValue),
                detail: ["channel": channel, "currency": currency.code, "base": "true"], on: db)
        }
        return list
    }

    /// The base list, and whether this call created it.
    func ensureBasePriceList(
        channel: String, currency: Currency, on db: any SQLDatabase
    ) async throws
        -> (list: PriceList, created: Bool)
    {
        if let existing = try await loadPriceLists(where: Self.baseListCondition(channel, currency), on: db).first {
            return (existing, false)
        }
        try await requireChannels([channel], on: db)
        let list = PriceList(
            id: PriceListID.generate(ids, at: now), name: "\(channel) \(currency.code)", channel: channel,
            currency: currency, isBase: true)
        let created = try await insert(list, on: db)
        guard let stored = try await loadPriceLists(where: Self.baseListCondition(channel, currency), on: db).first
        else {
            throw CatalogError.priceListNotFound
        }
        return (stored, created)
    }

    public func priceList(_ id: PriceListID, on db: any SQLDatabase) async throws -> PriceList {
        guard let found = try await loadPriceLists(where: "id = \(bind: id.rawValue)", on: db).first else {
            throw CatalogError.priceListNotFound
        }
        return found
    }

    /// Price lists, optionally of one channel, by channel, currency and descending priority.
    public func priceLists(channel: String? = nil, on db: any SQLDatabase) async throws -> [PriceList] {
        try await loadPriceLists(
            where: "(\(bind: channel) IS NULL OR channel = \(bind: channel ?? ""))", on: db)
    }

    /// Whether the row was inserted (false: a concurrent first use created the base list).
    private func insert(_ list: PriceList, on db: any SQLDatabase) async throws -> Bool {
        try await !db.raw(
            """
            INSERT INTO catalog_price_lists (id, name, channel, currency, priority, customer_group, starts_at, ends_at,
                                             is_base, created_at)
            VALUES (\(bind: list.id.rawValue), \(bind: list.name), \(bind: list.channel), \(bind: list.currency.code),
                    \(bind: list.priority), \(bind: list.customerGroup), \(bind: list.startsAt.epochMicroseconds),
                    \(bind: list.endsAt.epochMicroseconds), \(bind: list.isBase ? 1 : 0), \(bind: now.epochMicroseconds))
            ON CONFLICT DO NOTHING RETURNING id
            """
        ).all().isEmpty
    }

    static func baseListCondition(_ channel: String, _ currency: Currency) -> SQLQueryString {
        "is_base = 1 AND channel = \(bind: channel) AND currency = \(bind: currency.code)"
    }

    func loadPriceLists(where condition: SQLQueryString, on db: any SQLDatabase) async throws -> [PriceList] {
        try await db.raw(
            """
            SELECT id, name, channel, currency, priority, customer_group, starts_at, ends_at, is_base
            FROM catalog_price_lists WHERE
            """ + " " + condition + " ORDER BY channel, currency, priority DESC, id"
        ).all().map { try Self.priceList(from: $0) }
    }

    static func priceList(from row: any SQLRow, prefix: String = "") throws -> PriceList {
        PriceList(
            id: try row.id(prefix + "id", as: PriceListID.self), name: try row.string(prefix + "name"),
            channel: try row.string(prefix + "channel"), currency: try row.currency(prefix + "currency"),
            priority: try row.int(prefix + "priority"),
            customerGroup: try row.optionalString(prefix + "customer_group"),
            startsAt: try row.optionalDate(prefix + "starts_at"), endsAt: try row.optionalDate(prefix + "ends_at"),
            isBase: try row.int(prefix + "is_base") == 1)
    }
}
