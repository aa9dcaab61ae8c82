public import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Sellers {
    /// Sellers read per batch of a payout run; each seller is still paid in its own short transaction.
    public static let payoutBatchSize = 500
    /// Sellers of a batch paid at the same time, each in its own transaction.
    static let payoutConcurrency = 4

    /// Pays every seller with an account in `minimum`'s currency its available balance at `now`, once that
    /// reaches `minimum` (``PayoutPolicy/decide(_:minimum:)``). Approved sellers only: a suspended or closed
    /// seller's payout is held (recorded with status `held`, no money moves) — a closed seller can still
    /// receive refunds and chargebacks for its last orders, so the marketplace settles it by hand after
    /// the dispute window. Negative and small balances are carried to the next run.
    ///
    /// Each seller is paid in its own transaction: the account row is locked (`FOR UPDATE` on PostgreSQL;
    /// SQLite's single writer serialises anyway), then the available balance is recomputed inside the lock,
    /// so runs at once never pay the same money twice. `runKey` makes the run resumable: the same key picks
    /// up where a stopped run left off and skips sellers it handled already (`UNIQUE (run_id, seller_id)`);
    /// a finished run is returned as it is.
    public func runPayouts(
        minimum: Money, at now: Date, runKey: String, by actor: AuditActor, in database: Database,
        batchSize: Int = payoutBatchSize
    ) async throws -> SellerPayoutRun {
        var v = Validator()
        v.check(
            (1...Self.maximumKey).contains(runKey.count), "/run_key", "must be 1 to 200 characters",
            code: "invalid_run_key")
        v.check(!minimum.isNegative, "/minimum/amount", "must not be negative", code: "out_of_range")
        try v.finish()
        let run = try await database.inTransaction { db in
            try await self.openRun(minimum: minimum, key: runKey, at: now, by: actor, on: db)
        }
        guard run.status == .running else { return run }
        var cursor = try await database.read { db in try await self.runCursor(run.id, on: db) }
        while true {
            let after = cursor
            let batch = try await database.read { db in
                try await db.raw(
                    """
                    SELECT seller_id FROM seller_accounts WHERE currency = \(bind: minimum.currency.code)
                    AND seller_id > \(bind: after) ORDER BY seller_id LIMIT \(bind: batchSize)
                    """
                ).all().map { try $0.id("seller_id", as: SellerID.self, table: "seller_accounts") }
            }
            guard let last = batch.last else { break }
            // A few sellers at once: each has its own lock, so this changes nothing about who is paid what,
            // and on PostgreSQL the commits share WAL flushes. Measured by torv-bench payouts (debug build,
            // 10,000 sellers): one at a time 92 s, four at a time 41 s. SQLite's one writer takes them in turn.
            let carried = try await withThrowingTaskGroup(of: PayoutOutcome.self) { group in
                var pending = batch[...]
                var carried = 0
                for _ in 0..<max(1, Self.payoutConcurrency) {
                    guard let sellerID = pending.popFirst() else { break }
                    group.addTask {
                        try await self.payOut(sellerID, run: run.id, minimum: minimum, at: now, in: database)
                    }
                }
                while let outcome = try await group.next() {
                    if outcome == .carried { carried += 1 }
                    if let sellerID = pending.popFirst() {
                        group.addTask {
                            try await self.payOut(sellerID, run: run.id, minimum: minimum, at: now, in: database)
                        }
                    }
                }
                return carried
            }
            // Guarded on the cursor the batch started from: a second worker on the same run that finished
            // this batch first has counted it already.
            let (previous, carriedInBatch) = (cursor, carried)
            let advanced = try await database.inTransaction { db in
                try await db.raw(
                    """
                    UPDATE seller_payout_runs SET resume_after = \(bind: last.rawValue),
                        carried_count = carried_count + \(bind: carriedInBatch)
                    WHERE id = \(bind: run.id.rawValue) AND resume_after = \(bind: previous) RETURNING id
                    """
                ).all()
            }
            if advanced.isEmpty {
                cursor = try await database.read { db in try await self.runCursor(run.id, on: db) }
            } else {
                cursor = last.rawValue
            }
        }
        // Totals from the payouts themselves, so a resumed run (or a second worker on the same key) counts
        // every seller once.
        return try await database.inTransaction { db in
            try await db.raw(
                """
                UPDATE seller_payout_runs SET status = 'finished',
                    finished_at = COALESCE(finished_at, \(bind: now.epochMicroseconds)),
                    paid_count = (SELECT COUNT(*) FROM seller_payouts WHERE run_id = \(bind: run.id.rawValue) AND status <> 'held'),
                    paid_total = (SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM seller_payouts
                        WHERE run_id = \(bind: run.id.rawValue) AND status <> 'held'),
                    held_count = (SELECT COUNT(*) FROM seller_payouts WHERE run_id = \(bind: run.id.rawValue) AND status = 'held'),
                    held_total = (SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM seller_payouts
                        WHERE run_id = \(bind: run.id.rawValue) AND status = 'held')
                WHERE id = \(bind: run.id.rawValue)
                """
            ).run()
            return try await self.payoutRun(run.id, on: db)
        }
    }

    enum PayoutOutcome: Equatable {
        case paid, held, carried, handledBefore
    }

    /// One seller of one run, in its own transaction.
    func payOut(
        _ sellerID: SellerID, run runID: PayoutRunID, minimum: Money, at now: Date, in database: Database
    ) async throws -> PayoutOutcome {
        try await database.inTransaction { db in
            try await self.payOut(sellerID, run: runID, minimum: minimum, at: now, on: db)
        }
    }

    /// One seller of one run, inside the caller's transaction.
    func payOut(
        _ sellerID: SellerID, run runID: PayoutRunID, minimum: Money, at now: Date, on db: any SQLDatabase
    ) async throws -> PayoutOutcome {
        if db.backend == .postgres {
            // The second run waits here until the first commits, then reads the balance its payout left.
            try await db.raw(
                """
                SELECT seller_id FROM seller_accounts
                WHERE seller_id = \(bind: sellerID.rawValue) AND currency = \(bind: minimum.currency.code) FOR UPDATE
                """
            ).run()
        }
        // In one statement, read inside the lock: whether this run handled the seller already, the balance
        // (the same sums as `balance(of:currency:at:on:)`), and the seller's status and payout account.
        let row = try await db.raw(
            """
            SELECT s.status, s.onboarding,
                (SELECT COUNT(*) FROM seller_payouts p
                    WHERE p.run_id = \(bind: runID.rawValue) AND p.seller_id = s.id) AS handled,
                (SELECT CAST(COALESCE(SUM(m.amount), 0) AS BIGINT) FROM seller_movements m
                    WHERE m.seller_id = s.id AND m.currency = \(bind: minimum.currency.code)) AS total,
                (SELECT CAST(COALESCE(SUM(m.amount), 0) AS BIGINT) FROM seller_movements m
                    WHERE m.seller_id = s.id AND m.currency = \(bind: minimum.currency.code) AND m.amount > 0
                    AND m.available_at > \(bind: now.epochMicroseconds)) AS pending
            FROM sellers s WHERE s.id = \(bind: sellerID.rawValue)
            """
        ).first()
        guard let row else { throw SellersError.sellerNotFound }
        guard try row.int("handled") == 0 else { return .handledBefore }
        let (total, pending) = (
            try row.decode(column: "total", as: Int64.self), try row.decode(column: "pending", as: Int64.self)
        )
        let balance = SellerBalance(
            total: Money(minorUnits: total, currency: minimum.currency),
            pending: Money(minorUnits: pending, currency: minimum.currency),
            available: Money(minorUnits: total - pending, currency: minimum.currency))
        guard let amount = PayoutPolicy.decide(balance, minimum: minimum).amount else { return .carried }
        let status = try row.enumeration("status", as: SellerStatus.self, table: "sellers")
        let onboarding = try SellersStore.decodeJSON(
            SellerOnboarding.self, try row.string("onboarding"), table: "sellers")
        let iban = onboarding.payoutIBAN
        let heldBecause: String? =
            switch status {
            case .approved: iban == nil ? "no payout account" : nil
            case .suspended: "held while the seller is suspended"
            case .closed: "held: the seller is closed; settled by hand after the dispute window"
            default: "held: the seller is \(status.rawValue)"
            }
        let payoutID = SellerPayoutID.generate(ids, at: now)
        try await db.raw(
            """
            INSERT INTO seller_payouts (id, run_id, seller_id, amount, currency, iban, holder, status, reason,
                created_at, updated_at)
            VALUES (\(bind: payoutID.rawValue), \(bind: runID.rawValue), \(bind: sellerID.rawValue),
                \(bind: amount.amount), \(bind: amount.currency.code), \(bind: iban),
                \(bind: onboarding.payoutHolder ?? onboarding.legalName),
                \(bind: heldBecause == nil ? "scheduled" : "held"), \(bind: heldBecause),
                \(bind: now.epochMicroseconds), \(bind: now.epochMicroseconds))
            """
        ).run()
        if heldBecause != nil { return .held }
        let movement = NewSellerMovement(
            sellerID: sellerID, kind: .payout, amount: try amount.negated(), availableAt: now,
            reference: payoutID.rawValue, key: "payout:\(payoutID.rawValue)")
        _ = try await insert(movement, payoutID: payoutID, at: now, on: db)
        try await outbox.append(
            SellerPayoutScheduled(payoutID: payoutID, sellerID: sellerID, runID: runID, amount: amount), on: db)
        return .paid
    }

    /// Marks a scheduled payout paid, or failed with the bank's reason; a failed payout's money is credited
    /// back to the seller (an `adjustment` keyed by the payout), so the next run pays it again.
    public func settlePayout(
        _ id: SellerPayoutID, paid: Bool, reason: String?, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> SellerPayout {
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        if !paid && (reason ?? "").isEmpty { throw PayoutError.noteRequired }
        let now = self.now
        let updated = try await db.raw(
            """
            UPDATE seller_payouts SET status = \(bind: paid ? "paid" : "failed"), reason = \(bind: reason),
                updated_at = \(bind: now.epochMicroseconds)
            WHERE id = \(bind: id.rawValue) AND status = 'scheduled' RETURNING *
            """
        ).first()
        guard let updated else {
            let current = try await payout(id, on: db)
            throw PayoutError.payoutNotScheduled(current.status)
        }
        let payout = try SellerBalancesStore.payout(updated)
        if !paid {
            let credit = NewSellerMovement(
                sellerID: payout.sellerID, kind: .adjustment, amount: payout.amount, availableAt: now,
                reference: id.rawValue, key: "payout_failed:\(id.rawValue)", note: reason)
            _ = try await insert(credit, payoutID: nil, at: now, on: db)
            try await outbox.append(
                SellerPayoutFailed(
                    payoutID: id, sellerID: payout.sellerID, amount: payout.amount, reason: reason ?? ""),
                on: db)
        }
        try await audit.record(
            paid ? "seller.payout_paid" : "seller.payout_failed", by: actor, target: ("seller_payout", id.rawValue),
            detail: reason.map { ["reason": $0] } ?? [:], on: db)
        return payout
    }

    public func payout(_ id: SellerPayoutID, on db: any SQLDatabase) async throws -> SellerPayout {
        guard let row = try await db.raw("SELECT * FROM seller_payouts WHERE id = \(bind: id.rawValue)").first() else {
            throw PayoutError.payoutNotFound
        }
        return try SellerBalancesStore.payout(row)
    }

    /// A seller's payouts (held ones included, with the reason), oldest first.
    public func payouts(
        of sellerID: SellerID, after cursor: SellerPayoutID?, limit: Int, on db: any SQLDatabase
    ) async throws -> [SellerPayout] {
        try await db.raw(
            """
            SELECT * FROM seller_payouts WHERE seller_id = \(bind: sellerID.rawValue)
            AND id > \(bind: cursor?.rawValue ?? "") ORDER BY id LIMIT \(bind: limit)
            """
        ).all().map(SellerBalancesStore.payout)
    }

    /// A run's payouts and holds, in payout order.
    public func payouts(
        inRun runID: PayoutRunID, after cursor: SellerPayoutID?, limit: Int, on db: any SQLDatabase
    ) async throws -> [SellerPayout] {
        try await db.raw(
            """
            SELECT * FROM seller_payouts WHERE run_id = \(bind: runID.rawValue)
            AND id > \(bind: cursor?.rawValue ?? "") ORDER BY id LIMIT \(bind: limit)
            """
        ).all().map(SellerBalancesStore.payout)
    }

    public func payoutRun(_ id: PayoutRunID, on db: any SQLDatabase) async throws -> SellerPayoutRun {
        guard let row = try await db.raw("SELECT * FROM seller_payout_runs WHERE id = \(bind: id.rawValue)").first()
        else { throw PayoutError.runNotFound }
        return try SellerBalancesStore.run(row)
    }

    /// Payout runs, oldest first.
    public func payoutRuns(
        after cursor: PayoutRunID?, limit: Int, on db: any SQLDatabase
    ) async throws -> [SellerPayoutRun] {
        try await db.raw(
            """
            SELECT * FROM seller_payout_runs WHERE id > \(bind: cursor?.rawValue ?? "") ORDER BY id LIMIT \(bind: limit)
            """
        ).all().map(SellerBalancesStore.run)
    }

    /// The run with `key`, created when new; refused when the key was used with other terms.
    private func openRun(
        minimum: Money, key: String, at now: Date, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> SellerPayoutRun {
        let id = PayoutRunID.generate(ids, at: now)
        let created = try await db.raw(
            """
            INSERT INTO seller_payout_runs (id, run_key, currency, minimum, status, resume_after, carried_count, paid_count,
                paid_total, held_count, held_total, actor_kind, actor_id, started_at)
            VALUES (\(bind: id.rawValue), \(bind: key), \(bind: minimum.currency.code), \(bind: minimum.amount),
                'running', '', 0, 0, 0, 0, 0, \(bind: actor.kind), \(bind: actor.id), \(bind: now.epochMicroseconds))
            ON CONFLICT (run_key) DO NOTHING RETURNING id
            """
        ).all()
        guard let row = try await db.raw("SELECT * FROM seller_payout_runs WHERE run_key = \(bind: key)").first() else {
            throw PayoutError.runNotFound
        }
        let run = try SellerBalancesStore.run(row)
        guard run.minimum == minimum else { throw PayoutError.runKeyReused }
        if !created.isEmpty {
            try await audit.record(
                "seller.payout_run_started", by: actor, target: ("seller_payout_run", id.rawValue),
                detail: ["minimum": "\(minimum)"], on: db)
        }
        return run
    }

    private func runCursor(_ id: PayoutRunID, on db: any SQLDatabase) async throws -> String {
        guard
            let row = try await db.raw("SELECT resume_after FROM seller_payout_runs WHERE id = \(bind: id.rawValue)")
                .first()
        else { throw PayoutError.runNotFound }
        return try row.string("resume_after")
    }
}
