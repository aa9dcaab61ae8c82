import Checkout
import Flows
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

@Suite("Shipping zones and methods")
struct ShippingStoreTests {
    static let weightBands = [
        ShippingRateBand(upTo: 1000, price: 490), ShippingRateBand(upTo: 5000, price: 690),
    ]

    @Test("zones and methods are stored, listed, updated and audited", arguments: TestBackend.allCases)
    func persistence(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let (zone, method) = try await platform.run { c, db in
                let zone = try await c.createShippingZone(
                    ShippingZoneDraft(name: " EU ", countries: ["FR", "DE", "DE"]), by: .clerk, on: db)
                let method = try await c.createShippingMethod(
                    ShippingMethodDraft(
                        zoneID: zone.id, name: "Parcel", carrier: "DHL", currency: .eur, basis: .weight,
                        bands: Self.weightBands, freeOver: .eur(5000),
                        estimate: DeliveryEstimate(minimumDays: 1, maximumDays: 3)),
                    by: .clerk, on: db)
                return (zone, method)
            }
            #expect(zone.name == "EU" && zone.countries == ["DE", "FR"])
            let (zones, methods, reread) = try await platform.run { c, db in
                (
                    try await c.shippingZones(on: db), try await c.shippingMethods(in: zone.id, on: db),
                    try await c.shippingMethod(method.id, on: db)
                )
            }
            #expect(zones == [zone])
            #expect(methods == [method])
            #expect(reread.bands == Self.weightBands && reread.freeOver == .eur(5000) && reread.carrier == "DHL")
            #expect(reread.estimate == DeliveryEstimate(minimumDays: 1, maximumDays: 3))

            env.clock.advance(by: 60)
            let (renamed, retired) = try await platform.run { c, db in
                (
                    try await c.updateShippingZone(
                        zone.id, to: ShippingZoneDraft(name: "DACH", countries: ["DE", "AT", "CH"]), by: .clerk, on: db),
                    try await c.updateShippingMethod(
                        method.id,
                        to: ShippingMethodDraft(
                            zoneID: zone.id, name: "Parcel", currency: .eur, basis: .subtotal,
                            bands: [ShippingRateBand(upTo: nil, price: 0)], isActive: false),
                        by: .clerk, on: db)
                )
            }
            #expect(renamed.countries == ["AT", "CH", "DE"] && renamed.createdAt == zone.createdAt)
            #expect(
                !retired.isActive && retired.basis == .subtotal && retired.freeOver == nil && retired.estimate == nil)
            #expect(try await platform.run { c, db in try await c.shippingZones(on: db) } == [renamed])
            #expect(
                try await platform.auditActions()
                    == [
                        "shipping_zone.created", "shipping_method.created", "shipping_zone.updated",
                        "shipping_method.updated",
                    ])
        }
    }

    @Test("a country belongs to one zone only", arguments: TestBackend.allCases)
    func countryInOneZone(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let eu = try await platform.run { c, db in
                try await c.createShippingZone(
                    ShippingZoneDraft(name: "EU", countries: ["DE", "FR"]), by: .clerk, on: db)
            }
            await #expect(throws: CheckoutError.countryInAnotherZone(country: "FR", zone: eu.id)) {
                try await platform.run { c, db in
                    try await c.createShippingZone(
                        ShippingZoneDraft(name: "West", countries: ["FR", "ES"]), by: .clerk, on: db)
                }
            }
            // The refused zone left nothing behind, and the transaction that caught the error can go on.
            let zones = try await platform.run { c, db in
                _ = try? await c.createShippingZone(
                    ShippingZoneDraft(name: "West", countries: ["ES", "FR"]), by: .clerk, on: db)
                return try await c.shippingZones(on: db)
            }
            #expect(zones.map(\.name) == ["EU"])
        }
    }

    @Test("bad zones and rate tables are refused field by field", arguments: TestBackend.allCases)
    func validation(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let zoneError = await refusal {
                try await platform.run { c, db in
                    try await c.createShippingZone(
                        ShippingZoneDraft(name: "", countries: ["DE", "Germany"]), by: .clerk, on: db)
                }
            }
            #expect(pointers(zoneError) == ["/name", "/countries/1"])
            let zone = try await platform.run { c, db in
                try await c.createShippingZone(ShippingZoneDraft(name: "EU", countries: ["DE"]), by: .clerk, on: db)
            }
            let methodError = await refusal {
                try await platform.run { c, db in
                    try await c.createShippingMethod(
                        ShippingMethodDraft(
                            zoneID: zone.id, name: "Bad", currency: .eur, basis: .weight,
                            bands: [
                                ShippingRateBand(upTo: nil, price: 100), ShippingRateBand(upTo: 500, price: -1),
                                ShippingRateBand(upTo: 400, price: 1),
                            ],
                            freeOver: Money(minorUnits: 100, currency: .sek),
                            estimate: DeliveryEstimate(minimumDays: 5, maximumDays: 2)),
                        by: .clerk, on: db)
                }
            }
            #expect(
                pointers(methodError)
                    == ["/bands/0/up_to", "/bands/1/price", "/bands/2/up_to", "/free_over", "/estimate"])
            await #expect(throws: CheckoutError.shippingZoneNotFound) {
                try await platform.run { c, db in
                    try await c.createShippingMethod(
                        ShippingMethodDraft(
                            zoneID: ShippingZoneID.generate(env.ids), name: "Parcel", currency: .eur, basis: .weight,
                            bands: Self.weightBands),
                        by: .clerk, on: db)
                }
            }
            #expect(try await platform.auditActions() == ["shipping_zone.created"])
        }
    }

    @Test(
        "options for a destination: active methods of its zone in the currency that cover the parcel, cheapest first",
        arguments: TestBackend.allCases)
    func options(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let (parcel, express) = try await platform.run { c, db in
                let eu = try await c.createShippingZone(
                    ShippingZoneDraft(name: "EU", countries: ["DE", "AT"]), by: .clerk, on: db)
                let nordic = try await c.createShippingZone(
                    ShippingZoneDraft(name: "Nordic", countries: ["SE"]), by: .clerk, on: db)
                func method(
                    _ zone: ShippingZone, _ name: String, _ currency: Currency, _ bands: [ShippingRateBand],
                    active: Bool = true, freeOver: Money? = nil
                ) async throws -> ShippingMethod {
                    try await c.createShippingMethod(
                        ShippingMethodDraft(
                            zoneID: zone.id, name: name, currency: currency, basis: .weight, bands: bands,
                            freeOver: freeOver, isActive: active),
                        by: .clerk, on: db)
                }
                let express = try await method(eu, "Express", .eur, [ShippingRateBand(upTo: nil, price: 1500)])
                let parcel = try await method(eu, "Parcel", .eur, Self.weightBands, freeOver: .eur(5000))
                _ = try await method(eu, "Retired", .eur, [ShippingRateBand(upTo: nil, price: 1)], active: false)
                _ = try await method(eu, "Kronor", .sek, [ShippingRateBand(upTo: nil, price: 2)])
                _ = try await method(nordic, "Posten", .eur, [ShippingRateBand(upTo: nil, price: 3)])
                return (parcel, express)
            }
            func options(_ country: String, grams: Int, subtotal: Int64) async throws -> [ShippingOption] {
                try await platform.run { c, db in
                    try await c.shippingOptions(
                        to: country, currency: .eur, weightGrams: grams, subtotal: .eur(subtotal), on: db)
                }
            }
            let light = try await options("DE", grams: 1000, subtotal: 2000)
            #expect(light.map(\.methodID) == [parcel.id, express.id])
            #expect(light.map(\.price) == [.eur(490), .eur(1500)])
            #expect(try await options("AT", grams: 1001, subtotal: 2000).map(\.price) == [.eur(690), .eur(1500)])
            #expect(try await options("DE", grams: 9000, subtotal: 2000).map(\.methodID) == [express.id])
            #expect(try await options("DE", grams: 500, subtotal: 5000).map(\.price) == [.eur(0), .eur(1500)])
            #expect(try await options("US", grams: 500, subtotal: 5000).isEmpty)
            func quote(_ method: ShippingMethodID, _ country: String, grams: Int) async throws -> ShippingOption {
                try await platform.run { c, db in
                    try await c.shippingQuote(
                        for: method, to: country, currency: .eur, weightGrams: grams, subtotal: .eur(2000), on: db)
                }
            }
            #expect(try await quote(parcel.id, "AT", grams: 1001).price == .eur(690))
            for (method, country, grams) in [(parcel.id, "SE", 100), (parcel.id, "DE", 9000)] {
                await #expect(throws: CheckoutError.shippingMethodUnavailable) {
                    try await quote(method, country, grams: grams)
                }
            }
            await #expect(throws: CheckoutError.shippingMethodNotFound) {
                try await quote(ShippingMethodID.generate(env.ids), "DE", grams: 1)
            }
            await #expect(throws: CheckoutError.currencyMismatch(expected: .eur, found: .sek)) {
                try await platform.run { c, db in
                    try await c.shippingOptions(
                        to: "DE", currency: .eur, weightGrams: 1, subtotal: Money(minorUnits: 1, currency: .sek), on: db
                    )
                }
            }
        }
    }
}
