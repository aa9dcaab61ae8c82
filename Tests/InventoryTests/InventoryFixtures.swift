import Flows
import Foundation
import Inventory
import Persistence
import TestSupport
import TorvCore

extension AuditActor {
    static let clerk = AuditActor(kind: "staff", id: "stf_clerk", requestID: "req_test")
}

extension StockLocationDraft {
    static func fixture(
        _ name: String, kind: StockLocationKind = .warehouse, at coordinate: GeoCoordinate? = nil,
        ships: Bool = true, offersPickup: Bool = false, priority: Int = 100
    ) -> StockLocationDraft {
        StockLocationDraft(
            kind: kind, name: name,
            address: PostalAddress(line1: "1 \(name) Street", city: "Berlin", postalCode: "10115", countryCode: "DE"),
            coordinate: coordinate, ships: ships, offersPickup: offersPickup, priority: priority)
    }
}

extension Platform {
    /// Creates a location in its own transaction.
    func location(_ draft: StockLocationDraft) async throws -> StockLocation {
        let inventory = self.inventory
        return try await database.inTransaction { db in
            try await inventory.createLocation(draft, by: .clerk, on: db)
        }
    }

    /// Books a receipt of `quantity` units in its own transaction.
    func stock(_ sku: String, _ quantity: Int, at location: StockLocation) async throws {
        let inventory = self.inventory
        try await database.inTransaction { db in
            try await inventory.receive(
                StockReceipt(locationID: location.id, lines: [StockLine(sku: sku, quantity: quantity)]), by: .clerk,
                on: db)
        }
    }

    func reserve(
        _ requests: [StockRequest], for reference: String, minutes: Double = 15, routing: RoutingRule = .priority
    ) async throws -> StockReservation {
        let inventory = self.inventory
        let expiry = clock.now().addingTimeInterval(minutes * 60)
        return try await database.inTransaction { db in
            try await inventory.reserve(requests, for: reference, until: expiry, routing: routing, on: db)
        }
    }

    func level(_ sku: String, at location: StockLocation) async throws -> StockLevel {
        let inventory = self.inventory
        return try await database.read { db in try await inventory.stockLevel(of: sku, at: location.id, on: db) }
    }

    func violations() async throws -> [InventoryViolation] {
        let inventory = self.inventory
        return try await database.read { db in try await inventory.verifyInvariants(on: db) }
    }

    /// Event types in the outbox, oldest first.
    func eventTypes() async throws -> [String] {
        let outbox = self.outbox
        return try await database.read { db in try await outbox.history(limit: 10_000, on: db) }.map(\.type)
    }

    func events<E: DomainEvent>(_ type: E.Type) async throws -> [E] {
        let outbox = self.outbox
        return try await database.read { db in try await outbox.history(limit: 10_000, on: db) }
            .filter { $0.type == E.eventType }.map { try $0.decode(E.self) }
    }
}
