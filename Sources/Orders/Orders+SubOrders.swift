import Foundation
import Persistence
public import SQLKit
public import TorvCore

extension Orders {
    /// The sellers' parts of an order, in the order they were planned.
    public func subOrders(of orderID: OrderID, on db: any SQLDatabase) async throws -> [SubOrder] {
        try await OrdersStore.subOrders(where: "order_id = \(bind: orderID.rawValue)", on: db)
    }

    /// One of a seller's own sub-orders: another seller's is "not found", never shown.
    public func subOrder(
        _ id: SubOrderID, ofSeller sellerID: String, on db: any SQLDatabase
    ) async throws -> SubOrder {
        guard
            let found = try await OrdersStore.subOrders(
                where: "id = \(bind: id.rawValue) AND seller_id = \(bind: sellerID)", on: db
            ).first
        else { throw OrdersError.subOrderNotFound }
        return found
    }

    /// A seller's sub-orders, newest last, optionally in one status, a page at a time after `cursor`.
    public func subOrders(
        ofSeller sellerID: String, status: SubOrderStatus?, after cursor: SubOrderID?, limit: Int,
        on db: any SQLDatabase
    ) async throws -> [SubOrder] {
        let limit = min(max(limit, 1), Self.maximumPageSize)
        let statusFilter: SQLQueryString = status.map { " AND status = \(bind: $0.rawValue)" } ?? ""
        return try await OrdersStore.subOrders(
            where: "seller_id = \(bind: sellerID) AND id > \(bind: cursor?.rawValue ?? "")\(statusFilter)",
            limit: limit,
            on: db)
    }

    /// The seller handed every unit of the sub-order to the carrier. Nil when it had moved on already.
    public func markSubOrderShipped(_ id: SubOrderID, on db: any SQLDatabase) async throws -> SubOrder? {
        try await OrdersStore.moveSubOrder(id, from: [.open], to: .shipped, now: now, on: db)
    }

    /// The buyer has every unit of the sub-order. Returns it only the first time, so the seller's sale is
    /// credited once however often delivery is reported.
    public func markSubOrderDelivered(_ id: SubOrderID, on db: any SQLDatabase) async throws -> SubOrder? {
        try await OrdersStore.moveSubOrder(id, from: [.open, .shipped], to: .delivered, now: now, on: db)
    }

    /// Cancels a sub-order that has not shipped. Returns it only the first time, so its stock goes back
    /// to the seller's offer once.
    public func cancelSubOrder(_ id: SubOrderID, on db: any SQLDatabase) async throws -> SubOrder? {
        try await OrdersStore.moveSubOrder(id, from: [.open], to: .cancelled, now: now, on: db)
    }
}
