public import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Purchasing {
    /// Sends a draft to the supplier. The expected date becomes the override given here or on the draft,
    /// else the sent date plus the longest lead time of the lines (``ExpectedDelivery``).
    public func send(
        _ id: PurchaseOrderID, at sentAt: Date? = nil, expectedAt: Date? = nil, by actor: AuditActor,
        on db: any SQLDatabase
    ) async throws -> PurchaseOrder {
        let now = self.now
        let sentAt = sentAt ?? now
        return try await Savepoint.atomically("purchasing_send", on: db) {
            try await PurchasingStore.lock(id, for: .send, now: now, on: db)
            let draft = try await order(id, on: db)
            let expected = ExpectedDelivery.date(
                sentAt: sentAt, leadTimes: draft.lines.map(\.leadTimeDays),
                override: expectedAt ?? draft.expectedOverride)
            try await PurchasingStore.transition(
                id, for: .send, to: .sent,
                set: """
                    , sent_at = \(bind: sentAt.epochMicroseconds), expected_at = \(bind: expected.epochMicroseconds),
                    expected_override = COALESCE(CAST(\(bind: expectedAt?.epochMicroseconds) AS BIGINT), expected_override)
                    """,
                now: now, on: db)
            try await audit.record(
                "purchase_order.sent", by: actor, target: ("purchase_order", id.rawValue),
                detail: ["number": draft.number, "expected_at": String(expected.epochMicroseconds)], on: db)
            try await outbox.append(
                PurchaseOrderSent(
                    orderID: id, number: draft.number, supplierID: draft.supplierID,
                    destinationLocationID: draft.destinationLocationID, expectedAt: expected, sentAt: sentAt,
                    total: draft.total,
                    lines: draft.lines.map {
                        PurchasedGoods(orderLineID: $0.id, sku: $0.sku, quantity: $0.quantity, unitCost: $0.unitCost)
                    }), on: db)
            return try await order(id, on: db)
        }
    }

    /// Cancels an order in draft or sent while nothing has arrived against it.
    public func cancel(
        _ id: PurchaseOrderID, reason: String? = nil, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> PurchaseOrder {
        var validator = Validator()
        validator.checkReason(reason, required: false, at: "/reason")
        try validator.finish()
        let reason = reason.flatMap(Self.cleaned)
        let now = self.now
        return try await Savepoint.atomically("purchasing_cancel", on: db) {
            try await PurchasingStore.lock(id, for: .cancel, now: now, on: db)
            // Receipts move an order out of `sent` in their own transaction, so this holds already; the
            // guard restates it where the database can see it.
            guard
                try await db.raw(
                    """
                    UPDATE purchasing_orders SET status = 'cancelled', cancelled_at = \(bind: now.epochMicroseconds),
                        cancel_reason = \(bind: reason), updated_at = \(bind: now.epochMicroseconds)
                    WHERE id = \(bind: id.rawValue) AND status IN ('draft', 'sent')
                      AND NOT EXISTS (SELECT 1 FROM purchasing_order_lines l
                                      WHERE l.order_id = purchasing_orders.id AND l.received_quantity > 0)
                    RETURNING id
                    """
                ).first() != nil
            else { throw PurchasingError.goodsAlreadyReceived }
            let cancelled = try await order(id, on: db)
            try await audit.record(
                "purchase_order.cancelled", by: actor, target: ("purchase_order", id.rawValue),
                detail: ["number": cancelled.number, "reason": reason ?? ""], on: db)
            try await outbox.append(
                PurchaseOrderCancelled(
                    orderID: id, number: cancelled.number, supplierID: cancelled.supplierID, reason: reason), on: db)
            return cancelled
        }
    }

    /// Closes an order: the normal end of a billed order, or by hand (with a reason) for a delivery that
    /// stays short or an order whose bill will not come. Units still open are no longer on order.
    public func close(
        _ id: PurchaseOrderID, reason: String? = nil, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> PurchaseOrder {
        let reason = reason.flatMap(Self.cleaned)
        let now = self.now
        return try await Savepoint.atomically("purchasing_close", on: db) {
            let status = try await PurchasingStore.lock(id, for: .close, now: now, on: db)
            var validator = Validator()
            validator.checkReason(reason, required: status.closingNeedsReason, at: "/reason")
            try validator.finish()
            try await PurchasingStore.transition(
                id, for: .close, to: .closed,
                set: ", closed_at = \(bind: now.epochMicroseconds), close_reason = \(bind: reason)", now: now, on: db)
            let closed = try await order(id, on: db)
            try await audit.record(
                "purchase_order.closed", by: actor, target: ("purchase_order", id.rawValue),
                detail: ["number": closed.number, "from": status.rawValue, "reason": reason ?? ""], on: db)
            try await outbox.append(
                PurchaseOrderClosed(
                    orderID: id, number: closed.number, supplierID: closed.supplierID, reason: reason,
                    cancelledQuantities: Dictionary(
                        closed.lines.filter { $0.openQuantity > 0 }.map { ($0.sku, $0.openQuantity) },
                        uniquingKeysWith: +)), on: db)
            return closed
        }
    }
}
