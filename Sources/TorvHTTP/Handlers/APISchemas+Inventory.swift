import Foundation
import Inventory
import Persistence
import TorvAPI
import TorvCore

extension PostalAddress {
    init(_ address: Components.Schemas.LocationAddress) {
        self.init(
            line1: address.line1, line2: address.line2, city: address.city, postalCode: address.postalCode,
            countryCode: address.country)
    }
}

extension Components.Schemas.StockLocation {
    init(_ location: StockLocation) {
        self.init(
            id: location.id.rawValue, kind: .init(rawValue: location.kind.rawValue) ?? .warehouse,
            name: location.name,
            address: .init(
                line1: location.address.line1, line2: location.address.line2, city: location.address.city,
                postalCode: location.address.postalCode, country: location.address.countryCode),
            coordinate: location.coordinate.map { .init(latitude: $0.latitude, longitude: $0.longitude) },
            ships: location.ships, offersPickup: location.offersPickup, priority: location.priority,
            active: location.isActive, createdAt: location.createdAt)
    }
}

extension Components.Schemas.StockLevel {
    init(_ level: StockLevel) {
        self.init(
            sku: level.sku, locationId: level.locationID.rawValue, onHand: Int64(level.onHand),
            reserved: Int64(level.reserved), available: Int64(level.available),
            minimumAvailable: level.minimumAvailable.map(Int64.init), updatedAt: level.updatedAt)
    }
}

extension Components.Schemas.StockMovement {
    init(_ movement: StockMovement) {
        self.init(
            id: movement.id.rawValue, sku: movement.sku, locationId: movement.locationID.rawValue,
            reason: .init(rawValue: movement.reason.rawValue) ?? .adjustment, quantity: Int64(movement.quantity),
            onHandAfter: Int64(movement.onHandAfter), document: movement.document, reference: movement.reference,
            note: movement.note, actor: "\(movement.actor.kind):\(movement.actor.id)", occurredAt: movement.occurredAt)
    }
}

extension Components.Schemas.StockPolicy {
    init(_ policy: StockPolicy) {
        let rule: WhenOutOfStockPayload
        var limit: Int?
        var from: Date?
        switch policy.whenOutOfStock {
        case .refuse: rule = .refuse
        case .backorder(let max):
            rule = .backorder
            limit = max
        case .preorder(let date, let max):
            rule = .preorder
            limit = max
            from = date
        }
        self.init(
            sku: policy.sku, whenOutOfStock: rule, limit: limit.map(Int64.init), availableFrom: from,
            lowStockThreshold: policy.lowStockThreshold.map(Int64.init))
    }
}
