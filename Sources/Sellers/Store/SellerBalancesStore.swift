import Foundation
import Persistence
import SQLKit
import TorvCore

/// Rows of the balance and payout tables, decoded into values.
enum SellerBalancesStore {
    static func money(_ row: any SQLRow, _ column: String, _ currency: Currency) throws -> Money {
        Money(minorUnits: try row.decode(column: column, as: Int64.self), currency: currency)
    }

    static func movement(_ row: any SQLRow, balanceAfter: Int64) throws -> SellerMovementRecord {
        let table = "seller_movements"
        let currency = try row.currency("currency")
        return SellerMovementRecord(
            id: try row.id("id", as: SellerMovementID.self, table: table),
            sellerID: try row.id("seller_id", as: SellerID.self, table: table),
            kind: try row.enumeration("kind", as: SellerMovementKind.self, table: table),
            amount: try money(row, "amount", currency), availableAt: try row.date("available_at"),
            reference: try row.string("reference"), key: try row.string("movement_key"),
            note: try row.optionalString("note"),
            payoutID: try row.optionalID("payout_id", as: SellerPayoutID.self, table: table),
            createdAt: try row.date("created_at"),
            balanceAfter: Money(minorUnits: balanceAfter, currency: currency))
    }

    /// Movements in ID order with each one's running total, starting from `openings` per currency.
    static func movements(_ rows: [any SQLRow], openings: [String: Int64]) throws -> [SellerMovementRecord] {
        var running = openings
        return try rows.map { row in
            let code = try row.string("currency")
            let after = (running[code] ?? 0) + (try row.decode(column: "amount", as: Int64.self))
            running[code] = after
            return try movement(row, balanceAfter: after)
        }
    }

    static func payout(_ row: any SQLRow) throws -> SellerPayout {
        let table = "seller_payouts"
        return SellerPayout(
            id: try row.id("id", as: SellerPayoutID.self, table: table),
            runID: try row.id("run_id", as: PayoutRunID.self, table: table),
            sellerID: try row.id("seller_id", as: SellerID.self, table: table),
            amount: try money(row, "amount", try row.currency("currency")), iban: try row.optionalString("iban"),
            holder: try row.optionalString("holder"),
            status: try row.enumeration("status", as: SellerPayoutStatus.self, table: table),
            reason: try row.optionalString("reason"), createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at"))
    }

    static func run(_ row: any SQLRow) throws -> SellerPayoutRun {
        let table = "seller_payout_runs"
        let currency = try row.currency("currency")
        return SellerPayoutRun(
            id: try row.id("id", as: PayoutRunID.self, table: table), key: try row.string("run_key"),
            minimum: try money(row, "minimum", currency),
            status: try row.enumeration("status", as: SellerPayoutRun.Status.self, table: table),
            paidCount: try row.int("paid_count"), paidTotal: try money(row, "paid_total", currency),
            heldCount: try row.int("held_count"), heldTotal: try money(row, "held_total", currency),
            carriedCount: try row.int("carried_count"),
            startedBy: "\(try row.string("actor_kind")):\(try row.string("actor_id"))",
            startedAt: try row.date("started_at"), finishedAt: try row.optionalDate("finished_at"))
    }
}
