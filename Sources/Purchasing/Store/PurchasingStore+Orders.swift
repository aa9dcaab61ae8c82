import Foundation
import Persistence
import SQLKit
import TorvCore

extension PurchasingStore {
    static let orderColumns = """
        id, number, supplier_id, currency, destination_location_id, status, expected_override, expected_at, note,
        sent_at, received_at, billed_at, closed_at, close_reason, cancelled_at, cancel_reason, created_at
        """
    static let lineColumns = """
        id, order_id, position, sku, quantity, unit_cost, lead_time_days, received_quantity, returned_quantity,
        billed_quantity
        """

    /// Takes the next number of the purchase order series. The counter row's lock serialises concurrent
    /// callers until they commit; a caller that rolls back (or whose savepoint does) gives its number
    /// back with the rest of its work, so committed numbers have no gaps.
    static func nextOrderNumber(on db: any SQLDatabase) async throws -> String {
        guard
            let row = try await db.raw(
                """
                UPDATE purchasing_series SET next_value = next_value + 1 WHERE name = 'purchase_order'
                RETURNING prefix, next_value
                """
            ).first()
        else { throw PersistenceError.corruptRow(table: "purchasing_series", detail: "missing series purchase_order") }
        return try row.string("prefix") + String(format: "%06d", try row.int("next_value") - 1)
    }

    static func insertOrder(
        id: PurchaseOrderID, number: String, draft: PurchaseOrderDraft, currency: Currency, now: Date,
        on db: any SQLDatabase
    ) async throws {
        try await db.raw(
            """
            INSERT INTO purchasing_orders (id, number, supplier_id, currency, destination_location_id, status,
                                           expected_override, note, created_at, updated_at)
            VALUES (\(bind: id.rawValue), \(bind: number), \(bind: draft.supplierID.rawValue), \(bind: currency.code),
                    \(bind: draft.destinationLocationID), 'draft', \(bind: draft.expectedAt?.epochMicroseconds),
                    \(bind: draft.note), \(bind: now.epochMicroseconds), \(bind: now.epochMicroseconds))
            """
        ).run()
    }

    static func insertLines(
        _ lines: [PurchaseOrderLine], of orderID: PurchaseOrderID, on db: any SQLDatabase
    )
        async throws
    {
        for (position, line) in lines.enumerated() {
            try await db.raw(
                """
                INSERT INTO purchasing_order_lines (id, order_id, position, sku, quantity, unit_cost, lead_time_days)
                VALUES (\(bind: line.id.rawValue), \(bind: orderID.rawValue), \(bind: position), \(bind: line.sku),
                        \(bind: line.quantity), \(bind: line.unitCost.amount), \(bind: line.leadTimeDays))
                """
            ).run()
        }
    }

    static func line(from row: any SQLRow, currency: Currency) throws -> PurchaseOrderLine {
        PurchaseOrderLine(
            id: try row.id("id", as: PurchaseOrderLineID.self, table: "purchasing_order_lines"),
            sku: try row.string("sku"), quantity: try row.int("quantity"),
            unitCost: try money(row, "unit_cost", currency), leadTimeDays: try row.int("lead_time_days"),
            receivedQuantity: try row.int("received_quantity"), returnedQuantity: try row.int("returned_quantity"),
            billedQuantity: try row.int("billed_quantity"))
    }

    static func order(from row: any SQLRow, lines: [PurchaseOrderLine]) throws -> PurchaseOrder {
        let table = "purchasing_orders"
        return PurchaseOrder(
            id: try row.id("id", as: PurchaseOrderID.self, table: table), number: try row.string("number"),
            supplierID: try row.id("supplier_id", as: SupplierID.self, table: table),
            currency: try row.currency("currency"), destinationLocationID: try row.string("destination_location_id"),
            status: try row.enumeration("status", as: PurchaseOrderStatus.self, table: table),
            expectedAt: try row.optionalDate("expected_at"),
            expectedOverride: try row.optionalDate("expected_override"),
            note: try row.optionalString("note"), lines: lines, sentAt: try row.optionalDate("sent_at"),
            receivedAt: try row.optionalDate("received_at"), billedAt: try row.optionalDate("billed_at"),
            closedAt: try row.optionalDate("closed_at"), closeReason: try row.optionalString("close_reason"),
            cancelledAt: try row.optionalDate("cancelled_at"), cancelReason: try row.optionalString("cancel_reason"),
            createdAt: try row.date("created_at"))
    }

    static func order(_ id: PurchaseOrderID, on db: any SQLDatabase) async throws -> PurchaseOrder? {
        guard
            let row = try await db.raw(
                "SELECT \(unsafeRaw: orderColumns) FROM purchasing_orders WHERE id = \(bind: id.rawValue)"
            ).first()
        else { return nil }
        let currency = try row.currency("currency")
        let lines = try await db.raw(
            """
            SELECT \(unsafeRaw: lineColumns) FROM purchasing_order_lines
            WHERE order_id = \(bind: id.rawValue) ORDER BY position
            """
        ).all().map { try line(from: $0, currency: currency) }
        return try order(from: row, lines: lines)
    }

    static func status(of id: PurchaseOrderID, on db: any SQLDatabase) async throws -> PurchaseOrderStatus? {
        try await db.raw("SELECT status FROM purchasing_orders WHERE id = \(bind: id.rawValue)").first().map {
            try $0.enumeration("status", as: PurchaseOrderStatus.self, table: "purchasing_orders")
        }
    }

    /// Locks the order for `action` when its state allows it: a guarded UPDATE, so on PostgreSQL every
    /// other change of the same order waits until this transaction ends, and the state seen here is the
    /// newest. Throws `purchase_order_not_found` or `invalid_transition`.
    @discardableResult
    static func lock(
        _ id: PurchaseOrderID, for action: PurchaseOrderAction, now: Date, on db: any SQLDatabase
    ) async throws -> PurchaseOrderStatus {
        let sources = PurchaseOrderStatus.sources(of: action).map(\.rawValue)
        if let row = try await db.raw(
            """
            UPDATE purchasing_orders SET updated_at = \(bind: now.epochMicroseconds)
            WHERE id = \(bind: id.rawValue) AND status IN (\(binds: sources))
            RETURNING status
            """
        ).first() {
            return try row.enumeration("status", as: PurchaseOrderStatus.self, table: "purchasing_orders")
        }
        guard let status = try await status(of: id, on: db) else { throw PurchasingError.orderNotFound }
        throw PurchasingError.invalidTransition(from: status, action: action)
    }

    /// Moves the order to `target` if it is still in a state `action` starts from.
    static func transition(
        _ id: PurchaseOrderID, for action: PurchaseOrderAction, to target: PurchaseOrderStatus,
        set assignments: SQLQueryString = "", now: Date, on db: any SQLDatabase
    ) async throws {
        let sources = PurchaseOrderStatus.sources(of: action).map(\.rawValue)
        guard
            try await db.raw(
                """
                UPDATE purchasing_orders SET status = \(bind: target.rawValue),
                    updated_at = \(bind: now.epochMicroseconds) \(assignments)
                WHERE id = \(bind: id.rawValue) AND status IN (\(binds: sources))
                RETURNING id
                """
            ).first() != nil
        else {
            guard let status = try await status(of: id, on: db) else { throw PurchasingError.orderNotFound }
            throw PurchasingError.invalidTransition(from: status, action: action)
        }
    }

    /// A received order whose kept units are all on approved bills becomes billed.
    @discardableResult
    static func advanceToBilled(_ id: PurchaseOrderID, now: Date, on db: any SQLDatabase) async throws -> Bool {
        try await db.raw(
            """
            UPDATE purchasing_orders SET status = 'billed', billed_at = \(bind: now.epochMicroseconds),
                updated_at = \(bind: now.epochMicroseconds)
            WHERE id = \(bind: id.rawValue) AND status = 'received'
              AND NOT EXISTS (
                  SELECT 1 FROM purchasing_order_lines l
                  WHERE l.order_id = purchasing_orders.id
                    AND l.billed_quantity < l.received_quantity - l.returned_quantity)
            RETURNING id
            """
        ).first() != nil
    }

    static func orders(
        supplierID: SupplierID?, status: PurchaseOrderStatus?, after cursor: PurchaseOrderID?, limit: Int,
        on db: any SQLDatabase
    ) async throws -> [PurchaseOrderID] {
        try await db.raw(
            """
            SELECT id FROM purchasing_orders
            WHERE (\(bind: supplierID?.rawValue) IS NULL OR supplier_id = \(bind: supplierID?.rawValue ?? ""))
              AND (\(bind: status?.rawValue) IS NULL OR status = \(bind: status?.rawValue ?? ""))
              AND id > \(bind: cursor?.rawValue ?? "")
            ORDER BY id LIMIT \(bind: limit)
            """
        ).all().map { try $0.id("id", as: PurchaseOrderID.self, table: "purchasing_orders") }
    }

    static func onOrder(skus: [String]?, on db: any SQLDatabase) async throws -> [OnOrderLine] {
        if let skus, skus.isEmpty { return [] }
        let filter: SQLQueryString = if let skus { "AND l.sku IN (\(binds: skus))" } else { "" }
        let open = PurchaseOrderStatus.sources(of: .receive).map(\.rawValue)
        return try await db.raw(
            """
            SELECT o.id, o.number, o.supplier_id, o.destination_location_id, o.expected_at, l.sku,
                   l.quantity - l.received_quantity AS open_quantity
            FROM purchasing_order_lines l
            JOIN purchasing_orders o ON o.id = l.order_id
            WHERE o.status IN (\(binds: open)) AND l.received_quantity < l.quantity \(filter)
            ORDER BY l.sku, o.expected_at, o.id
            """
        ).all().map { row in
            OnOrderLine(
                orderID: try row.id("id", as: PurchaseOrderID.self, table: "purchasing_orders"),
                number: try row.string("number"),
                supplierID: try row.id("supplier_id", as: SupplierID.self, table: "purchasing_orders"),
                destinationLocationID: try row.string("destination_location_id"), sku: try row.string("sku"),
                openQuantity: try row.int("open_quantity"), expectedAt: try row.optionalDate("expected_at"))
        }
    }
}
