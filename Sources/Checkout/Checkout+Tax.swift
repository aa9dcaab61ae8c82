import Foundation
public import Persistence
public import SQLKit
import TorvCore

extension Checkout {
    /// Sets the rate of one tax class in one country (0 is a valid, zero-rated class).
    public func setTaxRate(_ rate: TaxRate, by actor: AuditActor, on db: any SQLDatabase) async throws -> TaxRate {
        try rate.validate()
        try await CheckoutStore.upsertRate(rate, now: now, on: db)
        try await audit.record(
            "tax_rate.set", by: actor, target: ("tax_rate", "\(rate.country)/\(rate.taxClass)"),
            detail: ["basis_points": String(rate.basisPoints)], on: db)
        return rate
    }

    /// Removes a rate; carts to that country with that class then fail to price with `tax_rate_missing`
    /// rather than being taxed at 0 %. Returns whether there was one.
    @discardableResult
    public func removeTaxRate(
        country: String, taxClass: String, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> Bool {
        let removed = try await CheckoutStore.deleteRate(country: country, taxClass: taxClass, on: db)
        if removed {
            try await audit.record(
                "tax_rate.removed", by: actor, target: ("tax_rate", "\(country)/\(taxClass)"), on: db)
        }
        return removed
    }

    /// Every rate, or one country's, by country then class.
    public func taxRates(country: String? = nil, on db: any SQLDatabase) async throws -> [TaxRate] {
        try await CheckoutStore.rates(country: country, on: db)
    }

    /// The stored settings, or ``TaxSettings/default`` until staff save some.
    public func taxSettings(on db: any SQLDatabase) async throws -> TaxSettings {
        try await CheckoutStore.settings(on: db) ?? .default
    }

    public func setTaxSettings(
        _ settings: TaxSettings, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> TaxSettings {
        var validator = Validator()
        validator.requireText(settings.shippingTaxClass, at: "/shipping_tax_class", maximum: 64)
        try validator.finish()
        try await CheckoutStore.saveSettings(settings, now: now, on: db)
        try await audit.record(
            "tax_settings.set", by: actor, target: ("tax_settings", "shop"),
            detail: [
                "prices_include_tax": String(settings.pricesIncludeTax),
                "shipping_tax_class": settings.shippingTaxClass,
            ], on: db)
        return settings
    }
}
