import Foundation
import Persistence
import SQLKit
import TorvCore

extension CheckoutStore {
    static func upsertRate(_ rate: TaxRate, now: Date, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO checkout_tax_rates (country, tax_class, basis_points, updated_at)
            VALUES (\(bind: rate.country), \(bind: rate.taxClass), \(bind: rate.basisPoints), \(bind: now.epochMicroseconds))
            ON CONFLICT (country, tax_class) DO UPDATE
                SET basis_points = excluded.basis_points, updated_at = excluded.updated_at
            """
        ).run()
    }

    static func deleteRate(country: String, taxClass: String, on db: any SQLDatabase) async throws -> Bool {
        try await !db.raw(
            """
            DELETE FROM checkout_tax_rates WHERE country = \(bind: country) AND tax_class = \(bind: taxClass)
            RETURNING country
            """
        ).all().isEmpty
    }

    /// Rates of one country, or all, by country then class.
    static func rates(country: String?, on db: any SQLDatabase) async throws -> [TaxRate] {
        try await db.raw(
            """
            SELECT country, tax_class, basis_points FROM checkout_tax_rates
            WHERE \(bind: country) IS NULL OR country = \(bind: country ?? "")
            ORDER BY country, tax_class
            """
        ).all().map { row in
            TaxRate(
                country: try row.string("country"), taxClass: try row.string("tax_class"),
                basisPoints: try row.int("basis_points"))
        }
    }

    static func settings(on db: any SQLDatabase) async throws -> TaxSettings? {
        try await db.raw(
            "SELECT prices_include_tax, shipping_tax_class FROM checkout_tax_settings WHERE id = 1"
        ).first().map { row in
            TaxSettings(
                pricesIncludeTax: try row.flag("prices_include_tax"),
                shippingTaxClass: try row.string("shipping_tax_class"))
        }
    }

    static func saveSettings(_ settings: TaxSettings, now: Date, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO checkout_tax_settings (id, prices_include_tax, shipping_tax_class, updated_at)
            VALUES (1, \(bind: settings.pricesIncludeTax.flag), \(bind: settings.shippingTaxClass),
                    \(bind: now.epochMicroseconds))
            ON CONFLICT (id) DO UPDATE SET prices_include_tax = excluded.prices_include_tax,
                shipping_tax_class = excluded.shipping_tax_class, updated_at = excluded.updated_at
            """
        ).run()
    }
}
