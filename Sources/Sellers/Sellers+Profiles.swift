public import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Sellers {
    /// Replaces the seller's public profile and terms. Allowed in every status but closed.
    public func setProfile(
        _ id: SellerID, _ profile: SellerProfile, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> Seller {
        var v = Validator()
        SellerFields.check(profile, into: &v)
        try v.finish()
        try await update(id, set: "profile", to: try SellersStore.json(profile), unless: [.closed], on: db)
        try await audit.record("seller.profile_changed", by: actor, target: ("seller", id.rawValue), on: db)
        return try await seller(id, on: db)
    }

    /// Replaces the onboarding facts. Only before review: an approved seller's legal identity and payout
    /// account change through the operator (`onboarding_locked`), so a stolen sign-in cannot redirect payouts.
    public func setOnboarding(
        _ id: SellerID, _ onboarding: SellerOnboarding, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> Seller {
        var v = Validator()
        SellerFields.check(onboarding, into: &v)
        try v.finish()
        var onboarding = onboarding
        onboarding.payoutIBAN = onboarding.payoutIBAN.map(IBAN.normalized)
        try await update(
            id, set: "onboarding", to: try SellersStore.json(onboarding),
            unless: [.underReview, .approved, .suspended, .closed], on: db)
        try await audit.record("seller.onboarding_changed", by: actor, target: ("seller", id.rawValue), on: db)
        return try await seller(id, on: db)
    }

    /// Adds an onboarding document by its https address; only before review.
    public func addDocument(
        _ id: SellerID, kind: SellerDocument.Kind, url: String, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> SellerDocument {
        var v = Validator()
        v.check(SellerFields.isWebAddress(url), "/url", "must be an https address", code: "invalid_url")
        try v.finish()
        let current = try await seller(id, on: db)
        guard [.applied, .onboarding].contains(current.status) else {
            throw SellersError.onboardingLocked(current.status)
        }
        let now = self.now
        let document = SellerDocument(id: .generate(ids, at: now), kind: kind, url: url, addedAt: now)
        try await db.raw(
            """
            INSERT INTO seller_documents (id, seller_id, kind, url, added_at)
            VALUES (\(bind: document.id.rawValue), \(bind: id.rawValue), \(bind: kind.rawValue), \(bind: url),
                    \(bind: now.epochMicroseconds))
            """
        ).run()
        try await audit.record(
            "seller.document_added", by: actor, target: ("seller", id.rawValue), detail: ["kind": kind.rawValue],
            on: db)
        return document
    }

    /// Holiday mode: until `until` (nil ends it) the seller's offers stay visible but cannot be bought.
    public func setHoliday(
        _ id: SellerID, until: Date?, message: String?, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> Seller {
        var v = Validator()
        if let until { v.check(until > now, "/until", "must be in the future", code: "in_past") }
        if let message { v.check(message.count <= 500, "/message", "must be at most 500 characters", code: "too_long") }
        try v.finish()
        let updated = try await db.raw(
            """
            UPDATE sellers SET holiday_until = \(bind: until?.epochMicroseconds),
                holiday_message = \(bind: until == nil ? nil : message), updated_at = \(bind: now.epochMicroseconds)
            WHERE id = \(bind: id.rawValue) AND status <> 'closed' RETURNING id
            """
        ).all()
        guard !updated.isEmpty else { throw SellersError.sellerNotFound }
        try await audit.record(
            until == nil ? "seller.holiday_ended" : "seller.holiday_started", by: actor,
            target: ("seller", id.rawValue), on: db)
        return try await seller(id, on: db)
    }

    private func update(
        _ id: SellerID, set column: String, to json: String, unless locked: Set<SellerStatus>, on db: any SQLDatabase
    ) async throws {
        let current = try await seller(id, on: db)
        guard !locked.contains(current.status) else { throw SellersError.onboardingLocked(current.status) }
        let updated = try await db.raw(
            """
            UPDATE sellers SET \(unsafeRaw: column) = \(bind: json), updated_at = \(bind: now.epochMicroseconds)
            WHERE id = \(bind: id.rawValue) AND status = \(bind: current.status.rawValue) RETURNING id
            """
        ).all()
        guard !updated.isEmpty else { throw SellersError.onboardingLocked(current.status) }
    }
}
