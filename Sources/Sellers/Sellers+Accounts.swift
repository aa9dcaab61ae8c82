import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Sellers {
    /// Records an application: a seller in `applied`, waiting for the operator to accept it.
    /// The caller adds the owner's sign-in in the same transaction.
    public func apply(
        _ application: SellerApplication, by actor: AuditActor, requestID: String?, on db: any SQLDatabase
    ) async throws -> Seller {
        var v = Validator()
        SellerFields.check(application, into: &v)
        try v.finish()
        let now = self.now
        let id = SellerID.generate(ids, at: now)
        let name = application.displayName.trimmingCharacters(in: .whitespacesAndNewlines)
        var handle = application.handle ?? SellerFields.handle(from: name)
        if !SellerFields.isValidHandle(handle) { handle = "seller-" + id.rawValue.suffix(8).lowercased() }
        var onboarding = application.onboarding
        onboarding.payoutIBAN = onboarding.payoutIBAN.map(IBAN.normalized)
        let inserted = try await db.raw(
            """
            INSERT INTO sellers (id, handle, display_name, kind, status, plan, profile, onboarding, created_at, updated_at)
            VALUES (\(bind: id.rawValue), \(bind: handle), \(bind: name), \(bind: application.kind.rawValue), 'applied',
                    'standard', \(bind: try SellersStore.json(SellerProfile())), \(bind: try SellersStore.json(onboarding)),
                    \(bind: now.epochMicroseconds), \(bind: now.epochMicroseconds))
            ON CONFLICT (handle) DO NOTHING RETURNING id
            """
        ).all()
        guard !inserted.isEmpty else { throw SellersError.handleTaken }
        try await recordChange(id, from: nil, to: .applied, reason: nil, by: actor, on: db)
        try await outbox.append(
            SellerApplied(sellerID: id, kind: application.kind, displayName: name), on: db, requestID: requestID)
        return try await seller(id, on: db)
    }

    public func seller(_ id: SellerID, on db: any SQLDatabase) async throws -> Seller {
        guard let row = try await db.raw("SELECT * FROM sellers WHERE id = \(bind: id.rawValue)").first() else {
            throw SellersError.sellerNotFound
        }
        return try SellersStore.seller(row, documents: try await documents(of: id, on: db))
    }

    /// A seller by storefront handle.
    public func seller(handle: String, on db: any SQLDatabase) async throws -> Seller {
        guard let row = try await db.raw("SELECT * FROM sellers WHERE handle = \(bind: handle)").first() else {
            throw SellersError.sellerNotFound
        }
        let id = try row.id("id", as: SellerID.self, table: "sellers")
        return try SellersStore.seller(row, documents: try await documents(of: id, on: db))
    }

    /// Sellers in ID (application) order, optionally of one status.
    public func sellers(
        status: SellerStatus?, after cursor: SellerID?, limit: Int, on db: any SQLDatabase
    ) async throws -> [Seller] {
        let rows = try await db.raw(
            """
            SELECT * FROM sellers WHERE id > \(bind: cursor?.rawValue ?? "")
            AND (\(bind: status?.rawValue) IS NULL OR status = \(bind: status?.rawValue))
            ORDER BY id LIMIT \(bind: limit)
            """
        ).all()
        var sellers: [Seller] = []
        for row in rows {
            let id = try row.id("id", as: SellerID.self, table: "sellers")
            sellers.append(try SellersStore.seller(row, documents: try await documents(of: id, on: db)))
        }
        return sellers
    }

    /// Moves a seller through its lifecycle (see ``SellerLifecycle``). Submitting for review needs complete
    /// onboarding. The move is a guarded update from the status read, so two operators acting at once
    /// cannot both move the same seller.
    public func transition(
        _ id: SellerID, to target: SellerStatus, reason: String?, as role: SellerActorRole, by actor: AuditActor,
        requestID: String?, on db: any SQLDatabase
    ) async throws -> Seller {
        let current = try await seller(id, on: db)
        switch SellerLifecycle.check(from: current.status, to: target, by: role, reason: reason) {
        case .notAllowed: throw SellersError.transitionNotAllowed(from: current.status, to: target)
        case .reasonRequired: throw SellersError.reasonRequired
        case nil: break
        }
        if target == .underReview {
            let missing = OnboardingChecklist.missing(current, at: now)
            guard missing.isEmpty else { throw SellersError.onboardingIncomplete(missing) }
        }
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines).prefix(1_000).description
        let now = self.now
        let moved = try await db.raw(
            """
            UPDATE sellers SET status = \(bind: target.rawValue), status_reason = \(bind: reason),
                updated_at = \(bind: now.epochMicroseconds),
                approved_at = CASE WHEN \(bind: target.rawValue) = 'approved' AND approved_at IS NULL
                    THEN \(bind: now.epochMicroseconds) ELSE approved_at END
            WHERE id = \(bind: id.rawValue) AND status = \(bind: current.status.rawValue) RETURNING id
            """
        ).all()
        guard !moved.isEmpty else { throw SellersError.transitionNotAllowed(from: current.status, to: target) }
        if target == .closed || target == .suspended {
            // Nothing of a seller who cannot trade stays on sale.
            try await db.raw(
                """
                UPDATE seller_offers SET status = 'paused', updated_at = \(bind: now.epochMicroseconds)
                WHERE seller_id = \(bind: id.rawValue) AND status = 'active'
                """
            ).run()
        }
        try await recordChange(id, from: current.status, to: target, reason: reason, by: actor, on: db)
        try await audit.record(
            "seller.\(target.rawValue)", by: actor, target: ("seller", id.rawValue),
            detail: reason.map { ["reason": $0] } ?? [:], on: db)
        try await outbox.append(
            SellerStatusChanged(sellerID: id, from: current.status, to: target, reason: reason), on: db,
            requestID: requestID)
        return try await seller(id, on: db)
    }

    /// The seller's status history, oldest first.
    public func history(of id: SellerID, on db: any SQLDatabase) async throws -> [SellerStatusChange] {
        try await db.raw(
            "SELECT * FROM seller_status_changes WHERE seller_id = \(bind: id.rawValue) ORDER BY sequence"
        ).all().map { row in
            SellerStatusChange(
                from: try row.optionalString("from_status").flatMap(SellerStatus.init(rawValue:)),
                to: try row.enumeration("to_status", as: SellerStatus.self, table: "seller_status_changes"),
                reason: try row.optionalString("reason"), actorKind: try row.string("actor_kind"),
                actorID: try row.string("actor_id"), changedAt: try row.date("changed_at"))
        }
    }

    /// Sets the seller's commission plan (operator only).
    public func setPlan(
        _ id: SellerID, plan: String, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> Seller {
        var v = Validator()
        v.check(
            (1...40).contains(plan.count)
                && plan.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") },
            "/plan", "must be a plan code such as standard", code: "invalid_plan")
        try v.finish()
        let updated = try await db.raw(
            """
            UPDATE sellers SET plan = \(bind: plan), updated_at = \(bind: now.epochMicroseconds)
            WHERE id = \(bind: id.rawValue) RETURNING id
            """
        ).all()
        guard !updated.isEmpty else { throw SellersError.sellerNotFound }
        try await audit.record(
            "seller.plan_changed", by: actor, target: ("seller", id.rawValue), detail: ["plan": plan], on: db)
        return try await seller(id, on: db)
    }

    func documents(of id: SellerID, on db: any SQLDatabase) async throws -> [SellerDocument] {
        try await db.raw("SELECT * FROM seller_documents WHERE seller_id = \(bind: id.rawValue) ORDER BY id")
            .all().map(SellersStore.document)
    }

    private func recordChange(
        _ id: SellerID, from: SellerStatus?, to: SellerStatus, reason: String?, by actor: AuditActor,
        on db: any SQLDatabase
    ) async throws {
        try await db.raw(
            """
            INSERT INTO seller_status_changes (seller_id, sequence, from_status, to_status, reason, actor_kind, actor_id, changed_at)
            SELECT \(bind: id.rawValue), COALESCE(MAX(sequence), 0) + 1, \(bind: from?.rawValue), \(bind: to.rawValue),
                   \(bind: reason), \(bind: actor.kind), \(bind: actor.id), \(bind: now.epochMicroseconds)
            FROM seller_status_changes WHERE seller_id = \(bind: id.rawValue)
            """
        ).run()
    }
}
