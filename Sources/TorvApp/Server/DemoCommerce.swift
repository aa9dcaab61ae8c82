import Catalog
import Checkout
import Customers
import Flows
import Foundation
import Persistence
import SQLKit
import TorvCore

/// The demo shop's shipping, VAT and B2B customer: parcel and express services to the Nordics and a
/// few EU countries, each country's real VAT rates, and a company whose buyer needs approval above
/// 200 EUR.
enum DemoCommerce {
    static let actor = AuditActor(kind: "system", id: "torv demo")

    /// Standard and reduced VAT in basis points, as of 2026.
    static let vat: [(country: String, standard: Int, reduced: Int)] = [
        ("SE", 2500, 1200), ("DK", 2500, 2500), ("NO", 2500, 1500), ("FI", 2550, 1400), ("DE", 1900, 700),
        ("NL", 2100, 900), ("FR", 2000, 550),
    ]

    static func seed(on platform: Platform) async throws {
        let eur = Currency(code: "EUR")!
        let sek = Currency(code: "SEK")!
        try await platform.database.inTransaction { db in
            let checkout = platform.checkout
            for rate in vat {
                _ = try await checkout.setTaxRate(
                    TaxRate(country: rate.country, taxClass: "standard", basisPoints: rate.standard), by: actor, on: db)
                _ = try await checkout.setTaxRate(
                    TaxRate(country: rate.country, taxClass: "reduced", basisPoints: rate.reduced), by: actor, on: db)
            }
            let nordics = try await checkout.createShippingZone(
                ShippingZoneDraft(name: "Nordics", countries: ["SE", "DK", "NO", "FI"]), by: actor, on: db)
            let europe = try await checkout.createShippingZone(
                ShippingZoneDraft(name: "Western Europe", countries: ["DE", "NL", "FR"]), by: actor, on: db)
            for (zone, base) in [(nordics, Int64(490)), (europe, Int64(890))] {
                _ = try await checkout.createShippingMethod(
                    ShippingMethodDraft(
                        zoneID: zone.id, name: "Parcel", carrier: "PostNord", currency: eur, basis: .weight,
                        bands: [
                            ShippingRateBand(upTo: 2000, price: base), ShippingRateBand(upTo: 10000, price: base + 300),
                            ShippingRateBand(upTo: nil, price: base + 800),
                        ], freeOver: Money(minorUnits: 6000, currency: eur),
                        estimate: DeliveryEstimate(minimumDays: 1, maximumDays: zone.id == nordics.id ? 3 : 5)),
                    by: actor, on: db)
                _ = try await checkout.createShippingMethod(
                    ShippingMethodDraft(
                        zoneID: zone.id, name: "Express", carrier: "DHL", currency: eur, basis: .subtotal,
                        bands: [ShippingRateBand(upTo: nil, price: base + 1000)],
                        estimate: DeliveryEstimate(minimumDays: 1, maximumDays: 1)), by: actor, on: db)
            }
            _ = try await checkout.createShippingMethod(
                ShippingMethodDraft(
                    zoneID: nordics.id, name: "Paket", carrier: "PostNord", currency: sek, basis: .weight,
                    bands: [ShippingRateBand(upTo: 5000, price: 5900), ShippingRateBand(upTo: nil, price: 9900)],
                    freeOver: Money(minorUnits: 69900, currency: sek),
                    estimate: DeliveryEstimate(minimumDays: 1, maximumDays: 3)), by: actor, on: db)
        }
    }

    /// Nordic Office AB: Grace buys (approval above 200 EUR), Alan approves, invoices on 30 days.
    static func company(buyer: String, approver: String, on platform: Platform) async throws {
        let eur = Currency(code: "EUR")!
        try await platform.database.inTransaction { db in
            let contract = try await contractPriceList(on: platform, db: db)
            let company = try await platform.customers.createCompany(
                CompanyDraft(
                    legalName: "Nordic Office AB", vatID: "SE556677889901",
                    billingAddress: StreetAddress(
                        recipient: "Accounts payable", line1: "Kungsgatan 12", city: "Stockholm", postalCode: "111 43",
                        countryCode: "SE"), paymentTermsDays: 30,
                    creditLimit: Money(minorUnits: 500_000, currency: eur),
                    priceListID: contract.rawValue),
                by: actor, on: db)
            _ = try await platform.customers.addBuyer(
                company.id, customerID: buyer, role: .buyer, approvalLimit: Money(minorUnits: 20000, currency: eur),
                by: actor, on: db)
            _ = try await platform.customers.addBuyer(
                company.id, customerID: approver, role: .approver, by: actor, on: db)
        }
    }

    /// The company's negotiated prices: 12 % off the first forty products' web prices in EUR, on a list
    /// restricted to a group nobody joins, so only the company's buyers see it.
    static func contractPriceList(on platform: Platform, db: any SQLDatabase) async throws -> PriceListID {
        let eur = Currency(code: "EUR")!
        let catalog = platform.catalog
        let list = try await catalog.createPriceList(
            NewPriceList(
                name: "Nordic Office AB contract", channel: "web", currency: eur, priority: 10,
                customerGroup: "contract-nordic-office"), by: actor, on: db)
        let now = platform.clock.now()
        for product in try await catalog.products(status: .published, limit: 40, on: db) {
            for variant in try await catalog.variants(of: product.id, on: db) {
                guard
                    let base = try? await catalog.price(
                        of: variant.id, for: PricingContext(channel: "web", currency: eur, at: now), on: db)
                else { continue }
                let discounted = base.unitPrice.amount * 88 / 100
                try await catalog.setPrice(
                    Money(minorUnits: discounted, currency: eur), of: variant.id, in: list.id, by: actor, on: db)
            }
        }
        return list.id
    }
}
