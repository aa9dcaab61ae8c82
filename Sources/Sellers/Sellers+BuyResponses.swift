import Foundation
public import Persistence
public import SQLKit
public import TorvCore

/// C2B requests, the respondents' side: consumers answer trade-ins, approved sellers answer quote requests.
///
/// A respondent sees open requests and its own responses only, never another respondent's; a request is
/// open to respondents while it is open, before its deadline, and its poster is the marketplace or an
/// approved seller. One open response per respondent and request (a partial unique index).
extension Sellers {
    /// Open requests a respondent may answer, oldest first; a seller does not see its own.
    public func openBuyRequests(
        for respondent: BuyRespondent, after cursor: BuyRequestID?, limit: Int, on db: any SQLDatabase
    ) async throws -> [BuyRequest] {
        try await db.raw(
            """
            SELECT r.* FROM buy_requests r WHERE r.id > \(bind: cursor?.rawValue ?? "")
            AND r.kind = \(bind: respondent.answers.rawValue) AND r.status = 'open'
            AND r.deadline > \(bind: now.epochMicroseconds) AND COALESCE(r.seller_id, '') <> \(bind: respondent.id)
            AND (r.seller_id IS NULL OR EXISTS (
                SELECT 1 FROM sellers s WHERE s.id = r.seller_id AND s.status = 'approved'))
            ORDER BY r.id LIMIT \(bind: limit)
            """
        ).all().map(BuyRequestsStore.request)
    }

    /// One open request a respondent may answer; anything else (closed, another kind, its own) is not found.
    public func openBuyRequest(
        _ id: BuyRequestID, for respondent: BuyRespondent, on db: any SQLDatabase
    ) async throws -> BuyRequest {
        guard
            let row = try await db.raw(
                """
                SELECT r.* FROM buy_requests r WHERE r.id = \(bind: id.rawValue)
                AND r.kind = \(bind: respondent.answers.rawValue) AND r.status = 'open'
                AND r.deadline > \(bind: now.epochMicroseconds)
                AND (r.seller_id IS NULL OR EXISTS (
                    SELECT 1 FROM sellers s WHERE s.id = r.seller_id AND s.status = 'approved'))
                """
            ).first()
        else { throw BuyRequestError.requestNotFound }
        let request = try BuyRequestsStore.request(row)
        if case .seller(let sellerID) = respondent, request.poster.sellerID == sellerID {
            throw BuyRequestError.ownRequest
        }
        return request
    }

    /// Answers an open request: a price per unit (never above a ceiling), a quantity (never above what is
    /// still wanted) and, for a trade-in, the item's grade.
    public func respond(
        to id: BuyRequestID, as respondent: BuyRespondent, _ draft: BuyResponseDraft, by actor: AuditActor,
        requestID: String? = nil, on db: any SQLDatabase
    ) async throws -> BuyResponse {
        var v = Validator()
        v.check(draft.unitPrice != nil, "/unit_price", "is required", code: "required")
        v.check(draft.quantity != nil, "/quantity", "is required", code: "required")
        try v.finish()
        let request = try await openBuyRequest(id, for: respondent, on: db)
        if case .seller(let sellerID) = respondent {
            let seller = try await seller(sellerID, on: db)
            guard seller.status == .approved else { throw SellersError.sellerNotTrading(seller.status) }
        }
        // Waits for a decision in flight, so a response never lands on a request that just closed.
        let locked = try await db.raw(
            "UPDATE buy_requests SET steps = steps WHERE id = \(bind: id.rawValue) AND status = 'open' RETURNING id"
        ).all()
        guard !locked.isEmpty else { throw BuyRequestError.requestNotOpen(.closed) }
        let price = draft.unitPrice ?? .zero(request.currency)
        let quantity = draft.quantity ?? 0
        let note = draft.note?.trimmingCharacters(in: .whitespacesAndNewlines)
        Self.check(price: price, quantity: quantity, condition: draft.condition, note: note, for: request, into: &v)
        try v.finish()
        let now = self.now
        let responseID = BuyResponseID.generate(ids, at: now)
        let inserted = try await db.raw(
            """
            INSERT INTO buy_responses (id, request_id, respondent_kind, respondent_id, unit_price, currency, quantity,
                condition, note, status, created_at, updated_at)
            VALUES (\(bind: responseID.rawValue), \(bind: id.rawValue), \(bind: respondent.kind), \(bind: respondent.id),
                    \(bind: price.amount), \(bind: price.currency.code), \(bind: quantity),
                    \(bind: draft.condition?.rawValue), \(bind: note), 'open', \(bind: now.epochMicroseconds),
                    \(bind: now.epochMicroseconds))
            ON CONFLICT DO NOTHING RETURNING id
            """
        ).all()
        guard !inserted.isEmpty else { throw BuyRequestError.responseExists }
        try await outbox.append(
            BuyResponseReceived(requestID: id, responseID: responseID, sellerID: request.poster.sellerID), on: db,
            requestID: requestID)
        return try await buyResponse(responseID, of: respondent, on: db)
    }

    /// Changes the respondent's own open response while the request is open.
    public func updateBuyResponse(
        _ id: BuyResponseID, of respondent: BuyRespondent, _ changes: BuyResponseDraft, on db: any SQLDatabase
    ) async throws -> BuyResponse {
        let current = try await buyResponse(id, of: respondent, on: db)
        guard current.status == .open else { throw BuyRequestError.responseDecided(current.status) }
        guard
            let row = try await db.raw("SELECT * FROM buy_requests WHERE id = \(bind: current.requestID.rawValue)")
                .first()
        else { throw BuyRequestError.requestNotFound }
        let request = try BuyRequestsStore.request(row)
        let status = request.status(at: now)
        guard status == .open else { throw BuyRequestError.requestNotOpen(status) }
        let price = changes.unitPrice ?? current.unitPrice
        let quantity = changes.quantity ?? current.quantity
        let condition = changes.condition ?? current.condition
        let note = changes.note.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? current.note
        var v = Validator()
        Self.check(price: price, quantity: quantity, condition: condition, note: note, for: request, into: &v)
        try v.finish()
        let moved = try await db.raw(
            """
            UPDATE buy_responses SET unit_price = \(bind: price.amount), quantity = \(bind: quantity),
                condition = \(bind: condition?.rawValue), note = \(bind: note), updated_at = \(bind: now.epochMicroseconds)
            WHERE id = \(bind: id.rawValue) AND respondent_id = \(bind: respondent.id) AND status = 'open' RETURNING id
            """
        ).all()
        guard !moved.isEmpty else { throw BuyRequestError.responseChanged }
        return try await buyResponse(id, of: respondent, on: db)
    }

    /// Withdraws the respondent's own open response; the poster sees it on the trail.
    public func withdrawBuyResponse(
        _ id: BuyResponseID, of respondent: BuyRespondent, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> BuyResponse {
        let current = try await buyResponse(id, of: respondent, on: db)
        guard current.status == .open else { throw BuyRequestError.responseDecided(current.status) }
        // The trail step locks the request first, in the same order as the poster's decisions.
        try await step(
            current.requestID, "response_withdrawn", actor: Self.trailActor(actor), response: id, note: nil, on: db)
        let moved = try await db.raw(
            """
            UPDATE buy_responses SET status = 'withdrawn', decided_at = \(bind: now.epochMicroseconds),
                updated_at = \(bind: now.epochMicroseconds)
            WHERE id = \(bind: id.rawValue) AND respondent_id = \(bind: respondent.id) AND status = 'open' RETURNING id
            """
        ).all()
        guard !moved.isEmpty else { throw BuyRequestError.responseDecided(.accepted) }
        return try await buyResponse(id, of: respondent, on: db)
    }

    /// One of the respondent's own responses; anyone else's is not found.
    public func buyResponse(
        _ id: BuyResponseID, of respondent: BuyRespondent, on db: any SQLDatabase
    ) async throws -> BuyResponse {
        guard
            let row = try await db.raw(
                """
                SELECT * FROM buy_responses WHERE id = \(bind: id.rawValue)
                AND respondent_kind = \(bind: respondent.kind) AND respondent_id = \(bind: respondent.id)
                """
            ).first()
        else { throw BuyRequestError.responseNotFound }
        return try BuyRequestsStore.response(row)
    }

    /// The respondent's own responses, newest last.
    public func buyResponses(
        of respondent: BuyRespondent, after cursor: BuyResponseID?, limit: Int, on db: any SQLDatabase
    ) async throws -> [BuyResponse] {
        try await db.raw(
            """
            SELECT * FROM buy_responses WHERE id > \(bind: cursor?.rawValue ?? "")
            AND respondent_kind = \(bind: respondent.kind) AND respondent_id = \(bind: respondent.id)
            ORDER BY id LIMIT \(bind: limit)
            """
        ).all().map(BuyRequestsStore.response)
    }

    static func check(
        price: Money, quantity: Int, condition: TradeInCondition?, note: String?, for request: BuyRequest,
        into v: inout Validator
    ) {
        v.check(price.isPositive, "/unit_price/amount", "must be more than zero", code: "out_of_range")
        if v.check(
            price.currency == request.currency, "/unit_price/currency", "must be \(request.currency.code)",
            code: "currency_mismatch"), let ceiling = request.unitPriceCeiling
        {
            v.check(
                price.amount <= ceiling.amount, "/unit_price/amount", "must be at most \(ceiling)",
                code: "above_ceiling")
        }
        v.check(
            (1...max(1, request.remainingQuantity)).contains(quantity), "/quantity",
            "must be 1 to \(request.remainingQuantity)", code: "out_of_range")
        switch request.kind {
        case .tradeIn:
            if v.check(condition != nil, "/condition", "is required for a trade-in", code: "required"),
                let condition
            {
                v.check(
                    request.acceptedConditions.contains(condition), "/condition",
                    "must be one of \(request.acceptedConditions.map(\.rawValue).joined(separator: ", "))",
                    code: "condition_not_accepted")
            }
        case .quote:
            v.check(condition == nil, "/condition", "is for trade-ins only", code: "not_allowed")
        }
        v.check((note?.count ?? 0) <= 1_000, "/note", "must be at most 1000 characters", code: "too_long")
    }
}
