public import Foundation
public import Persistence
public import SQLKit
public import TorvCore

/// How far a payout run has got: sellers visited so far, of those with an account in the run's currency.
public struct PayoutRunProgress: Sendable, Hashable {
    public let visited: Int
    public let sellers: Int

    public init(visited: Int, sellers: Int) {
        self.visited = visited
        self.sellers = sellers
    }
}

/// One seller's balance in one currency, with the name and status the operator recognises them by.
public struct SellerAccountBalance: Sendable, Hashable {
    public let sellerID: SellerID
    public let displayName: String
    public let status: SellerStatus
    public let balance: SellerBalance

    public init(sellerID: SellerID, displayName: String, status: SellerStatus, balance: SellerBalance) {
        self.sellerID = sellerID
        self.displayName = displayName
        self.status = status
        self.balance = balance
    }
}

extension Sellers {
    /// The run started with `key`, if one was.
    public func payoutRun(key: String, on db: any SQLDatabase) async throws -> SellerPayoutRun? {
        try await db.raw("SELECT * FROM seller_payout_runs WHERE run_key = \(bind: key)").first()
            .map(SellerBalancesStore.run)
    }

    /// The latest payout runs, newest first.
    public func latestPayoutRuns(limit: Int, on db: any SQLDatabase) async throws -> [SellerPayoutRun] {
        try await db.raw("SELECT * FROM seller_payout_runs ORDER BY id DESC LIMIT \(bind: limit)").all()
            .map(SellerBalancesStore.run)
    }

    /// How many offers the seller has in each status, counted in the database.
    public func offerCounts(of sellerID: SellerID, on db: any SQLDatabase) async throws -> [SellerOfferStatus: Int] {
        var counts: [SellerOfferStatus: Int] = [:]
        for row in try await db.raw(
            "SELECT status, COUNT(*) AS n FROM seller_offers WHERE seller_id = \(bind: sellerID.rawValue) GROUP BY status"
        ).all() {
            counts[try row.enumeration("status", as: SellerOfferStatus.self, table: "seller_offers")] = try row.int("n")
        }
        return counts
    }

    /// How far `run` has got. A run walks the accounts in seller order and records its cursor after each
    /// batch; within the batch under way, the sellers it paid or held already count as visited (a carried
    /// seller leaves no row, so counts from the batch's end).
    public func progress(of run: SellerPayoutRun, on db: any SQLDatabase) async throws -> PayoutRunProgress {
        let row = try await db.raw(
            """
            SELECT (SELECT COUNT(*) FROM seller_accounts WHERE currency = \(bind: run.minimum.currency.code)) AS sellers,
                (SELECT COUNT(*) FROM seller_accounts a JOIN seller_payout_runs r ON r.id = \(bind: run.id.rawValue)
                    WHERE a.currency = r.currency AND a.seller_id <= r.resume_after) AS passed,
                (SELECT COUNT(*) FROM seller_payouts p JOIN seller_payout_runs r ON r.id = p.run_id
                    WHERE p.run_id = \(bind: run.id.rawValue) AND p.seller_id > r.resume_after) AS ahead
            """
        ).first()
        let sellers = try row?.int("sellers") ?? 0
        guard run.status == .running else { return PayoutRunProgress(visited: sellers, sellers: sellers) }
        let visited = (try row?.int("passed") ?? 0) + (try row?.int("ahead") ?? 0)
        return PayoutRunProgress(visited: min(visited, sellers), sellers: sellers)
    }

    /// Every seller's balance in `currency` at `now`, for sellers with an account in it, in seller order:
    /// one aggregate over the movements, the same sums as ``balance(of:currency:at:on:)``.
    public func accountBalances(
        currency: Currency, at now: Date, after cursor: SellerID?, limit: Int, on db: any SQLDatabase
    ) async throws -> [SellerAccountBalance] {
        try await db.raw(
            """
            SELECT a.seller_id, s.display_name, s.status,
                CAST(COALESCE(SUM(m.amount), 0) AS BIGINT) AS total,
                CAST(COALESCE(SUM(CASE WHEN m.amount > 0 AND m.available_at > \(bind: now.epochMicroseconds)
                    THEN m.amount ELSE 0 END), 0) AS BIGINT) AS pending
            FROM seller_accounts a JOIN sellers s ON s.id = a.seller_id
            LEFT JOIN seller_movements m ON m.seller_id = a.seller_id AND m.currency = a.currency
            WHERE a.currency = \(bind: currency.code) AND a.seller_id > \(bind: cursor?.rawValue ?? "")
            GROUP BY a.seller_id, s.display_name, s.status ORDER BY a.seller_id LIMIT \(bind: limit)
            """
        ).all().map { row in
            let (total, pending) = (
                try row.decode(column: "total", as: Int64.self), try row.decode(column: "pending", as: Int64.self)
            )
            return SellerAccountBalance(
                sellerID: try row.id("seller_id", as: SellerID.self, table: "seller_accounts"),
                displayName: try row.string("display_name"),
                status: try row.enumeration("status", as: SellerStatus.self, table: "sellers"),
                balance: SellerBalance(
                    total: Money(minorUnits: total, currency: currency),
                    pending: Money(minorUnits: pending, currency: currency),
                    available: Money(minorUnits: total - pending, currency: currency)))
        }
    }

    /// Sellers' display names by ID, for lists that show other modules' or runs' rows.
    public func displayNames(of ids: [SellerID], on db: any SQLDatabase) async throws -> [SellerID: String] {
        guard !ids.isEmpty else { return [:] }
        var names: [SellerID: String] = [:]
        for row in try await db.raw(
            "SELECT id, display_name FROM sellers WHERE id IN (\(binds: Array(Set(ids.map(\.rawValue)))))"
        ).all() {
            names[try row.id("id", as: SellerID.self, table: "sellers")] = try row.string("display_name")
        }
        return names
    }
}
