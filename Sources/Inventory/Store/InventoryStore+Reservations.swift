import Foundation
import Persistence
import SQLKit
import TorvCore

extension InventoryStore {
    /// Inserts a held reservation; false when the reference already has one (the partial unique index).
    static func insertHold(
        _ id: StockReservationID, reference: String, routing: String, expiresAt: Date, now: Date,
        on db: any SQLDatabase
    ) async throws -> Bool {
        try await !db.raw(
            """
            INSERT INTO inventory_reservations (id, reference, status, routing, expires_at, created_at)
            VALUES (\(bind: id.rawValue), \(bind: reference), 'held', \(bind: routing),
                    \(bind: expiresAt.epochMicroseconds), \(bind: now.epochMicroseconds))
            ON CONFLICT DO NOTHING
            RETURNING id
            """
        ).all().isEmpty
    }

    static func insertLine(_ line: ReservedStock, of id: StockReservationID, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO inventory_reservation_lines
                (reservation_id, line_no, sku, location_id, quantity, backordered, available_from)
            VALUES (\(bind: id.rawValue), \(bind: line.line), \(bind: line.sku), \(bind: line.locationID.rawValue),
                    \(bind: line.quantity), \(bind: line.backordered), \(bind: line.availableFrom?.epochMicroseconds))
            """
        ).run()
    }

    static func reservation(_ id: StockReservationID, on db: any SQLDatabase) async throws -> StockReservation? {
        guard
            let row = try await db.raw(
                """
                SELECT id, reference, status, routing, expires_at, created_at, closed_at
                FROM inventory_reservations WHERE id = \(bind: id.rawValue)
                """
            ).first()
        else { return nil }
        let lines = try await db.raw(
            """
            SELECT line_no, sku, location_id, quantity, backordered, available_from
            FROM inventory_reservation_lines WHERE reservation_id = \(bind: id.rawValue)
            ORDER BY line_no, location_id
            """
        ).all().map { row in
            ReservedStock(
                line: try row.int("line_no"), sku: try row.string("sku"),
                locationID: try row.id("location_id", as: StockLocationID.self, table: "inventory_reservation_lines"),
                quantity: try row.int("quantity"), backordered: try row.int("backordered"),
                availableFrom: try row.optionalDate("available_from"))
        }
        return StockReservation(
            id: id, reference: try row.string("reference"),
            status: try row.enumeration("status", as: ReservationStatus.self, table: "inventory_reservations"),
            routing: try row.string("routing"), lines: lines, expiresAt: try row.date("expires_at"),
            createdAt: try row.date("created_at"), closedAt: try row.optionalDate("closed_at"))
    }

    /// Moves a held reservation to `status` in one guarded statement; false when it is no longer held
    /// (or, with `unexpiredAt`, when it expired by then). Exactly one of commit, release and expiry wins.
    static func close(
        _ id: StockReservationID, as status: ReservationStatus, now: Date, unexpiredAt: Date? = nil,
        expiredBy: Date? = nil, on db: any SQLDatabase
    ) async throws -> Bool {
        let after = unexpiredAt?.epochMicroseconds ?? Int64.min
        let until = expiredBy?.epochMicroseconds ?? Int64.max
        return try await !db.raw(
            """
            UPDATE inventory_reservations
            SET status = \(bind: status.rawValue), closed_at = \(bind: now.epochMicroseconds)
            WHERE id = \(bind: id.rawValue) AND status = 'held'
              AND expires_at > \(bind: after) AND expires_at <= \(bind: until)
            RETURNING id
            """
        ).all().isEmpty
    }

    /// Held reservations whose time is up, oldest first. On PostgreSQL rows another sweeper has locked
    /// are skipped, so several processes share the work.
    static func dueHolds(at now: Date, limit: Int, on db: any SQLDatabase) async throws -> [StockReservationID] {
        let lock = db.backend == .postgres ? SQLRaw("FOR UPDATE SKIP LOCKED") : SQLRaw("")
        return try await db.raw(
            """
            SELECT id FROM inventory_reservations
            WHERE status = 'held' AND expires_at <= \(bind: now.epochMicroseconds)
            ORDER BY expires_at, id LIMIT \(bind: limit) \(lock)
            """
        ).all().map { try $0.id("id", as: StockReservationID.self, table: "inventory_reservations") }
    }
}
