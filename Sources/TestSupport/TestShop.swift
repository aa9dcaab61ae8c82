public import Catalog
public import Checkout
public import Flows
import Foundation
public import Inventory
public import Persistence
public import TorvCore

/// A small shop every commerce test can start from: a tee in two sizes and a mug, priced in EUR on the
/// web channel, stock at a warehouse and a pick-up store, Swedish and German VAT, and a parcel service
/// to the Nordics and Germany that is free over 50 EUR.
public struct TestShop: Sendable {
    public var teeS: VariantID
    public var teeM: VariantID
    public var mug: VariantID
    public var warehouse: StockLocationID
    public var store: StockLocationID
    public var parcel: ShippingMethodID

    public static let actor = AuditActor(kind: "system", id: "test shop")

    public static let catalogue = """
        handle,title,description,brand,status,category,tax_class,purchasable_from,channels,option1_name,option1_value,sku,weight_grams,channel,currency,price
        tee,Organic Tee,Soft cotton,Nord,published,Clothing,standard,,web,Size,S,TEE-S,200,web,EUR,19.99
        tee,,,,,,,,,Size,M,TEE-M,220,web,EUR,21.50
        mug,Stoneware Mug,Holds tea,Nord,published,Kitchen,reduced,,web,,,MUG,400,web,EUR,9.00

        """

    /// What the shop paid per unit, so sales carry a cost of goods.
    public static let unitCosts: [String: Money] = [
        "TEE-S": Money(minorUnits: 800, currency: .eur), "TEE-M": Money(minorUnits: 850, currency: .eur),
        "MUG": Money(minorUnits: 350, currency: .eur),
    ]

    /// Seeds the shop with `stock` units of every SKU at the warehouse and two of each at the store.
    /// Prices take effect at the clock's now, so advance it before shopping.
    public static func seed(stock: Int = 50, on platform: Platform) async throws -> TestShop {
        let report = try await CatalogImport.run(csv: catalogue, dryRun: false, by: actor, on: platform)
        precondition(report.problems.isEmpty, "the test catalogue imports")
        return try await platform.database.inTransaction { db in
            let catalog = platform.catalog
            let warehouse = try await platform.inventory.createLocation(
                StockLocationDraft(
                    kind: .warehouse, name: "Warehouse",
                    address: PostalAddress(line1: "Dock 1", city: "Malmö", postalCode: "211 20", countryCode: "SE"),
                    ships: true, offersPickup: false, priority: 1), by: actor, on: db)
            let store = try await platform.inventory.createLocation(
                StockLocationDraft(
                    kind: .store, name: "Store",
                    address: PostalAddress(line1: "Torget 1", city: "Lund", postalCode: "222 21", countryCode: "SE"),
                    ships: false, offersPickup: true, priority: 2), by: actor, on: db)
            let skus = ["TEE-S", "TEE-M", "MUG"]
            try await platform.inventory.receive(
                StockReceipt(
                    locationID: warehouse.id,
                    lines: skus.map { StockLine(sku: $0, quantity: stock, unitCost: unitCosts[$0]) }),
                by: actor, on: db)
            try await platform.inventory.receive(
                StockReceipt(
                    locationID: store.id, lines: skus.map { StockLine(sku: $0, quantity: 2, unitCost: unitCosts[$0]) }),
                by: actor, on: db)
            for (country, standard, reduced) in [("SE", 2500, 1200), ("DE", 1900, 700), ("DK", 2500, 2500)] {
                _ = try await platform.checkout.setTaxRate(
                    TaxRate(country: country, taxClass: "standard", basisPoints: standard), by: actor, on: db)
                _ = try await platform.checkout.setTaxRate(
                    TaxRate(country: country, taxClass: "reduced", basisPoints: reduced), by: actor, on: db)
            }
            let zone = try await platform.checkout.createShippingZone(
                ShippingZoneDraft(name: "Nordics and Germany", countries: ["SE", "DK", "DE"]), by: actor, on: db)
            let eur = Currency(code: "EUR")!
            let parcel = try await platform.checkout.createShippingMethod(
                ShippingMethodDraft(
                    zoneID: zone.id, name: "Parcel", carrier: "PostNord", currency: eur, basis: .weight,
                    bands: [ShippingRateBand(upTo: 5000, price: 490), ShippingRateBand(upTo: nil, price: 990)],
                    freeOver: Money(minorUnits: 5000, currency: eur),
                    estimate: DeliveryEstimate(minimumDays: 1, maximumDays: 3)), by: actor, on: db)
            return TestShop(
                teeS: try await catalog.variant(sku: "TEE-S", on: db).id,
                teeM: try await catalog.variant(sku: "TEE-M", on: db).id,
                mug: try await catalog.variant(sku: "MUG", on: db).id,
                warehouse: warehouse.id, store: store.id, parcel: parcel.id)
        }
    }

    public static let address = Address(
        name: "Ada Lovelace", line1: "Storgatan 1", city: "Malmö", postalCode: "211 22", country: "SE")
}
