import Foundation
import Persistence
import SQLKit
import TorvCore

extension InventoryStore {
    static let locationColumns = """
        id, kind, name, address_line1, address_line2, city, postal_code, country_code, latitude, longitude,
        ships, offers_pickup, priority, active, created_at
        """

    static func location(from row: any SQLRow) throws -> StockLocation {
        let latitude = try row.decode(column: "latitude", as: Double?.self)
        let longitude = try row.decode(column: "longitude", as: Double?.self)
        return StockLocation(
            id: try row.id("id", as: StockLocationID.self, table: "inventory_locations"),
            kind: try row.enumeration("kind", as: StockLocationKind.self, table: "inventory_locations"),
            name: try row.string("name"),
            address: PostalAddress(
                line1: try row.string("address_line1"), line2: try row.optionalString("address_line2"),
                city: try row.string("city"), postalCode: try row.string("postal_code"),
                countryCode: try row.string("country_code")),
            coordinate: latitude.flatMap { lat in longitude.map { GeoCoordinate(latitude: lat, longitude: $0) } },
            ships: try row.flag("ships"), offersPickup: try row.flag("offers_pickup"),
            priority: try row.int("priority"), isActive: try row.flag("active"), createdAt: try row.date("created_at"))
    }

    static func location(_ id: StockLocationID, on db: any SQLDatabase) async throws -> StockLocation? {
        try await db.raw(
            "SELECT \(unsafeRaw: locationColumns) FROM inventory_locations WHERE id = \(bind: id.rawValue)"
        ).first().map(location(from:))
    }

    static func insert(_ location: StockLocation, on db: any SQLDatabase) async throws {
        let now = location.createdAt.epochMicroseconds
        try await db.raw(
            """
            INSERT INTO inventory_locations (\(unsafeRaw: locationColumns), updated_at)
            VALUES (\(bind: location.id.rawValue), \(bind: location.kind.rawValue), \(bind: location.name),
                    \(bind: location.address.line1), \(bind: location.address.line2), \(bind: location.address.city),
                    \(bind: location.address.postalCode), \(bind: location.address.countryCode),
                    \(bind: location.coordinate?.latitude), \(bind: location.coordinate?.longitude),
                    \(bind: location.ships.flag), \(bind: location.offersPickup.flag), \(bind: location.priority),
                    \(bind: location.isActive.flag), \(bind: now), \(bind: now))
            """
        ).run()
    }

    static func update(
        _ id: StockLocationID, to draft: StockLocationDraft, now: Date, on db: any SQLDatabase
    )
        async throws -> StockLocation?
    {
        try await db.raw(
            """
            UPDATE inventory_locations SET
                kind = \(bind: draft.kind.rawValue), name = \(bind: draft.name),
                address_line1 = \(bind: draft.address.line1), address_line2 = \(bind: draft.address.line2),
                city = \(bind: draft.address.city), postal_code = \(bind: draft.address.postalCode),
                country_code = \(bind: draft.address.countryCode),
                latitude = \(bind: draft.coordinate?.latitude), longitude = \(bind: draft.coordinate?.longitude),
                ships = \(bind: draft.ships.flag), offers_pickup = \(bind: draft.offersPickup.flag),
                priority = \(bind: draft.priority), active = \(bind: draft.isActive.flag),
                updated_at = \(bind: now.epochMicroseconds)
            WHERE id = \(bind: id.rawValue)
            RETURNING \(unsafeRaw: locationColumns)
            """
        ).first().map(location(from:))
    }

    /// The IDs among `ids` that name no location.
    static func unknownLocations(_ ids: [StockLocationID], on db: any SQLDatabase) async throws -> Set<StockLocationID>
    {
        guard !ids.isEmpty else { return [] }
        let known = try await db.raw(
            "SELECT id FROM inventory_locations WHERE id IN (\(binds: Array(Set(ids.map(\.rawValue)))))"
        ).all(decodingColumn: "id", as: String.self)
        return Set(ids).subtracting(known.compactMap(StockLocationID.init))
    }

    /// Every active location with its stock of `sku` (zero where it has no level yet), for routing.
    static func candidates(
        for sku: String, policy: StockPolicy, on db: any SQLDatabase
    ) async throws
        -> [(StockCandidate, hasLevel: Bool)]
    {
        let rows = try await db.raw(
            """
            SELECT loc.id, loc.kind, loc.priority, loc.latitude, loc.longitude, loc.ships, loc.offers_pickup,
                   l.on_hand, l.reserved, l.min_available, l.sku AS level_sku
            FROM inventory_locations loc
            LEFT JOIN inventory_stock_levels l ON l.location_id = loc.id AND l.sku = \(bind: sku)
            WHERE loc.active = 1
            ORDER BY loc.id
            """
        ).all()
        return try rows.map { row in
            let latitude = try row.decode(column: "latitude", as: Double?.self)
            let longitude = try row.decode(column: "longitude", as: Double?.self)
            let location = RoutingLocation(
                id: try row.id("id", as: StockLocationID.self, table: "inventory_locations"),
                kind: try row.enumeration("kind", as: StockLocationKind.self, table: "inventory_locations"),
                coordinate: latitude.flatMap { lat in longitude.map { GeoCoordinate(latitude: lat, longitude: $0) } },
                priority: try row.int("priority"), ships: try row.flag("ships"),
                offersPickup: try row.flag("offers_pickup"))
            let hasLevel = try row.optionalString("level_sku") != nil
            let available = try hasLevel ? row.int("on_hand") - row.int("reserved") : 0
            let minimum = try hasLevel ? row.optionalInt("min_available") : policy.whenOutOfStock.minimumAvailable
            return (
                StockCandidate(sku: sku, location: location, available: available, minimumAvailable: minimum), hasLevel
            )
        }
    }
}
