import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Orders {
    /// Puts units of a paid order into a new fulfilment (a parcel, or a pick-up for a pick-up order),
    /// at `locationID` (an Inventory location; a pick-up order defaults to its pick-up location).
    /// Appends `fulfilment.created`.
    ///
    /// Per line, fulfilled + cancelled units never exceed the ordered quantity: each line is taken with a
    /// guarded update, so concurrent fulfilments of the same line cannot over-fulfil it
    /// (`quantity_unavailable`, pointing at the line).
    public func createFulfilment(
        _ orderID: OrderID, lines requested: [(lineID: OrderLineID, quantity: Int)], locationID: String? = nil,
        by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> Fulfilment {
        let now = self.now
        return try await Savepoint.atomically("orders_fulfil", on: db) {
            guard let order = try await OrdersStore.lockedOrder(orderID, on: db) else {
                throw OrdersError.orderNotFound
            }
            try Self.validate(requested, of: order)
            guard OrderStateMachine.fulfillable.contains(order.status) else {
                throw OrdersError.invalidOrderTransition(from: order.status, to: .partiallyFulfilled)
            }
            var lines: [FulfilmentLine] = []
            for (index, request) in requested.enumerated() {
                guard try await OrdersStore.allocate(request.quantity, of: request.lineID, in: orderID, on: db) else {
                    let current = try await self.order(orderID, on: db).line(request.lineID)
                    throw OrdersError.quantityUnavailable(line: index, remaining: current?.unfulfilledQuantity ?? 0)
                }
                let sku = order.line(request.lineID)?.sku ?? ""
                lines.append(FulfilmentLine(lineID: request.lineID, sku: sku, quantity: request.quantity))
            }
            var location = locationID.map(Self.trimmed)
            if location == nil, case .pickup(let pickupLocation, _) = order.delivery { location = pickupLocation }
            let fulfilment = Fulfilment(
                id: FulfilmentID.generate(ids, at: now), orderID: orderID,
                kind: order.delivery.isPickup ? .pickup : .shipping,
                status: .pending, locationID: location, lines: lines, carrier: nil, trackingNumber: nil,
                pickupAttempts: 0, createdAt: now, updatedAt: now)
            try await OrdersStore.insert(fulfilment, on: db)
            try await record(
                FulfilmentCreated(fulfilment: Self.event(fulfilment, orderStatus: order.status)), order: orderID,
                visibleToCustomer: false, by: actor, now: now, on: db)
            try await audit.record(
                "fulfilment.created", by: actor, target: ("fulfilment", fulfilment.id.rawValue),
                detail: ["order_id": orderID.rawValue], on: db)
            return fulfilment
        }
    }

    public func fulfilment(_ id: FulfilmentID, on db: any SQLDatabase) async throws -> Fulfilment {
        guard let found = try await OrdersStore.fulfilment(id, on: db) else { throw OrdersError.fulfilmentNotFound }
        return found.fulfilment
    }

    public func fulfilments(of orderID: OrderID, on db: any SQLDatabase) async throws -> [Fulfilment] {
        try await OrdersStore.fulfilments(where: "order_id = \(bind: orderID.rawValue)", on: db).map(\.fulfilment)
    }

    /// The goods were picked from the shelves. Appends `fulfilment.picked`.
    @discardableResult
    public func markPicked(_ id: FulfilmentID, by actor: AuditActor, on db: any SQLDatabase) async throws -> Fulfilment
    {
        try await step(id, to: .picked, by: actor, on: db) { fulfilment, status in
            FulfilmentPicked(fulfilment: Self.event(fulfilment, orderStatus: status))
        }
    }

    /// The parcel is packed. Appends `fulfilment.packed`.
    @discardableResult
    public func markPacked(_ id: FulfilmentID, by actor: AuditActor, on db: any SQLDatabase) async throws -> Fulfilment
    {
        try await step(id, to: .packed, by: actor, on: db) { fulfilment, status in
            FulfilmentPacked(fulfilment: Self.event(fulfilment, orderStatus: status))
        }
    }

    /// The parcel left with `carrier` under `trackingNumber`; the order becomes partially fulfilled or
    /// fulfilled. Appends `fulfilment.shipped`.
    @discardableResult
    public func ship(
        _ id: FulfilmentID, carrier: String, trackingNumber: String, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> Fulfilment {
        let carrier = Self.trimmed(carrier)
        let trackingNumber = Self.trimmed(trackingNumber)
        var validator = Validator()
        validator.requireText(carrier, at: "/carrier", maximum: 100)
        validator.check(
            (4...64).contains(trackingNumber.count)
                && trackingNumber.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") },
            "/tracking_number", "must be 4 to 64 letters, digits or hyphens", code: "invalid_tracking_number")
        try validator.finish()
        return try await step(id, to: .shipped, carrier: carrier, trackingNumber: trackingNumber, by: actor, on: db) {
            fulfilment, status in
            FulfilmentShipped(fulfilment: Self.event(fulfilment, orderStatus: status))
        }
    }

    /// The carrier delivered the parcel; when every fulfilment is complete, the order is delivered.
    /// Appends `fulfilment.delivered`.
    @discardableResult
    public func markDelivered(
        _ id: FulfilmentID, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> Fulfilment {
        try await step(id, to: .delivered, by: actor, on: db) { fulfilment, status in
            FulfilmentDelivered(fulfilment: Self.event(fulfilment, orderStatus: status))
        }
    }

    static func validate(_ requested: [(lineID: OrderLineID, quantity: Int)], of order: Order) throws(ValidationError) {
        var validator = Validator()
        if requested.isEmpty { validator.add(OrdersError.linesRequired, at: "/lines") }
        var seen = Set<OrderLineID>()
        for (index, request) in requested.enumerated() {
            let pointer = FieldError.pointer("lines", String(index))
            if order.line(request.lineID) == nil {
                validator.add(OrdersError.unknownLine(request.lineID), at: pointer + "/line_id")
            } else if !seen.insert(request.lineID).inserted {
                validator.add(OrdersError.duplicateLine(request.lineID), at: pointer + "/line_id")
            }
            if request.quantity < 1 {
                validator.add(OrdersError.quantityMustBePositive, at: pointer + "/quantity")
            } else if request.quantity > Orders.maximumQuantity {
                validator.add(OrdersError.quantityTooLarge(maximum: Orders.maximumQuantity), at: pointer + "/quantity")
            }
        }
        try validator.finish()
    }

    static func event(_ fulfilment: Fulfilment, orderStatus: OrderStatus) -> FulfilmentEvent {
        FulfilmentEvent(
            fulfilmentID: fulfilment.id, orderID: fulfilment.orderID, status: fulfilment.status,
            locationID: fulfilment.locationID, carrier: fulfilment.carrier, trackingNumber: fulfilment.trackingNumber,
            lines: fulfilment.lines.map { EventLine(lineID: $0.lineID, sku: $0.sku, quantity: $0.quantity) },
            orderStatus: orderStatus)
    }
}
