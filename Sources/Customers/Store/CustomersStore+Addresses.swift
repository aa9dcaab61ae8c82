import Foundation
import Persistence
import SQLKit
import TorvCore

extension CustomersStore {
    /// Address columns plus the two default flags, read from the customer's pointer row.
    static let addressSelect = """
        SELECT a.id, a.customer_id, a.label, a.recipient, a.company, a.line1, a.line2, a.city, a.region,
               a.postal_code, a.country_code, a.phone, a.created_at, a.updated_at,
               CASE WHEN d.shipping_address_id = a.id THEN 1 ELSE 0 END AS is_default_shipping,
               CASE WHEN d.billing_address_id = a.id THEN 1 ELSE 0 END AS is_default_billing
        FROM customers_addresses a
        LEFT JOIN customers_address_defaults d ON d.customer_id = a.customer_id
        """

    static func address(from row: any SQLRow) throws -> CustomerAddress {
        CustomerAddress(
            id: try row.id("id", as: CustomerAddressID.self, table: "customers_addresses"),
            customerID: try row.string("customer_id"), label: try row.optionalString("label"),
            address: StreetAddress(
                recipient: try row.string("recipient"), company: try row.optionalString("company"),
                line1: try row.string("line1"), line2: try row.optionalString("line2"), city: try row.string("city"),
                region: try row.optionalString("region"), postalCode: try row.string("postal_code"),
                countryCode: try row.string("country_code"), phone: try row.optionalString("phone")),
            isDefaultShipping: try row.flag("is_default_shipping"),
            isDefaultBilling: try row.flag("is_default_billing"),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }

    /// The address if it is `customerID`'s; another customer's address is as absent as a missing one.
    static func address(
        _ id: CustomerAddressID, of customerID: String, on db: any SQLDatabase
    ) async throws
        -> CustomerAddress?
    {
        try await db.raw(
            """
            \(unsafeRaw: addressSelect)
            WHERE a.id = \(bind: id.rawValue) AND a.customer_id = \(bind: customerID)
            """
        ).first().map(address(from:))
    }

    static func addresses(of customerID: String, on db: any SQLDatabase) async throws -> [CustomerAddress] {
        try await db.raw(
            "\(unsafeRaw: addressSelect) WHERE a.customer_id = \(bind: customerID) ORDER BY a.id"
        ).all().map(address(from:))
    }

    static func insertAddress(
        _ id: CustomerAddressID, of customerID: String, label: String?, _ address: StreetAddress, now: Date,
        on db: any SQLDatabase
    ) async throws {
        let now = now.epochMicroseconds
        try await db.raw(
            """
            INSERT INTO customers_addresses (id, customer_id, label, recipient, company, line1, line2, city, region,
                                             postal_code, country_code, phone, created_at, updated_at)
            VALUES (\(bind: id.rawValue), \(bind: customerID), \(bind: label), \(bind: address.recipient),
                    \(bind: address.company), \(bind: address.line1), \(bind: address.line2), \(bind: address.city),
                    \(bind: address.region), \(bind: address.postalCode), \(bind: address.countryCode),
                    \(bind: address.phone), \(bind: now), \(bind: now))
            """
        ).run()
    }

    /// Replaces the fields of the customer's own address; `false` when there is no such address of theirs.
    static func updateAddress(
        _ id: CustomerAddressID, of customerID: String, label: String?, _ address: StreetAddress, now: Date,
        on db: any SQLDatabase
    ) async throws -> Bool {
        try await !db.raw(
            """
            UPDATE customers_addresses SET
                label = \(bind: label), recipient = \(bind: address.recipient), company = \(bind: address.company),
                line1 = \(bind: address.line1), line2 = \(bind: address.line2), city = \(bind: address.city),
                region = \(bind: address.region), postal_code = \(bind: address.postalCode),
                country_code = \(bind: address.countryCode), phone = \(bind: address.phone),
                updated_at = \(bind: now.epochMicroseconds)
            WHERE id = \(bind: id.rawValue) AND customer_id = \(bind: customerID)
            RETURNING id
            """
        ).all().isEmpty
    }

    /// Points (or un-points) the customer's defaults at `id` in one upsert: concurrent changes serialise
    /// on the customer's pointer row, and the last one wins whole. `false` un-points only if `id` is the
    /// current default, so clearing a flag on another address leaves the real default alone.
    static func setDefaults(
        of customerID: String, to id: CustomerAddressID, shipping: Bool, billing: Bool, on db: any SQLDatabase
    ) async throws {
        let raw = id.rawValue
        try await db.raw(
            """
            INSERT INTO customers_address_defaults (customer_id, shipping_address_id, billing_address_id)
            VALUES (\(bind: customerID), \(bind: shipping ? raw : nil), \(bind: billing ? raw : nil))
            ON CONFLICT (customer_id) DO UPDATE SET
                shipping_address_id = CASE
                    WHEN \(bind: shipping.flag) = 1 THEN excluded.shipping_address_id
                    WHEN customers_address_defaults.shipping_address_id = \(bind: raw) THEN NULL
                    ELSE customers_address_defaults.shipping_address_id END,
                billing_address_id = CASE
                    WHEN \(bind: billing.flag) = 1 THEN excluded.billing_address_id
                    WHEN customers_address_defaults.billing_address_id = \(bind: raw) THEN NULL
                    ELSE customers_address_defaults.billing_address_id END
            """
        ).run()
    }

    /// Locks the customer's address row on PostgreSQL (SQLite has one writer), so a removal takes its
    /// locks in the same order as an update — address, then defaults — and the two cannot deadlock.
    static func lockAddress(
        _ id: CustomerAddressID, of customerID: String, on db: any SQLDatabase
    ) async throws -> Bool {
        let lock = db.backend == .postgres ? "FOR UPDATE" : ""
        return try await !db.raw(
            """
            SELECT id FROM customers_addresses WHERE id = \(bind: id.rawValue) AND customer_id = \(bind: customerID)
            \(unsafeRaw: lock)
            """
        ).all().isEmpty
    }

    /// Clears the defaults that point at `id`, then deletes the address; `false` when it is not the customer's.
    static func deleteAddress(
        _ id: CustomerAddressID, of customerID: String, on db: any SQLDatabase
    ) async throws -> Bool {
        try await db.raw(
            """
            UPDATE customers_address_defaults SET
                shipping_address_id = CASE WHEN shipping_address_id = \(bind: id.rawValue) THEN NULL
                                           ELSE shipping_address_id END,
                billing_address_id = CASE WHEN billing_address_id = \(bind: id.rawValue) THEN NULL
                                          ELSE billing_address_id END
            WHERE customer_id = \(bind: customerID)
            """
        ).run()
        return try await !db.raw(
            """
            DELETE FROM customers_addresses WHERE id = \(bind: id.rawValue) AND customer_id = \(bind: customerID)
            RETURNING id
            """
        ).all().isEmpty
    }
}
