import Crypto
import Foundation
import Persistence
public import SQLKit
import TorvCore

extension Orders {
    /// Places an order from a priced checkout: validated, numbered (`T-100023`) and recorded with its
    /// lines as a snapshot. Appends `order.placed`.
    ///
    /// Idempotent on the checkout key: placing the same key again — also concurrently — returns the
    /// existing order with `isNew == false`. The same key with a different draft is refused
    /// (`checkout_key_reused`). A draft that needs approval starts `awaiting_approval`.
    public func place(_ draft: OrderDraft, on db: any SQLDatabase) async throws -> PlacedOrder {
        try draft.validate()
        let digest = SHA256.hash(data: Data(try OrdersStore.json(draft).utf8))
            .map { String(format: "%02x", $0) }.joined()
        if let existing = try await existingOrder(forKey: draft.checkoutKey, digest: digest, on: db) {
            OrdersMetrics.placed(channel: existing.channel, replay: true)
            return PlacedOrder(order: existing, isNew: false)
        }
        let now = self.now
        let placed = try await Savepoint.atomically("orders_place", on: db) {
            let number = HumanNumber.order(try await OrdersStore.nextNumber("order", on: db))
            let order = makeOrder(draft, number: number, now: now)
            guard try await OrdersStore.insert(order, digest: digest, on: db) else {
                // A concurrent checkout with the same key committed first; its order is the answer.
                guard let existing = try await existingOrder(forKey: draft.checkoutKey, digest: digest, on: db) else {
                    throw OrdersError.checkoutKeyReused
                }
                return PlacedOrder(order: existing, isNew: false)
            }
            for line in order.lines {
                try await OrdersStore.insert(line, of: order.id, on: db)
            }
            for (index, part) in draft.subOrders.enumerated() {
                try await OrdersStore.insert(
                    SubOrder(
                        id: SubOrderID.generate(ids, at: now), orderID: order.id, number: "\(number)-\(index + 1)",
                        sellerID: part.sellerID, status: .open,
                        lineIDs: part.linePositions.map { order.lines[$0].id }, goods: part.goods,
                        shipping: part.shipping, fee: part.fee, sellerNet: part.sellerNet, createdAt: now,
                        updatedAt: now, deliveredAt: nil), on: db)
            }
            if let returnID = draft.exchangeForReturnID {
                guard try await OrdersStore.returnExists(returnID, on: db) else { throw OrdersError.returnNotFound }
                guard try await OrdersStore.linkExchange(order.id, to: returnID, on: db) else {
                    throw OrdersError.exchangeAlreadyLinked
                }
            }
            let buyer = AuditActor(kind: "customer", id: draft.customerID ?? "guest")
            try await record(
                OrderPlaced(
                    orderID: order.id, number: number, status: order.status, customerID: order.customerID,
                    companyID: order.companyID, channel: order.channel, grandTotal: order.totals.grandTotal,
                    tax: order.totals.tax, stockReservationID: order.stockReservationID,
                    lines: order.lines.map { EventLine(lineID: $0.id, sku: $0.sku, quantity: $0.quantity) }),
                order: order.id, visibleToCustomer: true, by: buyer, now: now, on: db)
            return PlacedOrder(order: order, isNew: true)
        }
        OrdersMetrics.placed(channel: placed.order.channel, replay: !placed.isNew)
        return placed
    }

    private func existingOrder(forKey key: String, digest: String, on db: any SQLDatabase) async throws -> Order? {
        guard let existing = try await OrdersStore.placed(byKey: key, on: db) else { return nil }
        guard existing.digest == digest else { throw OrdersError.checkoutKeyReused }
        guard let order = try await OrdersStore.order(existing.id, on: db) else { throw OrdersError.orderNotFound }
        return order
    }

    private func makeOrder(_ draft: OrderDraft, number: String, now: Date) -> Order {
        let lines = draft.lines.enumerated().map { position, line in
            OrderLine(
                id: OrderLineID.generate(ids, at: now), position: position, variantID: line.variantID,
                productID: line.productID, sku: line.sku, productTitle: line.productTitle,
                variantTitle: line.variantTitle, sellerID: line.sellerID, offerID: line.offerID,
                quantity: line.quantity, unitPrice: line.unitPrice,
                subtotal: line.subtotal, discount: line.discount, adjustments: line.adjustments,
                taxRate: line.taxRate, tax: line.tax, total: line.total, fulfilledQuantity: 0, cancelledQuantity: 0,
                shippedQuantity: 0, returnRequestedQuantity: 0, returnApprovedQuantity: 0, returnedQuantity: 0)
        }
        return Order(
            id: OrderID.generate(ids, at: now), number: number, checkoutKey: draft.checkoutKey,
            status: draft.requiresApproval ? .awaitingApproval : .placed, cartID: draft.cartID,
            customerID: draft.customerID, companyID: draft.companyID, email: draft.email, channel: draft.channel,
            currency: draft.currency, lines: lines, shippingAddress: draft.shippingAddress,
            billingAddress: draft.billingAddress, delivery: draft.delivery, totals: draft.totals,
            stockReservationID: draft.stockReservationID, paymentMethod: draft.paymentMethod, paymentID: nil,
            refundedTotal: .zero(draft.currency), giftCardTotal: draft.giftCardTotal ?? .zero(draft.currency),
            exchangeForReturnID: draft.exchangeForReturnID, placedAt: now,
            updatedAt: now, cancelledAt: nil, cancellationReason: nil)
    }
}
