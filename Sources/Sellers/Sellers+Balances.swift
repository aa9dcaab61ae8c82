public import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Sellers {
    /// How long a sale's money is held back before it can be paid out: 14 days, the EU consumer's right of
    /// withdrawal (Directive 2011/83/EU, art. 9) counted from delivery, so most returns and early card
    /// disputes are refunded from the seller's own pending money instead of becoming a debt the platform
    /// must chase after paying out.
    public static let defaultHoldback: TimeInterval = 14 * 86_400
    /// Longest movement key, reference and note.
    static let maximumKey = 200
    static let maximumNote = 1_000
    /// Most lines one statement holds; a busier seller asks for a shorter period.
    public static let maximumStatementLines = 10_000

    /// Records movements on sellers' accounts (sales, fees and refunds from the order flows). Idempotent per
    /// key: a key already recorded is skipped (`ON CONFLICT DO NOTHING`), unless it was used for a different
    /// movement, which is refused. All or nothing inside the caller's transaction. Returns how many were new.
    @discardableResult
    public func recordMovements(_ movements: [NewSellerMovement], on db: any SQLDatabase) async throws -> Int {
        for (index, movement) in movements.enumerated() {
            guard movement.kind != .payout else { throw PayoutError.payoutNotRecordable(index: index) }
            guard PayoutPolicy.isValidSign(movement.kind, amount: movement.amount) else {
                throw PayoutError.invalidSign(index: index, kind: movement.kind)
            }
            guard (1...Self.maximumKey).contains(movement.key.count),
                (1...Self.maximumKey).contains(movement.reference.count)
            else { throw PayoutError.invalidKey(index: index) }
        }
        for sellerID in Set(movements.map(\.sellerID)) {
            guard try await db.raw("SELECT id FROM sellers WHERE id = \(bind: sellerID.rawValue)").first() != nil
            else { throw SellersError.sellerNotFound }
        }
        let now = self.now
        return try await Savepoint.atomically("seller_movements", on: db) {
            var recorded = 0
            for movement in movements {
                if try await insert(movement, payoutID: nil, at: now, on: db) != nil {
                    recorded += 1
                } else {
                    try await requireSame(movement, on: db)
                }
            }
            return recorded
        }
    }

    /// What the seller holds in `currency` at `now`, summed in the database (one indexed aggregate, however
    /// many movements the seller has). The same rule as ``SellerBalance/of(_:currency:at:)``: credits wait
    /// for their `available_at`, debits count at once.
    public func balance(
        of sellerID: SellerID, currency: Currency, at now: Date, on db: any SQLDatabase
    ) async throws -> SellerBalance {
        let row = try await db.raw(
            """
            SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) AS total,
                CAST(COALESCE(SUM(CASE WHEN amount > 0 AND available_at > \(bind: now.epochMicroseconds)
                    THEN amount ELSE 0 END), 0) AS BIGINT) AS pending
            FROM seller_movements WHERE seller_id = \(bind: sellerID.rawValue) AND currency = \(bind: currency.code)
            """
        ).first()
        let total = try row?.decode(column: "total", as: Int64.self) ?? 0
        let pending = try row?.decode(column: "pending", as: Int64.self) ?? 0
        return SellerBalance(
            total: Money(minorUnits: total, currency: currency),
            pending: Money(minorUnits: pending, currency: currency),
            available: Money(minorUnits: total - pending, currency: currency))
    }

    /// The seller's balance in every currency it holds money in, by currency code.
    public func balances(of sellerID: SellerID, at now: Date, on db: any SQLDatabase) async throws -> [SellerBalance] {
        var balances: [SellerBalance] = []
        for currency in try await currencies(of: sellerID, on: db) {
            balances.append(try await balance(of: sellerID, currency: currency, at: now, on: db))
        }
        return balances
    }

    /// The currencies the seller has an account in.
    public func currencies(of sellerID: SellerID, on db: any SQLDatabase) async throws -> [Currency] {
        try await db.raw(
            "SELECT currency FROM seller_accounts WHERE seller_id = \(bind: sellerID.rawValue) ORDER BY currency"
        ).all().map { try $0.currency("currency") }
    }

    /// The seller's movements oldest first, each with the running total in its currency.
    public func movements(
        of sellerID: SellerID, after cursor: SellerMovementID?, limit: Int, on db: any SQLDatabase
    ) async throws -> [SellerMovementRecord] {
        let rows = try await db.raw(
            """
            SELECT * FROM seller_movements WHERE seller_id = \(bind: sellerID.rawValue)
            AND id > \(bind: cursor?.rawValue ?? "") ORDER BY id LIMIT \(bind: limit)
            """
        ).all()
        var openings: [String: Int64] = [:]
        if let cursor, !rows.isEmpty {
            for row in try await db.raw(
                """
                SELECT currency, CAST(COALESCE(SUM(amount), 0) AS BIGINT) AS total FROM seller_movements
                WHERE seller_id = \(bind: sellerID.rawValue) AND id <= \(bind: cursor.rawValue) GROUP BY currency
                """
            ).all() {
                openings[try row.string("currency")] = try row.decode(column: "total", as: Int64.self)
            }
        }
        return try SellerBalancesStore.movements(rows, openings: openings)
    }

    /// The seller's account in `currency` from `from` (inclusive) to `to` (exclusive), by the moment each
    /// movement was recorded: opening total, every line with its running total, closing total.
    public func statement(
        of sellerID: SellerID, currency: Currency, from: Date, to: Date, on db: any SQLDatabase
    ) async throws -> SellerStatement {
        guard from < to, to.timeIntervalSince(from) <= 366 * 86_400 else { throw PayoutError.invalidPeriod }
        let (start, end) = (from.epochMicroseconds, to.epochMicroseconds)
        let scope: SQLQueryString = "seller_id = \(bind: sellerID.rawValue) AND currency = \(bind: currency.code)"
        let totals = try await db.raw(
            """
            SELECT CAST(COALESCE(SUM(CASE WHEN created_at < \(bind: start) THEN amount ELSE 0 END), 0) AS BIGINT)
                    AS opening,
                CAST(COALESCE(SUM(CASE WHEN amount > 0 AND available_at > \(bind: end)
                    THEN amount ELSE 0 END), 0) AS BIGINT) AS pending
            FROM seller_movements WHERE \(scope) AND created_at < \(bind: end)
            """
        ).first()
        let opening = try totals?.decode(column: "opening", as: Int64.self) ?? 0
        let pending = try totals?.decode(column: "pending", as: Int64.self) ?? 0
        let rows = try await db.raw(
            """
            SELECT * FROM seller_movements WHERE \(scope) AND created_at >= \(bind: start) AND created_at < \(bind: end)
            ORDER BY created_at, id LIMIT \(bind: Self.maximumStatementLines + 1)
            """
        ).all()
        guard rows.count <= Self.maximumStatementLines else {
            throw PayoutError.statementTooLong(maximum: Self.maximumStatementLines)
        }
        let lines = try SellerBalancesStore.movements(rows, openings: [currency.code: opening])
        let closing = lines.last?.balanceAfter.amount ?? opening
        return SellerStatement(
            sellerID: sellerID, currency: currency, from: from, to: to,
            opening: Money(minorUnits: opening, currency: currency), lines: lines,
            closing: Money(minorUnits: closing, currency: currency),
            pendingAtClose: Money(minorUnits: pending, currency: currency),
            availableAtClose: Money(minorUnits: closing - pending, currency: currency))
    }

    /// A manual correction by staff, either way, available at once, with the note the seller sees. `key`
    /// makes a retried request record it once.
    public func adjust(
        _ sellerID: SellerID, amount: Money, note: String, reference: String?, key: String,
        by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> SellerMovementRecord {
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !note.isEmpty else { throw PayoutError.noteRequired }
        let movementKey = "adjustment:\(key)"
        let movement = NewSellerMovement(
            sellerID: sellerID, kind: .adjustment, amount: amount, availableAt: now,
            reference: reference.flatMap { $0.isEmpty ? nil : $0 } ?? "adjustment",
            key: movementKey, note: String(note.prefix(Self.maximumNote)))
        if try await recordMovements([movement], on: db) == 1 {
            try await audit.record(
                "seller.adjusted", by: actor, target: ("seller", sellerID.rawValue),
                detail: ["amount": "\(amount)", "note": movement.note ?? ""], on: db)
        }
        guard let recorded = try await self.movement(key: movementKey, on: db) else {
            throw PayoutError.movementKeyReused(key: key)
        }
        return recorded
    }

    /// The movement recorded under `key`, with the seller's total right after it.
    public func movement(key: String, on db: any SQLDatabase) async throws -> SellerMovementRecord? {
        guard let row = try await db.raw("SELECT * FROM seller_movements WHERE movement_key = \(bind: key)").first()
        else { return nil }
        let total = try await db.raw(
            """
            SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) AS total FROM seller_movements
            WHERE seller_id = \(bind: try row.string("seller_id")) AND currency = \(bind: try row.string("currency"))
            AND id <= \(bind: try row.string("id"))
            """
        ).first()?.decode(column: "total", as: Int64.self)
        return try SellerBalancesStore.movement(row, balanceAfter: total ?? 0)
    }

    /// Inserts one movement (and the seller's account in its currency, the row payouts lock); `nil` when
    /// its key was recorded before.
    func insert(
        _ movement: NewSellerMovement, payoutID: SellerPayoutID?, at now: Date, on db: any SQLDatabase
    ) async throws -> SellerMovementID? {
        try await db.raw(
            """
            INSERT INTO seller_accounts (seller_id, currency, opened_at)
            VALUES (\(bind: movement.sellerID.rawValue), \(bind: movement.amount.currency.code), \(bind: now.epochMicroseconds))
            ON CONFLICT (seller_id, currency) DO NOTHING
            """
        ).run()
        let id = SellerMovementID.generate(ids, at: now)
        let inserted = try await db.raw(
            """
            INSERT INTO seller_movements (id, seller_id, kind, amount, currency, available_at, reference, movement_key,
                note, payout_id, created_at)
            VALUES (\(bind: id.rawValue), \(bind: movement.sellerID.rawValue), \(bind: movement.kind.rawValue),
                \(bind: movement.amount.amount), \(bind: movement.amount.currency.code),
                \(bind: movement.availableAt.epochMicroseconds), \(bind: movement.reference), \(bind: movement.key),
                \(bind: movement.note.map { String($0.prefix(Self.maximumNote)) }), \(bind: payoutID?.rawValue),
                \(bind: now.epochMicroseconds))
            ON CONFLICT (movement_key) DO NOTHING RETURNING id
            """
        ).all()
        return inserted.isEmpty ? nil : id
    }

    /// A repeated key is fine for the same movement (a retry) and refused for another one.
    private func requireSame(_ movement: NewSellerMovement, on db: any SQLDatabase) async throws {
        let row = try await db.raw(
            "SELECT seller_id, kind, amount, currency FROM seller_movements WHERE movement_key = \(bind: movement.key)"
        ).first()
        guard let row, try row.string("seller_id") == movement.sellerID.rawValue,
            try row.string("kind") == movement.kind.rawValue,
            try row.decode(column: "amount", as: Int64.self) == movement.amount.amount,
            try row.string("currency") == movement.amount.currency.code
        else { throw PayoutError.movementKeyReused(key: movement.key) }
    }
}
