import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Orders {
    /// Opens a return (RMA, numbered like `R-100007`) for shipped units that are not already in another
    /// return. A customer may only return their own order (`order_not_found` otherwise). The order must be
    /// fulfilled, delivered or partially returned. Appends `return.requested`.
    public func requestReturn(
        _ orderID: OrderID, lines requested: [(lineID: OrderLineID, quantity: Int, reason: String)],
        by requester: ReturnRequester, on db: any SQLDatabase
    ) async throws -> OrderReturn {
        let now = self.now
        return try await Savepoint.atomically("orders_request_return", on: db) {
            guard let order = try await OrdersStore.lockedOrder(orderID, on: db) else {
                throw OrdersError.orderNotFound
            }
            if case .customer(let customerID) = requester, order.customerID != customerID {
                throw OrdersError.orderNotFound
            }
            var validator = Validator()
            for (index, request) in requested.enumerated() {
                validator.requireText(
                    request.reason, at: FieldError.pointer("lines", String(index), "reason"), maximum: 1000)
            }
            do {
                try Self.validate(requested.map { (lineID: $0.lineID, quantity: $0.quantity) }, of: order)
            } catch let error as ValidationError {
                error.fieldErrors.forEach { validator.add($0) }
            }
            try validator.finish()
            guard OrderStateMachine.returnable.contains(order.status) else {
                throw OrdersError.invalidOrderTransition(from: order.status, to: .partiallyReturned)
            }
            var lines: [ReturnLine] = []
            for (index, request) in requested.enumerated() {
                guard try await OrdersStore.requestUnits(request.quantity, of: request.lineID, in: orderID, on: db)
                else {
                    let current = try await self.order(orderID, on: db).line(request.lineID)
                    throw OrdersError.quantityUnavailable(line: index, remaining: current?.returnableQuantity ?? 0)
                }
                let line = order.line(request.lineID)
                lines.append(
                    ReturnLine(
                        lineID: request.lineID, sku: line?.sku ?? "", variantID: line?.variantID ?? "",
                        quantity: request.quantity, reason: Self.trimmed(request.reason), unitOffset: nil, refund: nil,
                        outcome: nil))
            }
            let number = HumanNumber.returnAuthorisation(try await OrdersStore.nextNumber("return", on: db))
            let orderReturn = OrderReturn(
                id: ReturnID.generate(ids, at: now), number: number, orderID: orderID, status: .requested, lines: lines,
                requestedBy: requester.actor, rejectionReason: nil, exchangeOrderID: nil, exchangeCredit: nil,
                refundedAmount: nil,
                paymentRefundID: nil, createdAt: now, updatedAt: now)
            try await OrdersStore.insert(orderReturn, on: db)
            try await record(
                ReturnRequested(orderReturn: Self.event(orderReturn)), order: orderID, message: number,
                visibleToCustomer: true, by: requester.actor, now: now, on: db)
            if case .staff(let actor) = requester {
                try await audit.record(
                    "return.requested", by: actor, target: ("return", orderReturn.id.rawValue),
                    detail: ["order_id": orderID.rawValue], on: db)
            }
            return orderReturn
        }
    }

    public func orderReturn(_ id: ReturnID, on db: any SQLDatabase) async throws -> OrderReturn {
        guard let found = try await OrdersStore.returns(where: "r.id = \(bind: id.rawValue)", on: db).first else {
            throw OrdersError.returnNotFound
        }
        return found
    }

    public func returns(of orderID: OrderID, on db: any SQLDatabase) async throws -> [OrderReturn] {
        try await OrdersStore.returns(where: "r.order_id = \(bind: orderID.rawValue)", on: db)
    }

    /// Accepts the return: its units are numbered, which fixes each line's refund (see ``RefundRule``).
    /// Appends `return.approved`.
    @discardableResult
    public func approveReturn(_ id: ReturnID, by actor: AuditActor, on db: any SQLDatabase) async throws -> OrderReturn
    {
        try await returnStep(id, to: .approved, by: actor, on: db) { orderReturn, order, _ in
            for line in orderReturn.lines {
                guard let orderLine = order.line(line.lineID),
                    let approved = try await OrdersStore.approveUnits(line.quantity, of: line.lineID, on: db)
                else { throw OrdersError.invalidReturnTransition(from: orderReturn.status, to: .approved) }
                let offset = approved - line.quantity
                let refund = try RefundRule.value(
                    ofUnits: line.quantity, from: offset, ofLine: orderLine.total, quantity: orderLine.quantity)
                try await OrdersStore.setRefund(refund, offset: offset, of: line.lineID, in: id, on: db)
            }
            return ReturnApproved(orderReturn: Self.event(try await self.orderReturn(id, on: db)))
        }
    }

    /// Refuses the return; its units may be requested again. Appends `return.rejected`.
    @discardableResult
    public func rejectReturn(
        _ id: ReturnID, reason: String, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> OrderReturn {
        let reason = Self.trimmed(reason)
        var validator = Validator()
        validator.requireText(reason, at: "/reason", maximum: 1000)
        try validator.finish()
        return try await returnStep(id, to: .rejected, rejectionReason: reason, by: actor, on: db) {
            orderReturn, _, _ in
            for line in orderReturn.lines {
                try await OrdersStore.releaseUnits(line.quantity, of: line.lineID, on: db)
            }
            return ReturnRejected(orderReturn: Self.event(try await self.orderReturn(id, on: db)), reason: reason)
        }
    }

    /// The goods arrived back; the order becomes partially returned or, when every shipped unit is back,
    /// returned. Appends `return.received`.
    @discardableResult
    public func receiveReturn(_ id: ReturnID, by actor: AuditActor, on db: any SQLDatabase) async throws -> OrderReturn
    {
        try await returnStep(id, to: .received, by: actor, on: db) { orderReturn, _, now in
            for line in orderReturn.lines {
                try await OrdersStore.receiveUnits(line.quantity, of: line.lineID, on: db)
            }
            var order = try await self.order(orderReturn.orderID, on: db)
            let shipped = order.lines.reduce(0) { $0 + $1.shippedQuantity }
            let returned = order.lines.reduce(0) { $0 + $1.returnedQuantity }
            let target: OrderStatus = returned >= shipped ? .returned : .partiallyReturned
            if target != order.status {
                order = try await move(order, to: target, now: now, on: db)
                try await recordStatus(target, of: order.id, by: actor, now: now, on: db)
            }
            return ReturnReceived(orderReturn: Self.event(try await self.orderReturn(id, on: db)))
        }
    }

    /// Records the inspection of each line of a received return and tells the flow what to restock.
    /// Every line needs an outcome. Appends `return.inspected`.
    public func inspectReturn(
        _ id: ReturnID, outcomes: [OrderLineID: InspectionOutcome], by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> InspectedReturn {
        let existing = try await self.orderReturn(id, on: db)
        var validator = Validator()
        for (index, line) in existing.lines.enumerated() where outcomes[line.lineID] == nil {
            validator.add(OrdersError.inspectionMissing(line.lineID), at: FieldError.pointer("lines", String(index)))
        }
        for lineID in outcomes.keys.sorted() where !existing.lines.contains(where: { $0.lineID == lineID }) {
            validator.add(OrdersError.unknownLine(lineID), at: FieldError.pointer("outcomes", lineID.rawValue))
        }
        try validator.finish()
        let inspected = try await returnStep(id, to: .inspected, by: actor, on: db) { orderReturn, _, _ in
            for line in orderReturn.lines {
                try await OrdersStore.setOutcome(outcomes[line.lineID] ?? .writeOff, of: line.lineID, in: id, on: db)
            }
            let updated = try await self.orderReturn(id, on: db)
            let (restock, writtenOff) = Self.split(updated)
            return ReturnInspected(
                orderReturn: Self.event(updated), restocked: restock.map(Self.eventLine),
                writtenOff: writtenOff.map(Self.eventLine))
        }
        let (restock, writtenOff) = Self.split(inspected)
        return InspectedReturn(orderReturn: inspected, restock: restock, writtenOff: writtenOff)
    }

    /// Moves a return one step along ``ReturnStateMachine`` under the order's row lock, runs the step's
    /// own writes, and records the event it returns.
    func returnStep<E: DomainEvent>(
        _ id: ReturnID, to status: ReturnStatus, rejectionReason: String? = nil,
        refund: (amount: Money, paymentRefundID: String, shipping: Money)? = nil, by actor: AuditActor,
        on db: any SQLDatabase, _ body: @escaping (OrderReturn, Order, Date) async throws -> E
    ) async throws -> OrderReturn {
        let now = self.now
        return try await Savepoint.atomically("orders_return_step", on: db) {
            let found = try await self.orderReturn(id, on: db)
            guard let order = try await OrdersStore.lockedOrder(found.orderID, on: db) else {
                throw OrdersError.orderNotFound
            }
            let current = try await self.orderReturn(id, on: db)
            guard ReturnStateMachine.canMove(from: current.status, to: status),
                try await OrdersStore.move(
                    id, from: current.status, to: status, rejectionReason: rejectionReason, refund: refund, now: now,
                    on: db)
            else { throw OrdersError.invalidReturnTransition(from: current.status, to: status) }
            let event = try await body(current, order, now)
            try await record(
                event, order: order.id, message: rejectionReason, visibleToCustomer: true, by: actor, now: now, on: db)
            try await audit.record(
                "return.\(status.rawValue)", by: actor, target: ("return", id.rawValue),
                detail: ["order_id": order.id.rawValue], on: db)
            return try await self.orderReturn(id, on: db)
        }
    }

    static func split(_ orderReturn: OrderReturn) -> (restock: [RestockLine], writtenOff: [RestockLine]) {
        let restock = orderReturn.lines.filter { $0.outcome == .restock }.map(restockLine)
        let writtenOff = orderReturn.lines.filter { $0.outcome == .writeOff }.map(restockLine)
        return (restock, writtenOff)
    }

    static func restockLine(_ line: ReturnLine) -> RestockLine {
        RestockLine(lineID: line.lineID, sku: line.sku, variantID: line.variantID, quantity: line.quantity)
    }

    static func eventLine(_ line: RestockLine) -> EventLine {
        EventLine(lineID: line.lineID, sku: line.sku, quantity: line.quantity)
    }

    static func event(_ orderReturn: OrderReturn) -> ReturnEvent {
        ReturnEvent(
            returnID: orderReturn.id, number: orderReturn.number, orderID: orderReturn.orderID,
            status: orderReturn.status,
            lines: orderReturn.lines.map { EventLine(lineID: $0.lineID, sku: $0.sku, quantity: $0.quantity) })
    }
}
