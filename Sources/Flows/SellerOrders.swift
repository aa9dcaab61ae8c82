public import Foundation
public import Orders
import Payments
public import Persistence
public import Reviews
import SQLKit
public import Sellers
public import TorvCore

/// A sub-order as its seller sees it: their lines only, where to ship them, and their parcels. The buyer's
/// e-mail, payment and the other sellers' lines stay with the platform.
public struct SellerOrderView: Sendable, Hashable {
    public var subOrder: SubOrder
    public var orderNumber: String
    public var placedAt: Date
    public var shippingAddress: OrderAddress?
    public var lines: [OrderLine]
    public var fulfilments: [Fulfilment]
    /// What private sellers rated the buyer (a summary only, never who rated); nil for a guest buyer.
    public var buyerRating: RatingSummary?
}

/// Refusals of seller fulfilment that are about the order as a whole.
public enum SellerOrderError: DomainError, Hashable {
    /// The buyer has not paid yet (or the order was cancelled): nothing may ship.
    case notPayable(OrderStatus)
    /// Shipped, delivered or cancelled sub-orders do not ship again.
    case alreadyMoved(SubOrderStatus)
    /// Delivery can be confirmed only for a shipped sub-order.
    case notShipped(SubOrderStatus)

    public var code: String {
        switch self {
        case .notPayable: "order_not_paid"
        case .alreadyMoved: "sub_order_not_open"
        case .notShipped: "sub_order_not_shipped"
        }
    }

    public var kind: ErrorKind { .conflict }

    public var message: String {
        switch self {
        case .notPayable(let status): "The order is \(status.rawValue): it cannot ship."
        case .alreadyMoved(let status): "This sub-order is \(status.rawValue) already."
        case .notShipped(let status): "This sub-order is \(status.rawValue), not shipped."
        }
    }
}

/// Sellers fulfil their own part of marketplace orders: list and read their sub-orders, ship them with a
/// carrier and tracking number, and confirm delivery — which credits their sale and the platform's fee to
/// their balance, once, held back for the withdrawal period.
public enum SellerOrders {
    public static func list(
        seller sellerID: SellerID, status: SubOrderStatus?, after cursor: SubOrderID?, limit: Int,
        on platform: Platform
    ) async throws -> [SubOrder] {
        try await platform.database.read { db in
            try await platform.orders.subOrders(
                ofSeller: sellerID.rawValue, status: status, after: cursor, limit: limit, on: db)
        }
    }

    public static func view(
        _ id: SubOrderID, seller sellerID: SellerID, on platform: Platform
    ) async throws -> SellerOrderView {
        try await platform.database.read { db in try await view(id, seller: sellerID, on: platform, db: db) }
    }

    /// Puts every unit of the sub-order still to ship into one parcel and hands it to `carrier`; the
    /// buyer's order shows the parcel with its tracking number.
    public static func ship(
        _ id: SubOrderID, seller sellerID: SellerID, carrier: String, trackingNumber: String, by actor: AuditActor,
        on platform: Platform
    ) async throws -> SellerOrderView {
        try await platform.database.inTransaction { db in
            let current = try await view(id, seller: sellerID, on: platform, db: db)
            guard current.subOrder.status == .open else { throw SellerOrderError.alreadyMoved(current.subOrder.status) }
            let order = try await platform.orders.order(current.subOrder.orderID, on: db)
            guard OrderStateMachine.fulfillable.contains(order.status) else {
                throw SellerOrderError.notPayable(order.status)
            }
            let units = current.lines.filter { $0.unfulfilledQuantity > 0 }.map {
                (lineID: $0.id, quantity: $0.unfulfilledQuantity)
            }
            if !units.isEmpty {
                let parcel = try await platform.orders.createFulfilment(order.id, lines: units, by: actor, on: db)
                _ = try await platform.orders.ship(
                    parcel.id, carrier: carrier, trackingNumber: trackingNumber, by: actor, on: db)
            }
            guard try await platform.orders.markSubOrderShipped(id, on: db) != nil else {
                throw SellerOrderError.alreadyMoved(current.subOrder.status)
            }
            return try await view(id, seller: sellerID, on: platform, db: db)
        }
    }

    /// The buyer received the sub-order: its parcels are delivered, and the seller's account is credited
    /// with the sale (goods and shipping) and debited the platform's fee. The sale becomes payable after
    /// ``Sellers/defaultHoldback``; the fee counts at once. A second confirmation changes nothing.
    public static func confirmDelivery(
        _ id: SubOrderID, seller sellerID: SellerID, by actor: AuditActor, on platform: Platform
    ) async throws -> SellerOrderView {
        try await platform.database.inTransaction { db in
            let current = try await view(id, seller: sellerID, on: platform, db: db)
            switch current.subOrder.status {
            case .shipped: break
            case .delivered: return current
            case .open, .cancelled: throw SellerOrderError.notShipped(current.subOrder.status)
            }
            for parcel in current.fulfilments where parcel.status == .shipped {
                _ = try await platform.orders.markDelivered(parcel.id, by: actor, on: db)
            }
            if let delivered = try await platform.orders.markSubOrderDelivered(id, on: db) {
                try await credit(delivered, seller: sellerID, on: platform, db: db)
            }
            return try await view(id, seller: sellerID, on: platform, db: db)
        }
    }

    /// The seller cannot fulfil their part (out of stock, damaged): its units are cancelled, given back to the
    /// seller's offers, and the buyer is refunded what they paid for them and their shipping — in one
    /// transaction, the card refund's provider call after it. The rest of the order goes ahead. Only before
    /// the sub-order ships; once, like every sub-order move.
    public static func cancel(
        _ id: SubOrderID, seller sellerID: SellerID, reason: String, by actor: AuditActor, on platform: Platform
    ) async throws -> SellerOrderView {
        let attempt = try await platform.database.inTransaction { db -> PaymentAttempt? in
            let current = try await view(id, seller: sellerID, on: platform, db: db)
            guard current.subOrder.status == .open else { throw SellerOrderError.alreadyMoved(current.subOrder.status) }
            let order = try await platform.orders.cancelUnfulfilled(
                current.subOrder.orderID, lines: current.subOrder.lineIDs, reason: reason, by: actor, on: db)
            try await MarketplaceCheckout.cancelSubOrders(of: order, only: id, on: platform, db: db)
            return try await AfterSale.startRefund(
                order, amount: try current.subOrder.goods.adding(current.subOrder.shipping), reason: reason,
                key: "sub_order:\(id.rawValue)", by: actor, on: platform, db: db)
        }
        if let attempt { _ = try await AfterSale.finish(attempt, on: platform) }
        return try await view(id, seller: sellerID, on: platform)
    }

    /// The sale and the fee of a delivered sub-order on the seller's account, keyed by the sub-order so
    /// they are recorded once.
    static func credit(
        _ subOrder: SubOrder, seller sellerID: SellerID, on platform: Platform, db: any SQLDatabase
    ) async throws {
        let delivered = subOrder.deliveredAt ?? platform.clock.now()
        var movements = [
            NewSellerMovement(
                sellerID: sellerID, kind: .sale, amount: try subOrder.goods.adding(subOrder.shipping),
                availableAt: delivered.addingTimeInterval(Sellers.defaultHoldback), reference: subOrder.number,
                key: "sale:\(subOrder.id.rawValue)")
        ]
        if subOrder.fee.isPositive {
            movements.append(
                NewSellerMovement(
                    sellerID: sellerID, kind: .fee, amount: try subOrder.fee.negated(), availableAt: delivered,
                    reference: subOrder.number, key: "fee:\(subOrder.id.rawValue)"))
        }
        try await platform.sellers.recordMovements(movements, on: db)
    }

    static func view(
        _ id: SubOrderID, seller sellerID: SellerID, on platform: Platform, db: any SQLDatabase
    ) async throws -> SellerOrderView {
        let subOrder = try await platform.orders.subOrder(id, ofSeller: sellerID.rawValue, on: db)
        let order = try await platform.orders.order(subOrder.orderID, on: db)
        let lines = order.lines.filter { subOrder.lineIDs.contains($0.id) }
        let own = Set(lines.map(\.id))
        let fulfilments = try await platform.orders.fulfilments(of: order.id, on: db).filter { parcel in
            parcel.lines.allSatisfy { own.contains($0.lineID) }
        }
        var buyerRating: RatingSummary?
        if let customerID = order.customerID {
            buyerRating = try await platform.reviews.buyerRatings(ofCustomer: customerID, on: db)
        }
        return SellerOrderView(
            subOrder: subOrder, orderNumber: order.number, placedAt: order.placedAt,
            shippingAddress: order.shippingAddress, lines: lines, fulfilments: fulfilments, buyerRating: buyerRating)
    }
}
