import Foundation
public import Persistence
public import SQLKit
public import TorvCore

/// Trust and safety: reports about offers (counterfeit, prohibited, misleading), the seller's answer,
/// and the operator's decision to take the offer down or restore it — each step on the case's
/// append-only trail.
extension Sellers {
    public static let maximumCaseText = 5_000

    /// Opens a case about a live offer. The offer stays on sale until the operator decides.
    public func report(_ report: CaseReport, on db: any SQLDatabase) async throws -> SellerCase {
        var v = Validator()
        let description = report.description.trimmingCharacters(in: .whitespacesAndNewlines)
        v.check(
            (10...Self.maximumCaseText).contains(description.count), "/description",
            "must be 10 to \(Self.maximumCaseText) characters", code: "invalid_length")
        v.check(report.evidenceURLs.count <= 10, "/evidence_urls", "at most 10 addresses", code: "too_many")
        for (index, url) in report.evidenceURLs.enumerated() {
            v.check(
                SellerFields.isWebAddress(url), "/evidence_urls/\(index)", "must be an https address",
                code: "invalid_url")
        }
        v.check(
            (3...254).contains(report.reporterContact.count), "/email", "is required to hear back", code: "required")
        try v.finish()
        guard
            let row = try await db.raw(
                """
                SELECT o.seller_id FROM seller_offers o JOIN sellers s ON s.id = o.seller_id
                WHERE o.id = \(bind: report.offerID.rawValue) AND o.status = 'active' AND s.status = 'approved'
                """
            ).first()
        else { throw SellersError.offerNotFound }
        let sellerID = try row.id("seller_id", as: SellerID.self, table: "seller_offers")
        let now = self.now
        let id = SellerCaseID.generate(ids, at: now)
        let evidence = String(decoding: try JSONEncoder().encode(report.evidenceURLs), as: UTF8.self)
        try await db.raw(
            """
            INSERT INTO seller_cases (id, offer_id, seller_id, reason, reporter, reporter_contact, description,
                evidence_urls, status, opened_at)
            VALUES (\(bind: id.rawValue), \(bind: report.offerID.rawValue), \(bind: sellerID.rawValue),
                    \(bind: report.reason.rawValue), \(bind: report.reporter.rawValue), \(bind: report.reporterContact),
                    \(bind: description), \(bind: evidence), 'open', \(bind: now.epochMicroseconds))
            """
        ).run()
        try await trail(id, "reported", actor: report.reporter.rawValue, note: report.reason.rawValue, on: db)
        return try await sellerCase(id, on: db)
    }

    /// The seller's answer to a case about one of their offers; once, before the decision.
    public func respond(
        to id: SellerCaseID, of sellerID: SellerID, response: String, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> SellerCase {
        let text = response.trimmingCharacters(in: .whitespacesAndNewlines)
        var v = Validator()
        v.check(
            (1...Self.maximumCaseText).contains(text.count), "/response",
            "must be 1 to \(Self.maximumCaseText) characters", code: "invalid_length")
        try v.finish()
        let current = try await sellerCase(id, of: sellerID, on: db)
        let moved = try await db.raw(
            """
            UPDATE seller_cases SET status = 'awaiting_decision', seller_response = \(bind: text)
            WHERE id = \(bind: id.rawValue) AND seller_id = \(bind: sellerID.rawValue) AND status = 'open' RETURNING id
            """
        ).all()
        guard !moved.isEmpty else { throw SellersError.caseDecided(current.status) }
        try await trail(id, "seller_responded", actor: "\(actor.kind):\(actor.id)", note: nil, on: db)
        return try await sellerCase(id, on: db)
    }

    /// The operator's decision: take the offer down for good (it is paused and can never go live again)
    /// or restore it. Both need a reason, which the seller and the reporter are told.
    public func decide(
        _ id: SellerCaseID, takeDown: Bool, reason: String, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> SellerCase {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw SellersError.reasonRequired }
        let current = try await sellerCase(id, on: db)
        let target: CaseStatus = takeDown ? .takenDown : .restored
        let now = self.now
        let moved = try await db.raw(
            """
            UPDATE seller_cases SET status = \(bind: target.rawValue), decision_reason = \(bind: reason),
                decided_at = \(bind: now.epochMicroseconds)
            WHERE id = \(bind: id.rawValue) AND status IN ('open', 'awaiting_decision') RETURNING id
            """
        ).all()
        guard !moved.isEmpty else { throw SellersError.caseDecided(current.status) }
        if takeDown {
            try await db.raw(
                """
                UPDATE seller_offers SET status = 'paused', taken_down_at = \(bind: now.epochMicroseconds),
                    updated_at = \(bind: now.epochMicroseconds)
                WHERE id = \(bind: current.offerID.rawValue)
                """
            ).run()
        }
        try await trail(id, target.rawValue, actor: "\(actor.kind):\(actor.id)", note: reason, on: db)
        try await audit.record(
            "seller_case.\(target.rawValue)", by: actor, target: ("seller_case", id.rawValue),
            detail: ["offer": current.offerID.rawValue, "reason": reason], on: db)
        return try await sellerCase(id, on: db)
    }

    /// A case as the operator sees it.
    public func sellerCase(_ id: SellerCaseID, on db: any SQLDatabase) async throws -> SellerCase {
        guard let row = try await db.raw("SELECT * FROM seller_cases WHERE id = \(bind: id.rawValue)").first() else {
            throw SellersError.caseNotFound
        }
        return try await decodeCase(row, on: db)
    }

    /// A case about one of the seller's own offers; another seller's case is not found.
    public func sellerCase(_ id: SellerCaseID, of sellerID: SellerID, on db: any SQLDatabase) async throws -> SellerCase
    {
        guard
            let row = try await db.raw(
                "SELECT * FROM seller_cases WHERE id = \(bind: id.rawValue) AND seller_id = \(bind: sellerID.rawValue)"
            ).first()
        else { throw SellersError.caseNotFound }
        return try await decodeCase(row, on: db)
    }

    /// Cases, oldest first: a seller's own (any status), or the operator's queue by status.
    public func sellerCases(
        of sellerID: SellerID?, status: CaseStatus?, after cursor: SellerCaseID?, limit: Int, on db: any SQLDatabase
    ) async throws -> [SellerCase] {
        var cases: [SellerCase] = []
        for row in try await db.raw(
            """
            SELECT * FROM seller_cases WHERE id > \(bind: cursor?.rawValue ?? "")
            AND (\(bind: sellerID?.rawValue) IS NULL OR seller_id = \(bind: sellerID?.rawValue))
            AND (\(bind: status?.rawValue) IS NULL OR status = \(bind: status?.rawValue))
            ORDER BY id LIMIT \(bind: limit)
            """
        ).all() {
            cases.append(try await decodeCase(row, on: db))
        }
        return cases
    }

    private func trail(
        _ id: SellerCaseID, _ action: String, actor: String, note: String?, on db: any SQLDatabase
    ) async throws {
        try await db.raw(
            """
            INSERT INTO seller_case_events (case_id, sequence, action, actor, note, at)
            SELECT \(bind: id.rawValue), COALESCE(MAX(sequence), 0) + 1, \(bind: action), \(bind: actor), \(bind: note),
                   \(bind: now.epochMicroseconds)
            FROM seller_case_events WHERE case_id = \(bind: id.rawValue)
            """
        ).run()
    }

    private func decodeCase(_ row: any SQLRow, on db: any SQLDatabase) async throws -> SellerCase {
        let id = try row.id("id", as: SellerCaseID.self, table: "seller_cases")
        let events = try await db.raw(
            "SELECT * FROM seller_case_events WHERE case_id = \(bind: id.rawValue) ORDER BY sequence"
        ).all().map { event in
            CaseEvent(
                action: try event.string("action"), actor: try event.string("actor"),
                note: try event.optionalString("note"), at: try event.date("at"))
        }
        return SellerCase(
            id: id, offerID: try row.id("offer_id", as: SellerOfferID.self, table: "seller_cases"),
            sellerID: try row.id("seller_id", as: SellerID.self, table: "seller_cases"),
            reason: try row.enumeration("reason", as: CaseReason.self, table: "seller_cases"),
            reporter: try row.enumeration("reporter", as: CaseReporter.self, table: "seller_cases"),
            reporterContact: try row.string("reporter_contact"), description: try row.string("description"),
            evidenceURLs: try SellersStore.decodeJSON(
                [String].self, try row.string("evidence_urls"), table: "seller_cases"),
            status: try row.enumeration("status", as: CaseStatus.self, table: "seller_cases"),
            sellerResponse: try row.optionalString("seller_response"),
            decisionReason: try row.optionalString("decision_reason"), events: events,
            openedAt: try row.date("opened_at"), decidedAt: try row.optionalDate("decided_at"))
    }
}
