import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Inventory {
    /// Opens a warehouse, store or pick-up point.
    public func createLocation(
        _ draft: StockLocationDraft, by actor: AuditActor, on db: any SQLDatabase
    )
        async throws -> StockLocation
    {
        try Self.validate(draft)
        let now = self.now
        let location = StockLocation(
            id: StockLocationID.generate(ids, at: now), kind: draft.kind, name: Self.trimmed(draft.name),
            address: draft.address, coordinate: draft.coordinate, ships: draft.ships, offersPickup: draft.offersPickup,
            priority: draft.priority, isActive: draft.isActive, createdAt: now)
        try await InventoryStore.insert(location, on: db)
        try await audit.record(
            "location.created", by: actor, target: ("stock_location", location.id.rawValue),
            detail: ["name": location.name, "kind": location.kind.rawValue], on: db)
        return location
    }

    /// Replaces a location's details. Deactivating keeps its stock and holds; it only stops new allocations.
    public func updateLocation(
        _ id: StockLocationID, to draft: StockLocationDraft, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> StockLocation {
        try Self.validate(draft)
        var draft = draft
        draft.name = Self.trimmed(draft.name)
        guard let location = try await InventoryStore.update(id, to: draft, now: now, on: db) else {
            throw InventoryError.locationNotFound
        }
        try await audit.record(
            "location.updated", by: actor, target: ("stock_location", id.rawValue),
            detail: ["name": location.name, "active": String(location.isActive)], on: db)
        return location
    }

    public func location(_ id: StockLocationID, on db: any SQLDatabase) async throws -> StockLocation {
        guard let location = try await InventoryStore.location(id, on: db) else {
            throw InventoryError.locationNotFound
        }
        return location
    }

    /// Locations by priority, then ID.
    public func locations(includingInactive: Bool = false, on db: any SQLDatabase) async throws -> [StockLocation] {
        try await db.raw(
            """
            SELECT \(unsafeRaw: InventoryStore.locationColumns) FROM inventory_locations
            WHERE active = 1 OR \(bind: includingInactive ? 1 : 0) = 1
            ORDER BY priority, id
            """
        ).all().map(InventoryStore.location(from:))
    }

    static func validate(_ draft: StockLocationDraft) throws(ValidationError) {
        var validator = Validator()
        let name = trimmed(draft.name)
        validator.check(
            !name.isEmpty && name.count <= 200, "/name", "must be 1 to 200 characters", code: "invalid_name")
        func require(_ value: String, _ pointer: String) {
            if trimmed(value).isEmpty {
                validator.add(InventoryError.invalidLocationField("must not be empty"), at: pointer)
            }
        }
        require(draft.address.line1, "/address/line1")
        require(draft.address.city, "/address/city")
        let country = draft.address.countryCode
        if country.count != 2 || !country.allSatisfy({ $0.isASCII && $0.isUppercase }) {
            validator.add(
                InventoryError.invalidLocationField("must be an ISO 3166-1 alpha-2 code such as DE"),
                at: "/address/country_code")
        }
        if let coordinate = draft.coordinate, !coordinate.isValid {
            validator.add(
                InventoryError.invalidLocationField("latitude must be within ±90 and longitude within ±180"),
                at: "/coordinate")
        }
        if !(0...1_000_000).contains(draft.priority) {
            validator.add(InventoryError.invalidLocationField("must be between 0 and 1000000"), at: "/priority")
        }
        if draft.kind == .pickupPoint && !draft.offersPickup {
            validator.add(
                InventoryError.invalidLocationField("a pick-up point must offer pick-up"), at: "/offers_pickup")
        }
        try validator.finish()
    }

    static func trimmed(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
