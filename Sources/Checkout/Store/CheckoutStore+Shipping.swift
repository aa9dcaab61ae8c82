import Foundation
import Persistence
import SQLKit
import TorvCore

extension CheckoutStore {
    static func zone(_ id: ShippingZoneID, on db: any SQLDatabase) async throws -> ShippingZone? {
        guard
            let row = try await db.raw(
                "SELECT id, name, created_at, updated_at FROM checkout_shipping_zones WHERE id = \(bind: id.rawValue)"
            ).first()
        else { return nil }
        return try await zone(from: row, on: db)
    }

    static func zones(on db: any SQLDatabase) async throws -> [ShippingZone] {
        var zones: [ShippingZone] = []
        for row in try await db.raw(
            "SELECT id, name, created_at, updated_at FROM checkout_shipping_zones ORDER BY name, id"
        ).all() {
            zones.append(try await zone(from: row, on: db))
        }
        return zones
    }

    private static func zone(from row: any SQLRow, on db: any SQLDatabase) async throws -> ShippingZone {
        let id = try row.id("id", as: ShippingZoneID.self, table: "checkout_shipping_zones")
        let countries = try await db.raw(
            """
            SELECT country FROM checkout_shipping_zone_countries WHERE zone_id = \(bind: id.rawValue) ORDER BY country
            """
        ).all(decodingColumn: "country", as: String.self)
        return ShippingZone(
            id: id, name: try row.string("name"), countries: countries, createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at"))
    }

    static func upsertZone(_ zone: ShippingZone, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO checkout_shipping_zones (id, name, created_at, updated_at)
            VALUES (\(bind: zone.id.rawValue), \(bind: zone.name), \(bind: zone.createdAt.epochMicroseconds),
                    \(bind: zone.updatedAt.epochMicroseconds))
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at
            """
        ).run()
        try await db.raw(
            "DELETE FROM checkout_shipping_zone_countries WHERE zone_id = \(bind: zone.id.rawValue)"
        ).run()
        for country in zone.countries {
            try await db.raw(
                """
                INSERT INTO checkout_shipping_zone_countries (country, zone_id)
                VALUES (\(bind: country), \(bind: zone.id.rawValue))
                """
            ).run()
        }
    }

    /// The zones other than `zone` that already hold any of `countries`.
    static func owners(
        of countries: [String], except zone: ShippingZoneID?, on db: any SQLDatabase
    ) async throws -> [String: ShippingZoneID] {
        guard !countries.isEmpty else { return [:] }
        var owners: [String: ShippingZoneID] = [:]
        for row in try await db.raw(
            """
            SELECT country, zone_id FROM checkout_shipping_zone_countries
            WHERE country IN (\(binds: countries)) AND zone_id <> \(bind: zone?.rawValue ?? "")
            """
        ).all() {
            owners[try row.string("country")] = try row.id(
                "zone_id", as: ShippingZoneID.self, table: "checkout_shipping_zone_countries")
        }
        return owners
    }

    static let methodColumns = """
        id, zone_id, name, carrier, currency, basis, bands, free_over, active, min_days, max_days, created_at, updated_at
        """

    static func method(from row: any SQLRow) throws -> ShippingMethod {
        let table = "checkout_shipping_methods"
        let currency = try row.currency("currency")
        let minDays = try row.optionalInt("min_days")
        let maxDays = try row.optionalInt("max_days")
        return ShippingMethod(
            id: try row.id("id", as: ShippingMethodID.self, table: table),
            zoneID: try row.id("zone_id", as: ShippingZoneID.self, table: table), name: try row.string("name"),
            carrier: try row.optionalString("carrier"), currency: currency,
            basis: try row.enumeration("basis", as: ShippingRateBasis.self, table: table),
            bands: try decodeJSON([ShippingRateBand].self, try row.string("bands")),
            freeOver: try row.decode(column: "free_over", as: Int64?.self).map {
                Money(minorUnits: $0, currency: currency)
            },
            isActive: try row.flag("active"),
            estimate: minDays.flatMap { min in maxDays.map { DeliveryEstimate(minimumDays: min, maximumDays: $0) } },
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }

    static func method(_ id: ShippingMethodID, on db: any SQLDatabase) async throws -> ShippingMethod? {
        try await db.raw(
            "SELECT \(unsafeRaw: methodColumns) FROM checkout_shipping_methods WHERE id = \(bind: id.rawValue)"
        ).first().map(method(from:))
    }

    /// Methods of one zone, or of all zones, by name.
    static func methods(in zone: ShippingZoneID?, on db: any SQLDatabase) async throws -> [ShippingMethod] {
        try await db.raw(
            """
            SELECT \(unsafeRaw: methodColumns) FROM checkout_shipping_methods
            WHERE \(bind: zone?.rawValue) IS NULL OR zone_id = \(bind: zone?.rawValue ?? "")
            ORDER BY name, id
            """
        ).all().map(method(from:))
    }

    /// Active methods of the zone that holds `country`.
    static func methods(servingCountry country: String, on db: any SQLDatabase) async throws -> [ShippingMethod] {
        try await db.raw(
            """
            SELECT \(unsafeRaw: methodColumns) FROM checkout_shipping_methods
            WHERE active = 1
              AND zone_id = (SELECT zone_id FROM checkout_shipping_zone_countries WHERE country = \(bind: country))
            ORDER BY name, id
            """
        ).all().map(method(from:))
    }

    static func upsertMethod(_ method: ShippingMethod, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO checkout_shipping_methods (\(unsafeRaw: methodColumns))
            VALUES (\(bind: method.id.rawValue), \(bind: method.zoneID.rawValue), \(bind: method.name),
                    \(bind: method.carrier), \(bind: method.currency.code), \(bind: method.basis.rawValue),
                    \(bind: try json(method.bands)), \(bind: method.freeOver?.amount), \(bind: method.isActive.flag),
                    \(bind: method.estimate?.minimumDays), \(bind: method.estimate?.maximumDays),
                    \(bind: method.createdAt.epochMicroseconds), \(bind: method.updatedAt.epochMicroseconds))
            ON CONFLICT (id) DO UPDATE SET
                zone_id = excluded.zone_id, name = excluded.name, carrier = excluded.carrier,
                currency = excluded.currency, basis = excluded.basis, bands = excluded.bands,
                free_over = excluded.free_over, active = excluded.active, min_days = excluded.min_days,
                max_days = excluded.max_days, updated_at = excluded.updated_at
            """
        ).run()
    }
}
