import Foundation
import Persistence
import SQLKit
import TorvCore

extension CustomersStore {
    static let companyColumns = """
        id, legal_name, vat_id, billing_recipient, billing_company, billing_line1, billing_line2, billing_city,
        billing_region, billing_postal_code, billing_country_code, billing_phone, payment_terms_days,
        credit_limit_amount, credit_limit_currency, price_list_id, status, created_at, updated_at
        """

    static func company(from row: any SQLRow) throws -> Company {
        Company(
            id: try row.id("id", as: CompanyID.self, table: "customers_companies"),
            legalName: try row.string("legal_name"), vatID: try row.optionalString("vat_id"),
            billingAddress: StreetAddress(
                recipient: try row.string("billing_recipient"), company: try row.optionalString("billing_company"),
                line1: try row.string("billing_line1"), line2: try row.optionalString("billing_line2"),
                city: try row.string("billing_city"), region: try row.optionalString("billing_region"),
                postalCode: try row.string("billing_postal_code"),
                countryCode: try row.string("billing_country_code"), phone: try row.optionalString("billing_phone")),
            paymentTermsDays: try row.int("payment_terms_days"),
            creditLimit: try row.money("credit_limit_amount", "credit_limit_currency", table: "customers_companies"),
            priceListID: try row.optionalString("price_list_id"),
            status: try row.enumeration("status", as: CompanyStatus.self, table: "customers_companies"),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }

    static func insert(_ company: Company, on db: any SQLDatabase) async throws {
        let address = company.billingAddress
        try await db.raw(
            """
            INSERT INTO customers_companies (\(unsafeRaw: companyColumns))
            VALUES (\(bind: company.id.rawValue), \(bind: company.legalName), \(bind: company.vatID),
                    \(bind: address.recipient), \(bind: address.company), \(bind: address.line1), \(bind: address.line2),
                    \(bind: address.city), \(bind: address.region), \(bind: address.postalCode),
                    \(bind: address.countryCode), \(bind: address.phone), \(bind: company.paymentTermsDays),
                    \(bind: company.creditLimit?.amount), \(bind: company.creditLimit?.currency.code),
                    \(bind: company.priceListID), \(bind: company.status.rawValue),
                    \(bind: company.createdAt.epochMicroseconds), \(bind: company.updatedAt.epochMicroseconds))
            """
        ).run()
    }

    static func update(
        _ id: CompanyID, to draft: CompanyDraft, now: Date, on db: any SQLDatabase
    ) async throws
        -> Company?
    {
        let address = draft.billingAddress
        return try await db.raw(
            """
            UPDATE customers_companies SET
                legal_name = \(bind: draft.legalName), vat_id = \(bind: draft.vatID),
                billing_recipient = \(bind: address.recipient), billing_company = \(bind: address.company),
                billing_line1 = \(bind: address.line1), billing_line2 = \(bind: address.line2),
                billing_city = \(bind: address.city), billing_region = \(bind: address.region),
                billing_postal_code = \(bind: address.postalCode), billing_country_code = \(bind: address.countryCode),
                billing_phone = \(bind: address.phone), payment_terms_days = \(bind: draft.paymentTermsDays),
                credit_limit_amount = \(bind: draft.creditLimit?.amount),
                credit_limit_currency = \(bind: draft.creditLimit?.currency.code),
                price_list_id = \(bind: draft.priceListID), status = \(bind: draft.status.rawValue),
                updated_at = \(bind: now.epochMicroseconds)
            WHERE id = \(bind: id.rawValue)
            RETURNING \(unsafeRaw: companyColumns)
            """
        ).first().map(company(from:))
    }

    static func company(_ id: CompanyID, on db: any SQLDatabase) async throws -> Company? {
        try await db.raw(
            "SELECT \(unsafeRaw: companyColumns) FROM customers_companies WHERE id = \(bind: id.rawValue)"
        ).first().map(company(from:))
    }

    static func companies(on db: any SQLDatabase) async throws -> [Company] {
        try await db.raw("SELECT \(unsafeRaw: companyColumns) FROM customers_companies ORDER BY legal_name, id")
            .all().map(company(from:))
    }
}

extension SQLRow {
    /// An optional amount stored as BIGINT minor units beside its currency code (both NULL or neither).
    func money(_ amountColumn: String, _ currencyColumn: String, table: String) throws -> Money? {
        guard let amount = try decode(column: amountColumn, as: Int64?.self) else { return nil }
        let code = try string(currencyColumn)
        guard let currency = Currency(code: code) else {
            throw PersistenceError.corruptRow(table: table, detail: "bad \(currencyColumn) \(code)")
        }
        return Money(minorUnits: amount, currency: currency)
    }
}
