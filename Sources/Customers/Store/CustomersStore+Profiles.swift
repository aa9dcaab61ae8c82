import Foundation
import Persistence
import SQLKit
import TorvCore

extension CustomersStore {
    static let profileColumns = """
        customer_id, display_name, phone, locale, marketing_consent, marketing_consent_changed_at, updated_at
        """

    static func profile(from row: any SQLRow) throws -> CustomerProfile {
        CustomerProfile(
            customerID: try row.string("customer_id"), displayName: try row.optionalString("display_name"),
            phone: try row.optionalString("phone"), locale: try row.optionalString("locale"),
            marketingConsent: try row.flag("marketing_consent"),
            marketingConsentChangedAt: try row.optionalDate("marketing_consent_changed_at"),
            updatedAt: try row.date("updated_at"))
    }

    static func profile(of customerID: String, on db: any SQLDatabase) async throws -> CustomerProfile? {
        try await db.raw(
            "SELECT \(unsafeRaw: profileColumns) FROM customers_profiles WHERE customer_id = \(bind: customerID)"
        ).first().map(profile(from:))
    }

    /// Writes the profile in one statement. The consent time moves only when the flag changes, decided
    /// by the database against the stored row, so two concurrent saves cannot both claim the change.
    static func upsert(
        _ customerID: String, _ draft: CustomerProfileDraft, now: Date, on db: any SQLDatabase
    ) async throws
        -> CustomerProfile
    {
        let now = now.epochMicroseconds
        let consent = draft.marketingConsent.flag
        guard
            let row = try await db.raw(
                """
                INSERT INTO customers_profiles (\(unsafeRaw: profileColumns), created_at)
                VALUES (\(bind: customerID), \(bind: draft.displayName), \(bind: draft.phone), \(bind: draft.locale),
                        \(bind: consent), \(bind: draft.marketingConsent ? now : nil), \(bind: now), \(bind: now))
                ON CONFLICT (customer_id) DO UPDATE SET
                    display_name = excluded.display_name, phone = excluded.phone, locale = excluded.locale,
                    marketing_consent_changed_at = CASE
                        WHEN customers_profiles.marketing_consent = excluded.marketing_consent
                        THEN customers_profiles.marketing_consent_changed_at
                        ELSE \(bind: now) END,
                    marketing_consent = excluded.marketing_consent,
                    updated_at = excluded.updated_at
                RETURNING \(unsafeRaw: profileColumns)
                """
            ).first()
        else { throw PersistenceError.corruptRow(table: "customers_profiles", detail: "upsert returned no row") }
        return try profile(from: row)
    }
}
