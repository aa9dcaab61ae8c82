import Flows
import Foundation
import Orders
import Reviews
import Sellers
import TorvAPI
import TorvCore

/// `/v1/seller/orders…`: a seller fulfils their own parts of marketplace orders. The seller comes from
/// the signed-in seller user; another seller's sub-order is `sub_order_not_found`.
extension APIHandlers {
    func listOwnSellerOrders(
        _ input: Operations.ListOwnSellerOrders.Input
    ) async throws -> Operations.ListOwnSellerOrders.Output {
        let id = try ownSeller()
        let limit = try Paging.limit(input.query.limit)
        let cursor = try Paging.cursor(input.query.after, as: SubOrderID.self)
        let status = input.query.status.flatMap { SubOrderStatus(rawValue: $0.rawValue) }
        let fetched = try await SellerOrders.list(
            seller: id, status: status, after: cursor, limit: limit + 1, on: platform)
        let page = Paging.page(fetched, limit: limit) { $0.id.rawValue }
        return .ok(
            .init(
                body: .json(
                    .init(items: page.items.map(Components.Schemas.SellerSubOrderSummary.init), next: page.next))))
    }

    func getOwnSellerOrder(
        _ input: Operations.GetOwnSellerOrder.Input
    ) async throws -> Operations.GetOwnSellerOrder.Output {
        let view = try await SellerOrders.view(
            try subOrderID(input.path.subOrderId), seller: try ownSeller(), on: platform)
        return .ok(.init(body: .json(.init(view))))
    }

    func shipOwnSellerOrder(
        _ input: Operations.ShipOwnSellerOrder.Input
    ) async throws -> Operations.ShipOwnSellerOrder.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let view = try await SellerOrders.ship(
            try subOrderID(input.path.subOrderId), seller: try ownSeller(), carrier: body.carrier,
            trackingNumber: body.trackingNumber, by: try actor(), on: platform)
        return .ok(.init(body: .json(.init(view))))
    }

    func confirmOwnSellerOrderDelivery(
        _ input: Operations.ConfirmOwnSellerOrderDelivery.Input
    ) async throws -> Operations.ConfirmOwnSellerOrderDelivery.Output {
        let view = try await SellerOrders.confirmDelivery(
            try subOrderID(input.path.subOrderId), seller: try ownSeller(), by: try actor(), on: platform)
        return .ok(.init(body: .json(.init(view))))
    }

    func cancelOwnSellerOrder(
        _ input: Operations.CancelOwnSellerOrder.Input
    ) async throws -> Operations.CancelOwnSellerOrder.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let view = try await SellerOrders.cancel(
            try subOrderID(input.path.subOrderId), seller: try ownSeller(), reason: body.reason, by: try actor(),
            on: platform)
        return .ok(.init(body: .json(.init(view))))
    }

    private func subOrderID(_ text: String) throws -> SubOrderID {
        try pathID(text, as: SubOrderID.self, notFound: OrdersError.subOrderNotFound)
    }
}

extension Components.Schemas.SellerSubOrderSummary {
    init(_ subOrder: SubOrder) {
        self.init(
            id: subOrder.id.rawValue, number: subOrder.number,
            status: .init(rawValue: subOrder.status.rawValue) ?? .open,
            goods: .init(subOrder.goods), shipping: .init(subOrder.shipping), fee: .init(subOrder.fee),
            sellerNet: .init(subOrder.sellerNet), createdAt: subOrder.createdAt)
    }
}

extension Components.Schemas.SellerSubOrder {
    init(_ view: SellerOrderView) {
        let subOrder = view.subOrder
        self.init(
            id: subOrder.id.rawValue, number: subOrder.number, orderNumber: view.orderNumber,
            status: .init(rawValue: subOrder.status.rawValue) ?? .open, placedAt: view.placedAt,
            deliveredAt: subOrder.deliveredAt,
            shippingAddress: view.shippingAddress.map(Components.Schemas.Address.init),
            lines: view.lines.map {
                .init(
                    id: $0.id.rawValue, variantId: $0.variantID, sku: $0.sku, productTitle: $0.productTitle,
                    variantTitle: $0.variantTitle, quantity: $0.quantity, unitPrice: .init($0.unitPrice),
                    subtotal: .init($0.subtotal), discount: .init($0.discount), taxRateBasisPoints: $0.taxRate,
                    tax: .init($0.tax), total: .init($0.total), fulfilledQuantity: $0.fulfilledQuantity,
                    returnedQuantity: $0.returnedQuantity, sellerId: $0.sellerID)
            }, fulfilments: view.fulfilments.map { Components.Schemas.Fulfilment($0) }, goods: .init(subOrder.goods),
            shipping: .init(subOrder.shipping), fee: .init(subOrder.fee), sellerNet: .init(subOrder.sellerNet),
            buyerRating: view.buyerRating.map(Components.Schemas.RatingSummary.init))
    }
}
