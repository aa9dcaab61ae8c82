import Flows
import Foundation
import Identity
import Inventory
import OpenAPIRuntime
import Orders
import Payments
import Persistence
import TorvAPI
import TorvCore

extension APIHandlers {
    func listMyOrders(_ input: Operations.ListMyOrders.Input) async throws -> Operations.ListMyOrders.Output {
        let customer = try Caller.customer().rawValue
        let limit = try Paging.limit(input.query.limit)
        let after = try Paging.cursor(input.query.after, as: OrderID.self)
        let orders = platform.orders
        let fetched = try await platform.database.read { db in
            try await orders.orders(ofCustomer: customer, after: after, limit: limit + 1, on: db)
        }
        let page = Paging.page(fetched, limit: limit) { $0.id.rawValue }
        return .ok(.init(body: .json(.init(items: page.items.map { .init($0) }, next: page.next))))
    }

    func getMyOrder(_ input: Operations.GetMyOrder.Input) async throws -> Operations.GetMyOrder.Output {
        let id = try pathID(input.path.orderId, as: OrderID.self, notFound: OrdersError.orderNotFound)
        let details = try await OrderDetails.load(id, ofCustomer: try Caller.customer().rawValue, on: platform)
        return .ok(.init(body: .json(.init(details))))
    }

    func requestReturn(_ input: Operations.RequestReturn.Input) async throws -> Operations.RequestReturn.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let customer = try Caller.customer().rawValue
        let id = try pathID(input.path.orderId, as: OrderID.self, notFound: OrdersError.orderNotFound)
        var fields = FieldIDs()
        let lines = body.lines.enumerated().map { index, line in
            (
                lineID: fields.id(line.lineId, as: OrderLineID.self, at: "/lines/\(index)/line_id"),
                quantity: line.quantity, reason: line.reason
            )
        }
        try fields.finish()
        let orders = platform.orders
        let created = try await platform.database.inTransaction { db in
            _ = try await orders.order(id, ofCustomer: customer, on: db)
            return try await orders.requestReturn(id, lines: lines, by: .customer(customer), on: db)
        }
        return .created(.init(body: .json(.init(created))))
    }

    func listOrders(_ input: Operations.ListOrders.Input) async throws -> Operations.ListOrders.Output {
        let query = input.query
        let limit = try Paging.limit(query.limit)
        let after = try Paging.cursor(query.after, as: OrderID.self)
        let filter = OrderQuery(
            status: query.status.flatMap { OrderStatus(rawValue: $0.rawValue) }, customerID: query.customerId,
            text: query.q)
        let orders = platform.orders
        let fetched = try await platform.database.read { db in
            try await orders.orders(matching: filter, after: after, limit: limit + 1, on: db)
        }
        let page = Paging.page(fetched, limit: limit) { $0.id.rawValue }
        return .ok(.init(body: .json(.init(items: page.items.map { .init($0) }, next: page.next))))
    }

    func getOrder(_ input: Operations.GetOrder.Input) async throws -> Operations.GetOrder.Output {
        let id = try pathID(input.path.orderId, as: OrderID.self, notFound: OrdersError.orderNotFound)
        return .ok(.init(body: .json(.init(try await OrderDetails.load(id, on: platform)))))
    }

    func addOrderNote(_ input: Operations.AddOrderNote.Input) async throws -> Operations.AddOrderNote.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let id = try pathID(input.path.orderId, as: OrderID.self, notFound: OrdersError.orderNotFound)
        let actor = try actor()
        let orders = platform.orders
        try await platform.database.inTransaction { db in
            _ = try await orders.addNote(
                id, text: body.text, visibleToCustomer: body.visibleToCustomer ?? false, by: actor, on: db)
        }
        return .ok(.init(body: .json(.init(try await OrderDetails.load(id, on: platform)))))
    }

    func cancelOrder(_ input: Operations.CancelOrder.Input) async throws -> Operations.CancelOrder.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let id = try pathID(input.path.orderId, as: OrderID.self, notFound: OrdersError.orderNotFound)
        _ = try await AfterSale.cancel(id, reason: body.reason, by: try actor(), on: platform)
        return .ok(.init(body: .json(.init(try await OrderDetails.load(id, on: platform)))))
    }

    func refundOrder(_ input: Operations.RefundOrder.Input) async throws -> Operations.RefundOrder.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let id = try pathID(input.path.orderId, as: OrderID.self, notFound: OrdersError.orderNotFound)
        let amount = try Self.money(body.amount, at: "/amount")
        _ = try await AfterSale.refund(
            id, amount: amount, reason: body.reason,
            key: input.headers.idempotencyKey ?? UUID().uuidString, by: try actor(), on: platform)
        return .ok(.init(body: .json(.init(try await OrderDetails.load(id, on: platform)))))
    }

    func createFulfilment(_ input: Operations.CreateFulfilment.Input) async throws -> Operations.CreateFulfilment.Output
    {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let id = try pathID(input.path.orderId, as: OrderID.self, notFound: OrdersError.orderNotFound)
        var fields = FieldIDs()
        let lines = body.lines.enumerated().map { index, line in
            (
                lineID: fields.id(line.lineId, as: OrderLineID.self, at: "/lines/\(index)/line_id"),
                quantity: line.quantity
            )
        }
        try fields.finish()
        let actor = try actor()
        let orders = platform.orders
        let location = body.locationId
        _ = try await platform.database.inTransaction { db in
            try await orders.createFulfilment(id, lines: lines, locationID: location, by: actor, on: db)
        }
        return .created(.init(body: .json(.init(try await OrderDetails.load(id, on: platform)))))
    }

    func progressFulfilment(
        _ input: Operations.ProgressFulfilment.Input
    ) async throws -> Operations.ProgressFulfilment.Output {
        guard case .json(let step) = input.body else { throw RequestError.unsupportedBody }
        let id = try pathID(input.path.fulfilmentId, as: FulfilmentID.self, notFound: OrdersError.fulfilmentNotFound)
        let actor = try actor()
        let orders = platform.orders
        let fulfilment: Fulfilment
        let pickupCode: String?
        switch step.action {
        case .collect:
            guard let code = step.pickupCode else {
                throw ValidationError([
                    FieldError(pointer: "/pickup_code", message: "is required to hand over", code: "required")
                ])
            }
            fulfilment = try await orders.collect(id, pickupCode: code, by: actor, in: platform.database)
            pickupCode = nil
        default:
            (fulfilment, pickupCode) = try await platform.database.inTransaction { db -> (Fulfilment, String?) in
                switch step.action {
                case .pick: return (try await orders.markPicked(id, by: actor, on: db), nil)
                case .pack: return (try await orders.markPacked(id, by: actor, on: db), nil)
                case .ship:
                    return (
                        try await orders.ship(
                            id, carrier: step.carrier ?? "", trackingNumber: step.trackingNumber ?? "", by: actor,
                            on: db), nil
                    )
                case .deliver: return (try await orders.markDelivered(id, by: actor, on: db), nil)
                case .readyForPickup:
                    let ready = try await orders.readyForPickup(id, by: actor, on: db)
                    return (ready.fulfilment, ready.code)
                case .collect: throw OrdersError.fulfilmentNotFound
                }
            }
        }
        var details = try await OrderDetails.load(fulfilment.orderID, on: platform)
        details.pickupCode = pickupCode.map { (fulfilment.id, $0) }
        return .ok(.init(body: .json(.init(details))))
    }

    func progressReturn(_ input: Operations.ProgressReturn.Input) async throws -> Operations.ProgressReturn.Output {
        guard case .json(let step) = input.body else { throw RequestError.unsupportedBody }
        let id = try pathID(input.path.returnId, as: ReturnID.self, notFound: OrdersError.returnNotFound)
        let actor = try actor()
        let orders = platform.orders
        let result: OrderReturn
        switch step.action {
        case .approve:
            result = try await platform.database.inTransaction { db in
                try await orders.approveReturn(id, by: actor, on: db)
            }
        case .reject:
            result = try await platform.database.inTransaction { db in
                try await orders.rejectReturn(id, reason: step.reason ?? "", by: actor, on: db)
            }
        case .receive:
            result = try await platform.database.inTransaction { db in
                try await orders.receiveReturn(id, by: actor, on: db)
            }
        case .inspect:
            var fields = FieldIDs()
            var outcomes: [OrderLineID: InspectionOutcome] = [:]
            for (index, entry) in (step.outcomes ?? []).enumerated() {
                let line = fields.id(entry.lineId, as: OrderLineID.self, at: "/outcomes/\(index)/line_id")
                outcomes[line] = entry.outcome == .restock ? .restock : .writeOff
            }
            let location = step.locationId.map {
                fields.id($0, as: StockLocationID.self, at: "/location_id")
            }
            try fields.finish()
            result = try await AfterSale.inspect(id, outcomes: outcomes, restockAt: location, by: actor, on: platform)
        case .refund:
            result = try await AfterSale.refundReturn(
                id, includeShipping: step.includeShipping ?? false, by: actor, on: platform)
        }
        return .ok(.init(body: .json(.init(result))))
    }

    /// Verified over the exact bytes received: the body is never decoded before its signature holds.
    func receivePaymentWebhook(
        _ input: Operations.ReceivePaymentWebhook.Input
    ) async throws -> Operations.ReceivePaymentWebhook.Output {
        guard case .any(let body) = input.body else { throw RequestError.unsupportedBody }
        let bytes = try await [UInt8](collecting: body, upTo: 1 << 20)
        let headers = [
            "webhook-id": input.headers.webhookId, "webhook-timestamp": input.headers.webhookTimestamp,
            "webhook-signature": input.headers.webhookSignature,
        ]
        let application = try await PaymentWebhooks.receive(
            provider: input.path.provider, headers: headers, body: bytes, on: platform)
        let status: Components.Schemas.WebhookReceipt.StatusPayload =
            switch application {
            case .applied: .applied
            case .duplicate: .duplicate
            case .stale: .stale
            }
        return .ok(.init(body: .json(.init(status: status))))
    }
}

extension Components.Schemas.Order {
    init(_ details: OrderDetails) {
        self.init(
            details.order, payments: details.payments,
            fulfilments: details.fulfilments, returns: details.returns, timeline: details.timeline)
        if !details.subOrders.isEmpty {
            subOrders = details.subOrders.map {
                .init(
                    id: $0.id.rawValue, number: $0.number, sellerId: $0.sellerID,
                    status: .init(rawValue: $0.status.rawValue) ?? .open, lineIds: $0.lineIDs.map(\.rawValue),
                    shipping: .init($0.shipping))
            }
        }
        if let (fulfilmentID, code) = details.pickupCode,
            let index = fulfilments?.firstIndex(where: { $0.id == fulfilmentID.rawValue })
        {
            fulfilments?[index].pickupCode = code
        }
    }
}
