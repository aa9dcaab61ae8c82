public import Foundation
public import Persistence
public import SQLKit
public import TorvCore

/// C2B requests, the poster's side: a business (an approved business seller, or the marketplace for its own
/// buy-back programme) posts what it wants to buy, then accepts or declines the responses. Every decision is
/// on the request's append-only trail and in the outbox.
///
/// Decisions on one request are serialised by locking its row first (the trail counter), and acceptances
/// add to `accepted_quantity` with one guarded UPDATE under a CHECK, so concurrent acceptances never take
/// more than was wanted.
extension Sellers {
    public static let maximumBuyRequestQuantity = 100_000
    /// How far ahead a deadline may be.
    public static let longestBuyRequestWindow: TimeInterval = 180 * 86_400
    /// The recurring job that runs ``expireBuyRequests(on:)``.
    public static let buyRequestExpiryJob = "sellers.expire_buy_requests"

    /// Posts a request, open for responses until its deadline.
    public func postBuyRequest(
        _ new: NewBuyRequest, as poster: BuyRequestPoster, by actor: AuditActor, requestID: String? = nil,
        on db: any SQLDatabase
    ) async throws -> BuyRequest {
        let now = self.now
        let title = new.title.trimmingCharacters(in: .whitespacesAndNewlines)
        let description = new.description.trimmingCharacters(in: .whitespacesAndNewlines)
        var v = Validator()
        v.check((3...200).contains(title.count), "/title", "must be 3 to 200 characters", code: "invalid_length")
        v.check(
            (10...Self.maximumCaseText).contains(description.count), "/description",
            "must be 10 to \(Self.maximumCaseText) characters", code: "invalid_length")
        v.check(
            (1...Self.maximumBuyRequestQuantity).contains(new.wantedQuantity), "/wanted_quantity",
            "must be 1 to \(Self.maximumBuyRequestQuantity)", code: "out_of_range")
        v.check(
            new.deadline > now && new.deadline <= now.addingTimeInterval(Self.longestBuyRequestWindow), "/deadline",
            "must be in the future and at most 180 days ahead", code: "out_of_range")
        if let ceiling = new.unitPriceCeiling {
            v.check(ceiling.isPositive, "/unit_price_ceiling/amount", "must be more than zero", code: "out_of_range")
            v.check(
                ceiling.currency == new.currency, "/unit_price_ceiling/currency", "must be \(new.currency.code)",
                code: "currency_mismatch")
        }
        switch new.kind {
        case .tradeIn:
            v.check(
                new.unitPriceCeiling != nil, "/unit_price_ceiling", "is required for a trade-in", code: "required")
            v.check(
                !new.acceptedConditions.isEmpty, "/accepted_conditions", "name at least one condition",
                code: "required")
        case .quote:
            v.check(
                new.acceptedConditions.isEmpty, "/accepted_conditions", "are for trade-ins only", code: "not_allowed")
            if v.check(new.neededBy != nil, "/needed_by", "is required for a quote request", code: "required"),
                let neededBy = new.neededBy
            {
                v.check(neededBy >= new.deadline, "/needed_by", "must not be before the deadline", code: "out_of_range")
            }
        }
        try v.finish()
        if case .seller(let sellerID) = poster {
            let seller = try await seller(sellerID, on: db)
            guard seller.status == .approved else { throw SellersError.sellerNotTrading(seller.status) }
            guard seller.kind == .business else { throw BuyRequestError.posterNotBusiness }
        }
        let id = BuyRequestID.generate(ids, at: now)
        let conditions = try SellersStore.json(Array(Set(new.acceptedConditions)).sorted { $0.rawValue < $1.rawValue })
        try await db.raw(
            """
            INSERT INTO buy_requests (id, seller_id, kind, title, description, accepted_conditions, unit_price_ceiling,
                currency, wanted_quantity, accepted_quantity, needed_by, deadline, status, steps, created_at)
            VALUES (\(bind: id.rawValue), \(bind: poster.sellerID?.rawValue), \(bind: new.kind.rawValue), \(bind: title),
                    \(bind: description), \(bind: conditions), \(bind: new.unitPriceCeiling?.amount),
                    \(bind: new.currency.code), \(bind: new.wantedQuantity), 0, \(bind: new.neededBy?.epochMicroseconds),
                    \(bind: new.deadline.epochMicroseconds), 'open', 0, \(bind: now.epochMicroseconds))
            """
        ).run()
        try await step(id, "posted", actor: Self.trailActor(actor), response: nil, note: nil, on: db)
        try await outbox.append(
            BuyRequestPosted(
                requestID: id, sellerID: poster.sellerID, kind: new.kind, wantedQuantity: new.wantedQuantity,
                deadline: new.deadline), on: db, requestID: requestID)
        try await audit.record("buy_request.posted", by: actor, target: ("buy_request", id.rawValue), on: db)
        return try await buyRequestFile(id, postedBy: poster, on: db).request
    }

    /// Accepts (all or `quantity` units of) a response, or declines it. Accepting the last wanted units closes
    /// the request and declines every response still open.
    public func decideBuyResponse(
        _ responseID: BuyResponseID, on id: BuyRequestID, postedBy poster: BuyRequestPoster, accept: Bool,
        quantity: Int? = nil, reason: String? = nil, by actor: AuditActor, requestID: String? = nil,
        on db: any SQLDatabase
    ) async throws -> BuyRequestFile {
        let now = self.now
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        let request = try await lockRequest(id, postedBy: poster, on: db)
        guard
            let row = try await db.raw(
                "SELECT * FROM buy_responses WHERE id = \(bind: responseID.rawValue) AND request_id = \(bind: id.rawValue)"
            ).first()
        else { throw BuyRequestError.responseNotFound }
        let response = try BuyRequestsStore.response(row)
        let taking = quantity ?? response.quantity
        var v = Validator()
        v.check((reason?.count ?? 0) <= 1_000, "/reason", "must be at most 1000 characters", code: "too_long")
        if accept {
            v.check(
                (1...response.quantity).contains(taking), "/quantity", "must be 1 to \(response.quantity)",
                code: "out_of_range")
        }
        try v.finish()
        guard response.status == .open else { throw BuyRequestError.responseDecided(response.status) }
        let actorName = Self.trailActor(actor)
        guard accept else {
            try await step(id, "response_declined", actor: actorName, response: responseID, note: reason, on: db)
            try await settle(response, as: .declined, quantity: nil, reason: reason, at: now, on: db)
            try await outbox.append(
                BuyResponseDeclined(
                    requestID: id, responseID: responseID, respondentKind: response.respondent.kind,
                    respondentID: response.respondent.id, reason: reason), on: db, requestID: requestID)
            try await audit.record(
                "buy_request.response_declined", by: actor, target: ("buy_request", id.rawValue),
                detail: ["response": responseID.rawValue], on: db)
            return try await buyRequestFile(id, postedBy: poster, on: db)
        }
        let status = request.status(at: now)
        guard status == .open else { throw BuyRequestError.requestNotOpen(status) }
        // The guard and the CHECK hold the invariant; the row lock above only orders the trail.
        guard
            let filled = try await db.raw(
                """
                UPDATE buy_requests SET accepted_quantity = accepted_quantity + \(bind: taking),
                    status = CASE WHEN accepted_quantity + \(bind: taking) = wanted_quantity THEN 'closed' ELSE status END,
                    closed_at = CASE WHEN accepted_quantity + \(bind: taking) = wanted_quantity
                        THEN \(bind: now.epochMicroseconds) ELSE closed_at END
                WHERE id = \(bind: id.rawValue) AND status = 'open' AND deadline > \(bind: now.epochMicroseconds)
                    AND accepted_quantity + \(bind: taking) <= wanted_quantity
                RETURNING status, accepted_quantity
                """
            ).first()
        else { throw BuyRequestError.exceedsWantedQuantity(remaining: request.remainingQuantity) }
        try await step(
            id, "response_accepted", actor: actorName, response: responseID,
            note: "\(taking) × \(response.unitPrice)\(reason.map { ": \($0)" } ?? "")", on: db)
        try await settle(response, as: .accepted, quantity: taking, reason: reason, at: now, on: db)
        try await outbox.append(
            BuyResponseAccepted(
                requestID: id, responseID: responseID, respondentKind: response.respondent.kind,
                respondentID: response.respondent.id, quantity: taking, unitPrice: response.unitPrice), on: db,
            requestID: requestID)
        try await audit.record(
            "buy_request.response_accepted", by: actor, target: ("buy_request", id.rawValue),
            detail: ["response": responseID.rawValue, "quantity": String(taking)], on: db)
        if try filled.string("status") == BuyRequestStatus.closed.rawValue {
            try await end(
                id, as: .closed, acceptedQuantity: try filled.int("accepted_quantity"), actor: "system:filled",
                reason: "the wanted quantity is accepted", requestID: requestID, on: db)
        }
        return try await buyRequestFile(id, postedBy: poster, on: db)
    }

    /// The poster ends an open request: `close` keeps what was accepted, `cancel` withdraws a request with
    /// nothing accepted. Responses still open are declined.
    public func closeBuyRequest(
        _ id: BuyRequestID, postedBy poster: BuyRequestPoster, cancel: Bool, reason: String?, by actor: AuditActor,
        requestID: String? = nil, on db: any SQLDatabase
    ) async throws -> BuyRequestFile {
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        var v = Validator()
        v.check((reason?.count ?? 0) <= 1_000, "/reason", "must be at most 1000 characters", code: "too_long")
        try v.finish()
        let request = try await lockRequest(id, postedBy: poster, on: db)
        let status = request.status(at: now)
        guard let target = status.after(cancel ? .cancel : .close, acceptedQuantity: request.acceptedQuantity) else {
            if status == .open { throw BuyRequestError.hasAcceptedResponses }
            throw BuyRequestError.requestNotOpen(status)
        }
        let moved = try await db.raw(
            """
            UPDATE buy_requests SET status = \(bind: target.rawValue), closed_at = \(bind: now.epochMicroseconds)
            WHERE id = \(bind: id.rawValue) AND status = 'open' RETURNING id
            """
        ).all()
        guard !moved.isEmpty else { throw BuyRequestError.requestNotOpen(request.storedStatus) }
        try await end(
            id, as: target, acceptedQuantity: request.acceptedQuantity, actor: Self.trailActor(actor),
            reason: reason ?? "the request was \(target.rawValue)", requestID: requestID, on: db)
        try await audit.record(
            "buy_request.\(target.rawValue)", by: actor, target: ("buy_request", id.rawValue), on: db)
        return try await buyRequestFile(id, postedBy: poster, on: db)
    }

    /// Marks open requests past their deadline `expired` and declines their open responses; idempotent, for
    /// the jobs worker. Readers see the expiry at the deadline whether or not this ran.
    @discardableResult
    public func expireBuyRequests(on db: any SQLDatabase) async throws -> Int {
        let expired = try await db.raw(
            """
            UPDATE buy_requests SET status = 'expired', closed_at = deadline
            WHERE status = 'open' AND deadline <= \(bind: now.epochMicroseconds) RETURNING id, accepted_quantity
            """
        ).all()
        for row in expired {
            try await end(
                try row.id("id", as: BuyRequestID.self, table: "buy_requests"), as: .expired,
                acceptedQuantity: try row.int("accepted_quantity"), actor: "system:deadline",
                reason: "the deadline passed", requestID: nil, on: db)
        }
        return expired.count
    }

    /// Locks the poster's request for this transaction: every decision on it waits its turn here.
    func lockRequest(
        _ id: BuyRequestID, postedBy poster: BuyRequestPoster, on db: any SQLDatabase
    ) async throws -> BuyRequest {
        guard
            let row = try await db.raw(
                """
                UPDATE buy_requests SET steps = steps WHERE id = \(bind: id.rawValue)
                AND COALESCE(seller_id, '') = \(bind: Self.posterKey(poster)) RETURNING *
                """
            ).first()
        else { throw BuyRequestError.requestNotFound }
        return try BuyRequestsStore.request(row)
    }

    /// Moves an open response to its decision; the `updated_at` guard refuses a response changed since read.
    func settle(
        _ response: BuyResponse, as status: BuyResponseStatus, quantity: Int?, reason: String?, at now: Date,
        on db: any SQLDatabase
    ) async throws {
        let moved = try await db.raw(
            """
            UPDATE buy_responses SET status = \(bind: status.rawValue), accepted_quantity = \(bind: quantity),
                decision_reason = \(bind: reason), decided_at = \(bind: now.epochMicroseconds),
                updated_at = \(bind: now.epochMicroseconds)
            WHERE id = \(bind: response.id.rawValue) AND status = 'open'
                AND updated_at = \(bind: response.updatedAt.epochMicroseconds)
            RETURNING id
            """
        ).all()
        guard !moved.isEmpty else { throw BuyRequestError.responseChanged }
    }

    /// After a request ended: declines what is still open, records the end and tells everyone.
    private func end(
        _ id: BuyRequestID, as status: BuyRequestStatus, acceptedQuantity: Int, actor: String, reason: String,
        requestID: String?, on db: any SQLDatabase
    ) async throws {
        let declined = try await db.raw(
            """
            UPDATE buy_responses SET status = 'declined', decision_reason = \(bind: reason),
                decided_at = \(bind: now.epochMicroseconds), updated_at = \(bind: now.epochMicroseconds)
            WHERE request_id = \(bind: id.rawValue) AND status = 'open' RETURNING *
            """
        ).all().map(BuyRequestsStore.response).sorted { $0.id < $1.id }
        for response in declined {
            try await step(id, "response_declined", actor: actor, response: response.id, note: reason, on: db)
            try await outbox.append(
                BuyResponseDeclined(
                    requestID: id, responseID: response.id, respondentKind: response.respondent.kind,
                    respondentID: response.respondent.id, reason: reason), on: db, requestID: requestID)
        }
        try await step(id, status.rawValue, actor: actor, response: nil, note: reason, on: db)
        try await outbox.append(
            BuyRequestEnded(requestID: id, status: status, acceptedQuantity: acceptedQuantity), on: db,
            requestID: requestID)
    }

    /// Appends one step to the trail, numbered by the request's counter (which also locks the request row).
    func step(
        _ id: BuyRequestID, _ action: String, actor: String, response: BuyResponseID?, note: String?,
        on db: any SQLDatabase
    ) async throws {
        guard
            let counted = try await db.raw(
                "UPDATE buy_requests SET steps = steps + 1 WHERE id = \(bind: id.rawValue) RETURNING steps"
            ).first()
        else { throw BuyRequestError.requestNotFound }
        try await db.raw(
            """
            INSERT INTO buy_request_steps (request_id, sequence, action, actor, response_id, note, at)
            VALUES (\(bind: id.rawValue), \(bind: try counted.int("steps")), \(bind: action), \(bind: actor),
                    \(bind: response?.rawValue), \(bind: note), \(bind: now.epochMicroseconds))
            """
        ).run()
    }

    static func trailActor(_ actor: AuditActor) -> String { "\(actor.kind):\(actor.id)" }

    /// `seller_id` as compared with `COALESCE(seller_id, '')`: empty for the marketplace.
    static func posterKey(_ poster: BuyRequestPoster?) -> String { poster?.sellerID?.rawValue ?? "" }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
