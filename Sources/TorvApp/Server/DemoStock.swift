import Flows
import Foundation
import Inventory
import Persistence
import TorvCore

/// The demo shop's stock: two warehouses and a store that offers click and collect, with levels drawn
/// from a fixed seed — most SKUs in stock, some only in one place, a few sold out, a few on backorder
/// or pre-order — so every storefront state has an example.
enum DemoStock {
    static let actor = AuditActor(kind: "system", id: "torv demo")

    static let locations: [StockLocationDraft] = [
        StockLocationDraft(
            kind: .warehouse, name: "Malmö distribution centre",
            address: PostalAddress(line1: "Hamnvägen 4", city: "Malmö", postalCode: "211 20", countryCode: "SE"),
            coordinate: GeoCoordinate(latitude: 55.6050, longitude: 13.0038), ships: true, offersPickup: false,
            priority: 1),
        StockLocationDraft(
            kind: .warehouse, name: "Göteborg warehouse",
            address: PostalAddress(line1: "Lagergatan 12", city: "Göteborg", postalCode: "417 05", countryCode: "SE"),
            coordinate: GeoCoordinate(latitude: 57.7089, longitude: 11.9746), ships: true, offersPickup: false,
            priority: 2),
        StockLocationDraft(
            kind: .store, name: "Torv store Stockholm",
            address: PostalAddress(line1: "Stortorget 3", city: "Stockholm", postalCode: "111 29", countryCode: "SE"),
            coordinate: GeoCoordinate(latitude: 59.3251, longitude: 18.0711), ships: false, offersPickup: true,
            priority: 3),
    ]

    /// Creates the locations and books the opening stock as receipts, one per location, at what the
    /// shop paid per unit (EUR cents by SKU).
    static func seed(skus: [String], unitCosts: [String: Int], on platform: Platform) async throws -> [StockLocation] {
        func line(_ sku: String, _ quantity: Int) -> StockLine {
            StockLine(
                sku: sku, quantity: quantity,
                unitCost: unitCosts[sku].map { Money(minorUnits: Int64($0), currency: .eur) })
        }
        var random = SeededRandom(seed: 7366)
        var receipts: [[StockLine]] = Array(repeating: [], count: locations.count)
        var policies: [StockPolicy] = []
        for (index, sku) in skus.enumerated() {
            let roll = random.next(below: 100)
            if roll < 5 { continue }  // sold out everywhere
            if roll < 8 {
                policies.append(StockPolicy(sku: sku, whenOutOfStock: .backorder(limit: 25)))
                continue
            }
            receipts[0].append(line(sku, 5 + random.next(below: 56)))
            if random.next(below: 100) < 40 {
                receipts[1].append(line(sku, 1 + random.next(below: 30)))
            }
            if random.next(below: 100) < 30 {
                receipts[2].append(line(sku, 1 + random.next(below: 8)))
            }
            if index % 40 == 0 {
                policies.append(StockPolicy(sku: sku, whenOutOfStock: .refuse, lowStockThreshold: 10))
            }
        }
        let inventory = platform.inventory
        let drafts = locations
        let finalReceipts = receipts
        let finalPolicies = policies
        return try await platform.database.inTransaction { db in
            var created: [StockLocation] = []
            for draft in drafts { created.append(try await inventory.createLocation(draft, by: actor, on: db)) }
            for (location, lines) in zip(created, finalReceipts) where !lines.isEmpty {
                try await inventory.receive(
                    StockReceipt(locationID: location.id, lines: lines, reference: "Opening stock"), by: actor, on: db)
            }
            for policy in finalPolicies { _ = try await inventory.setPolicy(policy, by: actor, on: db) }
            return created
        }
    }
}
