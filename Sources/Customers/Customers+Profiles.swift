import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Customers {
    /// The customer's profile, or the defaults when none was saved yet. Reads only, so it also works on
    /// a read connection.
    public func profile(of customerID: String, on db: any SQLDatabase) async throws -> CustomerProfile {
        var validator = Validator()
        validator.checkCustomerID(customerID)
        try validator.finish()
        return try await CustomersStore.profile(of: customerID, on: db) ?? .defaults(of: customerID)
    }

    /// Replaces the profile (creating it on first use). The consent time records the moment the
    /// marketing flag last changed, not every save.
    public func updateProfile(
        of customerID: String, to draft: CustomerProfileDraft, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> CustomerProfile {
        let draft = try Self.validate(draft, of: customerID)
        let profile = try await CustomersStore.upsert(customerID, draft, now: now, on: db)
        try await outbox.append(
            CustomerProfileUpdated(customerID: customerID, marketingConsent: profile.marketingConsent), on: db,
            requestID: actor.requestID)
        try await recordUnlessSelf(
            "customer.profile_updated", by: actor, customerID: customerID, target: ("customer", customerID),
            detail: ["marketing_consent": String(profile.marketingConsent)], on: db)
        return profile
    }

    /// Checks every field at once and returns the draft as stored (trimmed, phone in E.164, locale in
    /// canonical case).
    static func validate(
        _ draft: CustomerProfileDraft, of customerID: String
    ) throws(ValidationError)
        -> CustomerProfileDraft
    {
        var validator = Validator()
        validator.checkCustomerID(customerID)
        var result = draft
        result.displayName = draft.displayName.map(Normalise.text).flatMap { $0.isEmpty ? nil : $0 }
        if let name = result.displayName, name.count > 100 || name.contains(where: \.isNewline) {
            validator.add(CustomersError.invalidDisplayName, at: "/display_name")
        }
        result.phone = validator.phone(draft.phone, at: "/phone")
        if let locale = draft.locale, !Normalise.text(locale).isEmpty {
            result.locale = Normalise.locale(locale)
            if result.locale == nil { validator.add(CustomersError.invalidLocale, at: "/locale") }
        } else {
            result.locale = nil
        }
        try validator.finish()
        return result
    }
}
