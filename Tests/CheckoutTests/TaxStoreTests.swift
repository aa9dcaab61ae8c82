import Checkout
import Flows
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

@Suite("Tax rates and settings")
struct TaxStoreTests {
    @Test("rates are set, replaced, listed, removed and audited; a 0 rate is kept", arguments: TestBackend.allCases)
    func rates(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let rates = try await platform.run { c, db in
                for rate in TaxRate.europe { _ = try await c.setTaxRate(rate, by: .clerk, on: db) }
                _ = try await c.setTaxRate(
                    TaxRate(country: "DE", taxClass: "reduced", basisPoints: 500), by: .clerk, on: db)
                return try await c.taxRates(on: db)
            }
            #expect(
                rates.map { "\($0.country)/\($0.taxClass)=\($0.basisPoints)" }
                    == ["DE/reduced=500", "DE/standard=1900", "DE/zero=0", "SE/standard=2500"])
            let (sweden, removed, removedAgain, remaining) = try await platform.run { c, db in
                (
                    try await c.taxRates(country: "SE", on: db),
                    try await c.removeTaxRate(country: "DE", taxClass: "zero", by: .clerk, on: db),
                    try await c.removeTaxRate(country: "DE", taxClass: "zero", by: .clerk, on: db),
                    try await c.taxRates(country: "DE", on: db)
                )
            }
            #expect(sweden == [TaxRate(country: "SE", taxClass: "standard", basisPoints: 2500)])
            #expect(removed && !removedAgain)
            #expect(remaining.map(\.taxClass) == ["reduced", "standard"])
            let actions = try await platform.auditActions()
            #expect(actions.filter { $0 == "tax_rate.set" }.count == 5)
            #expect(actions.filter { $0 == "tax_rate.removed" }.count == 1)
        }
    }

    @Test(
        "stored rates price a cart; a rate removed makes pricing fail rather than charge 0 %",
        arguments: TestBackend.allCases)
    func ratesFeedPricing(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let (rates, settings) = try await platform.run { c, db in
                for rate in TaxRate.europe { _ = try await c.setTaxRate(rate, by: .clerk, on: db) }
                _ = try await c.setTaxSettings(
                    TaxSettings(pricesIncludeTax: false, shippingTaxClass: "standard"), by: .clerk, on: db)
                return (try await c.taxRates(on: db), try await c.taxSettings(on: db))
            }
            let input = PricingInput(
                currency: .eur, lines: [.fixture(1, price: 1000)], destinationCountry: "DE", taxRates: rates,
                settings: settings)
            #expect(try CartPricing.price(input).totals.grandTotal == .eur(1190))
            let fewer = try await platform.run { c, db in
                try await c.removeTaxRate(country: "DE", taxClass: "standard", by: .clerk, on: db)
                return try await c.taxRates(on: db)
            }
            #expect(throws: CheckoutError.taxRateMissing(country: "DE", taxClass: "standard")) {
                try CartPricing.price(
                    PricingInput(
                        currency: .eur, lines: [.fixture(1, price: 1000)], destinationCountry: "DE", taxRates: fewer,
                        settings: settings))
            }
        }
    }

    @Test("settings default to tax-inclusive prices until staff save them", arguments: TestBackend.allCases)
    func settings(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let read: @Sendable () async throws -> TaxSettings = {
                try await platform.run { c, db in try await c.taxSettings(on: db) }
            }
            let initial = try await read()
            #expect(initial == .default)
            let saved = TaxSettings(pricesIncludeTax: false, shippingTaxClass: "reduced")
            _ = try await platform.run { c, db in try await c.setTaxSettings(saved, by: .clerk, on: db) }
            let afterSave = try await read()
            #expect(afterSave == saved)
            let changed = TaxSettings(pricesIncludeTax: true, shippingTaxClass: "standard")
            _ = try await platform.run { c, db in try await c.setTaxSettings(changed, by: .clerk, on: db) }
            let afterChange = try await read()
            #expect(afterChange == changed)
            #expect(try await platform.auditActions() == ["tax_settings.set", "tax_settings.set"])
        }
    }

    @Test("bad rates and settings are refused field by field, and nothing is stored", arguments: TestBackend.allCases)
    func validation(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let rateError = await refusal {
                try await platform.run { c, db in
                    try await c.setTaxRate(
                        TaxRate(country: "de", taxClass: "", basisPoints: 10_001), by: .clerk, on: db)
                }
            }
            #expect(pointers(rateError) == ["/country", "/tax_class", "/basis_points"])
            let negative = await refusal {
                try await platform.run { c, db in
                    try await c.setTaxRate(
                        TaxRate(country: "DE", taxClass: "standard", basisPoints: -1), by: .clerk, on: db)
                }
            }
            #expect(pointers(negative) == ["/basis_points"])
            let settingsError = await refusal {
                try await platform.run { c, db in
                    try await c.setTaxSettings(
                        TaxSettings(pricesIncludeTax: true, shippingTaxClass: " "), by: .clerk, on: db)
                }
            }
            #expect(pointers(settingsError) == ["/shipping_tax_class"])
            let rates = try await platform.run { c, db in try await c.taxRates(on: db) }
            let actions = try await platform.auditActions()
            #expect(rates.isEmpty && actions.isEmpty)
        }
    }
}
