import Foundation
import Persistence
import SQLKit
import TorvCore

extension OrdersStore {
    static let fulfilmentColumns = """
        id, order_id, kind, status, location_id, carrier, tracking_number, pickup_code_hash, pickup_code_salt,
        pickup_attempts, created_at, updated_at
        """

    /// Puts `quantity` more units of a line into fulfilment unless fulfilled + cancelled would exceed
    /// the ordered quantity; nil when it would (the row's CHECK says the same).
    static func allocate(
        _ quantity: Int, of line: OrderLineID, in order: OrderID, on db: any SQLDatabase
    ) async throws -> Bool {
        try await !db.raw(
            """
            UPDATE order_lines SET fulfilled_quantity = fulfilled_quantity + \(bind: quantity)
            WHERE id = \(bind: line.rawValue) AND order_id = \(bind: order.rawValue)
              AND fulfilled_quantity + cancelled_quantity + \(bind: quantity) <= quantity
            RETURNING id
            """
        ).all().isEmpty
    }

    static func insert(_ fulfilment: Fulfilment, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO order_fulfilments (id, order_id, kind, status, location_id, pickup_attempts, created_at, updated_at)
            VALUES (\(bind: fulfilment.id.rawValue), \(bind: fulfilment.orderID.rawValue), \(bind: fulfilment.kind.rawValue),
                    \(bind: fulfilment.status.rawValue), \(bind: fulfilment.locationID), 0,
                    \(bind: fulfilment.createdAt.epochMicroseconds), \(bind: fulfilment.updatedAt.epochMicroseconds))
            """
        ).run()
        for line in fulfilment.lines {
            try await db.raw(
                """
                INSERT INTO order_fulfilment_lines (fulfilment_id, line_id, quantity)
                VALUES (\(bind: fulfilment.id.rawValue), \(bind: line.lineID.rawValue), \(bind: line.quantity))
                """
            ).run()
        }
    }

    static func fulfilments(
        where condition: SQLQueryString, on db: any SQLDatabase
    ) async throws -> [(fulfilment: Fulfilment, codeHash: String?, codeSalt: String?)] {
        let rows = try await db.raw(
            "SELECT \(unsafeRaw: fulfilmentColumns) FROM order_fulfilments WHERE \(condition) ORDER BY id"
        ).all()
        guard !rows.isEmpty else { return [] }
        let ids = try rows.map { try $0.string("id") }
        let lineRows = try await db.raw(
            """
            SELECT f.fulfilment_id, f.line_id, f.quantity, l.sku FROM order_fulfilment_lines f
            JOIN order_lines l ON l.id = f.line_id
            WHERE f.fulfilment_id IN (\(binds: ids)) ORDER BY l.position
            """
        ).all()
        var lines: [String: [FulfilmentLine]] = [:]
        for row in lineRows {
            lines[try row.string("fulfilment_id"), default: []].append(
                FulfilmentLine(
                    lineID: try row.id("line_id", as: OrderLineID.self, table: "order_fulfilment_lines"),
                    sku: try row.string("sku"), quantity: try row.int("quantity")))
        }
        return try rows.map { row in
            let id = try row.string("id")
            return (
                Fulfilment(
                    id: try row.id("id", as: FulfilmentID.self, table: "order_fulfilments"),
                    orderID: try row.id("order_id", as: OrderID.self, table: "order_fulfilments"),
                    kind: try row.enumeration("kind", as: FulfilmentKind.self, table: "order_fulfilments"),
                    status: try row.enumeration("status", as: FulfilmentStatus.self, table: "order_fulfilments"),
                    locationID: try row.optionalString("location_id"), lines: lines[id] ?? [],
                    carrier: try row.optionalString("carrier"),
                    trackingNumber: try row.optionalString("tracking_number"),
                    pickupAttempts: try row.int("pickup_attempts"), createdAt: try row.date("created_at"),
                    updatedAt: try row.date("updated_at")),
                try row.optionalString("pickup_code_hash"), try row.optionalString("pickup_code_salt")
            )
        }
    }

    static func fulfilment(
        _ id: FulfilmentID, on db: any SQLDatabase
    ) async throws -> (fulfilment: Fulfilment, codeHash: String?, codeSalt: String?)? {
        try await fulfilments(where: "id = \(bind: id.rawValue)", on: db).first
    }

    /// Moves a fulfilment to `to` from one of `sources` in one guarded statement, setting the columns
    /// the step fills in. False when it was in none of them.
    static func move(
        _ id: FulfilmentID, from sources: [FulfilmentStatus], to: FulfilmentStatus, carrier: String? = nil,
        trackingNumber: String? = nil, code: (hash: String, salt: String)? = nil, now: Date, on db: any SQLDatabase
    ) async throws -> Bool {
        guard !sources.isEmpty else { return false }
        return try await !db.raw(
            """
            UPDATE order_fulfilments SET status = \(bind: to.rawValue), updated_at = \(bind: now.epochMicroseconds),
                carrier = COALESCE(\(bind: carrier), carrier),
                tracking_number = COALESCE(\(bind: trackingNumber), tracking_number),
                pickup_code_hash = COALESCE(\(bind: code?.hash), pickup_code_hash),
                pickup_code_salt = COALESCE(\(bind: code?.salt), pickup_code_salt),
                pickup_attempts = CASE WHEN \(bind: code == nil ? 0 : 1) = 1 THEN 0 ELSE pickup_attempts END
            WHERE id = \(bind: id.rawValue) AND status IN (\(binds: sources.map(\.rawValue)))
            RETURNING id
            """
        ).all().isEmpty
    }

    /// Counts a fulfilment's units as shipped on their order lines (shipped ≤ fulfilled by CHECK).
    static func ship(_ fulfilment: Fulfilment, on db: any SQLDatabase) async throws {
        for line in fulfilment.lines {
            try await db.raw(
                """
                UPDATE order_lines SET shipped_quantity = shipped_quantity + \(bind: line.quantity)
                WHERE id = \(bind: line.lineID.rawValue)
                """
            ).run()
        }
    }

    /// Counts one wrong pick-up code while the limit is not reached; the attempts so far, or nil when the
    /// code is no longer live (locked, or no longer ready for pick-up).
    static func countWrongCode(_ id: FulfilmentID, maximum: Int, now: Date, on db: any SQLDatabase) async throws -> Int?
    {
        try await db.raw(
            """
            UPDATE order_fulfilments SET pickup_attempts = pickup_attempts + 1, updated_at = \(bind: now.epochMicroseconds)
            WHERE id = \(bind: id.rawValue) AND status = 'ready_for_pickup' AND pickup_attempts < \(bind: maximum)
            RETURNING pickup_attempts
            """
        ).first().map { try $0.int("pickup_attempts") }
    }
}
